"""Safety text: red-flag questions and stop advice, written in our own words from CLINICAL.md.

This app times exercises; it never diagnoses. Every sentence here is short, plain and second person.
"""

from __future__ import annotations

from sessiontimer.core.session.plan import Plan

SAFETY_STOP_REASON = "pain spreading down the leg"

# Possible cauda equina syndrome: an emergency, no exercise (CLINICAL.md, "Red flags").
RED_FLAGS: tuple[str, ...] = (
    "Numbness or tingling around your genitals, bottom, buttocks or inner thighs",
    "New trouble starting to pee, or not being able to control or feel when you pee or poo",
    "Sciatica in both legs at once",
    "Weakness or numbness in both legs that is severe or getting worse",
)

EMERGENCY_CALL = (
    "Then stop, and call your emergency number (999, 911 or 112) or go to an emergency "
    "department straight away."
)

EMERGENCY_ADVICE = (
    "Do not exercise. Call your emergency number now (999, 911 or 112), "
    "or go straight to an emergency department. These signs need a doctor straight away."
)

# Contact a doctor the same day, not an emergency (CLINICAL.md, "Red flags"): each point follows
# "contact a doctor the same day if".
SEE_A_DOCTOR: tuple[str, ...] = (
    "your pain keeps getting worse",
    "one foot feels newly weak",
    "you have a fever",
    "you have lost weight without trying",
    "you have had cancer",
    "nothing has improved after about 4 weeks",
)

# After `!` (CLINICAL.md, "During exercise").
STOP_ADVICE: tuple[str, ...] = (
    "Stop this exercise now, and do not do it again until a clinician has looked at it.",
    "Rest in whatever position eases your leg: lying on your back with your knees bent, "
    "or on your side with a pillow between your knees.",
    "Mild stretching discomfort is fine. Sharp, electric or spreading pain is not.",
    "Pain, tingling or numbness moving further down your leg means stop. (In McKenzie extension "
    "exercises, symptoms moving up toward your back is a good sign, even if your back aches "
    "more for a while.)",
)

DISCLAIMER = (
    "sessiontimer times exercises you have chosen for self-care. It cannot diagnose anything, it does not "
    "replace a doctor or physiotherapist, and it cannot help you in an emergency. Check with a clinician "
    "before you start, above all after back surgery or in pregnancy. Stop anything that makes your "
    "symptoms worse, and get professional advice if you have not improved after about 4 weeks."
)


def see_a_doctor_text() -> str:
    """The doctor list as one sentence."""
    *most, last = SEE_A_DOCTOR
    return f"Contact a doctor the same day (not an emergency) if {'; '.join(most)}; or {last}."


TAKE_THE_PACK_OFF = "Take the heat or cold pack off now."

# Before a heat or cold pack goes on (CLINICAL.md, "Heat and cold").
PACK_WRAP = {
    "heat": "Wrap the pack in a towel: it never touches your bare skin.",
    "cold": "Wrap the pack in a damp towel: ice never touches your bare skin.",
}
PACK_SETTING = {
    "heat": "Warm, not hot: use a medium setting.",
    "cold": "Leave 2 to 3 hours before you use cold again.",
}
PACK_SKIN = "Not on skin that is numb or feels less, is broken or infected, or has a rash."
PACK_ASK_FIRST = (
    "Diabetes, nerve damage, poor circulation or a blood vessel disease, a skin disease, a fever "
    "or an infection, or a bad reaction to heat or cold before? Ask a clinician before you use it."
)
PACK_AWAKE = "Stay awake while it is on. Never sleep with a pack on."


def pack_safety_points(kind: str, check_every: int) -> tuple[str, ...]:
    """What to know before a heat or cold pack goes on, in the order to read it."""
    if kind not in PACK_WRAP:
        raise ValueError(f"not a pack: {kind!r}")
    check = (
        f"Lift the pack and look at your skin every {_minutes(check_every)} when the app asks."
        if check_every > 0
        else "Lift the pack now and then to look at your skin."
    )
    return (
        PACK_WRAP[kind],
        PACK_SETTING[kind],
        PACK_SKIN,
        PACK_ASK_FIRST,
        PACK_AWAKE,
        check,
        "Take it off when the alarm sounds: 20 minutes at the very most.",
    )


def _minutes(seconds: int) -> str:
    if seconds % 60 == 0:
        minutes = seconds // 60
        return "minute" if minutes == 1 else f"{minutes} minutes"
    return f"{seconds} seconds"


def pack_briefing(plan: Plan, index: int) -> str | None:
    """ "heat" or "cold" when segment ``index`` is the first one of a pack step (its get-ready, or
    the pack itself when there is none): the moment to show the pack safety points."""
    segment = plan.segments[index]
    step = plan.routine.steps[segment.step]
    if step.kind not in PACK_WRAP:
        return None
    if index > 0 and plan.segments[index - 1].step == segment.step:
        return None
    return step.kind


COLD_GAP_HOURS = 2  # CLINICAL.md: cold not again within 2 hours of the last cold pack


def cold_again_text(last: str, minutes_ago: int) -> str:
    """Asked before a routine with a cold pack when the last one was under 2 hours ago."""
    ago = f"{minutes_ago} minute{'s' if minutes_ago != 1 else ''} ago"
    return (
        f"Your last cold pack came off at {last}, {ago}. Give your skin at least "
        f"{COLD_GAP_HOURS} hours between cold packs, so it can warm up and recover. "
        "Start this routine anyway?"
    )


def left_out_text(step_names: list[str]) -> str:
    """Said when a session starts without the steps a safety stop left out."""
    names = ", ".join(step_names)
    return (
        f"Left out after a safety stop: {names}. Put it back from home (c) once a clinician has "
        "seen it."
    )


def red_flag_today_text(at: str) -> str:
    """Home, for the rest of a day on which a red-flag question was answered "yes"."""
    return (
        f"At {at} today you said a red-flag sign applies to you. That needs a doctor now: call "
        "your emergency number (999, 911 or 112) or go to an emergency department. Every "
        "session today asks the questions again."
    )


def left_out_home_text(step_names: list[str]) -> str:
    """Home, under a routine with steps left out after a safety stop."""
    names = ", ".join(step_names)
    return (
        f"Left out after a safety stop: {names}. Once a clinician has seen it, press c to put "
        "it back."
    )


def left_out_after_stop_text(step_name: str) -> str:
    """The safety stop screen, when the stop is recorded."""
    return (
        f"{step_name} is left out of this routine from its next session on. Once a clinician "
        "has seen it, put it back from home: highlight the routine and press c."
    )


# During a heat or cold pack (the session's SkinCheck event, and Space while a pack is on).
SKIN_CHECK = "Check your skin: lift the pack — red is fine, blotchy, white or blistered is not"
PACK_KEEPS_TIMING = "A pack on your skin keeps its timer running. Took it off early? Press n."
