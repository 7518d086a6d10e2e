"""Which sound goes with which session events (sessiontimer.core.session.cues), on real plans and on
whole sessions driven by a FakeClock."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.routines.loader import load_file, load_text
from sessiontimer.core.routines.model import Routine, Step
from sessiontimer.core.session.cues import MAX_NAME, Cue, cues_for, spoken_name
from sessiontimer.core.session.engine import Session
from sessiontimer.core.session.events import (
    AlarmRepeat,
    Breathe,
    Countdown,
    Event,
    Halfway,
    Left,
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
from sessiontimer.core.session.plan import Plan, Segment, build_plan
from sessiontimer.core.session.state import State
from tests.conftest import REPO

SWITCH_RIGHT = "Switch to your right side"


def plan_of(*steps: Step, prepare: int = 5, switch: int = 5) -> Plan:
    return build_plan(Routine(name="Test", steps=steps, prepare=prepare, switch=switch))


def hold(seconds: int = 30, name: str = "Knee to chest", **kw: Any) -> Step:
    return Step(name=name, kind="hold", hold=seconds, **kw)


def first(plan: Plan, kind: str, side: str | None = None) -> tuple[int, Segment]:
    """The index and segment of the first segment of ``kind`` (on ``side``, when given)."""
    for index, segment in enumerate(plan.segments):
        if segment.kind == kind and (side is None or segment.side == side):
            return index, segment
    raise AssertionError(f"no {kind} segment")


def said_when_started(plan: Plan, kind: str, side: str | None = None) -> str | None:
    index, segment = first(plan, kind, side)
    cue = cues_for([SegmentStarted(index, segment)], plan)
    assert cue is not None and not cue.bell
    return cue.say


def run(
    plan: Plan, *, hold_after_packs: bool = True, speed: float = 1.0
) -> list[tuple[list[Event], Cue | None]]:
    """Run a whole session as the screen does (sleep wake_in(), tick; Space on a self-paced set
    or an alarm, after 3 seconds); every batch of events with its cue."""
    clock = FakeClock()
    session = Session(plan, clock, speed=speed, hold_after_packs=hold_after_packs)
    batches: list[list[Event]] = [session.start()]
    for _ in range(100_000):
        if session.finished:
            break
        if session.state is State.ALARM or session.remaining() is None:
            clock.advance(3)
            batches.append(session.tick())
            batches.append(session.space())
            continue
        wait = session.wake_in()
        assert wait is not None
        clock.advance(wait)
        batches.append(session.tick())
    assert session.state is State.COMPLETED
    return [(batch, cues_for(batch, plan)) for batch in batches if batch]


def spoken(results: list[tuple[list[Event], Cue | None]]) -> list[str]:
    return [cue.say for _, cue in results if cue is not None and cue.say is not None]


# --- the bell --------------------------------------------------------------------------------


@pytest.mark.parametrize("seconds", [3, 2, 1])
def test_the_countdown_rings_the_bell_and_says_nothing(seconds: int) -> None:
    plan = plan_of(hold())
    assert cues_for([Countdown(seconds)], plan) == Cue(bell=True)


def test_a_segment_that_ran_out_rings_the_bell_a_skipped_one_does_not() -> None:
    plan = plan_of(hold())
    index, segment = first(plan, "hold")
    assert cues_for([SegmentDone(index, segment, False, 30.0)], plan) == Cue(bell=True)
    assert cues_for([SegmentDone(index, segment, True, 12.0)], plan) is None


def test_a_self_paced_set_ended_with_space_rings_nothing() -> None:
    # not "skipped", but the user ended it with a key press: no need to tell them
    plan = plan_of(Step(name="Bridge", kind="reps", reps=10))
    index, segment = first(plan, "reps")
    assert segment.self_paced
    assert cues_for([SegmentDone(index, segment, False, 40.0)], plan) is None


def test_the_bell_rings_when_any_event_of_the_batch_asks_for_it() -> None:
    plan = plan_of(hold())
    (i, prepare), (j, work) = first(plan, "prepare"), first(plan, "hold")
    batch: list[Event] = [SegmentDone(i, prepare, False, 5.0), SegmentStarted(j, work)]
    assert cues_for(batch, plan) == Cue(bell=True, say="Hold")


# --- words when a segment starts ---------------------------------------------------------------


def test_prepare_says_the_step_name_and_the_side_to_start_on() -> None:
    assert said_when_started(plan_of(hold()), "prepare") == "Knee to chest. Get ready."
    plan = plan_of(hold(sides="both"))
    assert said_when_started(plan, "prepare") == "Knee to chest, left side. Get ready."
    plan = plan_of(hold(sides="right"))
    assert said_when_started(plan, "prepare") == "Knee to chest, right side. Get ready."


def test_hold_says_hold_and_the_side_when_there_is_one() -> None:
    assert said_when_started(plan_of(hold()), "hold") == "Hold"
    plan = plan_of(hold(sides="both"))
    assert said_when_started(plan, "hold", "left") == "Hold, left side"
    assert said_when_started(plan, "hold", "right") == "Hold, right side"


def test_reps_with_a_tempo_say_go_and_how_many() -> None:
    plan = plan_of(Step(name="Bridge", kind="reps", reps=10, tempo=3))
    assert said_when_started(plan, "reps") == "Go: 10 reps"
    plan = plan_of(Step(name="Bridge", kind="reps", reps=1, tempo=3))
    assert said_when_started(plan, "reps") == "Go: 1 rep"


def test_self_paced_reps_say_how_many_and_how_to_end_the_set() -> None:
    plan = plan_of(Step(name="Bridge", kind="reps", reps=8))
    assert said_when_started(plan, "reps") == "8 reps. Press space when done."


def test_timed_rest_heat_and_cold() -> None:
    plan = plan_of(
        Step(name="March", kind="timed", duration=60),
        hold(reps=2),
        Step(name="Heat", kind="heat", duration=600),
        Step(name="Ice", kind="cold", duration=600),
    )
    assert said_when_started(plan, "timed") == "Go"
    assert said_when_started(plan, "rest") == "Rest"
    assert said_when_started(plan, "heat") == "Heat pack on"
    assert said_when_started(plan, "cold") == "Cold pack on"


def test_a_rest_step_says_its_name() -> None:
    plan = plan_of(Step(name="Lie on your back", kind="rest", duration=60))
    assert said_when_started(plan, "rest") == "Lie on your back. Rest"
    plan = plan_of(Step(name="Rest.", kind="rest", duration=60))
    assert said_when_started(plan, "rest") == "Rest"


def test_a_switch_segment_names_the_side_of_the_work_after_it() -> None:
    plan = plan_of(hold(sides="both"))
    index, segment = first(plan, "switch")
    assert plan.segments[index + 1].side == segment.side == "right"
    assert said_when_started(plan, "switch") == SWITCH_RIGHT


def test_the_switch_segment_and_its_side_switch_are_said_once() -> None:
    plan = plan_of(hold(sides="both", reps=1))
    (i, left), (j, switch) = first(plan, "hold"), first(plan, "switch")
    batch: list[Event] = [
        SegmentDone(i, left, False, 30.0),
        SegmentStarted(j, switch),
        SideSwitch("right", j),
    ]
    assert cues_for(batch, plan) == Cue(bell=True, say=SWITCH_RIGHT)


def test_a_side_change_without_a_switch_segment_is_said_with_the_work() -> None:
    plan = plan_of(hold(sides="both", reps=1), switch=0)
    index, right = first(plan, "hold", "right")
    batch: list[Event] = [SegmentStarted(index, right), SideSwitch("right", index)]
    assert cues_for(batch, plan) == Cue(say="Switch to your right side. Hold.")
    plan = plan_of(Step(name="Clam", kind="reps", reps=10, sides="both"), switch=0)
    index, right = first(plan, "reps", "right")
    batch = [SegmentStarted(index, right), SideSwitch("right", index)]
    assert cues_for(batch, plan) == Cue(
        say="Switch to your right side. 10 reps. Press space when done."
    )
    plan = plan_of(Step(name="March", kind="timed", duration=30, sides="both"), switch=0)
    index, right = first(plan, "timed", "right")
    batch = [SegmentStarted(index, right), SideSwitch("right", index)]
    assert cues_for(batch, plan) == Cue(say="Switch to your right side. Go.")


def test_a_rest_that_changes_sides_says_rest_first() -> None:
    # alternating reps: hold left, switch, hold right, rest (leading into the next left hold)
    plan = plan_of(hold(sides="both", alternate=True, reps=2), switch=0)
    index, rest = first(plan, "rest", "left")
    batch: list[Event] = [SegmentStarted(index, rest), SideSwitch("left", index)]
    assert cues_for(batch, plan) == Cue(say="Rest, then switch to your left side")


def test_a_side_switch_alone_says_which_side() -> None:
    plan = plan_of(hold(sides="both"))
    assert cues_for([SideSwitch("right", 3)], plan) == Cue(say=SWITCH_RIGHT)
    assert cues_for([SideSwitch("left", 3)], plan) == Cue(say="Switch to your left side")


def test_the_side_switch_warning_is_not_spoken() -> None:
    plan = plan_of(hold(sides="both"))
    assert cues_for([SideSwitchComing("right", 1)], plan) is None


# --- words inside a segment and for the whole session ----------------------------------------


@pytest.mark.parametrize(
    ("event", "cue"),
    [
        (Halfway(1), Cue(say="Halfway")),
        (Breathe(1), Cue(say="Breathe")),
        (SkinCheck(1, 300), Cue(say="Check your skin")),
        (PackOff(1), Cue(bell=True, say="Time is up. Take the pack off now.")),
        (AlarmRepeat(1), Cue(bell=True, say="Take the pack off now.")),
        (RoutineDone(), Cue(say="Routine complete. Well done.")),
        (Paused(), Cue(say="Paused")),
        (Resumed(), Cue(say="Go on")),
    ],
    ids=lambda x: type(x).__name__,
)
def test_fixed_phrases(event: Event, cue: Cue) -> None:
    assert cues_for([event], plan_of(hold())) == cue


def test_nothing_for_an_empty_batch() -> None:
    assert cues_for([], plan_of(hold())) is None


def test_a_stop_or_leaving_silences_the_whole_batch() -> None:
    plan = plan_of(hold(reps=2))
    index, segment = first(plan, "hold")
    before: list[Event] = [Countdown(1), SegmentDone(0, plan.segments[0], False, 5.0)]
    before.append(SegmentStarted(index, segment))
    assert cues_for([*before, Stopped("pain down the leg")], plan) is None
    assert cues_for([*before, Left()], plan) is None


# --- one phrase per batch: priority --------------------------------------------------------------


def _one_of_each(plan: Plan) -> dict[str, Event]:
    index, segment = first(plan, "hold")
    return {
        "RoutineDone": RoutineDone(),
        "PackOff": PackOff(index),
        "AlarmRepeat": AlarmRepeat(index),
        "SegmentStarted": SegmentStarted(index, segment),
        "SideSwitch": SideSwitch("right", index + 5),
        "SkinCheck": SkinCheck(index, 300),
        "Halfway": Halfway(index),
        "Breathe": Breathe(index),
    }


# highest first; the brief's order (events on one line are equal)
ORDER = [
    ("RoutineDone",),
    ("PackOff", "AlarmRepeat"),
    ("SegmentStarted", "SideSwitch"),
    ("SkinCheck",),
    ("Halfway",),
    ("Breathe",),
]


@pytest.mark.parametrize(
    ("higher", "lower"),
    [
        (a, b)
        for i, j in itertools.combinations(range(len(ORDER)), 2)
        for a in ORDER[i]
        for b in ORDER[j]
    ],
)
def test_the_more_important_event_is_said_in_either_order(higher: str, lower: str) -> None:
    plan = plan_of(hold(sides="both"))
    events = _one_of_each(plan)
    alone = cues_for([events[higher]], plan)
    assert alone is not None and alone.say
    for batch in ([events[higher], events[lower]], [events[lower], events[higher]]):
        cue = cues_for(batch, plan)
        assert cue is not None
        assert cue.say == alone.say


def test_among_equals_the_newest_wins() -> None:
    plan = plan_of(hold(reps=2))
    (i, prepare), (j, work) = first(plan, "prepare"), first(plan, "hold")
    cue = cues_for([SegmentStarted(i, prepare), SegmentStarted(j, work)], plan)
    assert cue == Cue(say="Hold")
    cue = cues_for([PackOff(1), AlarmRepeat(1)], plan)
    assert cue == Cue(bell=True, say="Take the pack off now.")


def test_a_pause_is_said_over_a_segment_that_started_in_the_same_batch() -> None:
    plan = plan_of(hold())
    index, segment = first(plan, "hold")
    cue = cues_for(
        [SegmentDone(0, plan.segments[0], False, 5.0), SegmentStarted(index, segment), Paused()],
        plan,
    )
    assert cue == Cue(bell=True, say="Paused")


# --- the step name is cleaned text ----------------------------------------------------------------


def test_the_step_name_loses_control_characters_and_is_capped() -> None:
    assert spoken_name("Knee\x1b[31m to\nchest\x07") == "Knee [31m to chest"
    assert spoken_name("[bold]Bridge[/bold]") == "[bold]Bridge[/bold]"  # spoken, not parsed
    assert spoken_name("Cat-camel...  ") == "Cat-camel"
    assert spoken_name("\x00\x01") == ""
    long = spoken_name("word " * 100)
    assert len(long) <= MAX_NAME
    assert long.endswith("word")
    assert len(spoken_name("x" * 1000)) == MAX_NAME


def test_a_nasty_step_name_is_spoken_clean() -> None:
    plan = plan_of(hold(name="\x1b]0;pwned\x07-rf --help\r\n" + "y" * 500))
    said = said_when_started(plan, "prepare")
    assert said is not None
    assert said.startswith("]0;pwned -rf --help y")
    assert said.endswith(". Get ready.")
    assert all(ch.isprintable() for ch in said)
    assert len(said) <= MAX_NAME + len(". Get ready.")


def test_a_step_without_a_speakable_name_still_says_get_ready() -> None:
    plan = plan_of(hold(name="\x07"))
    assert said_when_started(plan, "prepare") == "Get ready."
    plan = plan_of(hold(name="\x07", sides="left"))
    assert said_when_started(plan, "prepare") == "left side. Get ready."


# --- whole sessions --------------------------------------------------------------------------------


BOTH_SIDES = """
name = "Knee to chest, both sides"
prepare = "5s"
switch = "5s"

[[steps]]
name = "Knee to chest"
hold = "30s"
reps = 3
sides = "both"
rest = "10s"
"""


def test_a_both_sides_hold_routine_from_start_to_end() -> None:
    routine = load_text(BOTH_SIDES)
    assert isinstance(routine, Routine)
    plan = build_plan(routine)
    results = run(plan)
    said = spoken(results)
    assert said.count(SWITCH_RIGHT) == 1
    assert not any("left side" in s and "Switch" in s for s in said)
    assert said[0] == "Knee to chest, left side. Get ready."
    assert said[-1] == "Routine complete. Well done."
    assert said.count("Hold, left side") == 3
    assert said.count("Hold, right side") == 3
    assert said.count("Rest") == 4
    assert said.count("Halfway") == 6
    # the bell at every natural segment end, and 3-2-1 before each
    ends = [cue for batch, cue in results if any(isinstance(e, SegmentDone) for e in batch)]
    assert len(ends) == len(plan.segments)
    assert all(cue is not None and cue.bell for cue in ends)
    bells = sum(1 for _, cue in results if cue is not None and cue.bell)
    assert bells == 4 * len(plan.segments)
    # every batch is one cue with at most one phrase, and every phrase is short
    assert all(len(s) < 60 for s in said)


def test_both_sides_without_switch_time_say_the_change_with_the_hold() -> None:
    plan = plan_of(hold(seconds=10, sides="both", reps=2, rest=5), switch=0)
    said = spoken(run(plan))
    assert said.count("Switch to your right side. Hold.") == 1
    assert SWITCH_RIGHT not in said
    assert said.count("Hold, right side") == 1  # the second right hold


def test_alternating_sides_announce_every_change() -> None:
    plan = plan_of(hold(seconds=10, sides="both", alternate=True, reps=2, rest=5))
    said = spoken(run(plan))
    assert said.count(SWITCH_RIGHT) == 2
    assert said.count("Rest, then switch to your left side") == 1


def test_self_paced_sets_ring_only_at_timed_ends() -> None:
    plan = plan_of(Step(name="Clam", kind="reps", reps=10, sides="both"))
    results = run(plan)
    for batch, cue in results:
        done = [e for e in batch if isinstance(e, SegmentDone)]
        if done and done[0].segment.self_paced:
            assert cue is None or not cue.bell
    said = spoken(results)
    assert said.count("10 reps. Press space when done.") == 2
    assert said.count(SWITCH_RIGHT) == 1


def test_a_heat_pack_reminds_rings_and_repeats_the_alarm_until_acknowledged() -> None:
    plan = plan_of(Step(name="Heat", kind="heat", duration=900, check_every=300), hold(10))
    results = run(plan)
    said = spoken(results)
    assert said[:4] == ["Heat. Get ready.", "Heat pack on", "Check your skin", "Check your skin"]
    pack_off = [
        cue for _, cue in results if cue and cue.say == "Time is up. Take the pack off now."
    ]
    assert pack_off == [Cue(bell=True, say="Time is up. Take the pack off now.")]
    assert said[4] == "Time is up. Take the pack off now."
    # run() waits 3 s before pressing Space: the alarm is still quiet then
    assert said[5] == "Knee to chest. Get ready."


def test_the_alarm_repeats_are_loud() -> None:
    plan = plan_of(Step(name="Ice", kind="cold", duration=60), hold(10))
    clock = FakeClock()
    session = Session(plan, clock)
    session.start()
    clock.advance(5 + 60)
    cue = cues_for(session.tick(), plan)
    assert cue == Cue(bell=True, say="Time is up. Take the pack off now.")
    for _ in range(3):
        clock.advance(10)
        assert cues_for(session.tick(), plan) == Cue(bell=True, say="Take the pack off now.")
    cue = cues_for(session.acknowledge(), plan)
    assert cue == Cue(say="Knee to chest. Get ready.")


def test_without_hold_after_packs_the_pack_off_wins_over_the_next_step() -> None:
    plan = plan_of(Step(name="Heat", kind="heat", duration=60), hold(10), prepare=0)
    clock = FakeClock()
    session = Session(plan, clock, hold_after_packs=False)
    session.start()
    clock.advance(60)
    batch = session.tick()
    assert any(isinstance(e, SegmentStarted) for e in batch)
    assert cues_for(batch, plan) == Cue(bell=True, say="Time is up. Take the pack off now.")


def test_keys_pause_resume_skip_and_stop() -> None:
    plan = plan_of(hold(reps=2))
    clock = FakeClock()
    session = Session(plan, clock)
    assert cues_for(session.start(), plan) == Cue(say="Knee to chest. Get ready.")
    clock.advance(1)
    assert cues_for(session.pause(), plan) == Cue(say="Paused")
    assert cues_for(session.resume(), plan) == Cue(say="Go on")
    assert cues_for(session.skip(), plan) == Cue(say="Hold")  # skipped: no bell
    assert cues_for(session.back(), plan) == Cue(say="Knee to chest. Get ready.")
    assert cues_for(session.restart(), plan) == Cue(say="Knee to chest. Get ready.")
    assert cues_for(session.stop("pain"), plan) is None


def test_a_tick_that_comes_late_says_only_the_newest_instruction() -> None:
    plan = plan_of(hold(seconds=20, reps=2, rest=5))
    clock = FakeClock()
    session = Session(plan, clock)
    session.start()
    clock.advance(5 + 20 + 2)  # the prepare, the first hold and 2 s of the rest went by
    batch = session.tick()
    assert sum(isinstance(e, SegmentStarted) for e in batch) == 2
    assert cues_for(batch, plan) == Cue(bell=True, say="Rest")


BUILTIN = sorted((REPO / "routines").glob("*.toml"))


@pytest.mark.parametrize("path", BUILTIN, ids=[p.stem for p in BUILTIN])
def test_every_built_in_routine_speaks_every_segment_start(path: Any) -> None:
    routine = load_file(path)
    assert isinstance(routine, Routine), routine
    plan = build_plan(routine)
    results = run(plan, speed=50)
    starts = 0
    for batch, cue in results:
        if any(isinstance(e, SegmentStarted) for e in batch):
            starts += 1
            assert cue is not None and cue.say, batch
        if cue is not None and cue.say is not None:
            assert cue.say.isprintable()
            assert len(cue.say) <= MAX_NAME + 40
    assert starts >= len(plan.segments)
    assert spoken(results)[-1] == "Routine complete. Well done."
