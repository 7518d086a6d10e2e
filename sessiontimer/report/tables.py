"""The report's tables: each chart's numbers (for people who would rather read them, and for
screen readers), the calendar, the stops, the red flags, the notes and every session. Every text
the person wrote (routine names, activities, notes) is escaped."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from html import escape

from sessiontimer.core.history.records import (
    FEEL_LABELS,
    LEG_LABELS,
    STANDING_GOAL_SECONDS,
    STATUS_LABELS,
    BreakDay,
)
from sessiontimer.core.insights import psfs, trends
from sessiontimer.core.insights.course import WeekMeans
from sessiontimer.core.insights.psfs import PsfsSeries, signed
from sessiontimer.core.insights.report import ReportData
from sessiontimer.report.summary import day_text, percent, when_text

DASH = "–"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
CALENDAR_MARKS = {trends.MET: ("✓", "met"), trends.SOME: ("•", "some"), trends.NONE: ("", "none")}


def table(
    caption: str, head: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] = ()
) -> str:
    """A table; ``head`` and ``rows`` are HTML already (escape what the person wrote first)."""
    cells = "".join(f'<th scope="col"{_num(i, numeric)}>{h}</th>' for i, h in enumerate(head))
    body = "".join(
        "<tr>" + "".join(f"<td{_num(i, numeric)}>{c}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    return (
        f'<div class="wide"><table><caption>{caption}</caption><thead><tr>{cells}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def _num(index: int, numeric: Sequence[int]) -> str:
    return ' class="num"' if index in numeric else ""


def number(value: float | None, digits: int = 1) -> str:
    return DASH if value is None else f"{value:.{digits}f}"


def _nowrap(text: str) -> str:
    return text.replace(" ", "\u00a0")


def week_label(monday: date) -> str:
    """ "3 Nov", kept on one line."""
    return _nowrap(psfs.week_label(monday))


def score(value: int | None) -> str:
    return DASH if value is None else str(value)


def routines(data: ReportData) -> str:
    rows = [
        (
            escape(r.name),
            escape(r.per_day) + (" (as needed)" if r.as_needed else ""),
            _nowrap(f"{day_text(r.first, year=False)} to {day_text(r.last, year=False)}"),
            str(r.days),
            str(r.completed),
            str(r.prescribed) if r.prescribed else DASH,
            percent(r.share) or DASH,
        )
        for r in data.adherence.routines
    ]
    return table(
        "Routines done in the period",
        (
            "Routine",
            "Prescription",
            "First and last session",
            "Days in use",
            "Done",
            "Prescribed",
            "Done of prescribed",
        ),
        rows,
        numeric=(3, 4, 5, 6),
    )


def calendar(data: ReportData) -> str:
    head = "".join(f'<th scope="col">{d}</th>' for d in WEEKDAYS)
    first = data.since - timedelta(days=data.since.weekday())
    body = []
    for number, week in enumerate(data.calendar):
        cells = []
        for mark in week:
            if mark is None:
                cells.append('<td class="out">·<span class="sr">not in the period</span></td>')
            else:
                symbol, word = CALENDAR_MARKS[mark]
                cells.append(
                    f'<td class="{word}" title="{word}">{symbol}<span class="sr">{word}</span></td>'
                )
        monday = first + timedelta(weeks=number)
        body.append(f'<tr><th scope="row">{week_label(monday)}</th>{"".join(cells)}</tr>')
    return (
        '<div class="wide"><table class="calendar"><caption>Weeks, Monday first: ✓ prescription met, • some '
        "sessions, blank none</caption>"
        f'<thead><tr><th scope="col">Week of</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def weekly(caption: str, weeks: Sequence[WeekMeans]) -> str:
    def shown(value: float | None) -> str:
        return DASH if value is None else f"{value:.1f}"

    rows = [(week_label(w.monday), str(w.sessions), shown(w.before), shown(w.after)) for w in weeks]
    return table(
        caption, ("Week of", "Sessions", "Mean before", "Mean after"), rows, numeric=(1, 2, 3)
    )


def function(found: PsfsSeries) -> str:
    head = ["Week of", "Average"] + [escape(a.name) for a in found.activities]
    rows = []
    for week in found.weeks:
        average = f"{week.average:.1f}"
        if week.meaningful:
            average += _mark(week.change, "the average")
        row = [week_label(week.monday), average]
        for activity in found.activities:
            value = week.scores.get(activity.id)
            text = score(value)
            if value is not None and week.meaningful_for(activity.id):
                text += _mark(week.changes[activity.id], "this activity")
            row.append(text)
        rows.append(row)
    notes = [
        f"{escape(a.name)}: no longer rated from {day_text(a.retired_at)}"
        for a in found.activities
        if a.retired_at is not None
    ] + [
        f"{escape(a.name)}: formerly {', '.join(escape(n) for n in a.former_names)}"
        for a in found.activities
        if a.former_names
    ]
    caption = (
        "Scores 0 (cannot do it) to 10 (as before the problem). ▲ or ▼: a meaningful change from "
        "the first week (2 points on the average, 3 on one activity)."
    )
    extra = "".join(f'<p class="hint">{note}.</p>' for note in notes)
    return table(caption, head, rows, numeric=tuple(range(1, len(head)))) + extra


def _mark(change: float, what: str) -> str:
    arrow, word = ("▲", "up") if change > 0 else ("▼", "down")
    return (
        f' <span class="mark" title="{what} {word} {signed(change)} from its first week">'
        f'{arrow}</span><span class="sr"> meaningful change {signed(change)}</span>'
    )


def stops(data: ReportData) -> str:
    rows = [
        (
            when_text(s.at),
            escape(s.routine_name),
            escape(s.step_name or DASH),
            score(s.pain),
            LEG_LABELS.get(s.leg or "", DASH),
        )
        for s in data.stops
    ]
    return table(
        "Safety stops (the pain and leg answers right after the stop)",
        ("When", "Routine", "Exercise", "Pain", "Leg symptoms reached"),
        rows,
        numeric=(3,),
    )


def red_flags(data: ReportData) -> str:
    rows = [(when_text(a.at), escape(a.routine or DASH)) for a in data.red_flags]
    return table('"Yes" to a red-flag question', ("When", "Before the routine"), rows)


def standing(days: Sequence[BreakDay]) -> str:
    weeks: dict[date, list[BreakDay]] = {}
    for d in days:
        weeks.setdefault(d.day - timedelta(days=d.day.weekday()), []).append(d)
    rows = []
    for monday, group in weeks.items():
        used = [d for d in group if d.taken or d.skipped or d.missed]
        mean = sum(d.standing_seconds for d in used) / 60 / len(used) if used else None
        rows.append(
            (
                week_label(monday),
                str(len(used)),
                DASH if mean is None else f"{round(mean)} min",
                str(sum(d.standing_seconds >= STANDING_GOAL_SECONDS for d in group)),
            )
        )
    return table(
        "Per week: the days with breaks, their mean standing time, and the days with 2 hours",
        ("Week of", "Days", "Standing a day", "Days with 2 h"),
        rows,
        numeric=(1, 2, 3),
    )


def notes(data: ReportData) -> str:
    rows = [(when_text(n.at), escape(n.routine_name), escape(n.text)) for n in data.notes]
    return table("Notes written after sessions", ("When", "Routine", "Note"), rows)


def sessions(data: ReportData) -> str:
    rows = [
        (
            when_text(r.started_at),
            escape(r.routine_name),
            escape(STATUS_LABELS.get(r.status, r.status)),
            f"{score(r.pain_before)} → {score(r.pain_after)}",
            f"{LEG_LABELS.get(r.leg_before or '', DASH)} → {LEG_LABELS.get(r.leg_after or '', DASH)}",
            escape(FEEL_LABELS.get(r.feel or "", DASH)),
            escape(r.note),
        )
        for r in reversed(data.sessions)
    ]
    return table(
        "Newest first",
        ("When", "Routine", "Status", "Pain", "Leg", "Felt", "Note"),
        rows,
    )
