"""The pain check-in before and after a session: pain 0–10, how far down the leg, and (after)
how it felt and a note. Every question can be skipped with Enter. Before a session Escape goes
back (no session starts, nothing is recorded: DESIGN.md section 5); after it, Escape skips the
rest."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from sessiontimer.core.base.text import clean_line
from sessiontimer.core.history.questions import CHECKIN_QUESTIONS as _QUESTIONS
from sessiontimer.core.history.questions import CHECKIN_TITLES as _TITLES
from sessiontimer.core.history.questions import NOT_A_PAIN as _NOT_A_PAIN
from sessiontimer.core.history.records import (
    FEEL_LABELS,
    FEELS,
    LEG_EXTENTS,
    LEG_LABELS,
    NOTE_MAX,
    PAIN_MAX,
    CheckIn,
)

_HINTS = {
    "pain": "Type a number, then Enter. Enter alone skips.",
    "leg": "Press a number, or ↑ ↓ then Enter. Enter alone skips.",
    "feel": "Press a number, or ↑ ↓ then Enter. Enter alone skips.",
    "note": "Optional. Enter to finish.",
}


class _Entry(Input):
    BINDINGS = [Binding("enter", "submit", "Next")]  # shown in the footer

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Digits only: other keys are left to the bindings (``?`` is help here, not text)."""
        return character is not None and character.isdecimal()


class _NoteEntry(Input):
    BINDINGS = [Binding("enter", "submit", "Finish")]


class ChoiceList(OptionList):
    """Numbered options: a digit picks one; Enter with nothing highlighted skips."""

    BINDINGS = [Binding("enter", "select", "Next")]

    class Skipped(Message):
        pass

    def __init__(self, *options: Option, id: str) -> None:
        super().__init__(*options, id=id, markup=False)
        self.highlighted = None  # OptionList highlights the first one: then Enter could not skip

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdecimal():
            number = int(event.character)
            if 1 <= number <= self.option_count:
                event.stop()
                self.highlighted = number - 1
                self.action_select()

    def action_select(self) -> None:
        if self.highlighted is None:
            self.post_message(self.Skipped())
        else:
            super().action_select()


def _choices(keys: tuple[str, ...], labels: dict[str, str], id: str) -> ChoiceList:
    return ChoiceList(
        *(
            Option(Text.assemble((f"{n} ", "bold"), labels[key]), id=key)
            for n, key in enumerate(keys, start=1)
        ),
        id=id,
    )


class CheckinScreen(Screen["CheckIn | None"]):
    """Dismissed with a CheckIn (a skipped answer is None, or "" for the note); before a
    session, Escape dismisses it with None: back, no session."""

    DEFAULT_CSS = """
    #checkin {
        padding: 1 2;
    }
    #checkin-title {
        color: $accent;
        text-style: bold;
    }
    #checkin-notice {
        color: $warning;
        margin: 0 0 1 0;
    }
    #checkin-routine {
        color: $text-muted;
        max-height: 2;
        margin: 0 0 1 0;
    }
    #checkin-answers {
        margin: 0 0 1 0;
    }
    #checkin-question {
        text-style: bold;
    }
    #checkin Input {
        margin: 1 0 0 0;
    }
    #checkin-pain {
        width: 16;
    }
    #checkin ChoiceList {
        width: 40;
        max-width: 100%;
        border: none;
        padding: 0;
        margin: 1 0 0 0;
    }
    #checkin-message {
        color: $error;
        text-style: bold;
    }
    #checkin-hint {
        color: $text-muted;
        margin: 1 0 0 0;
    }
    """

    BINDINGS = [
        Binding("escape", "back", "Back"),  # before a session
        Binding("escape", "finish", "Skip the rest"),  # after it, or after a stop
    ]

    def __init__(
        self,
        when: Literal["before", "after", "stop"],
        routine_name: str,
        notice: str | None = None,
    ) -> None:
        """``when``: before or after a session, or right after a safety stop (the pain and leg
        questions only). ``notice``: said above the questions (take the pack off)."""
        super().__init__()
        self.when = when
        self.routine_name = routine_name
        self.notice = notice
        self.questions = ["pain", "leg"] + (["feel", "note"] if when == "after" else [])
        self.current = 0
        self.pain: int | None = None
        self.leg: str | None = None
        self.feel: str | None = None
        self.note = ""
        self.answered: list[str] = []
        self._done = False
        # called with the answers so far after each one (kept at once: a killed terminal in the
        # middle of the check-in loses nothing answered)
        self.on_answer: Callable[[CheckIn], None] | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="checkin"):
            yield Static(Text(_TITLES[self.when]), id="checkin-title")
            if self.notice:
                yield Static(Text(self.notice, style="bold reverse"), id="checkin-notice")
            yield Static(Text(self.routine_name), id="checkin-routine")
            yield Static(id="checkin-answers")
            yield Static(id="checkin-question")
            yield _Entry(placeholder="0–10", restrict=r"[0-9]*", max_length=2, id="checkin-pain")
            yield _choices(LEG_EXTENTS, LEG_LABELS, "checkin-leg")
            if self.when == "after":
                yield _choices(FEELS, FEEL_LABELS, "checkin-feel")
                yield _NoteEntry(max_length=NOTE_MAX, id="checkin-note")
            yield Static(id="checkin-message")
            yield Static(id="checkin-hint")
        yield Footer()

    def on_mount(self) -> None:
        self._ask()

    def _ask(self) -> None:
        """Show the current question (and its input) and nothing of the others."""
        question = self.questions[self.current]
        for name in self.questions:
            self.query_one(f"#checkin-{name}").display = name == question
        self.query_one("#checkin-question", Static).update(Text(_QUESTIONS[question]))
        self.query_one("#checkin-hint", Static).update(Text(_HINTS[question]))
        answers = self.query_one("#checkin-answers", Static)
        answers.update(Text("\n".join(self.answered)))
        answers.display = bool(self.answered)
        self._say("")
        self.query_one(f"#checkin-{question}").focus()

    def _say(self, message: str) -> None:
        shown = self.query_one("#checkin-message", Static)
        shown.update(Text(message))
        shown.display = bool(message)

    def _next(self, answered: str) -> None:
        self.answered.append(answered)
        if self.on_answer is not None:
            self.on_answer(self.so_far())
        self.current += 1
        if self.current < len(self.questions):
            self._ask()
        else:
            self.action_finish()

    @on(Input.Submitted, "#checkin-pain")
    def _pain_given(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value:
            self._next("Pain: skipped")
        elif value.isdecimal() and int(value) <= PAIN_MAX:
            self.pain = int(value)
            self._next(f"Pain: {self.pain} out of {PAIN_MAX}")
        else:
            self._say(_NOT_A_PAIN)

    @on(Input.Changed, "#checkin-pain")
    def _pain_typed(self) -> None:
        self._say("")

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id
        if event.option_list.id == "checkin-leg":
            self.leg = key
            self._next(f"Leg: {LEG_LABELS[str(key)]}")
        else:
            self.feel = key
            self._next(f"It felt: {FEEL_LABELS[str(key)]}")

    @on(ChoiceList.Skipped)
    def _choice_skipped(self) -> None:
        self._next("Leg: skipped" if self.questions[self.current] == "leg" else "It felt: skipped")

    @on(Input.Submitted, "#checkin-note")
    def _note_given(self, event: Input.Submitted) -> None:
        self.note = clean_line(event.value)[:NOTE_MAX]
        self.action_finish()

    def so_far(self) -> CheckIn:
        return CheckIn(pain=self.pain, leg=self.leg, feel=self.feel, note=self.note)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.when == "before"
        if action == "finish":
            return self.when != "before"
        return True

    def action_back(self) -> None:
        if not self._done:
            self._done = True
            self.dismiss(None)

    def action_finish(self) -> None:
        if self._done:
            return
        self._done = True
        self.dismiss(self.so_far())
