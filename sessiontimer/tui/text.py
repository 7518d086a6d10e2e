"""Words for what the session screen shows: pure functions of a plan and a segment (no time).

Each line of the screen says one thing, once: the band says the phase (and the side, in its own
box), the line under the name counts reps, sets and steps, the line under the countdown says what
comes next (or that the side is about to change), the line above the bar the cues.
"""

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

# the band's colour, by what the segment asks of the person
_TONES = {
    "prepare": "ready",
    "hold": "work",
    "reps": "work",
    "timed": "work",
    "heat": "heat",
    "cold": "cold",
    "rest": "rest",
}


def segment_label(segment: Segment, alarm: bool = False, rep: tuple[int, int] | None = None) -> str:
    """The band's words. ``rep``: the repetition under way in a set with a tempo, counted in the
    band itself ("REP 3 OF 10"), big enough to follow from the mat."""
    if alarm:
        return "TAKE THE PACK OFF"
    if rep is not None and segment.kind == "reps":
        return f"REP {rep[0]} OF {rep[1]}"
    if segment.kind == "switch" and segment.side:
        return f"SWITCH → {segment.side.upper()}"
    return _LABELS[segment.kind]


def tone(segment: Segment, *, paused: bool = False, alarm: bool = False) -> str:
    """The colour of the band and the countdown: ready, work, rest, switch-left/-right, heat,
    cold, alarm or paused."""
    if alarm:
        return "alarm"
    if paused:
        return "paused"
    if segment.kind == "switch":
        return f"switch-{segment.side}" if segment.side else "rest"
    return _TONES[segment.kind]


def side_label(segment: Segment) -> str:
    """The side box at the right of the band (none at a switch: "SWITCH → RIGHT" says it)."""
    if segment.side is None or segment.kind == "switch":
        return ""
    return segment.side.upper()


def speed_label(speed: float) -> str:
    """ "×10", "×2.5", "×0.5": a rehearsal's speed as it is shown on every screen."""
    return f"×{speed:g}"


def step_counters(plan: Plan, segment: Segment, step: Step) -> str:
    """ "rep 2 of 3 · set 1 of 2 · step 2 of 4". A set with a tempo is counted in the band
    ("REP 3 OF 10"), so not here; a self-paced set says how many to do, and how it ends."""
    parts: list[str] = []
    if step.kind == "hold" and step.reps > 1:
        parts.append(f"rep {segment.rep} of {step.reps}")
    if step.kind == "reps":
        if segment.kind == "reps" and segment.seconds is None:
            parts.append(f"{step.reps} reps, then Space")
        elif segment.kind != "reps":
            parts.append(f"{step.reps} reps")
    if step.kind in ("hold", "reps") and step.sets > 1:
        parts.append(f"set {segment.set} of {step.sets}")
    parts.append(f"step {segment.step + 1} of {len(plan.routine.steps)}")
    return " · ".join(parts)


def describe(segment: Segment) -> str:
    """A short phrase for a segment: "hold left 0:30", "rest 0:10"."""
    bits: list[str] = [segment.kind]
    if segment.side and segment.kind not in ("rest", "prepare"):  # (their side: the next hold's)
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


def switch_coming(side: str) -> str:
    """The switch prompt under the countdown (in the next side's colour): it takes the place of
    the "Next:" line, which would say the same."""
    return f"Next: switch to your {side} side"


def pack_behind(kind: str, seconds: int) -> str:
    """Under the countdown while the session went back before a pack that is still on."""
    return f"{kind.capitalize()} pack still on your skin: {format_clock(seconds)} left"
