"""Every question plain mode asks, as lines and single keys: the first-run disclaimer, the day's
red-flag questions (a deliberate n or y), the check-ins as numbered prompts, a yes/no question,
and the safety points before a heat or cold pack. ``?`` at any of them shows the help.

The words are the core's (safety.py, safety_page.py, history/questions.py and records.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sessiontimer.core.base.text import clean_line
from sessiontimer.core.history.questions import CHECKIN_QUESTIONS, CHECKIN_TITLES, NOT_A_PAIN
from sessiontimer.core.history.records import (
    FEEL_LABELS,
    FEELS,
    LEG_EXTENTS,
    LEG_LABELS,
    NOTE_MAX,
    PAIN_MAX,
    CheckIn,
)
from sessiontimer.core.session.safety import DISCLAIMER, RED_FLAGS, pack_safety_points
from sessiontimer.core.session.safety_page import EMERGENCY, SAME_DAY
from sessiontimer.plain.advice import say_help
from sessiontimer.plain.console import Keys, Output
from sessiontimer.plain.words import sentence

HELP_KEYS = ("?", "f1")
PACK_TITLES = {"heat": "Before the heat pack goes on", "cold": "Before the cold pack goes on"}


def choose(
    out: Output, keys: Keys, choices: dict[str, str], hint: str, *, in_session: bool = False
) -> str:
    """Wait for one of the keys of ``choices`` (key -> answer). ``?`` shows the help, then the
    hint again; any other key says the hint (a key pressed by mistake answers nothing)."""
    while True:
        key = keys.key(None)
        if key is None:
            continue
        if key in choices:
            return choices[key]
        if key in HELP_KEYS:
            say_help(out, in_session=in_session)
        if key:
            out.line(hint)


def ask_disclaimer(out: Output, keys: Keys) -> bool:
    """Before the first session: True when the user agrees (Enter), False to go back."""
    out.heading("Before your first session")
    out.line(DISCLAIMER)
    for section in (EMERGENCY, SAME_DAY):
        out.line(section.lead)
        out.numbered(section.points)
        if section.after:
            out.line(section.after)
    out.line(
        "Press ? at any question to read these lists again, with habits that help between "
        "sessions and what to leave out in a flare-up."
    )
    hint = "Press Enter if you understand and want to go on, or Escape or q to go back."
    out.line(hint)
    answer = choose(out, keys, {"enter": "yes", "escape": "no", "q": "no"}, hint)
    return answer == "yes"


def ask_red_flags(out: Output, keys: Keys) -> bool | None:
    """The day's red-flag questions: True when one applies (y), False when none does (n), None
    to go back (Escape or q). Enter answers nothing: the answer must be given on purpose."""
    out.heading("Before you start: do any of these apply to you today?")
    out.numbered(RED_FLAGS)
    hint = "Press y if one of these applies to you, or n if none of them does."
    out.line(hint)
    answer = choose(
        out,
        keys,
        {"y": "yes", "Y": "yes", "n": "no", "N": "no", "escape": "back", "q": "back"},
        hint,
    )
    return None if answer == "back" else answer == "yes"


def ask_yes_no(out: Output, keys: Keys, question: str, *, in_session: bool = False) -> str:
    """ "yes" (y), "no" (n or Escape) or, in a session, "stop" (!: the safety stop)."""
    hint = "Press y for yes, or n for no."
    out.line(f"{question} {hint}")
    choices = {"y": "yes", "Y": "yes", "n": "no", "N": "no", "escape": "no"}
    if in_session:
        choices["!"] = "stop"
    return choose(out, keys, choices, hint, in_session=in_session)


def ask_pack(out: Output, keys: Keys, kind: str, check_every: int) -> str:
    """Before a heat or cold pack: "ready" (Space or Enter), "skip" (n or Escape: not this
    pack) or "stop" (!)."""
    out.heading(PACK_TITLES[kind])
    out.numbered(pack_safety_points(kind, check_every))
    hint = (
        "Press Space when the pack is ready to go on. Not today, or not sure it is safe for "
        "you? Press n to skip it."
    )
    out.line(hint)
    choices = {"space": "ready", "enter": "ready", "n": "skip", "escape": "skip", "!": "stop"}
    return choose(out, keys, choices, hint, in_session=True)


@dataclass
class Answers:
    """The answers of a check-in so far (kept when the session ends in the middle of it)."""

    pain: int | None = None
    leg: str | None = None
    feel: str | None = None
    note: str = ""

    def checkin(self) -> CheckIn:
        return CheckIn(pain=self.pain, leg=self.leg, feel=self.feel, note=self.note)


class _SkipTheRest(Exception):
    pass


def ask_checkin(
    out: Output,
    keys: Keys,
    when: Literal["before", "after", "stop"],
    routine_name: str,
    answers: Answers,
    notice: str | None = None,
) -> CheckIn:
    """Pain 0-10 and how far down the leg (after a session also how it felt, and a note), as
    numbered questions. Enter alone skips one; Escape skips the rest."""
    questions = ["pain", "leg"] + (["feel", "note"] if when == "after" else [])
    out.heading(CHECKIN_TITLES[when])
    if notice:
        out.line(notice)
    out.line(sentence(routine_name) + " Enter alone skips a question; Escape skips the rest.")
    try:
        for number, question in enumerate(questions, start=1):
            asked = f"Question {number} of {len(questions)}: {CHECKIN_QUESTIONS[question]}"
            if question == "pain":
                _pain(out, keys, asked, answers)
            elif question == "leg":
                answers.leg = _pick(out, keys, asked, LEG_EXTENTS, LEG_LABELS, "Leg")
            elif question == "feel":
                answers.feel = _pick(out, keys, asked, FEELS, FEEL_LABELS, "It felt")
            else:
                out.line(f"{asked} Type it, then Enter. Enter alone finishes.")
                answers.note = clean_line(keys.line())[:NOTE_MAX]
    except _SkipTheRest:
        out.line("The other questions are skipped.")
    return answers.checkin()


def _pain(out: Output, keys: Keys, asked: str, answers: Answers) -> None:
    prompt = f"{asked}. Type a number, then Enter. Enter alone skips."
    out.line(prompt)
    while True:
        text = keys.line().strip()
        if "\x1b" in text:
            raise _SkipTheRest
        if not text:
            out.line("Pain: skipped.")
            return
        if text in HELP_KEYS:
            say_help(out, in_session=False)
            out.line(prompt)
        elif text.isdecimal() and int(text) <= PAIN_MAX:
            answers.pain = int(text)
            out.line(f"Pain: {answers.pain} out of {PAIN_MAX}.")
            return
        else:
            out.line(NOT_A_PAIN)


def _pick(
    out: Output,
    keys: Keys,
    asked: str,
    options: tuple[str, ...],
    labels: dict[str, str],
    said: str,
) -> str | None:
    out.line(asked)
    out.numbered([labels[option] for option in options])
    hint = f"Press a number from 1 to {len(options)}, or Enter to skip."
    out.line(hint)
    choices = {str(n): option for n, option in enumerate(options, start=1)}
    choices.update({"enter": "", "escape": "\x1b"})
    answer = choose(out, keys, choices, hint)
    if answer == "\x1b":
        raise _SkipTheRest
    out.line(f"{said}: {labels[answer] if answer else 'skipped'}.")
    return answer or None
