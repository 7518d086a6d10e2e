"""The sit/stand break timer (DESIGN.md section 1): when to call a break, snoozes, standing, pauses.

Pure: it reads an injected Clock and a ``local`` function (calendar seconds -> local date and
time), and every method returns the events that happened, in order; the UI plays them (bell,
speech, a toast, the window title, a desktop notification) and stores ``BreakRecord``s.

Timing rules:

- sitting, snooze and standing periods run on the *wall* clock (it keeps counting while the machine
  sleeps); remaining time is always ``deadline - wall``, never a decremented counter;
- the machine asleep (or the user away, reported by :meth:`BreakTimer.away`) for at least a
  standing period counts as a break taken: the sitting period starts over from the return. A sleep
  is seen as wall time passing while the monotonic clock stood still;
- working hours are local clock times (they may cross midnight). Outside them nothing is called;
  on entering them the sitting period starts fresh. They are judged on the calendar clock read at
  each tick, so a clock change (DST) moves them, while the periods themselves (wall clock) do not
  move;
- a *hold* (a routine is running) keeps a due break from being called until it is released; a
  standing period ends no earlier than the hold;
- a pause (Space: a meeting) freezes the period where it is; resuming goes on from there.
"""

from __future__ import annotations

from dataclasses import replace

from sessiontimer.core.breaks.events import (
    BreakCalled,
    BreakRecord,
    Event,
    OffHours,
    Phase,
    Recorded,
    SittingStarted,
    Snoozed,
    SnoozeRefused,
    StandingStarted,
)
from sessiontimer.core.breaks.state import EPSILON, BreakTimerState

__all__ = ["BreakTimer"]

REMIND_EVERY = 120  # seconds between calls of a break nobody answered ...
INSIST_EVERY = 60  # ... and once no snooze is left
GIVE_UP_AFTER = 20 * 60  # a break unanswered this long is missed: sitting starts over, quietly


class BreakTimer(BreakTimerState):
    """The transitions: every method brings the timer up to now and returns the events that
    happened, in order."""

    # --- time passing ----------------------------------------------------------------------
    def start(self) -> list[Event]:
        """Begin: a sitting period (or off, outside working hours)."""
        if self._started:
            return self.tick()
        self._started = True
        self._last = (self._clock.wall(), self._clock.monotonic())
        events: list[Event] = []
        if self._in_hours():
            self._sit(events, "start")
        else:
            self._off(events)
        return events

    def tick(self) -> list[Event]:
        """Bring the timer up to now."""
        events: list[Event] = []
        if not self._started:
            return self.start()
        wall, mono = self._clock.wall(), self._clock.monotonic()
        assert self._last is not None
        slept = (wall - self._last[0]) - (mono - self._last[1])
        if slept >= self.settings.stand:
            self._came_back(events, wall - slept, wall)
        self._last = (wall, mono)
        self._advance(events)
        return events

    def away(self, since_wall: float) -> list[Event]:
        """The user was away (the screen was locked) from ``since_wall`` until now: at least a
        standing period counts as a break taken."""
        events = self.tick()
        wall = self._clock.wall()
        if self._returned is not None:  # the same absence, already counted (a sleep seen)
            since_wall = max(since_wall, self._returned)
        if wall - since_wall >= self.settings.stand:
            self._came_back(events, since_wall, wall)
            self._advance(events)
        return events

    def _came_back(self, events: list[Event], left: float, back: float) -> None:
        self._returned = back
        if self.phase is Phase.OFF:
            return
        if self._record is None:  # sitting: the time away is a break of its own
            self._record = BreakRecord(called_at=self._epoch_at(left))
        outcome = "taken" if self.phase is Phase.STANDING else "away"
        self._end_break(events, outcome, at_wall=left)
        if self._in_hours():  # (a pause goes on from now: _sit restarts it)
            self._sit(events, "away")
        else:
            self._off(events)

    def _advance(self, events: list[Event]) -> None:
        wall = self._clock.wall()
        in_hours = self._in_hours()
        if not in_hours and self.phase is not Phase.OFF:
            if self.phase is Phase.STANDING:
                if self._standing_over(wall):
                    self._end_break(events, "taken", at_wall=self._stand_end(wall))
                    self._off(events)
                return
            if self._record is not None:
                self._end_break(events, "missed", at_wall=wall)
            self._off(events)
            return
        if in_hours and self.phase is Phase.OFF:
            self._sit(events, "hours")
            return
        if self._paused_at is not None:
            return
        if self.phase in (Phase.SITTING, Phase.SNOOZED):
            assert self._deadline is not None
            if wall >= self._deadline - EPSILON:
                due_at = self._deadline
                self.phase = Phase.DUE
                self._deadline = None
                self._called = False
                if self._record is None:
                    self._record = BreakRecord(called_at=self._epoch_at(due_at))
                    events.append(Recorded(self._record))
                if not self._held:
                    self._call(events, wall)
        elif self.phase is Phase.DUE and not self._held:
            first = self._first_call
            if self._called and first is not None and wall >= first + GIVE_UP_AFTER - EPSILON:
                # nobody there (and the machine neither slept nor locked): stop calling
                self._end_break(events, "missed", at_wall=first + GIVE_UP_AFTER)
                self._sit(events, "missed")
            elif self._called and self._next_call is not None and wall >= self._next_call - EPSILON:
                self._call(events, wall, reminder=True)
        elif self.phase is Phase.STANDING and self._standing_over(wall):
            self._end_break(events, "taken", at_wall=self._stand_end(wall))
            self._sit(events, "stood")

    # --- what the user does ----------------------------------------------------------------
    def snooze(self) -> list[Event]:
        """``s`` at a break: put it off for the snooze period (while snoozes are left)."""
        events = self.tick()
        if self.phase is not Phase.DUE:
            return events
        if self._snoozes >= self.settings.max_snoozes:
            events.append(SnoozeRefused(self.settings.max_snoozes))
            return events
        self._snoozes += 1
        self._first_call = None
        self.phase = Phase.SNOOZED
        self._deadline = self._clock.wall() + self.settings.snooze
        self._next_call = None
        self._update(events, snoozes=self._snoozes)
        events.append(Snoozed(self.settings.snooze, self.settings.max_snoozes - self._snoozes))
        return events

    def skip(self) -> list[Event]:
        """``x``: at a break, skip it; while standing, sit down now. Sitting starts over."""
        events = self.tick()
        if self.phase in (Phase.DUE, Phase.SNOOZED):
            self._end_break(events, "skipped", at_wall=self._clock.wall())
            self._sit(events, "skipped")
        elif self.phase is Phase.STANDING:
            self._end_break(events, "taken", at_wall=self._clock.wall())
            self._sit(events, "stood")
        return events

    def stand(self, routine: bool = False) -> list[Event]:
        """Stand now (Enter: with the desk routine, which holds the timer while it runs): at a
        break, or early, during a sitting period."""
        events = self.tick()
        if self.phase in (Phase.OFF, Phase.STANDING):
            return events
        wall = self._clock.wall()
        if self._record is None:
            self._record = BreakRecord(called_at=self._clock.epoch())
        self.phase = Phase.STANDING
        self._deadline = wall + self.settings.stand
        self._stand_start = wall
        self._routine = routine
        self._hold_ended = None
        self._next_call = None
        self._paused_at = None
        self._update(events, routine=self._record.routine or routine)
        events.append(StandingStarted(self.settings.stand, routine))
        return events

    def routine_done(self, seconds: float) -> list[Event]:
        """The desk routine was done from home during sitting time (not at a break): that was a
        break, taken with the routine, standing for ``seconds`` up to now; sitting starts over.
        A break that was due or snoozed is the one taken."""
        events = self.tick()
        if self.phase not in (Phase.SITTING, Phase.SNOOZED, Phase.DUE):
            return events
        wall = self._clock.wall()
        seconds = max(0.0, seconds)
        if self._record is None:
            self._record = BreakRecord(called_at=self._epoch_at(wall - seconds))
        self._stand_start = wall - seconds
        self._update(events, routine=True)
        self._end_break(events, "taken", at_wall=wall)
        self._sit(events, "stood")
        return events

    def pause(self) -> list[Event]:
        """Space: freeze the timer where it is (a meeting)."""
        events = self.tick()
        if self._paused_at is None and self.phase is not Phase.OFF:
            self._paused_at = self._clock.wall()
        return events

    def resume(self) -> list[Event]:
        events = self.tick()
        if self._paused_at is None:
            return events
        wall = self._clock.wall()
        frozen = wall - self._paused_at
        self._paused_at = None
        if self._deadline is not None:
            self._deadline += frozen
        if self._stand_start is not None:
            self._stand_start += frozen
        if self.phase is Phase.DUE and not self._held:
            self._call(events, wall, reminder=self._called)
        self._advance(events)
        return events

    def close(self) -> list[Event]:
        """The app is ending: a break standing ends as taken (the time so far), one called or
        snoozed as missed."""
        events = self.tick()
        if self.phase is Phase.STANDING:
            self._end_break(events, "taken", at_wall=self._clock.wall())
        elif self._record is not None:
            self._end_break(events, "missed", at_wall=self._clock.wall())
        return events

    def toggle_pause(self) -> list[Event]:
        return self.resume() if self.paused else self.pause()

    def hold(self) -> list[Event]:
        """A routine has started: a break falling due waits for its end."""
        events = self.tick()
        self._held = True
        return events

    def release(self) -> list[Event]:
        """The routine has ended: call a break that fell due meanwhile; end a standing period
        that the desk routine outlasted."""
        events = self.tick()
        self._held = False
        wall = self._clock.wall()
        if self.phase is Phase.STANDING:
            self._hold_ended = wall
        if self.phase is Phase.DUE and self._paused_at is None:
            self._call(events, wall)  # (again, if it was called before the routine began)
        self._advance(events)
        return events

    # --- inner steps -----------------------------------------------------------------------
    def _call(self, events: list[Event], wall: float, reminder: bool = False) -> None:
        if not self._called or self._first_call is None:
            self._first_call = wall
        self._called = True
        insist = self._snoozes >= self.settings.max_snoozes
        self._next_call = wall + (INSIST_EVERY if insist else REMIND_EVERY)
        events.append(BreakCalled(self._snoozes, insist, reminder))

    def _sit(self, events: list[Event], after: str) -> None:
        self.phase = Phase.SITTING
        self._first_call = None
        self._deadline = self._clock.wall() + self.settings.sit
        self._snoozes = 0
        self._called = False
        self._next_call = None
        self._routine = False
        self._stand_start = None
        if self._paused_at is not None:
            self._paused_at = self._clock.wall()
        events.append(SittingStarted(self.settings.sit, after))

    def _off(self, events: list[Event]) -> None:
        self.phase = Phase.OFF
        self._first_call = None
        self._deadline = None
        self._snoozes = 0
        self._called = False
        self._next_call = None
        self._routine = False
        self._stand_start = None
        self._paused_at = None
        hours = self.settings.working_hours
        events.append(OffHours(hours.start_text if hours is not None else "00:00"))

    def _end_break(self, events: list[Event], outcome: str, at_wall: float) -> None:
        if self._record is None:
            return
        standing = 0
        if self._stand_start is not None:
            standing = max(0, round(at_wall - self._stand_start))
        ended = max(self._epoch_at(at_wall), self._record.called_at)
        self._update(events, outcome=outcome, ended_at=ended, standing_seconds=standing)
        self._record = None
        self._stand_start = None

    def _update(self, events: list[Event], **changes: object) -> None:
        assert self._record is not None
        self._record = replace(self._record, **changes)  # type: ignore[arg-type]
        events.append(Recorded(self._record))
