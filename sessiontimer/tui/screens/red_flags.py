"""The red-flag questions before a session (CLINICAL.md: possible cauda equina syndrome)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from sessiontimer.core.session.safety import RED_FLAGS
from sessiontimer.tui.screens.advice import ADVICE_CSS
from sessiontimer.tui.widgets.bullets import Bullets


class RedFlagsScreen(Screen[bool]):
    """Dismissed with True when one applies (y), False when none does (n), None to go back
    (Escape). Enter does nothing here: the answer is given on purpose, never by a reflex Enter
    that was meant for the screen before (DESIGN.md section 5)."""

    DEFAULT_CSS = ADVICE_CSS

    BINDINGS = [
        Binding("n", "none_apply", "None of these"),
        Binding("y", "one_applies", "Yes, one applies"),
        Binding("escape", "back", "Back"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="red-flags", classes="check"):
            yield Static(
                Text("Before you start: do any of these apply to you today?", style="bold"),
                classes="check-title",
            )
            yield Bullets(RED_FLAGS)
            yield Static(Text.assemble(("y", "bold"), "  yes, one of these applies"))
            yield Static(Text.assemble(("n", "bold"), "  none of these applies"))
        yield Footer()

    def action_none_apply(self) -> None:
        self.dismiss(False)

    def action_one_applies(self) -> None:
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(None)
