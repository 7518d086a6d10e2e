"""Which sound goes with which session events: a bell and at most one spoken phrase per batch.

Someone lying on the floor cannot see the screen, so the session screen turns every list of
events that one :class:`~sessiontimer.core.session.engine.Session` call returned (one tick or one key
press) into one :class:`Cue` with :func:`cues_for` and plays it. Pure: no I/O, no Textual.

Rules:

- the bell rings for the 3-2-1 countdown, at every segment end whose deadline passed, when a
  heat/cold pack has run out and at every repeat of that alarm; a segment ended by a key press
  (skip, or Space on a self-paced set) rings nothing: the user did it and knows;
- in a set with a tempo each repetition is a short beat (the bell) and its number is said
  ("2", "3", ...; the first is said with the set's start: "Go: 10 reps");
- the end of the routine says "well done" only when all of it was done: with a step skipped it
  says that the routine is over, and with nothing done that nothing is counted;
- the words: one phrase per batch, chosen by the rank in ``_RANK`` (highest wins; among equal
  ranks the newest event wins, so the speech follows the screen). A change of side and the
  segment it starts are said together ("Switch to your right side. Hold."), never twice;
- ``SideSwitchComing`` is not spoken: the screen shows it, the 3-2-1 bells already say the end
  is near, and the change itself is announced when it is time to act on it (a ``switch`` segment,
  or ``SideSwitch``). Words mid-hold that ask for nothing would only teach people to stop
  listening;
- a safety stop or leaving silences the whole batch: nothing that fell due just before (the next
  step's name, say) is said after the user stopped.

The words are ours, except the step name, which comes from the routine file: it is cleaned of
control characters and capped in length, and it is only ever spoken, never interpreted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sessiontimer.core.base.text import clean_line
from sessiontimer.core.base.value import value
from sessiontimer.core.session.events import (
    AlarmRepeat,
    Breathe,
    Countdown,
    Event,
    Halfway,
    Left,
    PackOff,
    Paused,
    Rep,
    Resumed,
    RoutineDone,
    SegmentDone,
    SegmentStarted,
    SideSwitch,
    SkinCheck,
    Stopped,
)
from sessiontimer.core.session.plan import Plan, Segment

__all__ = ["MAX_NAME", "Cue", "cues_for", "spoken_name"]

MAX_NAME = 120  # characters of a step name that are spoken


@value
class Cue:
    """What to play for one batch of events."""

    bell: bool = False
    say: str | None = None  # words to speak, plain text, already cleaned


# --- the words -------------------------------------------------------------------------------

PACK_OFF = "Time is up. Take the pack off now."
ALARM_REPEAT = "Take the pack off now."
ROUTINE_DONE = "Routine complete. Well done."
ROUTINE_OVER = "Routine complete."
NOTHING_DONE = "Routine over. Nothing was done, so it is not counted."
SKIN_CHECK = "Check your skin"
HALFWAY = "Halfway"
BREATHE = "Breathe"
PAUSED = "Paused"
RESUMED = "Go on"


def spoken_name(name: str) -> str:
    """A step name as it is spoken: one line, no control characters, at most MAX_NAME
    characters, without trailing punctuation (the phrase adds its own)."""
    cleaned = " ".join(clean_line(name).split())
    if len(cleaned) > MAX_NAME:
        cut = cleaned[:MAX_NAME]
        # end on a word boundary when there is one in the second half
        space = cut.rfind(" ")
        cleaned = cut[:space] if space > MAX_NAME // 2 else cut
    return cleaned.rstrip(" .,;:!?-")


def _switch_to(side: str) -> str:
    return f"Switch to your {side} side"


def _started(segment: Segment, plan: Plan, switching: bool) -> str:
    """The phrase for a segment that starts; ``switching``: it starts on the other side."""
    step = plan.routine.steps[segment.step]
    side = segment.side
    kind = segment.kind
    if kind == "switch":
        return _switch_to(side) if side else "Switch sides"
    if kind == "rest":
        if step.kind == "rest":  # a rest step: its name is the only place it is said
            name = spoken_name(segment.step_name)
            words = f"{name}. Rest" if name and name.lower() != "rest" else "Rest"
        else:
            words = "Rest"
        if switching and side:
            return f"{words}, then switch to your {side} side"
        return words
    if kind == "prepare":
        parts = [spoken_name(segment.step_name), f"{side} side" if side else ""]
        where = ", ".join(part for part in parts if part)
        words = f"{where}. Get ready." if where else "Get ready."
    elif kind == "hold":
        words = f"Hold, {side} side" if side and not switching else "Hold"
    elif kind == "reps":
        reps = step.reps
        unit = "rep" if reps == 1 else "reps"
        if segment.seconds is None:
            words = f"{reps} {unit}. Press space when done."
        else:
            words = f"Go: {reps} {unit}"
    elif kind == "timed":
        words = "Go"
    elif kind == "heat":
        words = "Heat pack on"
    else:  # cold
        words = "Cold pack on"
    if switching and side:
        return f"{_switch_to(side)}. {words.rstrip('.')}."
    return words


# --- which event counts how much ----------------------------------------------------------------

# The spoken phrase of a batch comes from its highest-ranked event that has one; among events of
# the same rank, the newest. Events not listed here say nothing.
_RANK: dict[type[Event], int] = {
    RoutineDone: 70,
    PackOff: 60,
    AlarmRepeat: 60,
    Paused: 50,  # the user's own key press: the newest thing they asked for
    SegmentStarted: 40,
    SideSwitch: 40,
    SkinCheck: 30,
    Rep: 25,
    Halfway: 20,
    Breathe: 10,
    Resumed: 5,
}

# Events that ring the bell whatever they carry.
_BELL: frozenset[type[Event]] = frozenset({Countdown, PackOff, AlarmRepeat, Rep})

# Events after which nothing of the batch is played.
_SILENCE: frozenset[type[Event]] = frozenset({Stopped, Left})

_FIXED: dict[type[Event], str] = {
    PackOff: PACK_OFF,
    AlarmRepeat: ALARM_REPEAT,
    Paused: PAUSED,
    SkinCheck: SKIN_CHECK,
    Halfway: HALFWAY,
    Breathe: BREATHE,
    Resumed: RESUMED,
}


@value
class _Batch:
    plan: Plan
    switches: dict[int, str]  # segment index -> side, for every SideSwitch in the batch
    started: frozenset[int]  # segment indexes of every SegmentStarted in the batch


def _say_started(event: Event, batch: _Batch) -> str | None:
    assert isinstance(event, SegmentStarted)
    return _started(event.segment, batch.plan, event.index in batch.switches)


def _say_side_switch(event: Event, batch: _Batch) -> str | None:
    assert isinstance(event, SideSwitch)
    if event.index in batch.started:
        return None  # said together with the segment it starts
    return _switch_to(event.side)


def _say_rep(event: Event, _batch: _Batch) -> str | None:
    assert isinstance(event, Rep)
    return str(event.rep) if event.rep > 1 else None  # the first: with the set's start


def _say_done(event: Event, _batch: _Batch) -> str | None:
    assert isinstance(event, RoutineDone)
    return {"none": NOTHING_DONE, "some": ROUTINE_OVER}.get(event.result, ROUTINE_DONE)


_WORDS: dict[type[Event], Callable[[Event, _Batch], str | None]] = {
    SegmentStarted: _say_started,
    SideSwitch: _say_side_switch,
    Rep: _say_rep,
    RoutineDone: _say_done,
}


def _rings(event: Event) -> bool:
    if type(event) in _BELL:
        return True
    # a segment whose deadline passed; not one ended by a key press (skip, or Space on a
    # self-paced set: its SegmentDone is not "skipped" but the user ended it)
    return isinstance(event, SegmentDone) and not event.skipped and not event.segment.self_paced


def _words(event: Event, batch: _Batch) -> str | None:
    kind = type(event)
    if kind in _WORDS:
        return _WORDS[kind](event, batch)
    return _FIXED.get(kind)


def cues_for(events: Sequence[Event], plan: Plan) -> Cue | None:
    """The sound for one batch of events (what one Session call returned); None for silence."""
    if not events or any(type(event) in _SILENCE for event in events):
        return None
    batch = _Batch(
        plan=plan,
        switches={e.index: e.side for e in events if isinstance(e, SideSwitch)},
        started=frozenset(e.index for e in events if isinstance(e, SegmentStarted)),
    )
    bell = any(_rings(event) for event in events)
    best: tuple[int, str] | None = None
    for event in events:
        rank = _RANK.get(type(event))
        if rank is None or (best is not None and rank < best[0]):
            continue
        words = _words(event, batch)
        if words:
            best = (rank, words)  # same rank: the newer replaces the older
    say = best[1] if best is not None else None
    if not bell and say is None:
        return None
    return Cue(bell=bell, say=say)
