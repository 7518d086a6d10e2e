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
from textual.widget import Widget

from sessiontimer.tui.widgets.blockfont import ClockSize, clock_lines, clock_size
from sessiontimer.tui.widgets.tones import text_style

SMALL_ROWS = 3  # Textual's digits
SHARE = 3  # the digits take at most 1/SHARE of the screen's height


class BigClock(Widget):
    DEFAULT_CSS = """
    BigClock {
        width: 1fr;
        height: auto;
        text-wrap: nowrap;
        text-overflow: clip;
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
        style = text_style(self.app, self.tone)
        if size is None:  # (a very small terminal: imported only then)
            from textual.renderables.digits import Digits

            return Align.center(Digits(self.text, style))
        lines = clock_lines(self.text, size)
        pad = " " * max(0, (width - len(lines[0])) // 2)
        return Text("\n".join(pad + line for line in lines), style=style, end="")
