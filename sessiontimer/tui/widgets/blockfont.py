"""Block letters drawn with full blocks, at any size: the countdown and the phase read from a mat.

Every glyph is a bitmap of 5 rows (3 columns for most). A size gives each row of the bitmap a
height in terminal rows and each column a width in cells, so one bitmap draws at any size:

- digits are seven-segment shapes; their rows are (bar, gap, bar, gap, bar), so the bars can be
  thinner than the gaps between them, like a clock's, and the size can grow a row at a time;
- letters (the phase and the side) are drawn with square pixels, 2 cells wide and 1 row high.

Why our own and not a FIGlet font (pyfiglet): a FIGlet font has one fixed size, and the countdown
must grow with the terminal a row at a time; pyfiglet also reads and parses its font files when
first used, which the session screen (the app's first screen, with a start-up budget) cannot
afford. These few bitmaps cost nothing to load. Pure: no Textual here.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

__all__ = ["FULL", "ClockSize", "clock_lines", "clock_size", "letter_lines", "letters_width"]

FULL = "█"

# 3 columns x 5 rows; "#" is on. Digits are seven-segment shapes (corners on where a bar is).
DIGITS: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": ("..#", "..#", "..#", "..#", "..#"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
}

LETTERS: dict[str, tuple[str, ...]] = {
    "A": ("###", "#.#", "###", "#.#", "#.#"),
    "B": ("##.", "#.#", "##.", "#.#", "##."),
    "C": ("###", "#..", "#..", "#..", "###"),
    "D": ("##.", "#.#", "#.#", "#.#", "##."),
    "E": ("###", "#..", "##.", "#..", "###"),
    "F": ("###", "#..", "##.", "#..", "#.."),
    "G": ("###", "#..", "#.#", "#.#", "###"),
    "H": ("#.#", "#.#", "###", "#.#", "#.#"),
    "I": ("###", ".#.", ".#.", ".#.", "###"),
    "J": ("..#", "..#", "..#", "#.#", "###"),
    "K": ("#.#", "#.#", "##.", "#.#", "#.#"),
    "L": ("#..", "#..", "#..", "#..", "###"),
    "M": ("#...#", "##.##", "#.#.#", "#...#", "#...#"),
    "N": ("#..#", "##.#", "#.##", "#..#", "#..#"),
    "O": ("###", "#.#", "#.#", "#.#", "###"),
    "P": ("###", "#.#", "###", "#..", "#.."),
    "Q": ("###", "#.#", "#.#", "##.", ".##"),
    "R": ("###", "#.#", "##.", "#.#", "#.#"),
    "S": ("###", "#..", "###", "..#", "###"),
    "T": ("###", ".#.", ".#.", ".#.", ".#."),
    "U": ("#.#", "#.#", "#.#", "#.#", "###"),
    "V": ("#.#", "#.#", "#.#", "#.#", ".#."),
    "W": ("#...#", "#...#", "#.#.#", "##.##", "#...#"),
    "X": ("#.#", "#.#", ".#.", "#.#", "#.#"),
    "Y": ("#.#", "#.#", ".#.", ".#.", ".#."),
    "Z": ("###", "..#", ".#.", "#..", "###"),
    "→": ("....", "..#.", "####", "..#.", "...."),
    "←": ("....", ".#..", "####", ".#..", "...."),
    "×": ("...", "#.#", ".#.", "#.#", "..."),
    "—": ("...", "...", "###", "...", "..."),
    "-": ("...", "...", "###", "...", "..."),
    ":": (".", "#", ".", "#", "."),
    " ": ("..", "..", "..", "..", ".."),
    **DIGITS,
}


# --- the countdown --------------------------------------------------------------------------------


class ClockSize(NamedTuple):
    """How big the countdown's digits are: ``bar`` rows for each of the three bars, ``gap`` rows
    between them; ``stroke`` cells for an upright, ``inner`` cells between two uprights; ``space``
    cells between two glyphs."""

    bar: int
    gap: int
    stroke: int
    inner: int
    space: int

    @property
    def rows(self) -> int:
        return 3 * self.bar + 2 * self.gap

    @property
    def digit_width(self) -> int:
        return 2 * self.stroke + self.inner

    def width(self, text: str) -> int:
        """Cells taken by ``text`` (digits and colons)."""
        glyphs = [self.stroke if char == ":" else self.digit_width for char in text]
        return sum(glyphs) + self.space * max(0, len(glyphs) - 1)


@lru_cache(maxsize=1)
def _clock_sizes() -> tuple[ClockSize, ...]:
    """Every size from 5 rows up to 60, smallest first; one per height. A cell is about twice
    as tall as it is wide, so an upright is 2 cells per row of bar; a digit is about 0.6 times
    as wide as it is tall."""
    best: dict[int, ClockSize] = {}
    for bar in range(1, 13):
        for gap in range(bar, 3 * bar + 1):
            rows = 3 * bar + 2 * gap
            if rows > 60:
                break
            stroke = 2 * bar
            inner = max(2, round(1.2 * rows) - 2 * stroke)
            size = ClockSize(bar, gap, stroke, inner, max(2, stroke))
            # for each height, the bars nearest a sixth of it (bold, with room inside)
            known = best.get(rows)
            if known is None or abs(bar - rows / 6.5) < abs(known.bar - rows / 6.5):
                best[rows] = size
    return tuple(best[rows] for rows in sorted(best))


def clock_size(text: str, width: int, rows: int) -> ClockSize | None:
    """The biggest size in which ``text`` fits ``width`` cells and ``rows`` rows (None: not
    even the smallest, 5 rows; then Textual's 3-row digits are used)."""
    found = None
    for size in _clock_sizes():
        if size.rows > rows:
            break
        if size.width(text) <= width:
            found = size
    return found


def clock_lines(text: str, size: ClockSize) -> list[str]:
    """``text`` (digits and colons) in ``size``: one string per row, full blocks and spaces."""
    heights = (size.bar, size.gap, size.bar, size.gap, size.bar)
    widths = (size.stroke, size.inner, size.stroke)
    rows = ["" for _ in range(size.rows)]
    for number, char in enumerate(text):
        if number:
            rows = [row + " " * size.space for row in rows]
        if char == ":":
            glyph = _colon(size)
        else:
            glyph = _scaled(DIGITS.get(char, DIGITS["8"]), heights, widths)
        rows = [row + part for row, part in zip(rows, glyph, strict=True)]
    return rows


def _colon(size: ClockSize) -> list[str]:
    """Two square dots, each in the middle of a gap."""
    dot = min(size.bar, size.gap)
    on = FULL * size.stroke
    off = " " * size.stroke
    rows: list[str] = []
    for part, height in enumerate((size.bar, size.gap, size.bar, size.gap, size.bar)):
        if part in (1, 3):
            top = (height - dot) // 2
            rows.extend(on if top <= row < top + dot else off for row in range(height))
        else:
            rows.extend([off] * height)
    return rows


def _scaled(glyph: tuple[str, ...], heights: tuple[int, ...], widths: tuple[int, ...]) -> list[str]:
    rows: list[str] = []
    for bits, height in zip(glyph, heights, strict=True):
        line = "".join(
            (FULL if bit == "#" else " ") * width for bit, width in zip(bits, widths, strict=True)
        )
        rows.extend([line] * height)
    return rows


# --- words: the phase and the side ----------------------------------------------------------------

LETTER_ROWS = 5  # letters are 5 rows tall: one row per bitmap row
_PIXEL = 2  # cells per bitmap column (square pixels)


def letters_width(text: str) -> int | None:
    """Cells ``text`` takes in block letters; None when a character has no glyph."""
    total = 0
    for number, char in enumerate(text.upper()):
        glyph = LETTERS.get(char)
        if glyph is None:
            return None
        total += len(glyph[0]) * _PIXEL + (_PIXEL if number else 0)
    return total


def letter_lines(text: str) -> list[str]:
    """``text`` in block letters, 5 rows (characters without a glyph: call letters_width first)."""
    rows = ["" for _ in range(LETTER_ROWS)]
    for number, char in enumerate(text.upper()):
        glyph = LETTERS[char]
        widths = (_PIXEL,) * len(glyph[0])
        part = _scaled(glyph, (1,) * LETTER_ROWS, widths)
        gap = " " * _PIXEL if number else ""
        rows = [row + gap + piece for row, piece in zip(rows, part, strict=True)]
    return rows
