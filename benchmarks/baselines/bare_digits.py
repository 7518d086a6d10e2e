"""The CPU baseline: a Textual app whose ``Digits`` counts down, updated once a second.

A one-line Static carries the marker the benchmark waits for (Digits draws its text as box glyphs).
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Digits, Static

from benchmarks.baselines import DIGITS_MARKER

START_SECONDS = 3600


class BareDigitsApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.remaining = START_SECONDS

    def compose(self) -> ComposeResult:
        yield Static(DIGITS_MARKER)
        yield Digits(self.label())

    def label(self) -> str:
        minutes, seconds = divmod(self.remaining, 60)
        return f"{minutes}:{seconds:02d}"

    def on_mount(self) -> None:
        self.set_interval(1, self.tick)

    def tick(self) -> None:
        self.remaining = max(self.remaining - 1, 0)
        self.query_one(Digits).update(self.label())


if __name__ == "__main__":
    BareDigitsApp().run()
