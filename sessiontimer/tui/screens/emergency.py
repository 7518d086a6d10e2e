"""After a red-flag "yes": no session, get help now (CLINICAL.md, in our own words)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from sessiontimer.core.session.safety import EMERGENCY_ADVICE, RED_FLAGS
from sessiontimer.tui.screens.advice import ADVICE_CSS
from sessiontimer.tui.widgets.bullets import Bullets


class EmergencyScreen(Screen[None]):
    DEFAULT_CSS = ADVICE_CSS
    BINDINGS = [Binding("enter,escape", "app.home", "Home")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="emergency", classes="check"):
            yield Static(Text("GET HELP NOW", style="bold"), id="emergency-title")
            yield Static(Text(EMERGENCY_ADVICE, style="bold"))
            yield Static(Text("You said one of these applies to you:"))
            yield Bullets(RED_FLAGS)
            yield Static(Text("The session has not started."))
        yield Footer()
