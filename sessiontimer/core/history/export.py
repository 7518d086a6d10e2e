"""`sessiontimer history`: past sessions as JSON, CSV or a plain table (DESIGN.md section 6)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from datetime import date

from sessiontimer.core.base.durations import format_clock
from sessiontimer.core.history.records import STATUS_LABELS, SessionRecord

# The fields of `history --json` and the columns of `history --csv`, in this order.
FIELDS = (
    "id",
    "routine",
    "routine_name",
    "started_at",
    "ended_at",
    "status",
    "rehearsal",
    "pain_before",
    "pain_after",
    "segments_done",
    "segments_total",
    "active_seconds",
    "stop_reason",
)


def parse_since(text: str) -> date:
    """``--since YYYY-MM-DD``; ValueError with a message for the user otherwise."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f'--since must be a date written YYYY-MM-DD, like 2026-11-01, not "{text}"'
        ) from None


def as_dict(record: SessionRecord) -> dict[str, object]:
    return {
        "id": record.id,
        "routine": record.routine,
        "routine_name": record.routine_name,
        "started_at": record.started_at.isoformat(timespec="seconds"),
        "ended_at": record.ended_at.isoformat(timespec="seconds") if record.ended_at else None,
        "status": record.status,
        "rehearsal": record.rehearsal,
        "pain_before": record.pain_before,
        "pain_after": record.pain_after,
        "segments_done": record.segments_done,
        "segments_total": record.segments_total,
        "active_seconds": round(record.active_seconds, 1),
        "stop_reason": record.stop_reason,
    }


def to_json(records: Iterable[SessionRecord]) -> str:
    return json.dumps([as_dict(r) for r in records], indent=2, ensure_ascii=False)


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def to_csv(records: Iterable[SessionRecord]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    for record in records:
        row = as_dict(record)
        writer.writerow([_cell(row[field]) for field in FIELDS])
    return out.getvalue()


def to_table(records: Sequence[SessionRecord], since: date | None = None) -> str:
    """A plain table for people, oldest first; ``since``: the ``--since`` day asked for."""
    if not records:
        return f"No sessions since {since.isoformat()}." if since else "No sessions recorded yet."
    name_w = min(32, max(len("ROUTINE"), *(len(r.routine_name) for r in records)))
    statuses = [
        STATUS_LABELS.get(r.status, r.status) + (", rehearsal" if r.rehearsal else "")
        for r in records
    ]
    status_w = max(len("STATUS"), *(len(s) for s in statuses))
    lines = [
        f"{'STARTED':<16}  {'ROUTINE':<{name_w}}  {'STATUS':<{status_w}}  DONE      TIME  PAIN"
    ]
    for r, status in zip(records, statuses, strict=True):
        name = (
            r.routine_name if len(r.routine_name) <= name_w else r.routine_name[: name_w - 1] + "…"
        )
        done = f"{r.segments_done}/{r.segments_total}"
        pain = f"{_pain(r.pain_before)} → {_pain(r.pain_after)}"
        if r.pain_before is None and r.pain_after is None:
            pain = ""
        started = r.started_at.strftime("%Y-%m-%d %H:%M")
        lines.append(
            f"{started:<16}  {name:<{name_w}}  {status:<{status_w}}  {done:<7} "
            f"{format_clock(round(r.active_seconds)):>5}  {pain}"
        )
    real = sum(1 for r in records if not r.rehearsal)  # rehearsals are not sessions done
    rehearsals = len(records) - real
    total = f"{real} session{'s' if real != 1 else ''}"
    if rehearsals:
        total += f" and {rehearsals} rehearsal{'s' if rehearsals != 1 else ''}"
    lines.append(f"{total}.")
    return "\n".join(lines)


def _pain(value: int | None) -> str:
    return "–" if value is None else str(value)
