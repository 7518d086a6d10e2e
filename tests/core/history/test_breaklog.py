"""Breaks in the history: the schema migration from version 1, one row per break updated as it
changes, the per-day tallies the history screen shows, and a log that never raises."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

from sessiontimer.core.breaks.events import BreakRecord
from sessiontimer.core.history.breaklog import BreakLog
from sessiontimer.core.history.connection import open_history
from sessiontimer.core.history.records import BreakDay
from sessiontimer.core.history.rows import SegmentRow
from sessiontimer.core.history.schema import MIGRATIONS, SCHEMA_VERSION, migrate
from sessiontimer.core.history.store import Store

NINE = datetime(2026, 11, 21, 9, 0).timestamp()  # local time
DAY = date(2026, 11, 21)


def store(tmp_path: Path) -> Store:
    return open_history(tmp_path / "history.sqlite3").store


def test_a_version_1_file_gains_the_breaks_table_and_keeps_its_sessions(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path)
    migrate(conn, MIGRATIONS[:1])
    conn.execute(
        "INSERT INTO sessions (routine, routine_name, started_at, started_epoch, day, updated_at, "
        "status) VALUES ('a', 'A', '2026-11-20T09:00:00+00:00', 1, '2026-11-20', 'x', 'completed')"
    )
    conn.commit()
    conn.close()
    s = open_history(path).store
    assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert s.count() == 1
    assert s.break_days() == []


def test_one_row_per_break_updated_as_it_changes(tmp_path: Path) -> None:
    s = store(tmp_path)
    log = BreakLog(s)
    called = BreakRecord(called_at=NINE)
    log.save(called)
    log.save(BreakRecord(called_at=NINE, snoozes=1))
    rows = s.conn.execute("SELECT outcome, snoozes, day FROM breaks").fetchall()
    assert rows == [("open", 1, "2026-11-21")]
    assert s.break_days() == []  # an open break is not counted yet
    log.save(
        BreakRecord(
            called_at=NINE,
            outcome="taken",
            ended_at=NINE + 480,
            snoozes=1,
            standing_seconds=180,
            routine=True,
        )
    )
    log.save(BreakRecord(called_at=NINE + 3600, outcome="skipped", ended_at=NINE + 3610))
    log.save(BreakRecord(called_at=NINE + 7200, outcome="away", ended_at=NINE + 7200))
    log.save(BreakRecord(called_at=NINE + 9000, outcome="missed", ended_at=NINE + 9500, snoozes=2))
    assert s.conn.execute("SELECT count(*) FROM breaks").fetchone()[0] == 4
    assert s.break_days() == [
        BreakDay(DAY, taken=2, away=1, skipped=1, missed=1, snoozes=3, standing_seconds=180)
    ]
    assert s.break_days(since=date(2026, 11, 22)) == []
    row = s.conn.execute("SELECT called_at, ended_at, routine FROM breaks WHERE id = 1").fetchone()
    assert row[0].startswith("2026-11-21T09:00:00")
    assert row[1].startswith("2026-11-21T09:08:00")
    assert row[2] == 1


def test_breaks_are_counted_on_their_local_day(tmp_path: Path) -> None:
    s = store(tmp_path)
    log = BreakLog(s)
    late = datetime(2026, 11, 20, 23, 59).timestamp()
    log.save(
        BreakRecord(called_at=late, outcome="taken", ended_at=late + 180, standing_seconds=180)
    )
    log.save(BreakRecord(called_at=NINE, outcome="taken", ended_at=NINE + 60, standing_seconds=60))
    assert [(d.day, d.standing_seconds) for d in s.break_days()] == [
        (date(2026, 11, 20), 180),
        (DAY, 60),
    ]


def test_a_busy_file_keeps_the_newest_version_for_later(tmp_path: Path) -> None:
    s = store(tmp_path)
    log = BreakLog(s)
    other = sqlite3.connect(tmp_path / "history.sqlite3", timeout=0)
    other.execute("BEGIN IMMEDIATE")
    s.conn.execute("PRAGMA busy_timeout = 0")
    log.save(BreakRecord(called_at=NINE))
    log.save(BreakRecord(called_at=NINE, snoozes=1))
    assert log.waiting is not None and "busy" in log.waiting
    assert log.problem is None
    other.rollback()
    other.close()
    log.save(BreakRecord(called_at=NINE + 60, outcome="skipped", ended_at=NINE + 70))
    assert log.waiting is None
    rows = s.conn.execute("SELECT outcome, snoozes FROM breaks ORDER BY id").fetchall()
    assert rows == [("open", 1), ("skipped", 0)]


def test_a_failing_file_turns_the_log_off_without_raising(tmp_path: Path) -> None:
    s = store(tmp_path)
    log = BreakLog(s)
    s.conn.close()
    log.save(BreakRecord(called_at=NINE))
    assert log.store is None
    assert log.problem is not None and "not being recorded" in log.problem
    log.save(BreakRecord(called_at=NINE, snoozes=1))  # nothing happens, nothing raises


def test_no_store_no_writes() -> None:
    log = BreakLog(None, problem="History is off.")
    log.save(BreakRecord(called_at=NINE))
    assert log.problem == "History is off."


def test_segment_rows_still_write(tmp_path: Path) -> None:
    """The new table does not disturb sessions."""
    s = store(tmp_path)
    session_id = s.begin(
        routine="a",
        routine_name="A",
        started=datetime.fromtimestamp(NINE).astimezone(),
        segments=[SegmentRow(0, "x", "hold", None, 1, 1, 30, True)],
    )
    assert s.session(session_id) is not None


def test_a_schema_1_file_still_reads_when_it_cannot_be_migrated(tmp_path: Path) -> None:
    """The read-only fallback (a folder that cannot be written) reads a file of the schema
    before breaks; it has no breaks to show."""
    from sessiontimer.core.history.connection import connect_read_only

    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path)
    migrate(conn, MIGRATIONS[:1])
    conn.close()
    s = Store(connect_read_only(path))
    assert s.sessions() == []
    assert s.break_days() == []


def test_a_break_left_open_by_a_process_that_is_gone_is_missed(tmp_path: Path) -> None:
    from sessiontimer.core.history.owner import this_process

    s = store(tmp_path)
    host, _pid, start = this_process().split(" ")
    gone = f"{host} 4194999 {start}"  # this machine, a process that is not running
    s.save_break(BreakRecord(called_at=NINE, snoozes=1), owner=gone)
    s.save_break(BreakRecord(called_at=NINE + 60), owner=this_process())  # running: left open
    s.recover()
    rows = s.conn.execute("SELECT outcome, ended_at IS NOT NULL FROM breaks ORDER BY id").fetchall()
    assert rows == [("missed", 1), ("open", 0)]
