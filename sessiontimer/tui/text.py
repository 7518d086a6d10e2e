"""Words for what the session screen shows: pure functions of a plan and a segment (no time)."""

from __future__ import annotations

from sessiontimer.core.base.durations import format_clock
from sessiontimer.core.routines.model import Step
from sessiontimer.core.session.plan import Plan, Segment

_LABELS = {
    "prepare": "GET READY",
    "hold": "HOLD",
    "reps": "REPS",
    "timed": "GO",
    "heat": "HEAT PACK ON",
    "cold": "COLD PACK ON",
    "rest": "REST",
    "switch": "SWITCH SIDES",
}


def segment_label(segment: Segment, alarm: bool = False) -> str:
    if alarm:
        return "TAKE THE PACK OFF"
    if segment.kind == "reps" and segment.seconds is None:
        return "REPS — SPACE WHEN DONE"
    return _LABELS[segment.kind]


def side_label(segment: Segment) -> str:
    if segment.side is None:
        return ""
    return segment.side.upper()


def step_counters(plan: Plan, segment: Segment, step: Step) -> str:
    parts = [f"step {segment.step + 1} of {len(plan.routine.steps)}"]
    if step.kind in ("hold", "reps"):
        if step.kind == "hold" and step.reps > 1:
            parts.insert(0, f"rep {segment.rep} of {step.reps}")
        if step.kind == "reps":
            parts.insert(0, f"{step.reps} reps")
        if step.sets > 1:
            parts.insert(1, f"set {segment.set} of {step.sets}")
    return " · ".join(parts)


def describe(segment: Segment) -> str:
    """A short phrase for a segment: "hold left 0:30", "rest 0:10"."""
    bits: list[str] = [segment.kind]
    if segment.side:
        bits.append(segment.side)
    bits.append(format_clock(segment.seconds) if segment.seconds is not None else "(self-paced)")
    return " ".join(bits)


def upcoming(plan: Plan, index: int) -> str:
    if index + 1 >= len(plan.segments):
        return "Next: the end"
    nxt = plan.segments[index + 1]
    if nxt.step != plan.segments[index].step:
        return f"Next: {nxt.step_name} — {describe(nxt)}"
    return f"Next: {describe(nxt)}"
