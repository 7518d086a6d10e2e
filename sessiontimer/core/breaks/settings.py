"""The settings of the sit/stand break timer (``[breaks]`` in config.toml): the periods and their
limits, snoozes, the desk routine, working hours.

Pure values; the timer that runs on them is :mod:`sessiontimer.core.breaks.timer`.
"""

from __future__ import annotations

import datetime as dt

from sessiontimer.core.base.value import value

__all__ = ["MAX_PERIOD", "MIN_PERIOD", "BreakSettings", "WorkingHours", "check_settings"]

MIN_PERIOD = 1  # seconds: the shortest sit, stand or snooze period
MAX_PERIOD = 4 * 60 * 60  # 4 h: the longest


@value
class WorkingHours:
    """Local clock times in minutes after midnight; ``end`` may be before ``start`` (a night
    shift: the hours cross midnight). ``end`` 1440 is midnight at the end of the day."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (0 <= self.start < 24 * 60 and 0 <= self.end <= 24 * 60):
            raise ValueError("working hours are minutes after midnight")
        if self.start == self.end % (24 * 60):
            raise ValueError("working hours must not start and end at the same time")

    def contains(self, moment: dt.datetime) -> bool:
        minute = moment.hour * 60 + moment.minute
        if self.start < self.end:
            return self.start <= minute < self.end
        return minute >= self.start or minute < self.end

    def __str__(self) -> str:
        return f"{_hhmm(self.start)}-{_hhmm(self.end)}"

    @property
    def start_text(self) -> str:
        return _hhmm(self.start)


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@value
class BreakSettings:
    """``[breaks]`` in config.toml (with the command line's ``--sit``/``--stand`` applied)."""

    sit: int = 25 * 60
    stand: int = 3 * 60
    snooze: int = 5 * 60
    max_snoozes: int = 2
    routine: str = "desk-break"
    working_hours: WorkingHours | None = None  # None: any time
    sound: str | None = None  # speech, bell or off; None: as the top-level `sound`


def check_settings(settings: BreakSettings) -> None:
    """ValueError unless every period is within the limits and no snooze count is negative."""
    for name in ("sit", "stand", "snooze"):
        seconds = getattr(settings, name)
        if not MIN_PERIOD <= seconds <= MAX_PERIOD:
            raise ValueError(f"{name} must be between 1 s and 4 h, not {seconds} s")
    if settings.max_snoozes < 0:
        raise ValueError("max_snoozes cannot be negative")
