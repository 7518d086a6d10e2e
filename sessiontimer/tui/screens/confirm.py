"""A yes/no question over the current screen, with its own keys in the key bar."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from sessiontimer.tui.widgets.keybar import KeyBar


class ConfirmScreen(ModalScreen[str]):
    """Dismissed with "yes" (y), "no" (n or Escape) or "stop" (!: the safety stop, which works
    on every screen of a session)."""

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
    }
    #confirm {
        width: 60;
        max-width: 90%;
        height: auto;
        border: thick $warning;
        padding: 1 2;
        background: $surface;
    }
    """

    BINDINGS = [
        Binding("y", "answer('yes')", "Yes"),
        Binding("n,escape", "answer('no')", "No"),
        Binding("exclamation_mark", "answer('stop')", "Stop: pain", show=False),
        Binding("question_mark", "app.help", "Help"),  # (the app's, shown in this key bar)
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(Text(self.question))
            yield Static(Text("y  yes      n  no", style="bold"))
        yield KeyBar()  # the dialog's own keys, not those of the screen under it

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)
