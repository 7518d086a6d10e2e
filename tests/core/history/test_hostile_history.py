"""A history that cannot stop the app (issue 19): damaged cells, damage inside the file, a folder
that cannot be written, a "?" in the path, a FIFO in its place, and its permissions."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.history.connection import (
    HistoryUnavailable,
    file_uri,
    open_history,
    start_again,
)
from sessiontimer.core.history.rows import damaged_rows_text
from sessiontimer.core.insights.overview import history_view, home_facts
from tests.support.history import record

TZ = timezone(timedelta(hours=1))
DAY = datetime(2026, 11, 20, 8, 0, tzinfo=TZ)


def three_sessions(path: Path) -> None:
    store = open_history(path).store
    for n in range(3):
        record(store, DAY + timedelta(days=n - 2))
    store.close()


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("started_at", "yesterday morning"),
        ("started_at", "2026-11-19T08:00:00"),  # no UTC offset
        ("ended_at", "soon"),
        ("day", "2026-13-45"),
        ("day", None),
    ],
)
def test_a_damaged_cell_skips_its_row_and_says_so(
    tmp_path: Path, column: str, value: object
) -> None:
    path = tmp_path / "history.sqlite3"
    three_sessions(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = 1")
    if value is None:  # NOT NULL: write the damage past the constraint the way a bad tool would
        conn.execute("PRAGMA writable_schema = 1")
        value = ""
    conn.execute(f"UPDATE sessions SET {column} = ? WHERE id = 2", (value,))
    conn.commit()
    conn.close()
    store = open_history(path).store
    assert [r.id for r in store.sessions()] == [1, 3]
    assert store.damaged == {2}
    today = date(2026, 11, 21)
    assert home_facts(store, today).last is not None
    view = history_view(store, today)
    assert [r.id for r in view.recent] == [3, 1]
    assert store.session(2) is None


def test_the_damage_is_counted_in_words() -> None:
    assert damaged_rows_text(1).startswith("1 damaged row of the history could not be read and was")
    assert damaged_rows_text(3).startswith(
        "3 damaged rows of the history could not be read and were"
    )


def test_damage_found_inside_the_file_moves_it_aside_and_starts_again(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    three_sessions(path)
    kept_bytes = path.read_bytes()
    opened = start_again(
        path, FakeClock(), sqlite3.DatabaseError("database disk image is malformed")
    )
    assert opened.store.sessions() == []
    [kept] = tmp_path.glob("history.sqlite3.broken-*")
    assert kept.read_bytes() == kept_bytes  # never deleted
    assert "a new history has been started" in (opened.notice or "")


def test_a_history_in_a_folder_that_cannot_be_written_still_reads(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "history.sqlite3"
    three_sessions(path)
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        store = open_history(path, create=False).store
        assert [r.id for r in store.sessions()] == [1, 2, 3]
    finally:
        folder.chmod(0o700)


def test_a_question_mark_in_the_path_opens_the_right_file(tmp_path: Path) -> None:
    folder = tmp_path / "what?mode=rw#x"
    folder.mkdir()
    path = folder / "history.sqlite3"
    three_sessions(path)
    assert "?" not in file_uri(path, mode="ro").split("?", 1)[0]

    def files() -> list[str]:  # (SQLite's own -wal and -shm beside the file left out)
        return sorted(p.name for p in tmp_path.rglob("*") if not p.name.endswith(("-wal", "-shm")))

    before = files()
    from sessiontimer.core.history.connection import connect_read_only

    conn = connect_read_only(path)
    assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 3
    conn.close()
    assert files() == before  # no stray empty file where the "?" cut the path short


def test_a_fifo_in_place_of_the_history_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    os.mkfifo(path)
    with pytest.raises(HistoryUnavailable, match="named pipe"):
        open_history(path)


def test_the_history_and_its_folder_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "new-data"
    path = folder / "history.sqlite3"
    open_history(path).store.close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for side in folder.iterdir():
        assert stat.S_IMODE(side.stat().st_mode) & 0o077 == 0, side


def test_an_old_world_readable_history_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    three_sessions(path)
    path.chmod(0o644)
    open_history(path).store.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_routine_whose_file_name_is_not_utf8_is_stored(tmp_path: Path) -> None:
    """Issue 19: a routine path that is not valid UTF-8 raised UnicodeEncodeError as the session
    was stored (its id holds the undecodable byte as a lone surrogate)."""
    from sessiontimer.core.history.records import CheckIn
    from sessiontimer.core.history.rows import SegmentRow

    store = open_history(tmp_path / "history.sqlite3").store
    routine = "caf\udce9"  # os.fsdecode(b"caf\xe9")
    store.begin(
        routine=routine,
        routine_name="Caf\udce9",
        started=DAY,
        segments=[SegmentRow(0, "Hold", "hold", None, 1, 1, 1, True)],
        before=CheckIn(),
    )
    [record] = store.sessions()
    assert (record.routine, record.routine_name) == ("caf\ufffd", "Caf\ufffd")
