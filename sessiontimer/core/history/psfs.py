"""Function in the history (DESIGN.md section 11, CLINICAL.md "Function, not only pain"): the
activities of the Patient-Specific Functional Scale in the person's own words, their ratings with
the time, and each "not now".

An activity keeps its ratings for good: a rename changes its words (the old ones are kept in
``psfs_names``) and its ratings stay with it; a replacement retires it (its ratings stay with it,
and it says which activity took its place) and adds a new one that starts without ratings. Each
write is one short transaction on the store's connection.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sessiontimer.core.base.text import clean_line
from sessiontimer.core.history.rows import stamp
from sessiontimer.core.history.schema import schema_version, transaction
from sessiontimer.core.history.store import Store

__all__ = [
    "ACTIVITIES_MAX",
    "ACTIVITIES_MIN",
    "NAME_MAX",
    "SCORE_MAX",
    "PsfsActivity",
    "PsfsRating",
    "PsfsRecord",
]

ACTIVITIES_MIN = 3  # CLINICAL.md: the person names 3–5 activities
ACTIVITIES_MAX = 5
NAME_MAX = 80  # characters of an activity's name
SCORE_MAX = 10  # 0 cannot do it … 10 as well as before the problem


@dataclass(frozen=True)
class PsfsActivity:
    id: int
    name: str  # the newest words
    position: int
    added_at: datetime
    retired_at: datetime | None = None  # replaced or removed: no longer rated
    replaced_by: int | None = None
    former_names: tuple[str, ...] = ()  # its words before each rename, oldest first

    @property
    def active(self) -> bool:
        return self.retired_at is None


@dataclass(frozen=True)
class PsfsRating:
    activity_id: int
    at: datetime
    day: date
    score: int  # 0–10


class PsfsRecord:
    """The PSFS tables of one history."""

    def __init__(self, store: Store) -> None:
        self.conn = store.conn

    @property
    def readable(self) -> bool:
        """A file read as it is (read-only) at a schema before 4 has no PSFS yet."""
        return schema_version(self.conn) >= 4

    # -- the activities --------------------------------------------------------------------------
    def activities(self, *, retired: bool = False) -> list[PsfsActivity]:
        """The activities rated now, in their order (with ``retired``: the retired ones too,
        after them, oldest first)."""
        if not self.readable:
            return []
        former: dict[int, list[str]] = {}
        for activity_id, name in self.conn.execute(
            "SELECT activity_id, name FROM psfs_names ORDER BY renamed_at, rowid"
        ):
            former.setdefault(int(activity_id), []).append(str(name))
        sql = "SELECT id, name, position, added_at, retired_at, replaced_by FROM psfs_activities"
        if not retired:
            sql += " WHERE retired_at IS NULL"
        sql += " ORDER BY retired_at IS NOT NULL, position, id"
        found = []
        for id_, name, position, added, gone, replaced_by in self.conn.execute(sql):
            try:
                found.append(
                    PsfsActivity(
                        int(id_),
                        str(name),
                        int(position),
                        datetime.fromisoformat(added),
                        datetime.fromisoformat(gone) if gone else None,
                        int(replaced_by) if replaced_by is not None else None,
                        tuple(former.get(int(id_), ())),
                    )
                )
            except (TypeError, ValueError):
                continue
        return found

    def add(self, name: str, *, at: datetime) -> int:
        """A new activity, last in the list; returns its id."""
        name = _checked(name)
        with transaction(self.conn):
            return self._add(name, at)

    def _add(self, name: str, at: datetime, position: int | None = None) -> int:
        if position is None:
            row = self.conn.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM psfs_activities "
                "WHERE retired_at IS NULL"
            ).fetchone()
            position = int(row[0])
        cursor = self.conn.execute(
            "INSERT INTO psfs_activities (name, position, added_at) VALUES (?, ?, ?)",
            (name, position, stamp(at)),
        )
        return int(cursor.lastrowid or 0)

    def rename(self, activity_id: int, name: str, *, at: datetime) -> None:
        """The same activity in other words: its ratings stay with it."""
        name = _checked(name)
        with transaction(self.conn):
            row = self.conn.execute(
                "SELECT name FROM psfs_activities WHERE id = ?", (activity_id,)
            ).fetchone()
            if row is None:
                raise KeyError(activity_id)
            if row[0] == name:
                return
            self.conn.execute(
                "INSERT INTO psfs_names (activity_id, name, renamed_at) VALUES (?, ?, ?)",
                (activity_id, row[0], stamp(at)),
            )
            self.conn.execute(
                "UPDATE psfs_activities SET name = ? WHERE id = ?", (name, activity_id)
            )

    def replace(self, activity_id: int, name: str, *, at: datetime) -> int:
        """A different activity in its place: the old one is retired with its ratings, the new
        one starts without any; returns the new one's id."""
        name = _checked(name)
        with transaction(self.conn):
            row = self.conn.execute(
                "SELECT position FROM psfs_activities WHERE id = ? AND retired_at IS NULL",
                (activity_id,),
            ).fetchone()
            if row is None:
                raise KeyError(activity_id)
            new_id = self._add(name, at, int(row[0]))
            self.conn.execute(
                "UPDATE psfs_activities SET retired_at = ?, replaced_by = ? WHERE id = ?",
                (stamp(at), new_id, activity_id),
            )
        return new_id

    def remove(self, activity_id: int, *, at: datetime) -> None:
        """No longer rated; its ratings stay in the history with it."""
        with transaction(self.conn):
            self.conn.execute(
                "UPDATE psfs_activities SET retired_at = ? WHERE id = ? AND retired_at IS NULL",
                (stamp(at), activity_id),
            )

    def reorder(self, ids: Sequence[int]) -> None:
        """The activities rated now, in this order."""
        with transaction(self.conn):
            self.conn.executemany(
                "UPDATE psfs_activities SET position = ? WHERE id = ?",
                [(position, activity_id) for position, activity_id in enumerate(ids)],
            )

    # -- ratings -----------------------------------------------------------------------------------
    def rate(self, scores: Mapping[int, int], *, at: datetime) -> None:
        """One rating of some activities (activity id -> 0–10), all at ``at``."""
        for score in scores.values():
            if isinstance(score, bool) or not (isinstance(score, int) and 0 <= score <= SCORE_MAX):
                raise ValueError(f"a rating is a whole number from 0 to {SCORE_MAX}, not {score!r}")
        if not scores:
            return
        with transaction(self.conn):
            self.conn.executemany(
                "INSERT INTO psfs_ratings (activity_id, rated_at, day, score) VALUES (?, ?, ?, ?)",
                [
                    (activity_id, stamp(at), at.date().isoformat(), score)
                    for activity_id, score in scores.items()
                ],
            )

    def ratings(self, since: date | None = None, until: date | None = None) -> list[PsfsRating]:
        """The ratings from ``since`` to ``until`` (local days), oldest first."""
        if not self.readable:
            return []
        rows = self.conn.execute(
            "SELECT activity_id, rated_at, day, score FROM psfs_ratings "
            "WHERE day >= ? AND day <= ? ORDER BY id",  # the order they were given in
            ((since or date.min).isoformat(), (until or date.max).isoformat()),
        ).fetchall()
        found = []
        for activity_id, at, day, score in rows:
            try:
                found.append(
                    PsfsRating(
                        int(activity_id),
                        datetime.fromisoformat(at),
                        date.fromisoformat(day),
                        int(score),
                    )
                )
            except (TypeError, ValueError):
                continue
        return found

    def last_rated(self) -> date | None:
        if not self.readable:
            return None
        row = self.conn.execute("SELECT max(day) FROM psfs_ratings").fetchone()
        return _day(row[0] if row else None)

    # -- "not now" -----------------------------------------------------------------------------
    def not_now(self, *, at: datetime) -> None:
        """The person put the question off: it is not asked again that day."""
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO psfs_not_now (at, day) VALUES (?, ?)",
                (stamp(at), at.date().isoformat()),
            )

    def last_not_now(self) -> date | None:
        if not self.readable:
            return None
        row = self.conn.execute("SELECT max(day) FROM psfs_not_now").fetchone()
        return _day(row[0] if row else None)


def _checked(name: str) -> str:
    cleaned = clean_line(name)[:NAME_MAX].strip()
    if not cleaned:
        raise ValueError("an activity needs a name")
    return cleaned


def _day(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None
