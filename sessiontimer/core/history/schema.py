"""The history's schema (DESIGN.md section 6): the tables, their migrations and the version in
``PRAGMA user_version``, and the write transaction everything runs in.

``MIGRATIONS[v]`` takes a file from version v to v + 1, starting at 0 (a new, empty file); two
processes opening a new file at once cannot both migrate it.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator, Sequence

__all__ = [
    "BUSY_TIMEOUT_MS",
    "MIGRATIONS",
    "QUICK_WAIT_MS",
    "SCHEMA_VERSION",
    "NewerSchema",
    "NotOurs",
    "migrate",
    "schema_version",
    "transaction",
]

SCHEMA_VERSION = 4
BUSY_TIMEOUT_MS = 5000  # how long a connection waits for another process's write lock
QUICK_WAIT_MS = 50  # how long the UI thread waits for it (the session's writes, the breaks')

MIGRATIONS: tuple[str, ...] = (
    # 0 -> 1: sessions and their segments.
    """
    CREATE TABLE sessions (
        id              INTEGER PRIMARY KEY,
        routine         TEXT NOT NULL,
        routine_name    TEXT NOT NULL,
        started_at      TEXT NOT NULL,    -- ISO 8601 with the UTC offset
        started_epoch   REAL NOT NULL,    -- for ordering
        day             TEXT NOT NULL,    -- local YYYY-MM-DD the session started on
        ended_at        TEXT,             -- NULL while in progress
        updated_at      TEXT NOT NULL,    -- the last boundary written
        status          TEXT NOT NULL,    -- in_progress completed stopped left interrupted
        rehearsal       INTEGER NOT NULL DEFAULT 0,
        speed           REAL NOT NULL DEFAULT 1,
        times_per_day   INTEGER NOT NULL DEFAULT 1,
        pain_before     INTEGER,
        pain_after      INTEGER,
        leg_before      TEXT,
        leg_after       TEXT,
        feel            TEXT,
        note            TEXT NOT NULL DEFAULT '',
        segments_done   INTEGER NOT NULL DEFAULT 0,
        segments_total  INTEGER NOT NULL DEFAULT 0,
        active_seconds  REAL NOT NULL DEFAULT 0,
        current_segment INTEGER,          -- the segment the session is in (or ended in)
        stop_reason     TEXT,
        stop_step       INTEGER,
        stop_step_name  TEXT,
        owner           TEXT              -- "host pid start" of the process running it
    );
    CREATE INDEX sessions_by_day ON sessions (day);
    CREATE INDEX sessions_by_start ON sessions (started_epoch);
    CREATE INDEX sessions_in_progress ON sessions (status) WHERE status = 'in_progress';
    CREATE TABLE segments (
        session_id  INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        idx         INTEGER NOT NULL,     -- position in the plan
        step        INTEGER NOT NULL,
        step_name   TEXT NOT NULL,
        kind        TEXT NOT NULL,
        side        TEXT,
        set_no      INTEGER NOT NULL,
        rep         INTEGER NOT NULL,
        seconds     INTEGER,              -- NULL: self-paced
        work        INTEGER NOT NULL,     -- counts toward its step being done
        outcome     TEXT,                 -- done, skipped, or NULL (not reached)
        PRIMARY KEY (session_id, idx)
    ) WITHOUT ROWID;
    """,
    # 1 -> 2: the breaks of the sit/stand timer.
    """
    CREATE TABLE breaks (
        id               INTEGER PRIMARY KEY,
        called_at        TEXT NOT NULL,   -- ISO 8601 with the UTC offset: when it fell due
        called_epoch     REAL NOT NULL,
        day              TEXT NOT NULL,   -- local YYYY-MM-DD
        ended_at         TEXT,            -- NULL while open
        outcome          TEXT NOT NULL,   -- open taken away skipped missed
        snoozes          INTEGER NOT NULL DEFAULT 0,
        standing_seconds INTEGER NOT NULL DEFAULT 0,
        routine          INTEGER NOT NULL DEFAULT 0,  -- the desk routine was started
        owner            TEXT
    );
    CREATE INDEX breaks_by_day ON breaks (day);
    """,
    # 2 -> 3: the safety record: every red-flag answer, the steps a safety stop left out of their
    # routine, and the progressions applied (their pace is one of the progression's gates).
    """
    CREATE TABLE red_flag_answers (
        id          INTEGER PRIMARY KEY,
        answered_at TEXT NOT NULL,        -- ISO 8601 with the UTC offset
        day         TEXT NOT NULL,        -- local YYYY-MM-DD
        answer      TEXT NOT NULL,        -- yes no
        routine     TEXT                  -- the routine about to start
    );
    CREATE INDEX red_flag_answers_by_day ON red_flag_answers (day);
    CREATE TABLE left_out_steps (
        id          INTEGER PRIMARY KEY,
        routine     TEXT NOT NULL,
        step_name   TEXT NOT NULL,
        session_id  INTEGER,              -- the session of the safety stop
        since       TEXT NOT NULL,        -- ISO 8601: when the stop left it out
        restored_at TEXT                  -- NULL while left out; set when a clinician has seen it
    );
    CREATE INDEX left_out_by_routine ON left_out_steps (routine) WHERE restored_at IS NULL;
    CREATE TABLE progressions (
        id          INTEGER PRIMARY KEY,
        routine     TEXT NOT NULL,
        applied_at  TEXT NOT NULL,        -- ISO 8601 with the UTC offset
        day         TEXT NOT NULL,        -- local YYYY-MM-DD
        changes     TEXT NOT NULL,        -- one line per change
        anyway      INTEGER NOT NULL DEFAULT 0  -- applied past a gate (a clinician's word)
    );
    CREATE INDEX progressions_by_routine ON progressions (routine);
    """,
    # 3 -> 4: function (DESIGN.md section 11): the PSFS activities in the person's own words, the
    # names they had before a rename, their ratings with the time, and each "not now"; whether a
    # session was resumed after an interruption (section 6); and the breaks still open found
    # without reading years of breaks (each opening of the history looks for them).
    """
    CREATE TABLE psfs_activities (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,        -- the person's own words (the newest, after a rename)
        position    INTEGER NOT NULL,     -- its place in the list (0 first)
        added_at    TEXT NOT NULL,        -- ISO 8601 with the UTC offset
        retired_at  TEXT,                 -- NULL while rated; set when replaced or removed
        replaced_by INTEGER REFERENCES psfs_activities (id)
    );
    CREATE TABLE psfs_names (
        activity_id INTEGER NOT NULL REFERENCES psfs_activities (id),
        name        TEXT NOT NULL,        -- a name it had before a rename
        renamed_at  TEXT NOT NULL         -- ISO 8601: when it stopped being its name
    );
    CREATE TABLE psfs_ratings (
        id          INTEGER PRIMARY KEY,
        activity_id INTEGER NOT NULL REFERENCES psfs_activities (id),
        rated_at    TEXT NOT NULL,        -- ISO 8601 with the UTC offset
        day         TEXT NOT NULL,        -- local YYYY-MM-DD
        score       INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10)
    );
    CREATE INDEX psfs_ratings_by_day ON psfs_ratings (day);
    CREATE TABLE psfs_not_now (
        id          INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,        -- ISO 8601 with the UTC offset
        day         TEXT NOT NULL         -- local YYYY-MM-DD: not asked again that day
    );
    ALTER TABLE sessions ADD COLUMN resumed INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX breaks_open ON breaks (outcome) WHERE outcome = 'open';
    """,
)


class NotOurs(sqlite3.DatabaseError):
    """A SQLite file that holds someone else's tables."""


class NewerSchema(Exception):
    """The file was made by a newer sessiontimer; ``str()`` says so, in words for the user."""


def schema_version(conn: sqlite3.Connection) -> int:
    """The version the file is at (0: a new, empty file)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, migrations: Sequence[str] = MIGRATIONS) -> int:
    """Bring the file to the newest version; returns the version it was at."""
    version = schema_version(conn)
    if version > len(migrations):
        raise NewerSchema(
            f"The history file was made by a newer sessiontimer (schema {version}; this one "
            f"knows up to {len(migrations)}). It is left as it is; update sessiontimer to use it."
        )
    if version == len(migrations):
        return version
    # Everything from here under the write lock, so that two processes opening a new file at
    # once cannot both migrate it, nor take the other's half-made file for someone else's.
    with transaction(conn):
        version = schema_version(conn)
        if version == 0:
            tables = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            ).fetchone()[0]
            if tables:
                raise NotOurs("it is a SQLite file, but not a sessiontimer history")
        for target in range(version, len(migrations)):
            for statement in _statements(migrations[target]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {target + 1}")
    return version


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taking the write lock at once (BEGIN IMMEDIATE, so it waits out the
    busy timeout at the start rather than failing half-way); committed, or rolled back on any
    error. SQLite may have rolled back already, and a second ROLLBACK would hide the first error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise


def _statements(script: str) -> Iterable[str]:
    """Split a migration script into statements (executescript would commit on its own)."""
    text = "\n".join(line.split("--", 1)[0] for line in script.splitlines())
    buffer = ""
    for part in text.split(";"):
        buffer += part + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n;"):
                yield buffer.strip()
            buffer = ""
    if buffer.strip(" \n;"):
        yield buffer.strip()
