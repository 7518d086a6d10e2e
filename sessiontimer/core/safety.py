"""Safety text: red-flag questions and stop advice, written in our own words from CLINICAL.md.

This app times exercises; it never diagnoses. Every sentence here is short, plain and second person.
"""

from __future__ import annotations

SAFETY_STOP_REASON = "pain spreading down the leg"

# Possible cauda equina syndrome: an emergency, no exercise (CLINICAL.md, "Red flags").
RED_FLAGS: tuple[str, ...] = (
    "Numbness or tingling around your genitals, bottom, buttocks or inner thighs",
    "New trouble starting to pee, or not being able to control or feel when you pee or poo",
    "Sciatica in both legs at once",
    "Weakness or numbness in both legs that is severe or getting worse",
)

EMERGENCY_ADVICE = (
    "Do not exercise. Call your emergency number now (999, 911 or 112), "
    "or go straight to an emergency department. These signs need a doctor today."
)

# See a doctor soon, not an emergency (CLINICAL.md, "Contact a doctor").
SEE_A_DOCTOR: tuple[str, ...] = (
    "your pain keeps getting worse",
    "one foot feels newly weak",
    "you have a fever or have lost weight without trying",
    "you have had cancer",
    "nothing has improved after about 4 weeks",
)

# After `!` (CLINICAL.md, "During exercise").
STOP_ADVICE: tuple[str, ...] = (
    "Stop this exercise now. Leave it out of your routine until a clinician has looked at it.",
    "Rest in whatever position eases your leg: lying on your back with your knees bent, "
    "or on your side with a pillow between your knees.",
    "Mild stretching discomfort is fine. Sharp, electric or spreading pain is not.",
    "Leg symptoms moving up toward your back is a good sign; moving further down the leg is not.",
)

DISCLAIMER = (
    "sessiontimer times exercises you have chosen for self-care. It cannot diagnose anything, it does not "
    "replace a doctor or physiotherapist, and it cannot help you in an emergency. Check with a clinician "
    "before you start, above all after back surgery or in pregnancy. Stop anything that makes your "
    "symptoms worse, and get professional advice if you have not improved after about 4 weeks."
)


def see_a_doctor_text() -> str:
    return "Contact a doctor (not an emergency) if " + "; ".join(SEE_A_DOCTOR) + "."


def red_flags_text() -> str:
    return "\n".join(f"• {flag}" for flag in RED_FLAGS)
