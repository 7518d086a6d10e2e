"""Expansion of a Routine into a flat list of Segments (DESIGN.md section 3, "the plan").

Conventions for the numbers each segment carries (all 1-based):
- a work segment (hold, reps, timed, heat, cold, rest step) carries its own set and rep;
  a ``reps`` segment is a whole set and a timed/heat/cold/rest-step segment a whole step, so their rep is 1;
- a segment that leads into work (``prepare``, a ``rest`` between holds or sets, ``switch``) carries the
  side, set and rep of the work segment that follows it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection
from dataclasses import asdict
from typing import Literal

from sessiontimer.core.base.value import value
from sessiontimer.core.routines.model import Routine, Step

SegmentKind = Literal["prepare", "hold", "reps", "timed", "heat", "cold", "rest", "switch"]
WORK_KINDS = frozenset({"hold", "reps", "timed", "heat", "cold"})

# add(kind, side, set, rep, seconds): appends one segment of the step being expanded
_Add = Callable[[SegmentKind, "str | None", int, int, "int | None"], None]


@value
class Segment:
    kind: SegmentKind
    step: int
    step_name: str
    side: str | None
    set: int
    rep: int
    seconds: int | None  # None: a self-paced set, ended by the user

    @property
    def self_paced(self) -> bool:
        return self.seconds is None

    @property
    def uses_wall_clock(self) -> bool:
        """Heat and cold packs keep counting while the machine sleeps (DESIGN.md section 1)."""
        return self.kind in ("heat", "cold")

    def to_json(self) -> dict[str, object]:
        return asdict(self)


@value
class Plan:
    routine: Routine
    segments: tuple[Segment, ...]

    @property
    def total_seconds(self) -> int:
        return sum(s.seconds or 0 for s in self.segments)

    @property
    def self_paced(self) -> int:
        """How many segments are self-paced (not counted in the total)."""
        return sum(1 for s in self.segments if s.seconds is None)

    def __len__(self) -> int:
        return len(self.segments)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.routine.id,
            "name": self.routine.name,
            "total_seconds": self.total_seconds,
            "self_paced": self.self_paced,
            "segments": [s.to_json() for s in self.segments],
        }


def is_work(plan: Plan, segment: Segment) -> bool:
    """A segment of the work itself (a hold, a set, timed work, a pack, a rest step's rest); not
    a get-ready, a switch or a rest between holds or sets."""
    if segment.kind in ("prepare", "switch"):
        return False
    if segment.kind == "rest":
        return plan.routine.steps[segment.step].kind == "rest"
    return True


def leave_out(plan: Plan, step_names: Collection[str]) -> Plan:
    """The plan without the steps named (a safety stop left them out, CLINICAL.md "After a
    safety stop"); the same plan when none of them is in it. May leave no step at all: the caller
    says so rather than starting an empty session."""
    steps = tuple(step for step in plan.routine.steps if step.name not in step_names)
    if len(steps) == len(plan.routine.steps):
        return plan
    return build_plan(dataclasses.replace(plan.routine, steps=steps))


def build_plan(routine: Routine) -> Plan:
    segments: list[Segment] = []
    for index, step in enumerate(routine.steps):
        segments.extend(_expand_step(routine, index, step))
    return Plan(routine=routine, segments=tuple(segments))


def _expand_step(routine: Routine, index: int, step: Step) -> list[Segment]:
    out: list[Segment] = []

    def add(
        kind: SegmentKind, side: str | None, set_no: int, rep: int, seconds: int | None
    ) -> None:
        if seconds == 0 and kind in ("prepare", "rest", "switch"):
            return  # rules 1, 2 and 6: a zero prepare, rest or switch is left out
        out.append(Segment(kind, index, step.name, side, set_no, rep, seconds))

    if step.kind == "rest":
        add("rest", None, 1, 1, step.duration)
        return out

    # Rule 1: one prepare before the step, leading into its first work segment.
    first_side = step.side_list[0]
    add("prepare", first_side, 1, 1, routine.prepare)

    if step.kind in ("heat", "cold"):
        add(step.kind, None, 1, 1, step.duration)
    elif step.kind == "timed":
        for n, side in enumerate(step.side_list):
            if n:
                add("switch", side, 1, 1, routine.switch)
            add("timed", side, 1, 1, step.duration)
    elif step.kind == "hold":
        _expand_hold(routine, step, add)
    else:
        _expand_reps(routine, step, add)
    return out


def _expand_sets(
    routine: Routine,
    step: Step,
    add: _Add,
    kind: SegmentKind,
    units: int,
    seconds: int | None,
    between: int,
) -> None:
    """Rules 2-4: ``units`` work segments per set (``between`` seconds of rest between two of them),
    ``set_rest`` between sets, a ``switch`` between sides; alternating sides unit by unit."""
    if step.sides == "both" and step.alternate:
        # Rule 3, alternating: per unit, left, switch, right; rest between units and between sets.
        for set_no in range(1, step.sets + 1):
            if set_no > 1:
                add("rest", "left", set_no, 1, step.set_rest)
            for unit in range(1, units + 1):
                if unit > 1:
                    add("rest", "left", set_no, unit, between)
                add(kind, "left", set_no, unit, seconds)
                add("switch", "right", set_no, unit, routine.switch)
                add(kind, "right", set_no, unit, seconds)
        return
    # Rules 2 and 3 (not alternating): everything on one side, then a switch, then the other.
    for n, side in enumerate(step.side_list):
        if n:
            add("switch", side, 1, 1, routine.switch)
        for set_no in range(1, step.sets + 1):
            if set_no > 1:
                add("rest", side, set_no, 1, step.set_rest)
            for unit in range(1, units + 1):
                if unit > 1:
                    add("rest", side, set_no, unit, between)
                add(kind, side, set_no, unit, seconds)


def _expand_hold(routine: Routine, step: Step, add: _Add) -> None:
    # Rules 2 and 3: each rep is one hold segment, with `rest` between two holds.
    _expand_sets(routine, step, add, "hold", step.reps, step.hold or 0, step.rest)


def _expand_reps(routine: Routine, step: Step, add: _Add) -> None:
    # Rule 4: each set on each side is one reps segment; timed with a tempo, else self-paced.
    seconds = step.reps * (step.tempo + (step.hold or 0)) if step.tempo is not None else None
    _expand_sets(routine, step, add, "reps", 1, seconds, 0)
