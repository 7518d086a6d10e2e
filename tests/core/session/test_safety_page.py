"""The safety page has one source of text: the red flags, the emergency call and the doctor list are
safety.py's own, and the page adds the habits between sessions and the flare-up list (CLINICAL.md)."""

from __future__ import annotations

from sessiontimer.core.session.safety import (
    EMERGENCY_CALL,
    RED_FLAGS,
    SEE_A_DOCTOR,
    see_a_doctor_text,
)
from sessiontimer.core.session.safety_page import (
    EMERGENCY,
    FLARE_UP,
    HABITS,
    SAFETY_PAGE,
    SAME_DAY,
)


def test_the_page_in_order() -> None:
    assert SAFETY_PAGE == (EMERGENCY, SAME_DAY, HABITS, FLARE_UP)


def test_the_safety_texts_are_used_not_copied() -> None:
    assert EMERGENCY.points is RED_FLAGS and EMERGENCY.after is EMERGENCY_CALL
    assert SAME_DAY.points is SEE_A_DOCTOR


def test_the_doctor_list_is_complete_and_says_the_same_day() -> None:
    text = " ".join(SEE_A_DOCTOR)
    for sign in ("worse", "foot", "weak", "fever", "weight", "cancer", "4 weeks"):
        assert sign in text
    assert "the same day" in SAME_DAY.title.lower() and "the same day" in SAME_DAY.lead
    assert see_a_doctor_text().startswith("Contact a doctor the same day (not an emergency) if ")
    assert see_a_doctor_text().endswith("; or nothing has improved after about 4 weeks.")


def test_habits_between_sessions() -> None:
    sitting, lifting, sleeping, walking = HABITS.points
    assert sitting.startswith("Sitting:") and "rolled towel" in sitting
    assert "knees a little lower than your hips" in sitting and "20 to 30 minutes" in sitting
    assert lifting.startswith("Lifting:") and "close to your body" in lifting
    assert "twist" in lifting
    assert sleeping.startswith("Sleeping:") and "pillow between your knees" in sleeping
    assert "not to sleep on your front" in sleeping
    assert walking.startswith("Walking:") and "several times a day" in walking


def test_the_flare_up_list() -> None:
    assert FLARE_UP.points == ("Touching your toes", "Deep squats", "Leg presses")


def test_every_point_is_short_plain_text() -> None:
    for section in SAFETY_PAGE:
        for text in (section.title, section.lead, *section.points, section.after):
            assert len(text) <= 200 and "[" not in text
