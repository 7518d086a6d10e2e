"""The top of the session screen: the phase as a full-width band in its colour (GET READY, HOLD,
REST, SWITCH → RIGHT, HEAT PACK ON, TAKE THE PACK OFF, PAUSED), with the side at its right end in
the side's own colour (left violet, right teal), and a rehearsal's speed.

It grows with the terminal: one row in a small one, three from 28 rows, and from 45 rows (when they
fit the width) the phase and the side in block letters five rows tall, to be read from a mat.
One widget, drawn line by line: each widget costs the session screen's first frame time.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from sessiontimer.tui.widgets.blockfont import letter_lines, letters_width
from sessiontimer.tui.widgets.tones import band_style

THREE_ROWS_FROM = 28  # screen rows from which the band is 3 rows tall
LETTERS_FROM = 45  # ... and from which it is drawn in block letters (7 rows) when they fit
LETTER_BAND = 7
SIDE_PAD = 4  # cells around the side's name in its box


class Banner(Widget):
    DEFAULT_CSS = """
    Banner {
        width: 1fr;
        height: auto;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.phase = ""  # e.g. "HOLD"
        self.tone = "work"
        self.side = ""  # "LEFT", "RIGHT" or ""
        self.note = ""  # small, at the right of the phase: "rehearsal ×10"

    def show(self, phase: str, tone: str, side: str = "", note: str = "") -> None:
        """Show these (plain text); redraws only when something changed."""
        if (phase, tone, side, note) == (self.phase, self.tone, self.side, self.note):
            return
        before = self._rows(self.size.width, self.screen.size.height) if self.size.width else 0
        self.phase, self.tone, self.side, self.note = phase, tone, side, note
        width = self.size.width
        self.refresh(layout=not width or self._rows(width, self.screen.size.height) != before)

    # -- sizes ----------------------------------------------------------------------------------
    def _letters_fit(self, width: int) -> bool:
        phase = letters_width(self.phase)
        if phase is None:
            return False
        side = letters_width(self.side) if self.side else 0
        if side is None:
            return False
        side_box = side + 2 * SIDE_PAD if self.side else 0
        return phase + 2 * SIDE_PAD + side_box <= width

    def _rows(self, width: int, screen_height: int) -> int:
        if screen_height >= LETTERS_FROM and self._letters_fit(width):
            return LETTER_BAND
        return 3 if screen_height >= THREE_ROWS_FROM else 1

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._rows(width, viewport.height)

    # -- drawing --------------------------------------------------------------------------------
    def render(self) -> Text:
        width = self.content_region.width or self.size.width
        rows = self._rows(width, self.screen.size.height)
        letters = rows == LETTER_BAND
        side_width = 0
        if self.side:
            inner = letters_width(self.side) if letters else len(self.side)
            side_width = min(width, max((inner or 0) + 2 * SIDE_PAD, width // 4))
        phase_width = width - side_width
        phase_style = band_style(self.app, self.tone)
        side_style = band_style(self.app, self.side.lower() or "work")
        note_style = phase_style + Style(bold=False)
        phase = self._block(self.phase, phase_width, rows, letters)
        side = self._block(self.side, side_width, rows, letters)
        note_row = rows - 1 if rows > 1 else 0
        out = Text(end="")
        for row in range(rows):
            if row:
                out.append("\n")
            line = phase[row]
            if row == note_row and self.note:
                line = self._with_note(line, phase_width)
                out.append_text(self._noted(line, phase_width, phase_style, note_style))
            else:
                out.append(line, phase_style)
            if side_width:
                out.append(side[row], side_style)
        return out

    def _with_note(self, line: str, width: int) -> str:
        """The note at the right end of the line, where it does not cover the phase."""
        note = f" {self.note} "
        if len(note) >= width or line[width - len(note) :].strip():
            return line
        return line[: width - len(note)] + note

    def _noted(self, line: str, width: int, style: Style, note_style: Style) -> Text:
        note = f" {self.note} "
        if line.endswith(note):
            return Text.assemble((line[: width - len(note)], style), (note, note_style))
        return Text(line, style)

    @staticmethod
    def _block(text: str, width: int, rows: int, letters: bool) -> list[str]:
        """``text`` centred in a box of ``width`` x ``rows`` (block letters: rows 1-5)."""
        blank = " " * width
        if not width:
            return [""] * rows
        if letters and text:
            drawn = [line.center(width)[:width] for line in letter_lines(text)]
            return [blank, *drawn, blank][:rows]
        middle = (rows - 1) // 2
        shown = text if len(text) <= width - 2 else text[: max(0, width - 3)] + "…"
        return [shown.center(width)[:width] if row == middle else blank for row in range(rows)]
