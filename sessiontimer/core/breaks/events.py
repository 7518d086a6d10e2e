"""What the break timer reports: its phase, the view the panel and the break screen show, the
record of each break (as the history keeps it) and the events one call returned.

Front ends play the events (bell, speech, a toast, the window title, a desktop notification) and
store the ``BreakRecord`` of each ``Recorded`` event.
"""

from __future__ import annotations

from enum import StrEnum

from sessiontimer.core.base.value import value

__all__ = [
    "OUTCOMES",
    "BreakCalled",
    "BreakRecord",
    "BreakView",
    "Event",
    "OffHours",
    "Phase",
    "Recorded",
    "SittingStarted",
    "SnoozeRefused",
    "Snoozed",
    "StandingStarted",
]


class Phase(StrEnum):
    SITTING = "sitting"  # counting down to the next break
    DUE = "due"  # a break is called (or held back by a routine): waiting for an answer
    SNOOZED = "snoozed"  # a break put off for the snooze period
    STANDING = "standing"  # standing and moving: counting down to sitting again
    OFF = "off"  # outside working hours: nothing is called


@value
class BreakRecord:
    """One break, as the history keeps it. ``called_at``/``ended_at`` are calendar seconds.

    Outcomes: ``open`` (not answered yet), ``taken`` (stood up, with or without the desk
    routine), ``away`` (the machine slept or the user was away for at least a standing period),
    ``skipped`` (x), ``missed`` (never answered before working hours ended)."""

    called_at: float
    outcome: str = "open"
    ended_at: float | None = None
    snoozes: int = 0
    standing_seconds: int = 0
    routine: bool = False  # the desk routine was started


OUTCOMES = ("open", "taken", "away", "skipped", "missed")


@value
class BreakCalled:
    """Time to stand: call the break (again, when ``reminder``). ``insist``: no snooze left."""

    snoozes: int
    insist: bool
    reminder: bool = False


@value
class Snoozed:
    seconds: int
    left: int  # snoozes left for this break


@value
class SnoozeRefused:
    allowed: int  # max_snoozes


@value
class StandingStarted:
    seconds: int
    routine: bool


@value
class SittingStarted:
    """A new sitting period. ``after``: "start", "stood", "skipped", "away", "missed" (nobody
    answered) or "hours"."""

    seconds: int
    after: str


@value
class OffHours:
    resume_at: str  # "09:00"


@value
class Recorded:
    """A break's record changed: store it (the same ``called_at`` is the same break)."""

    record: BreakRecord


Event = (
    BreakCalled | Snoozed | SnoozeRefused | StandingStarted | SittingStarted | OffHours | Recorded
)


@value
class BreakView:
    """What the panel and the break screen show."""

    phase: Phase
    seconds: int | None  # the countdown (whole seconds, rounded up); None when due or off
    paused: bool
    held: bool  # a routine is running: a due break waits for its end
    snoozes: int  # snoozes used for this break
    snoozes_left: int
    resume_at: str | None  # OFF: when breaks start again ("09:00")
    routine: bool  # standing with the desk routine
