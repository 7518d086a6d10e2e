"""The report's summary in words, on top (DESIGN.md section 9): is the person doing the exercises,
is the pain and function changing, are the leg symptoms moving toward the back, and were there any
stops or red flags. Plain text; the page escapes it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sessiontimer.core.history.records import LEG_EXTENTS
from sessiontimer.core.insights.psfs import signed, week_label
from sessiontimer.core.insights.report import ReportData
from sessiontimer.core.insights.trends import MONTHS

WHERE = {
    "back": "the back only",
    "buttock": "the buttock",
    "thigh": "the thigh",
    "below_knee": "below the knee",
    "foot": "the foot",
}


@dataclass(frozen=True)
class Line:
    topic: str
    text: str
    alert: bool = False  # a stop, a red flag, pain or function clearly worse


def day_text(day: date | datetime, year: bool = True) -> str:
    """ "3 Nov 2026" (or "3 Nov")."""
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def when_text(moment: datetime) -> str:
    """ "3 Nov 2026 08:10" (the time as recorded)."""
    return f"{day_text(moment)} {moment.strftime('%H:%M')}"


def period_text(data: ReportData) -> str:
    weeks, days = divmod(data.days, 7)
    length = f"{weeks} week{'s' if weeks != 1 else ''}" if not days else f"{data.days} days"
    first = day_text(data.since, year=data.since.year != data.until.year)
    return f"{first} to {day_text(data.until)} ({length})"


def percent(share: float | None) -> str:
    return "" if share is None else f"{round(100 * share)}%"


def leg_words(rank: float) -> str:
    return WHERE[LEG_EXTENTS[min(max(round(rank), 1), len(LEG_EXTENTS)) - 1]]


def lines(data: ReportData) -> list[Line]:
    return [doing(data), pain(data), legs(data), function(data), stops(data), red_flags(data)]


def doing(data: ReportData) -> Line:
    topic = "Doing the exercises"
    done = data.adherence
    if data.empty:
        return Line(topic, "No sessions in this period.", alert=False)
    parts = []
    if done.prescribed:
        parts.append(
            f"{done.toward} of {done.prescribed} prescribed sessions done ({percent(done.share)})."
        )
    else:
        parts.append(f"{done.completed} sessions done, all of routines taken as needed.")
    parts.append(f"The prescription was met on {done.days_met} of {done.days} days.")
    if data.first_day is not None and data.first_day >= data.since:
        parts.append(f"The programme started on {day_text(data.first_day)}.")
    return Line(topic, " ".join(parts))


def pain(data: ReportData) -> Line:
    topic = "Pain"
    course = data.pain
    if course.first is None or course.band is None:
        return Line(topic, "No pain scores before sessions in this period.")
    first, last, band = course.first, course.last, course.band
    assert first.before is not None and last is not None and last.before is not None
    if course.change is None:
        text = (
            f"Before sessions: {first.before:.1f} on average in the week of "
            f"{week_label(first.monday)}, the only week with scores; a change shows from the next."
        )
    else:
        head = (
            f"Before sessions: {first.before:.1f} on average in the week of "
            f"{week_label(first.monday)}, {last.before:.1f} in the week of "
            f"{week_label(last.monday)} ({signed(course.change)} points)"
        )
        range_text = f"{band.low:.1f} to {band.high:.1f}"
        text = {
            "better": f"{head}: a meaningful fall, below the band of {range_text}.",
            "worse": f"{head}: a meaningful rise, above the band of {range_text}.",
        }.get(course.direction, f"{head}: within the band of {range_text}, no clear change.")
    if course.session_effect is not None:
        effect = course.session_effect
        way = "lower" if effect < 0 else "higher"
        text += (
            f" Right after a session it was {abs(effect):.1f} points {way} on average "
            f"({course.paired} sessions)."
            if abs(effect) >= 0.05
            else f" Right after a session it was about the same ({course.paired} sessions)."
        )
    return Line(topic, text, alert=course.direction == "worse")


def legs(data: ReportData) -> Line:
    topic = "Leg symptoms"
    course = data.legs
    span = (
        f"{course.window_days} days"
        if course.window_days % 7
        else f"{course.window_days // 7} weeks"
    )
    span = "week" if span == "1 weeks" else span
    if course.direction == "unknown" or course.earlier is None or course.recent is None:
        answers = sum((p.before is not None) + (p.after is not None) for p in course.points)
        return Line(
            topic,
            f"Not enough answers to compare the first and the last {span} of the period "
            f"({answers} in all).",
        )
    detail = (
        f"In the first {span} they reached {leg_words(course.earlier)} on average "
        f"({course.earlier:.1f} of 5), in the last {span} {leg_words(course.recent)} "
        f"({course.recent:.1f})."
    )
    head = {
        "centralizing": "Centralizing: moving up toward the back.",
        "spreading": "Spreading: reaching further down the leg.",
        "steady": "About the same.",
    }[course.direction]
    return Line(topic, f"{head} {detail}", alert=course.direction == "spreading")


def function(data: ReportData) -> Line:
    topic = "Function (PSFS)"
    found = data.function
    if not found.weeks:
        return Line(topic, "No everyday activities rated in this period.")
    first, last = found.weeks[0], found.weeks[-1]
    if len(found.weeks) == 1:
        return Line(
            topic,
            f"Average {first.average:.1f} of 10 in the week of {week_label(first.monday)}, the "
            "first rating in the period; a change shows from the next.",
        )
    change = found.change
    assert change is not None
    head = (
        f"Average {first.average:.1f} of 10 in the week of {week_label(first.monday)}, "
        f"{last.average:.1f} in the week of {week_label(last.monday)} "
        f"({signed(change.change)} points)"
    )
    verdict = {
        "better": "a meaningful improvement (2 points or more).",
        "worse": "meaningfully worse (2 points or more).",
    }.get(change.direction, "less than the 2 points that count as a change.")
    marked = [
        f"{a.name} {found.first_score(a.id)} to {found.last_score(a.id)}"
        for a in found.activities
        if last.meaningful_for(a.id)
    ]
    text = f"{head}: {verdict}"
    if marked:
        text += " 3 points or more on one activity: " + "; ".join(marked) + "."
    return Line(topic, text, alert=change.direction == "worse")


def stops(data: ReportData) -> Line:
    topic = "Safety stops"
    if not data.stops:
        return Line(topic, "None.")
    listed = "; ".join(
        f"{when_text(s.at)}, {s.step_name or 'a step'} ({s.routine_name})" for s in data.stops[:5]
    )
    more = f"; and {len(data.stops) - 5} more" if len(data.stops) > 5 else ""
    count = "1 safety stop" if len(data.stops) == 1 else f"{len(data.stops)} safety stops"
    return Line(topic, f"{count} for pain spreading down the leg: {listed}{more}.", alert=True)


def red_flags(data: ReportData) -> Line:
    topic = "Red flags"
    if not data.red_flags:
        return Line(topic, 'No "yes" to the red-flag questions.')
    times = ", ".join(when_text(a.at) for a in data.red_flags[:5])
    more = f" and {len(data.red_flags) - 5} more" if len(data.red_flags) > 5 else ""
    count = "once" if len(data.red_flags) == 1 else f"{len(data.red_flags)} times"
    return Line(
        topic,
        f'"Yes" to a red-flag question {count}: {times}{more}. The app then showed the '
        "emergency advice and started no session.",
        alert=True,
    )
