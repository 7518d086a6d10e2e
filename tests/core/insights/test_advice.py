"""Advice from the record: pain getting worse, no improvement over 4 weeks, safety stops."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sessiontimer.core.history.records import SessionRecord
from sessiontimer.core.insights.advice import Advice, advice

TODAY = date(2024, 3, 6)
_ids = itertools.count(1)


def d(offset: int) -> date:
    """The day ``offset`` days from today (negative: before)."""
    return TODAY + timedelta(days=offset)


def record(
    day: date,
    *,
    pain_before: int | None = None,
    status: str = "completed",
    rehearsal: bool = False,
    routine_name: str = "Morning",
    step_name: str | None = None,
) -> SessionRecord:
    id = next(_ids)
    started = datetime.combine(day, time(9), tzinfo=UTC)
    stopped = status == "stopped"
    return SessionRecord(
        id=id,
        routine=routine_name.lower(),
        routine_name=routine_name,
        started_at=started,
        ended_at=started + timedelta(minutes=10),
        day=day,
        status=status,
        rehearsal=rehearsal,
        times_per_day=1,
        pain_before=pain_before,
        pain_after=None,
        leg_before=None,
        leg_after=None,
        feel=None,
        note="",
        segments_done=3 if stopped else 5,
        segments_total=5,
        active_seconds=300.0,
        stop_reason="pain spreading down the leg" if stopped else None,
        stop_step=2 if stopped else None,
        stop_step_name=step_name if stopped else None,
    )


def scores(pairs: list[tuple[int, int]]) -> list[SessionRecord]:
    """(offset from today, pain before) pairs as records."""
    return [record(d(offset), pain_before=pain) for offset, pain in pairs]


def span(earlier: list[int], recent: list[int]) -> list[SessionRecord]:
    """Pain scores in the 4 weeks before the last 4 (from 55 days ago) and in the last 4 weeks
    (from 27 days ago), a few days apart: no two weeks of one span compare as getting worse."""
    return scores(
        [(-55 + 9 * i, pain) for i, pain in enumerate(earlier)]
        + [(-27 + 9 * i, pain) for i, pain in enumerate(recent)]
    )


def kinds(found: list[Advice]) -> list[str]:
    return [a.kind for a in found]


# --- no improvement over 4 weeks against the 4 before -------------------------------------------


@pytest.mark.parametrize(
    ("earlier", "recent", "advised"),
    [
        # fell by exactly 2 points (33%): meaningful
        ([6, 6, 6], [4, 4, 4], False),
        # fell by 1.5 points, 25%: not meaningful
        ([6, 6, 6, 6], [4, 5, 4, 5], True),
        # fell by exactly 30% (1.5 of 5), under 2 points: meaningful
        ([5, 5, 5, 5], [3, 4, 3, 4], False),
        # exactly 30% that floats would miss: 10/3 → 7/3
        ([3, 3, 4], [2, 2, 3], False),
        # fell by 1 of 5 (20%): not meaningful
        ([5, 5, 5], [4, 4, 4], True),
        # fell by 2 of 8 (25%): the 2 points alone are enough
        ([8, 8, 8], [6, 6, 6], False),
        # fell by 1 of 3 (33%): the 30% alone is enough
        ([3, 3, 3], [2, 2, 2], False),
        # the same
        ([4, 4, 4], [4, 4, 4], True),
        # pain gone
        ([3, 3, 3], [0, 0, 0], False),
        # an earlier mean of 0: nothing to improve; only a rise of 2 points or more is advised
        ([0, 0, 0], [0, 0, 0], False),
        ([0, 0, 0], [1, 2, 1], False),
        ([0, 0, 0], [2, 2, 2], True),
    ],
)
def test_no_improvement_thresholds(earlier: list[int], recent: list[int], advised: bool) -> None:
    records = span(earlier, recent)
    assert kinds(advice(records, TODAY)) == (["no_improvement"] if advised else [])


@pytest.mark.parametrize(
    ("records", "advised"),
    [
        # three scores in each span are needed
        (span([6, 6, 6], [6, 6, 6]), True),
        (span([6, 6], [6, 6, 6]), False),
        (span([6, 6, 6], [6, 6]), False),
        # the last 4 weeks are today and the 27 days before; the 4 before them end 28 days ago
        (scores([(-55, 6), (-50, 6), (-28, 6), (-27, 6), (-20, 6), (0, 6)]), True),
        (scores([(-55, 6), (-50, 6), (-27, 6), (-26, 6), (-20, 6), (0, 6)]), False),
        # older than 8 weeks: not read
        (scores([(-56, 6), (-50, 6), (-40, 6), (-20, 6), (-10, 6), (0, 6)]), False),
        # scores after today are left out
        ([*span([6, 6, 6], [6, 6]), *scores([(1, 6), (2, 6)])], False),
    ],
)
def test_no_improvement_compares_4_weeks_with_the_4_before(
    records: list[SessionRecord], advised: bool
) -> None:
    assert kinds(advice(records, TODAY)) == (["no_improvement"] if advised else [])


def test_no_improvement_leaves_out_rehearsals_and_skipped_scores() -> None:
    records = [
        record(d(-50), pain_before=8, rehearsal=True),
        record(d(-45), pain_before=8, rehearsal=True),
        record(d(-35)),
        *scores([(-40, 6), (-20, 6), (-10, 6), (0, 6)]),
    ]
    assert advice(records, TODAY) == []


def test_no_improvement_counts_every_status() -> None:
    records = [
        record(d(-50), pain_before=6, status="left"),
        record(d(-40), pain_before=6, status="interrupted"),
        record(d(-30), pain_before=6),
        record(d(-20), pain_before=6),
        record(d(-10), pain_before=6, status="stopped", step_name="Bridge"),
        record(d(0), pain_before=6, status="in_progress"),
    ]
    assert kinds(advice(records, TODAY)) == ["no_improvement", "stopped"]


def test_no_improvement_text_says_how_long_and_to_see_a_clinician() -> None:
    (found,) = advice(span([6, 6, 6], [6, 6, 6]), TODAY)
    assert "4 weeks" in found.text
    assert "cannot tell why" in found.text
    assert "doctor or physiotherapist" in found.text
    assert found.routine_name is None and found.step_name is None
    assert len(found.text) <= 160


# --- getting worse, said sooner ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "last", "advised"),
    [
        ([3, 3], [5, 5], True),  # 2 points
        ([3, 3], [4, 4], True),  # 1 point, 33%
        ([5, 5], [6, 6], False),  # 1 point, 20%
        ([1, 1], [1, 2], False),  # 50%, but half a point
        ([6, 6], [6, 6], False),
        ([6, 6], [3, 3], False),
        ([4], [8, 8], False),  # one score in the week before is not enough
        ([4, 4], [8], False),
    ],
)
def test_pain_getting_worse_is_said_within_two_weeks(
    before: list[int], last: list[int], advised: bool
) -> None:
    records = scores(
        [(-13 + i, p) for i, p in enumerate(before)] + [(-i, p) for i, p in enumerate(last)]
    )
    assert kinds(advice(records, TODAY)) == (["getting_worse"] if advised else [])


def test_getting_worse_is_said_instead_of_no_improvement() -> None:
    records = [*span([6, 6, 6], [6, 6, 6]), *scores([(-12, 6), (-8, 6), (-1, 8), (0, 8)])]
    (found,) = advice(records, TODAY)
    assert found.kind == "getting_worse"
    assert "today" in found.text and "doctor" in found.text


# --- safety stops: one is enough ---------------------------------------------------------------


def stop(
    offset: int, step: str | None = "Bridge", routine: str = "Morning", **kw: bool
) -> SessionRecord:
    return record(d(offset), status="stopped", routine_name=routine, step_name=step, **kw)


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        ([], []),
        ([stop(-1)], [("Morning", "Bridge")]),
        ([stop(-3), stop(0)], [("Morning", "Bridge")]),
        # the window is today and the 27 days before
        ([stop(-27)], [("Morning", "Bridge")]),
        ([stop(-28)], []),
        ([stop(-40), stop(-35), stop(-30)], []),
        # different exercises are named apart
        (
            [stop(-3, "Bridge"), stop(-1, "Bird-dog")],
            [("Morning", "Bird-dog"), ("Morning", "Bridge")],
        ),
        # and the same exercise in different routines too
        (
            [stop(-3, routine="Morning"), stop(-1, routine="Evening")],
            [("Evening", "Bridge"), ("Morning", "Bridge")],
        ),
        # a safety stop in a rehearsal is real pain: it counts
        ([stop(-3, rehearsal=True)], [("Morning", "Bridge")]),
        # other endings are not safety stops
        ([record(d(-1), status="left", step_name="Bridge")], []),
        # stops after today are left out
        ([stop(1)], []),
        # most stops first, then by name
        (
            [
                *(stop(-5, "Plank"), stop(-4, "Plank")),
                *(stop(-3, "Bridge"), stop(-2, "Bridge"), stop(-1, "Bridge")),
                *(stop(-2, "Bird-dog"), stop(-1, "Bird-dog")),
            ],
            [("Morning", "Bridge"), ("Morning", "Bird-dog"), ("Morning", "Plank")],
        ),
    ],
)
def test_stops(records: list[SessionRecord], expected: list[tuple[str, str]]) -> None:
    found = advice(records, TODAY)
    assert all(a.kind == "stopped" for a in found)
    assert [(a.routine_name, a.step_name) for a in found] == expected


def test_one_stop_is_said_once() -> None:
    (found,) = advice([stop(-2, "Piriformis stretch")], TODAY)
    assert found.text.startswith("You stopped Piriformis stretch (Morning) once in 4 weeks")
    assert "until a clinician" in found.text


def test_stops_text_names_the_exercise_and_the_count() -> None:
    (found,) = advice(
        [stop(-5, "Knee to chest"), stop(-3, "Knee to chest"), stop(0, "Knee to chest")], TODAY
    )
    assert "Knee to chest (Morning)" in found.text
    assert "3 times" in found.text
    assert "clinician" in found.text
    assert len(found.text) <= 160


def test_names_are_kept_as_plain_text() -> None:
    step = "[b]Bridge[/b] 50%"
    (found,) = advice([stop(0, step)], TODAY)
    assert found.step_name == step and step in found.text


def test_a_stop_without_a_step_name_names_the_routine() -> None:
    (found,) = advice([stop(-1, None), stop(0, None)], TODAY)
    assert (found.routine_name, found.step_name) == ("Morning", None)
    assert found.text.startswith("You stopped Morning 2 times")


def test_no_improvement_comes_before_the_stops() -> None:
    records = [*span([6, 6, 6], [6, 6, 6]), stop(-2), stop(-1)]
    assert kinds(advice(records, TODAY)) == ["no_improvement", "stopped"]


@given(
    offsets=st.lists(st.integers(min_value=-60, max_value=0), max_size=12),
    steps=st.lists(st.sampled_from(["Bridge", "Plank", "Bird-dog"]), min_size=12, max_size=12),
)
def test_each_exercise_stopped_in_the_last_28_days_is_named(
    offsets: list[int], steps: list[str]
) -> None:
    records = [stop(o, s) for o, s in zip(offsets, steps, strict=False)]
    found = advice(records, TODAY)
    recent = [s for o, s in zip(offsets, steps, strict=False) if o > -28]
    assert sorted(a.step_name or "" for a in found) == sorted(set(recent))
