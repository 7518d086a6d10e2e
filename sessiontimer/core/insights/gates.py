"""When a routine may progress (CLINICAL.md "Progression limits", "Pace and gates"), judged from
the history. Pure: the records and ``today`` are passed in (``gates_for`` reads them from a store).

Each gate that holds progression back is named in words; a person may still progress on a
clinician's word, after a confirmation (the front ends ask; the history records it as "anyway").
Only the routine's own sessions count (by routine id). The gates, in the order they are shown:

- **Safety stop**: a safety stop in this routine (a rehearsal's too: the pain is real) in the last
  14 days, today included: no progression until two weeks have passed since it.
- **Pain**: pain after sessions creeping up. The pain-after scores of the routine's sessions (any
  status but rehearsals; sessions without a score are left out) of the last 7 days, today
  included, against those of the 7 days before. Each week needs 2 scores or more (fewer: nothing
  to judge, the gate does not hold). It holds when the recent mean is 1 point or more above the
  earlier one: less than the meaningful change of 2 points (CLINICAL.md, Ostelo 2008), because a
  rise is a reason to wait, not only a meaningful one.
- **Weeks 1–2**: the routine's first two weeks are for learning the form, counted from its first
  session that was not a rehearsal (any status): progression from day 14 after it (week 3). A
  routine not done yet is in its week 1.
- **Regular practice** since the last progression: the routine completed (not a rehearsal) on 3
  different days or more, counting sessions started after the last progression and in the last
  14 days (before the first progression: the last 14 days). Three days, so that at the pace below
  each new dose has been done on most of the days before the next one.
- **Pace**: at most one progression every 4 days (NHS inform: "every few days"). Four rather than
  three: each progression is one step (5 s, or one rep) for every exercise at once, and four days
  leave room for the three days of practice; every applied progression counts, "anyway" ones too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from sessiontimer.core.history.records import SessionRecord
from sessiontimer.core.history.safety_record import ProgressionRecord, SafetyRecord
from sessiontimer.core.history.store import Store

STOP_DAYS = 14  # no stop in the routine for two weeks
PAIN_WEEK = 7  # the last 7 days against the 7 before
PAIN_MIN_SCORES = 2  # in each of the two weeks
PAIN_RISE = 1.0  # points of the mean pain after that count as creeping up
FORM_DAYS = 14  # weeks 1–2: learning the form
PRACTICE_DAYS = 3  # days with the routine completed since the last progression …
PRACTICE_WINDOW = 14  # … within the last 14 days
PACE_DAYS = 4  # at most one progression every 4 days
LOOK_BACK = max(STOP_DAYS, 2 * PAIN_WEEK, PRACTICE_WINDOW)  # days of sessions the gates read


@dataclass(frozen=True)
class Gate:
    """One gate that holds progression back: its name (``stop``, ``pain``, ``form``,
    ``practice``, ``pace`` or ``history``) and one or two plain lines that say why and until
    when."""

    name: str
    text: str


def day_text(day: date) -> str:
    """``Sat 21 Nov``."""
    return f"{day:%a} {day.day} {day:%b}"


def progression_gates(
    routine: str,
    sessions: Sequence[SessionRecord],
    progressions: Sequence[ProgressionRecord],
    today: date,
    first_day: date | None = None,
) -> list[Gate]:
    """The gates that hold ``routine`` (an id) back today; none: it may progress. ``sessions``
    may be of any routines and any days (at least the last 14); ``first_day``: the day of the
    routine's first session that was not a rehearsal, when ``sessions`` do not reach back to it."""
    own = [s for s in sessions if s.routine == routine and s.day <= today]
    applied = sorted((p for p in progressions if p.routine == routine), key=lambda p: p.at)
    real_days = [s.day for s in own if not s.rehearsal]
    if real_days:
        first_day = min([*real_days, *([first_day] if first_day is not None else [])])
    gates = [
        _safety_stop(own, today),
        _pain(own, today),
        _form(first_day, today),
        _practice(own, applied[-1] if applied else None, today),
        _pace(applied[-1] if applied else None, today),
    ]
    return [gate for gate in gates if gate is not None]


def gates_for(store: Store, routine: str, today: date) -> list[Gate]:
    """The gates of ``routine`` today, read from the history."""
    since = today - timedelta(days=LOOK_BACK - 1)
    sessions = store.sessions(since)
    progressions = SafetyRecord(store).progressions(routine)
    return progression_gates(routine, sessions, progressions, today, store.first_day(routine))


def history_off_gate(why: str) -> Gate:
    """The history cannot be read, so the gates cannot be judged: it holds too."""
    return Gate(
        "history",
        f"History: the gates cannot be checked ({why.rstrip('.')}), so nothing says it is time.",
    )


def _safety_stop(own: Sequence[SessionRecord], today: date) -> Gate | None:
    since = today - timedelta(days=STOP_DAYS - 1)
    stops = [s for s in own if s.status == "stopped" and s.day >= since]
    if not stops:
        return None
    last = max(stops, key=lambda s: s.started_at)
    where = f" ({last.stop_step_name})" if last.stop_step_name else ""
    until = last.day + timedelta(days=STOP_DAYS)
    return Gate(
        "stop",
        f"Safety stop: you stopped this routine for spreading pain on {day_text(last.day)}{where}. "
        f"No progression for two weeks after a stop: not before {day_text(until)}.",
    )


def _pain(own: Sequence[SessionRecord], today: date) -> Gate | None:
    recent_start = today - timedelta(days=PAIN_WEEK - 1)
    earlier_start = recent_start - timedelta(days=PAIN_WEEK)
    recent: list[int] = []
    earlier: list[int] = []
    for s in own:
        if s.rehearsal or s.pain_after is None:
            continue
        if s.day >= recent_start:
            recent.append(s.pain_after)
        elif s.day >= earlier_start:
            earlier.append(s.pain_after)
    if len(recent) < PAIN_MIN_SCORES or len(earlier) < PAIN_MIN_SCORES:
        return None
    now, before = fmean(recent), fmean(earlier)
    if now - before < PAIN_RISE - 1e-9:
        return None
    return Gate(
        "pain",
        f"Pain: your pain after this routine is creeping up ({now:.1f} on average in the last "
        f"7 days, {before:.1f} in the 7 days before). Wait until it settles.",
    )


def _form(first_day: date | None, today: date) -> Gate | None:
    if first_day is None:
        return Gate(
            "form",
            "Weeks 1–2: you have not done this routine yet. Its first two weeks are for "
            "learning the form, not for doing more.",
        )
    days = (today - first_day).days
    if days >= FORM_DAYS:
        return None
    week = days // 7 + 1
    return Gate(
        "form",
        f"Weeks 1–2: you started this routine on {day_text(first_day)} (this is week {week}); "
        f"the first two weeks are for learning the form. Progression from "
        f"{day_text(first_day + timedelta(days=FORM_DAYS))}.",
    )


def _practice(
    own: Sequence[SessionRecord], last: ProgressionRecord | None, today: date
) -> Gate | None:
    since = today - timedelta(days=PRACTICE_WINDOW - 1)
    days = {
        s.day
        for s in own
        if s.counts and s.day >= since and (last is None or s.started_at > last.at)
    }
    if len(days) >= PRACTICE_DAYS:
        return None
    done = f"on {len(days)} day{'s' if len(days) != 1 else ''}"
    if last is not None and last.day >= since:
        span = f"since the last progression ({day_text(last.day)})"
    else:
        span = f"in the last {PRACTICE_WINDOW} days"
    return Gate(
        "practice",
        f"Regular practice: you completed this routine {done} {span}; progress once you "
        f"have done it on {PRACTICE_DAYS} different days.",
    )


def _pace(last: ProgressionRecord | None, today: date) -> Gate | None:
    if last is None or (today - last.day).days >= PACE_DAYS:
        return None
    when = "today" if last.day == today else f"on {day_text(last.day)}"
    return Gate(
        "pace",
        f"Pace: at most one progression every {PACE_DAYS} days. The last was {when}; the next "
        f"can be on {day_text(last.day + timedelta(days=PACE_DAYS))}.",
    )
