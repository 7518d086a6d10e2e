"""What the home screen and the history screen show, gathered from the store in a few small
queries (an index on the day keeps them fast with years of sessions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sessiontimer.core.history.psfs import PsfsRecord
from sessiontimer.core.history.records import BreakDay, SessionRecord
from sessiontimer.core.history.safety_record import LeftOutStep, SafetyRecord
from sessiontimer.core.history.store import Store
from sessiontimer.core.insights import advice as advising
from sessiontimer.core.insights import psfs, trends

RECENT_LIMIT = 200  # sessions listed on the history screen (the export has them all)
PAIN_POINTS = 30  # sessions in the pain chart
HEATMAP_WEEKS = 12
BREAK_DAYS = 28  # days of sit/stand breaks on the history screen


@dataclass(frozen=True)
class HomeFacts:
    done_today: dict[str, int]  # completed, non-rehearsal sessions per routine id
    week: trends.ProgrammeWeek | None
    advice: list[advising.Advice]
    last: SessionRecord | None
    red_flag_yes: datetime | None = None  # a red-flag "yes" today: when
    left_out: dict[str, list[LeftOutStep]] = field(default_factory=dict)  # per routine id
    psfs_due: str | None = None  # psfs.SETUP or psfs.RATE: what to ask on home (if it is on)


@dataclass(frozen=True)
class HistoryView:
    today: date
    total: int  # sessions recorded in all (rehearsals not counted: see rehearsals)
    heatmap: list[list[str | None]]  # 7 rows (Mon..Sun) x HEATMAP_WEEKS columns
    month_labels: list[str]
    streak: int
    met_days: int  # days the prescription was met in the heat-map's weeks
    pains: list[tuple[int | None, int | None]]  # (before, after) of the last sessions, oldest first
    pain: trends.PainSummary | None
    centralization: trends.Centralization
    advice: list[advising.Advice]
    week: trends.ProgrammeWeek | None
    recent: list[SessionRecord]  # newest first
    breaks: list[BreakDay]  # the sit/stand timer: one per day of the last BREAK_DAYS, oldest first
    function: psfs.PsfsSeries | None = None  # the everyday activities by week (None: none named)
    rehearsals: int = 0  # rehearsals recorded (not sessions done)
    first_day: date | None = None  # the day of the first real session: the programme's start


def records_for_advice(store: Store, today: date) -> list[SessionRecord]:
    """The sessions the advice rules look at: the last 8 weeks (two spans of 4)."""
    window = today - timedelta(days=max(2 * advising.SPAN_DAYS, advising.STOP_WINDOW_DAYS))
    return sorted(store.sessions(window), key=lambda r: (r.started_at, r.id))


def home_facts(store: Store, today: date) -> HomeFacts:
    last = store.sessions(newest_first=True, limit=1)
    safety = SafetyRecord(store)
    left_out: dict[str, list[LeftOutStep]] = {}
    for step in safety.left_out():
        left_out.setdefault(step.routine, []).append(step)
    return HomeFacts(
        done_today=store.done_on(today),
        week=trends.programme_week(store.first_day(), today),
        advice=advising.advice(records_for_advice(store, today), today),
        last=last[0] if last else None,
        red_flag_yes=safety.red_flag_yes_on(today),
        left_out=left_out,
        psfs_due=psfs_due(store, today),
    )


def psfs_due(store: Store, today: date) -> str | None:
    """What to ask about the everyday activities on home today, if anything: nothing before the
    first real session (someone trying the app out is not asked; the programme starts with it)."""
    record = PsfsRecord(store)
    if not record.readable or store.first_day() is None:
        return None
    active = len(record.activities())
    return psfs.due(active, record.last_rated(), record.last_not_now(), today)


def function(store: Store) -> psfs.PsfsSeries | None:
    """The everyday activities by week, from the first rating (None: none named yet)."""
    record = PsfsRecord(store)
    activities = record.activities(retired=True)
    if not activities:
        return None
    return psfs.series(activities, record.ratings())


def history_view(store: Store, today: date, limit: int = RECENT_LIMIT) -> HistoryView:
    # The heat-map's weeks are enough, unless the streak goes back further than them.
    first_shown = trends.week_starts(today, HEATMAP_WEEKS)[0]
    marks = trends.day_marks(store.day_tallies(first_shown))
    grid = trends.heatmap(marks, today, HEATMAP_WEEKS)
    streak = trends.streak(marks, today)
    if streak and today - timedelta(days=streak) < first_shown:
        streak = trends.streak(trends.day_marks(store.day_tallies()), today)
    recent = store.sessions(newest_first=True, limit=limit)
    scored = [
        r for r in recent if not r.rehearsal and (r.pain_before, r.pain_after) != (None, None)
    ]
    legs = store.sessions(today - timedelta(days=2 * trends.WINDOW_DAYS))
    total = store.count(rehearsals=False)
    first_day = store.first_day()
    return HistoryView(
        today=today,
        total=total,
        heatmap=grid,
        month_labels=trends.month_labels(today, HEATMAP_WEEKS),
        streak=streak,
        met_days=sum(row.count(trends.MET) for row in grid),
        pains=[(r.pain_before, r.pain_after) for r in reversed(scored[:PAIN_POINTS])],
        pain=trends.pain_summary(recent),
        centralization=trends.centralization(trends.leg_points(legs), today),
        advice=advising.advice(records_for_advice(store, today), today),
        week=trends.programme_week(first_day, today),
        recent=recent,
        breaks=break_days(store, today),
        function=function(store),
        rehearsals=store.count() - total,
        first_day=first_day,
    )


def break_days(store: Store, today: date, days: int = BREAK_DAYS) -> list[BreakDay]:
    """The breaks of each of the last ``days`` days up to today, oldest first (empty days too)."""
    first = today - timedelta(days=days - 1)
    found = {d.day: d for d in store.break_days(since=first)}
    return [
        found.get(day) or BreakDay(day, 0, 0, 0, 0, 0, 0)
        for day in (first + timedelta(days=n) for n in range(days))
    ]
