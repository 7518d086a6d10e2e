"""How the history lays sessions out in rows: the columns read, a row as a SessionRecord, a segment
as a SegmentRow, and the ISO 8601 stamps (with the UTC offset) the rows keep.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sessiontimer.core.history.records import SessionRecord

__all__ = [
    "COLUMNS",
    "COLUMNS_BEFORE_4",
    "SegmentRow",
    "aware",
    "damaged_rows_text",
    "local_time",
    "segment_values",
    "session_record",
    "stamp",
]

COLUMNS = (
    "id, routine, routine_name, started_at, ended_at, day, status, rehearsal, times_per_day, "
    "pain_before, pain_after, leg_before, leg_after, feel, note, segments_done, segments_total, "
    "active_seconds, stop_reason, stop_step, stop_step_name, updated_at, owner, resumed"
)
# The same for a file read as it is (read-only) at a schema before 4, which has no ``resumed``.
COLUMNS_BEFORE_4 = COLUMNS.replace(", resumed", ", 0 AS resumed")


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


def stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def local_time(epoch: float) -> datetime:
    """A calendar time (seconds since 1970) as an aware local datetime."""
    return datetime.fromtimestamp(epoch).astimezone()


def segment_values(s: SegmentRow) -> tuple[object, ...]:
    """A segment's values in the order of the ``segments`` columns after ``session_id, idx``."""
    return (s.step, s.step_name, s.kind, s.side, s.set, s.rep, s.seconds, int(s.work))


def session_record(
    row: Sequence[object], abandoned: Callable[[object, object], bool]
) -> SessionRecord:
    """A row of ``COLUMNS`` as a SessionRecord; ``abandoned(owner, updated_at)``: a row left in
    progress whose process is gone (it reads as interrupted, ended at its last boundary)."""
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
        resumed,
    ) = row
    if status == "in_progress" and abandoned(owner, updated_at):
        # Its process is gone: it ended at its last boundary (the next writer stores this too).
        status, ended_at = "interrupted", updated_at
    return SessionRecord(
        id=int(id_),  # type: ignore[call-overload]
        routine=str(routine),
        routine_name=str(routine_name),
        started_at=aware(started_at),
        ended_at=aware(ended_at) if ended_at else None,
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
        resumed=bool(resumed),
    )


def aware(stamp_: object) -> datetime:
    """An ISO 8601 stamp with its UTC offset; a stamp without one (or no stamp at all) is
    damage: ValueError, like any other unreadable value."""
    moment = datetime.fromisoformat(str(stamp_))
    if moment.tzinfo is None:
        raise ValueError(f"{stamp_!r} has no UTC offset")
    return moment


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None


def damaged_rows_text(count: int) -> str:
    """Said when rows of the history could not be read and were skipped."""
    rows = "row" if count == 1 else "rows"
    return (
        f"{count} damaged {rows} of the history could not be read and {'was' if count == 1 else 'were'} "
        "skipped; the rest is shown. The file is left as it is."
    )
