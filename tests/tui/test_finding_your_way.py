"""Issue 18, tried as a new user would (Pilot, fake clock): Escape backs out before a session and
nothing is recorded, q and ctrl+q, home's highlight, a declined heat pack is a skipped session, a
rehearsal says its speed, a tempo set counts its reps aloud, a pack still on while going back, and
the notice when speech is chosen without a speech program."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import Static

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.system.sound import Speaker
from sessiontimer.tui.app import SessionTimerApp
from sessiontimer.tui.screens.checkin import CheckinScreen
from sessiontimer.tui.screens.confirm import ConfirmScreen
from sessiontimer.tui.screens.home import HomeScreen
from sessiontimer.tui.screens.pack_safety import PackSafetyScreen
from sessiontimer.tui.screens.red_flags import RedFlagsScreen
from sessiontimer.tui.screens.session import SessionScreen
from sessiontimer.tui.screens.summary import SummaryScreen
from sessiontimer.tui.widgets.banner import Banner
from sessiontimer.tui.widgets.keybar import KeyBar
from tests.support.sound import FakeSpeaker
from tests.support.wait import pause_until

EVERY_SESSION = 'checks = "every"\n[seen]\ndisclaimer = 2026-01-01\n'  # red flags each time
# (the everyday activities off: once there are sessions, home would ask them over it)
NO_RED_FLAGS = 'checks = "off"\npsfs = "off"\n[seen]\ndisclaimer = 2026-01-01\n'
TEMPO = 'name = "Tilts"\nprepare = "0s"\n[[steps]]\nname = "Tilts"\nreps = 5\ntempo = "2s"\n'


def home_app(home: Path, config: str = NO_RED_FLAGS, speaker: object = None) -> SessionTimerApp:
    (home / "config.toml").write_text(config, encoding="utf-8")
    return SessionTimerApp(
        clock=FakeClock(),
        user_dir=home / "routines",
        config_path=home / "config.toml",
        history_path=home / "history.sqlite3",
        speaker=speaker or FakeSpeaker(),  # type: ignore[arg-type]
        theme="textual-dark",
    )


def sessions(home: Path) -> list[tuple[str, str, int]]:
    """(routine, status, rehearsal) of every session recorded."""
    path = home / "history.sqlite3"
    if not path.exists():
        return []
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT routine, status, rehearsal FROM sessions").fetchall()
    finally:
        conn.close()


def texts(app: SessionTimerApp) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


async def highlight(pilot, app: SessionTimerApp, routine_id: str) -> None:  # type: ignore[no-untyped-def]
    """Move home's highlight down to the routine with this id."""
    screen = app.screen
    assert isinstance(screen, HomeScreen)
    while (entry := screen.highlighted()) is not None and entry.id != routine_id:
        await pilot.press("down")


async def test_escape_at_the_red_flags_goes_home_and_records_nothing(home: Path) -> None:
    app = home_app(home, EVERY_SESSION)
    async with app.run_test(size=(80, 24)) as pilot:
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await highlight(pilot, app, "morning-mobility")
        await pilot.press("enter")
        await pause_until(pilot, lambda: isinstance(app.screen, RedFlagsScreen))
        await pilot.press("escape")
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await app.workers.wait_for_complete()
    assert sessions(home) == []


async def test_escape_at_the_check_in_before_goes_home_and_records_nothing(home: Path) -> None:
    app = home_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await highlight(pilot, app, "morning-mobility")
        await pilot.press("enter")
        await pause_until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        await pilot.press("4", "enter", "escape")
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        entry = screen.highlighted()
        assert entry is not None and entry.id == "morning-mobility"  # the highlight stayed
    assert sessions(home) == []


async def test_q_quits_from_home(home: Path) -> None:
    app = home_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_home_keeps_the_highlight_on_the_routine_last_used(home: Path) -> None:
    app = home_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await highlight(pilot, app, "walking")
        await pilot.press("enter")
        await pause_until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        await pilot.press("enter", "enter")
        await pause_until(pilot, lambda: isinstance(app.screen, SessionScreen))
        await pilot.press("q", "y")
        await pause_until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        await pilot.press("enter")
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        entry = screen.highlighted()
        assert entry is not None and entry.id == "walking"
    # and when the app starts again: the routine of the last session
    app = home_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        entry = screen.highlighted()
        assert entry is not None and entry.id == "walking"


async def test_ctrl_q_in_a_session_asks_like_q(home: Path) -> None:
    app = home_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await highlight(pilot, app, "walking")
        await pilot.press("enter")
        await pause_until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        await pilot.press("enter", "enter")
        await pause_until(pilot, lambda: isinstance(app.screen, SessionScreen))
        session = app.screen
        assert isinstance(session, SessionScreen) and isinstance(app.clock, FakeClock)
        app.clock.advance(30)  # some walking done
        session.tick()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question.startswith("Leave this session?")
        keys = [key.key for key in app.screen.query_one(KeyBar).keys]
        assert keys[:2] == ["y", "n"]  # the dialog's own keys, not the session's
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is session and app.is_running
        await pilot.press("ctrl+q", "y")
        await pause_until(pilot, lambda: not app.is_running)
    assert sessions(home) == [("walking", "left", 0)]


async def test_a_declined_heat_pack_is_a_skipped_session_that_home_does_not_count(
    home: Path,
) -> None:
    app = home_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await highlight(pilot, app, "heat-pack")
        await pilot.press("enter")
        await pause_until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        await pilot.press("5", "enter", "enter")
        await pause_until(pilot, lambda: isinstance(app.screen, PackSafetyScreen))
        await pilot.press("n")  # not today
        # no check-in after (nothing was done), and no "well done"
        await pause_until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        shown = texts(app)
        assert "Nothing done this time — not counted" in shown
        assert "Well done" not in shown
        await pilot.press("enter")
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#routines")
        cells = [str(cell) for cell in table.get_row("heat-pack")]  # type: ignore[attr-defined]
        assert "0, up to 3" in cells
    assert sessions(home) == [("heat-pack", "skipped", 0)]


async def test_a_rehearsal_says_its_speed_and_gives_real_and_routine_time(home: Path) -> None:
    app = home_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        entry = next(e for e in app.routines() if e.id == "walking")
        assert entry.routine is not None
        from sessiontimer.core.session.plan import build_plan

        app.start_session(build_plan(entry.routine), speed=10, checks=False)
        await pause_until(pilot, lambda: isinstance(app.screen, SessionScreen))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen) and isinstance(app.clock, FakeClock)
        assert screen.query_one(Banner).note == "rehearsal ×10"
        app.clock.advance(6)  # 60 s of the routine
        screen.tick()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question.startswith("Leave this rehearsal (×10)?")
        await pilot.press("y")
        await pause_until(pilot, lambda: isinstance(app.screen, SummaryScreen))
        shown = texts(app)
        assert "Rehearsal ×10 ended early" in shown
        assert "Time: 0:06 at ×10, for 1:00 of the routine" in shown
    assert sessions(home) == [("walking", "left", 1)]


async def test_a_tempo_set_counts_its_reps_aloud_with_a_beat(home: Path) -> None:
    (home / "routines" / "tilts.toml").write_text(TEMPO, encoding="utf-8")
    speaker = FakeSpeaker()
    app = home_app(home, speaker=speaker)
    bells: list[int] = []
    app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await highlight(pilot, app, "tilts")
        await pilot.press("enter")
        await pause_until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        await pilot.press("enter", "enter")
        await pause_until(pilot, lambda: isinstance(app.screen, SessionScreen))
        screen = app.screen
        assert isinstance(screen, SessionScreen) and isinstance(app.clock, FakeClock)
        assert screen.query_one(Banner).phase == "REP 1 OF 5"
        for _ in range(5):
            app.clock.advance(1)
            screen.tick()
            await pilot.pause()
        assert screen.query_one(Banner).phase == "REP 3 OF 5"
    assert [said for said in speaker.said if said.isdigit()] == ["2", "3"]
    assert len(bells) >= 2  # a beat at each rep


async def test_going_back_over_a_pack_that_is_on_shows_its_real_time_left(home: Path) -> None:
    app = home_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await highlight(pilot, app, "heat-pack")
        await pilot.press("enter")
        await pause_until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        await pilot.press("enter", "enter")
        await pause_until(pilot, lambda: isinstance(app.screen, PackSafetyScreen))
        await pilot.press("space")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen) and isinstance(app.clock, FakeClock)
        assert screen.session is not None
        ready = screen.plan.segments[0].seconds or 0
        for _ in range(ready + 60):  # the get-ready, then a minute of the pack
            app.clock.advance(1)
            screen.tick()
        await pilot.press("b")  # back to the get-ready: the pack stays on the skin
        await pilot.pause()
        assert screen.query_one(Banner).phase == "GET READY"
        nxt = str(screen.query_one("#next", Static).render())
        assert nxt == "Heat pack still on your skin: 14:00 left"
        app.clock.advance(ready)
        screen.tick()
        await pilot.pause()
        assert screen.query_one(Banner).phase == "HEAT PACK ON"
        assert screen.session.display_seconds() == 14 * 60 - ready  # not 14:00 again


async def test_a_notice_when_speech_is_chosen_and_no_speech_program_is_found(home: Path) -> None:
    speaker = Speaker("speech", which=lambda _name: None)
    app = home_app(home, 'sound = "speech"\n' + NO_RED_FLAGS, speaker=speaker)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await highlight(pilot, app, "walking")
        await pilot.press("enter")
        await pause_until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        await pilot.press("enter", "enter")
        await pause_until(pilot, lambda: isinstance(app.screen, SessionScreen))
        await pause_until(
            pilot,
            lambda: (
                "no speech program was found"
                in " ".join(str(t.render()) for t in app.screen.query("Toast"))
            ),
        )
