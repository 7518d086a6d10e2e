"""A one-line bar of how much is done, with an optional label at its right (the time left).

Textual's ProgressBar keeps a once-a-second timer of its own (for its ETA); this bar has none: it
redraws only when what it shows changes (the number of filled cells, or the label). Bar and label
are one widget, not a row of two: every widget on the session screen costs start-up time and
memory.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

LABEL_WIDTH = 14  # cells kept for the label, so the bar does not move as "10:00 left" gets shorter


class RoutineProgress(Widget):
    COMPONENT_CLASSES = {"routine-progress--label"}
    DEFAULT_CSS = """
    RoutineProgress {
        height: 1;
        width: 1fr;
        color: $primary;
        background: $surface;
        & > .routine-progress--label {
            color: $foreground;
            background: $background;
        }
    }
    """

    def __init__(self, *, id: str | None = None, labelled: bool = False) -> None:
        super().__init__(id=id)
        self._fraction = 0.0
        self._cells = -1
        self._labelled = labelled
        self._label = ""

    @property
    def fraction(self) -> float:
        return self._fraction

    def set_fraction(self, fraction: float, label: str | None = None) -> None:
        """0.0 to 1.0, and the label (when the bar has one); redraws only when what is shown
        changes."""
        self._fraction = min(max(fraction, 0.0), 1.0)
        changed = label is not None and label != self._label
        if label is not None:
            self._label = label
        if changed or self._filled(self._bar_width(self.size.width)) != self._cells:
            self.refresh()

    def _bar_width(self, width: int) -> int:
        return max(width - LABEL_WIDTH, 0) if self._labelled else width

    def _filled(self, width: int) -> int:
        return round(self._fraction * width)

    def on_resize(self) -> None:
        self.refresh()

    def render(self) -> Text:
        width = self.size.width
        bar = self._bar_width(width)
        self._cells = self._filled(bar)
        text = Text.assemble(("━" * self._cells, "bold"), ("─" * (bar - self._cells), "dim"))
        if self._labelled:
            style = self.get_component_rich_style("routine-progress--label")
            text.append(self._label.rjust(width - bar)[: width - bar], style)
        return text
