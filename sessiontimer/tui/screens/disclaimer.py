"""The first-run disclaimer: what this app is and is not, when to get help at once and when to
contact a doctor the same day (shown once, before the first session; ? shows it all again)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from sessiontimer.core.session.safety import DISCLAIMER
from sessiontimer.core.session.safety_page import EMERGENCY, SAME_DAY
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
            for section in (EMERGENCY, SAME_DAY):  # the rest of the safety page: ?
                yield Static(Text(section.lead, style="bold"))
                yield Bullets(section.points)
                if section.after:
                    yield Static(Text(section.after))
            yield Static(
                Text(
                    "Press ? on any screen to see these lists again, with habits that help "
                    "between sessions and what to leave out in a flare-up."
                )
            )
            yield Static(
                Text("Press Enter if you understand and want to go on, or Escape to go back.")
            )
        yield Footer()

    def action_agree(self) -> None:
        self.dismiss(True)

    def action_decline(self) -> None:
        self.dismiss(False)
