"""Function in the history (DESIGN.md sections 6 and 11): the PSFS activities, renamed or replaced
with their ratings kept, the ratings with their time, "not now"; and the migration from a version-3
file (the PSFS tables and the sessions' ``resumed``) that keeps everything already there."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from sessiontimer.core.breaks.events import BreakRecord
from sessiontimer.core.history.connection import connect_read_only, open_history
from sessiontimer.core.history.psfs import PsfsRecord
from sessiontimer.core.history.records import CheckIn
from sessiontimer.core.history.rows import SegmentRow
from sessiontimer.core.history.safety_record import SafetyRecord
from sessiontimer.core.history.schema import MIGRATIONS, SCHEMA_VERSION, migrate, schema_version
from sessiontimer.core.history.store import Store

TZ = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=TZ)
ROWS = [
    SegmentRow(0, "Get ready", "prepare", None, 1, 1, 5, False),
    SegmentRow(0, "Knee to chest", "hold", "left", 1, 1, 30, True),
    SegmentRow(0, "Knee to chest", "hold", "right", 1, 1, 30, True),
]


def psfs_of(tmp_path: Path) -> PsfsRecord:
    return PsfsRecord(open_history(tmp_path / "history.sqlite3").store)


def test_activities_keep_their_order_and_their_words(tmp_path: Path) -> None:
    psfs = psfs_of(tmp_path)
    ids = [psfs.add(name, at=MONDAY) for name in ("Putting on socks", "  Sitting\tthrough a film ")]
    assert [(a.id, a.name, a.position) for a in psfs.activities()] == [
        (ids[0], "Putting on socks", 0),
        (ids[1], "Sitting through a film", 1),  # one plain line: the tab and the edges cleaned
    ]
    psfs.reorder([ids[1], ids[0]])
    assert [a.id for a in psfs.activities()] == [ids[1], ids[0]]
    with pytest.raises(ValueError):
        psfs.add(" \x1b ", at=MONDAY)
    assert len(psfs.add("x" * 200, at=MONDAY) and psfs.activities()[-1].name) == 80


def test_a_rename_keeps_the_ratings_with_the_activity(tmp_path: Path) -> None:
    psfs = psfs_of(tmp_path)
    socks = psfs.add("Putting on socks", at=MONDAY)
    psfs.rate({socks: 3}, at=MONDAY)
    psfs.rename(socks, "Socks and shoes", at=MONDAY + timedelta(days=7))
    psfs.rename(socks, "Socks and shoes", at=MONDAY + timedelta(days=8))  # no change: no old name
    psfs.rate({socks: 5}, at=MONDAY + timedelta(days=7))
    (activity,) = psfs.activities()
    assert (activity.name, activity.former_names, activity.active) == (
        "Socks and shoes",
        ("Putting on socks",),
        True,
    )
    assert [(r.activity_id, r.score) for r in psfs.ratings()] == [(socks, 3), (socks, 5)]


def test_a_replacement_retires_the_old_activity_with_its_ratings(tmp_path: Path) -> None:
    psfs = psfs_of(tmp_path)
    socks, film, walk = (psfs.add(n, at=MONDAY) for n in ("Socks", "Film", "Walking"))
    psfs.rate({socks: 2, film: 4, walk: 6}, at=MONDAY)
    later = MONDAY + timedelta(days=7)
    stairs = psfs.replace(film, "Climbing stairs", at=later)
    psfs.remove(walk, at=later)
    assert [(a.name, a.position) for a in psfs.activities()] == [
        ("Socks", 0),
        ("Climbing stairs", 1),  # in the place of the one it replaced
    ]
    everything = psfs.activities(retired=True)
    assert [(a.name, a.active, a.replaced_by) for a in everything] == [
        ("Socks", True, None),
        ("Climbing stairs", True, None),
        ("Film", False, stairs),
        ("Walking", False, None),
    ]
    assert everything[2].retired_at == later
    assert sorted(r.score for r in psfs.ratings()) == [2, 4, 6]  # nothing lost
    with pytest.raises(KeyError):
        psfs.replace(film, "Again", at=later)  # a retired one is not replaced twice


def test_ratings_have_their_time_and_day_and_a_range(tmp_path: Path) -> None:
    psfs = psfs_of(tmp_path)
    socks = psfs.add("Socks", at=MONDAY)
    psfs.rate({socks: 0}, at=MONDAY)
    psfs.rate({socks: 10}, at=MONDAY + timedelta(days=9))
    first, second = psfs.ratings()
    assert (first.at, first.day, first.score) == (MONDAY, MONDAY.date(), 0)
    assert psfs.ratings(since=MONDAY.date() + timedelta(days=1)) == [second]
    assert psfs.ratings(until=MONDAY.date()) == [first]
    assert psfs.last_rated() == second.day
    for bad in (11, -1, 2.5, True):
        with pytest.raises(ValueError):
            psfs.rate({socks: bad}, at=MONDAY)  # type: ignore[dict-item]
    assert len(psfs.ratings()) == 2


def test_not_now_is_kept_by_the_day(tmp_path: Path) -> None:
    psfs = psfs_of(tmp_path)
    assert psfs.last_not_now() is None and psfs.last_rated() is None
    psfs.not_now(at=MONDAY)
    psfs.not_now(at=MONDAY - timedelta(days=3))
    assert psfs.last_not_now() == MONDAY.date()


def version_3_file(path: Path) -> None:
    """A history as version 3 left it: sessions and segments, breaks, red-flag answers, steps
    left out and progressions."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[:3])
    assert schema_version(conn) == 3
    conn.close()
    with sqlite3.connect(path, isolation_level=None) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
    store = Store(sqlite3.connect(path, isolation_level=None, check_same_thread=False))
    sid = store.begin(
        routine="morning",
        routine_name="Morning mobility",
        started=MONDAY,
        segments=ROWS,
        before=CheckIn(pain=6, leg="thigh"),
        owner="gone 1 x",
    )
    store.boundary(
        sid,
        changed=[(1, "done"), (2, "skipped")],
        segments_done=1,
        active_seconds=42.5,
        current_segment=2,
        at=MONDAY,
    )
    store.finish(
        sid,
        status="stopped",
        ended=MONDAY + timedelta(minutes=2),
        stop_reason="pain spreading down the leg",
        stop_step=0,
        stop_step_name="Knee to chest",
    )
    store.check_in_after(sid, CheckIn(pain=7, leg="below_knee", feel="painful", note="sharp"))
    store.save_break(BreakRecord(MONDAY.timestamp(), "taken", MONDAY.timestamp() + 180, 1, 180))
    safety = SafetyRecord(store)
    safety.answer_red_flags(yes=True, at=MONDAY, routine="morning")
    safety.leave_out("morning", "Knee to chest", at=MONDAY, session_id=sid)
    safety.record_progression("morning", ["1. hold 30s → 35s"], at=MONDAY)
    store.close()


def test_a_version_3_file_is_migrated_and_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    version_3_file(path)
    before = Store(connect_read_only(path))
    was = (before.sessions(), before.steps(1), before.break_days())
    assert was[0][0].resumed is False  # read as it is: no column yet, read as not resumed
    assert PsfsRecord(before).activities() == [] and PsfsRecord(before).ratings() == []
    before.close()

    store = open_history(path).store
    assert schema_version(store.conn) == SCHEMA_VERSION == 4
    assert (store.sessions(), store.steps(1), store.break_days()) == was
    (session,) = store.sessions()
    assert (session.status, session.pain_after, session.leg_after, session.note) == (
        "stopped",
        7,
        "below_knee",
        "sharp",
    )
    assert store.segments_skipped() == {1: 1}
    safety = SafetyRecord(store)
    assert [(a.yes, a.routine) for a in safety.red_flag_answers()] == [(True, "morning")]
    assert [s.step_name for s in safety.left_out("morning")] == ["Knee to chest"]
    assert [p.changes for p in safety.progressions("morning")] == [("1. hold 30s → 35s",)]
    # the new tables and column work
    store.conn.execute("UPDATE sessions SET resumed = 1")
    assert store.sessions()[0].resumed is True
    psfs = PsfsRecord(store)
    psfs.rate({psfs.add("Socks", at=MONDAY): 4}, at=MONDAY)
    assert [r.score for r in psfs.ratings()] == [4]


def test_a_new_session_is_not_resumed(tmp_path: Path) -> None:
    store = open_history(tmp_path / "history.sqlite3").store
    store.begin(routine="m", routine_name="M", started=MONDAY, segments=ROWS)
    assert store.sessions()[0].resumed is False
