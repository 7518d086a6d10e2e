"""The session screen, driven by keys with a fake clock (Pilot)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widget import Widget
from textual.widgets import Static

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.routines.loader import load_text
from sessiontimer.core.routines.model import Routine
from sessiontimer.core.session.plan import build_plan
from sessiontimer.core.session.state import State
from sessiontimer.tui.app import SessionTimerApp
from sessiontimer.tui.screens.checkin import CheckinScreen
from sessiontimer.tui.screens.home import HomeScreen
from sessiontimer.tui.screens.safety_stop import SafetyStopScreen
from sessiontimer.tui.screens.session import SessionScreen
from sessiontimer.tui.screens.summary import SummaryScreen
from sessiontimer.tui.textual_compat import screen_lines
from sessiontimer.tui.widgets.banner import Banner
from sessiontimer.tui.widgets.bigclock import BigClock
from sessiontimer.tui.widgets.keybar import KeyBar
from tests.conftest import REPO
from tests.support.session import run_to_the_end

ROUTINE = """\
name = "Test [bold]routine[/]"

[[steps]]
name = "Knee [link=https://x]to[/link] chest [@click=app.quit]x[/]"
how = "Lie down. \\u001b[31mRed?"
hold = "30s"
reps = 2
sides = "both"
rest = "10s"
cues = ["[b]Breathe[/b] out"]

[[steps]]
name = "Tilts"
reps = 5
"""


def make_app(text: str = ROUTINE, clock: FakeClock | None = None) -> SessionTimerApp:
    routine = load_text(text)
    assert isinstance(routine, Routine), routine
    return SessionTimerApp(plan=build_plan(routine), checks=False, clock=clock or FakeClock())


BANNER = {"#phase": "phase", "#side": "side"}  # (one widget: the band)


def shown(app: SessionTimerApp, selector: str) -> str:
    if selector in BANNER:
        return str(getattr(app.screen.query_one(Banner), BANNER[selector]))
    return str(app.screen.query_one(selector, Static).render())


def digits(app: SessionTimerApp) -> str:
    return app.screen.query_one("#countdown", BigClock).value


def session_of(app: SessionTimerApp) -> SessionScreen:
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    return screen


async def test_starts_with_get_ready_on_the_left_and_markup_is_shown_as_typed() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert shown(app, "#phase") == "GET READY"
        assert shown(app, "#side") == "LEFT"
        assert digits(app) == "0:05"
        assert (
            shown(app, "#step-name") == "Knee [link=https://x]to[/link] chest [@click=app.quit]x[/]"
        )
        [band] = str(app.screen.query_one(Banner).render()).splitlines()  # one row at 80x24
        assert band.split() == ["GET", "READY", "LEFT"]
        assert shown(app, "#how") == "Lie down. [31mRed?"
        assert shown(app, "#cue") == "[b]Breathe[/b] out"
        bar = app.screen.query_one(KeyBar)
        assert str(bar.render()).splitlines()[0].strip() == "Pain spreading down your leg? Press !"


async def test_countdown_follows_the_clock_and_moves_to_the_hold() -> None:
    clock = FakeClock()
    app = make_app(clock=clock)
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = session_of(app)
        clock.advance(5.0)
        screen.tick()
        await pilot.pause()
        assert shown(app, "#phase") == "HOLD"
        assert digits(app) == "0:30"
        assert "rep 1 of 2" in shown(app, "#counters")
        clock.advance(12.5)
        screen.tick()
        await pilot.pause()
        assert digits(app) == "0:18"


async def test_space_pauses_and_nothing_moves_then_resumes() -> None:
    clock = FakeClock()
    app = make_app(clock=clock)
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = session_of(app)
        await pilot.press("space")
        assert shown(app, "#phase") == "PAUSED"
        clock.advance(100)
        screen.tick()
        await pilot.pause()
        assert digits(app) == "0:05"
        await pilot.press("space")
        assert shown(app, "#phase") == "GET READY"
        clock.advance(2)
        screen.tick()
        await pilot.pause()
        assert digits(app) == "0:03"


async def test_next_back_restart_keys() -> None:
    clock = FakeClock()
    app = make_app(clock=clock)
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = session_of(app)
        await pilot.press("n")
        assert shown(app, "#phase") == "HOLD"
        await pilot.press("right")
        assert shown(app, "#phase") == "REST"
        await pilot.press("left")
        assert shown(app, "#phase") == "HOLD"
        clock.advance(10)
        screen.tick()
        await pilot.pause()
        assert digits(app) == "0:20"
        await pilot.press("r")
        assert digits(app) == "0:30"
        await pilot.press("b")
        assert shown(app, "#phase") == "GET READY"
        assert screen.session is not None and screen.session.outcomes[0] == "skipped"


async def test_side_switch_is_announced() -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        for _ in range(4):  # prepare, hold, rest, hold (left)
            await pilot.press("n")
        # the band says it (in the right side's colour), and no other line says it again
        assert shown(app, "#phase") == "SWITCH → RIGHT"
        assert shown(app, "#side") == ""
        assert "switch" not in shown(app, "#cue").lower()
        assert shown(app, "#next") == "Next: hold right 0:30"


async def test_self_paced_set_counts_up_and_ends_on_space() -> None:
    clock = FakeClock()
    app = make_app(clock=clock)
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = session_of(app)
        for _ in range(8):  # the eight segments of the first step
            await pilot.press("n")
        assert shown(app, "#step-name") == "Tilts"
        await pilot.press("n")  # its prepare
        assert shown(app, "#phase") == "REPS"
        assert shown(app, "#counters").startswith("5 reps, then Space")
        clock.advance(7.2)
        screen.tick()
        await pilot.pause()
        assert digits(app) == "0:07"
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.status == "completed"


async def test_safety_stop_is_one_key_and_gives_advice() -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = session_of(app)
        await pilot.press("n", "exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, SafetyStopScreen)
        session = screen.session
        assert session is not None
        assert session.state is State.STOPPED
        assert session.stop_reason == "pain spreading down the leg"
        text = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "Stop this exercise now" in text and "999, 911 or 112" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize(("answer", "expected"), [("n", SessionScreen), ("y", SummaryScreen)])
async def test_leaving_asks_first(answer: str, expected: type) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert "Leave this session?" in " ".join(str(w.render()) for w in app.screen.query(Static))
        await pilot.press(answer)
        await pilot.pause()
        assert isinstance(app.screen, expected)
        if expected is SessionScreen:
            assert shown(app, "#phase") == "GET READY"  # resumed, not paused


async def test_escape_also_leaves_and_summary_enter_goes_home() -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.status == "left"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize("routine_id", sorted(p.stem for p in (REPO / "routines").glob("*.toml")))
async def test_every_builtin_runs_to_the_end_with_space_alone(routine_id: str) -> None:
    assert await run_to_the_end(routine_id) == "completed"


async def test_small_terminal_still_shows_the_essentials(home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#countdown").region.height > 0
        assert app.screen.query_one(Banner).region.height == 1
        assert shown(app, "#side") == "LEFT"
        assert "Press !" in drawn_row(app, app.screen.query_one(KeyBar))


async def test_long_instructions_scroll_with_the_keys_and_nothing_takes_the_focus() -> None:
    from textual.containers import VerticalScroll

    long_how = " ".join(f"Line {n} of the instructions." for n in range(1, 50))
    app = make_app(ROUTINE.replace('how = "Lie down. \\u001b[31mRed?"', f'how = "{long_how}"'))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        body = app.screen.query_one("#body", VerticalScroll)
        assert app.screen.focused is None
        assert body.max_scroll_y > 0
        await pilot.press("down", "down")
        assert body.scroll_y == 2
        await pilot.press("end")
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("pageup")
        assert 0 < body.scroll_y < body.max_scroll_y
        await pilot.press("home")
        assert body.scroll_y == 0
        await pilot.press("tab")  # the instructions are not a stop on the way
        assert app.screen.focused is None
        await pilot.press("right")  # still the screen's: the next segment
        await pilot.pause()
        assert shown(app, "#phase").startswith("HOLD")


def footer_keys(app: SessionTimerApp) -> dict[str, str]:
    return {key.key: key.description for key in app.screen.query_one(KeyBar).keys}


async def test_the_footer_says_what_space_does_now() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert footer_keys(app)["space"] == "Pause"
        await pilot.press("space")
        await pilot.pause()
        assert footer_keys(app)["space"] == "Resume"
        await pilot.press("space")
        for _ in range(9):  # through the first step and the get-ready of the self-paced set
            await pilot.press("n")
        await pilot.pause()
        assert shown(app, "#phase") == "REPS"
        assert footer_keys(app)["space"] == "Done"
        keys = footer_keys(app)
        assert {"n", "b", "r", "exclamation_mark", "q"} <= set(keys)
        footer = str(app.screen.query_one(KeyBar).render()).splitlines()[-1]
        assert footer == "space Done n Next b Back r Restart ! Stop: pain q Leave ? Help "


def drawn_row(app: SessionTimerApp, widget: Widget, row: int = 0) -> str:
    """The text of one row of a widget as it is on the screen (cropped, clipped)."""
    region = widget.region
    return screen_lines(app.screen)[region.y + row][region.x : region.right]


@pytest.mark.parametrize("size", [(80, 15), (60, 14), (40, 12)])
async def test_a_short_terminal_cuts_the_screen_off_and_never_scrolls_it(
    size: tuple[int, int],
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert not screen.allow_vertical_scroll and not screen.show_vertical_scrollbar
        await pilot.press("down", "end")
        screen.post_message(events.MouseScrollDown(screen, 1, 1, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert screen.scroll_y == 0
        assert screen.query_one(Banner).region.y == 0  # the band is where it was
        assert "Press !" in drawn_row(app, screen.query_one(KeyBar))  # ! is on screen
        assert "space Pause" in drawn_row(app, screen.query_one(KeyBar), 1)


async def test_the_key_bar_keeps_every_key_in_a_narrow_terminal_not_wrapped() -> None:
    """The last keys lose their words (the safety line above names !), not the keys."""
    app = make_app()
    async with app.run_test(size=(40, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        assert drawn_row(app, bar, 1) == "space Pause n Next b Back r ! q ?".ljust(40)
        assert bar.region.height == 2  # (the ! line above the keys)


@pytest.mark.parametrize("width", [14, 18, 20, 24, 36])
async def test_a_very_narrow_terminal_keeps_the_band_one_line_and_the_countdown_on_screen(
    width: int,
) -> None:
    text = ROUTINE.replace('name = "Tilts"', 'name = "Tilts"\nsides = "both"')
    app = make_app(text)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        for presses in (0, 9):  # the get-ready (GET READY), then the self-paced set (REPS)
            for _ in range(presses):
                await pilot.press("n")
            await pilot.pause()
            band = app.screen.query_one(Banner)
            assert band.region.height == 1
            assert drawn_row(app, band).strip()
            countdown = app.screen.query_one("#countdown")
            assert countdown.region.bottom <= 24 - 3  # above the bar, ! and the keys


async def test_a_click_on_a_key_in_the_key_bar_presses_it() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        text = str(bar.render()).splitlines()[-1]
        assert text.startswith("space Pause n Next ")
        assert shown(app, "#phase").startswith("GET READY")
        await pilot.click(KeyBar, offset=(text.index("n Next") + 3, 1))
        await pilot.pause()
        assert shown(app, "#phase").startswith("HOLD")
        await pilot.click(KeyBar, offset=(text.index("space") + 1, 1))
        await pilot.pause()
        assert shown(app, "#phase") == "PAUSED"
        assert footer_keys(app)["space"] == "Resume"


async def test_summary_names_what_was_skipped_and_where_it_ended() -> None:
    clock = FakeClock()
    app = make_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(9):  # skip every segment of the first step and the next get-ready
            await pilot.press("n")
        clock.advance(12)
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        lines = [str(w.render()) for w in app.screen.query(Static)]
        assert "Session ended early" in lines
        assert "Steps done: 0 of 2" in lines
        assert "Ended during: Tilts" in lines
        assert any(line.startswith("Skipped: Knee [link=") for line in lines), lines
        assert "Time: 0:12" in lines


async def test_window_title_shows_time_left_and_step_as_plain_text() -> None:
    clock = FakeClock()
    app = make_app(clock=clock)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("n")
        clock.advance(7)
        session_of(app).tick()
        await pilot.pause()
        assert app.window_title == (
            "0:23 Knee [link=https://x]to[/link] chest [@click=app.quit]x[/] — sessiontimer"
        )
        await pilot.press("q", "y")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.window_title == "sessiontimer"


async def test_survives_any_resize_mid_session() -> None:
    clock = FakeClock()
    app = make_app(clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for size in [(60, 20), (20, 6), (1, 1), (200, 60), (40, 12), (80, 24)]:
            await pilot.resize_terminal(*size)
            clock.advance(1)
            session_of(app).tick()
            await pilot.pause()
            assert isinstance(app.screen, SessionScreen)
        await pilot.press("exclamation_mark")
        for size in [(30, 8), (80, 24)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
        assert isinstance(app.screen, SafetyStopScreen)


async def test_run_without_checks_opens_on_the_session_itself_and_home_takes_its_place() -> None:
    """Nothing is asked before a `run --no-checks` session, so it is the bottom of the screen
    stack (no empty screen under it); Textual cannot switch away from its bottom screen, so once
    over it stays at the bottom, under the summary and then home, and is never shown again."""
    from sessiontimer.tui.screens.breaks import BreaksScreen

    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [SessionScreen]
        await pilot.press("q")  # the question covers the session, and goes
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [SessionScreen]
        await pilot.press("q", "y")
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [SessionScreen, SummaryScreen]
        await pilot.press("enter")
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [SessionScreen, HomeScreen]
        await pilot.press("b")  # the break timer over home, and Escape back to it
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [SessionScreen, HomeScreen, BreaksScreen]
        await pilot.press("escape")
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [SessionScreen, HomeScreen]
        await pilot.press("enter")  # a session from home: its check-in opens over home
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [SessionScreen, HomeScreen, CheckinScreen]


async def test_a_session_safety_stopped_at_the_bottom_of_the_stack_ends_at_home() -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [SessionScreen, SafetyStopScreen]
        await pilot.press("enter")
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [SessionScreen, HomeScreen]


async def test_a_new_screen_is_styled_once_as_it_is_composed() -> None:
    """Textual restyles a screen, all its widgets, when it is put on top (pushed, switched to or
    the first); a new screen has just been styled as it was composed, and the app's full screens
    skip that second pass (start-up time). The snapshots show that they look the same."""
    app = make_app()
    restyled: list[object] = []
    update_styles = app.update_styles

    def counted(node: object = None, animate: bool = True) -> None:
        restyled.append(node)
        update_styles(node, animate)  # type: ignore[arg-type]

    app.update_styles = counted  # type: ignore[method-assign,assignment]
    async with app.run_test() as pilot:
        await pilot.pause()
        assert session_of(app) not in restyled
        await pilot.press("q", "y", "enter")  # the summary, then home
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen not in restyled


async def test_a_pack_first_routine_asks_over_the_session_at_the_bottom() -> None:
    """The pack's safety points open over the session as it starts, also when the session is
    the first screen of all (`run --no-checks`)."""
    from sessiontimer.tui.screens.pack_safety import PackSafetyScreen

    app = make_app(
        'name = "Heat"\nprepare = "0s"\n[[steps]]\nname = "Heat"\nkind = "heat"\nduration = "15m"\n'
    )
    async with app.run_test() as pilot:
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [SessionScreen, PackSafetyScreen]
        await pilot.press("space")  # the pack is on
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [SessionScreen]
        assert shown(app, "#phase") == "HEAT PACK ON"
