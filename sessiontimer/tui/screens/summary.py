"""The end of a session: how long, what was done and skipped."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from sessiontimer.core.durations import format_clock
from sessiontimer.core.session import Session

_TITLES = {
    "completed": "Well done — routine complete",
    "left": "Session ended early",
}


class SummaryScreen(Screen[None]):
    BINDINGS = [Binding("enter", "app.home", "Home")]

    def __init__(self, session: Session, status: str) -> None:
        super().__init__()
        self.session = session
        self.status = status

    def compose(self) -> ComposeResult:
        session = self.session
        routine = session.plan.routine
        done_steps = sorted(
            {
                s.step
                for s, o in zip(session.plan.segments, session.outcomes, strict=True)
                if o == "done"
            }
        )
        skipped_steps = sorted(
            {
                s.step
                for s, o in zip(session.plan.segments, session.outcomes, strict=True)
                if o == "skipped" or o is None
            }
            - set(done_steps)
        )
        with Vertical(id="summary"):
            yield Static(
                Text(_TITLES.get(self.status, self.status), style="bold"), id="summary-title"
            )
            yield Static(Text(routine.name))
            yield Static(Text(f"Time: {format_clock(session.active_seconds)}"))
            yield Static(Text(f"Steps done: {len(done_steps)} of {len(routine.steps)}"))
            if skipped_steps:
                names = ", ".join(routine.steps[i].name for i in skipped_steps)
                yield Static(Text(f"Skipped or not reached: {names}"))
            skipped_segments = sum(1 for o in session.outcomes if o == "skipped")
            yield Static(
                Text(f"Segments done: {session.segments_done}, skipped: {skipped_segments}")
            )
            yield Static(Text("Press Enter to go on.", style="dim"))
        yield Footer()
