"""How the pain and the leg symptoms went over a period (the clinician report, DESIGN.md section 9;
CLINICAL.md "What patients log"). Pure functions over session records; rehearsals are left out.

- Pain: each session's pain before and after, the means of each week (Monday to Sunday), and the
  first week with scores against the last. A fall of 2 points or of 30% is meaningful, and a rise
  of 2 points, or of 30% and at least 1 point (Ostelo 2008; the same rules as the advice). The
  meaningful-change band is the first week's mean pain before, from the smallest fall that counts
  to the smallest rise that counts.
- Legs: how far down the leg the symptoms reached (1 back only … 5 foot), before and after each
  session; the first 2 weeks of the period against the last 2 (shorter halves in a shorter
  period), with the rule of ``trends.centralization`` (a move of half a step on the mean).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import fmean

from sessiontimer.core.history.records import PAIN_MAX, SessionRecord, leg_rank
from sessiontimer.core.insights import trends
from sessiontimer.core.insights.advice import MEANINGFUL_POINTS, MEANINGFUL_SHARE
from sessiontimer.core.insights.psfs import week_of

EPSILON = 1e-9
LEG_WINDOW_DAYS = 14


@dataclass(frozen=True)
class Point:
    """One session's answers (pain 0–10, or leg rank 1–5), or a mean of several."""

    at: datetime
    before: float | None
    after: float | None


@dataclass(frozen=True)
class WeekMeans:
    monday: date
    sessions: int  # sessions with an answer that week
    before: float | None
    after: float | None


@dataclass(frozen=True)
class Band:
    """The first week's mean pain before, and the smallest change either way that counts."""

    baseline: float
    low: float
    high: float


@dataclass(frozen=True)
class PainCourse:
    points: list[Point]  # sessions with a pain answer, oldest first
    weeks: list[WeekMeans]  # weeks with a pain answer, oldest first
    band: Band | None  # None: no pain before yet
    first: WeekMeans | None  # the first and last weeks with a pain score before
    last: WeekMeans | None
    paired: int  # sessions with both answers
    session_effect: float | None  # mean of after minus before over those

    @property
    def change(self) -> float | None:
        """The last week's mean pain before minus the first's (None: one week or none)."""
        if self.first is None or self.last is None or self.first is self.last:
            return None
        assert self.first.before is not None and self.last.before is not None
        return self.last.before - self.first.before

    @property
    def direction(self) -> str:
        """ "better", "worse", "same", or "unknown" (fewer than two weeks of scores)."""
        change = self.change
        if change is None or self.band is None:
            return "unknown"
        if self.last is not None and self.last.before is not None:
            if self.last.before <= self.band.low + EPSILON and change < 0:
                return "better"
            if self.last.before >= self.band.high - EPSILON and change > 0:
                return "worse"
        return "same"


def band(baseline: float) -> Band:
    """A fall counts from 2 points or 30% (of the baseline); a rise from 2 points, or from 30%
    when that is at least 1 point. Kept within 0–10."""
    fall = min(MEANINGFUL_POINTS, MEANINGFUL_SHARE * baseline)
    rise = min(MEANINGFUL_POINTS, max(1.0, MEANINGFUL_SHARE * baseline))
    return Band(baseline, max(baseline - fall, 0.0), min(baseline + rise, float(PAIN_MAX)))


def _points(
    records: Sequence[SessionRecord],
    read: Callable[[SessionRecord], tuple[int | None, int | None]],
) -> list[Point]:
    found = []
    for record in sorted(records, key=lambda r: (r.started_at, r.id)):
        if record.rehearsal:
            continue
        before, after = read(record)
        if before is not None or after is not None:
            found.append(Point(record.started_at, before, after))
    return found


def weekly(points: Sequence[Point]) -> list[WeekMeans]:
    weeks: dict[date, list[Point]] = {}
    for point in points:
        weeks.setdefault(week_of(point.at.date()), []).append(point)
    return [
        WeekMeans(
            monday,
            len(found),
            _mean([p.before for p in found]),
            _mean([p.after for p in found]),
        )
        for monday, found in sorted(weeks.items())
    ]


def _mean(values: Sequence[float | None]) -> float | None:
    given = [v for v in values if v is not None]
    return fmean(given) if given else None


def pain_course(records: Sequence[SessionRecord]) -> PainCourse:
    points = _points(records, lambda r: (r.pain_before, r.pain_after))
    weeks = weekly(points)
    scored = [w for w in weeks if w.before is not None]
    first = scored[0] if scored else None
    last = scored[-1] if scored else None
    changes = [p.after - p.before for p in points if p.before is not None and p.after is not None]
    return PainCourse(
        points,
        weeks,
        band(first.before) if first is not None and first.before is not None else None,
        first,
        last,
        len(changes),
        fmean(changes) if changes else None,
    )


@dataclass(frozen=True)
class LegCourse:
    points: list[Point]  # leg ranks (1 back only … 5 foot), oldest first
    weeks: list[WeekMeans]
    direction: str  # "centralizing", "spreading", "steady" or "unknown"
    window_days: int  # the length of the two compared spans
    earlier: float | None = None  # mean rank of the first span
    recent: float | None = None  # mean rank of the last span


def leg_course(records: Sequence[SessionRecord], since: date, until: date) -> LegCourse:
    points = _points(records, lambda r: (leg_rank(r.leg_before), leg_rank(r.leg_after)))
    period = (until - since).days + 1
    window = min(LEG_WINDOW_DAYS, period // 2)
    weeks = weekly(points)
    if window < 1:
        return LegCourse(points, weeks, "unknown", window)
    first_end = since + timedelta(days=window - 1)
    last_start = until - timedelta(days=window - 1)
    earlier = _ranks(points, since, first_end)
    recent = _ranks(points, last_start, until)
    if len(earlier) < trends.MIN_POINTS or len(recent) < trends.MIN_POINTS:
        return LegCourse(points, weeks, "unknown", window)
    before, now = fmean(earlier), fmean(recent)
    if now <= before - trends.RANK_SHIFT:
        direction = "centralizing"
    elif now >= before + trends.RANK_SHIFT:
        direction = "spreading"
    else:
        direction = "steady"
    return LegCourse(points, weeks, direction, window, before, now)


def _ranks(points: Sequence[Point], first: date, last: date) -> list[float]:
    return [
        rank
        for p in points
        if first <= p.at.date() <= last
        for rank in (p.before, p.after)
        if rank is not None
    ]
