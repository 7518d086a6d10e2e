"""A one-line bar of how much of the routine is done.

Textual's ProgressBar keeps a once-a-second timer of its own (for its ETA); this bar has none: it
redraws only when the number of filled cells changes.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class RoutineProgress(Widget):
    DEFAULT_CSS = """
    RoutineProgress {
        height: 1;
        width: 1fr;
        color: $primary;
        background: $surface;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._fraction = 0.0
        self._cells = -1

    @property
    def fraction(self) -> float:
        return self._fraction

    def set_fraction(self, fraction: float) -> None:
        """0.0 to 1.0; redraws only when what is shown changes."""
        self._fraction = min(max(fraction, 0.0), 1.0)
        cells = self._filled(self.size.width)
        if cells != self._cells:
            self.refresh()

    def _filled(self, width: int) -> int:
        return round(self._fraction * width)

    def on_resize(self) -> None:
        self.refresh()

    def render(self) -> Text:
        width = self.size.width
        self._cells = self._filled(width)
        return Text.assemble(("━" * self._cells, "bold"), ("─" * (width - self._cells), "dim"))
