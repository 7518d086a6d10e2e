"""The end of a session: how long, what was done and skipped."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from sessiontimer.core.base.durations import format_clock
from sessiontimer.core.history.records import LEG_LABELS, CheckIn
from sessiontimer.core.session.engine import Session
from sessiontimer.core.session.outcome import step_outcomes
from sessiontimer.core.session.safety import TAKE_THE_PACK_OFF
from sessiontimer.core.session.state import State
from sessiontimer.tui.text import speed_label

_NOT_DONE = (
    ("Partly done", "partial"),
    ("Skipped", "skipped"),
    ("Not reached", "not reached"),
)

_TITLES = {
    "completed": "Well done — routine complete",
    "some": "Routine complete, with some of it skipped",
    "left": "Session ended early",
    "skipped": "Nothing done this time — not counted",
}
_REHEARSAL_TITLES = {
    "completed": "Rehearsal {speed} complete",
    "some": "Rehearsal {speed} complete",
    "left": "Rehearsal {speed} ended early",
    "skipped": "Rehearsal {speed} ended early",
}


def summary_title(status: str, result: str, speed: float) -> str:
    """No "well done" for a session with a step skipped, nor for one with nothing done (a pack
    declined at its safety points: DESIGN.md section 5); a rehearsal says it is one."""
    if status in ("completed", "left") and result == "none":
        status = "skipped"
    elif status == "completed" and result == "some":
        status = "some"
    if speed != 1:
        return _REHEARSAL_TITLES.get(status, status).format(speed=speed_label(speed))
    return _TITLES.get(status, status)


def time_line(session: Session, speed: float) -> str:
    """ "Time: 3:50"; a rehearsal gives the time it took and the routine time it stood for."""
    routine_time = format_clock(session.active_seconds)
    if speed == 1:
        return f"Time: {routine_time}"
    real = format_clock(session.active_seconds / speed)
    return f"Time: {real} at {speed_label(speed)}, for {routine_time} of the routine"


class SummaryScreen(Screen[None]):
    DEFAULT_CSS = """
    #summary {
        padding: 1 2;
    }
    /* (One selector per rule: Textual scopes only the last of a list to the screen.) */
    #summary-title {
        margin: 0 0 1 0;
    }
    #summary-routine {
        margin: 0 0 1 0;
    }
    #summary-times {
        margin: 0 0 1 0;
    }
    #summary-enter {
        margin: 1 0 0 0;
    }
    .pack-off {
        color: $warning;
        margin: 0 0 1 0;
    }
    """
    BINDINGS = [Binding("enter", "app.home", "Home")]

    def __init__(
        self,
        session: Session,
        status: str,
        pack_on: bool = False,
        *,
        before: CheckIn | None = None,
        after: CheckIn | None = None,
        history_problem: str | None = None,
        speed: float = 1.0,
    ) -> None:
        super().__init__()
        self.session = session
        self.speed = speed
        self.status = status
        self.pack_on = pack_on  # it ended with a heat or cold pack on
        self.before = before
        self.after = after
        self.history_problem = history_problem

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
            title = summary_title(self.status, session.result(), self.speed)
            yield Static(Text(title, style="bold"), id="summary-title")
            yield Static(Text(routine.name), id="summary-routine")
            if self.speed != 1:
                yield Static(Text("A rehearsal is not counted as a session.", style="dim"))
            elif session.result() == "none":
                yield Static(Text("Nothing was done, so this one does not count toward your days."))
            yield Static(Text(time_line(session, self.speed)))
            yield Static(
                Text(f"Steps done: {len(done)} of {len(routine.steps)}"), id="summary-times"
            )
            if ended_step is not None:
                yield Static(Text(f"Ended during: {routine.steps[ended_step].name}"))
            for label, result in _NOT_DONE:
                names = [o.name for o in steps if o.result == result and o.step != ended_step]
                if names:
                    yield Static(Text(f"{label}: {', '.join(names)}"), classes="not-done")
            pain = pain_change(self.before, self.after)
            if pain:
                yield Static(Text(pain), id="summary-pain")
            if self.history_problem:
                yield Static(Text(self.history_problem, style="bold"), id="summary-history")
            yield Static(Text("Press Enter to go on.", style="dim"), id="summary-enter")
        yield Footer()


def pain_change(before: CheckIn | None, after: CheckIn | None) -> str:
    """ "Pain: 6 before, 4 after. Leg: thigh before, buttock after." (what was answered)."""
    parts = []
    pains = [
        (label, c.pain)
        for label, c in (("before", before), ("after", after))
        if c and c.pain is not None
    ]
    if pains:
        parts.append("Pain: " + ", ".join(f"{value} {label}" for label, value in pains) + ".")
    legs = [(label, c.leg) for label, c in (("before", before), ("after", after)) if c and c.leg]
    if legs:
        parts.append(
            "Felt down to: "
            + ", ".join(
                f"{LEG_LABELS[leg].lower()} {label}" for label, leg in legs if leg in LEG_LABELS
            )
            + "."
        )
    return " ".join(parts)
