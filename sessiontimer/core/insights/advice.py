"""Advice from the record, in our own words from CLINICAL.md. Pure: ``today`` is passed in.

Three rules, over the sessions with a pain score before them (rehearsals left out):

- **Getting worse** ("pain getting worse": contact a doctor the same day; "a change of about 2
  points or 30% is meaningful"). The mean pain of the last 7 days (today included) against the
  mean of the 7 days before them, each with 2 scores or more: a rise of 2 points, or of 30% of
  the earlier mean (and at least 1 point), is advised at once, without waiting for 4 weeks.
- **No improvement** ("no improvement after about 4 weeks"). The mean pain of the last 4 weeks
  (today and the 27 days before) against the mean of the 4 weeks before those, each with 3 scores
  or more. When the pain did not fall by 2 points and did not fall by 30% of the earlier mean,
  advise seeing a clinician. An earlier mean of 0 leaves nothing to improve (and 30% of 0 means
  nothing), so then the advice comes only when the pain has since risen by 2 points or more.
  Getting worse, when it holds, is said instead (it is the more urgent of the two).
- **Safety stops** ("one stop is enough to act on"). Safety stops in the last 28 days (today
  included), rehearsals counted too (the pain in a rehearsal is real), grouped by routine and
  exercise: each group is named, with how many times, and that it stays left out until a
  clinician has looked at it.

The names in the texts are the user's own, kept as plain strings: a screen that renders markup
must escape them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from sessiontimer.core.history.records import SessionRecord

SPAN_DAYS = 28  # "about 4 weeks": each of the two compared spans
WEEK_DAYS = 7
MIN_SCORES = 3  # pain scores needed in each compared 4 weeks
MIN_WEEK_SCORES = 2  # pain scores needed in each compared week (getting worse)
MEANINGFUL_POINTS = 2.0  # Ostelo 2008: about 2 points …
MEANINGFUL_SHARE = 0.3  # … or 30%
STOP_WINDOW_DAYS = 28
STOPS_TO_ACT_ON = 1  # CLINICAL.md "After a safety stop": one stop is enough


@dataclass(frozen=True)
class Advice:
    kind: str  # "getting_worse", "no_improvement" or "stopped"
    text: str  # one or two lines at 80 columns
    routine_name: str | None = None  # a stop: the routine …
    step_name: str | None = None  # … and the exercise (None when the stop had no step name)


def advice(records: Sequence[SessionRecord], today: date) -> list[Advice]:
    """What the record says to do: the pain first, then the stops (most stops first)."""
    found: list[Advice] = []
    pain = _getting_worse(records, today) or _no_improvement(records, today)
    if pain is not None:
        found.append(pain)
    found.extend(_stops(records, today))
    return found


def getting_worse_text() -> str:
    return (
        "Your pain this week is clearly higher than the week before. Contact a doctor or "
        "physiotherapist today about it."
    )


def no_improvement_text(weeks: int) -> str:
    return (
        f"Your pain is not clearly lower than {weeks} weeks ago. This app cannot tell why, "
        "so it is worth seeing a doctor or physiotherapist about it."
    )


def stops_text(routine_name: str, step_name: str | None, count: int) -> str:
    what = f"{step_name} ({routine_name})" if step_name else routine_name
    times = "once" if count == 1 else f"{count} times"
    return (
        f"You stopped {what} {times} in 4 weeks for spreading pain. Leave it out until a "
        "clinician has looked at it."
    )


def _scores(records: Sequence[SessionRecord], today: date) -> list[tuple[date, int]]:
    return [
        (r.day, r.pain_before)
        for r in records
        if not r.rehearsal and r.pain_before is not None and r.day <= today
    ]


def _between(scored: list[tuple[date, int]], first: date, last: date) -> list[int]:
    return [pain for day, pain in scored if first <= day <= last]


def _getting_worse(records: Sequence[SessionRecord], today: date) -> Advice | None:
    scored = _scores(records, today)
    week = timedelta(days=WEEK_DAYS)
    last = _between(scored, today - week + timedelta(days=1), today)
    before = _between(scored, today - 2 * week + timedelta(days=1), today - week)
    if len(last) < MIN_WEEK_SCORES or len(before) < MIN_WEEK_SCORES:
        return None
    rise = fmean(last) - fmean(before)
    meaningful = rise >= MEANINGFUL_POINTS - 1e-9 or (
        rise >= 1 - 1e-9 and rise >= MEANINGFUL_SHARE * fmean(before) - 1e-9
    )
    return Advice("getting_worse", getting_worse_text()) if meaningful else None


def _no_improvement(records: Sequence[SessionRecord], today: date) -> Advice | None:
    scored = _scores(records, today)
    span = timedelta(days=SPAN_DAYS)
    recent = _between(scored, today - span + timedelta(days=1), today)
    earlier = _between(scored, today - 2 * span + timedelta(days=1), today - span)
    if len(recent) < MIN_SCORES or len(earlier) < MIN_SCORES:
        return None
    if not _no_meaningful_fall(fmean(earlier), fmean(recent)):
        return None
    return Advice("no_improvement", no_improvement_text(SPAN_DAYS // WEEK_DAYS))


def _no_meaningful_fall(first: float, last: float) -> bool:
    """Whether the pain did not fall by 2 points and did not fall by 30%. A first mean of 0 has
    nothing to fall from: then only a rise of 2 points or more counts."""
    if first <= 0:
        return last >= MEANINGFUL_POINTS
    fall = first - last
    # A small tolerance so that exactly 2 points or exactly 30% counts as meaningful despite floats.
    return fall < MEANINGFUL_POINTS - 1e-9 and fall < MEANINGFUL_SHARE * first - 1e-9


def _stops(records: Sequence[SessionRecord], today: date) -> list[Advice]:
    since = today - timedelta(days=STOP_WINDOW_DAYS - 1)
    counts: dict[tuple[str, str | None], int] = {}
    for record in records:
        if record.status == "stopped" and since <= record.day <= today:
            key = (record.routine_name, record.stop_step_name)
            counts[key] = counts.get(key, 0) + 1
    acted_on = sorted(
        ((key, n) for key, n in counts.items() if n >= STOPS_TO_ACT_ON),
        key=lambda item: (-item[1], item[0][0], item[0][1] or ""),
    )
    return [
        Advice("stopped", stops_text(routine, step, n), routine, step)
        for (routine, step), n in acted_on
    ]
