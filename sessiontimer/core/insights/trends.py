"""Trends in the history: day marks, the streak, the heatmap, the programme week, centralization and
pain before/after. Pure functions over plain data; ``today`` is always passed in.

The history and home screens render what these return; the texts are written in our own words from
CLINICAL.md (short, plain, second person).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from sessiontimer.core.history.records import DayTally, SessionRecord, leg_rank

# Day marks. A day is "met" when at least one routine was completed as many times as prescribed that
# day, "some" when there were sessions but none met; "none" only appears in the heatmap.
MET = "met"
SOME = "some"
NONE = "none"

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_marks(tallies: Iterable[DayTally]) -> dict[date, str]:
    """ "met" or "some" per day with sessions; days without sessions are absent."""
    marks: dict[date, str] = {}
    for tally in tallies:
        if tally.completed >= max(1, tally.times_per_day):
            marks[tally.day] = MET
        elif tally.sessions > 0 and marks.get(tally.day) != MET:
            marks[tally.day] = SOME
    return marks


def streak(marks: Mapping[date, str], today: date) -> int:
    """The run of consecutive "met" days ending today, or ending yesterday while today is not met
    yet (a day still in progress does not break a streak)."""
    day = today if marks.get(today) == MET else today - timedelta(days=1)
    count = 0
    while marks.get(day) == MET:
        count += 1
        day -= timedelta(days=1)
    return count


def week_starts(today: date, weeks: int = 12) -> list[date]:
    """The Monday of each heatmap column, oldest first; the last is the Monday of today's week."""
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, not {weeks}")
    last = today - timedelta(days=today.weekday())
    return [last - timedelta(weeks=weeks - 1 - column) for column in range(weeks)]


def heatmap(marks: Mapping[date, str], today: date, weeks: int = 12) -> list[list[str | None]]:
    """7 rows (Monday … Sunday) × ``weeks`` columns (oldest week first, the last one holds today).

    Each cell is "met", "some" or "none"; days after today are None.
    """
    mondays = week_starts(today, weeks)
    rows: list[list[str | None]] = []
    for weekday in range(7):
        row: list[str | None] = []
        for monday in mondays:
            day = monday + timedelta(days=weekday)
            row.append(None if day > today else marks.get(day, NONE))
        rows.append(row)
    return rows


def month_labels(today: date, weeks: int = 12) -> list[str]:
    """A header label per heatmap column: the month's short name ("Jan") on the first column and on
    each column whose Monday falls in a new month, "" on the others."""
    labels: list[str] = []
    previous: int | None = None
    for monday in week_starts(today, weeks):
        labels.append(MONTHS[monday.month - 1] if monday.month != previous else "")
        previous = monday.month
    return labels


# The progression (CLINICAL.md): (first week, stage, label, guidance) for each stage.
_STAGES: tuple[tuple[int, str, str, str], ...] = (
    (
        1,
        "form",
        "Learn the form",
        "Go gently and get each movement right before you do more of it.",
    ),
    (
        3,
        "holds",
        "Longer holds",
        "Hold your stretches a little longer while they stay comfortable.",
    ),
    (
        5,
        "strength",
        "Add strength",
        "You can add strengthening moves now, starting with a few reps.",
    ),
    (
        9,
        "endurance",
        "Build endurance",
        "Add a rep or two every few days while it stays comfortable.",
    ),
)


@dataclass(frozen=True)
class ProgrammeWeek:
    week: int  # 1 on the first day's week: days 0–6 after the first day are week 1
    stage: str  # "form", "holds", "strength" or "endurance"
    label: str  # short, for a header: "Learn the form"
    text: str  # one short sentence of guidance


def programme_week(first_day: date | None, today: date) -> ProgrammeWeek | None:
    """The programme week and its stage, counted from the first session's day (None when there is no
    first day yet, or it is after today)."""
    if first_day is None or first_day > today:
        return None
    week = (today - first_day).days // 7 + 1
    _, stage, label, text = next(s for s in reversed(_STAGES) if week >= s[0])
    return ProgrammeWeek(week=week, stage=stage, label=label, text=text)


# Centralization: how far down the leg symptoms reach, the last 14 days against the 14 before.
WINDOW_DAYS = 14
MIN_POINTS = 2  # leg answers needed in each window
RANK_SHIFT = 0.5  # the smallest change of the mean rank that counts as a move

CENTRALIZING_TEXT = "Your leg symptoms moved up toward your back in the last 2 weeks: a good sign."
SPREADING_TEXT = "Your leg symptoms reach further down than 2 weeks ago. Tell a clinician."
STEADY_TEXT = "How far down your leg symptoms reach has stayed about the same."
UNKNOWN_START_TEXT = "Not enough leg answers yet: keep answering the leg question for 2 weeks."
UNKNOWN_RECENT_TEXT = "No recent leg answers: answer the leg question in your next sessions."


@dataclass(frozen=True)
class Centralization:
    direction: str  # "centralizing", "spreading", "steady" or "unknown"
    text: str  # one plain line
    earlier: float | None = None  # mean leg rank (1 back … 5 foot) of the 14 days before
    recent: float | None = None  # mean leg rank of the last 14 days (today included)


def centralization(points: Sequence[tuple[date, int]], today: date) -> Centralization:
    """Compare how far down the leg symptoms reach: the last 14 days (today included) against the 14
    days before them.

    ``points`` are (day, leg rank 1 = back only … 5 = foot), from the check-ins before and after.
    Each window needs at least 2 points, else "unknown". The mean rank of the recent window lower by
    0.5 or more is "centralizing" (moving up toward the back: a good sign), higher by 0.5 or more is
    "spreading", anything in between "steady". Points after today are left out.
    """
    recent_start = today - timedelta(days=WINDOW_DAYS - 1)
    earlier_start = recent_start - timedelta(days=WINDOW_DAYS)
    recent = [rank for day, rank in points if recent_start <= day <= today]
    earlier = [rank for day, rank in points if earlier_start <= day < recent_start]
    if len(earlier) < MIN_POINTS:
        return Centralization("unknown", UNKNOWN_START_TEXT)
    if len(recent) < MIN_POINTS:
        return Centralization("unknown", UNKNOWN_RECENT_TEXT)
    before, now = fmean(earlier), fmean(recent)
    if now <= before - RANK_SHIFT:
        return Centralization("centralizing", CENTRALIZING_TEXT, before, now)
    if now >= before + RANK_SHIFT:
        return Centralization("spreading", SPREADING_TEXT, before, now)
    return Centralization("steady", STEADY_TEXT, before, now)


def leg_points(records: Iterable[SessionRecord]) -> list[tuple[date, int]]:
    """The leg answers of the history as (day, rank) points for ``centralization``, oldest first:
    before then after of each session; rehearsals and skipped answers are left out."""
    points: list[tuple[date, int]] = []
    for record in sorted(records, key=lambda r: (r.started_at, r.id)):
        if record.rehearsal:
            continue
        for extent in (record.leg_before, record.leg_after):
            rank = leg_rank(extent)
            if rank is not None:
                points.append((record.day, rank))
    return points


@dataclass(frozen=True)
class PainSummary:
    sessions: int  # how many sessions the means are over
    before: float  # mean pain (0–10) before them
    after: float  # mean pain after them

    @property
    def change(self) -> float:
        """After minus before: negative when sessions ease the pain."""
        return self.after - self.before


def pain_summary(records: Iterable[SessionRecord], last: int = 10) -> PainSummary | None:
    """Mean pain before and after over the last ``last`` sessions that have both answers
    (rehearsals left out); None when there are none."""
    if last < 1:
        raise ValueError(f"last must be at least 1, not {last}")
    paired = [
        record
        for record in sorted(records, key=lambda r: (r.started_at, r.id))
        if not record.rehearsal and record.pain_before is not None and record.pain_after is not None
    ][-last:]
    if not paired:
        return None
    return PainSummary(
        sessions=len(paired),
        before=fmean(r.pain_before for r in paired if r.pain_before is not None),
        after=fmean(r.pain_after for r in paired if r.pain_after is not None),
    )
