"""The app around the screens: command palette, theme remembered, notifications, sound."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.widgets import Static

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.tui.app import SessionTimerApp
from sessiontimer.tui.screens.disclaimer import DisclaimerScreen
from sessiontimer.tui.screens.home import HomeScreen
from sessiontimer.tui.screens.session import SessionScreen
from tests.support.session import toasts
from tests.support.sound import FakeSpeaker
from tests.support.wait import palette_lists

MARKUP_NAME = """\
name = "Evening [bold]stretch[/] [@click=app.quit]x[/]"
[[steps]]
name = "Knee to chest"
hold = "30s"
"""

BROKEN = """\
name = "Broken [red]one[/]"
[[steps]]
name = "x"
hodl = "30s"
"""


def user_app(home: Path, config: Path | None = None) -> SessionTimerApp:
    return SessionTimerApp(
        checks=False,
        clock=FakeClock(),
        user_dir=home / "routines",
        config_path=config or home / "config.toml",
    )


async def test_palette_starts_a_routine_by_its_name_shown_as_typed(home: Path) -> None:
    (home / "routines" / "evening.toml").write_text(MARKUP_NAME, encoding="utf-8")
    (home / "config.toml").unlink()  # a first run: the disclaimer and the red flags are due
    app = user_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"evening")
        await palette_lists(pilot, "Start: Evening")
        options = app.screen.query_one("CommandList")
        rendered = str(options.get_option_at_index(0).prompt)  # type: ignore[attr-defined]
        assert "Start: Evening [bold]stretch[/] [@click=app.quit]x[/]" in rendered
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DisclaimerScreen)  # started from home: the checks apply
        await pilot.press("enter", "n", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.plan.routine.name.startswith("Evening [bold]")
        assert app.is_running  # [@click=app.quit] did not act


async def test_theme_chosen_is_remembered_and_comments_kept(home: Path) -> None:
    config = home / "config.toml"
    config.write_text('# my settings\nsound = "bell"  # quiet please\n', encoding="utf-8")
    app = user_app(home, config)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        app.theme = "nord"
        await pilot.pause()
    text = config.read_text(encoding="utf-8")
    assert "# my settings" in text and "# quiet please" in text
    assert tomllib.loads(text) == {"sound": "bell", "theme": "nord"}
    app = user_app(home, config)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "nord"


async def test_unknown_theme_and_bad_config_are_told_not_fatal(home: Path) -> None:
    config = home / "config.toml"
    config.write_text('theme = "no-such-theme"\nsond = "off"\n', encoding="utf-8")
    app = user_app(home, config)
    async with app.run_test(notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.theme == "textual-dark"
        messages = " | ".join(toasts(app))
        assert "no-such-theme" in messages
        assert "sond" in messages and "sound" in messages
    assert config.read_text(encoding="utf-8") == 'theme = "no-such-theme"\nsond = "off"\n'


async def test_starting_a_broken_routine_says_why_in_a_toast_as_typed(home: Path) -> None:
    (home / "routines" / "broken[red].toml").write_text(BROKEN, encoding="utf-8")
    app = user_app(home)
    async with app.run_test(size=(100, 24), notifications=True) as pilot:
        await pilot.pause()
        home_screen = app.screen
        assert isinstance(home_screen, HomeScreen)
        row = next(i for i, e in enumerate(home_screen.entries) if not e.valid)
        home_screen.query_one("#routines").move_cursor(row=row)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        toasts = list(app.screen.query("Toast"))
        assert toasts, "no toast shown"
        shown = " ".join(str(t.render()) for t in toasts)
        assert "broken[red] has problems" in shown
        problem = str(app.screen.query_one("#home-problem", Static).render())
        assert "hodl" in problem and "did you mean" in problem


async def test_spoken_cues_follow_the_session() -> None:
    from sessiontimer.core.routines.loader import load_text
    from sessiontimer.core.routines.model import Routine
    from sessiontimer.core.session.plan import build_plan

    routine = load_text(
        'name = "R"\nprepare = "5s"\n[[steps]]\nname = "Knee to chest"\nhold = "30s"\nsides = "both"\n'
    )
    assert isinstance(routine, Routine)
    clock = FakeClock()
    speaker = FakeSpeaker()
    app = SessionTimerApp(plan=build_plan(routine), checks=False, clock=clock, speaker=speaker)  # type: ignore[arg-type]
    bells: list[int] = []
    app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        for _ in range(80):
            clock.advance(1)
            screen.tick()
        await pilot.pause()
    assert any("Knee to chest" in s for s in speaker.said)
    assert any("right side" in s.lower() for s in speaker.said)
    assert len(bells) >= 4 * 3  # 3-2-1 before each of the four timed ends, and the ends
    assert speaker.closed


async def test_the_first_cue_sounds_once_the_screen_is_up_and_never_after_a_stop() -> None:
    from sessiontimer.core.routines.loader import load_text
    from sessiontimer.core.routines.model import Routine
    from sessiontimer.core.session.plan import build_plan
    from sessiontimer.core.session.state import State
    from sessiontimer.tui.screens.safety_stop import SafetyStopScreen

    routine = load_text(
        'name = "R"\nprepare = "5s"\n[[steps]]\nname = "Knee to chest"\nhold = "30s"\n'
    )
    assert isinstance(routine, Routine)
    speaker = FakeSpeaker()
    app = SessionTimerApp(
        plan=build_plan(routine),
        checks=False,
        clock=FakeClock(),
        speaker=speaker,  # type: ignore[arg-type]
    )
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen) and screen.session is not None
        assert len(speaker.said) == 1 and "Knee to chest" in speaker.said[0]  # said once
        # As if `!` had been typed ahead, before the first frame: the start's cue is still
        # pending when the session stops, and then it is not said at all.
        first = screen.session.start()
        screen._first_cue = first
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, SafetyStopScreen)
        assert screen.session.state is State.STOPPED
        said = list(speaker.said)
        screen._play_first_cue()
        assert speaker.said == said
