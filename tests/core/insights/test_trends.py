"""Trends: day marks, streak, heatmap, programme week, centralization, pain before/after."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sessiontimer.core.history.records import DayTally, SessionRecord
from sessiontimer.core.insights.trends import (
    Centralization,
    centralization,
    day_marks,
    heatmap,
    leg_points,
    month_labels,
    pain_summary,
    programme_week,
    streak,
    week_starts,
)

TODAY = date(2024, 3, 6)  # a Wednesday


def d(offset: int, today: date = TODAY) -> date:
    """The day ``offset`` days from today (negative: before)."""
    return today + timedelta(days=offset)


def tally(
    day: date, completed: int, sessions: int | None = None, times: int = 1, routine: str = "r"
) -> DayTally:
    return DayTally(
        day=day,
        routine=routine,
        times_per_day=times,
        completed=completed,
        sessions=completed if sessions is None else sessions,
    )


def record(
    day: date,
    *,
    id: int = 1,
    rehearsal: bool = False,
    pain_before: int | None = None,
    pain_after: int | None = None,
    leg_before: str | None = None,
    leg_after: str | None = None,
) -> SessionRecord:
    started = datetime.combine(day, time(9), tzinfo=UTC) + timedelta(minutes=id)
    return SessionRecord(
        id=id,
        routine="r",
        routine_name="Routine",
        started_at=started,
        ended_at=started + timedelta(minutes=10),
        day=day,
        status="completed",
        rehearsal=rehearsal,
        times_per_day=1,
        pain_before=pain_before,
        pain_after=pain_after,
        leg_before=leg_before,
        leg_after=leg_after,
        feel=None,
        note="",
        segments_done=5,
        segments_total=5,
        active_seconds=600.0,
        stop_reason=None,
        stop_step=None,
        stop_step_name=None,
    )


# --- day marks ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tallies", "expected"),
    [
        ([], {}),
        ([tally(TODAY, completed=1)], {TODAY: "met"}),
        ([tally(TODAY, completed=0, sessions=1)], {TODAY: "some"}),
        ([tally(TODAY, completed=0, sessions=0)], {}),
        # twice a day: one of two is "some", two of two is "met"
        ([tally(TODAY, completed=1, times=2)], {TODAY: "some"}),
        ([tally(TODAY, completed=2, times=2)], {TODAY: "met"}),
        ([tally(TODAY, completed=3, times=2)], {TODAY: "met"}),
        # a prescription of 0 (or less) still needs one completed session
        ([tally(TODAY, completed=0, sessions=2, times=0)], {TODAY: "some"}),
        ([tally(TODAY, completed=1, times=0)], {TODAY: "met"}),
        # one routine met is enough, in either order
        (
            [tally(TODAY, 2, times=2, routine="a"), tally(TODAY, 0, 1, times=1, routine="b")],
            {TODAY: "met"},
        ),
        (
            [tally(TODAY, 0, 1, times=1, routine="b"), tally(TODAY, 2, times=2, routine="a")],
            {TODAY: "met"},
        ),
        # two routines each short of their prescription: not met
        (
            [tally(TODAY, 1, times=2, routine="a"), tally(TODAY, 1, times=2, routine="b")],
            {TODAY: "some"},
        ),
        ([tally(d(-1), 1), tally(TODAY, 0, 1)], {d(-1): "met", TODAY: "some"}),
    ],
)
def test_day_marks(tallies: list[DayTally], expected: dict[date, str]) -> None:
    assert day_marks(tallies) == expected


def test_day_marks_takes_any_iterable() -> None:
    assert day_marks(iter([tally(TODAY, 1)])) == {TODAY: "met"}


# --- streak ------------------------------------------------------------------------------------


def met(*offsets: int, today: date = TODAY) -> dict[date, str]:
    return {d(o, today): "met" for o in offsets}


@pytest.mark.parametrize(
    ("marks", "today", "expected"),
    [
        ({}, TODAY, 0),
        (met(0), TODAY, 1),
        (met(0, -1, -2), TODAY, 3),
        # today not met yet: the streak up to yesterday still stands
        (met(-1, -2), TODAY, 2),
        ({**met(-1, -2), TODAY: "some"}, TODAY, 2),
        # neither today nor yesterday: no current streak
        (met(-2, -3), TODAY, 0),
        # a gap ends the run
        (met(0, -1, -3, -4, -5), TODAY, 2),
        # a "some" day is a gap too
        ({**met(0, -2), d(-1): "some"}, TODAY, 1),
        # across a month boundary (and a leap day)
        (met(0, -1, -2, -3, -4, -5, -6, today=date(2024, 3, 2)), date(2024, 3, 2), 7),
        (met(-1, -2, -3, today=date(2024, 1, 1)), date(2024, 1, 1), 3),
        # met days after today do not count
        (met(1, 2), TODAY, 0),
        (met(1, 0), TODAY, 1),
    ],
)
def test_streak(marks: dict[date, str], today: date, expected: int) -> None:
    assert streak(marks, today) == expected


marks_strategy = st.dictionaries(
    st.dates(min_value=date(2023, 11, 1), max_value=date(2024, 5, 1)),
    st.sampled_from(["met", "some"]),
    max_size=120,
)


@given(marks=marks_strategy, today=st.dates(date(2023, 12, 1), date(2024, 4, 1)))
def test_streak_never_exceeds_met_days_and_every_day_in_it_is_met(
    marks: dict[date, str], today: date
) -> None:
    n = streak(marks, today)
    assert 0 <= n <= sum(1 for v in marks.values() if v == "met")
    end = today if marks.get(today) == "met" else today - timedelta(days=1)
    assert all(marks.get(end - timedelta(days=i)) == "met" for i in range(n))
    assert marks.get(end - timedelta(days=n)) != "met"


# --- heatmap -----------------------------------------------------------------------------------


def test_heatmap_rows_are_weekdays_and_columns_weeks() -> None:
    marks = {TODAY: "met", d(-1): "some", d(-7): "met", d(-84): "met", d(-85): "met"}
    grid = heatmap(marks, TODAY)
    assert len(grid) == 7 and all(len(row) == 12 for row in grid)
    # TODAY is a Wednesday (row 2) in the last column
    assert grid[2][11] == "met"
    assert grid[1][11] == "some"  # Tuesday
    assert grid[0][11] == "none"  # Monday, nothing recorded
    assert grid[2][10] == "met"  # a week ago
    # Thursday … Sunday of this week are still to come
    assert [grid[row][11] for row in range(3, 7)] == [None] * 4
    # the first column starts on the Monday 11 weeks before this week's: d(-2 - 77) = d(-79),
    # so d(-84) and d(-85) are not in the grid
    assert sum(cell == "met" for row in grid for cell in row) == 2


@pytest.mark.parametrize(
    ("today", "future"),
    [
        (date(2024, 3, 4), 6),  # Monday: Tuesday … Sunday to come
        (date(2024, 3, 6), 4),
        (date(2024, 3, 10), 0),  # Sunday: the whole week is past
    ],
)
def test_heatmap_future_cells_are_none(today: date, future: int) -> None:
    grid = heatmap({}, today, weeks=3)
    cells = [cell for row in grid for cell in row]
    assert cells.count(None) == future
    assert [grid[row][-1] for row in range(today.weekday() + 1, 7)] == [None] * future
    assert grid[today.weekday()][-1] == "none"


def test_heatmap_weeks_must_be_positive() -> None:
    with pytest.raises(ValueError):
        heatmap({}, TODAY, weeks=0)


@given(
    marks=marks_strategy,
    today=st.dates(date(2023, 12, 1), date(2024, 4, 1)),
    weeks=st.integers(min_value=1, max_value=60),
)
def test_heatmap_shape_and_cells(marks: dict[date, str], today: date, weeks: int) -> None:
    grid = heatmap(marks, today, weeks)
    assert len(grid) == 7 and all(len(row) == weeks for row in grid)
    mondays = week_starts(today, weeks)
    for weekday, row in enumerate(grid):
        for monday, cell in zip(mondays, row, strict=True):
            day = monday + timedelta(days=weekday)
            assert cell == (None if day > today else marks.get(day, "none"))


def test_week_starts_are_mondays_ending_with_this_week() -> None:
    assert week_starts(TODAY, 3) == [date(2024, 2, 19), date(2024, 2, 26), date(2024, 3, 4)]


def test_month_labels_mark_the_first_column_and_each_new_month() -> None:
    # Mondays: Feb 5, 12, 19, 26, Mar 4
    assert month_labels(TODAY, 5) == ["Feb", "", "", "", "Mar"]
    # across a year: Dec 25, Jan 1
    assert month_labels(date(2024, 1, 3), 2) == ["Dec", "Jan"]


# --- programme week ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_since_first", "week", "stage"),
    [
        (0, 1, "form"),
        (6, 1, "form"),
        (7, 2, "form"),
        (13, 2, "form"),
        (14, 3, "holds"),
        (27, 4, "holds"),
        (28, 5, "strength"),
        (55, 8, "strength"),
        (56, 9, "endurance"),
        (7 * 51, 52, "endurance"),
    ],
)
def test_programme_week(days_since_first: int, week: int, stage: str) -> None:
    result = programme_week(d(-days_since_first), TODAY)
    assert result is not None
    assert (result.week, result.stage) == (week, stage)
    assert result.label and len(result.label) <= 20
    assert result.text.endswith(".") and len(result.text) <= 80


@pytest.mark.parametrize("first_day", [None, d(1)])
def test_no_programme_week_without_a_first_day_or_one_in_the_future(
    first_day: date | None,
) -> None:
    assert programme_week(first_day, TODAY) is None


def test_each_stage_has_its_own_guidance() -> None:
    weeks = [programme_week(d(-7 * (w - 1)), TODAY) for w in (1, 3, 5, 9)]
    assert len({w.text for w in weeks if w is not None}) == 4


# --- centralization ----------------------------------------------------------------------------


def pts(*pairs: tuple[int, int]) -> list[tuple[date, int]]:
    """(days before today, rank) pairs as points, oldest first."""
    return sorted((d(-ago), rank) for ago, rank in pairs)


@pytest.mark.parametrize(
    ("points", "direction"),
    [
        ([], "unknown"),
        # enough recent points, but only one earlier
        (pts((20, 4), (3, 2), (1, 2)), "unknown"),
        # enough earlier points, but only one recent
        (pts((20, 4), (18, 4), (1, 2)), "unknown"),
        # points older than 28 days are not the earlier window
        (pts((28, 4), (30, 4), (3, 2), (1, 2)), "unknown"),
        # down by exactly 0.5: centralizing
        (pts((20, 3), (18, 4), (3, 3), (1, 3)), "centralizing"),
        (pts((20, 5), (18, 5), (3, 2), (0, 1)), "centralizing"),
        # up by exactly 0.5: spreading
        (pts((20, 3), (18, 3), (3, 3), (1, 4)), "spreading"),
        # less than 0.5 either way: steady
        (pts((20, 3), (18, 3), (16, 4), (3, 3), (1, 3), (0, 4)), "steady"),
        (pts((20, 3), (18, 3), (3, 3), (1, 3)), "steady"),
        # window edges: 13 days ago is recent, 14 is earlier, 27 is earlier
        (pts((27, 5), (14, 5), (13, 1), (0, 1)), "centralizing"),
        (pts((27, 1), (14, 1), (13, 5), (0, 5)), "spreading"),
    ],
)
def test_centralization_direction(points: list[tuple[date, int]], direction: str) -> None:
    result = centralization(points, TODAY)
    assert result.direction == direction
    assert result.text and "\n" not in result.text and len(result.text) <= 80


def test_centralization_gives_the_means() -> None:
    result = centralization(pts((20, 4), (18, 5), (3, 2), (1, 2)), TODAY)
    assert result == Centralization("centralizing", result.text, earlier=4.5, recent=2.0)


def test_centralization_leaves_out_points_after_today() -> None:
    points = [*pts((20, 3), (18, 3), (1, 3)), (d(1), 5), (d(2), 5)]
    assert centralization(points, TODAY).direction == "unknown"


def test_unknown_says_how_to_get_a_trend() -> None:
    no_earlier = centralization(pts((3, 2), (1, 2)), TODAY)
    no_recent = centralization(pts((20, 4), (18, 4)), TODAY)
    assert no_earlier.text != no_recent.text
    assert "leg question" in no_earlier.text and "leg question" in no_recent.text
    assert (no_earlier.earlier, no_earlier.recent) == (None, None)


def test_the_texts_differ_by_direction() -> None:
    texts = {
        centralization(p, TODAY).text
        for p in (
            pts((20, 5), (18, 5), (3, 1), (1, 1)),
            pts((20, 1), (18, 1), (3, 5), (1, 5)),
            pts((20, 3), (18, 3), (3, 3), (1, 3)),
        )
    }
    assert len(texts) == 3


def test_leg_points_before_then_after_in_order_without_rehearsals_or_skips() -> None:
    records = [
        record(d(-1), id=2, leg_before="thigh", leg_after="buttock"),
        record(d(-3), id=1, leg_before="foot", leg_after=None),
        record(d(-2), id=3, rehearsal=True, leg_before="foot", leg_after="foot"),
        record(d(0), id=4, leg_before=None, leg_after="back"),
    ]
    assert leg_points(records) == [(d(-3), 5), (d(-1), 3), (d(-1), 2), (d(0), 1)]


# --- pain before and after ---------------------------------------------------------------------


def test_pain_summary_over_the_last_paired_sessions() -> None:
    records = [
        record(d(-5), id=1, pain_before=9, pain_after=9),  # dropped by last=3
        record(d(-4), id=2, pain_before=6, pain_after=4),
        record(d(-3), id=3, pain_before=5, pain_after=None),  # not paired
        record(d(-2), id=4, pain_before=4, pain_after=2, rehearsal=True),  # rehearsal
        record(d(-1), id=5, pain_before=5, pain_after=3),
        record(d(0), id=6, pain_before=4, pain_after=2),
    ]
    summary = pain_summary(records, last=3)
    assert summary is not None
    assert (summary.sessions, summary.before, summary.after) == (3, 5.0, 3.0)
    assert summary.change == -2.0


def test_pain_summary_none_without_pairs() -> None:
    assert pain_summary([record(TODAY, pain_before=3)]) is None
    assert pain_summary([]) is None


def test_pain_summary_last_must_be_positive() -> None:
    with pytest.raises(ValueError):
        pain_summary([], last=0)
