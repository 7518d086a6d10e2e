"""What the clinician report says (DESIGN.md section 9), from a real store: adherence against the
prescription, pain against the meaningful-change band, centralization, function, stops, red flags,
standing; and an empty period and a first week that read sensibly. Rehearsals left out."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from sessiontimer.core.breaks.events import BreakRecord
from sessiontimer.core.history.connection import open_history
from sessiontimer.core.history.psfs import PsfsRecord
from sessiontimer.core.history.records import CheckIn, SessionRecord
from sessiontimer.core.history.rows import SegmentRow
from sessiontimer.core.history.safety_record import SafetyRecord
from sessiontimer.core.history.store import Store
from sessiontimer.core.insights import adherence, course
from sessiontimer.core.insights.report import default_since, report_data
from sessiontimer.core.routines.prescription import Prescription

TZ = timezone(timedelta(hours=1))
TODAY = date(2026, 11, 22)  # a Sunday
ROWS = [SegmentRow(0, "Bridge", "hold", None, 1, 1, 5, True)]


def at(day: date, hour: int = 8) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


def add(
    store: Store,
    day: date,
    *,
    routine: str = "core",
    times: int = 2,
    status: str = "completed",
    speed: float = 1.0,
    before: CheckIn | None = None,
    after: CheckIn | None = None,
    hour: int = 8,
    step: str | None = None,
) -> None:
    started = at(day, hour)
    sid = store.begin(
        routine=routine,
        routine_name=routine.title(),
        started=started,
        segments=ROWS,
        speed=speed,
        times_per_day=times,
        before=before,
    )
    store.finish(sid, status=status, ended=started + timedelta(minutes=5), stop_step_name=step)
    if after is not None:
        store.check_in_after(sid, after)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_history(tmp_path / "history.sqlite3").store


def test_the_default_period_is_the_last_12_weeks(store: Store) -> None:
    assert default_since(TODAY) == date(2026, 8, 31)  # a Monday: 12 whole weeks to Sunday
    data = report_data(store, TODAY)
    assert (data.since, data.until, data.days) == (date(2026, 8, 31), TODAY, 84)


def test_an_empty_history_reads_sensibly(store: Store) -> None:
    data = report_data(store, TODAY)
    assert data.empty and data.adherence.days == 0 and data.adherence.share is None
    assert data.pain.direction == "unknown" and data.legs.direction == "unknown"
    assert data.function.weeks == [] and data.stops == [] and data.standing == []


def test_adherence_counts_the_days_a_routine_was_in_use(store: Store) -> None:
    start = TODAY - timedelta(days=13)  # the programme's first day: two weeks ago
    for n in range(14):
        day = start + timedelta(days=n)
        add(store, day)
        if n % 2 == 0:
            add(store, day, hour=18)  # twice on every other day
        add(store, day, speed=4, hour=12)  # a rehearsal: not counted
    add(store, start + timedelta(days=2), routine="heat-pack", times=1)  # as needed
    data = report_data(
        store,
        TODAY,
        prescriptions={"core": Prescription(2, False), "heat-pack": Prescription(3, True)},
    )
    done = data.adherence
    assert (done.start, done.days) == (start, 14)  # from the first session, not 12 weeks
    core = next(r for r in done.routines if r.routine == "core")
    assert (core.days, core.completed, core.prescribed, core.toward) == (14, 21, 28, 21)
    assert core.share == pytest.approx(0.75) and core.per_day == "2 a day"
    heat = next(r for r in done.routines if r.routine == "heat-pack")
    assert (heat.as_needed, heat.prescribed, heat.per_day) == (True, 0, "up to 3 a day")
    assert (done.prescribed, done.toward, done.days_met) == (28, 21, 7)
    assert data.rehearsals == 14 and len(data.sessions) == 22
    assert len(data.calendar) == 12  # weeks x 7 days
    assert data.calendar[-1] == ["some", "met"] * 3 + ["some"]  # twice on every other day
    assert data.calendar[0] == ["none"] * 7
    later = report_data(store, TODAY, since=TODAY - timedelta(days=9)).calendar
    assert later[0] == [None] * 4 + ["met", "some", "met"]  # days before the period: None


def test_a_routine_set_aside_is_not_counted_as_missed() -> None:
    days = [date(2026, 9, 1), date(2026, 9, 3), date(2026, 9, 10), date(2026, 10, 20)]
    # 1–10 Sep (10 days), then a gap of 40 days; 20 Oct runs on to the end (in the last week)
    assert adherence.in_use(days, date(2026, 10, 22)) == 10 + 3
    # done long before the end: it stops at its last session
    assert adherence.in_use(days[:3], date(2026, 10, 22)) == 10
    assert adherence.in_use([], TODAY) == 0


def test_pain_against_the_meaningful_change_band(store: Store) -> None:
    first_monday = date(2026, 10, 26)
    for week, pain in enumerate((6, 5, 5, 4)):
        for n in range(3):
            day = first_monday + timedelta(weeks=week, days=n)
            add(store, day, before=CheckIn(pain=pain), after=CheckIn(pain=pain - 1))
    add(store, TODAY, speed=4, before=CheckIn(pain=10))  # a rehearsal: left out
    pain = report_data(store, TODAY).pain
    assert pain.band == pytest.approx(
        course.Band(6.0, 4.2, 7.8)
    )  # 30% of 6 down; 1.8 up (30%, at least 1)
    assert pain.first is not None and pain.last is not None
    assert (pain.first.before, pain.last.before, pain.change) == (6.0, 4.0, -2.0)
    assert pain.direction == "better"
    assert pain.session_effect == -1.0 and pain.paired == 12
    assert [w.sessions for w in pain.weeks] == [3, 3, 3, 3]


@pytest.mark.parametrize(
    ("baseline", "low", "high"),
    [(0.0, 0.0, 1.0), (3.0, 2.1, 4.0), (5.0, 3.5, 6.5), (8.0, 6.0, 10.0)],
)
def test_the_band(baseline: float, low: float, high: float) -> None:
    band = course.band(baseline)
    assert (band.low, band.high) == pytest.approx((low, high))


def test_a_first_week_has_no_change_yet(store: Store) -> None:
    add(store, TODAY - timedelta(days=1), before=CheckIn(pain=5, leg="thigh"))
    data = report_data(store, TODAY)
    assert data.pain.change is None and data.pain.direction == "unknown"
    assert data.legs.direction == "unknown"
    assert (data.adherence.days, data.adherence.days_met) == (2, 0)  # 2 days in, none met yet


def test_centralization_over_the_period(store: Store) -> None:
    since = TODAY - timedelta(weeks=4) + timedelta(days=1)
    for n in range(4):
        add(
            store,
            since + timedelta(days=n),
            before=CheckIn(leg="below_knee"),
            after=CheckIn(leg="thigh"),
        )
        add(
            store,
            TODAY - timedelta(days=n),
            before=CheckIn(leg="buttock"),
            after=CheckIn(leg="back"),
        )
    legs = report_data(store, TODAY, since=since).legs
    assert (legs.direction, legs.window_days, legs.earlier, legs.recent) == (
        "centralizing",
        14,
        3.5,
        1.5,
    )
    short = report_data(store, TODAY, since=TODAY - timedelta(days=5)).legs
    assert short.window_days == 3  # halves of a shorter period


def test_stops_red_flags_notes_standing_and_function(store: Store) -> None:
    day = TODAY - timedelta(days=3)
    add(store, day, status="stopped", step="Bridge", after=CheckIn(pain=7, leg="below_knee"))
    add(store, day, status="stopped", step="Plank", speed=5)  # a rehearsal's stop: left out
    add(store, day, after=CheckIn(note="Tight calf"))
    add(store, day, after=CheckIn(note="   "))
    safety = SafetyRecord(store)
    safety.answer_red_flags(yes=True, at=at(day, 7), routine="core")
    safety.answer_red_flags(yes=False, at=at(day, 7))
    safety.answer_red_flags(yes=True, at=at(TODAY - timedelta(weeks=20)))  # before the period
    nine = at(day, 9).timestamp()
    store.save_break(BreakRecord(nine, "taken", nine + 300, 0, 300))
    psfs = PsfsRecord(store)
    socks = psfs.add("Socks", at=at(day))
    psfs.rate({socks: 3}, at=at(day - timedelta(weeks=1)))
    psfs.rate({socks: 6}, at=at(day))
    data = report_data(store, TODAY)
    (stop,) = data.stops
    assert (stop.step_name, stop.pain, stop.leg, stop.routine_name) == (
        "Bridge",
        7,
        "below_knee",
        "Core",
    )
    assert [(a.yes, a.routine) for a in data.red_flags] == [(True, "core")]
    assert [n.text for n in data.notes] == ["Tight calf"]
    assert [(d.day, d.standing_seconds) for d in data.standing] == [
        (day + timedelta(days=n), 300 if n == 0 else 0) for n in range(4)
    ]
    assert data.function.change is not None and data.function.change.change == 3.0


def test_tallies_leave_rehearsals_out() -> None:
    base = dict(
        routine_name="Core", ended_at=None, times_per_day=2, pain_before=None,
        pain_after=None, leg_before=None, leg_after=None, feel=None, note="", segments_done=1,
        segments_total=1, active_seconds=1.0, stop_reason=None, stop_step=None,
        stop_step_name=None,
    )  # fmt: skip
    records = [
        SessionRecord(id=n, routine="core", started_at=at(TODAY), day=TODAY, status=status,
                      rehearsal=rehearsal, **base)  # type: ignore[arg-type]
        for n, (status, rehearsal) in enumerate(
            [("completed", False), ("left", False), ("completed", True)]
        )
    ]  # fmt: skip
    (tally,) = adherence.tallies(records)
    assert (tally.completed, tally.sessions, tally.times_per_day) == (1, 2, 2)
