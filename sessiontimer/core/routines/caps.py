"""The progression's caps on a step (DESIGN.md section 3, CLINICAL.md "Progression limits"):
``max_hold``, ``max_reps`` and ``max_duration`` as written, or their defaults, and the checks that a
cap is not below the value it caps (each a located problem in checker.py).

Defaults: a hold of 20 s or more is a stretch (it gets longer up to 60 s, its reps stay as
written); a shorter hold is a strength hold (it stays, and gets more reps up to 15); a reps step
gets more reps up to 15; a timed step keeps its duration.
"""

from __future__ import annotations

from collections.abc import Iterator

from sessiontimer.core.base.durations import format_duration
from sessiontimer.core.routines.model import Step

STRETCH_HOLD = 20  # seconds: a hold this long or longer is a stretch
DEFAULT_MAX_HOLD = 60  # seconds, for a stretch
DEFAULT_MAX_REPS = 15  # reps steps and strength holds


def hold_cap(step: Step) -> int:
    """The longest the progression makes ``hold`` (a hold step). A default may be below a value
    written larger (a hold of 90 s): the progression then leaves the value as it is."""
    hold = step.hold or 0
    if step.max_hold is not None:
        return step.max_hold
    return DEFAULT_MAX_HOLD if hold >= STRETCH_HOLD else hold


def reps_cap(step: Step) -> int:
    """The most reps the progression gives (a hold or reps step)."""
    if step.max_reps is not None:
        return step.max_reps
    if step.kind == "hold" and (step.hold or 0) >= STRETCH_HOLD:
        return step.reps
    return DEFAULT_MAX_REPS


def duration_cap(step: Step) -> int:
    """The longest the progression makes ``duration`` (a timed step)."""
    if step.max_duration is not None:
        return step.max_duration
    return step.duration or 0


def cap_problems(step: Step) -> Iterator[tuple[str, str]]:
    """Each cap written below the value it caps: (the cap's key, the message)."""
    if step.max_hold is not None and step.hold is not None and step.max_hold < step.hold:
        hold = format_duration(step.hold)
        yield (
            "max_hold",
            f'"max_hold" is {format_duration(step.max_hold)}, shorter than this step\'s hold '
            f"({hold}); the progression makes a hold longer up to max_hold, never shorter: make "
            f"it {hold} or more, or leave it out",
        )
    if step.max_reps is not None and step.max_reps < step.reps:
        yield (
            "max_reps",
            f'"max_reps" is {step.max_reps}, fewer than this step\'s reps ({step.reps}); the '
            "progression adds reps up to max_reps, never takes any away: make it "
            f"{step.reps} or more, or leave it out",
        )
    duration = step.duration
    if step.max_duration is not None and duration is not None and step.max_duration < duration:
        yield (
            "max_duration",
            f'"max_duration" is {format_duration(step.max_duration)}, shorter than this step\'s '
            f"duration ({format_duration(duration)}); the progression makes it longer up to "
            f"max_duration, never shorter: make it {format_duration(duration)} or more, or "
            "leave it out",
        )
