"""After `!`: the session has stopped; what to do now (CLINICAL.md, in our own words)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from sessiontimer.core.session.plan import Plan
from sessiontimer.core.session.safety import (
    EMERGENCY_ADVICE,
    RED_FLAGS,
    STOP_ADVICE,
    TAKE_THE_PACK_OFF,
    left_out_after_stop_text,
    see_a_doctor_text,
)
from sessiontimer.tui.text import speed_label
from sessiontimer.tui.widgets.bullets import Bullets

if TYPE_CHECKING:
    from sessiontimer.core.history.records import CheckIn
    from sessiontimer.tui.screens.session_record import SessionRecord


def after_the_stop(
    node: Screen[Any],
    record: SessionRecord,
    step: int,
    pack_on: bool,
    *,
    ask: bool,
    then: Callable[[Screen[Any]], None],
) -> None:
    """What follows `!` (CLINICAL.md "After a safety stop"): the pain and leg questions right
    away (unless the check-ins are off), their answers kept with the session, then the stop
    screen, handed to ``then``. ``record``: the stopped session's record in the history."""
    from sessiontimer.tui.screens.checkin import CheckinScreen

    left_out = record.recorder is not None and record.recorder.recording
    stopped = SafetyStopScreen(
        record.plan, step, pack_on=pack_on, left_out=left_out, speed=record.speed
    )
    if not ask:
        then(stopped)
        return

    def answered(answers: CheckIn | None = None) -> None:
        record.after(answers)  # where the leg symptoms reach at the stop
        then(stopped)

    notice = TAKE_THE_PACK_OFF if pack_on else None
    record.after_screen = CheckinScreen("stop", record.plan.routine.name, notice=notice)
    node.app.push_screen(record.after_screen, answered)


class SafetyStopScreen(Screen[None]):
    DEFAULT_CSS = """
    #safety {
        padding: 1 2;
    }
    #safety-title {
        color: $error;
    }
    #safety Static {
        margin: 0 0 1 0;
    }
    #safety Bullets Static {
        margin: 0;
    }
    .pack-off {
        color: $warning;
        margin: 0 0 1 0;
    }
    """
    BINDINGS = [Binding("enter", "app.home", "Done")]

    def __init__(
        self,
        plan: Plan,
        step: int,
        pack_on: bool = False,
        left_out: bool = False,
        speed: float = 1.0,
    ) -> None:
        super().__init__()
        self.speed = speed  # a rehearsal says so
        self.plan = plan
        self.step = step
        self.pack_on = pack_on  # stopped with a heat or cold pack on
        self.left_out = left_out  # the stop is recorded: the step is left out from now on

    def compose(self) -> ComposeResult:
        name = self.plan.routine.steps[self.step].name
        with VerticalScroll(id="safety"):
            title = "SESSION STOPPED"
            if self.speed != 1:
                title += f" · rehearsal {speed_label(self.speed)}"
            yield Static(Text(title, style="bold"), id="safety-title")
            if self.pack_on:
                yield Static(Text(TAKE_THE_PACK_OFF, style="bold reverse"), classes="pack-off")
            yield Static(Text(f"You stopped during: {name}"))
            if self.left_out:
                yield Static(Text(left_out_after_stop_text(name), style="bold"))
            yield Bullets(STOP_ADVICE)
            yield Static(Text(see_a_doctor_text()))
            yield Static(Text("Get emergency help now if you notice any of these:", style="bold"))
            yield Bullets(RED_FLAGS)
            yield Static(Text(EMERGENCY_ADVICE, style="bold"))
        yield Footer()
