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
from enum import StrEnum

from sessiontimer.core.base.clock import Clock
from sessiontimer.core.base.value import value
from sessiontimer.core.session.plan import Plan, Segment

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
    "Resumed",
    "RoutineDone",
    "SegmentDone",
    "SegmentStarted",
    "Session",
    "SideSwitch",
    "SideSwitchComing",
    "SkinCheck",
    "State",
    "Stopped",
]

# Tolerance, in clock seconds, for "this moment has come": a tick that lands a hair before a
# boundary (float rounding of the sleep the UI did) counts as on it.
EPSILON = 1e-6
COUNTDOWN_FROM = 3  # Countdown at 3, 2 and 1 plan-seconds before a timed segment ends
SIDE_SWITCH_WARNING = 5  # SideSwitchComing this many plan-seconds before the side changes
HALFWAY_MIN_HOLD = 20  # Halfway only in holds at least this long
BREATHE_EVERY = 15  # Breathe every 15 plan-seconds in hold and timed segments ...
BREATHE_MIN_LEFT = 3  # ... but not when fewer than 3 plan-seconds remain
ALARM_REPEAT = 10  # AlarmRepeat every 10 plan-seconds while in ALARM
PACK_PAUSE_GRACE = 1.0  # a pack can be paused only in its first plan-second (before it is on)


class State(StrEnum):
    READY = "ready"  # built, not started
    RUNNING = "running"
    PAUSED = "paused"
    ALARM = "alarm"  # a heat/cold pack has ended: waiting for acknowledge()
    COMPLETED = "completed"
    STOPPED = "stopped"  # safety stop
    LEFT = "left"  # the user quit


_ACTIVE = (State.RUNNING, State.PAUSED, State.ALARM)
_FINISHED = (State.COMPLETED, State.STOPPED, State.LEFT)


# --- events ---------------------------------------------------------------------------------


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


class Paused(Event):
    pass


class Resumed(Event):
    pass


class RoutineDone(Event):
    pass


@value
class Stopped(Event):
    reason: str


class Left(Event):
    pass


# --- internals ------------------------------------------------------------------------------


class _Now:
    """Both clocks, read once per call so that one call sees one instant."""

    __slots__ = ("mono", "wall")

    def __init__(self, mono: float, wall: float) -> None:
        self.mono = mono
        self.wall = wall

    def on(self, segment: Segment) -> float:
        return self.wall if segment.uses_wall_clock else self.mono


class _Due:
    """An event of the current segment, due when remaining <= ``mark`` (timed segments) or when
    elapsed >= ``mark`` (self-paced ones); ``rank`` orders events due at the same moment."""

    __slots__ = ("event", "mark", "rank")

    def __init__(self, mark: float, rank: int, event: Event) -> None:
        self.mark = mark
        self.rank = rank
        self.event = event


class Session:
    def __init__(
        self, plan: Plan, clock: Clock, speed: float = 1.0, hold_after_packs: bool = True
    ) -> None:
        if not math.isfinite(speed) or speed <= 0:
            raise ValueError(f"speed must be a number greater than 0, not {speed!r}")
        self.plan = plan
        self.clock = clock
        self.speed = float(speed)
        self.hold_after_packs = hold_after_packs
        self.state = State.READY
        self.index = 0
        self.stop_reason: str | None = None
        self.stop_step: int | None = None
        self.outcomes: list[str | None] = [None] * len(plan.segments)

        segments = plan.segments
        # _switch_at[i]: entering segment i (going forward) is a change of side.
        self._switch_at = tuple(_is_side_change(segments, i) for i in range(len(segments)))
        # _after[i]: the timed seconds of all segments after segment i.
        after = [0] * len(segments)
        for i in range(len(segments) - 2, -1, -1):
            after[i] = after[i + 1] + (segments[i + 1].seconds or 0)
        self._after = after

        self._deadline: float | None = None  # timed segment, RUNNING: its end on its clock
        self._origin: float | None = None  # self-paced segment, RUNNING: its start on its clock
        self._paused_remaining = 0.0  # timed segment, PAUSED
        self._paused_elapsed = 0.0  # self-paced segment, PAUSED
        self._pending: list[_Due] = []  # the current segment's events not fired yet, in order
        self._alarm_origin = 0.0  # ALARM: the wall-clock time the pack ended
        self._alarm_count = 0  # ALARM: AlarmRepeats due so far
        self._active_before = 0.0  # plan-seconds spent in segments left behind
        self._final_remaining = float(plan.total_seconds)  # total_remaining() once STOPPED/LEFT
        self._last_mono = 0.0  # monotonic time of the previous call that read the clock
        # Heat/cold: plan-seconds each pack segment has been on the skin. Going back to a pack
        # (b, r) gives it only what is left, so a pack is never on longer than its duration.
        self._pack_spent: dict[int, float] = {}
        self._entry_elapsed = 0.0  # the current segment's elapsed time when it was entered

    # --- what the UI shows ---------------------------------------------------------------------

    @property
    def segment(self) -> Segment | None:
        """The current segment; None before start and once finished."""
        if self.state in _ACTIVE:
            return self.plan.segments[self.index]
        return None

    @property
    def next_segment(self) -> Segment | None:
        """The segment after the current one (before start: the first one)."""
        if self.state is State.READY:
            return self.plan.segments[0] if self.plan.segments else None
        if self.state in _ACTIVE and self.index + 1 < len(self.plan.segments):
            return self.plan.segments[self.index + 1]
        return None

    @property
    def pack_on(self) -> bool:
        """A heat or cold pack segment is current (or its time is up and it is still on)."""
        segment = self.segment
        return segment is not None and segment.uses_wall_clock

    def can_pause(self) -> bool:
        """Whether pause() would pause now (a pack that is on keeps its timer running)."""
        return self._can_pause(self._read())

    @property
    def finished(self) -> bool:
        return self.state in _FINISHED

    @property
    def active_seconds(self) -> float:
        """Plan-seconds actually spent in segments (not while paused, not in ALARM)."""
        return self._active_before + self._spent(self._read())

    @property
    def segments_done(self) -> int:
        return sum(1 for outcome in self.outcomes if outcome == "done")

    def remaining(self) -> float | None:
        """Plan-seconds left in the current segment.

        None when self-paced, before start and once finished; 0 in ALARM."""
        return self._remaining_at(self._read())

    def elapsed(self) -> float:
        """Plan-seconds into the current segment (0 before start and once finished)."""
        return self._elapsed_at(self._read())

    def display_seconds(self) -> int:
        """The big number: ceil(remaining), or floor(elapsed) on a self-paced set; 0 in ALARM."""
        now = self._read()
        segment = self.segment
        if segment is None or self.state is State.ALARM:
            return 0
        if segment.seconds is not None:
            if self.state is State.PAUSED:
                return max(0, math.ceil(self._paused_remaining - EPSILON * self.speed))
            assert self._deadline is not None
            return max(0, math.ceil((self._deadline - now.on(segment) - EPSILON) * self.speed))
        return max(0, math.floor(self._elapsed_at(now) + EPSILON * self.speed))

    def wake_in(self) -> float | None:
        """Clock seconds until the display or an event next changes; None when nothing moves."""
        now = self._read()
        segment = self.segment
        if segment is None or self.state is State.PAUSED:
            return None
        if self.state is State.ALARM:
            return max(0.0, self._alarm_time(self._alarm_count + 1) - now.wall)
        t = now.on(segment)
        if segment.seconds is not None:
            assert self._deadline is not None
            shown = max(0, math.ceil((self._deadline - t - EPSILON) * self.speed))
            target = self._deadline - max(0, shown - 1) / self.speed
        else:
            assert self._origin is not None
            shown = max(0, math.floor((t - self._origin + EPSILON) * self.speed))
            target = self._origin + (shown + 1) / self.speed
        if self._pending:
            target = min(target, self._due_time(self._pending[0]))
        return max(0.0, target - t)

    def total_remaining(self) -> float:
        """Plan-seconds left in the whole routine (self-paced segments count 0)."""
        if self.state is State.READY:
            return float(self.plan.total_seconds)
        if self.state is State.COMPLETED:
            return 0.0
        if self.state in _FINISHED:
            return self._final_remaining
        return (self._remaining_at(self._read()) or 0.0) + self._after[self.index]

    def total_display_seconds(self) -> int:
        """The time left in the whole routine as shown: rounded up, as the big number is, so the
        two agree (0:30 on the countdown of a last 30 s hold is "0:30 left", never "0:29")."""
        return max(0, math.ceil(self.total_remaining() - EPSILON * self.speed))

    def progress(self) -> float:
        """How much of the routine's timed seconds is behind, 0..1."""
        if self.state is State.COMPLETED:
            return 1.0
        total = self.plan.total_seconds
        if total > 0:
            return min(1.0, max(0.0, 1.0 - self.total_remaining() / total))
        if not self.plan.segments:
            return 0.0
        return self.index / len(self.plan.segments)

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
        if self.state not in _ACTIVE:
            out.extend(self.tick())
            return out
        step = self.plan.segments[self.index].step
        while self.state in _ACTIVE and self.plan.segments[self.index].step == step:
            before = self.index
            out.extend(self.skip())
            if self.state in _ACTIVE and self.index == before:  # pragma: no cover - defensive
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
        if self.state in _FINISHED:
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
        if self.state in _FINISHED:
            return out
        self._finish(now)
        self.state = State.LEFT
        out.append(Left())
        return out

    # --- internals ---------------------------------------------------------------------------

    def _read(self) -> _Now:
        return _Now(self.clock.monotonic(), self.clock.wall())

    def _tick(self, out: list[Event]) -> _Now:
        now = self._read()
        if self.state in (State.RUNNING, State.ALARM):
            self._catch_up(now, out)
        if self.state is not State.READY:
            self._last_mono = now.mono
        return now

    def _catch_up(self, now: _Now, out: list[Event]) -> None:
        while self.state is State.RUNNING:
            segment = self.plan.segments[self.index]
            t = now.on(segment)
            while self._pending and self._due_time(self._pending[0]) <= t + EPSILON:
                out.append(self._pending.pop(0).event)
            if self._deadline is None or self._deadline > t + EPSILON:
                return
            self._end_at_deadline(segment, self._deadline, now, out)
        if self.state is State.ALARM:
            due = self._alarm_count + 1
            if self._alarm_time(due) <= now.wall + EPSILON:
                # Missed repeats (the machine slept) are folded into one.
                out.append(AlarmRepeat(self.index))
                passed = (now.wall - self._alarm_origin + EPSILON) * self.speed / ALARM_REPEAT
                self._alarm_count = max(due, math.floor(passed))

    def _end_at_deadline(
        self, segment: Segment, deadline: float, now: _Now, out: list[Event]
    ) -> None:
        index = self.index
        self._active_before += float(segment.seconds or 0) - self._entry_elapsed
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

    def _carry(self, from_wall: bool, deadline: float, to_wall: bool, now: _Now) -> float:
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

    def _go_on(self, index: int, now: _Now, out: list[Event]) -> None:
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
        if self.state not in _ACTIVE:
            return out
        if self.state is State.ALARM:  # the pack's time is up: b or r takes it off, like Space
            self._go_on(self.index + 1, now, out)
            return out
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
        self._pending = self._schedule(index)
        self._deadline = self._origin = None
        seconds = float(segment.seconds or 0)
        self._entry_elapsed = min(self._pack_spent.get(index, 0.0), seconds)
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

    def _schedule(self, index: int) -> list[_Due]:
        """The events inside segment ``index``, in the order they fall due."""
        segment = self.plan.segments[index]
        seconds = segment.seconds
        switch_next = index + 1 < len(self.plan.segments) and self._switch_at[index + 1]
        next_side = self.plan.segments[index + 1].side if switch_next else None
        if seconds is None:  # self-paced: only the side-switch warning, at its start
            if next_side is not None:
                return [_Due(0.0, 0, SideSwitchComing(next_side, index))]
            return []
        due: list[_Due] = []  # mark = plan-seconds remaining when it falls due
        if segment.uses_wall_clock:
            every = self.plan.routine.steps[segment.step].check_every
            if every > 0:
                due.extend(
                    _Due(float(seconds - at), 0, SkinCheck(index, at))
                    for at in range(every, seconds, every)
                )
        if segment.kind == "hold" and seconds >= HALFWAY_MIN_HOLD:
            due.append(_Due(seconds / 2, 1, Halfway(index)))
        if segment.kind in ("hold", "timed"):
            due.extend(
                _Due(float(seconds - at), 2, Breathe(index))
                for at in range(BREATHE_EVERY, seconds - BREATHE_MIN_LEFT + 1, BREATHE_EVERY)
            )
        if next_side is not None:
            due.append(
                _Due(
                    float(min(SIDE_SWITCH_WARNING, seconds)), 3, SideSwitchComing(next_side, index)
                )
            )
        due.extend(
            _Due(float(left), 4, Countdown(left))
            for left in range(COUNTDOWN_FROM, 0, -1)
            if left <= seconds
        )
        due.sort(key=lambda d: (-d.mark, d.rank))
        return due

    def _due_time(self, due: _Due) -> float:
        if self._deadline is not None:
            return self._deadline - due.mark / self.speed
        assert self._origin is not None
        return self._origin + due.mark / self.speed

    def _alarm_time(self, count: int) -> float:
        return self._alarm_origin + count * ALARM_REPEAT / self.speed

    def _complete(self, out: list[Event]) -> None:
        self.index = len(self.plan.segments)
        self.state = State.COMPLETED
        self._deadline = self._origin = None
        self._pending = []
        out.append(RoutineDone())

    def _finish(self, now: _Now) -> None:
        """Leave the current segment for good (stop or leave)."""
        self._final_remaining = self.total_remaining()
        self._account(now)
        self._deadline = self._origin = None
        self._pending = []

    def _freeze(self, now: _Now) -> None:
        segment = self.plan.segments[self.index]
        if segment.seconds is not None:
            self._paused_remaining = self._remaining_at(now) or 0.0
        else:
            self._paused_elapsed = self._elapsed_at(now)
        self._deadline = self._origin = None

    def _can_pause(self, now: _Now) -> bool:
        if self.state is not State.RUNNING:
            return False
        segment = self.plan.segments[self.index]
        if not segment.uses_wall_clock:
            return True
        return self._elapsed_at(now) - self._entry_elapsed < PACK_PAUSE_GRACE

    def _account(self, now: _Now) -> None:
        """The current segment is being left: count the time spent in it (for a pack, only the
        time since it was entered; its total on the skin is remembered)."""
        spent = self._spent(now)
        self._active_before += max(0.0, spent - self._entry_elapsed)
        if self.plan.segments[self.index].uses_wall_clock:
            self._pack_spent[self.index] = max(self._pack_spent.get(self.index, 0.0), spent)

    def _spent(self, now: _Now) -> float:
        """Plan-seconds spent so far in the current segment (0 in ALARM: the pack is done)."""
        if self.state in (State.RUNNING, State.PAUSED):
            return self._elapsed_at(now)
        return 0.0

    def _remaining_at(self, now: _Now) -> float | None:
        segment = self.segment
        if segment is None or segment.seconds is None:
            return None
        if self.state is State.ALARM:
            return 0.0
        if self.state is State.PAUSED:
            return self._paused_remaining
        assert self._deadline is not None
        left = (self._deadline - now.on(segment)) * self.speed
        return min(float(segment.seconds), max(0.0, left))

    def _elapsed_at(self, now: _Now) -> float:
        segment = self.segment
        if segment is None:
            return 0.0
        if segment.seconds is not None:
            return segment.seconds - (self._remaining_at(now) or 0.0)
        if self.state is State.PAUSED:
            return self._paused_elapsed
        assert self._origin is not None
        return max(0.0, (now.on(segment) - self._origin) * self.speed)


def _is_side_change(segments: tuple[Segment, ...], index: int) -> bool:
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
