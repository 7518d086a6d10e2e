"""The safety record in the history (DESIGN.md section 6, CLINICAL.md "After a safety stop"):

- every answer to the day's red-flag questions, with its time (a "yes" shows on home for the rest
  of that day, and in the report);
- the steps a safety stop left out of their routine, until the user says a clinician has seen them;
- the progressions applied to each routine (their pace is one of the progression's gates).

Each write is one short transaction on the store's connection; the reads take what the store gives.
Steps are kept by name: a routine edited after a stop (steps moved, added) still leaves the same
exercise out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sessiontimer.core.base.text import storable
from sessiontimer.core.history.rows import stamp
from sessiontimer.core.history.schema import transaction
from sessiontimer.core.history.store import Store

__all__ = [
    "LeftOutStep",
    "ProgressionRecord",
    "RedFlagAnswer",
    "SafetyRecord",
]


@dataclass(frozen=True)
class RedFlagAnswer:
    at: datetime
    day: date
    yes: bool
    routine: str | None


@dataclass(frozen=True)
class LeftOutStep:
    routine: str
    step_name: str
    since: datetime
    session_id: int | None


@dataclass(frozen=True)
class ProgressionRecord:
    routine: str
    at: datetime
    day: date
    changes: tuple[str, ...]
    anyway: bool


class SafetyRecord:
    """The safety tables of one history."""

    def __init__(self, store: Store) -> None:
        self.conn = store.conn

    # -- red flags ---------------------------------------------------------------------------
    def answer_red_flags(self, *, yes: bool, at: datetime, routine: str | None = None) -> None:
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO red_flag_answers (answered_at, day, answer, routine) "
                "VALUES (?, ?, ?, ?)",
                (stamp(at), at.date().isoformat(), "yes" if yes else "no", _text(routine)),
            )

    def red_flag_answers(self, since: date | None = None) -> list[RedFlagAnswer]:
        """The answers, oldest first (rows that cannot be read are left out)."""
        rows = self.conn.execute(
            "SELECT answered_at, day, answer, routine FROM red_flag_answers WHERE day >= ? "
            "ORDER BY id",
            ((since or date.min).isoformat(),),
        ).fetchall()
        answers = []
        for at, day, answer, routine in rows:
            try:
                answers.append(
                    RedFlagAnswer(
                        datetime.fromisoformat(at),
                        date.fromisoformat(day),
                        answer == "yes",
                        routine,
                    )
                )
            except (TypeError, ValueError):
                continue
        return answers

    def red_flag_yes_on(self, day: date) -> datetime | None:
        """When a red flag was last answered "yes" on ``day`` (None: not that day)."""
        yes = [
            answer.at for answer in self.red_flag_answers(day) if answer.yes and answer.day == day
        ]
        return yes[-1] if yes else None

    # -- steps left out after a safety stop ----------------------------------------------------
    def leave_out(
        self, routine: str, step_name: str, *, at: datetime, session_id: int | None = None
    ) -> None:
        """A safety stop in ``step_name``: the routine's next sessions leave it out."""
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO left_out_steps (routine, step_name, session_id, since) "
                "VALUES (?, ?, ?, ?)",
                (_text(routine), _text(step_name), session_id, stamp(at)),
            )

    def left_out(self, routine: str | None = None) -> list[LeftOutStep]:
        """The steps left out now (of ``routine``, or of every routine), one per routine and
        step name, the first stop first."""
        rows = self.conn.execute(
            "SELECT routine, step_name, min(since), session_id FROM left_out_steps "
            "WHERE restored_at IS NULL AND (? IS NULL OR routine = ?) "
            "GROUP BY routine, step_name ORDER BY min(since)",
            (_text(routine), _text(routine)),
        ).fetchall()
        steps = []
        for owner, name, since, session_id in rows:
            try:
                steps.append(LeftOutStep(owner, name, datetime.fromisoformat(since), session_id))
            except (TypeError, ValueError):
                continue
        return steps

    def left_out_names(self, routine: str) -> frozenset[str]:
        return frozenset(step.step_name for step in self.left_out(routine))

    def put_back(self, routine: str, step_name: str, *, at: datetime) -> None:
        """A clinician has seen it: the step is in the routine's sessions again."""
        with transaction(self.conn):
            self.conn.execute(
                "UPDATE left_out_steps SET restored_at = ? "
                "WHERE routine = ? AND step_name = ? AND restored_at IS NULL",
                (stamp(at), _text(routine), _text(step_name)),
            )

    # -- cold packs --------------------------------------------------------------------------
    def last_cold_pack(self, now: datetime, within_hours: float) -> datetime | None:
        """When the newest cold pack came off (or was last seen on: the session's last boundary),
        among sessions started in the hours before ``now``; rehearsals left out. None: none."""
        since = now.timestamp() - within_hours * 3600 - 2 * 3600  # a session may run long
        rows = self.conn.execute(
            "SELECT coalesce(s.ended_at, s.updated_at) FROM sessions s "
            "JOIN segments g ON g.session_id = s.id "
            "WHERE s.rehearsal = 0 AND s.started_epoch >= ? AND g.kind = 'cold' "
            "AND (g.outcome = 'done' OR g.idx = s.current_segment) GROUP BY s.id",
            (since,),
        ).fetchall()
        ends = []
        for (text,) in rows:
            try:
                ends.append(datetime.fromisoformat(text))
            except (TypeError, ValueError):
                continue
        latest = max(ends, default=None)
        if latest is None or (now - latest).total_seconds() >= within_hours * 3600:
            return None
        return latest

    # -- progressions --------------------------------------------------------------------------
    def record_progression(
        self, routine: str, changes: Sequence[str], *, at: datetime, anyway: bool = False
    ) -> None:
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO progressions (routine, applied_at, day, changes, anyway) "
                "VALUES (?, ?, ?, ?, ?)",
                (_text(routine), stamp(at), at.date().isoformat(), "\n".join(changes), int(anyway)),
            )

    def progressions(self, routine: str) -> list[ProgressionRecord]:
        """The routine's progressions, oldest first."""
        rows = self.conn.execute(
            "SELECT applied_at, day, changes, anyway FROM progressions WHERE routine = ? "
            "ORDER BY id",
            (_text(routine),),
        ).fetchall()
        records = []
        for at, day, changes, anyway in rows:
            try:
                records.append(
                    ProgressionRecord(
                        routine,
                        datetime.fromisoformat(at),
                        date.fromisoformat(day),
                        tuple(str(changes).splitlines()),
                        bool(anyway),
                    )
                )
            except (TypeError, ValueError):
                continue
        return records


def _text(value: str | None) -> str | None:
    """A routine id or step name as stored (a file name's undecodable bytes become U+FFFD)."""
    return None if value is None else storable(value)
