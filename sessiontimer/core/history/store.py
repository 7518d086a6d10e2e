"""The history store (DESIGN.md section 6): the queries and writes of sessions and breaks on one
open SQLite connection (opening it is :mod:`~sessiontimer.core.history.connection`'s).

- Every write is one short ``BEGIN IMMEDIATE`` transaction.
- A session row is written when the session starts and updated at every segment boundary, so a
  crash or a killed terminal loses at most the segment in progress. A row left ``in_progress``
  by a process that is gone reads (and is stored) as ``interrupted``.
- The store takes its clock: whether a row another machine left in progress is old enough to
  count as abandoned is judged by ``clock.epoch()``; the store never reads the system clock.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta

from sessiontimer.core.base.clock import Clock, SystemClock
from sessiontimer.core.base.text import storable
from sessiontimer.core.history.break_rows import BreakRows
from sessiontimer.core.history.owner import is_alive, this_process
from sessiontimer.core.history.records import NOTE_MAX, CheckIn, DayTally, SessionRecord
from sessiontimer.core.history.rows import (
    COLUMNS,
    COLUMNS_BEFORE_4,
    SegmentRow,
    segment_values,
    session_record,
    stamp,
)
from sessiontimer.core.history.schema import (
    BUSY_TIMEOUT_MS,
    QUICK_WAIT_MS,
    schema_version,
    transaction,
)
from sessiontimer.core.session.outcome import StepOutcome, tally_steps

__all__ = ["STALE_HOURS", "Store"]

STALE_HOURS = 6  # an in-progress row from a machine that cannot be asked, untouched this long


class Store(BreakRows):
    """The history on one connection. ``clock`` (the system's by default) is its only source of
    the time: it tells when a row another machine left in progress counts as abandoned."""

    def __init__(self, conn: sqlite3.Connection, clock: Clock | None = None) -> None:
        self.conn = conn
        self.clock: Clock = clock or SystemClock()
        self.damaged: set[int] = set()  # ids of session rows that could not be read (skipped)
        self._columns: str | None = None

    @property
    def columns(self) -> str:
        """The session columns to select: a file read as it is (read-only) at an older schema
        has no ``resumed`` yet (it reads as false)."""
        if self._columns is None:
            self._columns = COLUMNS if schema_version(self.conn) >= 4 else COLUMNS_BEFORE_4
        return self._columns

    def close(self) -> None:
        self.conn.close()

    @contextlib.contextmanager
    def waiting_at_most(self, ms: int = QUICK_WAIT_MS) -> Iterator[None]:
        """Writes from the UI thread wait ``ms`` for another process's write lock, not the full
        busy timeout: a locked file makes them fail as busy at once (the Recorder and the break
        log keep what was not written and write it at the next change), and the screen never
        freezes for seconds."""
        self.conn.execute(f"PRAGMA busy_timeout = {int(ms)}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

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
                    storable(routine),  # a file name's undecodable bytes become U+FFFD
                    storable(routine_name),
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
                [(session_id, i, *segment_values(s)) for i, s in enumerate(segments)],
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
        gone = [(updated, id_) for id_, owner, updated in rows if self._abandoned(owner, updated)]
        breaks = self.conn.execute(
            "SELECT id, owner, called_at FROM breaks WHERE outcome = 'open'"
        ).fetchall()
        lost = [(called, id_) for id_, owner, called in breaks if self._abandoned(owner, called)]
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
        sql = f"SELECT {self.columns} FROM sessions WHERE 1"
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
        return self._records(self.conn.execute(sql, params))

    def _records(self, rows: Iterable[Sequence[object]]) -> list[SessionRecord]:
        """The rows as records; a row that cannot be read (a damaged value) is skipped, and its
        id kept in ``damaged`` so that a screen can say how many."""
        records = []
        for row in rows:
            try:
                records.append(self._record(row))
            except (TypeError, ValueError, OverflowError):
                with contextlib.suppress(TypeError, ValueError):
                    self.damaged.add(int(row[0]))  # type: ignore[call-overload]
        return records

    def session(self, session_id: int) -> SessionRecord | None:
        row = self.conn.execute(
            f"SELECT {self.columns} FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        records = self._records([row]) if row else []
        return records[0] if records else None

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

    def segments_skipped(self, since: date | None = None) -> dict[int, int]:
        """Per session id (of sessions started on or after ``since``): its segments skipped
        (``n`` in a session, or a pack declined); sessions without any are absent."""
        rows = self.conn.execute(
            "SELECT g.session_id, count(*) FROM segments g JOIN sessions s ON s.id = g.session_id "
            "WHERE g.outcome = 'skipped' AND s.day >= ? GROUP BY g.session_id",
            ((since or date.min).isoformat(),),
        )
        return {int(session_id): int(count) for session_id, count in rows}

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
        tallies = []
        for day, routine, tpd, done, count in self.conn.execute(sql, params):
            with contextlib.suppress(TypeError, ValueError):  # a damaged day: its row is skipped
                tallies.append(
                    DayTally(date.fromisoformat(day), routine, int(tpd or 1), int(done), int(count))
                )
        return tallies

    def done_on(self, day: date) -> dict[str, int]:
        """Completed, non-rehearsal sessions per routine id on one day."""
        rows = self.conn.execute(
            "SELECT routine, count(*) FROM sessions WHERE day = ? AND rehearsal = 0 "
            "AND status = 'completed' GROUP BY routine",
            (day.isoformat(),),
        )
        return {routine: int(count) for routine, count in rows}

    def first_day(self, routine: str | None = None) -> date | None:
        """The day of the first real (not rehearsal) session: the start of the programme, or with
        ``routine`` (an id) of that routine. A damaged day is skipped."""
        sql = "SELECT DISTINCT day FROM sessions WHERE rehearsal = 0"
        params: tuple[str, ...] = ()
        if routine is not None:
            sql, params = sql + " AND routine = ?", (routine,)
        for (day,) in self.conn.execute(sql + " ORDER BY day LIMIT 20", params):
            with contextlib.suppress(TypeError, ValueError):
                return date.fromisoformat(day)
        return None

    def count(self, rehearsals: bool = True) -> int:
        """Sessions recorded (``rehearsals`` False: rehearsals left out)."""
        where = "" if rehearsals else " WHERE rehearsal = 0"
        return int(self.conn.execute(f"SELECT count(*) FROM sessions{where}").fetchone()[0])

    def _now(self) -> datetime:
        """The store's clock, as an aware UTC datetime."""
        return datetime.fromtimestamp(self.clock.epoch(), UTC)

    def _abandoned(self, owner: object, updated_at: object) -> bool:
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
        return self._now() - updated > timedelta(hours=STALE_HOURS)

    def _record(self, row: Sequence[object]) -> SessionRecord:
        return session_record(row, self._abandoned)
