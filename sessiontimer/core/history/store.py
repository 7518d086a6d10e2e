"""The history store: one SQLite file (DESIGN.md section 6), stdlib ``sqlite3``.

- WAL mode and a busy timeout, so two app instances can write at once and a reader never blocks
  a writer; every write is one short ``BEGIN IMMEDIATE`` transaction.
- The schema version lives in ``PRAGMA user_version``; ``MIGRATIONS[v]`` takes a file from
  version v to v + 1, starting at 0 (a new, empty file).
- A session row is written when the session starts and updated at every segment boundary, so a
  crash or a killed terminal loses at most the segment in progress. A row left ``in_progress``
  by a process that is gone reads (and is stored) as ``interrupted``.
- A file that is not a SQLite database, or is damaged, is moved aside (renamed with a timestamp,
  never deleted) and a fresh one is started; ``Opened.notice`` says where the old one is.
- A file made by a newer version, or a folder that cannot be written, leaves history off with a
  clear reason (``HistoryUnavailable``); a session still runs without it.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sessiontimer.core.breaks.events import BreakRecord
from sessiontimer.core.history.owner import is_alive, this_process
from sessiontimer.core.history.records import NOTE_MAX, BreakDay, CheckIn, DayTally, SessionRecord
from sessiontimer.core.session.outcome import StepOutcome, tally_steps

SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 5000
STALE_HOURS = 6  # an in-progress row from a machine that cannot be asked, untouched this long
_BROKEN = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)

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
)

_COLUMNS = (
    "id, routine, routine_name, started_at, ended_at, day, status, rehearsal, times_per_day, "
    "pain_before, pain_after, leg_before, leg_after, feel, note, segments_done, segments_total, "
    "active_seconds, stop_reason, stop_step, stop_step_name, updated_at, owner"
)


class HistoryUnavailable(Exception):
    """History cannot be used; ``str()`` says why, in words for the user."""


@dataclass(frozen=True)
class SegmentRow:
    """One segment of the plan as the store keeps it."""

    step: int
    step_name: str
    kind: str
    side: str | None
    set: int
    rep: int
    seconds: int | None
    work: bool


@dataclass(frozen=True)
class Opened:
    store: Store
    notice: str | None  # e.g. where a damaged file was moved; None when all was well


def stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def local_time(epoch: float) -> datetime:
    """A calendar time (seconds since 1970) as an aware local datetime."""
    return datetime.fromtimestamp(epoch).astimezone()


# --- opening ----------------------------------------------------------------------------------


def open_history(path: Path, *, create: bool = True, moment: datetime | None = None) -> Opened:
    """Open (and create or migrate) the store. Raises HistoryUnavailable with a reason."""
    if not create and not path.exists():
        raise FileNotFoundError(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise HistoryUnavailable(_cannot_write(path, error)) from None
    notice = None
    try:
        try:
            store = Store(_connect(path))
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                raise
            try:
                kept = _move_aside(path, moment or datetime.now())
            except OSError as move_error:
                raise HistoryUnavailable(
                    f"History is off: {path} is damaged ({error}) and could not be moved aside "
                    f"({move_error.strerror or move_error}). Sessions are not recorded."
                ) from None
            notice = (
                f"The history file could not be read ({error}). It is kept, renamed, at {kept}; "
                "a new history has been started."
            )
            store = Store(_connect(path))
    except HistoryUnavailable:
        raise
    except (sqlite3.Error, OSError) as error:
        if not create:  # only reading: a healthy file in a folder that cannot be written
            with contextlib.suppress(sqlite3.Error):
                return Opened(Store(_connect_read_only(path)), None)
        raise HistoryUnavailable(_cannot_write(path, error)) from None
    with contextlib.suppress(sqlite3.Error):  # busy: abandoned rows still read as interrupted
        store.recover()
    return Opened(store, notice)


def is_damage(error: sqlite3.Error) -> bool:
    """A file that is not a SQLite database, is damaged, or holds someone else's tables (not a
    file that is only busy or cannot be written)."""
    return isinstance(error, _NotOurs) or _primary_code(error) in _BROKEN


def is_busy(error: sqlite3.Error) -> bool:
    """Another connection holds the file (longer than the busy timeout): worth trying again."""
    return _primary_code(error) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _primary_code(error: sqlite3.Error) -> int | None:
    """The SQLite result code without its extended part (the low byte)."""
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def _connect_read_only(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(
        f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if not 1 <= version <= len(MIGRATIONS):  # an older schema reads (breaks from 2 on)
            raise sqlite3.OperationalError(f"schema {version}, not 1 to {len(MIGRATIONS)}")
    except BaseException:
        conn.close()
        raise
    return conn


class _NotOurs(sqlite3.DatabaseError):
    """A SQLite file that holds someone else's tables."""


def _connect(path: Path) -> sqlite3.Connection:
    # The app opens the store in a worker thread and then uses it on its main thread (one at a
    # time): the connection may cross threads.
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _switch_to_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _switch_to_wal(conn: sqlite3.Connection) -> None:
    """WAL mode; switching a new file needs a moment alone with it, and the busy timeout does not
    apply to this pragma: another process opening the same new file is waited for."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError as error:
            if not is_busy(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)
            continue
        if str(mode).lower() != "wal":
            raise sqlite3.OperationalError(f"could not switch to WAL mode ({mode})")
        return


def migrate(conn: sqlite3.Connection, migrations: Sequence[str] = MIGRATIONS) -> int:
    """Bring the file to the newest version; returns the version it was at."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > len(migrations):
        raise HistoryUnavailable(
            f"The history file was made by a newer sessiontimer (schema {version}; this one "
            f"knows up to {len(migrations)}). It is left as it is; update sessiontimer to use it."
        )
    if version == len(migrations):
        return version
    # Everything from here under the write lock, so that two processes opening a new file at
    # once cannot both migrate it, nor take the other's half-made file for someone else's.
    with transaction(conn):
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version == 0:
            tables = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            ).fetchone()[0]
            if tables:
                raise _NotOurs("it is a SQLite file, but not a sessiontimer history")
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


def _move_aside(path: Path, moment: datetime) -> Path:
    suffix = moment.strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.name}.broken-{suffix}")
    n = 1
    while kept.exists():
        n += 1
        kept = path.with_name(f"{path.name}.broken-{suffix}-{n}")
    path.rename(kept)
    for extra in ("-wal", "-shm"):
        side = path.with_name(path.name + extra)
        if side.exists():
            side.rename(kept.with_name(kept.name + extra))
    return kept


def _cannot_write(path: Path, error: BaseException) -> str:
    reason = getattr(error, "strerror", None) or str(error)
    return f"History is off: cannot use {path} ({reason}). Sessions are not recorded."


# --- the store --------------------------------------------------------------------------------


class Store:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def close(self) -> None:
        self.conn.close()

    def _write(self, sql: str, params: Sequence[object] = ()) -> None:
        with transaction(self.conn):
            self.conn.execute(sql, params)

    # -- writing -----------------------------------------------------------------------------
    def begin(
        self,
        *,
        routine: str,
        routine_name: str,
        started: datetime,
        segments: Sequence[SegmentRow],
        times_per_day: int = 1,
        speed: float = 1.0,
        before: CheckIn | None = None,
        owner: str | None = None,
    ) -> int:
        """Write the row of a session that starts now; returns its id."""
        before = before or CheckIn()
        conn = self.conn
        with transaction(conn):
            cursor = conn.execute(
                "INSERT INTO sessions (routine, routine_name, started_at, started_epoch, day, "
                "updated_at, status, rehearsal, speed, times_per_day, pain_before, leg_before, "
                "segments_total, current_segment, owner) "
                "VALUES (?, ?, ?, ?, ?, ?, 'in_progress', ?, ?, ?, ?, ?, ?, 0, ?)",
                (
                    routine,
                    routine_name,
                    stamp(started),
                    started.timestamp(),
                    started.date().isoformat(),
                    stamp(started),
                    int(speed != 1.0),
                    speed,
                    times_per_day,
                    before.pain,
                    before.leg,
                    len(segments),
                    owner or this_process(),
                ),
            )
            session_id = int(cursor.lastrowid or 0)
            conn.executemany(
                "INSERT INTO segments (session_id, idx, step, step_name, kind, side, set_no, rep, "
                "seconds, work) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(session_id, i, *_segment_values(s)) for i, s in enumerate(segments)],
            )
        return session_id

    def boundary(
        self,
        session_id: int,
        *,
        changed: Sequence[tuple[int, str | None]],
        segments_done: int,
        active_seconds: float,
        current_segment: int,
        at: datetime,
    ) -> None:
        """A segment boundary: the segments whose outcome changed, and the running totals."""
        conn = self.conn
        with transaction(conn):
            conn.executemany(
                "UPDATE segments SET outcome = ? WHERE session_id = ? AND idx = ?",
                [(outcome, session_id, index) for index, outcome in changed],
            )
            conn.execute(
                "UPDATE sessions SET segments_done = ?, active_seconds = ?, current_segment = ?, "
                "updated_at = ? WHERE id = ?",
                (segments_done, round(active_seconds, 3), current_segment, stamp(at), session_id),
            )

    def finish(
        self,
        session_id: int,
        *,
        status: str,
        ended: datetime,
        stop_reason: str | None = None,
        stop_step: int | None = None,
        stop_step_name: str | None = None,
    ) -> None:
        """The end of a session: completed, stopped, left or interrupted."""
        self._write(
            "UPDATE sessions SET status = ?, ended_at = ?, updated_at = ?, stop_reason = ?, "
            "stop_step = ?, stop_step_name = ? WHERE id = ?",
            (
                status,
                stamp(ended),
                stamp(ended),
                stop_reason,
                stop_step,
                stop_step_name,
                session_id,
            ),
        )

    def check_in_after(self, session_id: int, answers: CheckIn) -> None:
        self._write(
            "UPDATE sessions SET pain_after = ?, leg_after = ?, feel = ?, note = ? WHERE id = ?",
            (answers.pain, answers.leg, answers.feel, answers.note[:NOTE_MAX], session_id),
        )

    def recover(self) -> int:
        """Store sessions left in progress by a process that is gone as interrupted (ended at
        their last boundary); returns how many."""
        rows = self.conn.execute(
            "SELECT id, owner, updated_at FROM sessions WHERE status = 'in_progress'"
        ).fetchall()
        gone = [(updated, id_) for id_, owner, updated in rows if _abandoned(owner, updated)]
        breaks = self.conn.execute(
            "SELECT id, owner, called_at FROM breaks WHERE outcome = 'open'"
        ).fetchall()
        lost = [(called, id_) for id_, owner, called in breaks if _abandoned(owner, called)]
        if gone or lost:
            with transaction(self.conn):
                self.conn.executemany(
                    "UPDATE sessions SET status = 'interrupted', ended_at = ? "
                    "WHERE id = ? AND status = 'in_progress'",
                    gone,
                )
                # a break its app never closed (killed): called, and not known to be answered
                self.conn.executemany(
                    "UPDATE breaks SET outcome = 'missed', ended_at = ? "
                    "WHERE id = ? AND outcome = 'open'",
                    lost,
                )
        return len(gone)

    # -- reading -----------------------------------------------------------------------------
    def sessions(
        self,
        since: date | None = None,
        *,
        until: date | None = None,
        newest_first: bool = False,
        limit: int | None = None,
    ) -> list[SessionRecord]:
        """Sessions that started on or after ``since`` and on or before ``until`` (local days)."""
        sql = f"SELECT {_COLUMNS} FROM sessions WHERE 1"
        params: list[object] = []
        if since is not None:
            sql += " AND day >= ?"
            params.append(since.isoformat())
        if until is not None:
            sql += " AND day <= ?"
            params.append(until.isoformat())
        sql += " ORDER BY started_epoch DESC, id DESC" if newest_first else " ORDER BY id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_record(row) for row in self.conn.execute(sql, params)]

    def session(self, session_id: int) -> SessionRecord | None:
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        return _record(row) if row else None

    def steps(self, session_id: int) -> list[StepOutcome]:
        """What became of each step (done, partial, skipped, not reached)."""
        rows = self.conn.execute(
            "SELECT idx, step, step_name, work, outcome FROM segments WHERE session_id = ? "
            "ORDER BY idx",
            (session_id,),
        ).fetchall()
        head = self.conn.execute(
            "SELECT status, current_segment FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        ended_in = head[1] if head and head[0] != "completed" else None
        names: dict[int, str] = {}
        marks: list[tuple[int, str | None]] = []
        for index, step, name, work, outcome in sorted(rows, key=lambda row: not row[3]):
            names.setdefault(step, name)  # a step's name from its work segments first
            if work:
                marks.append(
                    (step, "cut short" if outcome is None and index == ended_in else outcome)
                )
        ordered = [names.get(i, "") for i in range(max(names, default=-1) + 1)]
        return tally_steps(ordered, marks)

    def day_tallies(self, since: date | None = None) -> list[DayTally]:
        """Per day and routine: sessions and completed ones (rehearsals left out)."""
        sql = (
            "SELECT day, routine, max(times_per_day), "
            "sum(status = 'completed'), count(*) FROM sessions WHERE rehearsal = 0"
        )
        params: list[object] = []
        if since is not None:
            sql += " AND day >= ?"
            params.append(since.isoformat())
        sql += " GROUP BY day, routine ORDER BY day"
        return [
            DayTally(date.fromisoformat(day), routine, int(tpd or 1), int(done), int(count))
            for day, routine, tpd, done, count in self.conn.execute(sql, params)
        ]

    def done_on(self, day: date) -> dict[str, int]:
        """Completed, non-rehearsal sessions per routine id on one day."""
        rows = self.conn.execute(
            "SELECT routine, count(*) FROM sessions WHERE day = ? AND rehearsal = 0 "
            "AND status = 'completed' GROUP BY routine",
            (day.isoformat(),),
        )
        return {routine: int(count) for routine, count in rows}

    def first_day(self) -> date | None:
        """The day of the first real (not rehearsal) session: the start of the programme."""
        row = self.conn.execute("SELECT min(day) FROM sessions WHERE rehearsal = 0").fetchone()
        return date.fromisoformat(row[0]) if row and row[0] else None

    def first_scored_day(self) -> date | None:
        """The day of the first real session with a pain score before it."""
        row = self.conn.execute(
            "SELECT min(day) FROM sessions WHERE rehearsal = 0 AND pain_before IS NOT NULL"
        ).fetchone()
        return date.fromisoformat(row[0]) if row and row[0] else None

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM sessions").fetchone()[0])

    # -- breaks ------------------------------------------------------------------------------
    def _schema(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def save_break(
        self, record: BreakRecord, break_id: int | None = None, owner: str | None = None
    ) -> int:
        """Write a break (a new row, or the row ``break_id``); returns its id."""
        called = local_time(record.called_at)
        ended = None if record.ended_at is None else stamp(local_time(record.ended_at))
        values = (
            stamp(called),
            record.called_at,
            called.date().isoformat(),
            ended,
            record.outcome,
            record.snoozes,
            record.standing_seconds,
            int(record.routine),
            owner,
        )
        with transaction(self.conn):
            if break_id is not None:
                cursor = self.conn.execute(
                    "UPDATE breaks SET called_at = ?, called_epoch = ?, day = ?, ended_at = ?, "
                    "outcome = ?, snoozes = ?, standing_seconds = ?, routine = ?, owner = ? "
                    "WHERE id = ?",
                    (*values, break_id),
                )
                if cursor.rowcount:
                    return break_id
            cursor = self.conn.execute(
                "INSERT INTO breaks (called_at, called_epoch, day, ended_at, outcome, snoozes, "
                "standing_seconds, routine, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def break_days(self, since: date | None = None) -> list[BreakDay]:
        """Per local day: breaks taken (and of those, away), skipped, missed, snoozes, standing."""
        if self._schema() < 2:  # a file read as it is (read-only): no breaks table yet
            return []
        sql = (
            "SELECT day, sum(outcome IN ('taken', 'away')), sum(outcome = 'away'), "
            "sum(outcome = 'skipped'), sum(outcome = 'missed'), sum(snoozes), "
            "sum(standing_seconds) FROM breaks WHERE outcome != 'open'"
        )
        params: list[object] = []
        if since is not None:
            sql += " AND day >= ?"
            params.append(since.isoformat())
        sql += " GROUP BY day ORDER BY day"
        return [
            BreakDay(
                date.fromisoformat(day),
                int(taken),
                int(away),
                int(skipped),
                int(missed),
                int(snoozes),
                int(standing),
            )
            for day, taken, away, skipped, missed, snoozes, standing in self.conn.execute(
                sql, params
            )
        ]


def _abandoned(owner: object, updated_at: object) -> bool:
    """A row left in progress whose process is gone; from another machine (or a renamed one,
    or a container with a new name) it cannot be checked: gone once nothing was written for
    STALE_HOURS, longer than any routine waits between two boundaries."""
    alive = is_alive(owner if isinstance(owner, str) else None)
    if alive is not None:
        return not alive
    try:
        updated = datetime.fromisoformat(str(updated_at))
    except ValueError:
        return True
    return datetime.now(UTC) - updated > timedelta(hours=STALE_HOURS)


def _segment_values(s: SegmentRow) -> tuple[object, ...]:
    return (s.step, s.step_name, s.kind, s.side, s.set, s.rep, s.seconds, int(s.work))


def _record(row: Sequence[object]) -> SessionRecord:
    (
        id_,
        routine,
        routine_name,
        started_at,
        ended_at,
        day,
        status,
        rehearsal,
        times_per_day,
        pain_before,
        pain_after,
        leg_before,
        leg_after,
        feel,
        note,
        segments_done,
        segments_total,
        active_seconds,
        stop_reason,
        stop_step,
        stop_step_name,
        updated_at,
        owner,
    ) = row
    if status == "in_progress" and _abandoned(owner, updated_at):
        # Its process is gone: it ended at its last boundary (the next writer stores this too).
        status, ended_at = "interrupted", updated_at
    return SessionRecord(
        id=int(id_),  # type: ignore[call-overload]
        routine=str(routine),
        routine_name=str(routine_name),
        started_at=datetime.fromisoformat(str(started_at)),
        ended_at=datetime.fromisoformat(str(ended_at)) if ended_at else None,
        day=date.fromisoformat(str(day)),
        status=str(status),
        rehearsal=bool(rehearsal),
        times_per_day=int(times_per_day or 1),  # type: ignore[call-overload]
        pain_before=_int(pain_before),
        pain_after=_int(pain_after),
        leg_before=str(leg_before) if leg_before else None,
        leg_after=str(leg_after) if leg_after else None,
        feel=str(feel) if feel else None,
        note=str(note or ""),
        segments_done=int(segments_done or 0),  # type: ignore[call-overload]
        segments_total=int(segments_total or 0),  # type: ignore[call-overload]
        active_seconds=float(active_seconds or 0),  # type: ignore[arg-type]
        stop_reason=str(stop_reason) if stop_reason else None,
        stop_step=_int(stop_step),
        stop_step_name=str(stop_step_name) if stop_step_name else None,
    )


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None
