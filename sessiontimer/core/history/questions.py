"""The check-in's words, for every front end: the titles before a session, after it and right
after a safety stop, and the questions (the answers' labels are in records.py)."""

from __future__ import annotations

from sessiontimer.core.history.records import PAIN_MAX

CHECKIN_TITLES = {
    "before": "Before you start",
    "after": "How was it?",
    "stop": "You stopped. How is it right now?",  # CLINICAL.md "After a safety stop"
}
CHECKIN_QUESTIONS = {
    "pain": f"How bad is your pain right now? 0 = none, {PAIN_MAX} = worst",
    "leg": "How far down your leg do you feel it now?",
    "feel": "How did it feel?",
    "note": "Anything to note?",
}
NOT_A_PAIN = f"Type a whole number from 0 to {PAIN_MAX}, or press Enter alone to skip."
