"""The progression's caps on a step (DESIGN.md section 3): max_hold, max_reps, max_duration and
progress as read from a file, their defaults exactly as the table gives them, and a cap equal to
what it caps is allowed (the wrong ones are rows of tests/support/bad_routines.py)."""

from __future__ import annotations

import pytest

from sessiontimer.core.routines.caps import duration_cap, hold_cap, reps_cap
from sessiontimer.core.routines.loader import load_text
from sessiontimer.core.routines.model import Routine, Step
from sessiontimer.core.routines.writer import dump_routine


def one_step(body: str) -> Step:
    routine = load_text(f'name = "R"\n[[steps]]\nname = "S"\n{body}\n')
    assert isinstance(routine, Routine), [str(p) for p in routine]
    return routine.steps[0]


def test_the_keys_are_read() -> None:
    hold = one_step('hold = "8s"\nreps = 5\nmax_hold = "10s"\nmax_reps = 10\nprogress = false')
    assert (hold.max_hold, hold.max_reps, hold.progress) == (10, 10, False)
    timed = one_step('duration = "5m"\nmax_duration = "30m"')
    assert (timed.max_duration, timed.progress) == (1800, True)
    reps = one_step("reps = 10\ntempo = 3\nmax_reps = 15")
    assert reps.max_reps == 15


def test_without_them_nothing_is_set() -> None:
    step = one_step('hold = "30s"')
    assert (step.max_hold, step.max_reps, step.max_duration, step.progress) == (
        None,
        None,
        None,
        True,
    )


@pytest.mark.parametrize(
    ("body", "hold", "reps"),
    [
        # holds of 20 s or more: 60 s, the reps as written
        ('hold = "30s"\nreps = 3', 60, 3),
        ('hold = "20s"\nreps = 2', 60, 2),
        ('hold = "90s"', 60, 1),  # a default below the hold: the hold stays as it is
        # holds under 20 s: the hold itself, 15 reps
        ('hold = "19s"\nreps = 3', 19, 15),
        ('hold = "5s"\nreps = 10', 5, 15),
        # written caps win
        ('hold = "8s"\nreps = 5\nmax_hold = "10s"\nmax_reps = 10', 10, 10),
        ('hold = "15s"\nreps = 2\nmax_hold = "1m"\nmax_reps = 3', 60, 3),
        ('hold = "30s"\nreps = 3\nmax_reps = 4', 60, 4),
    ],
)
def test_hold_step_defaults(body: str, hold: int, reps: int) -> None:
    step = one_step(body)
    assert (hold_cap(step), reps_cap(step)) == (hold, reps)


def test_reps_and_timed_defaults() -> None:
    assert reps_cap(one_step("reps = 10\ntempo = 3")) == 15
    assert reps_cap(one_step("reps = 20")) == 15  # over the default: the reps stay
    assert reps_cap(one_step('reps = 6\ntempo = 2\nhold = "30s"')) == 15  # a reps step's hold
    assert duration_cap(one_step('duration = "5m"')) == 300
    assert duration_cap(one_step('duration = "5m"\nmax_duration = "30m"')) == 1800


def test_a_cap_equal_to_its_value_is_allowed() -> None:
    step = one_step('hold = "30s"\nreps = 3\nmax_hold = 30\nmax_reps = 3')
    assert (hold_cap(step), reps_cap(step)) == (30, 3)
    assert duration_cap(one_step('duration = "2m"\nmax_duration = "2m"')) == 120


def test_the_writer_writes_the_caps_back() -> None:
    text = 'name = "R"\n[[steps]]\nname = "S"\nhold = "8s"\nmax_hold = "10s"\nmax_reps = 10\n'
    text += '[[steps]]\nname = "Walk"\nduration = "5m"\nmax_duration = "30m"\n'
    text += '[[steps]]\nname = "Roll"\nhold = "5s"\nprogress = false\n'
    routine = load_text(text)
    assert isinstance(routine, Routine)
    written = dump_routine(routine)
    assert 'max_hold = "10s"' in written and "max_reps = 10" in written
    assert 'max_duration = "30m"' in written and "progress = false" in written
    assert load_text(written) == routine
