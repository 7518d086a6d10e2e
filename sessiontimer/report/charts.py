"""The report's charts: inline SVG made by pygal (https://www.pygal.org), a maintained, pure-Python
charting library that writes SVG itself. Nothing is fetched: its tooltip script (a URL by default)
is turned off and the small inline script it always adds (its settings, for that tooltip script)
is taken out, so a chart is markup and styles only. Its styles are inline in the SVG, its fonts
the system's.

pygal is imported here only (and this module only by the report): the full-screen app never loads
it. Each chart comes with a table of its numbers in the page (``page.py``); a chart is a picture
of that table, for people who read pictures faster.

Colours are the Okabe–Ito palette (told apart with colour-blindness), and lines also differ by
dash pattern, so nothing depends on colour alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

import pygal
from pygal.style import Style

from sessiontimer.core.history.records import LEG_EXTENTS, LEG_LABELS, PAIN_MAX, BreakDay
from sessiontimer.core.insights.course import Band, Point, WeekMeans
from sessiontimer.core.insights.psfs import PsfsSeries, week_label
from sessiontimer.core.insights.trends import MONTHS

BLACK, GREY = "#000000", "#8c8c8c"
VERMILLION, BLUE, GREEN = "#D55E00", "#0072B2", "#009E73"
LIGHT_VERMILLION, LIGHT_BLUE = "#EFAE80", "#80B9D8"  # each session's dots, under the weeks' lines
ACTIVITY_COLOURS = ("#E69F00", "#56B4E9", "#CC79A7", "#009E73", "#999933", "#D55E00", "#0072B2")
SOLID = {"width": 2}
DASHED = {"width": 2, "dasharray": "7, 4"}
WEEK_SOLID = {"width": 3}
WEEK_DASHED = {"width": 3, "dasharray": "8, 4"}
DOTTED = {"width": 2, "dasharray": "2, 3"}
WIDTH, HEIGHT = 720, 300
DOTS_UP_TO = 120  # points in a series shown with dots; more: lines only
EACH_SESSION_UP_TO = 300  # sessions drawn one by one; more: the mean of each day, …
EACH_DAY_UP_TO = 400  # … and over more days than this (a year fits), the mean of each week
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif'
_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)


def style(colours: Sequence[str]) -> Style:
    return Style(
        background="white",
        plot_background="white",
        foreground="#222222",
        foreground_strong="#000000",
        foreground_subtle="#cccccc",
        opacity="1",
        opacity_hover="1",
        colors=tuple(colours),
        font_family=FONT,
        label_font_size=12,
        major_label_font_size=12,
        legend_font_size=13,
        value_font_size=12,
        title_font_size=14,
        guide_stroke_color="#e0e0e0",
        major_guide_stroke_color="#b0b0b0",
    )


def _config(colours: Sequence[str], **more: Any) -> dict[str, Any]:
    return {
        "style": style(colours),
        "width": WIDTH,
        "height": HEIGHT,
        "js": [],  # no tooltip script from the web
        "disable_xml_declaration": True,  # inline in the page
        "explicit_size": False,  # a viewBox: it scales with the page and on paper
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 3,
        "truncate_legend": 40,
        "truncate_label": -1,  # dates in full
        "show_minor_x_labels": False,
        "x_labels_major_count": 8,
        "margin": 20,  # (less cuts off the legend of a chart with words on its y axis)
        "allow_interruptions": True,  # a week without an answer is a gap, not a bridge
        **more,
    }


def svg(chart: Any) -> str:
    """The chart's SVG, with no script in it."""
    return _SCRIPT.sub("", chart.render(is_unicode=True))


def _when(moment: datetime | date) -> datetime:
    return moment if isinstance(moment, datetime) else datetime.combine(moment, time(12))


def _day(moment: datetime) -> str:
    return f"{moment.day} {MONTHS[moment.month - 1]}"


def aggregate(points: Sequence[Point]) -> tuple[str, list[Point]]:
    """("each session", the points) when they are few enough to draw one by one; else the mean
    of each day, or of each week when even the days are too many."""
    if len(points) <= EACH_SESSION_UP_TO:
        return "each session", list(points)
    days: dict[date, list[Point]] = {}
    for point in points:
        days.setdefault(point.at.date(), []).append(point)
    if len(days) <= EACH_DAY_UP_TO:
        return "the mean of each day", [_mean_point(group) for group in days.values()]
    weeks: dict[tuple[int, int], list[Point]] = {}
    for point in points:
        year, week, _ = point.at.date().isocalendar()
        weeks.setdefault((year, week), []).append(point)
    return "the mean of each week", [_mean_point(group) for group in weeks.values()]


def _mean_point(group: list[Point]) -> Point:
    def mean(values: list[float | None]) -> float | None:
        given = [v for v in values if v is not None]
        return round(sum(given) / len(given), 2) if given else None

    return Point(group[0].at, mean([p.before for p in group]), mean([p.after for p in group]))


def pain_chart(
    points: Sequence[Point], weeks: Sequence[WeekMeans], band: Band | None
) -> tuple[str, str]:
    """Pain before and after (0–10): a dot for each session (or each day's mean, when there are
    many), a line through each week's mean, and the meaningful-change band; returns the SVG and
    what each dot is ("" when the weeks' lines are all there is: over many days)."""
    what, shown = aggregate(points)
    dotted = not what.endswith("week")  # (the weeks' own means need no dots under their lines)
    series: list[tuple[str | None, str, list[tuple[datetime, float]], dict[str, Any]]] = []
    if dotted:
        for label, side, colour in (("Before", 0, LIGHT_VERMILLION), ("After", 1, LIGHT_BLUE)):
            dots = [(_when(p.at), v) for p in shown if (v := (p.before, p.after)[side]) is not None]
            series.append((f"{label}, {what}", colour, dots, {"stroke": False}))
    for label, side, colour, stroke in (
        ("Before", 0, VERMILLION, WEEK_SOLID),
        ("After", 1, BLUE, WEEK_DASHED),
    ):
        means = [
            (_midweek(w.monday), round(mean, 2))
            for w in weeks
            if (mean := (w.before, w.after)[side]) is not None
        ]
        series.append(
            (
                f"{label}, mean of each week",
                colour,
                means,
                {"stroke_style": stroke, "show_dots": False},
            )
        )
    if band is not None and shown:
        ends = [_when(shown[0].at), _when(shown[-1].at)]
        line = {"stroke_style": DOTTED, "show_dots": False}
        series.append(("Meaningful change band", GREY, [(e, band.low) for e in ends], line))
        series.append((None, GREY, [(e, band.high) for e in ends], line))
    chart = pygal.DateTimeLine(
        **_config(
            [colour for _, colour, _, _ in series],
            range=(0, PAIN_MAX),
            y_labels=list(range(0, PAIN_MAX + 1, 2)),
            x_value_formatter=_day,
            dots_size=2,
            y_title="Pain",
            legend_at_bottom_columns=2,
        )
    )
    for name, _, values, options in series:
        chart.add(name, values, **options)
    return svg(chart), what if dotted else ""


def _midweek(monday: date) -> datetime:
    return datetime.combine(monday, time(12)) + timedelta(days=3)


def leg_chart(weeks: Sequence[WeekMeans]) -> str:
    """How far down the leg, week by week: the mean before and after (1 back only … 5 foot)."""
    chart = pygal.Line(
        **_config(
            [VERMILLION, BLUE],
            range=(1, len(LEG_EXTENTS)),
            y_labels=[
                {"label": LEG_LABELS[extent], "value": rank}
                for rank, extent in enumerate(LEG_EXTENTS, start=1)
            ],
            x_labels=[week_label(w.monday) for w in weeks],
            show_dots=len(weeks) <= DOTS_UP_TO,
            x_labels_major_every=_every(len(weeks)),
        )
    )
    chart.add("Before", [_round(w.before) for w in weeks], stroke_style=SOLID)
    chart.add("After", [_round(w.after) for w in weeks], stroke_style=DASHED)
    return svg(chart)


def psfs_chart(found: PsfsSeries) -> str:
    """Each activity (thin) and the average (thick, black), week by week, 0–10."""
    colours = [
        BLACK,
        *(ACTIVITY_COLOURS[i % len(ACTIVITY_COLOURS)] for i in range(len(found.activities))),
    ]
    chart = pygal.Line(
        **_config(
            colours,
            range=(0, 10),
            y_labels=list(range(0, 11, 2)),
            x_labels=[week_label(w.monday) for w in found.weeks],
            show_dots=len(found.weeks) <= DOTS_UP_TO,
            x_labels_major_every=_every(len(found.weeks)),
            y_title="Score",
        )
    )
    chart.add("Average", [round(w.average, 2) for w in found.weeks], stroke_style={"width": 4})
    for number, activity in enumerate(found.activities):
        dash = "" if number % 2 == 0 else "5, 3"
        chart.add(
            activity.name,
            [w.scores.get(activity.id) for w in found.weeks],
            stroke_style={"width": 1.5, "dasharray": dash} if dash else {"width": 1.5},
        )
    return svg(chart)


def standing_chart(days: Sequence[BreakDay], goal_minutes: int) -> tuple[str, str]:
    """Minutes standing per day (or the mean per day of each week, over many days), with the
    goal as a guide line; returns the SVG and what each bar is."""
    if len(days) <= 120:
        what = "each day"
        labels = [_day(_when(d.day)) for d in days]
        values = [round(d.standing_seconds / 60) for d in days]
    else:
        what = "the mean per day of each week"
        weeks: dict[tuple[int, int], list[BreakDay]] = {}
        for d in days:
            weeks.setdefault(d.day.isocalendar()[:2], []).append(d)
        labels = [_day(_when(group[0].day)) for group in weeks.values()]
        values = [
            round(sum(d.standing_seconds for d in group) / 60 / len(group))
            for group in weeks.values()
        ]
    top = max([goal_minutes, *values]) + 10
    chart = pygal.Bar(
        **_config(
            [GREEN],
            range=(0, top),
            x_labels=labels,
            x_labels_major_every=_every(len(labels)),
            y_labels=[0, 30, 60, 90, {"label": "2 h goal", "value": goal_minutes}],
            y_labels_major=[goal_minutes],
            show_legend=False,
            y_title="Minutes",
        )
    )
    chart.add("Minutes standing", values)
    return svg(chart), what


def _every(labels: int, most: int = 7) -> int:
    """Every how many x labels one is written, so that at most ``most`` are."""
    return max(1, -(-labels // most))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
