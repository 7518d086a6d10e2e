"""The sit/stand timer's breaks in the history: written as they change, read per day. A part of
the Store (core/history/store.py), kept here so that each stays small."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import date

from sessiontimer.core.breaks.events import BreakRecord
from sessiontimer.core.history.records import BreakDay
from sessiontimer.core.history.rows import local_time, stamp
from sessiontimer.core.history.schema import schema_version, transaction


class BreakRows:
    """The breaks' rows, on the store's connection."""

    conn: sqlite3.Connection

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
        if schema_version(self.conn) < 2:  # a file read as it is (read-only): no breaks table yet
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
        days = []
        for day, taken, away, skipped, missed, snoozes, standing in self.conn.execute(sql, params):
            with contextlib.suppress(TypeError, ValueError):  # a damaged day: skipped
                days.append(
                    BreakDay(
                        date.fromisoformat(day),
                        int(taken),
                        int(away),
                        int(skipped),
                        int(missed),
                        int(snoozes or 0),
                        int(standing or 0),
                    )
                )
        return days
