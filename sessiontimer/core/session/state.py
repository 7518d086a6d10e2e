"""The state of a session and everything a front end reads from it: the current segment, the
time left and elapsed on its clock, the big number, when to look again, the progress.

``SessionState`` holds what a Session knows and answers questions without changing anything; the
transitions (start, tick, pause, skip, ...) are :class:`~sessiontimer.core.session.engine.Session`'s.
"""

from __future__ import annotations

import math
from enum import StrEnum

from sessiontimer.core.base.clock import Clock
from sessiontimer.core.session.plan import Plan, Segment, is_work
from sessiontimer.core.session.schedule import Due, is_side_change

__all__ = ["ACTIVE", "FINISHED", "Now", "SessionState", "State"]

# Tolerance, in clock seconds, for "this moment has come": a tick that lands a hair before a
# boundary (float rounding of the sleep the UI did) counts as on it.
EPSILON = 1e-6
ALARM_REPEAT = 10  # AlarmRepeat every 10 plan-seconds while in ALARM
PACK_PAUSE_GRACE = 1.0  # a pack can be paused only in its first plan-second (before it is on)
NOTHING_DONE_BELOW = 1.0  # plan-seconds of work under which a session did nothing (a pack declined)


class State(StrEnum):
    READY = "ready"  # built, not started
    RUNNING = "running"
    PAUSED = "paused"
    ALARM = "alarm"  # a heat/cold pack has ended: waiting for acknowledge()
    COMPLETED = "completed"
    STOPPED = "stopped"  # safety stop
    LEFT = "left"  # the user quit


ACTIVE = (State.RUNNING, State.PAUSED, State.ALARM)
FINISHED = (State.COMPLETED, State.STOPPED, State.LEFT)


class Now:
    """Both clocks, read once per call so that one call sees one instant."""

    __slots__ = ("mono", "wall")

    def __init__(self, mono: float, wall: float) -> None:
        self.mono = mono
        self.wall = wall

    def on(self, segment: Segment) -> float:
        return self.wall if segment.uses_wall_clock else self.mono


class SessionState:
    """A session's state over a Plan and a Clock, and what can be read from it."""

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
        self._switch_at = tuple(is_side_change(segments, i) for i in range(len(segments)))
        # _after[i]: the timed seconds of all segments after segment i.
        after = [0] * len(segments)
        for i in range(len(segments) - 2, -1, -1):
            after[i] = after[i + 1] + (segments[i + 1].seconds or 0)
        self._after = after
        self._is_work = tuple(is_work(plan, segment) for segment in segments)

        self._deadline: float | None = None  # timed segment, RUNNING: its end on its clock
        self._origin: float | None = None  # self-paced segment, RUNNING: its start on its clock
        self._paused_remaining = 0.0  # timed segment, PAUSED
        self._paused_elapsed = 0.0  # self-paced segment, PAUSED
        self._pending: list[Due] = []  # the current segment's events not fired yet, in order
        self._alarm_origin = 0.0  # ALARM: the wall-clock time the pack ended
        self._alarm_count = 0  # ALARM: AlarmRepeats due so far
        self._active_before = 0.0  # plan-seconds spent in segments left behind
        self._work_before = 0.0  # of those, in work segments (outcome.is_work)
        self._final_remaining = float(plan.total_seconds)  # total_remaining() once STOPPED/LEFT
        self._last_mono = 0.0  # monotonic time of the previous call that read the clock
        # Heat/cold: plan-seconds each pack segment has been on the skin. Going back to a pack
        # (b, r) gives it only what is left, so a pack is never on longer than its duration.
        self._pack_spent: dict[int, float] = {}
        self._entry_elapsed = 0.0  # the current segment's elapsed time when it was entered
        # A pack left on the skin by going back (b) from it: (its segment, its deadline on the
        # wall clock). It keeps timing while earlier segments run; coming back to it gives its
        # real time left, and its alarm comes wherever the session is when that runs out.
        self._pack_behind: tuple[int, float] | None = None

    # --- what the UI shows ---------------------------------------------------------------------

    @property
    def segment(self) -> Segment | None:
        """The current segment; None before start and once finished."""
        if self.state in ACTIVE:
            return self.plan.segments[self.index]
        return None

    @property
    def next_segment(self) -> Segment | None:
        """The segment after the current one (before start: the first one)."""
        if self.state is State.READY:
            return self.plan.segments[0] if self.plan.segments else None
        if self.state in ACTIVE and self.index + 1 < len(self.plan.segments):
            return self.plan.segments[self.index + 1]
        return None

    @property
    def pack_on(self) -> bool:
        """A heat or cold pack segment is current (or its time is up and it is still on), or a
        pack is on the skin while the session went back to an earlier segment."""
        segment = self.segment
        if segment is None:
            return False
        return segment.uses_wall_clock or self._pack_behind is not None

    def pack_behind(self) -> tuple[Segment, float] | None:
        """A pack still on the skin while the session went back before it (b): its segment and
        its real plan-seconds left (counting on the wall clock); None when there is none."""
        if self._pack_behind is None or self.state not in ACTIVE:
            return None
        index, deadline = self._pack_behind
        left = (deadline - self._read().wall) * self.speed
        segment = self.plan.segments[index]
        return segment, min(float(segment.seconds or 0), max(0.0, left))

    def rep(self) -> tuple[int, int] | None:
        """The repetition under way in a set with a tempo, and how many the set has: (3, 10);
        None on any other segment (a self-paced set is counted by the person doing it)."""
        segment = self.segment
        if segment is None or segment.kind != "reps" or segment.seconds is None:
            return None
        step = self.plan.routine.steps[segment.step]
        every = (step.tempo or 0) + (step.hold or 0)
        if every <= 0:
            return None
        reps = max(1, min(step.reps, segment.seconds // every))
        done = math.floor((self.elapsed() + EPSILON * self.speed) / every)
        return min(reps, done + 1), reps

    @property
    def work_seconds(self) -> float:
        """Plan-seconds spent in work segments (holds, sets, timed work, packs, rest steps)."""
        current = 0.0
        if self.state in (State.RUNNING, State.PAUSED) and self._is_work[self.index]:
            current = max(0.0, self._spent(self._read()) - self._entry_elapsed)
        return self._work_before + current

    def result(self) -> str:
        """What was done of the work: "all", "some" or "none". None of it: no work segment was
        done and under a second of work was spent (a pack declined at its safety points, every
        step skipped); such a session is recorded as skipped (DESIGN.md section 6)."""
        work = [outcome for outcome, work in zip(self.outcomes, self._is_work, strict=True) if work]
        done = sum(1 for outcome in work if outcome == "done")
        if done == 0 and self.work_seconds < NOTHING_DONE_BELOW:
            return "none"
        return "all" if done == len(work) else "some"

    def can_pause(self) -> bool:
        """Whether pause() would pause now (a pack that is on keeps its timer running)."""
        return self._can_pause(self._read())

    @property
    def finished(self) -> bool:
        return self.state in FINISHED

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
        wait = target - t
        if self._pack_behind is not None:  # its alarm comes wherever the session is
            wait = min(wait, self._pack_behind[1] - now.wall)
        return max(0.0, wait)

    def total_remaining(self) -> float:
        """Plan-seconds left in the whole routine (self-paced segments count 0)."""
        if self.state is State.READY:
            return float(self.plan.total_seconds)
        if self.state is State.COMPLETED:
            return 0.0
        if self.state in FINISHED:
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

    # --- internals: the clocks, and time in the current segment ---------------------------------

    def _read(self) -> Now:
        return Now(self.clock.monotonic(), self.clock.wall())

    def _due_time(self, due: Due) -> float:
        if self._deadline is not None:
            return self._deadline - due.mark / self.speed
        assert self._origin is not None
        return self._origin + due.mark / self.speed

    def _alarm_time(self, count: int) -> float:
        return self._alarm_origin + count * ALARM_REPEAT / self.speed

    def _can_pause(self, now: Now) -> bool:
        if self.state is not State.RUNNING or self._pack_behind is not None:
            return False
        segment = self.plan.segments[self.index]
        if not segment.uses_wall_clock:
            return True
        return self._elapsed_at(now) - self._entry_elapsed < PACK_PAUSE_GRACE

    def _spent(self, now: Now) -> float:
        """Plan-seconds spent so far in the current segment (0 in ALARM: the pack is done)."""
        if self.state in (State.RUNNING, State.PAUSED):
            return self._elapsed_at(now)
        return 0.0

    def _remaining_at(self, now: Now) -> float | None:
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

    def _elapsed_at(self, now: Now) -> float:
        segment = self.segment
        if segment is None:
            return 0.0
        if segment.seconds is not None:
            return segment.seconds - (self._remaining_at(now) or 0.0)
        if self.state is State.PAUSED:
            return self._paused_elapsed
        assert self._origin is not None
        return max(0.0, (now.on(segment) - self._origin) * self.speed)
