"""The expansion rules of DESIGN.md section 3, one test (at least) per rule."""

from __future__ import annotations

from sessiontimer.core.routines.loader import load_text
from sessiontimer.core.routines.model import Routine, Step
from sessiontimer.core.session.plan import Plan, Segment, build_plan


def plan_of(*steps: Step, prepare: int = 5, switch: int = 5) -> Plan:
    return build_plan(Routine(name="r", steps=steps, prepare=prepare, switch=switch))


def short(plan: Plan) -> list[tuple[str, str | None, int | None]]:
    return [(s.kind, s.side, s.seconds) for s in plan.segments]


def test_design_example_230_seconds() -> None:
    text = """
prepare = "5s"
switch = "5s"
name = "Example"
[[steps]]
name = "Stretch"
hold = "30s"
reps = 3
sides = "both"
rest = "10s"
"""
    routine = load_text(text)
    assert isinstance(routine, Routine)
    plan = build_plan(routine)
    assert short(plan) == [
        ("prepare", "left", 5),
        ("hold", "left", 30),
        ("rest", "left", 10),
        ("hold", "left", 30),
        ("rest", "left", 10),
        ("hold", "left", 30),
        ("switch", "right", 5),
        ("hold", "right", 30),
        ("rest", "right", 10),
        ("hold", "right", 30),
        ("rest", "right", 10),
        ("hold", "right", 30),
    ]
    assert plan.total_seconds == 230
    assert [(s.set, s.rep) for s in plan.segments if s.kind == "hold"] == [
        (1, 1),
        (1, 2),
        (1, 3),
        (1, 1),
        (1, 2),
        (1, 3),
    ]


def test_rule1_prepare_before_every_step_but_rest_and_not_when_zero() -> None:
    steps = (
        Step(name="a", kind="timed", duration=60),
        Step(name="break", kind="rest", duration=20),
        Step(name="b", kind="timed", duration=30),
    )
    assert short(plan_of(*steps)) == [
        ("prepare", None, 5),
        ("timed", None, 60),
        ("rest", None, 20),
        ("prepare", None, 5),
        ("timed", None, 30),
    ]
    assert short(plan_of(*steps, prepare=0)) == [
        ("timed", None, 60),
        ("rest", None, 20),
        ("timed", None, 30),
    ]


def test_rule2_hold_one_side_sets_and_rests() -> None:
    step = Step(name="h", kind="hold", hold=20, reps=2, sets=2, sides="left", rest=5, set_rest=30)
    plan = plan_of(step)
    assert short(plan) == [
        ("prepare", "left", 5),
        ("hold", "left", 20),
        ("rest", "left", 5),
        ("hold", "left", 20),
        ("rest", "left", 30),
        ("hold", "left", 20),
        ("rest", "left", 5),
        ("hold", "left", 20),
    ]
    assert [(s.kind, s.set, s.rep) for s in plan.segments] == [
        ("prepare", 1, 1),
        ("hold", 1, 1),
        ("rest", 1, 2),
        ("hold", 1, 2),
        ("rest", 2, 1),
        ("hold", 2, 1),
        ("rest", 2, 2),
        ("hold", 2, 2),
    ]


def test_rule2_zero_rest_left_out_and_no_sides() -> None:
    step = Step(name="h", kind="hold", hold=10, reps=3, rest=0)
    assert short(plan_of(step)) == [
        ("prepare", None, 5),
        ("hold", None, 10),
        ("hold", None, 10),
        ("hold", None, 10),
    ]


def test_rule3_both_not_alternating_with_sets() -> None:
    step = Step(name="h", kind="hold", hold=30, reps=1, sets=2, sides="both", set_rest=15)
    assert short(plan_of(step)) == [
        ("prepare", "left", 5),
        ("hold", "left", 30),
        ("rest", "left", 15),
        ("hold", "left", 30),
        ("switch", "right", 5),
        ("hold", "right", 30),
        ("rest", "right", 15),
        ("hold", "right", 30),
    ]


def test_rule3_alternating() -> None:
    step = Step(
        name="k",
        kind="hold",
        hold=30,
        reps=2,
        sets=2,
        sides="both",
        alternate=True,
        rest=10,
        set_rest=20,
    )
    plan = plan_of(step, switch=3)
    assert short(plan) == [
        ("prepare", "left", 5),
        ("hold", "left", 30),
        ("switch", "right", 3),
        ("hold", "right", 30),
        ("rest", "left", 10),
        ("hold", "left", 30),
        ("switch", "right", 3),
        ("hold", "right", 30),
        ("rest", "left", 20),
        ("hold", "left", 30),
        ("switch", "right", 3),
        ("hold", "right", 30),
        ("rest", "left", 10),
        ("hold", "left", 30),
        ("switch", "right", 3),
        ("hold", "right", 30),
    ]
    holds = [(s.side, s.set, s.rep) for s in plan.segments if s.kind == "hold"]
    assert holds == [
        ("left", 1, 1),
        ("right", 1, 1),
        ("left", 1, 2),
        ("right", 1, 2),
        ("left", 2, 1),
        ("right", 2, 1),
        ("left", 2, 2),
        ("right", 2, 2),
    ]
    assert plan.total_seconds == 5 + 8 * 30 + 4 * 3 + 2 * 10 + 20


def test_rule4_reps_with_tempo_and_hold() -> None:
    step = Step(name="tilt", kind="reps", reps=10, sets=2, tempo=3, hold=2, set_rest=20)
    assert short(plan_of(step)) == [
        ("prepare", None, 5),
        ("reps", None, 50),
        ("rest", None, 20),
        ("reps", None, 50),
    ]


def test_rule4_self_paced_both_sides() -> None:
    step = Step(name="glide", kind="reps", reps=10, sides="both")
    plan = plan_of(step)
    assert short(plan) == [
        ("prepare", "left", 5),
        ("reps", "left", None),
        ("switch", "right", 5),
        ("reps", "right", None),
    ]
    assert plan.total_seconds == 10
    assert plan.self_paced == 2


def test_rule4_reps_alternating_sets() -> None:
    step = Step(
        name="r", kind="reps", reps=5, sets=2, tempo=2, sides="both", alternate=True, set_rest=10
    )
    assert short(plan_of(step)) == [
        ("prepare", "left", 5),
        ("reps", "left", 10),
        ("switch", "right", 5),
        ("reps", "right", 10),
        ("rest", "left", 10),
        ("reps", "left", 10),
        ("switch", "right", 5),
        ("reps", "right", 10),
    ]


def test_rule5_timed_per_side_heat_cold_rest() -> None:
    steps = (
        Step(name="walk", kind="timed", duration=60, sides="both"),
        Step(name="heat", kind="heat", duration=900),
        Step(name="cold", kind="cold", duration=600),
        Step(name="lie down", kind="rest", duration=30),
    )
    plan = plan_of(*steps)
    assert short(plan) == [
        ("prepare", "left", 5),
        ("timed", "left", 60),
        ("switch", "right", 5),
        ("timed", "right", 60),
        ("prepare", None, 5),
        ("heat", None, 900),
        ("prepare", None, 5),
        ("cold", None, 600),
        ("rest", None, 30),
    ]
    assert [s.step for s in plan.segments] == [0, 0, 0, 0, 1, 1, 2, 2, 3]
    assert [s.uses_wall_clock for s in plan.segments if s.kind in ("heat", "cold")] == [True, True]
    assert not any(s.uses_wall_clock for s in plan.segments if s.kind not in ("heat", "cold"))


def test_rule6_zero_switch_left_out_side_still_changes() -> None:
    step = Step(name="h", kind="hold", hold=30, reps=1, sides="both")
    assert short(plan_of(step, switch=0)) == [
        ("prepare", "left", 5),
        ("hold", "left", 30),
        ("hold", "right", 30),
    ]


def test_json_shape() -> None:
    step = Step(name="Glide", kind="reps", reps=10, sides="right")
    data = plan_of(step).to_json()
    assert data["total_seconds"] == 5
    assert data["self_paced"] == 1
    assert data["segments"] == [
        {
            "kind": "prepare",
            "step": 0,
            "step_name": "Glide",
            "side": "right",
            "set": 1,
            "rep": 1,
            "seconds": 5,
        },
        {
            "kind": "reps",
            "step": 0,
            "step_name": "Glide",
            "side": "right",
            "set": 1,
            "rep": 1,
            "seconds": None,
        },
    ]


def test_segments_are_frozen() -> None:
    seg = plan_of(Step(name="x", kind="timed", duration=3)).segments[0]
    assert isinstance(seg, Segment)
    try:
        seg.seconds = 1  # type: ignore[misc]
    except AttributeError:
        pass
    else:  # pragma: no cover
        raise AssertionError("segments must be immutable")
