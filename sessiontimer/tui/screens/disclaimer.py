"""The first-run disclaimer: what this app is and is not (shown once, before the first session)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from sessiontimer.core.session.safety import DISCLAIMER, EMERGENCY_CALL, RED_FLAGS
from sessiontimer.tui.screens.advice import ADVICE_CSS
from sessiontimer.tui.widgets.bullets import Bullets


class DisclaimerScreen(Screen[bool]):
    """Enter: understood, go on (remembered in config.toml). Escape: back, nothing starts."""

    DEFAULT_CSS = ADVICE_CSS

    BINDINGS = [
        Binding("enter", "agree", "I understand"),
        Binding("escape", "decline", "Back"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="disclaimer", classes="check"):
            yield Static(Text("Before your first session", style="bold"), classes="check-title")
            yield Static(Text(DISCLAIMER))
            yield Static(Text("Get emergency help at once if you ever notice:", style="bold"))
            yield Bullets(RED_FLAGS)
            yield Static(Text(EMERGENCY_CALL))
            yield Static(
                Text("Press Enter if you understand and want to go on, or Escape to go back.")
            )
        yield Footer()

    def action_agree(self) -> None:
        self.dismiss(True)

    def action_decline(self) -> None:
        self.dismiss(False)
