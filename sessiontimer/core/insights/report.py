"""What the clinician report says (DESIGN.md section 9), gathered from the store in a few queries
over the period, and put together by pure functions: the report package only renders it.

The period runs from ``since`` (default: 12 weeks before ``today``, ``today`` included) to
``today``. Rehearsals are left out everywhere (they are counted, so the report can say so).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sessiontimer.core.history.psfs import PsfsRecord
from sessiontimer.core.history.records import BreakDay, SessionRecord
from sessiontimer.core.history.safety_record import RedFlagAnswer, SafetyRecord
from sessiontimer.core.history.store import Store
from sessiontimer.core.insights import psfs
from sessiontimer.core.insights.adherence import Adherence, adherence, calendar
from sessiontimer.core.insights.course import LegCourse, PainCourse, leg_course, pain_course
from sessiontimer.core.routines.prescription import Prescription

DEFAULT_WEEKS = 12


@dataclass(frozen=True)
class Stop:
    """A safety stop: when, where, and the answers right after it."""

    at: datetime
    routine_name: str
    step_name: str | None
    pain: int | None  # the pain and leg questions asked right after the stop
    leg: str | None


@dataclass(frozen=True)
class Note:
    at: datetime
    routine_name: str
    text: str


@dataclass(frozen=True)
class ReportData:
    today: date
    since: date
    until: date
    first_day: date | None  # the programme's first day (its first real session ever)
    sessions: list[SessionRecord]  # of the period, oldest first, rehearsals left out
    rehearsals: int  # left out
    adherence: Adherence
    calendar: list[list[str | None]]  # weeks x 7 days (Monday first): met, some, none or None
    pain: PainCourse
    legs: LegCourse
    function: psfs.PsfsSeries
    stops: list[Stop]
    red_flags: list[RedFlagAnswer]  # the "yes" answers
    standing: list[BreakDay]  # each day of the period from the first with breaks, or none
    notes: list[Note]

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    @property
    def empty(self) -> bool:
        return not self.sessions


def default_since(today: date, weeks: int = DEFAULT_WEEKS) -> date:
    """The first day of the last ``weeks`` weeks (``today`` is the last)."""
    return today - timedelta(weeks=weeks) + timedelta(days=1)


def report_data(
    store: Store,
    today: date,
    since: date | None = None,
    prescriptions: Mapping[str, Prescription] | None = None,
) -> ReportData:
    """Everything the report shows, from ``store``; ``prescriptions``: the routines of the
    library now, by id (see ``adherence``)."""
    since = since or default_since(today)
    until = today
    every = [r for r in store.sessions(since, until=until) if r.day >= since]
    every.sort(key=lambda r: (r.started_at, r.id))
    real = [r for r in every if not r.rehearsal]
    record = PsfsRecord(store)
    safety = SafetyRecord(store)
    breaks = store.break_days(since)
    return compose(
        today=today,
        since=since,
        until=until,
        first_day=store.first_day(),
        sessions=real,
        rehearsals=len(every) - len(real),
        prescriptions=prescriptions,
        function=psfs.series(record.activities(retired=True), record.ratings(since, until)),
        red_flags=[a for a in safety.red_flag_answers(since) if a.yes and a.day <= until],
        breaks=[b for b in breaks if b.day <= until],
    )


def compose(
    *,
    today: date,
    since: date,
    until: date,
    first_day: date | None,
    sessions: list[SessionRecord],
    rehearsals: int,
    prescriptions: Mapping[str, Prescription] | None,
    function: psfs.PsfsSeries,
    red_flags: list[RedFlagAnswer],
    breaks: list[BreakDay],
) -> ReportData:
    """The report from what was read (pure)."""
    done = adherence(sessions, since, until, first_day, prescriptions)
    return ReportData(
        today=today,
        since=since,
        until=until,
        first_day=first_day,
        sessions=sessions,
        rehearsals=rehearsals,
        adherence=done,
        calendar=calendar(done.marks, since, until),
        pain=pain_course(sessions),
        legs=leg_course(sessions, since, until),
        function=function,
        stops=[
            Stop(r.started_at, r.routine_name, r.stop_step_name, r.pain_after, r.leg_after)
            for r in sessions
            if r.status == "stopped"
        ],
        red_flags=red_flags,
        standing=standing_days(breaks, until),
        notes=[Note(r.started_at, r.routine_name, r.note) for r in sessions if r.note.strip()],
    )


def standing_days(breaks: list[BreakDay], until: date) -> list[BreakDay]:
    """Each day from the first with breaks to ``until`` (days without any as zeros); none when
    the break timer was not used in the period."""
    used = [b for b in breaks if b.taken or b.skipped or b.missed or b.snoozes]
    if not used:
        return []
    found = {b.day: b for b in breaks}
    first = min(b.day for b in used)
    return [
        found.get(day) or BreakDay(day, 0, 0, 0, 0, 0, 0)
        for day in (first + timedelta(days=n) for n in range((until - first).days + 1))
    ]
