"""The report as one self-contained HTML page (DESIGN.md section 9): the summary on top, then each
part with its chart and the table of its numbers beside it. No script, no font, no image and no
style sheet from anywhere else; a Content-Security-Policy that allows none makes sure of it."""

from __future__ import annotations

from html import escape

from sessiontimer import __version__
from sessiontimer.core.history.records import STANDING_GOAL_SECONDS
from sessiontimer.core.insights.report import ReportData
from sessiontimer.report import charts, summary, tables
from sessiontimer.report.style import CSS

# Nothing may be loaded: only the page's own styles (inline, in it and in the charts).
POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def render(data: ReportData) -> str:
    title = f"Home exercise report, {summary.period_text(data)}"
    parts = [
        _head(data),
        _glance(data),
        _section("routines", "Routines and prescriptions", _routines(data)),
        _section("calendar", "Days the prescription was met", _calendar(data)),
        _section("pain", "Pain before and after sessions", _pain(data)),
        _section("legs", "How far down the leg (centralization)", _legs(data)),
        _section("function", "Everyday activities (PSFS)", _function(data)),
        _section(
            "stops",
            "Safety stops",
            _listed(data.stops, tables.stops(data), "No safety stops in this period."),
        ),
        _section(
            "red-flags",
            'Red-flag answers of "yes"',
            _listed(data.red_flags, tables.red_flags(data), 'No "yes" in this period.'),
        ),
        _section("standing", "Standing at work (sit/stand breaks)", _standing(data)),
        _section(
            "notes", "Notes", _listed(data.notes, tables.notes(data), "No notes in this period.")
        ),
        _sessions(data),
        _footer(data),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(parts)
        + "\n</body>\n</html>\n"
    )


def _head(data: ReportData) -> str:
    left_out = (
        f" Rehearsals (a routine run faster to preview it) are left out: {data.rehearsals}."
        if data.rehearsals
        else " Rehearsals are left out."
    )
    return (
        "<header>\n<h1>Home exercise report</h1>\n"
        f'<p class="period">{escape(summary.period_text(data))}</p>\n'
        f'<p class="muted">From the exercise record kept by sessiontimer {escape(__version__)}, '
        f"a timer for self-managed physiotherapy routines, on {summary.day_text(data.today)}. "
        f"It records what the person did and answered; it does not diagnose.{left_out}</p>\n"
        "</header>"
    )


def _glance(data: ReportData) -> str:
    rows = []
    for line in summary.lines(data):
        mark = ' class="alert"' if line.alert else ""
        rows.append(f"<dt{mark}>{escape(line.topic)}</dt><dd{mark}>{escape(line.text)}</dd>")
    return (
        '<section id="summary">\n<h2>At a glance</h2>\n<dl class="glance">\n'
        + "\n".join(rows)
        + "\n</dl>\n</section>"
    )


def _section(anchor: str, heading: str, body: str) -> str:
    return f'<section id="{anchor}">\n<h2>{escape(heading)}</h2>\n{body}\n</section>'


def _empty(text: str) -> str:
    return f'<p class="empty">{escape(text)}</p>'


def _listed(items: object, table: str, none: str) -> str:
    return table if items else _empty(none)


def _pair(svg: str, label: str, caption: str, numbers: str, beside: bool = True) -> str:
    """A chart with the table of its numbers beside it (or under it: a wide table)."""
    return (
        f'<div class="{"pair" if beside else "stack"}">\n'
        f'<figure><div role="img" aria-label="{escape(label)}">{svg}</div>'
        f"<figcaption>{escape(caption)}</figcaption></figure>\n"
        f'<div class="numbers">{numbers}</div>\n</div>'
    )


def _routines(data: ReportData) -> str:
    if not data.adherence.routines:
        return _empty("No sessions in this period.")
    counted = (
        "Prescribed sessions are counted over the days each routine was in use: from its first "
        "session in the period to its last, to the end of the period when it was done in the "
        "last week; more than 14 days without it ends a spell of use. A routine with a heat or "
        "cold pack is taken as needed."
    )
    return tables.routines(data) + f'<p class="hint">{escape(counted)}</p>'


def _calendar(data: ReportData) -> str:
    done = data.adherence
    if not done.days:
        return _empty("No sessions yet: the programme starts with the first one.")
    line = (
        f"Met on {done.days_met} of {done.days} days ({summary.percent(done.days_met / done.days)}); "
        f"some sessions on {done.days_some} more."
    )
    return f"<p>{escape(line)}</p>\n{tables.calendar(data)}"


def _pain(data: ReportData) -> str:
    course = data.pain
    if not course.points:
        return _empty("No pain scores in this period.")
    svg, what = charts.pain_chart(course.points, course.weeks, course.band)
    band = course.band
    dots = f"a dot for {what}, and " if what else ""
    caption = (
        f"Pain 0 (none) to 10 (worst) before and after: {dots}the mean of each week (before "
        "solid, after dashed)."
    )
    if band is not None:
        caption += (
            f" Dotted: the band of meaningful change around the first week's mean before "
            f"({band.baseline:.1f}), from {band.low:.1f} to {band.high:.1f} (2 points, or 30%)."
        )
    numbers = tables.weekly("Mean pain per week", course.weeks)
    label = "Chart of pain before and after sessions over time; its numbers are in the table."
    return _pair(svg, label, caption, numbers)


def _legs(data: ReportData) -> str:
    course = data.legs
    if not course.points:
        return _empty("No answers about the leg in this period.")
    caption = (
        "Where the symptoms reached, as a mean of each week's answers: 1 back only, 2 buttock, "
        "3 thigh, 4 below the knee, 5 foot. Lower is closer to the back (centralizing)."
    )
    label = "Chart of how far down the leg the symptoms reached, week by week."
    numbers = tables.weekly("Mean per week: 1 back only … 5 foot", course.weeks)
    return _pair(charts.leg_chart(course.weeks), label, caption, numbers)


def _function(data: ReportData) -> str:
    found = data.function
    if not found.weeks:
        return _empty(
            "No ratings in this period. The app asks about once a week, on its home screen, "
            "unless it was turned off."
        )
    caption = (
        "The Patient-Specific Functional Scale (Stratford 1995): activities the problem makes "
        "hard, in the person's own words, each rated 0 (cannot do it) to 10 (as well as before). "
        "Thick black line: the average. A change of 2 points on the average (3 on one activity) "
        "is meaningful."
    )
    label = "Chart of the everyday activities' ratings week by week; the numbers are in the table."
    return _pair(charts.psfs_chart(found), label, caption, tables.function(found), beside=False)


def _standing(data: ReportData) -> str:
    if not data.standing:
        return _empty("The break timer was not used in this period.")
    goal = STANDING_GOAL_SECONDS // 60
    svg, what = charts.standing_chart(data.standing, goal)
    caption = (
        f"Minutes standing at the breaks, {what}, against the aim of 2 hours a day of standing "
        "and light activity at work (Buckley 2015)."
    )
    label = "Bar chart of minutes standing per day; the numbers per week are in the table."
    return _pair(svg, label, caption, tables.standing(data.standing))


def _sessions(data: ReportData) -> str:
    if not data.sessions:
        return ""
    return (
        '<section id="sessions" class="no-print">\n<h2>Every session</h2>\n'
        f"<details><summary>Show all {len(data.sessions)} sessions of the period "
        "(not printed)</summary>\n"
        f"{tables.sessions(data)}\n</details>\n</section>"
    )


def _footer(data: ReportData) -> str:
    return (
        "<footer>\n<p>Pain is the person's own 0–10 rating; a change of about 2 points or 30% "
        "is meaningful (Ostelo 2008). Leg symptoms moving up toward the back (centralizing) is "
        "a good sign with McKenzie-type exercises. A safety stop is pressed when pain spreads "
        "down the leg; the exercise is then left out until a clinician has seen it.</p>\n"
        f"<p>Period {escape(summary.period_text(data))}. This page loads nothing from anywhere: "
        "it works offline and prints on A4.</p>\n</footer>"
    )
