"""What plain mode says for each thing that happens in a session: one line per event ("Step 2 of
4: Piriformis stretch. Left side. Hold 30 seconds."), the time read out at 60, 30 and 10 seconds
and 5-4-3-2-1 (never every second), and the help's keys. Pure: no I/O, no clock.

The safety texts are core/session/safety.py's and cues.py's own, never copied here.
"""

from __future__ import annotations

from collections.abc import Sequence

from sessiontimer.core.base.durations import spoken
from sessiontimer.core.base.text import clean_block, clean_line
from sessiontimer.core.routines.model import Step
from sessiontimer.core.session import events as ev
from sessiontimer.core.session.cues import ALARM_REPEAT, PACK_OFF, ROUTINE_DONE
from sessiontimer.core.session.plan import Plan, Segment
from sessiontimer.core.session.safety import PACK_KEEPS_TIMING, SKIN_CHECK

MARKS = frozenset({60, 30, 10, 5, 4, 3, 2, 1})  # the seconds left that are read out
COUNT = 5  # from here down the number alone is said: 5, 4, 3, 2, 1

# The keys of a session, as help lists them (the same keys as the full screen's, plus t).
SESSION_KEYS: tuple[tuple[str, str], ...] = (
    ("Space", "pause or go on; on a set at your own pace, done; after a pack, the pack is off"),
    ("n or right arrow", "skip to the next part"),
    ("b or left arrow", "back to the part before"),
    ("r", "restart this part"),
    ("!", "stop now, pain is spreading down your leg"),
    ("q or Escape", "leave the session (it asks first; what you did is kept)"),
    ("t", "where you are, and the time left"),
    ("?", "this help, the keys and the safety page"),
)
KEYS_LINE = (
    "Keys: Space pause or go on, n next, b back, r restart, ! stop for pain down your leg, "
    "q leave, t time left, ? help."
)
PAUSED = "Paused. Press Space to go on."


def sentence(text: str) -> str:
    """One line ending in a full stop (or the punctuation it has)."""
    words = " ".join(clean_line(text).split())
    return words if not words or words[-1] in ".!?:" else words + "."


def seconds_left(seconds: int) -> str:
    """ "30 seconds left." from 10 up; the number alone below that."""
    return str(seconds) if seconds <= COUNT else f"{spoken(seconds)} left."


def routine_line(plan: Plan) -> str:
    """ "Piriformis and hamstring stretches: 2 steps, 9 minutes 20 seconds." """
    steps = len(plan.routine.steps)
    text = f"{plan.routine.name}: {steps} step{'s' if steps != 1 else ''}, "
    text += spoken(plan.total_seconds)
    if plan.self_paced:
        sets = plan.self_paced
        text += f", and {sets} set{'s' if sets != 1 else ''} at your own pace"
    return sentence(text)


def step_header(plan: Plan, index: int) -> str:
    return sentence(
        f"Step {index + 1} of {len(plan.routine.steps)}: {plan.routine.steps[index].name}"
    )


def step_details(step: Step) -> list[str]:
    """The instructions and the reminders of a step, said as it starts."""
    lines = []
    how = " ".join(clean_block(step.how).split())
    if how:
        lines.append(sentence(how))
    cues = [sentence(cue) for cue in step.cues if clean_line(cue)]
    if cues:
        lines.append("Remember: " + " ".join(cues))
    return lines


def _counters(segment: Segment, step: Step) -> str:
    parts = []
    if step.kind == "hold" and step.reps > 1:
        parts.append(f"rep {segment.rep} of {step.reps}")
    if step.kind in ("hold", "reps") and step.sets > 1:
        parts.append(f"set {segment.set} of {step.sets}")
    return "".join(f", {part}" for part in parts)


def _switch_to(side: str) -> str:
    return f"Switch to your {side} side"


def segment_line(plan: Plan, segment: Segment, *, new_step: bool, switching: bool) -> str:
    """The line for a segment that starts: the step when it is a new one, the side, what to do
    and for how long. ``switching``: it starts on the other side."""
    step = plan.routine.steps[segment.step]
    side = segment.side
    time = spoken(segment.seconds) if segment.seconds is not None else ""
    kind = segment.kind
    parts = [step_header(plan, segment.step)] if new_step else []
    if side and kind in ("prepare", "hold", "reps", "timed"):
        parts.append(sentence(_switch_to(side)) if switching else f"{side.capitalize()} side.")
    if kind == "prepare":
        parts.append(f"Get ready, {time}.")
    elif kind == "hold":
        parts.append(f"Hold {time}{_counters(segment, step)}.")
    elif kind == "reps":
        unit = "rep" if step.reps == 1 else "reps"
        if segment.seconds is None:
            parts.append(f"{step.reps} {unit} at your own pace{_counters(segment, step)}.")
            parts.append("Press Space when done.")
        else:
            parts.append(f"{step.reps} {unit} in {time}{_counters(segment, step)}.")
    elif kind == "timed":
        parts.append(f"Go, {time}.")
    elif kind in ("heat", "cold"):
        parts.append(f"{kind.capitalize()} pack on, {time}.")
    elif kind == "switch":
        parts.append(f"{_switch_to(side) if side else 'Switch sides'}, {time}.")
    elif step.kind == "rest":  # a rest step: its name is said in the header
        parts.append(f"Rest, {time}.")
    else:
        before = f" before set {segment.set} of {step.sets}" if segment.rep == 1 else ""
        then = f", then switch to your {side} side" if switching and side else ""
        parts.append(f"Rest {time}{before}{then}.")
    return " ".join(parts)


_FIXED: dict[type[ev.Event], str] = {
    ev.Halfway: "Halfway there.",
    ev.Breathe: "Breathe slowly.",
    ev.SkinCheck: sentence(SKIN_CHECK),
    ev.PackOff: f"{PACK_OFF} Press Space when it is off.",
    ev.AlarmRepeat: f"{ALARM_REPEAT} Press Space when it is off.",
    ev.PackKeepsTiming: PACK_KEEPS_TIMING,
    ev.Paused: PAUSED,
    ev.RoutineDone: ROUTINE_DONE,
}


class Narrator:
    """Turns each batch of events (what one Session call returned) into lines, remembering the
    step last named and the time last read out."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.step: int | None = None  # the step last named
        self.heard: float = float("inf")  # the seconds left last shown or read out

    def lines(
        self, events: Sequence[ev.Event], shown: int | None, held: int | None = None
    ) -> list[str]:
        """The lines for ``events``; ``shown``: the seconds left in the current timed segment
        now that they happened (None: paused, self-paced, a pack's alarm, or over). ``held``: a
        segment whose start is said later (after a pack's safety points): only its step now."""
        lines: list[str] = []
        notes: list[str] = []
        switches = {e.index for e in events if isinstance(e, ev.SideSwitch)}
        started = {e.index for e in events if isinstance(e, ev.SegmentStarted)}
        # A part skipped in the same breath (n on a pack's safety points skips its whole step)
        # is not announced: only where the session is now.
        passed = [
            (e.index, i)
            for i, e in enumerate(events)
            if isinstance(e, ev.SegmentDone) and e.skipped
        ]

        def flush() -> None:
            if notes:
                lines.append(" ".join(notes))
                notes.clear()

        for at, event in enumerate(events):
            if isinstance(event, ev.SegmentStarted):
                if any(index == event.index and later > at for index, later in passed):
                    continue
                flush()
                lines.extend(self._started(event, event.index in switches, event.index == held))
            elif isinstance(event, ev.SideSwitch):
                if event.index not in started:
                    notes.append(sentence(_switch_to(event.side)))
            elif isinstance(event, ev.SideSwitchComing):
                notes.append(f"Next: {_switch_to(event.side).lower()}.")
            elif isinstance(event, ev.Resumed):
                notes.append("Going on." + (f" {spoken(shown)} left." if shown else ""))
                self.heard = shown if shown is not None else self.heard
            elif type(event) in _FIXED:
                notes.append(_FIXED[type(event)])
        if shown is not None and shown < self.heard:
            if shown in MARKS:
                notes.append(seconds_left(shown))
            self.heard = shown
        flush()
        return lines

    def _started(self, event: ev.SegmentStarted, switching: bool, held: bool) -> list[str]:
        segment = event.segment
        new_step = segment.step != self.step
        self.step = segment.step
        self.heard = float(segment.seconds) if segment.seconds is not None else float("inf")
        if held:
            lines = [step_header(self.plan, segment.step)] if new_step else []
        else:
            lines = [segment_line(self.plan, segment, new_step=new_step, switching=switching)]
        if new_step:
            lines.extend(step_details(self.plan.routine.steps[segment.step]))
        return lines
