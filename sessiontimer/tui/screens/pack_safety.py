"""Before a heat or cold pack goes on: the safety points. The session waits, paused."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from sessiontimer.core.session.safety import pack_safety_points
from sessiontimer.tui.text import speed_label
from sessiontimer.tui.widgets.bullets import Bullets

_TITLES = {"heat": "Before the heat pack goes on", "cold": "Before the cold pack goes on"}


class PackSafetyScreen(ModalScreen[str]):
    """Dismissed with "ready" (Space or Enter: the session goes on), "skip" (n or Escape: not
    this pack, the step is skipped) or "stop" (!: the safety stop)."""

    DEFAULT_CSS = """
    PackSafetyScreen {
        align: center middle;
    }
    #pack-box {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $warning;
        background: $surface;
    }
    #pack-safety {
        height: auto;
        max-height: 100%;  /* of the box: a short terminal scrolls the points, none is cut off */
        padding: 0 1;
    }
    #pack-safety Static {
        margin: 0 0 1 0;
    }
    #pack-safety Bullets Static {
        margin: 0;
    }
    .check-title {
        color: $accent;
    }
    """

    BINDINGS = [
        Binding("space,enter", "answer('ready')", "Ready"),
        Binding("n,escape", "answer('skip')", "Skip the pack"),
        Binding("exclamation_mark", "answer('stop')", "Stop: pain"),
    ]

    def __init__(self, kind: str, check_every: int, speed: float = 1.0) -> None:
        super().__init__()
        self.kind = kind
        self.check_every = check_every
        self.speed = speed  # a rehearsal says so

    def compose(self) -> ComposeResult:
        with Vertical(id="pack-box"), VerticalScroll(id="pack-safety"):
            title = _TITLES[self.kind]
            if self.speed != 1:
                title += f" (rehearsal {speed_label(self.speed)})"
            yield Static(Text(title, style="bold"), classes="check-title")
            yield Bullets(pack_safety_points(self.kind, self.check_every))
            yield Static(Text("Press Space when the pack is ready to go on.", style="bold"))
            yield Static(Text("Not today, or not sure it is safe for you? Press n to skip it."))
        yield Footer()

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)
