"""A session written to the history as it goes (FakeClock, a real SQLite file): at the start, at
every segment boundary, at the end, and the check-in after; a failing store never stops a session."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sessiontimer.core.base.clock import FAKE_EPOCH, FakeClock
from sessiontimer.core.history.connection import open_history
from sessiontimer.core.history.recording import Recorder
from sessiontimer.core.history.records import CheckIn
from sessiontimer.core.history.rows import local_time
from sessiontimer.core.history.store import Store
from sessiontimer.core.routines.model import Routine, Step
from sessiontimer.core.session.engine import Session
from sessiontimer.core.session.plan import Plan, build_plan

PLAN = build_plan(
    Routine(
        name="Evening",
        id="evening",
        times_per_day=3,
        prepare=5,
        steps=(
            Step(name="Knee to chest", kind="hold", hold=30, sides="both", rest=10),
            Step(name="Pelvic tilts", kind="reps", reps=10),
        ),
    )
)
# prepare 5 | L30 | switch 5 | R30 | prepare 5 | tilts (self-paced)


def setup(
    tmp_path: Path, plan: Plan = PLAN, speed: float = 1.0
) -> tuple[Store, Session, Recorder, FakeClock]:
    store = open_history(tmp_path / "history.sqlite3").store
    clock = FakeClock()
    session = Session(plan, clock, speed=speed)
    recorder = Recorder(store, plan, clock, speed=speed, before=CheckIn(pain=6, leg="thigh"))
    recorder.start()
    return store, session, recorder, clock


def reread(tmp_path: Path) -> Store:
    """What another process would read now."""
    return open_history(tmp_path / "history.sqlite3").store


def test_the_row_is_there_from_the_start(tmp_path: Path) -> None:
    _store, session, recorder, _clock = setup(tmp_path)
    recorder.sync(session)
    session.start()
    recorder.sync(session)
    [record] = reread(tmp_path).sessions()
    assert record.routine == "evening" and record.routine_name == "Evening"
    assert record.status == "in_progress"
    assert record.started_at == local_time(FAKE_EPOCH)  # the clock's calendar time, with offset
    assert record.started_at.utcoffset() is not None
    assert (record.pain_before, record.leg_before, record.times_per_day) == (6, "thigh", 3)
    assert (record.segments_done, record.segments_total) == (0, len(PLAN.segments))


def test_each_boundary_is_written_at_once(tmp_path: Path) -> None:
    _store, session, recorder, clock = setup(tmp_path)
    session.start()
    clock.advance(5)
    session.tick()
    recorder.sync(session)  # the get-ready ended
    record = reread(tmp_path).sessions()[0]
    assert record.segments_done == 1 and record.active_seconds == 5
    clock.advance(12)
    session.skip()  # the left hold, skipped after 12 s
    recorder.sync(session)
    record = reread(tmp_path).sessions()[0]
    assert record.segments_done == 1
    assert record.active_seconds == 17
    assert [o.result for o in reread(tmp_path).steps(record.id)] == ["skipped", "not reached"]


def test_a_completed_session(tmp_path: Path) -> None:
    store, session, recorder, clock = setup(tmp_path)
    session.start()
    for _ in range(75):
        clock.advance(1)
        session.tick()
        recorder.sync(session)
    session.done()  # the self-paced tilts
    recorder.sync(session)
    recorder.after(CheckIn(pain=4, leg="buttock", feel="about_right", note="easier"))
    record = reread(tmp_path).sessions()[0]
    assert record.status == "completed"
    assert record.ended_at is not None and record.ended_at > record.started_at
    assert record.segments_done == record.segments_total == len(PLAN.segments)
    assert (record.pain_after, record.leg_after, record.feel, record.note) == (
        4,
        "buttock",
        "about_right",
        "easier",
    )
    assert not record.rehearsal
    assert [o.result for o in store.steps(record.id)] == ["done", "done"]


def test_a_safety_stop_records_its_step(tmp_path: Path) -> None:
    _store, session, recorder, clock = setup(tmp_path)
    session.start()
    clock.advance(45)  # into the right hold (5 + 30 + 5 = 40)
    session.tick()
    session.stop("pain spreading down the leg")
    recorder.sync(session)
    record = reread(tmp_path).sessions()[0]
    assert (record.status, record.stop_reason) == ("stopped", "pain spreading down the leg")
    assert (record.stop_step, record.stop_step_name) == (0, "Knee to chest")
    assert record.ended_at is not None


def test_leaving_is_recorded_as_left(tmp_path: Path) -> None:
    _store, session, recorder, clock = setup(tmp_path)
    session.start()
    clock.advance(8)
    session.tick()
    session.leave()
    recorder.sync(session)
    record = reread(tmp_path).sessions()[0]
    assert (record.status, record.segments_done, record.stop_reason) == ("left", 1, None)


def test_a_signal_ends_it_as_interrupted_with_the_reason(tmp_path: Path) -> None:
    _store, session, recorder, clock = setup(tmp_path)
    session.start()
    clock.advance(20)
    session.tick()
    recorder.sync(session)
    clock.advance(3)
    recorder.interrupt(session, "the terminal was closed")
    recorder.sync(session)  # nothing more is written after
    record = reread(tmp_path).sessions()[0]
    assert (record.status, record.stop_reason) == ("interrupted", "the terminal was closed")
    assert record.active_seconds == 23
    assert record.ended_at is not None


def test_a_rehearsal_is_flagged(tmp_path: Path) -> None:
    _store, session, recorder, _clock = setup(tmp_path, speed=10)
    session.start()
    session.leave()
    recorder.sync(session)
    assert reread(tmp_path).sessions()[0].rehearsal


def test_a_store_that_fails_turns_history_off_and_the_session_goes_on(tmp_path: Path) -> None:
    store, session, recorder, clock = setup(tmp_path)
    session.start()
    store.conn.close()  # any write now fails
    clock.advance(5)
    session.tick()
    recorder.sync(session)
    assert recorder.problem is not None and "History is off" in recorder.problem
    assert not recorder.recording
    clock.advance(30)
    session.tick()
    recorder.sync(session)  # no more attempts, no exception
    recorder.after(CheckIn(pain=1))
    assert session.segments_done == 2


def test_without_a_store_nothing_is_written_and_the_reason_is_kept(tmp_path: Path) -> None:
    clock = FakeClock()
    session = Session(PLAN, clock)
    recorder = Recorder(None, PLAN, clock, problem="History is off: no room")
    recorder.start()
    session.start()
    session.leave()
    recorder.sync(session)
    recorder.interrupt(session, "x")
    assert recorder.problem == "History is off: no room"
    assert recorder.session_id is None


def test_a_file_busy_for_longer_than_the_timeout_loses_nothing(tmp_path: Path) -> None:
    store, session, recorder, clock = setup(tmp_path)
    store.conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(tmp_path / "history.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        session.start()
        clock.advance(5)
        session.tick()
        recorder.sync(session)  # the get-ready's end cannot be written now
        assert recorder.waiting is not None and "locked" in recorder.waiting
        assert recorder.problem is None
        clock.advance(10)  # 10 s of the first hold
        session.leave()
        recorder.sync(session)
        recorder.after(CheckIn(pain=2, note="busy day"))
    finally:
        other.execute("ROLLBACK")
        other.close()
    recorder.after(CheckIn(pain=2, note="busy day"))  # the next write catches up with all
    assert recorder.waiting is None
    record = reread(tmp_path).sessions()[0]
    assert (record.status, record.segments_done, record.pain_after, record.note) == (
        "left",
        1,
        2,
        "busy day",
    )


def test_a_pack_routine_is_recorded_with_one_a_day_as_its_aim(tmp_path: Path) -> None:
    """Heat "up to 3 times a day" is a maximum: one heat pack meets the day (adherence counts
    no missed packs)."""
    from sessiontimer.core.insights.trends import MET, day_marks

    heat = Routine(
        name="Heat",
        id="heat",
        times_per_day=3,
        steps=(Step(name="Heat", kind="heat", duration=60),),
    )
    plan = build_plan(heat)
    _store, session, recorder, clock = setup(tmp_path, plan)
    session.start()
    clock.advance(plan.total_seconds)
    session.tick()
    session.space()  # the pack is off
    recorder.sync(session)
    [record] = reread(tmp_path).sessions()
    assert (record.status, record.times_per_day) == ("completed", 1)
    assert set(day_marks(reread(tmp_path).day_tallies()).values()) == {MET}


# --- nothing done: skipped (issue 18) --------------------------------------------------------------

HEAT = build_plan(
    Routine(
        name="Heat pack",
        id="heat-pack",
        prepare=5,
        steps=(Step(name="Heat pack", kind="heat", duration=900),),
    )
)


def test_a_pack_declined_at_its_safety_points_is_a_skipped_session(tmp_path: Path) -> None:
    store, session, recorder, clock = setup(tmp_path, HEAT)
    session.start()
    clock.advance(5)
    session.tick()
    session.pause()  # the safety points are shown
    clock.advance(60)
    session.skip_step()  # n: not today
    recorder.sync(session)
    [record] = reread(tmp_path).sessions()
    assert record.status == "skipped"
    assert not record.counts
    assert store.done_on(record.day) == {}


def test_leaving_before_any_work_is_a_skipped_session(tmp_path: Path) -> None:
    _store, session, recorder, clock = setup(tmp_path)
    session.start()
    clock.advance(3)  # still getting ready
    session.leave()
    recorder.sync(session)
    assert reread(tmp_path).sessions()[0].status == "skipped"


def test_leaving_after_some_work_is_left(tmp_path: Path) -> None:
    _store, session, recorder, clock = setup(tmp_path)
    session.start()
    clock.advance(20)  # 15 s into the first hold
    session.leave()
    recorder.sync(session)
    assert reread(tmp_path).sessions()[0].status == "left"
