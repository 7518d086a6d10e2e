"""The session state machine (DESIGN.md section 1) on a FakeClock: what a user would notice."""

from __future__ import annotations

import itertools
import math
import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.routines.model import Routine, Step
from sessiontimer.core.session.engine import Session
from sessiontimer.core.session.events import (
    AlarmRepeat,
    Breathe,
    Countdown,
    Event,
    Halfway,
    Left,
    PackKeepsTiming,
    PackOff,
    Paused,
    Resumed,
    RoutineDone,
    SegmentDone,
    SegmentStarted,
    SideSwitch,
    SideSwitchComing,
    SkinCheck,
    Stopped,
)
from sessiontimer.core.session.plan import Plan, build_plan
from sessiontimer.core.session.state import State

T0 = 1000.0  # FakeClock's start


def plan_of(*steps: Step, prepare: int = 0, switch: int = 0) -> Plan:
    return build_plan(Routine(name="Test", steps=steps, prepare=prepare, switch=switch))


def make(
    *steps: Step,
    prepare: int = 0,
    switch: int = 0,
    speed: float = 1.0,
    hold_after_packs: bool = True,
) -> tuple[Session, FakeClock]:
    clock = FakeClock()
    plan = plan_of(*steps, prepare=prepare, switch=switch)
    return Session(plan, clock, speed=speed, hold_after_packs=hold_after_packs), clock


def hold(seconds: int = 30, name: str = "Stretch", **kw: Any) -> Step:
    return Step(name=name, kind="hold", hold=seconds, **kw)


def timed(seconds: int, name: str = "March", **kw: Any) -> Step:
    return Step(name=name, kind="timed", duration=seconds, **kw)


def heat(seconds: int = 900, check_every: int = 300) -> Step:
    return Step(name="Heat", kind="heat", duration=seconds, check_every=check_every)


def self_paced(name: str = "Press-ups") -> Step:
    return Step(name=name, kind="reps", reps=10)


def timeline(
    session: Session, clock: FakeClock, limit: float = 10_000.0
) -> list[tuple[float, Event]]:
    """Drive the session as the UI does (sleep wake_in(), then tick) until nothing moves or the
    monotonic clock reaches T0 + limit; each event with the time (since T0) it was reported."""
    out: list[tuple[float, Event]] = []
    for _ in range(100_000):
        wait = session.wake_in()
        if wait is None or clock.monotonic() - T0 >= limit - 1e-9:
            return out
        clock.advance(min(wait, T0 + limit - clock.monotonic()))
        out.extend((round(clock.monotonic() - T0, 6), event) for event in session.tick())
    raise AssertionError("the session never settled")


def of_type(events: list[tuple[float, Event]], kind: type[Event]) -> list[tuple[float, Event]]:
    return [(t, e) for t, e in events if isinstance(e, kind)]


# --- starting and ending -----------------------------------------------------------------------


@pytest.mark.parametrize("speed", [0, -1, math.nan, math.inf])
def test_speed_must_be_greater_than_zero(speed: float) -> None:
    plan = plan_of(hold())
    with pytest.raises(ValueError):
        Session(plan, FakeClock(), speed=speed)


def test_before_start_nothing_runs_and_keys_do_nothing() -> None:
    s, clock = make(hold(30), hold(20))
    assert s.state is State.READY
    assert s.segment is None
    assert s.next_segment == s.plan.segments[0]
    assert s.remaining() is None
    assert s.wake_in() is None
    assert s.total_remaining() == 50
    assert s.progress() == 0.0
    clock.advance(100)
    for action in (s.tick, s.pause, s.resume, s.skip, s.back, s.restart, s.done, s.acknowledge):
        assert action() == []
    assert s.state is State.READY


def test_start_fires_segment_started() -> None:
    s, _ = make(hold(30), hold(20))
    assert s.start() == [SegmentStarted(0, s.plan.segments[0])]
    assert s.state is State.RUNNING
    assert s.segment == s.plan.segments[0]
    assert s.next_segment == s.plan.segments[1]
    assert (s.remaining(), s.elapsed(), s.display_seconds()) == (30.0, 0.0, 30)
    assert s.start() == []  # only once


def test_a_30_second_hold_ends_exactly_at_its_deadline() -> None:
    s, clock = make(hold(30))
    segment = s.plan.segments[0]
    s.start()
    clock.advance(29.999)
    assert not of_type([(0, e) for e in s.tick()], SegmentDone)
    assert s.remaining() == pytest.approx(0.001)
    assert s.display_seconds() == 1
    clock.advance(0.001)
    events = s.tick()
    assert events == [SegmentDone(0, segment, False, T0 + 30), RoutineDone()]
    assert s.state is State.COMPLETED
    assert s.index == len(s.plan)
    assert s.segment is None
    assert s.remaining() is None
    assert (s.total_remaining(), s.progress()) == (0.0, 1.0)
    assert s.outcomes == ["done"]
    assert s.active_seconds == 30


def test_time_left_in_the_routine_is_rounded_up_like_the_countdown() -> None:
    s, clock = make(hold(30), timed(20))
    assert s.total_display_seconds() == 50  # before the start
    s.start()
    assert (s.display_seconds(), s.total_display_seconds()) == (30, 50)
    clock.advance(0.004)  # a moment in (paused at once, say, for a pack's safety points)
    s.pause()
    assert (s.display_seconds(), s.total_display_seconds()) == (30, 50)
    s.resume()
    for step in (0.8, 5.0, 13.7, 10.0, 0.49):
        clock.advance(step)
        s.tick()
        assert s.total_display_seconds() == s.display_seconds() + (20 if s.index == 0 else 0)
    clock.advance(30)
    s.tick()
    assert (s.state, s.total_display_seconds()) == (State.COMPLETED, 0)


def test_time_left_in_the_routine_at_speed_and_once_left() -> None:
    s, clock = make(hold(30), timed(20), speed=10)
    s.start()
    clock.advance(0.25)  # 2.5 plan-seconds
    assert (s.display_seconds(), s.total_display_seconds()) == (28, 48)
    s.leave()
    assert s.total_display_seconds() == 48  # as it was when left


def test_display_rounds_remaining_up_and_shows_1_until_the_very_end() -> None:
    s, clock = make(hold(30))
    s.start()
    clock.advance(0.8)
    assert s.remaining() == pytest.approx(29.2)
    assert s.display_seconds() == 30
    clock.advance(28.7)  # 29.5 s in
    assert s.display_seconds() == 1
    clock.advance(0.49)
    assert s.display_seconds() == 1
    assert s.elapsed() == pytest.approx(29.99)


def test_a_late_tick_fires_the_missed_events_in_order_and_keeps_the_next_deadline() -> None:
    s, clock = make(hold(10, name="A"), hold(20, name="B"))
    a, b = s.plan.segments
    s.start()
    clock.advance(5)
    assert s.tick() == []
    clock.advance(12.3)  # the segment ended at 10 s: this tick is 7.3 s late
    assert s.tick() == [
        Countdown(3),
        Countdown(2),
        Countdown(1),
        SegmentDone(0, a, False, T0 + 10),
        SegmentStarted(1, b),
    ]
    assert s.remaining() == pytest.approx(12.7)  # B started at 10 s, not at 17.3 s
    events = timeline(s, clock)
    assert events[-2:] == [(30.0, SegmentDone(1, b, False, T0 + 30)), (30.0, RoutineDone())]


# --- pause, skip, back, restart, done ------------------------------------------------------------


def test_pause_freezes_remaining_and_resume_moves_the_deadline() -> None:
    s, clock = make(hold(30))
    s.start()
    clock.advance(10.4)
    assert s.pause() == [Paused()]
    assert s.state is State.PAUSED
    clock.advance(100)
    assert s.tick() == []
    assert s.remaining() == pytest.approx(19.6)
    assert s.display_seconds() == 20
    assert s.wake_in() is None
    assert s.pause() == []
    assert s.resume() == [Resumed()]
    assert s.remaining() == pytest.approx(19.6)
    done = of_type(timeline(s, clock), SegmentDone)
    assert done == [(130.0, SegmentDone(0, s.plan.segments[0], False, T0 + 130.0))]
    assert s.active_seconds == pytest.approx(30)


def test_toggle_pause() -> None:
    s, clock = make(hold(30))
    s.start()
    assert s.toggle_pause() == [Paused()]
    clock.advance(5)
    assert s.toggle_pause() == [Resumed()]
    assert s.state is State.RUNNING
    assert s.remaining() == 30


def test_skip_marks_the_segment_skipped_and_starts_the_next_now() -> None:
    s, clock = make(hold(30), hold(20))
    first, second = s.plan.segments
    s.start()
    clock.advance(12)
    assert s.skip() == [SegmentDone(0, first, True, T0 + 12), SegmentStarted(1, second)]
    assert s.index == 1
    assert s.remaining() == 20
    assert s.outcomes == ["skipped", None]
    clock.advance(20)
    assert s.tick()[-2:] == [SegmentDone(1, second, False, T0 + 32), RoutineDone("some")]


def test_skip_on_the_last_segment_completes() -> None:
    s, clock = make(hold(30))
    s.start()
    clock.advance(3)
    assert s.skip() == [SegmentDone(0, s.plan.segments[0], True, T0 + 3), RoutineDone("some")]
    assert s.state is State.COMPLETED
    assert s.outcomes == ["skipped"]


def test_skip_back_and_restart_while_paused_stay_paused_at_full_length() -> None:
    s, clock = make(hold(30), hold(20), hold(40))
    s.start()
    clock.advance(5)
    s.pause()
    events = s.skip()
    assert events[-1] == SegmentStarted(1, s.plan.segments[1])
    assert (s.state, s.index, s.remaining()) == (State.PAUSED, 1, 20.0)
    clock.advance(60)
    assert s.remaining() == 20.0
    assert s.restart() == [SegmentStarted(1, s.plan.segments[1])]
    assert (s.state, s.remaining()) == (State.PAUSED, 20.0)
    assert s.back() == [SegmentStarted(0, s.plan.segments[0])]
    assert (s.state, s.index, s.remaining()) == (State.PAUSED, 0, 30.0)
    s.resume()
    clock.advance(10)
    assert s.remaining() == 20.0


def test_back_goes_to_the_previous_segment_from_its_full_length() -> None:
    s, clock = make(hold(30), hold(20))
    s.start()
    clock.advance(35)  # 5 s into the second hold
    s.tick()
    assert s.back() == [SegmentStarted(0, s.plan.segments[0])]
    assert (s.index, s.remaining()) == (0, 30.0)
    assert of_type(timeline(s, clock), SegmentDone)[0][0] == 65.0


def test_back_on_the_first_segment_restarts_it() -> None:
    s, clock = make(hold(30), hold(20))
    s.start()
    clock.advance(12)
    assert s.back() == [SegmentStarted(0, s.plan.segments[0])]
    assert (s.index, s.remaining()) == (0, 30.0)


def test_restart_runs_this_segment_again_from_its_full_length() -> None:
    s, clock = make(hold(30), hold(20))
    s.start()
    clock.advance(32)
    s.tick()
    assert s.restart() == [SegmentStarted(1, s.plan.segments[1])]
    assert (s.index, s.remaining()) == (1, 20.0)
    clock.advance(19.5)
    assert not of_type([(0, e) for e in s.tick()], SegmentDone)


def test_done_ends_a_self_paced_set_and_counts_elapsed_up() -> None:
    s, clock = make(self_paced(), hold(30))
    reps, stretch = s.plan.segments
    assert reps.seconds is None
    s.start()
    clock.advance(12.4)
    assert s.tick() == []
    assert s.remaining() is None
    assert s.elapsed() == pytest.approx(12.4)
    assert s.display_seconds() == 12
    assert s.done() == [SegmentDone(0, reps, False, T0 + 12.4), SegmentStarted(1, stretch)]
    assert s.outcomes == ["done", None]
    assert (s.index, s.remaining()) == (1, 30.0)
    assert s.done() == []  # a timed hold does not end on Space


def test_pausing_a_self_paced_set_freezes_its_elapsed_time() -> None:
    s, clock = make(self_paced())
    s.start()
    clock.advance(7.5)
    s.pause()
    clock.advance(100)
    assert s.elapsed() == pytest.approx(7.5)
    s.resume()
    clock.advance(1)
    assert s.elapsed() == pytest.approx(8.5)
    assert s.display_seconds() == 8


def test_space_acknowledges_resumes_finishes_a_self_paced_set_or_pauses() -> None:
    s, clock = make(self_paced(), hold(30))
    s.start()
    clock.advance(3)
    assert isinstance(s.space()[0], SegmentDone)  # self-paced: done
    assert s.space() == [Paused()]
    assert s.space() == [Resumed()]


def test_stop_remembers_the_reason_and_the_step() -> None:
    s, clock = make(hold(30, name="A"), hold(30, name="B"), prepare=5)
    s.start()
    clock.advance(40)  # in step 1 ("B"): prepare 5, A 30, prepare 5 ...
    s.tick()
    assert s.stop("pain spreading down the leg")[-1] == Stopped("pain spreading down the leg")
    assert s.state is State.STOPPED
    assert s.stop_reason == "pain spreading down the leg"
    assert s.stop_step == 1
    assert s.outcomes == ["done", "done", "done", None]  # B's prepare is done, B is not
    assert s.total_remaining() == pytest.approx(30)


def test_leave() -> None:
    s, clock = make(hold(30))
    s.start()
    clock.advance(10)
    assert s.leave() == [Left()]
    assert s.state is State.LEFT
    assert s.active_seconds == pytest.approx(10)
    assert s.segment is None


@pytest.mark.parametrize("finish", ["complete", "stop", "leave"])
def test_every_action_on_a_finished_session_is_a_harmless_no_op(finish: str) -> None:
    s, clock = make(hold(30))
    s.start()
    if finish == "complete":
        clock.advance(30)
        s.tick()
    elif finish == "stop":
        s.stop("pain")
    else:
        s.leave()
    state, index = s.state, s.index
    clock.advance(100)
    actions = (s.tick, s.start, s.pause, s.resume, s.toggle_pause, s.space, s.skip, s.back)
    for action in (*actions, s.restart, s.done, s.acknowledge, s.leave, lambda: s.stop("x")):
        assert action() == []
    assert (s.state, s.index, s.wake_in()) == (state, index, None)
    assert s.stop_reason == ("pain" if finish == "stop" else None)


def test_outcomes_and_active_seconds_leave_out_paused_time() -> None:
    s, clock = make(hold(30), hold(20), hold(10))
    s.start()
    clock.advance(10)
    s.pause()
    clock.advance(500)
    s.resume()
    clock.advance(20)  # the first hold is done
    s.tick()
    clock.advance(4)
    s.skip()  # 4 s of the second one
    assert s.outcomes == ["done", "skipped", None]
    assert s.active_seconds == pytest.approx(34)
    assert s.segments_done == 1


def test_total_remaining_and_progress() -> None:
    s, clock = make(hold(30), self_paced(), hold(10))
    assert s.total_remaining() == 40
    s.start()
    clock.advance(20)
    assert s.total_remaining() == pytest.approx(20)
    assert s.progress() == pytest.approx(0.5)
    clock.advance(10)
    s.tick()  # in the self-paced set
    assert s.total_remaining() == pytest.approx(10)
    clock.advance(60)
    assert s.progress() == pytest.approx(0.75)


# --- cues inside a segment ------------------------------------------------------------------------


def test_countdown_3_2_1_before_a_timed_segment_ends() -> None:
    s, clock = make(hold(10))
    s.start()
    assert of_type(timeline(s, clock), Countdown) == [
        (7.0, Countdown(3)),
        (8.0, Countdown(2)),
        (9.0, Countdown(1)),
    ]


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (hold(20), [(10.0, Halfway(0))]),
        (hold(25), [(12.5, Halfway(0))]),
        (hold(19), []),
        (timed(30), []),
    ],
    ids=["hold-20", "hold-25", "hold-19", "timed-30"],
)
def test_halfway_only_in_holds_of_20_seconds_or_more(
    step: Step, expected: list[tuple[float, Halfway]]
) -> None:
    s, clock = make(step)
    s.start()
    assert of_type(timeline(s, clock), Halfway) == expected


@pytest.mark.parametrize(
    ("step", "times"),
    [
        (timed(60), [15.0, 30.0, 45.0]),
        (hold(18), [15.0]),  # 3 s left: still reminded
        (hold(17), []),  # fewer than 3 s left
        (Step(name="Bridge", kind="reps", reps=10, tempo=6), []),
    ],
    ids=["timed-60", "hold-18", "hold-17", "reps-with-tempo"],
)
def test_breathe_every_15_seconds_in_holds_and_timed_segments(
    step: Step, times: list[float]
) -> None:
    s, clock = make(step)
    s.start()
    assert [t for t, _ in of_type(timeline(s, clock), Breathe)] == times


def test_skin_checks_every_check_every_during_a_15_minute_heat_pack() -> None:
    s, clock = make(heat(900, check_every=300))
    s.start()
    events = timeline(s, clock, limit=905)
    assert of_type(events, SkinCheck) == [(300.0, SkinCheck(0, 300)), (600.0, SkinCheck(0, 600))]
    assert of_type(events, PackOff) == [(900.0, PackOff(0))]


# --- suspend: heat packs keep counting, exercises do not -----------------------------------------


def test_a_10_minute_sleep_during_a_heat_pack_shortens_it_by_10_minutes() -> None:
    s, clock = make(heat(900))
    s.start()
    clock.advance(60)
    clock.sleep(600)
    assert s.remaining() == pytest.approx(240)
    assert s.tick() == [SkinCheck(0, 300), SkinCheck(0, 600)]


def test_a_10_minute_sleep_during_a_hold_does_not_shorten_it() -> None:
    s, clock = make(hold(30))
    s.start()
    clock.advance(10)
    clock.sleep(600)
    assert s.tick() == []
    assert s.remaining() == pytest.approx(20)


def test_a_pack_that_ends_while_asleep_raises_an_alarm_until_acknowledged() -> None:
    s, clock = make(heat(600), hold(30))
    pack, stretch = s.plan.segments
    s.start()
    clock.advance(100)
    s.tick()
    clock.sleep(600)  # the pack ended at wall 1600, the machine wakes at 1700
    assert s.tick() == [
        SkinCheck(0, 300),
        Countdown(3),
        Countdown(2),
        Countdown(1),
        SegmentDone(0, pack, False, T0 + 600),
        PackOff(0),
        AlarmRepeat(0),  # the repeats missed while asleep are folded into one
    ]
    assert s.state is State.ALARM
    assert (s.segment, s.remaining(), s.display_seconds()) == (pack, 0.0, 0)
    assert s.wake_in() == pytest.approx(10)
    assert of_type(timeline(s, clock, limit=125), AlarmRepeat) == [
        (110.0, AlarmRepeat(0)),
        (120.0, AlarmRepeat(0)),
    ]
    clock.advance(3)
    assert s.acknowledge() == [SegmentStarted(1, stretch)]
    assert s.state is State.RUNNING
    assert s.remaining() == 30.0  # full length, from the acknowledge
    assert of_type(timeline(s, clock), SegmentDone) == [
        (158.0, SegmentDone(1, stretch, False, T0 + 158))
    ]


def test_the_alarm_repeats_every_10_seconds_and_skip_acknowledges_it() -> None:
    s, clock = make(heat(60), hold(30))
    s.start()
    events = timeline(s, clock, limit=95)
    assert [t for t, _ in of_type(events, AlarmRepeat)] == [70.0, 80.0, 90.0]
    assert s.state is State.ALARM
    assert s.skip() == [SegmentStarted(1, s.plan.segments[1])]
    assert s.outcomes == ["done", None]


def test_a_pack_as_the_last_segment_completes_on_acknowledge() -> None:
    s, clock = make(heat(60))
    s.start()
    clock.advance(61)
    assert s.tick()[-2:] == [SegmentDone(0, s.plan.segments[0], False, T0 + 60), PackOff(0)]
    assert s.state is State.ALARM
    assert s.acknowledge() == [RoutineDone()]
    assert s.state is State.COMPLETED


def test_without_hold_after_packs_a_pack_that_ran_out_asleep_leaves_the_next_exercise_whole() -> (
    None
):
    s, clock = make(heat(600), hold(30), hold_after_packs=False)
    pack, stretch = s.plan.segments
    s.start()
    clock.advance(100)
    s.tick()
    clock.sleep(3000)
    clock.advance(0.5)
    events = s.tick()
    assert events[-3:] == [
        SegmentDone(0, pack, False, T0 + 600),
        PackOff(0),
        SegmentStarted(1, stretch),
    ]
    assert s.state is State.RUNNING
    assert s.remaining() == pytest.approx(29.5)  # only the awake lateness carries over


def test_lateness_carries_over_between_the_two_clocks() -> None:
    s, clock = make(hold(10), heat(60), hold(30), hold_after_packs=False)
    s.start()
    clock.advance(12)  # monotonic -> wall: the pack started at 10 s
    s.tick()
    assert s.remaining() == pytest.approx(58)
    clock.advance(60.5)  # wall -> monotonic: the hold started at 70 s
    s.tick()
    assert s.index == 2
    assert s.remaining() == pytest.approx(27.5)


# --- speed ---------------------------------------------------------------------------------------


def test_speed_10_runs_a_30_second_hold_in_3_clock_seconds_reporting_plan_seconds() -> None:
    s, clock = make(hold(30), speed=10)
    s.start()
    assert s.wake_in() == pytest.approx(0.1)
    clock.advance(1.5)
    assert s.remaining() == pytest.approx(15)
    assert s.display_seconds() == 15
    events = timeline(s, clock)
    assert of_type(events, Countdown)[0] == (2.7, Countdown(3))
    assert of_type(events, SegmentDone) == [
        (3.0, SegmentDone(0, s.plan.segments[0], False, T0 + 3))
    ]


# --- sides ---------------------------------------------------------------------------------------


def test_side_switch_with_a_switch_segment() -> None:
    s, clock = make(hold(30, sides="both"), switch=5)
    left, switch, _ = s.plan.segments
    assert switch.kind == "switch"
    s.start()
    events = timeline(s, clock)
    assert of_type(events, SideSwitchComing) == [(25.0, SideSwitchComing("right", 0))]
    assert of_type(events, SideSwitch) == [(30.0, SideSwitch("right", 1))]
    at_30 = [e for t, e in events if t == 30.0 and not isinstance(e, Countdown)]
    assert at_30 == [
        SegmentDone(0, left, False, T0 + 30),
        SegmentStarted(1, switch),
        SideSwitch("right", 1),
    ]


def test_side_switch_without_a_switch_segment() -> None:
    s, clock = make(hold(30, sides="both"), switch=0)
    assert [seg.kind for seg in s.plan.segments] == ["hold", "hold"]
    s.start()
    events = timeline(s, clock)
    assert of_type(events, SideSwitchComing) == [(25.0, SideSwitchComing("right", 0))]
    assert of_type(events, SideSwitch) == [(30.0, SideSwitch("right", 1))]


@pytest.mark.parametrize("switch", [0, 5])
def test_alternating_sides_announce_both_directions(switch: int) -> None:
    s, clock = make(hold(20, sides="both", alternate=True, reps=2, rest=5), switch=switch)
    s.start()
    events = timeline(s, clock)
    assert [e.side for _, e in events if isinstance(e, SideSwitch)] == ["right", "left", "right"]
    sides_coming = [e.side for _, e in events if isinstance(e, SideSwitchComing)]
    assert sides_coming == ["right", "left", "right"]
    coming = [t for t, _ in of_type(events, SideSwitchComing)]
    switching = [t for t, _ in of_type(events, SideSwitch)]
    assert all(sw - c == 5.0 for c, sw in zip(coming, switching, strict=True))


def test_a_side_warning_comes_at_the_start_of_a_segment_shorter_than_5_seconds() -> None:
    s, _ = make(hold(4, sides="both"))
    assert s.start()[:2] == [SegmentStarted(0, s.plan.segments[0]), SideSwitchComing("right", 0)]


def test_no_side_switch_between_two_steps() -> None:
    s, clock = make(hold(10, sides="left"), hold(10, sides="right"))
    s.start()
    events = timeline(s, clock)
    assert not of_type(events, SideSwitch) and not of_type(events, SideSwitchComing)


# --- waking up ------------------------------------------------------------------------------------


@pytest.mark.parametrize("speed", [1.0, 4.0])
def test_wake_in_lands_exactly_on_the_second_boundaries(speed: float) -> None:
    s, clock = make(hold(30), self_paced(), speed=speed)
    s.start()
    clock.advance(0.3 / speed)
    s.tick()
    for _ in range(40):
        wait = s.wake_in()
        assert wait is not None and 0 < wait <= 1 / speed + 1e-9
        before = s.display_seconds()
        clock.advance(wait - 1e-4)
        assert s.display_seconds() == before  # not a moment too early ...
        clock.advance(1e-4)
        assert s.display_seconds() != before or s.tick()  # ... and it changes right then
        s.tick()
        offset = (clock.monotonic() - T0) * speed - (30 if s.index else 0)
        assert offset == pytest.approx(round(offset), abs=1e-6)  # a whole plan-second
    assert s.index == 1  # into the self-paced set, counting up
    assert s.display_seconds() == 10  # 30 wake-ups in the hold, then 10 counting up


# --- no drift over a whole routine ---------------------------------------------------------------


def thirty_minute_routine() -> Routine:
    return Routine(
        name="Long",
        prepare=5,
        switch=5,
        steps=(
            Step(name="Knee to chest", kind="hold", hold=30, reps=3, sets=2, sides="both", rest=10),
            Step(name="Press-up", kind="reps", reps=10, tempo=3, hold=2, sets=2),
            Step(name="March", kind="timed", duration=120, sides="both"),
            Step(name="Heat", kind="heat", duration=900, check_every=300),
            Step(name="Bird-dog", kind="hold", hold=20, reps=3, sides="both", alternate=True),
            Step(name="Lie still", kind="rest", duration=60),
            Step(name="Walk", kind="timed", duration=90),
        ),
    )


def test_no_drift_over_a_30_minute_routine_with_jittery_ticks() -> None:
    plan = build_plan(thirty_minute_routine())
    assert 25 * 60 <= plan.total_seconds <= 40 * 60
    assert all(seg.seconds is not None for seg in plan.segments)
    clock = FakeClock()
    s = Session(plan, clock, hold_after_packs=False)
    events = s.start()
    rng = random.Random(20261121)
    while s.state is State.RUNNING:
        clock.advance(rng.uniform(0.05, 1.7))
        events.extend(s.tick())
    assert s.state is State.COMPLETED
    done = [e for e in events if isinstance(e, SegmentDone)]
    assert [e.index for e in done] == list(range(len(plan)))
    assert not any(e.skipped for e in done)
    ends = list(itertools.accumulate(seg.seconds or 0 for seg in plan.segments))
    for event, end in zip(done, ends, strict=True):
        assert abs(event.at - (T0 + end)) < 1e-6, (event.index, event.at - T0, end)
    assert events[-1] == RoutineDone()
    assert s.active_seconds == pytest.approx(plan.total_seconds)


# --- anything a user can do ----------------------------------------------------------------------

ACTIONS = ("tick", "pause", "resume", "toggle_pause", "space", "skip", "back", "restart", "done")
MORE = ("acknowledge", "stop", "leave", "start")
FINISHED = (State.COMPLETED, State.STOPPED, State.LEFT)
steps_st = st.one_of(
    st.tuples(st.sampled_from(ACTIONS + ACTIONS + MORE), st.just(0.0)),
    st.tuples(st.sampled_from(("advance", "sleep")), st.floats(0, 400)),
)


@settings(max_examples=150, deadline=None)
@given(
    moves=st.lists(steps_st, max_size=40),
    speed=st.sampled_from([1.0, 7.5]),
    hold_after_packs=st.booleans(),
)
def test_any_sequence_of_keys_and_clock_moves_keeps_the_session_sane(
    moves: list[tuple[str, float]], speed: float, hold_after_packs: bool
) -> None:
    s, clock = make(
        hold(25, sides="both", reps=2, rest=3),
        self_paced(),
        heat(40, check_every=10),
        timed(3),
        prepare=2,
        switch=2,
        speed=speed,
        hold_after_packs=hold_after_packs,
    )
    s.start()
    for name, amount in moves:
        if name == "advance":
            clock.advance(amount)
        elif name == "sleep":
            clock.sleep(amount)
        elif name == "stop":
            s.stop("pain")
        else:
            for event in getattr(s, name)():
                assert isinstance(event, Event)
        assert 0 <= s.index <= len(s.plan)
        remaining = s.remaining()
        segment = s.segment
        if remaining is not None:
            assert segment is not None and segment.seconds is not None
            assert 0 <= remaining <= segment.seconds
        assert s.elapsed() >= 0
        assert s.display_seconds() >= 0
        wait = s.wake_in()
        assert wait is None or wait >= 0
        assert 0 <= s.progress() <= 1
        assert s.total_remaining() >= 0
        assert s.active_seconds >= 0
        assert (segment is None) == (s.state in (State.READY, *FINISHED))
        if s.state is State.COMPLETED:
            assert s.index == len(s.plan)


# --- a pack is never on longer than its duration -----------------------------------------------


def test_a_pack_on_the_skin_does_not_pause_but_one_not_yet_on_does() -> None:
    session, clock = make(heat(900))
    session.start()
    assert [type(e) for e in session.pause()] == [Paused]  # at its very start: not on yet
    clock.advance(60)
    session.resume()
    clock.advance(30)
    events = session.pause()
    assert [type(e) for e in events] == [PackKeepsTiming]
    assert session.state is State.RUNNING
    clock.advance(100)
    assert session.remaining() == pytest.approx(900 - 130)


def test_restart_and_back_give_a_pack_only_what_is_left() -> None:
    session, clock = make(heat(900, check_every=300), hold(30))
    session.start()
    clock.advance(400)
    fired = session.tick()
    assert len([e for e in fired if isinstance(e, SkinCheck)]) == 1
    session.restart()
    assert session.remaining() == pytest.approx(500)
    events = timeline(session, clock, limit=400 + 499)
    assert [e.elapsed for _, e in of_type(events, SkinCheck)] == [600]  # 300 is not said again
    clock.advance(1)
    assert any(isinstance(e, PackOff) for e in session.tick())
    assert session.active_seconds == pytest.approx(900)  # not 1300
    session.acknowledge()
    assert session.segment is not None and session.segment.kind == "hold"
    events = session.back()  # back to the pack: its time is up, the alarm comes at once
    assert any(isinstance(e, PackOff) for e in events)
    assert session.state is State.ALARM


@pytest.mark.parametrize("key", ["restart", "back"])
def test_restart_or_back_during_the_alarm_takes_the_pack_off(key: str) -> None:
    session, clock = make(heat(60), hold(30))
    session.start()
    clock.advance(61)
    session.tick()
    assert session.state is State.ALARM
    getattr(session, key)()
    assert session.state is State.RUNNING
    assert session.segment is not None and session.segment.kind == "hold"
    assert session.remaining() == 30


def test_skip_step_skips_what_is_left_of_the_step() -> None:
    session, _clock = make(heat(600), hold(30), prepare=5)
    session.start()
    events = session.skip_step()
    assert session.segment is not None and session.segment.step == 1
    assert session.segment.kind == "prepare"
    assert session.outcomes[:2] == ["skipped", "skipped"]
    assert not any(isinstance(e, PackOff) for e in events)
    session.skip_step()
    assert session.state is State.COMPLETED
