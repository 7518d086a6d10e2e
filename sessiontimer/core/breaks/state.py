"""What the sit/stand break timer knows, and what can be read from it: paused, held, the break
being dealt with, the view the panel shows, and when to look again.

``BreakTimerState`` changes nothing; the transitions (time passing, the user's keys) are
:class:`~sessiontimer.core.breaks.timer.BreakTimer`'s.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

from sessiontimer.core.base.clock import Clock
from sessiontimer.core.breaks.events import BreakRecord, BreakView, Phase
from sessiontimer.core.breaks.settings import BreakSettings, check_settings

__all__ = ["BreakTimerState"]

EPSILON = 1e-6


def _local(epoch: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(epoch)


class BreakTimerState:
    """The timer's state over its settings, a Clock and a ``local`` function (calendar seconds ->
    local date and time)."""

    def __init__(
        self,
        settings: BreakSettings,
        clock: Clock,
        local: Callable[[float], dt.datetime] = _local,
    ) -> None:
        check_settings(settings)
        self.settings = settings
        self._clock = clock
        self._local = local
        self.phase = Phase.OFF
        self._deadline: float | None = None  # wall clock; SITTING, SNOOZED, STANDING
        self._called = False  # DUE: the break has been called (not held back)
        self._next_call: float | None = None  # DUE: the next reminder (wall)
        self._snoozes = 0
        self._record: BreakRecord | None = None  # the break being dealt with
        self._stand_start: float | None = None  # wall
        self._routine = False
        self._paused_at: float | None = None
        self._held = False
        self._hold_ended: float | None = None  # wall: when the desk routine ended
        self._returned: float | None = None  # wall: the end of the last absence counted
        self._first_call: float | None = None  # wall: when this break was first called
        self._last: tuple[float, float] | None = None  # (wall, monotonic) at the last look
        self._started = False

    # --- reading ---------------------------------------------------------------------------
    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    @property
    def held(self) -> bool:
        return self._held

    @property
    def record(self) -> BreakRecord | None:
        """The break being dealt with now (called, snoozed or standing), if any."""
        return self._record

    def view(self) -> BreakView:
        wall = self._clock.wall()
        seconds: int | None = None
        if self._deadline is not None and self.phase is not Phase.DUE:
            until = self._paused_at if self._paused_at is not None else wall
            seconds = max(0, math.ceil(self._deadline - until - EPSILON))
        hours = self.settings.working_hours
        return BreakView(
            phase=self.phase,
            seconds=seconds,
            paused=self.paused,
            held=self._held,
            snoozes=self._snoozes,
            snoozes_left=max(0, self.settings.max_snoozes - self._snoozes),
            resume_at=hours.start_text if hours is not None and self.phase is Phase.OFF else None,
            routine=self._routine and self.phase is Phase.STANDING,
        )

    def wake_in(self, display: bool = True) -> float | None:
        """Wall seconds until something next changes: the countdown's next whole second (when it
        is on screen), a deadline, a reminder, or a working-hours check (once a minute)."""
        wall = self._clock.wall()
        targets: list[float] = []
        if self.settings.working_hours is not None:
            targets.append(wall + 60 - (self._clock.epoch() % 60))
        if self._paused_at is None:
            if self._deadline is not None and self.phase is not Phase.DUE:
                remaining = self._deadline - wall
                if display and remaining > 0:
                    shown = math.ceil(remaining - EPSILON)
                    targets.append(self._deadline - (shown - 1))
                elif remaining > 0 or not (self._routine and self._held):
                    targets.append(self._deadline)  # (a routine holding standing: its end)
            if self.phase is Phase.DUE and self._next_call is not None and not self._held:
                targets.append(self._next_call)
        if not targets:
            return None
        return max(0.0, min(targets) - wall)

    # --- inner readings --------------------------------------------------------------------
    def _standing_over(self, wall: float) -> bool:
        assert self._deadline is not None
        return wall >= self._deadline - EPSILON and not (self._routine and self._held)

    def _stand_end(self, wall: float) -> float:
        """When standing ended: at its deadline, or when the desk routine ended after it."""
        assert self._deadline is not None
        end = self._deadline
        if self._routine and self._hold_ended is not None:
            end = max(end, self._hold_ended)
        return min(wall, end)

    def _epoch_at(self, wall: float) -> float:
        """Calendar seconds at a past wall-clock reading."""
        return self._clock.epoch() - (self._clock.wall() - wall)

    def _in_hours(self) -> bool:
        hours = self.settings.working_hours
        return hours is None or hours.contains(self._local(self._clock.epoch()))
