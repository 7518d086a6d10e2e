"""Clocks for the session (DESIGN.md section 1).

Two time bases, both in seconds:

- ``monotonic()`` stops while the machine is suspended: exercise segments run on it, so a suspended
  laptop pauses the exercise;
- ``wall()`` keeps counting while the machine sleeps (``CLOCK_BOOTTIME`` where the platform has
  it, else ``time.time()``): heat and cold packs and the sit/stand timer run on it, because a pack
  stays on the skin while the laptop sleeps.

``FakeClock`` drives both by hand in tests; ``sleep()`` simulates a suspended laptop.
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


class FakeClock:
    """A clock moved by hand. Both time bases start at ``start``."""

    def __init__(self, start: float = 1000.0) -> None:
        self._monotonic = float(start)
        self._wall = float(start)

    def monotonic(self) -> float:
        return self._monotonic

    def wall(self) -> float:
        return self._wall

    def advance(self, seconds: float) -> None:
        """Time passes with the machine awake: both clocks move."""
        if seconds < 0:
            raise ValueError("a clock cannot go back")
        self._monotonic += seconds
        self._wall += seconds

    def sleep(self, seconds: float) -> None:
        """The machine is suspended: the wall clock moves, the monotonic one does not."""
        if seconds < 0:
            raise ValueError("a clock cannot go back")
        self._wall += seconds
