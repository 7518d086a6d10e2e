"""The size of a plan worked out without making it (core/routines/size.py), and the plan limits."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from sessiontimer.core.routines.loader import load_text
from sessiontimer.core.routines.model import Routine, Step
from sessiontimer.core.routines.size import MAX_PLAN_SEGMENTS, plan_size
from sessiontimer.core.session.plan import build_plan
from tests.support.routines import ROUTINES, steps

BOMB = """\
name = "Bomb"

[[steps]]
name = "Alternating"
hold = "1s"
reps = 100
sets = 20
sides = "both"
alternate = true
"""


@given(routine=ROUTINES)
@settings(max_examples=300)
def test_the_size_is_the_plan_s_exactly(routine: Routine) -> None:
    plan = build_plan(routine)
    assert plan_size(routine) == (len(plan), plan.total_seconds)


@given(
    step=steps(),
    prepare=st.sampled_from([0, 5]),
    switch=st.sampled_from([0, 5]),
    set_rest=st.sampled_from([0, 30]),
    rest=st.sampled_from([0, 5]),
)
@settings(max_examples=300)
def test_zero_prepare_rest_and_switch_are_counted_as_the_plan_leaves_them_out(
    step: Step, prepare: int, switch: int, set_rest: int, rest: int
) -> None:
    small = dataclasses.replace(step, sets=min(step.sets, 3), reps=min(step.reps, 4))
    if small.kind in ("hold", "reps"):
        small = dataclasses.replace(small, set_rest=set_rest)
    if small.kind == "hold":
        small = dataclasses.replace(small, rest=rest)
    routine = Routine(name="r", steps=(small,), prepare=prepare, switch=switch)
    plan = build_plan(routine)
    assert plan_size(routine) == (len(plan), plan.total_seconds)


def test_a_plan_bomb_is_a_located_error_at_once() -> None:
    text = BOMB + "".join(BOMB.split("\n\n", 1)[1] for _ in range(199))
    problems = load_text(text, "bomb.toml")
    assert isinstance(problems, list)
    [problem] = problems
    assert (problem.line, problem.col) == (3, 1)
    assert problem.message.startswith(
        "the routine's plan would be 1,600,000 segments (at most 5,000)"
    )
    assert '"Alternating": 8,000 segments' in problem.message


def test_a_long_plan_is_refused_too() -> None:
    text = 'name = "Long"\n' + "".join(
        f'[[steps]]\nname = "Walk {n}"\nduration = "2h"\n' for n in range(5)
    )
    [problem] = load_text(text, "long.toml")  # type: ignore[misc]
    assert "10h25s (at most 8 hours)" in problem.message


def test_the_limits_are_far_beyond_the_built_in_routines() -> None:
    from sessiontimer.core.routines.library import discover
    from sessiontimer.system import paths

    for entry in discover(paths.builtin_routines_dir(), None):
        assert entry.routine is not None
        segments, seconds = plan_size(entry.routine)
        assert segments * 20 < MAX_PLAN_SEGMENTS and seconds * 20 < 8 * 3600, entry.id
