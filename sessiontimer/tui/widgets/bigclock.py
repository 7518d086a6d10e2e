"""The countdown in block digits that grow with the terminal (DESIGN.md section 5): about a third
of the screen's height (5 rows at 80x24... 20 rows at 200x60), as wide as fits; Textual's 3-row
digits only where not even 5 rows fit. Coloured by the phase ("tone").

The size is chosen for the widest text the segment will show (``widest``), so the digits do not
jump in size as 10:00 becomes 9:59. Redrawn only when the text or the tone changes; a new layout
only when the size changes.
"""

from __future__ import annotations

from rich.align import Align
from rich.console import RenderableType
from rich.text import Text
from textual.geometry import Size
from textual.renderables.digits import Digits
from textual.widget import Widget

from sessiontimer.tui.widgets.blockfont import ClockSize, clock_lines, clock_size

SMALL_ROWS = 3  # Textual's digits
SHARE = 3  # the digits take at most 1/SHARE of the screen's height

TONES = ("ready", "work", "rest", "switch-left", "switch-right", "heat", "cold", "alarm", "paused")


class BigClock(Widget):
    COMPONENT_CLASSES = {f"big-clock--{tone}" for tone in TONES}
    DEFAULT_CSS = """
    BigClock {
        width: 1fr;
        height: auto;
        text-wrap: nowrap;
        text-overflow: clip;
        & > .big-clock--ready { color: $warning; }
        & > .big-clock--work { color: $success; }
        & > .big-clock--rest { color: $primary-lighten-1; }
        & > .big-clock--switch-left { color: #b48cf2; }
        & > .big-clock--switch-right { color: #2ec4b6; }
        & > .big-clock--heat { color: #f76707; }
        & > .big-clock--cold { color: #4dabf7; }
        & > .big-clock--alarm { color: $error; }
        & > .big-clock--paused { color: $text-muted; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = "0:00"
        self.tone = "work"
        self.widest = "0:00"  # what the size is chosen for
        self._drawn: ClockSize | None = None  # the size drawn last (None: Textual's digits)

    @property
    def value(self) -> str:
        return self.text

    def show(self, text: str, tone: str, widest: str | None = None) -> None:
        """Show ``text`` (e.g. "0:30") in the ``tone``'s colour; ``widest``: the widest text
        the current segment will show (its length sets the size)."""
        widest = widest or text
        if (text, tone, widest) == (self.text, self.tone, self.widest):
            return
        relayout = self._pattern(widest) != self._pattern(self.widest)
        self.text, self.tone, self.widest = text, tone, widest
        self.refresh(layout=relayout)

    @staticmethod
    def _pattern(text: str) -> str:
        """What the size depends on: how many digits and colons, in order."""
        return "".join(":" if char == ":" else "0" for char in text)

    def size_for(self, width: int, screen_height: int) -> ClockSize | None:
        return clock_size(self._pattern(self.widest), width, screen_height // SHARE)

    @property
    def rows(self) -> int:
        """The height of the digits as last drawn (3: Textual's digits)."""
        return self._drawn.rows if self._drawn is not None else SMALL_ROWS

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        size = self.size_for(width, viewport.height)
        return size.rows if size is not None else SMALL_ROWS

    def render(self) -> RenderableType:
        width = self.content_region.width or self.size.width
        size = self.size_for(width, self.screen.size.height)
        self._drawn = size
        style = self.get_component_rich_style(f"big-clock--{self.tone}")
        if size is None:
            return Align.center(Digits(self.text, style))
        lines = clock_lines(self.text, size)
        pad = " " * max(0, (width - len(lines[0])) // 2)
        return Text("\n".join(pad + line for line in lines), style=style, end="")
