"""Help on every screen (DESIGN.md section 5, issue 17 part 4): ``?`` shows the screen's keys and
the safety page (red flags, a doctor the same day, habits, the flare-up list); Escape, q or ?
close it; a session is paused while it is open and goes on as it was; where ``?`` is typed as
text, F1 opens it (Pilot, fake clock)."""

from __future__ import annotations

from pathlib import Path

from textual.containers import VerticalScroll
from textual.widgets import Input, OptionList, Static, TextArea

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.routines.loader import load_text
from sessiontimer.core.routines.model import Routine
from sessiontimer.core.session.plan import build_plan
from sessiontimer.core.session.safety import RED_FLAGS, SEE_A_DOCTOR
from sessiontimer.core.session.safety_page import FLARE_UP, HABITS
from sessiontimer.core.session.state import State
from sessiontimer.tui.app import SessionTimerApp
from sessiontimer.tui.screens.breaks import BreaksScreen
from sessiontimer.tui.screens.checkin import CheckinScreen
from sessiontimer.tui.screens.confirm import ConfirmScreen
from sessiontimer.tui.screens.disclaimer import DisclaimerScreen
from sessiontimer.tui.screens.editor import EditorScreen
from sessiontimer.tui.screens.help import HelpScreen
from sessiontimer.tui.screens.history import HistoryScreen
from sessiontimer.tui.screens.home import HomeScreen
from sessiontimer.tui.screens.safety_stop import SafetyStopScreen
from sessiontimer.tui.screens.session import SessionScreen
from sessiontimer.tui.widgets.keybar import KeyBar
from tests.support.editor import MINE, app_for, select
from tests.support.wait import pause_until

SEEN = "[seen]\ndisclaimer = 2026-11-21\nred_flags = 2026-11-21\n"
HOLD = 'name = "Hold"\nprepare = "5s"\n[[steps]]\nname = "Knee to chest"\nhold = "30s"\nreps = 2\n'
HEAT = 'name = "Heat"\n[[steps]]\nname = "Heat"\nkind = "heat"\nduration = "15m"\n'


def texts(app: SessionTimerApp) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


def keys_shown(app: SessionTimerApp) -> list[tuple[str, str]]:
    """The help's key lines, as (keys, what they do)."""
    screen = app.screen
    assert isinstance(screen, HelpScreen)
    return [(line.keys, line.description) for line in (*screen.here, *screen.everywhere)]


def home_app(tmp_path: Path) -> SessionTimerApp:
    config = tmp_path / "config.toml"
    config.write_text(SEEN, encoding="utf-8")
    return SessionTimerApp(
        clock=FakeClock(),
        config_path=config,
        user_dir=tmp_path / "routines",
        history_path=tmp_path / "history.sqlite3",
    )


def session_app(
    tmp_path: Path, text: str = HOLD, checks: bool = False, seen: str = SEEN
) -> SessionTimerApp:
    routine = load_text(text)
    assert isinstance(routine, Routine)
    config = tmp_path / "config.toml"
    config.write_text(seen, encoding="utf-8")
    return SessionTimerApp(
        plan=build_plan(routine),
        checks=checks,
        clock=FakeClock(),
        config_path=config,
        history_path=tmp_path / "history.sqlite3",
    )


def assert_the_safety_page(app: SessionTimerApp) -> None:
    shown = texts(app)
    for point in (*RED_FLAGS, *SEE_A_DOCTOR, *HABITS.points, *FLARE_UP.points):
        assert point in shown
    assert "999, 911 or 112" in shown
    assert "Contact a doctor the same day" in shown


async def test_question_mark_on_home_shows_its_keys_and_the_safety_page(tmp_path: Path) -> None:
    app = home_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = keys_shown(app)
        assert ("Enter", "Start") in keys and ("h", "History") in keys
        assert ("b", "Breaks") in keys and ("ctrl+q", "Quit") in keys
        assert ("? or F1", "This help: the keys and the safety page") in keys
        assert not any("Focus" in what for _, what in keys)  # Textual's own screen keys
        assert_the_safety_page(app)
        for close in ("escape", "q", "question_mark"):
            await pilot.press(close)
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen), close
            await pilot.press("f1")  # F1 opens it too
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)


async def test_the_session_waits_while_help_is_open_and_goes_on_as_it_was(
    tmp_path: Path,
) -> None:
    app = session_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.session is not None
        session = screen.session
        app.clock.advance(12)  # type: ignore[attr-defined]
        screen.tick()  # 7 s into the first hold
        index, left = session.index, session.display_seconds()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert session.state is State.PAUSED
        shown = texts(app)
        assert "Your session is paused while you read this." in shown
        assert "Press ! to stop the session" in shown
        keys = keys_shown(app)
        assert ("n or →", "Next") in keys and ("!", "Stop: pain") in keys
        assert ("Space", "Pause") in keys  # as it was when ? was pressed
        assert_the_safety_page(app)
        app.clock.advance(120)  # type: ignore[attr-defined]
        screen.tick()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert session.state is State.RUNNING
        assert (session.index, session.display_seconds()) == (index, left)


async def test_a_session_paused_before_help_stays_paused(tmp_path: Path) -> None:
    app = session_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.session is not None
        await pilot.press("space")  # paused by the user
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Your session is paused." in texts(app)
        await pilot.press("escape")
        await pilot.pause()
        assert screen.session.state is State.PAUSED


async def test_the_safety_stop_works_from_the_help_over_a_session(tmp_path: Path) -> None:
    app = session_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, SafetyStopScreen)


async def test_a_pack_keeps_its_time_under_the_help_and_its_alarm_closes_it(
    tmp_path: Path,
) -> None:
    app = session_app(tmp_path, HEAT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space")  # the pack safety points: ready
        await pilot.pause()
        screen = next(s for s in app.screen_stack if isinstance(s, SessionScreen))
        session = screen.session
        assert session is not None and session.state is State.RUNNING
        app.clock.advance(60)  # type: ignore[attr-defined]
        screen.tick()  # the pack is on
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert session.state is State.RUNNING
        assert "The pack's timer keeps running while you read this." in texts(app)
        app.clock.advance(15 * 60)  # type: ignore[attr-defined]
        screen.tick()
        await pilot.pause()
        assert session.state is State.ALARM
        assert app.screen is screen  # the alarm is not hidden under the help


async def test_help_over_the_break_timer_shows_its_hidden_keys_and_the_timer_runs_on(
    tmp_path: Path,
) -> None:
    app = home_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BreaksScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        keys = keys_shown(app)
        assert ("Space", "Pause") in keys and ("Esc", "Home") in keys
        assert ("h", "History") in keys  # not in the key bar (full at a break): here it is
        assert_the_safety_page(app)
        assert not app.break_timer.paused  # sitting time goes on
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BreaksScreen)


async def test_help_over_the_history(tmp_path: Path) -> None:
    app = home_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pause_until(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await pilot.press("question_mark")
        await pilot.pause()
        assert ("Esc or q", "Back") in keys_shown(app)
        assert_the_safety_page(app)
        await pilot.press("q")  # closes the help, not the history
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_help_over_a_dialog_shows_the_dialogs_keys_and_the_apps(tmp_path: Path) -> None:
    app = session_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("q")  # leave the session? (the session pauses for the question)
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        keys = keys_shown(app)
        assert ("y", "Yes") in keys and ("n or Esc", "No") in keys
        assert ("!", "Stop: pain") in keys  # the dialog's own key, not in its key line
        assert ("ctrl+q", "Quit") in keys  # the app's: they work over a dialog too
        assert_the_safety_page(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)  # still asking


async def test_the_disclaimer_shows_the_doctor_list_and_help_opens_over_it(
    tmp_path: Path,
) -> None:
    app = session_app(tmp_path, checks=True, seen="")  # a first run
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DisclaimerScreen)
        shown = texts(app)
        for point in (*RED_FLAGS, *SEE_A_DOCTOR):
            assert point in shown
        assert "contact a doctor the same day" in shown
        assert "Press ? on any screen" in shown
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert ("Enter", "I understand") in keys_shown(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DisclaimerScreen)


async def test_where_question_mark_is_text_it_is_typed_and_f1_opens_help(tmp_path: Path) -> None:
    app = session_app(tmp_path, checks=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")  # both questions before: skipped
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert isinstance(app.clock, FakeClock)
        app.clock.advance(10)  # into the first hold (a session with nothing done asks nothing)
        screen.tick()
        await pilot.press("n", "n", "n", "n")  # to the end: the check-in after
        await pause_until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        checkin = app.screen
        assert isinstance(checkin, CheckinScreen)
        await pilot.press("question_mark")  # the pain: digits only, so ? is help
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("enter", "enter", "enter")  # pain, leg, feel skipped: the note
        await pilot.pause()
        note = checkin.query_one("#checkin-note", Input)
        assert note.has_focus
        footer = {key for key, active in checkin.active_bindings.items() if active.binding.show}
        assert "f1" in footer and "question_mark" not in footer  # the key bar says F1 Help
        await pilot.press("w", "h", "y", "question_mark")
        await pilot.pause()
        assert note.value == "why?" and app.screen is checkin
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is checkin and note.value == "why?"


async def test_the_help_scrolls_in_a_small_terminal(tmp_path: Path) -> None:
    app = home_app(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        page = app.screen.query_one("#help", VerticalScroll)
        assert page.max_scroll_y > 0
        last = app.screen.query_one(".help-last", Static)
        assert not page.region.contains_region(last.region)
        await pilot.press("end")
        await pilot.pause()
        assert page.scroll_y == page.max_scroll_y
        assert page.region.contains_region(last.region)


async def test_a_narrow_session_key_bar_keeps_the_help_key(tmp_path: Path) -> None:
    """At 60 columns the last keys lose their words, not their keys: ? is still there."""
    app = session_app(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        bar = str(app.screen.query_one(KeyBar).render()).splitlines()[-1]
        assert bar.startswith("space Pause n Next") and bar.rstrip().endswith("q Leave ?")
        assert len(bar.rstrip()) <= 60
    async with session_app(tmp_path).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = str(pilot.app.screen.query_one(KeyBar).render()).splitlines()[-1]
        assert bar.rstrip().endswith("q Leave ? Help")


async def test_in_the_editor_question_mark_is_typed_and_f1_opens_help(home: Path) -> None:
    (home / "routines" / "mine.toml").write_text(MINE, encoding="utf-8")
    app = app_for(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        select(app.screen, "mine")
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        area = editor.query_one(TextArea)
        area.cursor_location = (0, 0)
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen is editor and area.text.startswith("?# From my physio")
        shown = {key for key, active in editor.active_bindings.items() if active.binding.show}
        assert "f1" in shown and "question_mark" not in shown
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert ("ctrl+s", "Save") in keys_shown(app)
        await pilot.press("escape")
        await pilot.pause()
        editor.query_one("#editor-problems", OptionList).focus()  # not text: ? is help
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
