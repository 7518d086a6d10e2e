"""How often a day a routine is done, as home, ``list`` and ``show`` say it, and what adherence
counts.

A routine's ``times_per_day`` is a target ("1 of 2" on home: two a day is the aim), except in a
routine with a heat or cold pack, where it is a maximum (CLINICAL.md "Heat and cold": heat at most 3
times a day; cold not again within 2 hours). There it is shown as "up to 3", and one session is
enough for the day: adherence never counts the rest as missed, and home never asks for more.
"""

from __future__ import annotations

from dataclasses import dataclass

from sessiontimer.core.routines.model import Routine
from sessiontimer.core.routines.packs import PACKS


@dataclass(frozen=True)
class Prescription:
    times: int  # the routine's times_per_day
    maximum: bool  # True: at most this many times a day; False: this many is the aim

    @property
    def target(self) -> int:
        """The sessions that meet the day: ``times``, or 1 when ``times`` is a maximum."""
        return 1 if self.maximum else self.times

    def per_day(self) -> str:
        """ "2 a day", or "up to 3 a day" (home before the history is read, ``list``)."""
        return f"up to {self.times} a day" if self.maximum else f"{self.times} a day"

    def in_words(self) -> str:
        """ "once a day", "2 times a day", "up to 3 times a day" (``show``)."""
        times = "once" if self.times == 1 else f"{self.times} times"
        return f"up to {times} a day" if self.maximum else f"{times} a day"

    def today(self, done: int) -> str:
        """Done today against it (home's Today column): "1 of 2", or "1, up to 3"."""
        return f"{done}, up to {self.times}" if self.maximum else f"{done} of {self.times}"

    def met(self, done: int) -> bool:
        """Enough for today: the target reached (a maximum is never a number to reach)."""
        return done >= self.target


def prescription(routine: Routine) -> Prescription:
    """The routine's times a day: a maximum when it has a heat or cold step."""
    maximum = any(step.kind in PACKS for step in routine.steps)
    return Prescription(routine.times_per_day, maximum)
