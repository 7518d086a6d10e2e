"""What falls due inside one segment of a session: the countdown, halfway, breathe, skin-check,
rep and side-switch-warning events and the moment each is due, and where the side changes.

Pure arithmetic on the plan; the Session fires the events as its clock reaches them.
"""

from __future__ import annotations

from sessiontimer.core.session.events import (
    Breathe,
    Countdown,
    Event,
    Halfway,
    Rep,
    SideSwitchComing,
    SkinCheck,
)
from sessiontimer.core.session.plan import Plan, Segment

__all__ = ["Due", "is_side_change", "schedule"]

COUNTDOWN_FROM = 3  # Countdown at 3, 2 and 1 plan-seconds before a timed segment ends
SIDE_SWITCH_WARNING = 5  # SideSwitchComing this many plan-seconds before the side changes
HALFWAY_MIN_HOLD = 20  # Halfway only in holds at least this long
BREATHE_EVERY = 15  # Breathe every 15 plan-seconds in hold and timed segments ...
BREATHE_MIN_LEFT = 3  # ... but not when fewer than 3 plan-seconds remain


class Due:
    """An event of the current segment, due when remaining <= ``mark`` (timed segments) or when
    elapsed >= ``mark`` (self-paced ones); ``rank`` orders events due at the same moment."""

    __slots__ = ("event", "mark", "rank")

    def __init__(self, mark: float, rank: int, event: Event) -> None:
        self.mark = mark
        self.rank = rank
        self.event = event


def schedule(plan: Plan, index: int, switch_at: tuple[bool, ...]) -> list[Due]:
    """The events inside segment ``index`` of ``plan``, in the order they fall due.
    ``switch_at[i]``: entering segment i (going forward) is a change of side."""
    segment = plan.segments[index]
    seconds = segment.seconds
    switch_next = index + 1 < len(plan.segments) and switch_at[index + 1]
    next_side = plan.segments[index + 1].side if switch_next else None
    if seconds is None:  # self-paced: only the side-switch warning, at its start
        if next_side is not None:
            return [Due(0.0, 0, SideSwitchComing(next_side, index))]
        return []
    due: list[Due] = []  # mark = plan-seconds remaining when it falls due
    if segment.uses_wall_clock:
        every = plan.routine.steps[segment.step].check_every
        if every > 0:
            due.extend(
                Due(float(seconds - at), 0, SkinCheck(index, at))
                for at in range(every, seconds, every)
            )
    if segment.kind == "hold" and seconds >= HALFWAY_MIN_HOLD:
        due.append(Due(seconds / 2, 1, Halfway(index)))
    if segment.kind == "reps":
        due.extend(_reps(plan, segment, index, seconds))
    if segment.kind in ("hold", "timed"):
        due.extend(
            Due(float(seconds - at), 2, Breathe(index))
            for at in range(BREATHE_EVERY, seconds - BREATHE_MIN_LEFT + 1, BREATHE_EVERY)
        )
    if next_side is not None:
        due.append(
            Due(float(min(SIDE_SWITCH_WARNING, seconds)), 3, SideSwitchComing(next_side, index))
        )
    due.extend(
        Due(float(left), 4, Countdown(left))
        for left in range(COUNTDOWN_FROM, 0, -1)
        if left <= seconds
    )
    due.sort(key=lambda d: (-d.mark, d.rank))
    return due


def _reps(plan: Plan, segment: Segment, index: int, seconds: int) -> list[Due]:
    """A set with a tempo: one Rep at the start of each repetition (tempo + hold seconds each),
    the first as the set starts."""
    step = plan.routine.steps[segment.step]
    every = (step.tempo or 0) + (step.hold or 0)
    if every <= 0:
        return []
    reps = min(step.reps, seconds // every)
    return [
        Due(float(seconds - (rep - 1) * every), 0, Rep(index, rep, reps))
        for rep in range(1, reps + 1)
    ]


def is_side_change(segments: tuple[Segment, ...], index: int) -> bool:
    """Entering ``segments[index]`` means changing sides: a ``switch`` segment, or (with no switch
    segment: switch time 0, or a rest between alternating reps) the side differs from the previous
    segment of the same step."""
    segment = segments[index]
    if segment.side is None:
        return False
    if segment.kind == "switch":
        return True
    if index == 0:
        return False
    previous = segments[index - 1]
    return (
        previous.step == segment.step
        and previous.side is not None
        and previous.side != segment.side
    )
