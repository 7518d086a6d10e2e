"""The heat-map of the last weeks: one widget drawing rich Text (not one widget per day).

Rows are the days of the week (Monday first), columns the weeks (oldest first), month names above.
A day is a filled square in the success colour when the prescription was met, a dimmer square when
there were sessions but it was not met, a faint dot when there were none, and blank after today.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from sessiontimer.core.insights.trends import MET, NONE, SOME

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
LABEL_WIDTH = 4  # "Mon "
CELL_WIDTH = 2  # a square and a space
GLYPHS = {MET: "■", SOME: "■", NONE: "·"}
LEGEND = ((MET, "met"), (SOME, "some"), (NONE, "none"))


class Heatmap(Widget):
    """7 rows × N weeks of day marks ("met", "some", "none", or None for days to come)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "heatmap--met",
        "heatmap--some",
        "heatmap--none",
        "heatmap--label",
    }
    DEFAULT_CSS = """
    Heatmap {
        width: auto;
        height: auto;
    }
    Heatmap > .heatmap--met {
        color: $success;
        text-style: bold;
    }
    Heatmap > .heatmap--some {
        color: $success 45%;
    }
    Heatmap > .heatmap--none {
        color: $foreground 30%;
    }
    Heatmap > .heatmap--label {
        color: $text-muted;
    }
    """

    def __init__(
        self,
        grid: Sequence[Sequence[str | None]],
        month_labels: Sequence[str],
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.grid = [list(row) for row in grid]
        self.month_labels = list(month_labels)

    @property
    def weeks(self) -> int:
        return max((len(row) for row in self.grid), default=0)

    def _styles(self) -> dict[str, Style]:
        return {mark: blended(self, f"heatmap--{mark}") for mark in (MET, SOME, NONE, "label")}

    def get_content_width(self, container: Size, viewport: Size) -> int:
        legend = sum(len(GLYPHS[mark]) + 1 + len(words) for mark, words in LEGEND) + 4
        return max(LABEL_WIDTH + CELL_WIDTH * self.weeks + 1, legend)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 + len(self.grid) + 1  # months, the days, the legend

    def render(self) -> Text:
        styles = self._styles()
        text = Text(no_wrap=True, overflow="crop")
        text.append(months_line(self.month_labels), styles["label"])
        for name, row in zip(DAY_NAMES, self.grid, strict=False):
            text.append("\n")
            text.append(f"{name:<{LABEL_WIDTH}}", styles["label"])
            for cell in row:
                if cell is None:
                    text.append(" " * CELL_WIDTH)
                else:
                    text.append(GLYPHS.get(cell, "?"), styles.get(cell, Style()))
                    text.append(" " * (CELL_WIDTH - 1))
        text.append("\n")
        for index, (mark, words) in enumerate(LEGEND):  # "■ met  ■ some  · none"
            text.append("  " if index else "")
            text.append(GLYPHS[mark], styles[mark])
            text.append(f" {words}", styles["label"])
        return text


def blended(widget: Widget, component: str) -> Style:
    """A component class's colour (and text style) as a rich Style, a translucent colour blended
    with the widget's background (so "$success 45%" comes out as a dimmer green)."""
    styles = widget.get_component_styles(component)
    _, background = widget.background_colors
    style = Style(color=(background + styles.color).rich_color)
    return style + styles.text_style


def months_line(labels: Sequence[str]) -> str:
    """The month names above their columns. Where two would overlap (a month starting in the second
    week shown), the later one wins: the first column's month is only context."""
    placed: list[tuple[int, str]] = []
    for column, label in enumerate(labels):
        if not label:
            continue
        start = LABEL_WIDTH + CELL_WIDTH * column
        if placed and placed[-1][0] + len(placed[-1][1]) >= start:
            placed.pop()
        placed.append((start, label))
    line = ""
    for start, label in placed:
        line = line.ljust(start) + label
    return line
