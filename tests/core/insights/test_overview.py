"""What home and the history screen are given, from a real store."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sessiontimer.core.history.connection import open_history
from sessiontimer.core.history.records import CheckIn
from sessiontimer.core.history.rows import SegmentRow
from sessiontimer.core.history.store import Store
from sessiontimer.core.insights.overview import HEATMAP_WEEKS, history_view, home_facts

TODAY = date(2026, 11, 21)
ROWS = [SegmentRow(0, "Bridge", "hold", None, 1, 1, 5, True)]


def add(
    store: Store,
    day: date,
    *,
    status: str = "completed",
    speed: float = 1.0,
    routine: str = "core",
    pain: tuple[int | None, int | None] = (None, None),
    stop_step_name: str | None = None,
) -> None:
    started = datetime(day.year, day.month, day.day, 8, tzinfo=UTC)
    sid = store.begin(
        routine=routine,
        routine_name=routine.title(),
        started=started,
        segments=ROWS,
        speed=speed,
        before=CheckIn(pain=pain[0]),
    )
    store.finish(sid, status=status, ended=started, stop_step_name=stop_step_name)
    store.check_in_after(sid, CheckIn(pain=pain[1]))


def test_a_streak_longer_than_the_heat_map_is_counted_in_full(tmp_path: Path) -> None:
    store = open_history(tmp_path / "h.sqlite3").store
    for days_ago in range(100):
        add(store, TODAY - timedelta(days=days_ago))
    add(store, TODAY - timedelta(days=101))  # after a gap
    view = history_view(store, TODAY)
    assert view.streak == 100 > HEATMAP_WEEKS * 7
    assert view.total == 101


def test_home_facts(tmp_path: Path) -> None:
    store = open_history(tmp_path / "h.sqlite3").store
    add(store, TODAY - timedelta(days=20))
    add(store, TODAY, pain=(5, 3))
    add(store, TODAY, routine="desk")
    add(store, TODAY, speed=3)  # a rehearsal: not counted
    add(store, TODAY, status="left")  # not completed: not counted
    facts = home_facts(store, TODAY)
    assert facts.done_today == {"core": 1, "desk": 1}
    assert facts.week is not None and facts.week.week == 3
    assert facts.last is not None and facts.last.status == "left"
    assert facts.advice == []


def test_one_stop_becomes_advice_on_home(tmp_path: Path) -> None:
    store = open_history(tmp_path / "h.sqlite3").store
    add(store, TODAY - timedelta(days=3), status="stopped", stop_step_name="Bridge")
    [advice] = home_facts(store, TODAY).advice
    assert advice.kind == "stopped" and "Bridge" in advice.text and "once" in advice.text


def test_no_improvement_is_found_over_eight_weeks_of_sessions(tmp_path: Path) -> None:
    store = open_history(tmp_path / "h.sqlite3").store
    for days_ago in (50, 45, 40, 20, 10, 0):  # three scores in each span of 4 weeks
        add(store, TODAY - timedelta(days=days_ago), pain=(6, 6))
    for days_ago in range(1, 56, 3):  # sessions without scores in between
        add(store, TODAY - timedelta(days=days_ago))
    for days_ago in range(60, 400, 7):  # older sessions are not read
        add(store, TODAY - timedelta(days=days_ago), pain=(9, 9))
    kinds = [a.kind for a in history_view(store, TODAY).advice]
    assert kinds == ["no_improvement"]


def test_home_asks_about_the_everyday_activities_from_the_first_session_on(
    tmp_path: Path,
) -> None:
    from sessiontimer.core.history.psfs import PsfsRecord
    from sessiontimer.core.insights import psfs

    store = open_history(tmp_path / "h.sqlite3").store
    assert home_facts(store, TODAY).psfs_due is None  # trying the app out: not asked
    add(store, TODAY, speed=4)  # a rehearsal is not the programme's start either
    assert home_facts(store, TODAY).psfs_due is None
    add(store, TODAY - timedelta(days=1))
    assert home_facts(store, TODAY).psfs_due == psfs.SETUP
    record = PsfsRecord(store)
    socks = record.add("Socks", at=datetime(2026, 11, 1, tzinfo=UTC))
    assert home_facts(store, TODAY).psfs_due == psfs.RATE
    record.rate({socks: 5}, at=datetime(2026, 11, 20, 9, tzinfo=UTC))
    assert home_facts(store, TODAY).psfs_due is None
    view = history_view(store, TODAY)
    assert view.function is not None and [w.average for w in view.function.weeks] == [5.0]
