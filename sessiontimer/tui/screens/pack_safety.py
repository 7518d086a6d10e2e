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
READY = "Press Space when the pack is ready to go on."
SKIP = "Not today, or not sure it is safe for you? Press n to skip it."
BOX_WIDTH = 76


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
        padding: 0 1;
    }
    #pack-safety {
        height: auto;  /* its max-height: what the title and the keys leave (on_resize) */
        margin: 0 0 1 0;
    }
    #pack-box > Static {
        margin: 0 0 1 0;
    }
    #pack-box > .pack-keys {
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
        # The points scroll in a short terminal; the title and what to press stay in sight.
        with Vertical(id="pack-box"):
            title = _TITLES[self.kind]
            if self.speed != 1:
                title += f" (rehearsal {speed_label(self.speed)})"
            yield Static(Text(title, style="bold"), classes="check-title")
            with VerticalScroll(id="pack-safety"):
                yield Bullets(pack_safety_points(self.kind, self.check_every))
            yield Static(Text(READY, style="bold"), classes="pack-keys")
            yield Static(Text(SKIP), classes="pack-keys")
        yield Footer()

    def on_resize(self) -> None:
        """The points get what the rest of the box leaves of the screen."""
        inner = max(1, min(BOX_WIDTH, self.size.width) - 4)  # (the border and the padding)
        lines = sum(-(-len(text) // inner) for text in (READY, SKIP))
        title = -(-len(_TITLES[self.kind]) // inner)
        fixed = 2 + title + 1 + 1 + lines + 1  # border, title and its gap, a gap, keys, footer
        self.query_one("#pack-safety").styles.max_height = max(3, self.size.height - fixed)

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)
