"""`sessiontimer history`: past sessions as JSON, CSV or a plain table (DESIGN.md section 6), and
with ``--psfs`` the everyday activities and their ratings (section 11)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime

from sessiontimer.core.base.durations import format_clock
from sessiontimer.core.history.psfs import PsfsActivity, PsfsRating
from sessiontimer.core.history.records import FEELS, STATUS_LABELS, SessionRecord, leg_rank

# The fields of `history --json` and the columns of `history --csv`, in this order (DESIGN.md
# section 6).
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
    "leg_before",
    "leg_after",
    "felt",
    "note",
    "segments_done",
    "segments_skipped",
    "segments_total",
    "active_seconds",
    "stop_reason",
    "stopped_step",
    "resumed",
)
# A cell a spreadsheet would read as a formula starts with one of these: it gets a leading '.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


def felt_rank(feel: str | None) -> int | None:
    """1 easy … 4 painful."""
    return FEELS.index(feel) + 1 if feel in FEELS else None


def as_dict(record: SessionRecord, skipped: int = 0) -> dict[str, object]:
    """One session as `history --json` gives it; ``skipped``: its segments skipped."""
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
        "leg_before": leg_rank(record.leg_before),
        "leg_after": leg_rank(record.leg_after),
        "felt": felt_rank(record.feel),
        "note": record.note,
        "segments_done": record.segments_done,
        "segments_skipped": skipped,
        "segments_total": record.segments_total,
        "active_seconds": round(record.active_seconds, 1),
        "stop_reason": record.stop_reason,
        "stopped_step": record.stop_step_name if record.status == "stopped" else None,
        "resumed": record.resumed,
    }


def to_json(records: Iterable[SessionRecord], skipped: Mapping[int, int] | None = None) -> str:
    counts = skipped or {}
    return json.dumps(
        [as_dict(r, counts.get(r.id, 0)) for r in records], indent=2, ensure_ascii=False
    )


def cell(value: object) -> object:
    """A value as a CSV cell: empty for null, true/false, and text a spreadsheet would run as a
    formula with a leading ' (so it shows as the text it is)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV with a header row, lines ending in LF. A cell with a comma, a quote, CR or LF is quoted
    (the csv module of Python 3.11 leaves a lone CR unquoted when lines end in LF)."""
    lines = [",".join(header)]
    lines.extend(",".join(_quoted(str(cell(value))) for value in row) for row in rows)
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def to_csv(records: Iterable[SessionRecord], skipped: Mapping[int, int] | None = None) -> str:
    counts = skipped or {}
    rows = (as_dict(record, counts.get(record.id, 0)) for record in records)
    return csv_text(FIELDS, ([row[field] for field in FIELDS] for row in rows))


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


# -- function: the PSFS (`history --psfs`) --------------------------------------------------------

# The columns of `history --psfs --csv`: one row per rating.
PSFS_FIELDS = ("rated_at", "activity_id", "activity", "score", "activity_retired")


def psfs_dict(
    activities: Sequence[PsfsActivity], ratings: Sequence[PsfsRating]
) -> dict[str, object]:
    """`history --psfs --json`: every activity (those retired too), each with its ratings."""
    by_activity: dict[int, list[PsfsRating]] = {}
    for rating in ratings:
        by_activity.setdefault(rating.activity_id, []).append(rating)
    return {
        "activities": [
            {
                "id": activity.id,
                "name": activity.name,
                "former_names": list(activity.former_names),
                "added_at": _iso(activity.added_at),
                "retired_at": _iso(activity.retired_at),
                "replaced_by": activity.replaced_by,
                "ratings": [
                    {"rated_at": _iso(r.at), "score": r.score}
                    for r in by_activity.get(activity.id, [])
                ],
            }
            for activity in activities
        ]
    }


def psfs_json(activities: Sequence[PsfsActivity], ratings: Sequence[PsfsRating]) -> str:
    return json.dumps(psfs_dict(activities, ratings), indent=2, ensure_ascii=False)


def psfs_csv(activities: Sequence[PsfsActivity], ratings: Sequence[PsfsRating]) -> str:
    names = {a.id: a for a in activities}
    rows = []
    for rating in ratings:
        activity = names.get(rating.activity_id)
        rows.append(
            (
                _iso(rating.at),
                rating.activity_id,
                activity.name if activity else None,
                rating.score,
                activity is not None and not activity.active,
            )
        )
    return csv_text(PSFS_FIELDS, rows)


def psfs_table(
    activities: Sequence[PsfsActivity], ratings: Sequence[PsfsRating], since: date | None = None
) -> str:
    """For people: each time the activities were rated, the average and each score."""
    if not ratings:
        if not activities:
            return "No everyday activities named yet (the app asks for them on home)."
        return f"No ratings since {since.isoformat()}." if since else "No ratings yet."
    names = {a.id: a.name for a in activities}
    times: dict[datetime, list[PsfsRating]] = {}
    for rating in ratings:
        times.setdefault(rating.at, []).append(rating)
    lines = []
    for at, rated in times.items():
        average = sum(r.score for r in rated) / len(rated)
        scores = ", ".join(f"{names.get(r.activity_id, '?')} {r.score}" for r in rated)
        lines.append(f"{at.strftime('%Y-%m-%d %H:%M')}  average {average:.1f}  {scores}")
    lines.append(f"{len(times)} rating{'s' if len(times) != 1 else ''}.")
    return "\n".join(lines)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None
