"""Issue 18 in the core: reps counted in a set with a tempo, what a session did ("all", "some",
"none": nothing done is a skipped session), and a pack left on the skin while going back."""

from __future__ import annotations

import pytest

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.routines.model import Routine, Step
from sessiontimer.core.session.cues import NOTHING_DONE, ROUTINE_DONE, ROUTINE_OVER, Cue, cues_for
from sessiontimer.core.session.engine import Session
from sessiontimer.core.session.events import (
    PackKeepsTiming,
    PackOff,
    Rep,
    RoutineDone,
    SegmentDone,
    SegmentStarted,
)
from sessiontimer.core.session.plan import build_plan
from sessiontimer.core.session.state import State
from tests.core.session.test_session import T0, heat, hold, make, timeline


def run_through(session: Session, clock: FakeClock) -> list[tuple[float, object]]:
    """Start the session and let it run to its end: each event with its time since T0."""
    started: list[tuple[float, object]] = [(0.0, event) for event in session.start()]
    return started + list(timeline(session, clock))


def tempo_set(reps: int = 5, tempo: int = 3, hold_s: int | None = None, sets: int = 1) -> Step:
    return Step(name="Pelvic tilts", kind="reps", reps=reps, tempo=tempo, hold=hold_s, sets=sets)


# --- reps ---------------------------------------------------------------------------------------


def test_a_set_with_a_tempo_reports_each_rep_as_it_begins() -> None:
    session, clock = make(tempo_set(reps=5, tempo=3))
    events = run_through(session, clock)
    reps = [(at, e) for at, e in events if isinstance(e, Rep)]
    assert reps == [(3.0 * n, Rep(0, n + 1, 5)) for n in range(5)]


def test_the_rep_under_way_is_read_from_the_session() -> None:
    session, clock = make(tempo_set(reps=4, tempo=2, hold_s=1))  # 3 s a rep
    session.start()
    seen = []
    for _ in range(12):
        seen.append(session.rep())
        clock.advance(1)
        session.tick()
    assert seen == [(n // 3 + 1, 4) for n in range(12)]


def test_rep_is_none_outside_a_set_with_a_tempo() -> None:
    session, _clock = make(hold(30), Step(name="Self-paced", kind="reps", reps=10))
    session.start()
    assert session.rep() is None
    session.skip()
    assert session.segment is not None and session.segment.seconds is None
    assert session.rep() is None


def test_restarting_a_set_counts_from_rep_one_again() -> None:
    session, clock = make(tempo_set(reps=5, tempo=3))
    session.start()
    clock.advance(7)
    session.tick()
    assert session.rep() == (3, 5)
    events = session.restart()
    assert Rep(0, 1, 5) in events
    assert session.rep() == (1, 5)


def test_each_rep_is_a_beat_and_its_number_is_said() -> None:
    plan = build_plan(Routine(name="R", steps=(tempo_set(),)))
    assert cues_for([Rep(0, 3, 5)], plan) == Cue(bell=True, say="3")
    # the first rep comes with the set's start, which says what to do
    segment = plan.segments[1]
    cue = cues_for([SegmentStarted(1, segment), Rep(1, 1, 5)], plan)
    assert cue == Cue(bell=True, say="Go: 5 reps")


# --- what was done --------------------------------------------------------------------------------


def test_a_routine_done_in_full_is_well_done() -> None:
    session, clock = make(hold(5))
    events = run_through(session, clock)
    assert events[-1][1] == RoutineDone("all")
    assert session.result() == "all"
    plan = session.plan
    assert cues_for([RoutineDone("all")], plan) == Cue(say=ROUTINE_DONE)


def test_a_step_skipped_is_no_well_done() -> None:
    session, clock = make(hold(5), hold(5, name="Other"))
    session.start()
    clock.advance(5)
    session.tick()
    events = session.skip()
    assert events[-1] == RoutineDone("some")
    assert cues_for(events, session.plan) == Cue(say=ROUTINE_OVER)


def test_a_pack_declined_at_its_start_is_nothing_done() -> None:
    session, clock = make(heat(900), prepare=5)
    session.start()
    clock.advance(5)
    session.tick()  # the pack's segment starts; its safety points pause it at once
    session.pause()
    clock.advance(120)  # reading them
    events = session.skip_step()
    assert events[-1] == RoutineDone("none")
    assert session.work_seconds == pytest.approx(0)
    assert cues_for(events, session.plan) == Cue(say=NOTHING_DONE)


def test_a_pack_taken_off_early_is_something_done() -> None:
    session, clock = make(heat(900))
    session.start()
    clock.advance(600)
    session.tick()
    assert session.skip()[-1] == RoutineDone("some")


def test_leaving_before_any_work_is_nothing_done() -> None:
    session, clock = make(hold(30), prepare=5)
    session.start()
    clock.advance(3)
    session.leave()
    assert session.result() == "none"


# --- a pack left on the skin while going back ---------------------------------------------------


def test_going_back_from_a_pack_that_is_on_keeps_its_real_time() -> None:
    session, clock = make(heat(900), prepare=5)
    session.start()
    clock.advance(5 + 300)
    session.tick()
    session.back()  # to the get-ready before the pack: the pack stays on the skin
    assert session.segment is not None and session.segment.kind == "prepare"
    assert session.pack_on
    behind = session.pack_behind()
    assert behind is not None and behind[1] == pytest.approx(600)
    # it cannot be paused there: the pack keeps its time
    assert [type(e) for e in session.pause()] == [PackKeepsTiming]
    clock.advance(5)
    session.tick()  # the get-ready ends: the pack again, with what is really left
    assert session.segment is not None and session.segment.kind == "heat"
    assert session.remaining() == pytest.approx(595)
    assert session.pack_behind() is None


def test_a_pack_that_runs_out_while_the_session_went_back_calls_its_alarm() -> None:
    session, clock = make(hold(100), heat(60))
    session.start()
    session.skip()  # straight to the pack
    clock.advance(30)
    session.tick()
    session.back()  # the hold again, 100 s; the pack has 30 s left
    clock.advance(31)
    events = session.tick()
    pack = session.plan.segments[1]
    assert events[-3:] == [
        SegmentStarted(1, pack),
        SegmentDone(1, pack, False, T0 + 60),
        PackOff(1),
    ]
    assert session.state is State.ALARM
    assert session.wake_in() is not None


def test_the_alarm_of_a_pack_behind_is_woken_for() -> None:
    session, clock = make(hold(100), heat(60))
    session.start()
    session.skip()
    clock.advance(50)
    session.tick()
    session.back()
    wait = session.wake_in()
    assert wait is not None and wait <= 10 + 1e-6
