"""The start-up and memory baseline: a Textual app with one Static widget and nothing else."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from benchmarks.baselines import STATIC_MARKER


class BareStaticApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(STATIC_MARKER)


if __name__ == "__main__":
    BareStaticApp().run()
