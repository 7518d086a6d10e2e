"""The pain check-in before and after a session: what a person types and what is recorded."""

from __future__ import annotations

from typing import Literal

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, Static

from sessiontimer.core.history.records import NOTE_MAX, CheckIn
from sessiontimer.tui.screens.checkin import CheckinScreen

UNSET = object()
NOT_A_PAIN = "Type a whole number from 0 to 10, or press Enter alone to skip."


class CheckinApp(App[None]):
    """Pushes the check-in and keeps what it was dismissed with."""

    def __init__(self, when: Literal["before", "after"] = "before", name: str = "Morning") -> None:
        super().__init__()
        self.when: Literal["before", "after"] = when
        self.routine_name = name
        self.result: object = UNSET

    def on_mount(self) -> None:
        self.push_screen(CheckinScreen(self.when, self.routine_name), self.keep)

    def keep(self, result: CheckIn | None) -> None:
        self.result = result


def shown(app: App[None]) -> str:
    """The words on the screen (the visible ones)."""
    return "\n".join(str(w.render()) for w in app.screen.query(Static) if w.display)


async def press(pilot: Pilot[None], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def answer(
    *keys: str, when: Literal["before", "after"] = "before", size: tuple[int, int] = (80, 24)
) -> object:
    app = CheckinApp(when)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await press(pilot, *keys)
    return app.result


async def test_pain_then_a_digit_for_the_leg() -> None:
    app = CheckinApp("before", "Morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = shown(app)
        assert "Before you start" in screen
        assert "Morning" in screen
        assert "How bad is your pain right now? 0 = none, 10 = worst" in screen
        await press(pilot, "4", "enter")
        screen = shown(app)
        assert "Pain: 4 out of 10" in screen  # the answer stays in view
        assert "How far down your leg do you feel it now?" in screen
        assert app.result is UNSET
        await press(pilot, "3")
    assert app.result == CheckIn(pain=4, leg="thigh")


async def test_enter_alone_skips_the_pain_question() -> None:
    assert await answer("enter", "5") == CheckIn(pain=None, leg="foot")


async def test_eleven_says_what_to_type_and_stays_on_the_question() -> None:
    app = CheckinApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "1", "1", "enter")
        screen = shown(app)
        assert NOT_A_PAIN in screen
        assert "How bad is your pain right now?" in screen
        assert "How far down your leg" not in screen
        # letters cannot be typed, and a third digit does not fit
        await press(pilot, "backspace", "backspace", "x", "1", "0", "0")
        assert NOT_A_PAIN not in shown(app)  # typing again clears the message
        await press(pilot, "enter")
        assert "Pain: 10 out of 10" in shown(app)
        await press(pilot, "1")
    assert app.result == CheckIn(pain=10, leg="back")


async def test_ten_and_zero_are_answers() -> None:
    assert await answer("1", "0", "enter", "2") == CheckIn(pain=10, leg="buttock")
    assert await answer("0", "enter", "2") == CheckIn(pain=0, leg="buttock")


async def test_arrows_and_enter_pick_and_enter_alone_skips_the_leg() -> None:
    assert await answer("enter", "down", "down", "down", "enter") == CheckIn(leg="thigh")
    assert await answer("7", "enter", "enter") == CheckIn(pain=7, leg=None)
    assert await answer("enter", "enter") == CheckIn()


async def test_after_a_session_how_it_felt_and_a_note() -> None:
    app = CheckinApp("after", "Evening")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "How was it?" in shown(app)
        await press(pilot, "2", "enter", "2")
        assert "How did it feel?" in shown(app)
        await press(pilot, "3")
        screen = shown(app)
        assert "Pain: 2 out of 10\nLeg: Buttock\nIt felt: Hard" in screen
        assert "Anything to note?" in screen
        await pilot.press(*"left hip sore")
        await press(pilot, "enter")
    assert app.result == CheckIn(pain=2, leg="buttock", feel="hard", note="left hip sore")


async def test_after_a_session_every_question_can_be_skipped() -> None:
    assert await answer("enter", "enter", "enter", "enter", when="after") == CheckIn()


async def test_escape_before_a_session_goes_back() -> None:
    assert await answer("6", "enter", "escape") is None
    assert await answer("escape") is None


async def test_escape_midway_after_a_session_keeps_the_answers_given() -> None:
    result = await answer("escape", when="after")
    assert result == CheckIn()
    result = await answer("6", "enter", "4", "escape", when="after")
    assert result == CheckIn(pain=6, leg="below_knee")
    result = await answer("enter", "enter", "1", "escape", when="after")  # at the note
    assert result == CheckIn(feel="easy")


async def test_markup_in_the_routine_name_and_the_note_is_plain_text() -> None:
    app = CheckinApp("after", "[bold]Evening[/] stretches")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "[bold]Evening[/] stretches" in shown(app)
        await press(pilot, "enter", "enter", "enter")
        await pilot.press(*"[red]sore")
        await press(pilot, "enter")
    assert app.result == CheckIn(note="[red]sore")


async def test_the_note_is_one_clean_line_and_not_too_long() -> None:
    app = CheckinApp("after")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "enter", "enter", "enter")
        note = app.screen.query_one("#checkin-note", Input)
        note.value = "  tight\x1b[31m calf\x07 " + "x" * (NOTE_MAX + 50)  # as if pasted
        await press(pilot, "enter")
    assert isinstance(app.result, CheckIn)
    assert app.result.note.startswith("tight [31m calf ")
    assert len(app.result.note) <= NOTE_MAX


async def test_small_terminal_shows_the_question_and_the_choices() -> None:
    app = CheckinApp("after", "A routine with quite a long name for a small terminal")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await press(pilot, "3", "enter", "2", "2")
        region = app.screen.query_one("#checkin-note").region
        assert region.bottom <= 19  # above the footer
        hint = app.screen.query_one("#checkin-hint").region
        assert hint.height and hint.bottom <= 19
        await press(pilot, "escape")
    app = CheckinApp("before")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await press(pilot, "1", "1", "enter")
        assert NOT_A_PAIN in shown(app)
        message = app.screen.query_one("#checkin-message").region
        assert message.height and message.bottom <= 19
        await press(pilot, "backspace", "backspace", "enter")
        choices = app.screen.query_one("#checkin-leg").region
        assert choices.height == 5 and choices.bottom <= 19
