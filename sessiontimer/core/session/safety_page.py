"""The safety page: what to do in an emergency, when to contact a doctor the same day, habits that
help between sessions, and what to leave out in a flare-up (CLINICAL.md, in our own words).

One source of text for the help screen (``?`` on every screen), the first-run disclaimer and any
other front end. The red flags, the emergency call and the doctor list are safety.py's own texts,
used here, never copied.
"""

from __future__ import annotations

from dataclasses import dataclass

from sessiontimer.core.session.safety import EMERGENCY_CALL, RED_FLAGS, SEE_A_DOCTOR


@dataclass(frozen=True)
class Section:
    """A heading, a sentence that leads to the points, the points, and a closing sentence."""

    title: str
    lead: str
    points: tuple[str, ...]
    after: str = ""


EMERGENCY = Section(
    "Emergency: no exercise",
    "Get emergency help at once if you notice any of these:",
    RED_FLAGS,
    EMERGENCY_CALL,
)

SAME_DAY = Section(
    "Contact a doctor the same day",
    "Not an emergency, but contact a doctor the same day if:",
    SEE_A_DOCTOR,
)

# CLINICAL.md "Habits between sessions".
HABITS = Section(
    "Between sessions",
    "A few habits help your back through the day:",
    (
        "Sitting: support the small of your back with a rolled towel or a back cushion, keep "
        "your knees a little lower than your hips, and get up every 20 to 30 minutes.",
        "Lifting: bend your knees and hips, not your back. Hold the load close to your body, "
        "and don't twist while you carry it.",
        "Sleeping: lie on your side with a pillow between your knees, or on your back with a "
        "pillow under them. Try not to sleep on your front.",
        "Walking: keep moving with short walks several times a day, a little longer as it gets "
        "easier.",
    ),
)

FLARE_UP = Section(
    "In a flare-up",
    "When your pain flares up, leave these out:",
    ("Touching your toes", "Deep squats", "Leg presses"),
    "And stop anything that makes your symptoms worse.",
)

SAFETY_PAGE: tuple[Section, ...] = (EMERGENCY, SAME_DAY, HABITS, FLARE_UP)
