"""The progression's gates (CLINICAL.md "Pace and gates"), from hand-made records and a fixed
today: each holds on its own, says so in words, and opens on the day it says."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.history.connection import open_history
from sessiontimer.core.history.records import SessionRecord
from sessiontimer.core.history.safety_record import ProgressionRecord, SafetyRecord
from sessiontimer.core.insights.gates import Gate, gates_for, history_off_gate, progression_gates
from tests.support.history import record

TODAY = date(2026, 11, 21)  # a Saturday
ROUTINE = "core-stability"
_ids = itertools.count(1)


def d(offset: int) -> date:
    return TODAY + timedelta(days=offset)


def session(
    offset: int,
    *,
    status: str = "completed",
    rehearsal: bool = False,
    pain_after: int | None = None,
    routine: str = ROUTINE,
    hour: int = 9,
    step_name: str | None = None,
) -> SessionRecord:
    day = d(offset)
    started = datetime.combine(day, time(hour), tzinfo=UTC)
    stopped = status == "stopped"
    return SessionRecord(
        id=next(_ids),
        routine=routine,
        routine_name=routine.title(),
        started_at=started,
        ended_at=started + timedelta(minutes=8),
        day=day,
        status=status,
        rehearsal=rehearsal,
        times_per_day=1,
        pain_before=None,
        pain_after=pain_after,
        leg_before=None,
        leg_after=None,
        feel=None,
        note="",
        segments_done=3,
        segments_total=5,
        active_seconds=300.0,
        stop_reason="pain spreading down the leg" if stopped else None,
        stop_step=1 if stopped else None,
        stop_step_name=step_name if stopped else None,
    )


def progressed(offset: int, hour: int = 10, anyway: bool = False) -> ProgressionRecord:
    day = d(offset)
    at = datetime.combine(day, time(hour), tzinfo=UTC)
    return ProgressionRecord(ROUTINE, at, day, ("1. Bridge: reps 10 → 11",), anyway)


def settled(weeks: int = 4) -> list[SessionRecord]:
    """A routine done every day for ``weeks`` weeks, up to yesterday, no pain scores."""
    return [session(-n) for n in range(1, weeks * 7 + 1)]


def gates(
    sessions: list[SessionRecord],
    progressions: list[ProgressionRecord] | None = None,
    first_day: date | None = None,
) -> list[Gate]:
    return progression_gates(ROUTINE, sessions, progressions or [], TODAY, first_day)


def names(found: list[Gate]) -> list[str]:
    return [gate.name for gate in found]


def test_a_settled_routine_may_progress() -> None:
    assert gates(settled()) == []
    assert gates(settled(), [progressed(-4)]) == []


# -- weeks 1-2 -------------------------------------------------------------------------------------
def test_a_routine_not_done_yet_is_in_its_first_weeks() -> None:
    found = gates([])
    assert names(found) == ["form", "practice"]
    assert found[0].text.startswith("Weeks 1–2: you have not done this routine yet.")


def test_weeks_one_and_two_hold_until_day_14() -> None:
    thirteen = [session(-n) for n in range(1, 14)]  # first session 13 days ago: week 2
    found = gates(thirteen)
    assert names(found) == ["form"]
    assert found[0].text == (
        "Weeks 1–2: you started this routine on Sun 8 Nov (this is week 2); the first two weeks "
        "are for learning the form. Progression from Sun 22 Nov."
    )
    assert gates([*thirteen, session(-14)]) == []  # day 14: week 3


def test_the_first_day_counts_real_sessions_only_and_may_come_from_the_store() -> None:
    recent = [session(-n) for n in range(1, 6)]
    early_rehearsal = session(-30, rehearsal=True)
    assert names(gates([*recent, early_rehearsal])) == ["form"]
    assert gates(recent, first_day=d(-30)) == []  # the store knows of an earlier session
    left_early = session(-20, status="left")  # any status starts the programme
    assert gates([*recent, left_early]) == []


def test_other_routines_do_not_count() -> None:
    others = [session(-n, routine="morning-mobility") for n in range(1, 29)]
    assert names(gates(others)) == ["form", "practice"]


# -- pace ------------------------------------------------------------------------------------------
def test_one_progression_every_four_days() -> None:
    sessions = settled()
    found = gates(sessions, [progressed(-3, hour=8)])
    assert names(found) == ["pace"]
    assert found[0].text == (
        "Pace: at most one progression every 4 days. The last was on Wed 18 Nov; the next can "
        "be on Sun 22 Nov."
    )
    assert gates(sessions, [progressed(-4, hour=8)]) == []
    today = gates(sessions, [progressed(-10), progressed(0, hour=8, anyway=True)])
    assert names(today) == ["practice", "pace"]  # an "anyway" one counts too
    assert "The last was today" in today[1].text


# -- regular practice --------------------------------------------------------------------------------
def test_three_days_of_practice_since_the_last_progression() -> None:
    last = progressed(-4, hour=10)
    before = [session(-n) for n in range(5, 29)]
    same_day_before = session(-4, hour=9)  # done before the progression: the old dose
    two_days = [session(-3), session(-1), session(-1, hour=18)]
    found = gates([*before, same_day_before, *two_days], [last])
    assert names(found) == ["practice"]
    assert found[0].text == (
        "Regular practice: you completed this routine on 2 days since the last progression "
        "(Tue 17 Nov); progress once you have done it on 3 different days."
    )
    same_day_after = session(-4, hour=11)
    assert gates([*before, same_day_after, *two_days], [last]) == []


def test_only_completed_real_sessions_are_practice() -> None:
    before = [session(-n) for n in range(8, 29)]
    not_practice = [
        session(-1, status="left"),
        session(-2, status="interrupted"),
        session(-3, rehearsal=True),
        session(-4, status="completed"),
        session(-5, status="completed"),
    ]
    found = gates([*before, *not_practice], [progressed(-7)])
    assert names(found) == ["practice"]
    assert "on 2 days since the last progression" in found[0].text


def test_practice_before_the_first_progression_is_the_last_14_days() -> None:
    sparse = [session(-40), session(-30), session(-20), session(-13), session(-2)]
    found = gates(sparse)
    assert names(found) == ["practice"]
    assert "on 2 days in the last 14 days" in found[0].text
    long_ago = gates([*sparse, session(-1)], [progressed(-60)])
    assert long_ago == []


# -- pain --------------------------------------------------------------------------------------------
def test_pain_after_creeping_up_holds() -> None:
    earlier = [session(-n, pain_after=3) for n in (8, 10, 12)]
    recent = [session(-n, pain_after=p) for n, p in ((1, 4), (3, 4), (5, 5))]
    found = gates([*settled(), *earlier, *recent])
    assert names(found) == ["pain"]
    assert found[0].text == (
        "Pain: your pain after this routine is creeping up (4.3 on average in the last 7 days, "
        "3.0 in the 7 days before). Wait until it settles."
    )


def test_pain_exactly_one_point_higher_holds_less_does_not() -> None:
    earlier = [session(-8, pain_after=3), session(-13, pain_after=4)]  # 3.5
    one_point = [session(-1, pain_after=4), session(-6, pain_after=5)]  # 4.5
    assert names(gates([*settled(), *earlier, *one_point])) == ["pain"]
    half_a_point = [session(-1, pain_after=4), session(-6, pain_after=4)]  # 4.0
    assert gates([*settled(), *earlier, *half_a_point]) == []


def test_pain_needs_two_scores_in_each_week_and_ignores_missing_ones() -> None:
    earlier = [session(-8, pain_after=2), session(-9, pain_after=None), session(-9)]
    recent = [session(-1, pain_after=8), session(-2, pain_after=7), session(-3)]
    assert "pain" not in names(gates([*settled(), *earlier, *recent]))
    more = [*earlier, session(-10, pain_after=2)]
    assert "pain" in names(gates([*settled(), *more, *recent]))


def test_pain_of_a_stopped_session_counts_a_rehearsal_does_not() -> None:
    earlier = [session(-8, pain_after=2), session(-9, pain_after=2)]
    recent = [session(-1, pain_after=6, rehearsal=True), session(-2, pain_after=2)]
    assert "pain" not in names(gates([*settled(), *earlier, *recent]))
    stopped = session(-3, status="stopped", pain_after=7)
    assert names(gates([*settled(), *earlier, *recent, stopped])) == ["stop", "pain"]


def test_falling_pain_does_not_hold() -> None:
    earlier = [session(-n, pain_after=6) for n in (8, 9)]
    recent = [session(-n, pain_after=2) for n in (1, 2)]
    assert gates([*settled(), *earlier, *recent]) == []


# -- safety stop -------------------------------------------------------------------------------------
def test_a_safety_stop_holds_for_two_weeks() -> None:
    stop = session(-13, status="stopped", step_name="Bird-dog")
    found = gates([*settled(), stop])
    assert names(found) == ["stop"]
    assert found[0].text == (
        "Safety stop: you stopped this routine for spreading pain on Sun 8 Nov (Bird-dog). "
        "No progression for two weeks after a stop: not before Sun 22 Nov."
    )
    assert gates([*settled(), session(-14, status="stopped")]) == []


def test_a_stop_in_a_rehearsal_or_without_a_step_name_counts() -> None:
    stop = session(-2, status="stopped", rehearsal=True)
    found = gates([*settled(), stop])
    assert names(found) == ["stop"]
    assert "on Thu 19 Nov. No progression" in found[0].text
    assert gates([*settled(), session(-2, status="stopped", routine="other")]) == []


def test_every_gate_at_once_in_order() -> None:
    sessions = [
        session(-2, status="stopped", pain_after=6),
        session(-3, pain_after=6),
        session(-8, pain_after=2),
        session(-9, pain_after=2),
    ]
    assert names(gates(sessions, [progressed(-1)])) == ["stop", "pain", "form", "practice", "pace"]


def test_future_records_are_left_out() -> None:
    assert names(gates([*settled(), session(3, status="stopped")])) == []


def test_history_off_is_a_gate() -> None:
    gate = history_off_gate("History is off: the folder is read-only.")
    assert gate.name == "history"
    assert gate.text == (
        "History: the gates cannot be checked (History is off: the folder is read-only), so "
        "nothing says it is time."
    )


# -- from a store ------------------------------------------------------------------------------------
def test_gates_for_reads_the_store(tmp_path: Path) -> None:
    store = open_history(tmp_path / "history.sqlite3", clock=FakeClock()).store
    for offset in (-40, -3, -2, -1):
        started = datetime.combine(d(offset), time(9)).astimezone()
        record(store, started, routine=ROUTINE, name="Core stability")
    assert gates_for(store, ROUTINE, TODAY) == []  # the first day (40 days ago) from the store
    at = datetime.combine(d(-1), time(12)).astimezone()
    SafetyRecord(store).record_progression(ROUTINE, ["1. Bridge: reps 10 → 11"], at=at)
    assert names(gates_for(store, ROUTINE, TODAY)) == ["practice", "pace"]
    assert names(gates_for(store, "morning-mobility", TODAY)) == ["form", "practice"]
    store.close()
