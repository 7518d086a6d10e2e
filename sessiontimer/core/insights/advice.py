"""Advice from the record, in our own words from CLINICAL.md. Pure: ``today`` is passed in.

Two rules:

- **No improvement** ("no improvement after about 4 weeks": contact a doctor; "a change of about
  2 points or 30% is meaningful"). Over the sessions with a pain score before them (rehearsals left
  out), once the first of them is 28 days or more before today: the mean pain of the first 7 days
  of that span against the mean of the last 7 days (today included). Each week needs 2 scores or
  more. When the pain did not fall by 2 points and did not fall by 30% of the first mean, advise
  seeing a clinician. A first mean of 0 leaves nothing to improve (and 30% of 0 means nothing), so
  then the advice comes only when the pain has since risen by a meaningful 2 points or more.
- **Repeated safety stops** ("if pain spreads further down the leg: stop that exercise and skip it
  until a clinician has seen it"). Safety stops in the last 28 days (today included), rehearsals
  counted too (the pain in a rehearsal is real), grouped by routine and exercise: 2 or more in one
  group, advise skipping that exercise until a clinician has looked at it.

The names in the texts are the user's own, kept as plain strings: a screen that renders markup
must escape them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from sessiontimer.core.history.records import SessionRecord

SPAN_DAYS = 28  # "about 4 weeks"
WEEK_DAYS = 7
MIN_SCORES = 2  # pain scores needed in each compared week
MEANINGFUL_POINTS = 2.0  # Ostelo 2008: about 2 points …
MEANINGFUL_SHARE = 0.3  # … or 30%
STOP_WINDOW_DAYS = 28
REPEATED_STOPS = 2


@dataclass(frozen=True)
class Advice:
    kind: str  # "no_improvement" or "repeated_stops"
    text: str  # one or two lines at 80 columns
    routine_name: str | None = None  # repeated stops: the routine …
    step_name: str | None = None  # … and the exercise (None when the stop had no step name)


def advice(records: Sequence[SessionRecord], today: date) -> list[Advice]:
    """What the record says to do: no improvement first, then repeated stops (most stops first)."""
    found: list[Advice] = []
    no_improvement = _no_improvement(records, today)
    if no_improvement is not None:
        found.append(no_improvement)
    found.extend(_repeated_stops(records, today))
    return found


def no_improvement_text(weeks: int) -> str:
    return (
        f"Your pain is not clearly lower than {weeks} weeks ago. This app cannot tell why, "
        "so it is worth seeing a doctor or physiotherapist about it."
    )


def repeated_stops_text(routine_name: str, step_name: str | None, count: int) -> str:
    what = f"{step_name} ({routine_name})" if step_name else routine_name
    return (
        f"You stopped {what} {count} times in 4 weeks for spreading pain. "
        "Skip it until a clinician has looked at it."
    )


def _no_improvement(records: Sequence[SessionRecord], today: date) -> Advice | None:
    scored = [
        (r.day, r.pain_before)
        for r in records
        if not r.rehearsal and r.pain_before is not None and r.day <= today
    ]
    if not scored:
        return None
    first_day = min(day for day, _ in scored)
    span = (today - first_day).days
    if span < SPAN_DAYS:
        return None
    first_end = first_day + timedelta(days=WEEK_DAYS - 1)
    last_start = today - timedelta(days=WEEK_DAYS - 1)
    first_week = [pain for day, pain in scored if day <= first_end]
    last_week = [pain for day, pain in scored if day >= last_start]
    if len(first_week) < MIN_SCORES or len(last_week) < MIN_SCORES:
        return None
    if not _no_meaningful_fall(fmean(first_week), fmean(last_week)):
        return None
    return Advice("no_improvement", no_improvement_text(span // WEEK_DAYS))


def _no_meaningful_fall(first: float, last: float) -> bool:
    """Whether the pain did not fall by 2 points and did not fall by 30%. A first mean of 0 has
    nothing to fall from: then only a rise of 2 points or more counts."""
    if first <= 0:
        return last >= MEANINGFUL_POINTS
    fall = first - last
    # A small tolerance so that exactly 2 points or exactly 30% counts as meaningful despite floats.
    return fall < MEANINGFUL_POINTS - 1e-9 and fall < MEANINGFUL_SHARE * first - 1e-9


def _repeated_stops(records: Sequence[SessionRecord], today: date) -> list[Advice]:
    since = today - timedelta(days=STOP_WINDOW_DAYS - 1)
    counts: dict[tuple[str, str | None], int] = {}
    for record in records:
        if record.status == "stopped" and since <= record.day <= today:
            key = (record.routine_name, record.stop_step_name)
            counts[key] = counts.get(key, 0) + 1
    repeated = sorted(
        ((key, n) for key, n in counts.items() if n >= REPEATED_STOPS),
        key=lambda item: (-item[1], item[0][0], item[0][1] or ""),
    )
    return [
        Advice("repeated_stops", repeated_stops_text(routine, step, n), routine, step)
        for (routine, step), n in repeated
    ]
