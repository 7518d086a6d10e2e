"""The top of the session screen, as one widget: what is happening now in big letters (HOLD, REST,
PAUSED...), the step's name under it, and at the right a coloured box naming the side.

One widget instead of four (two lines, a box and the container that places them): each widget
costs the session screen's first frame about 1.5 ms, and this one screen is the app's first.
"""

from __future__ import annotations

from typing import Literal

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

SIDE_WIDTH = 16  # the side box: 16 cells by 3 lines, the name of the side in its middle
SIDE_HEIGHT = 3
NAME_LINES = 2  # a long step name wraps to two lines at most
PHASE_LINES = 2  # and so does the phase ("REPS — SPACE WHEN DONE")
NARROW = 8  # fewer cells than this beside the box: one cut-off line each, no wrapping

State = Literal["", "paused", "alarm"]


class Heading(Widget):
    COMPONENT_CLASSES = {
        "heading--phase",
        "heading--paused",
        "heading--alarm",
        "heading--name",
        "heading--left",
        "heading--right",
    }
    DEFAULT_CSS = """
    Heading {
        height: auto;
        text-wrap: nowrap;  /* the lines are wrapped here, where the box is known */
        text-overflow: clip;
        & > .heading--phase {
            color: $foreground;
            text-style: bold;
        }
        & > .heading--paused {
            color: $warning;
            text-style: bold reverse;
        }
        & > .heading--alarm {
            color: $error;
            text-style: bold reverse;
        }
        & > .heading--name {
            text-style: bold;
        }
        & > .heading--left {
            background: $primary;
            color: $text;
            text-style: bold;
        }
        & > .heading--right {
            background: $accent;
            color: $background;
            text-style: bold;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.phase = ""  # e.g. "HOLD"
        self.step_name = ""
        self.side = ""  # "LEFT", "RIGHT" or ""
        self.state: State = ""

    def show(self, phase: str, step_name: str, side: str, state: State = "") -> None:
        """Show these (plain text); redraws only when something changed."""
        if (phase, step_name, side, state) == (self.phase, self.step_name, self.side, self.state):
            return
        width = self.content_region.width  # (0 before the first layout)
        before = len(self._lines(width)) if width else 0
        self.phase, self.step_name, self.side, self.state = phase, step_name, side, state
        # a new layout only when the height changes (a longer name or phase, the box)
        self.refresh(layout=not width or len(self._lines(width)) != before)

    def _lines(self, width: int) -> list[Text]:
        """The two parts side by side, one Text per line (styles as spans: a padded line is not
        coloured to its end)."""
        left_width = max(width - SIDE_WIDTH, 1) if self.side else max(width, 1)
        phase_style = self.get_component_rich_style(f"heading--{self.state or 'phase'}")
        narrow = left_width < NARROW
        left = self._wrap(self.phase, phase_style, left_width, 1 if narrow else PHASE_LINES)
        name_style = self.get_component_rich_style("heading--name")
        left += self._wrap(self.step_name, name_style, left_width, 1 if narrow else NAME_LINES)
        if not self.side:
            return left
        box_style = self.get_component_rich_style(f"heading--{self.side.lower()}")
        box = [" " * SIDE_WIDTH] * SIDE_HEIGHT
        box[SIDE_HEIGHT // 2] = self.side.center(SIDE_WIDTH)[:SIDE_WIDTH]
        left += [Text(end="")] * (SIDE_HEIGHT - len(left))
        lines = []
        for index, part in enumerate(left):
            line = part[:left_width]
            line.append(" " * (left_width - line.cell_len))
            if index < SIDE_HEIGHT:
                line.append(box[index], box_style)
            line.truncate(width)  # (narrower than the box: its right part is cut off)
            lines.append(line)
        return lines

    def _wrap(self, text: str, style: Style, width: int, most: int) -> list[Text]:
        """``text`` in ``style`` on at most ``most`` lines of ``width`` cells (one line: cut off
        at the end; none for no text)."""
        if not text:
            return []
        styled = Text(end="").append(text, style)
        if most == 1:
            return [styled[:width]]
        lines = []
        for line in styled.wrap(self.app.console, width):
            line.rstrip()  # (the space a line was broken at is not drawn in the style)
            if line.plain:
                lines.append(line)
        return lines[:most]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Text:
        return Text("\n", end="").join(self._lines(self.content_region.width or self.size.width))
