"""Function by week (DESIGN.md section 11, CLINICAL.md "Function, not only pain"): each week's
scores and average, the meaningful change (2 points on the average, 3 on one activity), and when
the app asks again."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from sessiontimer.core.history.psfs import PsfsActivity, PsfsRating
from sessiontimer.core.insights import psfs

TZ = timezone(timedelta(hours=1))
MON = date(2026, 11, 2)


def activity(id_: int, name: str, position: int, retired: bool = False) -> PsfsActivity:
    at = datetime(2026, 11, 2, 9, tzinfo=TZ)
    return PsfsActivity(id_, name, position, at, at + timedelta(days=20) if retired else None)


def rating(activity_id: int, day: date, score: int, hour: int = 9) -> PsfsRating:
    return PsfsRating(
        activity_id, datetime(day.year, day.month, day.day, hour, tzinfo=TZ), day, score
    )


SOCKS, FILM, WALK, STAIRS = (
    activity(1, "Socks", 0),
    activity(2, "Film", 1, retired=True),
    activity(3, "Walking", 2),
    activity(4, "Stairs", 1),
)


def test_weeks_average_and_change_from_the_first_week() -> None:
    ratings = [
        rating(1, MON, 2),
        rating(2, MON, 4),
        rating(3, MON + timedelta(days=1), 3),  # the same week, another day
        rating(1, MON + timedelta(days=8), 4),
        rating(1, MON + timedelta(days=9), 5, hour=20),  # the last of a week counts
        rating(2, MON + timedelta(days=9), 5),
        rating(3, MON + timedelta(days=9), 6),
    ]
    found = psfs.series([SOCKS, FILM, WALK], ratings)
    first, second = found.weeks
    assert (first.monday, first.scores, first.average, first.change) == (
        MON,
        {1: 2, 2: 4, 3: 3},
        3.0,
        0.0,
    )
    assert second.scores == {1: 5, 2: 5, 3: 6}
    assert second.average == pytest.approx(16 / 3)
    assert second.change == pytest.approx(16 / 3 - 3)
    assert second.meaningful  # 2.33 points on the average
    assert second.changes == {1: 3, 2: 1, 3: 3}
    assert [a for a in (1, 2, 3) if second.meaningful_for(a)] == [1, 3]  # 3 points on one
    change = found.change
    assert change is not None and change.direction == "better"
    assert (change.first_week, change.last_week) == (MON, MON + timedelta(days=7))


def test_exactly_two_points_is_meaningful_and_a_fall_is_marked_too() -> None:
    up = psfs.series(
        [SOCKS, WALK],
        [
            rating(1, MON, 3),
            rating(3, MON, 4),
            rating(1, MON + timedelta(days=7), 5),
            rating(3, MON + timedelta(days=7), 6),
        ],
    )
    assert up.weeks[1].change == 2.0 and up.weeks[1].meaningful
    down = psfs.series([SOCKS], [rating(1, MON, 6), rating(1, MON + timedelta(days=14), 3)])
    assert down.weeks[1].meaningful and down.weeks[1].meaningful_for(1)
    assert down.change is not None and down.change.direction == "worse"
    small = psfs.series([SOCKS], [rating(1, MON, 6), rating(1, MON + timedelta(days=7), 7)])
    assert not small.weeks[1].meaningful and small.change and small.change.direction == "same"


def test_a_replaced_activity_starts_its_own_baseline() -> None:
    ratings = [
        rating(1, MON, 2),
        rating(2, MON, 2),
        rating(1, MON + timedelta(days=7), 3),
        rating(4, MON + timedelta(days=7), 7),  # Stairs took Film's place
        rating(1, MON + timedelta(days=14), 3),
        rating(4, MON + timedelta(days=14), 8),
    ]
    found = psfs.series([SOCKS, STAIRS, FILM], ratings)
    assert [a.name for a in found.activities] == ["Socks", "Stairs", "Film"]  # retired last
    assert found.weeks[2].changes == {1: 1, 4: 1}  # Stairs from its own first rating
    assert found.first_score(4) == 7 and found.last_score(2) == 2


def test_activities_never_rated_and_retired_are_left_out() -> None:
    assert psfs.series([SOCKS, FILM], []).activities == [SOCKS]
    empty = psfs.series([], [])
    assert (empty.weeks, empty.change) == ([], None)


@pytest.mark.parametrize(
    ("activities", "rated", "not_now", "expected"),
    [
        (0, None, None, psfs.SETUP),
        (0, None, MON - timedelta(days=1), psfs.SETUP),
        (0, None, MON, None),  # "not now" today: not again today
        (3, None, None, psfs.RATE),
        (3, MON - timedelta(days=6), None, None),
        (3, MON - timedelta(days=7), None, psfs.RATE),  # about once a week
        (3, MON - timedelta(days=30), MON, None),
        (3, MON, None, None),
    ],
)
def test_when_to_ask(
    activities: int, rated: date | None, not_now: date | None, expected: str | None
) -> None:
    assert psfs.due(activities, rated, not_now, MON) == expected


def test_in_words() -> None:
    assert psfs.change_text(psfs.series([], [])) == "No ratings of your everyday activities yet."
    one = psfs.series([SOCKS], [rating(1, MON, 4)])
    assert psfs.change_text(one) == (
        "Everyday activities: 4.0 out of 10 in the week of 2 Nov. Rate them again next week to "
        "see a change."
    )
    better = psfs.series([SOCKS], [rating(1, MON, 3), rating(1, MON + timedelta(days=21), 6)])
    assert psfs.change_text(better) == (
        "Everyday activities: 3.0 in the week of 2 Nov, 6.0 in the week of 23 Nov (+3.0): a real "
        "improvement."
    )
    worse = psfs.series([SOCKS], [rating(1, MON, 6), rating(1, MON + timedelta(days=7), 4)])
    assert psfs.change_text(worse).endswith("(−2.0): clearly harder. Tell your physiotherapist.")
    assert psfs.signed(0.01) == "0.0" and psfs.week_label(date(2026, 1, 5)) == "5 Jan"
