"""Function over the weeks: the PSFS scores by week, what changed, and when to ask again
(DESIGN.md section 11, CLINICAL.md "Function, not only pain"). Pure: ``today`` is passed in.

- A week runs Monday to Sunday. An activity's score for a week is its last rating that week; the
  week's average is the mean over the activities rated that week (the PSFS score).
- Changes are counted from the first week of the series given: a change of 2 points on the
  average, or of 3 on one activity, is meaningful (Stratford 1995), either way.
- The app asks about once a week: when nothing was rated in the last 7 days, and the person has
  not said "not now" today. With no activities yet it asks for them first ("setup").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import fmean

from sessiontimer.core.history.psfs import PsfsActivity, PsfsRating
from sessiontimer.core.insights.trends import MONTHS

MEANINGFUL_AVERAGE = 2.0  # points on the average
MEANINGFUL_ONE = 3  # points on one activity
ASK_EVERY_DAYS = 7
EPSILON = 1e-9  # exactly 2.0 points counts, whatever the floats say

SETUP = "setup"  # no activities yet: name them, then rate them
RATE = "rate"  # a week since the last rating


def week_of(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class PsfsWeek:
    monday: date
    scores: dict[int, int]  # activity id -> its rating that week (the last one)
    average: float  # the mean of those scores
    change: float  # the average minus the first week's
    changes: dict[int, int] = field(default_factory=dict)  # id -> score minus its first score

    @property
    def meaningful(self) -> bool:
        """The average has moved 2 points or more from the first week, either way."""
        return abs(self.change) >= MEANINGFUL_AVERAGE - EPSILON

    def meaningful_for(self, activity_id: int) -> bool:
        """This activity has moved 3 points or more from its first rating, either way."""
        return abs(self.changes.get(activity_id, 0)) >= MEANINGFUL_ONE


@dataclass(frozen=True)
class PsfsChange:
    """The first week against the last."""

    first_week: date
    last_week: date
    first: float
    last: float

    @property
    def change(self) -> float:
        return self.last - self.first

    @property
    def meaningful(self) -> bool:
        return abs(self.change) >= MEANINGFUL_AVERAGE - EPSILON

    @property
    def direction(self) -> str:
        """ "better", "worse" (a meaningful change) or "same"."""
        if not self.meaningful:
            return "same"
        return "better" if self.change > 0 else "worse"


@dataclass(frozen=True)
class PsfsSeries:
    activities: list[PsfsActivity]  # those rated in the series or rated now, in their order
    weeks: list[PsfsWeek]  # the weeks with ratings, oldest first

    @property
    def change(self) -> PsfsChange | None:
        """The first week against the last (None: fewer than two weeks rated)."""
        if len(self.weeks) < 2:
            return None
        first, last = self.weeks[0], self.weeks[-1]
        return PsfsChange(first.monday, last.monday, first.average, last.average)

    def first_score(self, activity_id: int) -> int | None:
        return next((w.scores[activity_id] for w in self.weeks if activity_id in w.scores), None)

    def last_score(self, activity_id: int) -> int | None:
        return next(
            (w.scores[activity_id] for w in reversed(self.weeks) if activity_id in w.scores), None
        )


def series(activities: Sequence[PsfsActivity], ratings: Sequence[PsfsRating]) -> PsfsSeries:
    """The weeks with ratings, each with its scores, average and changes."""
    by_week: dict[date, dict[int, int]] = {}
    for rating in sorted(ratings, key=lambda r: r.at):
        by_week.setdefault(week_of(rating.day), {})[rating.activity_id] = rating.score
    weeks: list[PsfsWeek] = []
    first_scores: dict[int, int] = {}
    baseline: float | None = None
    for monday in sorted(by_week):
        scores = by_week[monday]
        for activity_id, score in scores.items():
            first_scores.setdefault(activity_id, score)
        average = fmean(scores.values())
        if baseline is None:
            baseline = average
        changes = {a: score - first_scores[a] for a, score in scores.items()}
        weeks.append(PsfsWeek(monday, scores, average, average - baseline, changes))
    rated = {rating.activity_id for rating in ratings}
    shown = [a for a in activities if a.active or a.id in rated]
    shown.sort(key=lambda a: (not a.active, a.position if a.active else 0, a.id))
    return PsfsSeries(shown, weeks)


def due(
    activities: int, last_rated: date | None, last_not_now: date | None, today: date
) -> str | None:
    """What to ask on home today: SETUP, RATE, or None (the setting is the caller's)."""
    if last_not_now is not None and last_not_now >= today:
        return None
    if activities == 0:
        return SETUP
    if last_rated is None or (today - last_rated).days >= ASK_EVERY_DAYS:
        return RATE
    return None


# -- in words --------------------------------------------------------------------------------------


def week_label(monday: date) -> str:
    """ "3 Nov"."""
    return f"{monday.day} {MONTHS[monday.month - 1]}"


def signed(value: float) -> str:
    """ "+2.3", "−1.0", "0.0" (a real minus sign)."""
    if abs(value) < 0.05:
        return "0.0"
    return f"+{value:.1f}" if value > 0 else f"−{-value:.1f}"


def change_text(found: PsfsSeries) -> str:
    """One plain line about function over the series."""
    if not found.weeks:
        return "No ratings of your everyday activities yet."
    change = found.change
    if change is None:
        week = found.weeks[0]
        return (
            f"Everyday activities: {week.average:.1f} out of 10 in the week of "
            f"{week_label(week.monday)}. Rate them again next week to see a change."
        )
    head = (
        f"Everyday activities: {change.first:.1f} in the week of "
        f"{week_label(change.first_week)}, {change.last:.1f} in the week of "
        f"{week_label(change.last_week)} ({signed(change.change)})"
    )
    if change.direction == "better":
        return f"{head}: a real improvement."
    if change.direction == "worse":
        return f"{head}: clearly harder. Tell your physiotherapist."
    return f"{head}: about the same (2 points is a real change)."
