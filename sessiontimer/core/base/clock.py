"""Clocks for the session (DESIGN.md section 1).

Two time bases, both in seconds:

- ``monotonic()`` stops while the machine is suspended: exercise segments run on it, so a suspended
  laptop pauses the exercise;
- ``wall()`` keeps counting while the machine sleeps (``CLOCK_BOOTTIME`` where the platform has
  it, else ``time.time()``): heat and cold packs and the sit/stand timer run on it, because a pack
  stays on the skin while the laptop sleeps.

A third reading, ``epoch()``, is calendar time (seconds since 1970, ``time.time()``): it may jump
when the clock is set, so nothing is timed with it; it only dates things (the day the red-flag
questions were answered, when a session started).

``FakeClock`` drives all three by hand in tests; ``sleep()`` simulates a suspended laptop.
"""

from __future__ import annotations

import time
from typing import Protocol

__all__ = ["Clock", "FakeClock", "SystemClock"]


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds on a clock that never goes back and stops while the machine is suspended."""
        ...

    def wall(self) -> float:
        """Seconds on a clock that keeps counting while the machine is suspended."""
        ...

    def epoch(self) -> float:
        """Calendar time: seconds since 1970-01-01 UTC (for dates, never for timing)."""
        ...


def _boottime_id() -> int | None:
    clock_id: int | None = getattr(time, "CLOCK_BOOTTIME", None)
    if clock_id is None:
        return None
    try:
        time.clock_gettime(clock_id)
    except OSError:  # an old kernel without CLOCK_BOOTTIME
        return None
    return clock_id


class SystemClock:
    """The real clocks of this machine."""

    def __init__(self) -> None:
        self._boottime = _boottime_id()

    def monotonic(self) -> float:
        return time.monotonic()

    def wall(self) -> float:
        if self._boottime is not None:
            return time.clock_gettime(self._boottime)
        return time.time()

    def epoch(self) -> float:
        return time.time()


FAKE_EPOCH = 1_795_251_600.0  # 2026-11-21 09:00 UTC


class FakeClock:
    """A clock moved by hand. Both time bases start at ``start``; the calendar at ``epoch``."""

    def __init__(self, start: float = 1000.0, epoch: float = FAKE_EPOCH) -> None:
        self._monotonic = float(start)
        self._wall = float(start)
        self._epoch_offset = float(epoch) - float(start)

    def monotonic(self) -> float:
        return self._monotonic

    def wall(self) -> float:
        return self._wall

    def epoch(self) -> float:
        """The calendar moves with the wall clock (it keeps going while the machine sleeps)."""
        return self._wall + self._epoch_offset

    def advance(self, seconds: float) -> None:
        """Time passes with the machine awake: both clocks move."""
        if seconds < 0:
            raise ValueError("a clock cannot go back")
        self._monotonic += seconds
        self._wall += seconds

    def set_calendar(self, epoch: float) -> None:
        """The calendar clock is set (by hand, or by NTP): only ``epoch()`` jumps."""
        self._epoch_offset = float(epoch) - self._wall

    def sleep(self, seconds: float) -> None:
        """The machine is suspended: the wall clock moves, the monotonic one does not."""
        if seconds < 0:
            raise ValueError("a clock cannot go back")
        self._wall += seconds
