"""What became of each step of a session: done, partly done, skipped or not reached.

A step's *work* is its exercise segments (holds, sets, timed work, a pack, a rest step's rest); the
get-ready, switch and in-between rests do not count, so running through a get-ready and skipping
every hold is a skipped step, not a done one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from sessiontimer.core.session.plan import Plan, is_work

__all__ = ["StepOutcome", "StepResult", "is_work", "step_outcomes", "tally_steps"]

StepResult = Literal["done", "partial", "skipped", "not reached"]


@dataclass(frozen=True)
class StepOutcome:
    step: int
    name: str
    result: StepResult
    work_done: int  # work segments done
    work_total: int


def step_outcomes(
    plan: Plan, outcomes: Sequence[str | None], ended_in: int | None = None
) -> list[StepOutcome]:
    """One outcome per step, from the per-segment outcomes ("done", "skipped" or None).

    ``ended_in`` is the segment a stopped or left session ended in: it was reached, not done.
    """
    if len(outcomes) != len(plan.segments):
        raise ValueError("one outcome per segment")
    marks = [
        (segment.step, "cut short" if outcome is None and index == ended_in else outcome)
        for index, (segment, outcome) in enumerate(zip(plan.segments, outcomes, strict=True))
        if is_work(plan, segment)
    ]
    return tally_steps([step.name for step in plan.routine.steps], marks)


def tally_steps(
    step_names: Sequence[str], work_marks: Iterable[tuple[int, str | None]]
) -> list[StepOutcome]:
    """One outcome per step from (step index, outcome) of each work segment, in plan order.

    An outcome is "done", "skipped", "cut short" (reached but not finished) or None (not reached).
    """
    work: dict[int, list[str | None]] = {i: [] for i in range(len(step_names))}
    for step, outcome in work_marks:
        work.setdefault(step, []).append(outcome)
    result: list[StepOutcome] = []
    for index, name in enumerate(step_names):
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
        result.append(StepOutcome(index, name, verdict, done, len(marks)))
    return result
