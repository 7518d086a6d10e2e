"""The end of a session: how long, what was done and skipped."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from sessiontimer.core.durations import format_clock
from sessiontimer.core.outcome import step_outcomes
from sessiontimer.core.safety import TAKE_THE_PACK_OFF
from sessiontimer.core.session import Session, State

_NOT_DONE = (
    ("Partly done", "partial"),
    ("Skipped", "skipped"),
    ("Not reached", "not reached"),
)

_TITLES = {
    "completed": "Well done — routine complete",
    "left": "Session ended early",
}


class SummaryScreen(Screen[None]):
    BINDINGS = [Binding("enter", "app.home", "Home")]

    def __init__(self, session: Session, status: str, pack_on: bool = False) -> None:
        super().__init__()
        self.session = session
        self.status = status
        self.pack_on = pack_on  # it ended with a heat or cold pack on

    def compose(self) -> ComposeResult:
        session = self.session
        routine = session.plan.routine
        ended_in = None if session.state is State.COMPLETED else session.index
        steps = step_outcomes(session.plan, session.outcomes, ended_in)
        done = [o for o in steps if o.result == "done"]
        ended_step = None if ended_in is None else session.plan.segments[ended_in].step
        with Vertical(id="summary"):
            if self.pack_on:
                yield Static(Text(TAKE_THE_PACK_OFF, style="bold reverse"), classes="pack-off")
            yield Static(
                Text(_TITLES.get(self.status, self.status), style="bold"), id="summary-title"
            )
            yield Static(Text(routine.name), id="summary-routine")
            yield Static(Text(f"Time: {format_clock(session.active_seconds)}"))
            yield Static(
                Text(f"Steps done: {len(done)} of {len(routine.steps)}"), id="summary-times"
            )
            if ended_step is not None:
                yield Static(Text(f"Ended during: {routine.steps[ended_step].name}"))
            for label, result in _NOT_DONE:
                names = [o.name for o in steps if o.result == result and o.step != ended_step]
                if names:
                    yield Static(Text(f"{label}: {', '.join(names)}"), classes="not-done")
            yield Static(Text("Press Enter to go on.", style="dim"), id="summary-enter")
        yield Footer()
