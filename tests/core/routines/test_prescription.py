"""How often a day: a routine's times_per_day is a target, except with a heat or cold pack, where
it is a maximum ("up to 3"), never a number to reach (CLINICAL.md "Heat and cold")."""

from __future__ import annotations

import pytest

from sessiontimer.core.routines.model import Routine, Step
from sessiontimer.core.routines.prescription import Prescription, prescription

STRETCH = Step(name="Stretch", kind="hold", hold=30)
HEAT = Step(name="Heat", kind="heat", duration=15 * 60)
COLD = Step(name="Cold", kind="cold", duration=10 * 60)
REST = Step(name="Rest", kind="rest", duration=60)


def test_an_exercise_routine_has_a_target() -> None:
    wanted = prescription(Routine(name="R", steps=(STRETCH,), times_per_day=2))
    assert wanted == Prescription(2, maximum=False)
    assert wanted.target == 2
    assert wanted.per_day() == "2 a day"
    assert wanted.in_words() == "2 times a day"
    assert [wanted.today(n) for n in (0, 1, 2)] == ["0 of 2", "1 of 2", "2 of 2"]
    assert [wanted.met(n) for n in (0, 1, 2)] == [False, False, True]


@pytest.mark.parametrize("steps", [(HEAT,), (COLD,), (STRETCH, REST, HEAT)])
def test_a_routine_with_a_pack_has_a_maximum(steps: tuple[Step, ...]) -> None:
    wanted = prescription(Routine(name="R", steps=steps, times_per_day=3))
    assert wanted.maximum
    assert wanted.per_day() == "up to 3 a day"
    assert wanted.in_words() == "up to 3 times a day"
    assert wanted.today(0) == "0, up to 3"
    assert wanted.today(3) == "3, up to 3"
    assert wanted.target == 1  # one pack meets the day: the other two are not missed
    assert wanted.met(1)


def test_once_a_day() -> None:
    assert prescription(Routine(name="R", steps=(STRETCH,))).in_words() == "once a day"
    assert prescription(Routine(name="R", steps=(HEAT,))).in_words() == "up to once a day"
