"""Progress a routine: what the progression would change, step by step, and the total time before
and after, asked before it is applied (DESIGN.md section 3).

When nothing holds it back, y (or Enter) applies it. When a gate holds it back (CLINICAL.md "Pace
and gates"), the gates are named and y and Enter do nothing: only a separate key, a, applies it
"anyway", on a clinician's word. n or Escape leaves the file as it is."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from sessiontimer.core.base.text import clean_line
from sessiontimer.core.insights.progress_preview import (
    ANYWAY_TEXT,
    CLEAR_TEXT,
    HELD_TITLE,
    ProgressPreview,
)
from sessiontimer.tui.widgets.bullets import Bullets


class ProgressScreen(ModalScreen[str | None]):
    """Dismissed with "apply" (y or Enter, when nothing holds it back), "anyway" (a, when a gate
    holds it back) or None (n or Escape)."""

    DEFAULT_CSS = """
    ProgressScreen {
        align: center middle;
    }
    #progression {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
    }
    #progression.held {
        border: thick $warning;
    }
    #progression-body {
        height: auto;
        max-height: 100%;  /* of the box: a short terminal scrolls, nothing is cut off */
        padding: 0 1;
    }
    #progression-title {
        text-style: bold;
    }
    #progression-changes {
        height: auto;
        margin: 1 0 0 0;
    }
    #progression-total {
        margin: 0 0 1 0;
        text-style: bold;
    }
    #progression-held {
        color: $warning;
        text-style: bold;
    }
    #progression-gates {
        margin: 0;
    }
    .progression-note {
        margin: 1 0 0 0;
    }
    """

    BINDINGS = [
        Binding("y,enter", "answer('apply')", "Apply"),
        Binding("a", "answer('anyway')", "Progress anyway (a clinician said so)"),
        Binding("n,escape", "answer(None)", "Cancel"),
    ]

    def __init__(self, name: str, preview: ProgressPreview, copy_to: Path | None) -> None:
        super().__init__()
        self.routine_name = name
        self.preview = preview
        self.copy_to = copy_to

    def compose(self) -> ComposeResult:
        held = self.preview.held
        with (
            Vertical(id="progression", classes="held" if held else ""),
            VerticalScroll(id="progression-body"),
        ):
            yield Static(
                Text(f"Progress “{clean_line(self.routine_name)}”?"), id="progression-title"
            )
            yield Static(
                Text(
                    "Each exercise one step up, to its own limit; your comments stay.", style="dim"
                )
            )
            with Vertical(id="progression-changes"):
                for change in self.preview.changes:
                    yield Static(Text(clean_line(str(change))), classes="progression-change")
            yield Static(Text(self.preview.total_line), id="progression-total")
            if held:
                yield Static(Text(HELD_TITLE), id="progression-held")
                yield Bullets((gate.text for gate in self.preview.gates), id="progression-gates")
                yield Static(Text(ANYWAY_TEXT), classes="progression-note")
            else:
                yield Static(Text(CLEAR_TEXT, style="dim"))
            if self.copy_to is not None:
                yield Static(
                    Text(
                        f"A built-in routine: the progressed version is saved as your own copy, "
                        f"{self.copy_to}; the built-in stays as it is."
                    ),
                    classes="progression-note",
                )
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """y and Enter apply only when nothing holds it back; a only when something does."""
        if action == "answer" and parameters in (("apply",), ("anyway",)):
            return (parameters == ("anyway",)) == self.preview.held
        return True

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)
