"""Routines the tests share: the example of DESIGN.md section 3, and Hypothesis strategies that
draw valid routines (any text a name or a description may hold, every kind of step, every limit)."""

from __future__ import annotations

import dataclasses
from typing import Any

from hypothesis import strategies as st

from sessiontimer.core.base.text import clean_block, clean_line
from sessiontimer.core.routines.model import KINDS, SIDES, Routine, Step
from sessiontimer.core.routines.packs import MAX_PACK_SECONDS, MAX_PACK_TIMES_PER_DAY, PACKS
from sessiontimer.core.routines.size import (
    MAX_PLAN_SECONDS,
    MAX_PLAN_SEGMENTS,
    plan_size,
    step_size,
)

# The example of DESIGN.md section 3.
DESIGN_EXAMPLE = """\
name = "Knee to chest"
prepare = "5s"
switch = "5s"

[[steps]]
name = "Single knee to chest"
hold = "30s"
reps = 3
sides = "both"
rest = "10s"
"""


# -- valid routines (they survive dump -> load) -----------------------------------------------------
SAFE_TEXT = st.text(st.characters(codec="utf-8"), max_size=40)
NAMES = SAFE_TEXT.map(clean_line).filter(bool)
BLOCKS = st.text(st.characters(codec="utf-8"), max_size=80).map(clean_block)
CUES = st.lists(NAMES, max_size=5).map(tuple)
ANY_SECONDS = st.integers(0, 7200)
SOME_SECONDS = st.integers(1, 7200)


@st.composite
def steps(draw: st.DrawFn) -> Step:
    kind = draw(st.sampled_from(KINDS))
    common: dict[str, Any] = {
        "name": draw(NAMES),
        "kind": kind,
        "how": draw(BLOCKS),
        "cues": draw(CUES),
    }
    if kind in ("hold", "reps"):
        sides = draw(st.sampled_from(SIDES))
        common.update(
            reps=draw(st.integers(1, 100)),
            sets=draw(st.integers(1, 20)),
            sides=sides,
            alternate=sides == "both" and draw(st.booleans()),
            set_rest=draw(ANY_SECONDS),
        )
    if kind in ("hold", "reps", "timed"):
        common.update(progress=draw(st.booleans()))
    if kind in ("hold", "reps"):  # a cap is never below what it caps
        common.update(max_reps=draw(st.none() | st.integers(common["reps"], 100)))
    if kind == "hold":
        hold = draw(SOME_SECONDS)
        max_hold = draw(st.none() | st.integers(hold, 7200))
        common.update(hold=hold, rest=draw(ANY_SECONDS), max_hold=max_hold)
    elif kind == "reps":
        common.update(hold=draw(st.none() | ANY_SECONDS), tempo=draw(st.none() | SOME_SECONDS))
    elif kind == "timed":
        duration = draw(SOME_SECONDS)
        common.update(
            duration=duration,
            sides=draw(st.sampled_from(SIDES)),
            max_duration=draw(st.none() | st.integers(duration, 7200)),
        )
    elif kind in ("heat", "cold"):
        common.update(duration=draw(st.integers(1, 1200)), check_every=draw(st.integers(1, 300)))
    else:
        common.update(duration=draw(SOME_SECONDS))
    return Step(**common)


def within_pack_limits(routine: Routine) -> Routine:
    """The routine made to keep the limits across steps (core/routines/packs.py): a walk goes
    between packs that would stay on for more than 20 minutes together, and a routine with a
    pack is done 3 times a day at most."""
    kept: list[Step] = []
    together = 0
    for step in routine.steps:
        if step.kind in PACKS:
            if together + (step.duration or 0) > MAX_PACK_SECONDS:
                kept.append(Step(name="walk between the packs", kind="timed", duration=60))
                together = 0
            together += step.duration or 0
        elif step.kind != "rest":
            together = 0
        kept.append(step)
    packs = any(step.kind in PACKS for step in kept)
    times = min(routine.times_per_day, MAX_PACK_TIMES_PER_DAY) if packs else routine.times_per_day
    return dataclasses.replace(routine, steps=tuple(kept), times_per_day=times)


def within_plan_limits(routine: Routine) -> Routine:
    """The routine made to keep its plan within the size limits (core/routines/size.py): the
    biggest step loses sets, then reps, then becomes a one-second step (a pack stays a pack, any
    other step a timed one, so packs are never brought together); last, the get-ready time is
    halved."""
    steps = list(routine.steps)
    while True:
        routine = dataclasses.replace(routine, steps=tuple(steps))
        segments, seconds = plan_size(routine)
        if segments <= MAX_PLAN_SEGMENTS and seconds <= MAX_PLAN_SECONDS:
            return routine
        sizes = [step_size(step, routine.prepare, routine.switch) for step in steps]
        big = max(range(len(steps)), key=lambda i: sizes[i][0] * 10_000 + sizes[i][1])
        step = steps[big]
        tiny = Step(name=step.name, kind=step.kind if step.kind in PACKS else "timed", duration=1)
        if step.sets > 1:
            steps[big] = dataclasses.replace(step, sets=max(1, step.sets // 2))
        elif step.reps > 1:
            steps[big] = dataclasses.replace(step, reps=max(1, step.reps // 2))
        elif step != tiny:
            steps[big] = tiny
        else:  # every step is as small as a step gets: the get-ready time is what is long
            routine = dataclasses.replace(routine, prepare=routine.prepare // 2)


ROUTINES = (
    st.builds(
        Routine,
        name=NAMES,
        steps=st.lists(steps(), min_size=1, max_size=6).map(tuple),
        description=BLOCKS,
        times_per_day=st.integers(1, 12),
        prepare=ANY_SECONDS,
        switch=ANY_SECONDS,
    )
    .map(within_pack_limits)
    .map(within_plan_limits)
)
