"""The session state machine over a Plan and an injected Clock (DESIGN.md section 1).

The UI calls :meth:`Session.tick` from a timer (sleeping :meth:`Session.wake_in` between calls)
and renders what the session says; widgets never compute time. Every method that changes the
session returns the list of events that happened, in time order.

Timing rules:

- the current segment has a *deadline* on its own clock (monotonic for exercises, wall for heat
  and cold packs); remaining time is always ``(deadline - now) * speed``, never a decremented
  counter;
- when a deadline passes, the next segment starts *at that deadline*, not at the moment the tick
  noticed, so late or irregular ticks never cause drift. Across the two clocks the lateness is
  carried over (monotonic -> wall: ``mono_now - mono_deadline``; wall -> monotonic: the wall
  lateness, but at most the monotonic time since the previous tick, so a pack that ran out while
  the laptop slept does not make the following exercises vanish);
- ``speed`` F runs every clock F times faster; everything the session reports is in plan-seconds;
- every action (pause, skip, ...) first brings the session up to "now" like ``tick()`` does, so
  its result may start with events that had just fallen due.
"""

from __future__ import annotations

import math

from sessiontimer.core.session.events import (
    AlarmRepeat,
    Event,
    Left,
    PackKeepsTiming,
    PackOff,
    Paused,
    Resumed,
    RoutineDone,
    SegmentDone,
    SegmentStarted,
    SideSwitch,
    Stopped,
)
from sessiontimer.core.session.plan import Segment
from sessiontimer.core.session.schedule import schedule
from sessiontimer.core.session.state import (
    ACTIVE,
    ALARM_REPEAT,
    EPSILON,
    FINISHED,
    PACK_PAUSE_GRACE,
    Now,
    SessionState,
    State,
)

__all__ = ["Session"]


class Session(SessionState):
    """The transitions: every method brings the session up to the clocks' "now" and returns the
    events that happened, in time order."""

    # --- driving it --------------------------------------------------------------------------

    def start(self) -> list[Event]:
        out: list[Event] = []
        if self.state is not State.READY:
            return out
        now = self._read()
        self._last_mono = now.mono
        self.state = State.RUNNING
        if not self.plan.segments:
            self._complete(out)
            return out
        self._enter(0, now.on(self.plan.segments[0]), forward=True, out=out)
        self._catch_up(now, out)
        return out

    def tick(self) -> list[Event]:
        """Bring the session up to the clocks' "now": every event that fell due, in time order."""
        out: list[Event] = []
        self._tick(out)
        return out

    def pause(self) -> list[Event]:
        """Freeze the current segment. A heat or cold pack that has been on for a second or
        more is not paused (it stays on the skin): PackKeepsTiming says so."""
        out: list[Event] = []
        now = self._tick(out)
        if self.state is State.RUNNING:
            if not self._can_pause(now):
                out.append(PackKeepsTiming(self.index))
                return out
            self._freeze(now)
            self.state = State.PAUSED
            out.append(Paused())
        return out

    def resume(self) -> list[Event]:
        out: list[Event] = []
        now = self._tick(out)
        if self.state is State.PAUSED:
            segment = self.plan.segments[self.index]
            t = now.on(segment)
            if segment.seconds is not None:
                self._deadline = t + self._paused_remaining / self.speed
            else:
                self._origin = t - self._paused_elapsed / self.speed
            self.state = State.RUNNING
            out.append(Resumed())
            self._catch_up(now, out)
        return out

    def toggle_pause(self) -> list[Event]:
        if self.state is State.PAUSED:
            return self.resume()
        return self.pause()

    def space(self) -> list[Event]:
        """The Space key: acknowledge an ALARM, resume when paused, finish a self-paced set,
        else pause."""
        if self.state is State.ALARM:
            return self.acknowledge()
        if self.state is State.PAUSED:
            return self.resume()
        segment = self.segment
        if segment is not None and segment.seconds is None:
            return self.done()
        return self.pause()

    def skip(self) -> list[Event]:
        """Key n: the current segment is skipped; the next one starts now (the last one: finish)."""
        out: list[Event] = []
        now = self._tick(out)
        if (
            self.state is State.ALARM
        ):  # the pack is already done: skipping the alarm acknowledges it
            self._go_on(self.index + 1, now, out)
        elif self.state in (State.RUNNING, State.PAUSED):
            segment = self.plan.segments[self.index]
            self._account(now)
            if self.outcomes[self.index] != "done":
                self.outcomes[self.index] = "skipped"
            out.append(SegmentDone(self.index, segment, True, now.on(segment)))
            self._go_on(self.index + 1, now, out)
        return out

    def skip_step(self) -> list[Event]:
        """Skip what is left of the current step (a pack the user decides not to use, say)."""
        out: list[Event] = []
        if self.state not in ACTIVE:
            out.extend(self.tick())
            return out
        step = self.plan.segments[self.index].step
        while self.state in ACTIVE and self.plan.segments[self.index].step == step:
            before = self.index
            out.extend(self.skip())
            if self.state in ACTIVE and self.index == before:  # pragma: no cover - defensive
                break
        return out

    def done(self) -> list[Event]:
        """Space on a self-paced set: it is done, the next one starts now. No-op on a timed one."""
        out: list[Event] = []
        now = self._tick(out)
        if self.state in (State.RUNNING, State.PAUSED):
            segment = self.plan.segments[self.index]
            if segment.seconds is None:
                self._account(now)
                self.outcomes[self.index] = "done"
                out.append(SegmentDone(self.index, segment, False, now.on(segment)))
                self._go_on(self.index + 1, now, out)
        return out

    def back(self) -> list[Event]:
        """Key b: the previous segment from its full length (on the first one: restart it)."""
        return self._jump(-1)

    def restart(self) -> list[Event]:
        """Key r: this segment again from its full length."""
        return self._jump(0)

    def acknowledge(self) -> list[Event]:
        """End the ALARM after a heat/cold pack: the next segment starts now, at full length."""
        out: list[Event] = []
        now = self._tick(out)
        if self.state is State.ALARM:
            self._go_on(self.index + 1, now, out)
        return out

    def stop(self, reason: str) -> list[Event]:
        """Safety stop: remembers the reason and the step it happened in."""
        out: list[Event] = []
        now = self._tick(out)
        if self.state in FINISHED:
            return out
        self._finish(now)
        self.state = State.STOPPED
        self.stop_reason = reason
        self.stop_step = self.plan.segments[self.index].step if self.plan.segments else None
        out.append(Stopped(reason))
        return out

    def leave(self) -> list[Event]:
        """The user quit."""
        out: list[Event] = []
        now = self._tick(out)
        if self.state in FINISHED:
            return out
        self._finish(now)
        self.state = State.LEFT
        out.append(Left())
        return out

    # --- internals ---------------------------------------------------------------------------

    def _tick(self, out: list[Event]) -> Now:
        now = self._read()
        if self.state in (State.RUNNING, State.ALARM):
            self._catch_up(now, out)
        if self.state is not State.READY:
            self._last_mono = now.mono
        return now

    def _catch_up(self, now: Now, out: list[Event]) -> None:
        while self.state is State.RUNNING:
            segment = self.plan.segments[self.index]
            t = now.on(segment)
            while self._pending and self._due_time(self._pending[0]) <= t + EPSILON:
                out.append(self._pending.pop(0).event)
            if self._deadline is None or self._deadline > t + EPSILON:
                behind = self._pack_behind
                if behind is None or behind[1] > now.wall + EPSILON:
                    return
                # The pack left on the skin has run out while the session was elsewhere: its
                # alarm takes over (the segment in hand is left where it was).
                self._account(now)
                self._enter(behind[0], behind[1], forward=False, out=out)
                continue
            self._end_at_deadline(segment, self._deadline, now, out)
        if self.state is State.ALARM:
            due = self._alarm_count + 1
            if self._alarm_time(due) <= now.wall + EPSILON:
                # Missed repeats (the machine slept) are folded into one.
                out.append(AlarmRepeat(self.index))
                passed = (now.wall - self._alarm_origin + EPSILON) * self.speed / ALARM_REPEAT
                self._alarm_count = max(due, math.floor(passed))

    def _end_at_deadline(
        self, segment: Segment, deadline: float, now: Now, out: list[Event]
    ) -> None:
        index = self.index
        spent = float(segment.seconds or 0) - self._entry_elapsed
        self._active_before += spent
        if self._is_work[index]:
            self._work_before += spent
        if segment.uses_wall_clock:
            self._pack_spent[index] = float(segment.seconds or 0)
        self.outcomes[index] = "done"
        out.append(SegmentDone(index, segment, False, deadline))
        if segment.uses_wall_clock:
            out.append(PackOff(index))
            if self.hold_after_packs:
                self.state = State.ALARM
                self._deadline = None
                self._pending = []
                self._alarm_origin = deadline
                self._alarm_count = 0
                return
        if index + 1 >= len(self.plan.segments):
            self._complete(out)
            return
        following = self.plan.segments[index + 1]
        start = self._carry(segment.uses_wall_clock, deadline, following.uses_wall_clock, now)
        self._enter(index + 1, start, forward=True, out=out)

    def _carry(self, from_wall: bool, deadline: float, to_wall: bool, now: Now) -> float:
        """The start, on the next segment's clock, of a segment that follows one that ended at
        ``deadline`` on its own clock."""
        if from_wall == to_wall:
            return deadline
        if to_wall:  # monotonic -> wall
            lateness = now.mono - deadline
        else:  # wall -> monotonic: time the machine slept must not eat into the exercises after it
            lateness = min(now.wall - deadline, now.mono - self._last_mono)
        # never a start in the future (a wall clock set back, say): the segment would run long
        return (now.wall if to_wall else now.mono) - max(0.0, lateness)

    def _go_on(self, index: int, now: Now, out: list[Event]) -> None:
        """Move forward to ``index`` by a key press: it starts now (staying paused when paused)."""
        if self.state is State.ALARM:
            self.state = State.RUNNING
        if index >= len(self.plan.segments):
            self._complete(out)
            return
        self._enter(index, now.on(self.plan.segments[index]), forward=True, out=out)
        self._catch_up(now, out)

    def _jump(self, delta: int) -> list[Event]:
        out: list[Event] = []
        now = self._tick(out)
        if self.state not in ACTIVE:
            return out
        if self.state is State.ALARM:  # the pack's time is up: b or r takes it off, like Space
            self._go_on(self.index + 1, now, out)
            return out
        if delta < 0 and self._on_the_skin(now):  # the pack stays on: it keeps its time
            assert self._deadline is not None
            self._pack_behind = (self.index, self._deadline)
        self._account(now)
        index = max(0, self.index + delta)
        self._enter(index, now.on(self.plan.segments[index]), forward=False, out=out)
        self._catch_up(now, out)
        return out

    def _enter(self, index: int, start: float, *, forward: bool, out: list[Event]) -> None:
        """Make segment ``index`` current, starting at ``start`` on its clock (or at full length,
        frozen, when PAUSED)."""
        segment = self.plan.segments[index]
        self.index = index
        out.append(SegmentStarted(index, segment))
        if forward and self._switch_at[index] and segment.side is not None:
            out.append(SideSwitch(segment.side, index))
        self._pending = schedule(self.plan, index, self._switch_at)
        self._deadline = self._origin = None
        seconds = float(segment.seconds or 0)
        self._entry_elapsed = min(self._pack_spent.get(index, 0.0), seconds)
        behind = self._pack_behind
        if behind is not None and behind[0] == index:  # back to the pack left on: its real time
            self._pack_behind = None
            left = min(seconds, max(0.0, (behind[1] - start) * self.speed))
            self._entry_elapsed = seconds - left
        left = seconds - self._entry_elapsed
        if self._entry_elapsed:  # a pack again: what already fell due stays behind
            self._pending = [due for due in self._pending if due.mark < left]
        if self.state is State.PAUSED:
            self._paused_remaining = left
            self._paused_elapsed = 0.0
        elif segment.seconds is not None:
            self._deadline = start + left / self.speed
        else:
            self._origin = start

    def _on_the_skin(self, now: Now) -> bool:
        """The current segment is a pack that is on (past its first plan-second), running."""
        segment = self.plan.segments[self.index]
        return (
            self.state is State.RUNNING
            and segment.uses_wall_clock
            and self._spent(now) >= PACK_PAUSE_GRACE
        )

    def _complete(self, out: list[Event]) -> None:
        self.index = len(self.plan.segments)
        self.state = State.COMPLETED
        self._deadline = self._origin = None
        self._pending = []
        self._pack_behind = None
        out.append(RoutineDone(self.result()))

    def _finish(self, now: Now) -> None:
        """Leave the current segment for good (stop or leave)."""
        self._final_remaining = self.total_remaining()
        self._account(now)
        self._deadline = self._origin = None
        self._pending = []

    def _freeze(self, now: Now) -> None:
        segment = self.plan.segments[self.index]
        if segment.seconds is not None:
            self._paused_remaining = self._remaining_at(now) or 0.0
        else:
            self._paused_elapsed = self._elapsed_at(now)
        self._deadline = self._origin = None

    def _account(self, now: Now) -> None:
        """The current segment is being left: count the time spent in it (for a pack, only the
        time since it was entered; its total on the skin is remembered)."""
        spent = self._spent(now)
        self._active_before += max(0.0, spent - self._entry_elapsed)
        if self._is_work[self.index]:
            self._work_before += max(0.0, spent - self._entry_elapsed)
        if self.plan.segments[self.index].uses_wall_clock:
            self._pack_spent[self.index] = max(self._pack_spent.get(self.index, 0.0), spent)
