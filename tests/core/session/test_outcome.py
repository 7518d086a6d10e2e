"""Per-step outcomes: done, partial, skipped, not reached (work segments only)."""

from __future__ import annotations

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.routines.loader import load_text
from sessiontimer.core.routines.model import Routine
from sessiontimer.core.session.engine import Session
from sessiontimer.core.session.outcome import step_outcomes
from sessiontimer.core.session.plan import Plan, build_plan

TEXT = """\
name = "R"
prepare = "5s"
[[steps]]
name = "Stretch"
hold = "30s"
reps = 2
sides = "both"
[[steps]]
name = "Breather"
kind = "rest"
duration = "20s"
[[steps]]
name = "Tilts"
reps = 5
"""


def plan() -> Plan:
    routine = load_text(TEXT)
    assert isinstance(routine, Routine)
    return build_plan(routine)


def results(p: Plan, outcomes: list[str | None], ended_in: int | None = None) -> list[str]:
    return [o.result for o in step_outcomes(p, outcomes, ended_in)]


def test_all_done() -> None:
    p = plan()
    assert results(p, ["done"] * len(p.segments)) == ["done", "done", "done"]
    first = step_outcomes(p, ["done"] * len(p.segments))[0]
    assert (first.work_done, first.work_total) == (4, 4)  # 2 reps x 2 sides; not rests/switch


def test_a_done_get_ready_with_every_hold_skipped_is_a_skipped_step() -> None:
    p = plan()
    outcomes: list[str | None] = [
        "done" if s.kind in ("prepare", "rest", "switch") and s.step == 0 else None
        for s in p.segments
    ]
    outcomes = [
        "skipped" if s.step == 0 and s.kind == "hold" else o
        for s, o in zip(p.segments, outcomes, strict=True)
    ]
    assert results(p, outcomes) == ["skipped", "not reached", "not reached"]


def test_partial_and_a_rest_step_counts_its_rest() -> None:
    p = plan()
    outcomes: list[str | None] = []
    holds = 0
    for s in p.segments:
        if s.step == 0 and s.kind == "hold":
            holds += 1
            outcomes.append("done" if holds == 1 else "skipped")
        elif s.step == 1:
            outcomes.append("done")
        else:
            outcomes.append(None)
    assert results(p, outcomes) == ["partial", "done", "not reached"]


def test_the_segment_a_stop_happened_in_counts_as_reached() -> None:
    p = plan()
    clock = FakeClock()
    session = Session(p, clock)
    session.start()
    clock.advance(5 + 10)  # ten seconds into the first hold
    session.tick()
    session.stop("pain")
    assert results(p, session.outcomes, session.index) == ["skipped", "not reached", "not reached"]
    assert results(p, session.outcomes) == ["not reached"] * 3
