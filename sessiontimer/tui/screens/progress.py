"""Progress a routine: what the standard progression would change, step by step, before it is
applied (y applies, n or Escape leaves the file as it is)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from sessiontimer.core.base.text import clean_line
from sessiontimer.core.routines.progression import Change


class ProgressScreen(ModalScreen[bool]):
    """Dismissed with True (apply) or False."""

    DEFAULT_CSS = """
    ProgressScreen {
        align: center middle;
    }
    #progression {
        width: 72;
        max-width: 95%;
        height: auto;
        max-height: 90%;
        border: thick $primary;
        padding: 0 1;
        background: $surface;
    }
    #progression-title {
        text-style: bold;
    }
    #progression-changes {
        height: auto;
        max-height: 12;
        margin: 1 0;
    }
    """

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Apply"),
        Binding("n,escape", "answer(False)", "Cancel"),
    ]

    def __init__(self, name: str, changes: list[Change], copy_to: Path | None) -> None:
        super().__init__()
        self.routine_name = name
        self.changes = changes
        self.copy_to = copy_to

    def compose(self) -> ComposeResult:
        with Vertical(id="progression"):
            yield Static(
                Text(f"Progress “{clean_line(self.routine_name)}”?"), id="progression-title"
            )
            yield Static(
                Text(
                    "Each step up to its own limit (max_hold, max_reps, max_duration); "
                    "comments and layout are kept.",
                    style="dim",
                )
            )
            with VerticalScroll(id="progression-changes"):
                for change in self.changes:
                    yield Static(Text(str(change)), classes="progression-change")
            if self.copy_to is not None:
                yield Static(
                    Text(
                        f"A built-in routine: the progressed version is saved as your own copy, "
                        f"{self.copy_to}; the built-in stays as it is."
                    )
                )
            yield Static(Text("y  apply      n  cancel", style="bold"))

    def action_answer(self, apply: bool) -> None:
        self.dismiss(apply)
