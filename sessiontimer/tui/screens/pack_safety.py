"""Before a heat or cold pack goes on: the safety points. The session waits, paused."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from sessiontimer.core.safety import pack_safety_points
from sessiontimer.tui.widgets.bullets import Bullets

_TITLES = {"heat": "Before the heat pack goes on", "cold": "Before the cold pack goes on"}


class PackSafetyScreen(ModalScreen[None]):
    """Space or Enter: the pack is ready, the session goes on."""

    BINDINGS = [Binding("space,enter", "ready", "Ready")]

    def __init__(self, kind: str, check_every: int) -> None:
        super().__init__()
        self.kind = kind
        self.check_every = check_every

    def compose(self) -> ComposeResult:
        with Vertical(id="pack-box"), VerticalScroll(id="pack-safety"):
            yield Static(Text(_TITLES[self.kind], style="bold"), classes="check-title")
            yield Bullets(pack_safety_points(self.kind, self.check_every))
            yield Static(Text("Press Space when the pack is ready to go on.", style="bold"))
        yield Footer()

    def action_ready(self) -> None:
        self.dismiss(None)
