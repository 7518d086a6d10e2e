"""Before a session: the first-run disclaimer, the red-flag questions, and the pack safety points."""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Static

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.history.records import CheckIn
from sessiontimer.core.routines.loader import load_text
from sessiontimer.core.routines.model import Routine
from sessiontimer.core.session.plan import build_plan
from sessiontimer.core.session.safety import EMERGENCY_ADVICE, RED_FLAGS
from sessiontimer.core.session.state import State
from sessiontimer.tui.app import SessionTimerApp
from sessiontimer.tui.screens.checkin import CheckinScreen
from sessiontimer.tui.screens.disclaimer import DisclaimerScreen
from sessiontimer.tui.screens.emergency import EmergencyScreen
from sessiontimer.tui.screens.home import HomeScreen
from sessiontimer.tui.screens.pack_safety import PackSafetyScreen
from sessiontimer.tui.screens.red_flags import RedFlagsScreen
from sessiontimer.tui.screens.safety_stop import SafetyStopScreen
from sessiontimer.tui.screens.session import SessionScreen
from sessiontimer.tui.screens.summary import SummaryScreen
from sessiontimer.tui.widgets.banner import Banner
from tests.support.checks import answered_today
from tests.support.sound import FakeSpeaker
from tests.support.wait import pause_until

FAKE_DAY = datetime.fromtimestamp(FakeClock().epoch()).date()
ANSWERED_ON_FAKE_DAY = answered_today(FAKE_DAY)

HOLD = """\
name = "Hold"
[[steps]]
name = "Stretch"
hold = "30s"
"""

HEAT = """\
name = "Heat"
[[steps]]
name = "Heat on the low back"
kind = "heat"
duration = "15m"
check_every = "5m"
"""


def plan_of(text: str):  # type: ignore[no-untyped-def]
    routine = load_text(text)
    assert isinstance(routine, Routine), routine
    return build_plan(routine)


def make_app(
    config: Path, text: str = HOLD, checks: bool = True, clock: FakeClock | None = None
) -> SessionTimerApp:
    return SessionTimerApp(
        plan=plan_of(text), checks=checks, clock=clock or FakeClock(), config_path=config
    )


def answered(tmp_path: Path) -> Path:
    """A config.toml whose disclaimer was read and whose red flags were answered on the fake
    clock's day: a `--no-checks` session at real speed then asks nothing."""
    config = tmp_path / "c.toml"
    config.write_text(ANSWERED_ON_FAKE_DAY, encoding="utf-8")
    return config


def texts(app: SessionTimerApp) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


def saved(config: Path) -> dict[str, object]:
    return tomllib.loads(config.read_text(encoding="utf-8"))


async def test_first_run_disclaimer_then_red_flags_then_the_session(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    clock = FakeClock()
    today = datetime.fromtimestamp(clock.epoch()).date()
    app = make_app(config, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DisclaimerScreen)
        assert "cannot diagnose" in texts(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RedFlagsScreen)
        shown = texts(app)
        for flag in RED_FLAGS:
            assert flag in shown
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)  # pain and leg before the session
        await pilot.press("5", "enter", "3")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.session is not None
        assert app.screen.session.state is State.RUNNING
        assert app.screen.before == CheckIn(pain=5, leg="thigh")
    seen = saved(config)["seen"]
    assert seen == {"disclaimer": today, "red_flags": today}


async def test_disclaimer_once_and_red_flags_once_a_day(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    clock = FakeClock()
    async with make_app(config, clock=clock).run_test() as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")  # understood; then Enter answers nothing
        await pilot.pause()
        assert isinstance(pilot.app.screen, RedFlagsScreen)
        await pilot.press("n")  # none of these apply: said on purpose
        await pilot.press("enter", "enter")  # the check-in: both questions skipped
        await pilot.pause()
        assert isinstance(pilot.app.screen, SessionScreen)
    app = make_app(config, clock=clock)  # later the same day: straight to the check-in
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
    clock.advance(24 * 3600)  # the next day: the questions again, not the disclaimer
    app = make_app(config, clock=clock)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RedFlagsScreen)


async def test_checks_every_session_and_off(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    clock = FakeClock()
    today = datetime.fromtimestamp(clock.epoch()).date().isoformat()
    config.write_text(
        f'checks = "every"  # mine\n[seen]\ndisclaimer = {today}\nred_flags = {today}\n',
        encoding="utf-8",
    )
    app = make_app(config, clock=clock)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RedFlagsScreen)
    config.write_text('checks = "off"\n[seen]\ndisclaimer = 2026-01-01\n', encoding="utf-8")
    app = make_app(config, clock=clock)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)  # no red flags; the pain check-in stays


async def test_yes_to_a_red_flag_shows_emergency_advice_and_no_session(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    app = make_app(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, EmergencyScreen)
        assert EMERGENCY_ADVICE in texts(app)
        assert not app.screen.query("SessionScreen")
        assert not any(isinstance(s, SessionScreen) for s in app.screen_stack)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    # a "yes" is not remembered as a check done: the questions come again next time
    assert "red_flags" not in saved(config)["seen"]  # type: ignore[operator]


async def test_escape_on_the_disclaimer_starts_nothing(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    app = make_app(config)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert not config.exists()


async def test_no_checks_goes_straight_in_once_the_day_is_answered(tmp_path: Path) -> None:
    config = answered(tmp_path)
    app = make_app(config, checks=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [SessionScreen]
    assert config.read_text(encoding="utf-8") == ANSWERED_ON_FAKE_DAY


async def test_no_checks_at_real_speed_still_asks_the_disclaimer_and_the_red_flags(
    tmp_path: Path,
) -> None:
    """--no-checks leaves out the pain check-ins only (DESIGN.md section 2)."""
    config = tmp_path / "config.toml"
    app = make_app(config, checks=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DisclaimerScreen)
        await pilot.press("enter")
        await pause_until(pilot, lambda: isinstance(app.screen, RedFlagsScreen))
        await pilot.press("enter")  # a reflex Enter passes nothing
        await pilot.pause()
        assert isinstance(app.screen, RedFlagsScreen)
        await pilot.press("n")
        await pause_until(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert not isinstance(app.screen, CheckinScreen)
        assert app.screen.checks is False  # and none after it either
    assert saved(config)["seen"] == {"disclaimer": FAKE_DAY, "red_flags": FAKE_DAY}


@pytest.mark.parametrize(("checks", "asked"), [(False, False), (True, True)])
async def test_a_rehearsal_asks_no_check_ins_and_with_no_checks_nothing_at_all(
    tmp_path: Path, checks: bool, asked: bool
) -> None:
    config = tmp_path / "config.toml"
    app = SessionTimerApp(
        plan=plan_of(HOLD), speed=10, checks=checks, clock=FakeClock(), config_path=config
    )
    async with app.run_test() as pilot:
        await pilot.pause()
        if asked:
            assert isinstance(app.screen, DisclaimerScreen)
            await pilot.press("enter")
            await pause_until(pilot, lambda: isinstance(app.screen, RedFlagsScreen))
            await pilot.press("n")
            await pause_until(pilot, lambda: isinstance(app.screen, SessionScreen))
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.speed == 10
        assert screen.checks is False  # no pain check-in before or after a rehearsal


async def test_heat_pack_safety_points_first_and_the_session_waits(tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(answered(tmp_path), text=HEAT, checks=False, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PackSafetyScreen)
        shown = texts(app)
        assert "towel" in shown
        assert "every 5 minutes" in shown
        assert "sleep" in shown
        session_screen = app.screen_stack[-2]
        assert isinstance(session_screen, SessionScreen)
        session = session_screen.session
        assert session is not None
        assert session.state is State.PAUSED
        clock.advance(60)
        session_screen.tick()
        assert session.display_seconds() == 5  # the get-ready has not moved
        await pilot.press("space")
        await pilot.pause()
        assert app.screen is session_screen
        assert session.state is State.RUNNING
        clock.advance(5)
        session_screen.tick()
        await pilot.pause()
        assert session_screen.query_one(Banner).phase == "HEAT PACK ON"
        # a pack on the skin does not pause: Space says why and the timer keeps going
        clock.advance(60)
        session_screen.tick()
        await pilot.press("space")
        await pilot.pause()
        assert session.state is State.RUNNING
        assert "keeps its timer running" in str(session_screen.query_one("#cue", Static).render())
        # going back into the step (running) does not show the points again, and the pack
        # gets only what is left of its 15 minutes
        await pilot.press("b")
        await pilot.pause()
        assert app.screen is session_screen
        assert session.segment is not None and session.segment.kind == "prepare"
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is session_screen
        assert session.remaining() == pytest.approx(15 * 60 - 60)


async def test_pack_points_n_skips_the_pack_and_bang_stops(tmp_path: Path) -> None:
    app = make_app(answered(tmp_path), text=HEAT, checks=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PackSafetyScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)  # the only step was skipped
        assert "Skipped: Heat on the low back" in texts(app)
    app = make_app(answered(tmp_path), text=HEAT, checks=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, SafetyStopScreen)


@pytest.mark.parametrize(
    ("keys", "screen_type"),
    [("qy", SummaryScreen), ("q!", SafetyStopScreen)],
    ids=["leaving", "stopping"],
)
async def test_leaving_or_stopping_with_a_pack_on_says_take_it_off(
    tmp_path: Path, keys: str, screen_type: type
) -> None:
    clock = FakeClock()
    app = make_app(answered(tmp_path), text=HEAT, checks=False, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space")  # the pack is ready
        clock.advance(5 + 30)
        app.screen.tick()  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert "Take the pack off first" in texts(app)
        await pilot.press("exclamation_mark" if keys[1] == "!" else "y")
        await pilot.pause()
        assert isinstance(app.screen, screen_type)
        assert "Take the heat or cold pack off now." in texts(app)


@pytest.mark.parametrize(("mode", "rings"), [("speech", True), ("off", False)])
async def test_the_pack_alarm_rings_until_space_and_sound_off_is_silent(
    tmp_path: Path, mode: str, rings: bool
) -> None:
    clock = FakeClock()
    speaker = FakeSpeaker(mode)
    app = SessionTimerApp(
        plan=plan_of(HEAT.replace('"15m"', '"1m"')),
        checks=False,
        clock=clock,
        config_path=answered(tmp_path),
        speaker=speaker,  # type: ignore[arg-type]
    )
    bells: list[float] = []
    app.bell = lambda b=bells, c=clock: b.append(c.wall())  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        for _ in range(5 + 60 + 35):
            clock.advance(1)
            screen.tick()
        await pilot.pause()
        session = screen.session
        assert session is not None and session.state is State.ALARM
        assert screen.query_one(Banner).phase == "TAKE THE PACK OFF"
        alarm_bells = [t for t in bells if t > 1000 + 5 + 60 - 0.5]
        if rings:
            assert len(alarm_bells) >= 4  # at the end, then every 10 s: 65, 75, 85, 95
            assert any("pack off" in said.lower() for said in speaker.said)
        else:
            assert bells == [] and speaker.said == []
        await pilot.press("space")
        await pilot.pause()
        assert session.state is State.COMPLETED


async def test_run_options_do_not_carry_over_to_sessions_started_at_home(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    app = SessionTimerApp(
        plan=plan_of(HOLD), speed=10, checks=False, clock=FakeClock(), config_path=config
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.speed == 10
        await pilot.press("q", "y")
        await pilot.pause()
        await pilot.press("enter")  # summary -> home
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")  # the first routine
        await pilot.pause()
        assert isinstance(app.screen, DisclaimerScreen)  # the checks are back
        await pilot.press("enter", "n", "enter", "enter")
        await pilot.pause()
        # (the rehearsal, over, stays at the bottom of the stack: SessionScreen.replace_with)
        sessions = [screen for screen in app.screen_stack if isinstance(screen, SessionScreen)]
        assert len(sessions) == 2 and sessions[0].session and sessions[0].session.finished
        assert sessions[-1].speed == 1.0


@pytest.mark.parametrize("kind", ["heat", "cold"])
def test_pack_points_name_the_kind(kind: str) -> None:
    from sessiontimer.core.session.safety import pack_safety_points

    points = " ".join(pack_safety_points(kind, 300))
    assert "towel" in points
    assert "20 minutes" in points
    assert ("damp" in points) == (kind == "cold")


# CLINICAL.md "Heat and cold": who asks a clinician first, or does not use a pack at all.
ASK_FIRST = [
    "numb",
    "feels less",
    "broken",
    "skin disease",
    "diabetes",
    "nerve damage",
    "poor circulation",
    "blood vessel disease",
    "fever",
    "infection",
    "bad reaction",
]


@pytest.mark.parametrize("kind", ["heat", "cold"])
def test_the_pack_points_name_everyone_who_asks_a_clinician_first(kind: str) -> None:
    from sessiontimer.core.session.safety import pack_safety_points

    points = " ".join(pack_safety_points(kind, 300)).lower()
    assert [item for item in ASK_FIRST if item not in points] == []


async def test_a_double_enter_on_home_asks_the_questions_once(tmp_path: Path) -> None:
    """The second Enter of a double press lands on home before the disclaimer is up: it starts
    no second flow, and the one disclaimer then takes the keys."""
    from textual import events

    config = tmp_path / "config.toml"
    app = SessionTimerApp(clock=FakeClock(), config_path=config, theme="textual-dark")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        for _ in range(2):  # as a terminal delivers them in one read
            app.post_message(events.Key("enter", "\r"))
        await pilot.pause()
        await pilot.pause()
        assert [type(s) for s in app.screen_stack].count(DisclaimerScreen) == 1
        assert isinstance(app.screen, DisclaimerScreen)
        await pilot.press("escape")  # declined: home, and the flow is over
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")  # a new start is not held back by the first
        await pilot.pause()
        assert isinstance(app.screen, DisclaimerScreen)


async def test_escape_on_the_red_flags_goes_back_and_records_nothing(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[seen]\ndisclaimer = 2026-01-01\n", encoding="utf-8")
    app = make_app(config)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RedFlagsScreen)
        await pilot.press("enter")  # nothing: the answer is deliberate
        await pilot.pause()
        assert isinstance(app.screen, RedFlagsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert "red_flags" not in saved(config)["seen"]  # type: ignore[operator]


async def test_the_pack_points_scroll_in_a_short_terminal_and_none_is_cut_off() -> None:
    """At 60×20 the points are taller than the screen: they scroll (PageDown), and what to press
    (Space, or n to skip the pack) stays in sight below them."""
    from textual.app import App

    from sessiontimer.tui.textual_compat import screen_lines

    class Pack(App[None]):
        def on_mount(self) -> None:
            self.push_screen(PackSafetyScreen("heat", 300))

    app = Pack()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        shown = "\n".join(screen_lines(app.screen))
        assert "Press Space when the pack is ready" in shown
        assert "Press n to" in shown
        assert "when the alarm sounds" not in shown  # the last point: below the fold
        await pilot.press("pagedown")
        await pilot.pause()
        shown = "\n".join(screen_lines(app.screen))
        assert "when the alarm sounds" in shown
        assert "Press n to" in shown
