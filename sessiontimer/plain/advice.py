"""What plain mode tells without asking: the help (the keys and the safety page), the emergency
advice after a red-flag "yes", the advice after a safety stop, and the summary at the end.

Every safety text is the core's (safety.py, safety_page.py), never copied.
"""

from __future__ import annotations

from sessiontimer.core.base.durations import spoken
from sessiontimer.core.history.records import LEG_LABELS, PAIN_MAX, CheckIn
from sessiontimer.core.session.engine import Session
from sessiontimer.core.session.outcome import step_outcomes
from sessiontimer.core.session.plan import Plan
from sessiontimer.core.session.safety import (
    EMERGENCY_ADVICE,
    RED_FLAGS,
    STOP_ADVICE,
    TAKE_THE_PACK_OFF,
    left_out_after_stop_text,
    see_a_doctor_text,
)
from sessiontimer.core.session.safety_page import EMERGENCY, SAFETY_PAGE
from sessiontimer.core.session.state import State
from sessiontimer.plain.console import Output
from sessiontimer.plain.words import SESSION_KEYS, sentence

SUMMARY_TITLES = {
    "completed": "Summary.",  # (the session has just said "Routine complete. Well done.")
    "left": "Session ended early.",
    "stopped": "Session stopped.",
    "interrupted": "Session interrupted.",
}
_NOT_DONE = (("Partly done", "partial"), ("Skipped", "skipped"), ("Not reached", "not reached"))


def say_help(out: Output, *, in_session: bool) -> None:
    """The keys, then the safety page, section by section."""
    out.heading("Help")
    if in_session:
        out.line("The keys in a session:")
        for keys, what in SESSION_KEYS:
            out.line(f"{keys}: {what}.")
    else:
        out.line("Each question says its keys. ? shows this help.")
    for section in SAFETY_PAGE:
        out.heading(section.title)
        out.line(section.lead)
        out.numbered(section.points)
        if section.after:
            out.line(section.after)
    out.line("End of the help.")


def say_emergency(out: Output) -> None:
    """After a red-flag "yes": no session; get help now."""
    out.heading("GET HELP NOW")
    out.line(EMERGENCY_ADVICE)
    out.line("You said one of these applies to you:")
    out.numbered(RED_FLAGS)
    out.line("The session has not started.")


def say_stop_advice(out: Output, plan: Plan, step: int, *, pack_on: bool, left_out: bool) -> None:
    """After `!` (CLINICAL.md "After a safety stop"), as the full screen's stop screen says it."""
    name = plan.routine.steps[step].name
    out.heading("SESSION STOPPED")
    if pack_on:
        out.line(TAKE_THE_PACK_OFF)
    out.line(sentence(f"You stopped during: {name}"))
    if left_out:
        out.line(left_out_after_stop_text(name))
    out.numbered(STOP_ADVICE)
    out.line(see_a_doctor_text())
    out.line(EMERGENCY.lead)
    out.numbered(RED_FLAGS)
    out.line(EMERGENCY_ADVICE)


def say_summary(
    out: Output,
    session: Session,
    status: str,
    *,
    pack_on: bool = False,
    before: CheckIn | None = None,
    after: CheckIn | None = None,
    history_problem: str | None = None,
) -> None:
    """How long, what was done and skipped, the pain before and after."""
    routine = session.plan.routine
    ended_in = None if session.state is State.COMPLETED else session.index
    if ended_in is not None and ended_in >= len(session.plan.segments):
        ended_in = None
    steps = step_outcomes(session.plan, session.outcomes, ended_in)
    done = sum(1 for outcome in steps if outcome.result == "done")
    ended_step = None if ended_in is None else session.plan.segments[ended_in].step
    if pack_on:
        out.line(TAKE_THE_PACK_OFF)
    out.heading(SUMMARY_TITLES.get(status, status))
    out.line(sentence(routine.name))
    out.line(f"Time: {spoken(int(session.active_seconds))}.")
    out.line(f"Steps done: {done} of {len(routine.steps)}.")
    if ended_step is not None:
        out.line(sentence(f"Ended during: {routine.steps[ended_step].name}"))
    for label, result in _NOT_DONE:
        names = [o.name for o in steps if o.result == result and o.step != ended_step]
        if names:
            out.line(sentence(f"{label}: {', '.join(names)}"))
    change = pain_change(before, after)
    if change:
        out.line(change)
    if history_problem:
        out.line(history_problem)


def pain_change(before: CheckIn | None, after: CheckIn | None) -> str:
    """ "Pain: 6 before, 4 after. Felt down to: thigh before, buttock after." (what was
    answered)."""
    parts = []
    pains = [
        (label, c.pain)
        for label, c in (("before", before), ("after", after))
        if c and c.pain is not None
    ]
    if pains:
        said = ", ".join(f"{value} out of {PAIN_MAX} {label}" for label, value in pains)
        parts.append(f"Pain: {said}.")
    legs = [
        (label, c.leg)
        for label, c in (("before", before), ("after", after))
        if c and c.leg in LEG_LABELS
    ]
    if legs:
        said = ", ".join(f"{LEG_LABELS[str(leg)].lower()} {label}" for label, leg in legs)
        parts.append(f"Felt down to: {said}.")
    return " ".join(parts)
