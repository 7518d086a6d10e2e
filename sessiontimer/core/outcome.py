"""What became of each step of a session: done, partly done, skipped or not reached.

A step's *work* is its exercise segments (holds, sets, timed work, a pack, a rest step's rest); the
get-ready, switch and in-between rests do not count, so running through a get-ready and skipping
every hold is a skipped step, not a done one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sessiontimer.core.plan import Plan, Segment

StepResult = Literal["done", "partial", "skipped", "not reached"]


@dataclass(frozen=True)
class StepOutcome:
    step: int
    name: str
    result: StepResult
    work_done: int  # work segments done
    work_total: int


def is_work(plan: Plan, segment: Segment) -> bool:
    if segment.kind in ("prepare", "switch"):
        return False
    if segment.kind == "rest":
        return plan.routine.steps[segment.step].kind == "rest"
    return True


def step_outcomes(
    plan: Plan, outcomes: Sequence[str | None], ended_in: int | None = None
) -> list[StepOutcome]:
    """One outcome per step, from the per-segment outcomes ("done", "skipped" or None).

    ``ended_in`` is the segment a stopped or left session ended in: it was reached, not done.
    """
    if len(outcomes) != len(plan.segments):
        raise ValueError("one outcome per segment")
    work: dict[int, list[str | None]] = {i: [] for i in range(len(plan.routine.steps))}
    for index, (segment, outcome) in enumerate(zip(plan.segments, outcomes, strict=True)):
        if outcome is None and index == ended_in:
            outcome = "cut short"
        if is_work(plan, segment):
            work[segment.step].append(outcome)
    result: list[StepOutcome] = []
    for index, step in enumerate(plan.routine.steps):
        marks = work[index]
        done = sum(1 for m in marks if m == "done")
        reached = sum(1 for m in marks if m is not None)
        verdict: StepResult
        if marks and done == len(marks):
            verdict = "done"
        elif done:
            verdict = "partial"
        elif reached:
            verdict = "skipped"
        else:
            verdict = "not reached"
        result.append(StepOutcome(index, step.name, verdict, done, len(marks)))
    return result
