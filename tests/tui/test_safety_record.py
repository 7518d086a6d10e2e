"""The safety record as a user meets it (Pilot, fake clock): red-flag answers kept with their
time and a "yes" said on home for the day; a step left out after a safety stop until it is put
back; a cold pack under 2 hours after the last one asked about first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.history.connection import open_history
from sessiontimer.core.history.rows import SegmentRow
from sessiontimer.core.history.safety_record import SafetyRecord
from sessiontimer.core.routines.library import resolve
from sessiontimer.core.session.plan import build_plan
from sessiontimer.tui.app import SessionTimerApp
from sessiontimer.tui.screens.checkin import CheckinScreen
from sessiontimer.tui.screens.confirm import ConfirmScreen
from sessiontimer.tui.screens.emergency import EmergencyScreen
from sessiontimer.tui.screens.home import HomeScreen
from sessiontimer.tui.screens.red_flags import RedFlagsScreen
from sessiontimer.tui.screens.session import SessionScreen
from tests.support.history import record
from tests.support.session import toasts
from tests.support.wait import pause_until

NOW = datetime.fromtimestamp(FakeClock().epoch(), UTC)
FAKE_DAY = NOW.astimezone().date()
STRETCHES = """\
name = "Stretches"
prepare = "2s"

[[steps]]
name = "Knee to chest"
hold = "10s"

[[steps]]
name = "Piriformis stretch"
hold = "10s"
"""
COLD = """\
name = "Cold"
prepare = "0s"

[[steps]]
name = "Cold on the low back"
kind = "cold"
duration = "10m"
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "routines").mkdir()
    (tmp_path / "builtin").mkdir()
    (tmp_path / "routines" / "stretches.toml").write_text(STRETCHES, encoding="utf-8")
    (tmp_path / "routines" / "cold.toml").write_text(COLD, encoding="utf-8")
    return tmp_path


def answered(folder: Path, red_flags: bool = True) -> Path:
    config = folder / "config.toml"
    seen = f"red_flags = {FAKE_DAY}\n" if red_flags else ""
    # (not asked about the everyday activities on home: tests/tui/test_psfs.py is)
    config.write_text(f'psfs = "off"\n[seen]\ndisclaimer = 2026-01-01\n{seen}', encoding="utf-8")
    return config


def app_at_home(folder: Path, red_flags_answered: bool = True, **kwargs: object) -> SessionTimerApp:
    return SessionTimerApp(
        clock=FakeClock(),
        builtin_dir=folder / "builtin",
        user_dir=folder / "routines",
        config_path=answered(folder, red_flags_answered),
        history_path=folder / "history.sqlite3",
        **kwargs,  # type: ignore[arg-type]
    )


def texts(app: SessionTimerApp) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


def safety(folder: Path) -> SafetyRecord:
    return SafetyRecord(open_history(folder / "history.sqlite3").store)


async def highlight(app: SessionTimerApp, pilot: object, routine_id: str) -> HomeScreen:
    home = app.screen
    assert isinstance(home, HomeScreen)
    row = next(i for i, e in enumerate(home.entries) if e.id == routine_id)
    home.query_one("#routines").move_cursor(row=row)  # type: ignore[attr-defined]
    return home


async def leave(app: SessionTimerApp, pilot: Any) -> None:
    """q, y, and the summary closed: home. (Nothing was done, so no check-in after.)"""
    from sessiontimer.tui.screens.summary import SummaryScreen

    await pilot.press("q", "y")
    await pause_until(pilot, lambda: isinstance(app.screen, SummaryScreen))
    await pilot.press("enter")


# -- red flags ----------------------------------------------------------------------------------


async def test_a_yes_is_recorded_said_on_home_and_asked_again(folder: Path) -> None:
    app = app_at_home(folder, red_flags_answered=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await highlight(app, pilot, "stretches")
        await pilot.press("enter")
        await pause_until(pilot, lambda: isinstance(app.screen, RedFlagsScreen))
        await pilot.press("y")
        await pause_until(pilot, lambda: isinstance(app.screen, EmergencyScreen))
        await pilot.press("enter")
        await pause_until(
            pilot, lambda: "red-flag sign applies" in texts(app), shows=lambda: texts(app)
        )
        assert f"At {NOW.astimezone():%H:%M} today you said a red-flag sign" in texts(app)
        await highlight(app, pilot, "stretches")
        await pilot.press("enter")  # the next start asks again
        await pause_until(pilot, lambda: isinstance(app.screen, RedFlagsScreen))
        await pilot.press("n")
        await pause_until(pilot, lambda: isinstance(app.screen, CheckinScreen))
    answers = safety(folder).red_flag_answers()
    assert [(a.yes, a.routine) for a in answers] == [(True, "stretches"), (False, "stretches")]
    assert answers[0].at == NOW


async def test_a_no_is_recorded_and_home_says_nothing(folder: Path) -> None:
    app = app_at_home(folder, red_flags_answered=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await highlight(app, pilot, "stretches")
        await pilot.press("enter")
        await pause_until(pilot, lambda: isinstance(app.screen, RedFlagsScreen))
        await pilot.press("n")
        await pause_until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        await pilot.press("enter", "enter")  # both questions skipped (Escape would go back)
        await pause_until(
            pilot,
            lambda: isinstance(app.screen, SessionScreen),
            shows=lambda: (app.screen, texts(app)),
        )
        await leave(app, pilot)
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.pause()
        assert "red-flag" not in texts(app)
    [answer] = safety(folder).red_flag_answers()
    assert not answer.yes


# -- a step left out after a safety stop ----------------------------------------------------------


async def test_a_left_out_step_is_left_out_shown_on_home_and_put_back_with_c(folder: Path) -> None:
    safety(folder).leave_out("stretches", "Piriformis stretch", at=NOW - timedelta(days=1))
    app = app_at_home(folder)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await highlight(app, pilot, "stretches")
        await pause_until(pilot, lambda: "Left out after a safety stop" in texts(app))
        assert "Piriformis stretch" in texts(app) and "press c" in texts(app)
        await pilot.press("enter")
        await pause_until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        await pilot.press("enter", "enter")  # both questions skipped (Escape would go back)
        await pause_until(pilot, lambda: isinstance(app.screen, SessionScreen))
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert [s.name for s in screen.plan.routine.steps] == ["Knee to chest"]
        assert any("Left out after a safety stop: Piriformis stretch" in t for t in toasts(app))
        await leave(app, pilot)
        await pause_until(
            pilot,
            lambda: isinstance(app.screen, HomeScreen),
            shows=lambda: (app.screen_stack, texts(app)),
        )
        await highlight(app, pilot, "stretches")
        await pilot.press("c")
        await pause_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "Has a clinician seen Piriformis stretch" in texts(app)
        await pilot.press("y")
        await pause_until(pilot, lambda: "Left out after" not in texts(app))
    assert safety(folder).left_out("stretches") == []


async def test_c_does_nothing_on_a_routine_with_nothing_left_out(folder: Path) -> None:
    app = app_at_home(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await highlight(app, pilot, "stretches")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_run_no_checks_leaves_the_step_out_too(folder: Path) -> None:
    safety(folder).leave_out("stretches", "Knee to chest", at=NOW - timedelta(days=1))
    entry = resolve("stretches", folder / "builtin", folder / "routines")
    assert entry.routine is not None
    app = app_at_home(folder, plan=build_plan(entry.routine), checks=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pause_until(pilot, lambda: isinstance(app.screen, SessionScreen))
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert [s.name for s in screen.plan.routine.steps] == ["Piriformis stretch"]


async def test_every_step_left_out_starts_nothing_and_says_why(folder: Path) -> None:
    record_ = safety(folder)
    for name in ("Knee to chest", "Piriformis stretch"):
        record_.leave_out("stretches", name, at=NOW - timedelta(days=1))
    app = app_at_home(folder)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await highlight(app, pilot, "stretches")
        await pilot.press("enter")
        await pause_until(pilot, lambda: any("Every step" in t for t in toasts(app)))
        assert isinstance(app.screen, HomeScreen)


# -- cold again within 2 hours ---------------------------------------------------------------------


def cold_pack_ended(folder: Path, minutes_ago: int) -> None:
    store = open_history(folder / "history.sqlite3").store
    record(
        store,
        NOW - timedelta(minutes=minutes_ago + 10),
        routine="cold",
        name="Cold",
        segments=[SegmentRow(0, "Cold on the low back", "cold", None, 1, 1, 600, True)],
        minutes=10,
    )


@pytest.mark.parametrize(("answer", "starts"), [("y", True), ("n", False)])
async def test_cold_within_2_hours_asks_first(folder: Path, answer: str, starts: bool) -> None:
    cold_pack_ended(folder, minutes_ago=40)
    app = app_at_home(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await highlight(app, pilot, "cold")
        await pilot.press("enter")
        await pause_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "40 minutes ago" in texts(app) and "2 hours" in texts(app)
        await pilot.press(answer)
        if starts:
            await pause_until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        else:
            await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_cold_after_2_hours_asks_nothing(folder: Path) -> None:
    cold_pack_ended(folder, minutes_ago=121)
    app = app_at_home(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await highlight(app, pilot, "cold")
        await pilot.press("enter")
        await pause_until(pilot, lambda: isinstance(app.screen, CheckinScreen))
