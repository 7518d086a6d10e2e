"""The history store (DESIGN.md section 6): schema and migrations, writing a session as it goes,
abandoned sessions, damaged files, read-only folders and two processes writing at once."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.history.connection import HistoryUnavailable, open_history
from sessiontimer.core.history.owner import is_alive, owner_of, this_process
from sessiontimer.core.history.records import CheckIn
from sessiontimer.core.history.rows import SegmentRow, local_time, stamp
from sessiontimer.core.history.schema import MIGRATIONS, SCHEMA_VERSION, migrate
from sessiontimer.core.history.store import STALE_HOURS, Store
from tests.support.wait import wait_until

TZ = timezone(timedelta(hours=1))
T0 = datetime(2026, 11, 21, 9, 0, 0, tzinfo=TZ)
ROWS = [
    SegmentRow(0, "Get ready", "prepare", None, 1, 1, 5, False),
    SegmentRow(0, "Knee to chest", "hold", "left", 1, 1, 30, True),
    SegmentRow(0, "Knee to chest", "hold", "right", 1, 1, 30, True),
    SegmentRow(1, "Pelvic tilt", "reps", None, 1, 1, None, True),
]


def new_store(tmp_path: Path) -> Store:
    return open_history(tmp_path / "history.sqlite3").store


def calendar_at(moment: datetime) -> FakeClock:
    """A fake clock whose calendar reads ``moment`` (naive: local time)."""
    return FakeClock(epoch=moment.timestamp())


def begin(store: Store, **changes: object) -> int:
    values: dict[str, object] = {
        "routine": "morning",
        "routine_name": "Morning mobility",
        "started": T0,
        "segments": ROWS,
        "times_per_day": 2,
    }
    values.update(changes)
    return store.begin(**values)  # type: ignore[arg-type]


# --- schema -----------------------------------------------------------------------------------


def test_a_new_file_is_in_wal_mode_with_a_busy_timeout_and_the_newest_schema(
    tmp_path: Path,
) -> None:
    store = new_store(tmp_path)
    conn = store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"sessions", "segments"} <= tables


def test_migrations_run_in_order_from_version_0_and_only_once(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "h.sqlite3", isolation_level=None)
    steps = (
        "CREATE TABLE a (x INTEGER);",
        "ALTER TABLE a ADD COLUMN y TEXT; INSERT INTO a VALUES (1, 'one');",
        "CREATE TABLE b (z INTEGER);",
    )
    assert migrate(conn, steps[:2]) == 0
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    assert migrate(conn, steps) == 2  # only the third runs now
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    assert conn.execute("SELECT x, y FROM a").fetchall() == [(1, "one")]
    assert migrate(conn, steps) == 3  # nothing left to do
    assert conn.execute("SELECT count(*) FROM a").fetchone()[0] == 1


def test_a_failing_migration_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "h.sqlite3", isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, ("CREATE TABLE a (x INTEGER);", "CREATE TABLE a (x INTEGER);"))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    assert not conn.in_transaction


def test_a_file_from_a_newer_version_is_left_untouched_and_history_is_off(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    new_store(tmp_path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(HistoryUnavailable, match="newer sessiontimer"):
        open_history(path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.broken-*"))


# --- a session as it goes ---------------------------------------------------------------------


def test_a_session_row_is_written_at_the_start(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    sid = begin(store, before=CheckIn(pain=6, leg="thigh"))
    record = store.session(sid)
    assert record is not None
    assert record.status == "in_progress"  # this process is alive
    assert record.started_at == T0 and record.ended_at is None
    assert record.day == date(2026, 11, 21)
    assert (record.pain_before, record.leg_before) == (6, "thigh")
    assert (record.segments_done, record.segments_total) == (0, 4)
    assert record.times_per_day == 2 and not record.rehearsal


def test_boundaries_and_the_end_are_stored(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    sid = begin(store)
    at = T0 + timedelta(seconds=35)
    store.boundary(
        sid,
        changed=[(0, "done"), (1, "done")],
        segments_done=2,
        active_seconds=35.0,
        current_segment=2,
        at=at,
    )
    store.boundary(
        sid,
        changed=[(2, "skipped")],
        segments_done=2,
        active_seconds=36.2,
        current_segment=3,
        at=at,
    )
    store.finish(sid, status="left", ended=at + timedelta(seconds=5))
    store.check_in_after(sid, CheckIn(pain=3, leg="buttock", feel="hard", note="tight today"))
    record = store.session(sid)
    assert record is not None
    assert record.status == "left"
    assert record.ended_at == at + timedelta(seconds=5)
    assert (record.segments_done, record.active_seconds) == (2, 36.2)
    assert (record.pain_after, record.leg_after, record.feel, record.note) == (
        3,
        "buttock",
        "hard",
        "tight today",
    )
    steps = store.steps(sid)
    # step 0: one hold done, one skipped -> partial; step 1 was current when left -> skipped
    assert [(s.name, s.result, s.work_done, s.work_total) for s in steps] == [
        ("Knee to chest", "partial", 1, 2),
        ("Pelvic tilt", "skipped", 0, 1),
    ]


def test_a_safety_stop_keeps_its_reason_and_step(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    sid = begin(store)
    store.finish(
        sid,
        status="stopped",
        ended=T0,
        stop_reason="pain spreading down the leg",
        stop_step=1,
        stop_step_name="Pelvic tilt",
    )
    record = store.session(sid)
    assert record is not None
    assert (record.status, record.stop_reason, record.stop_step, record.stop_step_name) == (
        "stopped",
        "pain spreading down the leg",
        1,
        "Pelvic tilt",
    )


def test_rehearsals_are_flagged_and_left_out_of_counts(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    real = begin(store)
    rehearsal = begin(store, speed=10.0)
    for sid in (real, rehearsal):
        store.finish(sid, status="completed", ended=T0)
    assert [r.rehearsal for r in store.sessions()] == [False, True]
    assert store.done_on(date(2026, 11, 21)) == {"morning": 1}
    [tally] = store.day_tallies()
    assert (tally.completed, tally.sessions, tally.times_per_day) == (1, 1, 2)
    assert store.first_day() == date(2026, 11, 21)


def test_since_and_newest_first(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    for days in (0, 1, 2):
        begin(store, started=T0 + timedelta(days=days))
    assert [r.day.day for r in store.sessions(date(2026, 11, 22))] == [22, 23]
    assert [r.day.day for r in store.sessions(newest_first=True, limit=2)] == [23, 22]


# --- abandoned sessions -----------------------------------------------------------------------


def dead_owner() -> str:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    owner = owner_of(child.pid)  # with its start time, while it runs
    child.kill()
    child.wait()
    return owner


def test_owners(tmp_path: Path) -> None:
    assert is_alive(this_process()) is True
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        owner = owner_of(child.pid)
        assert is_alive(owner) is True
        child.kill()
        # Killed but not yet waited for: a zombie has ended all the same.
        wait_until(lambda: is_alive(owner) is False)
    finally:
        child.wait()
    assert is_alive(owner) is False
    assert is_alive("another-host 1 123@abc") is None
    assert is_alive(None) is False
    assert is_alive("nonsense") is False


def test_a_session_left_in_progress_by_a_dead_process_reads_as_interrupted(
    tmp_path: Path,
) -> None:
    store = new_store(tmp_path)
    sid = begin(store, owner=dead_owner())
    at = T0 + timedelta(seconds=40)
    store.boundary(
        sid, changed=[(0, "done")], segments_done=1, active_seconds=5, current_segment=1, at=at
    )
    record = store.session(sid)
    assert record is not None
    assert (record.status, record.ended_at, record.segments_done) == ("interrupted", at, 1)
    store.close()
    # ...and the next writer to open the file stores it so.
    reopened = new_store(tmp_path)
    row = reopened.conn.execute("SELECT status, ended_at FROM sessions").fetchone()
    assert row == ("interrupted", at.isoformat())


def test_a_session_running_in_another_live_process_is_not_touched(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    sid = begin(store, owner=owner_of(os.getppid()))
    store.close()
    reopened = new_store(tmp_path)
    record = reopened.session(sid)
    assert record is not None and record.status == "in_progress"


# --- bad files and folders --------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"this is not a database at all\n" * 100,
        b"SQLite format 3\x00" + b"\xff" * 4000,  # a damaged header
    ],
)
def test_a_damaged_file_is_moved_aside_kept_and_a_new_one_started(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(content)
    opened = open_history(path, clock=calendar_at(datetime(2026, 11, 21, 9, 30, 5)))
    kept = tmp_path / "history.sqlite3.broken-20261121-093005"
    assert kept.read_bytes() == content  # nothing deleted
    assert opened.notice is not None and str(kept) in opened.notice
    begin(opened.store)
    assert len(opened.store.sessions()) == 1


def test_a_second_damaged_file_the_same_second_does_not_replace_the_first(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    clock = calendar_at(datetime(2026, 11, 21, 9, 30, 5))
    for text in (b"first" * 200, b"second" * 200):
        Path(str(path) + "-wal").unlink(missing_ok=True)
        Path(str(path) + "-shm").unlink(missing_ok=True)
        path.write_bytes(text)
        open_history(path, clock=clock).store.close()
    kept = sorted(p.name for p in tmp_path.glob("history.sqlite3.broken-*"))
    assert kept == [
        "history.sqlite3.broken-20261121-093005",
        "history.sqlite3.broken-20261121-093005-2",
    ]


def test_someone_elses_sqlite_file_is_moved_aside_not_changed(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('soup')")
    conn.close()
    opened = open_history(path, clock=calendar_at(datetime(2026, 11, 21, 10, 0, 0)))
    assert opened.notice is not None and "not a sessiontimer history" in opened.notice
    kept = tmp_path / "history.sqlite3.broken-20261121-100000"
    with sqlite3.connect(kept) as conn:
        assert conn.execute("SELECT name FROM recipes").fetchall() == [("soup",)]
    conn.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_a_read_only_folder_turns_history_off_with_a_reason(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(HistoryUnavailable, match="History is off"):
            open_history(folder / "history.sqlite3")
    finally:
        folder.chmod(0o700)


def test_a_folder_that_cannot_be_made_turns_history_off(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(HistoryUnavailable, match=r"History is off: cannot use .*file"):
        open_history(blocker / "sub" / "history.sqlite3")


def test_a_missing_folder_is_made(tmp_path: Path) -> None:
    opened = open_history(tmp_path / "a" / "b" / "history.sqlite3")
    assert opened.notice is None
    assert (tmp_path / "a" / "b" / "history.sqlite3").exists()


def test_reading_a_missing_file_does_not_create_it(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        open_history(tmp_path / "history.sqlite3", create=False)
    assert not (tmp_path / "history.sqlite3").exists()


# --- two processes ----------------------------------------------------------------------------


def _writer(path: str, name: str, count: int) -> None:
    store = open_history(Path(path)).store
    for n in range(count):
        sid = begin(store, routine=name, started=T0 + timedelta(minutes=n))
        for i in range(len(ROWS)):
            store.boundary(
                sid,
                changed=[(i, "done")],
                segments_done=i + 1,
                active_seconds=float(i),
                current_segment=i,
                at=T0,
            )
        store.finish(sid, status="completed", ended=T0)
        store.check_in_after(sid, CheckIn(pain=n % 11))
    store.close()


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(path), f"r{k}", 40)) for k in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    store = open_history(path).store
    records = store.sessions()
    assert len(records) == 80
    assert {r.routine for r in records} == {"r0", "r1"}
    assert all(r.status == "completed" and r.segments_done == len(ROWS) for r in records)
    assert store.conn.execute("SELECT count(*) FROM segments WHERE outcome = 'done'").fetchone()[
        0
    ] == 80 * len(ROWS)


def _open_at_once(path: str, ready: Any, go: Any, results: Any) -> None:
    ready.put(None)
    go.wait(30)
    try:
        opened = open_history(Path(path))
        begin(opened.store)
        results.put("ok" if opened.notice is None else f"notice: {opened.notice}")
    except Exception as error:  # report, don't hide: the test asserts on it
        results.put(f"{type(error).__name__}: {error}")


def test_processes_opening_a_new_file_at_the_same_moment_all_get_it(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    for round_ in range(3):
        path = tmp_path / f"history-{round_}.sqlite3"
        ready, go, results = context.Queue(), context.Event(), context.Queue()
        workers = [
            context.Process(target=_open_at_once, args=(str(path), ready, go, results))
            for _ in range(4)
        ]
        for worker in workers:
            worker.start()
        for _ in workers:
            ready.get(timeout=60)  # all are waiting at the start line
        go.set()
        outcomes = [results.get(timeout=60) for _ in workers]
        for worker in workers:
            worker.join(30)
        assert outcomes == ["ok"] * 4
        assert not list(tmp_path.glob("*.broken-*"))
        assert len(open_history(path).store.sessions()) == 4


def test_a_row_with_this_pid_but_another_start_is_not_this_process() -> None:
    # In a container the app is often pid 1 every time: the start time tells the runs apart.
    host, pid, start = this_process().split(" ")
    ticks, boot = start.split("@")
    assert is_alive(f"{host} {pid} {int(ticks) + 1}@{boot}") is False
    assert is_alive(f"{host} {pid} {ticks}@other-boot") is False


def test_a_row_from_another_machine_is_interrupted_once_it_is_hours_old(tmp_path: Path) -> None:
    store = new_store(tmp_path)
    now = datetime.now(UTC)
    old = begin(store, owner="elsewhere 42 1@x", started=now - timedelta(hours=7))
    recent = begin(store, owner="elsewhere 43 1@x", started=now - timedelta(minutes=10))
    status = {r.id: r.status for r in store.sessions()}
    assert status == {old: "interrupted", recent: "in_progress"}


def test_the_store_takes_its_clock(tmp_path: Path) -> None:
    """A store opened with a FakeClock goes by it, never by the system clock: the damaged file it
    replaces is stamped with the fake time, and a row from another machine is abandoned once
    STALE_HOURS have passed on the fake clock (years after the real now)."""
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"this is not a database at all\n" * 100)
    clock = calendar_at(datetime(2031, 5, 4, 3, 2, 1))
    opened = open_history(path, clock=clock)
    assert (tmp_path / "history.sqlite3.broken-20310504-030201").exists()
    store = opened.store
    assert store.clock is clock
    started = local_time(clock.epoch())
    sid = begin(store, owner="elsewhere 42 1@x", started=started)
    clock.advance(STALE_HOURS * 3600 - 60)
    assert store.recover() == 0
    assert [r.status for r in store.sessions()] == ["in_progress"]
    clock.advance(120)
    record = store.session(sid)
    assert record is not None and record.status == "interrupted"
    assert record.ended_at == started  # ended at its last boundary, not at the clock's now
    assert store.recover() == 1  # and stored so
    stored = store.conn.execute("SELECT status, ended_at FROM sessions").fetchall()
    assert stored == [("interrupted", stamp(started))]
    assert Store(store.conn).session(sid) == record  # the system clock agrees once it is stored
