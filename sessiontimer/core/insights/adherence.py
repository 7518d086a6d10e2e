"""Is the person doing the exercises? Sessions done against prescribed, per routine and in all,
and the days the prescription was met, over a period (the clinician report, DESIGN.md section 9).
Pure functions over session records; rehearsals are left out.

- A routine's prescription is its sessions a day (``times_per_day`` as recorded: a pack's maximum
  is recorded as 1, see core/routines/prescription.py). Sessions done: completed ones.
- Prescribed sessions are counted over the days a routine was in use in the period: from its
  first session there to its last, and on to the end of the period when it was done in the last
  7 days; a gap of more than 14 days without it ends one spell of use (a routine set aside for a
  while, or dropped, is not counted as missed all that time). A routine with a heat or cold pack
  ("up to 3 a day") is taken as needed: its sessions are listed, never missed.
- A day meets the prescription when at least one routine was completed as many times as prescribed
  that day (the history screen's rule, ``trends.day_marks``); the days counted run from the
  first session of the programme (or the start of the period, whichever is later) to its end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sessiontimer.core.history.records import DayTally, SessionRecord
from sessiontimer.core.insights import trends
from sessiontimer.core.routines.prescription import Prescription

CURRENT_DAYS = 7  # done in the last week of the period: still in use at its end
GAP_DAYS = 14  # more days than this without a routine: it was set aside


@dataclass(frozen=True)
class RoutineAdherence:
    routine: str  # id
    name: str
    per_day: str  # "2 a day", "up to 3 a day"
    as_needed: bool  # a pack's maximum: never counted as missed
    first: date  # its first and last session in the period
    last: date
    days: int  # the days it was in use (see the module's note)
    completed: int  # completed sessions, all of them
    prescribed: int  # sessions prescribed over those days (0 when as needed)
    toward: int  # completed sessions that count toward it (at most the target each day)

    @property
    def share(self) -> float | None:
        """Done against prescribed, 0–1 (None when nothing was prescribed)."""
        return self.toward / self.prescribed if self.prescribed else None


@dataclass(frozen=True)
class Adherence:
    since: date
    until: date
    start: date | None  # the first day counted: the programme's first day or ``since``
    days: int  # days from ``start`` to ``until``
    days_met: int
    days_some: int  # sessions, but the prescription not met
    routines: list[RoutineAdherence]
    marks: dict[date, str]  # trends.MET or trends.SOME per day with sessions

    @property
    def completed(self) -> int:
        return sum(r.completed for r in self.routines)

    @property
    def prescribed(self) -> int:
        return sum(r.prescribed for r in self.routines)

    @property
    def toward(self) -> int:
        return sum(r.toward for r in self.routines)

    @property
    def share(self) -> float | None:
        return self.toward / self.prescribed if self.prescribed else None


def tallies(records: Sequence[SessionRecord]) -> list[DayTally]:
    """Per day and routine: sessions and completed ones (as ``Store.day_tallies``)."""
    found: dict[tuple[date, str], list[int]] = {}
    for record in records:
        if record.rehearsal:
            continue
        tally = found.setdefault((record.day, record.routine), [1, 0, 0])
        tally[0] = max(tally[0], record.times_per_day)
        tally[1] += record.status == "completed"
        tally[2] += 1
    return [
        DayTally(day, routine, times, completed, sessions)
        for (day, routine), (times, completed, sessions) in sorted(found.items())
    ]


def adherence(
    records: Sequence[SessionRecord],
    since: date,
    until: date,
    first_day: date | None,
    prescriptions: Mapping[str, Prescription] | None = None,
) -> Adherence:
    """Over ``since``..``until``: ``records`` are the sessions of the period; ``first_day`` the
    programme's first day (its first real session ever); ``prescriptions`` the routines'
    prescriptions as the library has them now, by id (a routine with a pack is taken as
    needed; a routine no longer in the library is taken at its recorded sessions a day)."""
    known = prescriptions or {}
    inside = [r for r in records if not r.rehearsal and since <= r.day <= until]
    marks = trends.day_marks(tallies(inside))
    start = max(first_day, since) if first_day is not None else None
    days = (until - start).days + 1 if start is not None and start <= until else 0
    by_routine: dict[str, list[SessionRecord]] = {}
    for record in inside:
        by_routine.setdefault(record.routine, []).append(record)
    routines = [
        _routine(routine, done, until, known.get(routine)) for routine, done in by_routine.items()
    ]
    routines.sort(key=lambda r: (-r.completed, r.name))
    counted = {day: mark for day, mark in marks.items() if start is not None and day >= start}
    return Adherence(
        since,
        until,
        start,
        days,
        sum(mark == trends.MET for mark in counted.values()),
        sum(mark == trends.SOME for mark in counted.values()),
        routines,
        marks,
    )


def _routine(
    routine: str, done: list[SessionRecord], until: date, known: Prescription | None
) -> RoutineAdherence:
    done.sort(key=lambda r: (r.started_at, r.id))
    first, last = done[0].day, done[-1].day
    days = in_use(sorted({r.day for r in done}), until)
    target = max(r.times_per_day for r in done)
    as_needed = known.maximum if known is not None else False
    per_day = known.per_day() if known is not None else f"{target} a day"
    completed_by_day: dict[date, int] = {}
    for record in done:
        if record.status == "completed":
            completed_by_day[record.day] = completed_by_day.get(record.day, 0) + 1
    toward = 0 if as_needed else sum(min(n, target) for n in completed_by_day.values())
    return RoutineAdherence(
        routine=routine,
        name=done[-1].routine_name,
        per_day=per_day,
        as_needed=as_needed,
        first=first,
        last=last,
        days=days,
        completed=sum(completed_by_day.values()),
        prescribed=0 if as_needed else days * target,
        toward=toward,
    )


def in_use(days: Sequence[date], until: date) -> int:
    """The days a routine done on ``days`` (sorted) was in use up to ``until``: spells from a
    session to the next one at most GAP_DAYS later, the last spell running on to ``until`` when
    it was done in the last CURRENT_DAYS days."""
    if not days:
        return 0
    total = 0
    start = previous = days[0]
    for day in [*days[1:], None]:
        if day is not None and (day - previous).days <= GAP_DAYS:
            previous = day
            continue
        end = until if day is None and (until - previous).days < CURRENT_DAYS else previous
        total += (end - start).days + 1
        if day is not None:
            start = previous = day
    return total


def calendar(marks: Mapping[date, str], since: date, until: date) -> list[list[str | None]]:
    """Weeks (Monday first) from ``since``'s week to ``until``'s: each day "met", "some" or
    "none", and None for the days outside the period."""
    monday = since - timedelta(days=since.weekday())
    weeks: list[list[str | None]] = []
    while monday <= until:
        week: list[str | None] = []
        for offset in range(7):
            day = monday + timedelta(days=offset)
            week.append(marks.get(day, trends.NONE) if since <= day <= until else None)
        weeks.append(week)
        monday += timedelta(days=7)
    return weeks
