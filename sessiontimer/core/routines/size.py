"""How big a routine's plan is, without making it (DESIGN.md section 3, "the plan"): segments and
seconds worked out from the numbers, step by step, so that a routine whose plan would be huge is
refused as it loads (a located error), before anything expands it.

Every key may be within its own limit and the plan still be absurd: 200 steps x 100 reps x 20
sets, both sides alternating, is 1.6 million segments (33 s and 3 GB to show). The limits below
are far beyond any real routine (the longest built-in is under 20 minutes and 100 segments).

The counts follow core/session/plan.py rule by rule (a zero prepare, rest or switch is left out); a
test checks them against the expansion itself for generated routines.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sessiontimer.core.base.durations import format_duration
from sessiontimer.core.base.text import quoted
from sessiontimer.core.routines.model import Routine, Step

MAX_PLAN_SEGMENTS = 5_000
MAX_PLAN_SECONDS = 8 * 3600


def step_size(step: Step, prepare: int, switch: int) -> tuple[int, int]:
    """(segments, seconds) of one step's part of the plan; self-paced sets count 0 seconds."""
    if step.kind == "rest":
        duration = step.duration or 0
        return (1, duration) if duration else (0, 0)
    segments, seconds = (1, prepare) if prepare else (0, 0)
    sides = len(step.side_list)
    switches = sides - 1
    if step.kind in ("heat", "cold"):
        return segments + 1, seconds + (step.duration or 0)
    if step.kind == "timed":
        return (
            segments + sides + (switches if switch else 0),
            seconds + sides * (step.duration or 0) + switches * switch,
        )
    if step.kind == "hold":
        units, work, between = step.reps, step.hold or 0, step.rest
    else:  # reps: one segment a set (self-paced without a tempo)
        tempo = step.tempo
        units, work, between = 1, (step.reps * (tempo + (step.hold or 0)) if tempo else 0), 0
    sets, set_rest = step.sets, step.set_rest
    set_rests = (sets - 1) if set_rest else 0
    rests = sets * (units - 1) if between else 0
    if step.sides == "both" and step.alternate:
        return (
            segments + set_rests + rests + sets * units * (2 + (1 if switch else 0)),
            seconds
            + (sets - 1) * set_rest
            + sets * (units - 1) * between
            + sets * units * (2 * work + switch),
        )
    per_side = set_rests + rests + sets * units
    per_side_seconds = (sets - 1) * set_rest + sets * (units - 1) * between + sets * units * work
    return (
        segments + sides * per_side + (switches if switch else 0),
        seconds + sides * per_side_seconds + switches * switch,
    )


def plan_size(routine: Routine) -> tuple[int, int]:
    """(segments, seconds) of the routine's whole plan."""
    return _total(routine.steps, routine.prepare, routine.switch)


def _total(steps: Sequence[Step], prepare: int, switch: int) -> tuple[int, int]:
    segments = seconds = 0
    for step in steps:
        more, longer = step_size(step, prepare, switch)
        segments, seconds = segments + more, seconds + longer
    return segments, seconds


def plan_limits(
    steps: Sequence[Step], prepare: int, switch: int
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Where the plan goes past its limits: (the path of the biggest step's key, the message)."""
    segments, seconds = _total(steps, prepare, switch)
    if segments <= MAX_PLAN_SEGMENTS and seconds <= MAX_PLAN_SECONDS:
        return
    sizes = [step_size(step, prepare, switch) for step in steps]
    key = 0 if segments > MAX_PLAN_SEGMENTS else 1
    biggest = max(range(len(steps)), key=lambda i: sizes[i][key])
    name = steps[biggest].name
    if key == 0:
        what = f"{segments:,} segments (at most {MAX_PLAN_SEGMENTS:,})"
    else:
        what = f"{format_duration(seconds)} (at most {MAX_PLAN_SECONDS // 3600} hours)"
    yield (
        ("steps", biggest),
        f"the routine's plan would be {what}; the biggest part is step {biggest + 1} "
        f"({quoted(name)}: {sizes[biggest][0]:,} segments, {format_duration(sizes[biggest][1])}): "
        "use fewer reps, sets or steps, or split it into several routines",
    )
