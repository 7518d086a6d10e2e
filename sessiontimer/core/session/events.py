"""The events a Session reports (DESIGN.md section 1): what happened in one call, in time order.

Front ends play them (a banner, a cue, a sound) and the history records the segments' ends; every
event is a frozen value.
"""

from __future__ import annotations

from sessiontimer.core.base.value import value
from sessiontimer.core.session.plan import Segment

__all__ = [
    "AlarmRepeat",
    "Breathe",
    "Countdown",
    "Event",
    "Halfway",
    "Left",
    "PackKeepsTiming",
    "PackOff",
    "Paused",
    "Rep",
    "Resumed",
    "RoutineDone",
    "SegmentDone",
    "SegmentStarted",
    "SideSwitch",
    "SideSwitchComing",
    "SkinCheck",
    "Stopped",
]


@value
class Event:
    """Base class of everything a session reports.

    The events whose fields are those of a base (none, or the segment's index) are not decorated
    again: they have its fields and methods. Equality still takes the class into account
    (``Halfway(3) != Breathe(3)``), and repr shows it.
    """


@value
class _OfSegment(Event):
    index: int


@value
class SegmentStarted(Event):
    index: int
    segment: Segment


@value
class SegmentDone(Event):
    index: int
    segment: Segment
    skipped: bool
    at: float  # on the segment's clock: its deadline, or the moment of the key press


@value
class SideSwitch(Event):
    side: str  # the side to change to
    index: int  # the segment that just started


@value
class SideSwitchComing(Event):
    side: str  # the side coming next
    index: int  # the current segment (the one before the change)


@value
class Countdown(Event):
    seconds_left: int  # 3, 2, 1


class Halfway(_OfSegment):
    pass


class Breathe(_OfSegment):
    pass


@value
class SkinCheck(Event):
    index: int
    elapsed: int  # plan-seconds the pack has been on


class PackOff(_OfSegment):
    pass


class AlarmRepeat(_OfSegment):
    pass


class PackKeepsTiming(_OfSegment):
    """Pause was refused: a heat or cold pack on the skin keeps its timer running."""


@value
class Rep(Event):
    """A repetition of a set with a tempo begins ("rep 3 of 10"); the first comes as the set
    starts."""

    index: int
    rep: int  # 1-based
    reps: int  # in this set


class Paused(Event):
    pass


class Resumed(Event):
    pass


@value
class RoutineDone(Event):
    """The last segment has ended. ``result``: "all" (every piece of work was done), "some"
    (some was skipped) or "none" (nothing was done: a pack declined, every step skipped); a
    session with nothing done is recorded as skipped and earns no "well done"."""

    result: str = "all"


@value
class Stopped(Event):
    reason: str


class Left(Event):
    pass
