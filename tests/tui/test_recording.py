"""What the app writes to the history as a user goes through a session (Pilot, fake clock): the
check-ins before and after, the summary's pain line, a safety stop's step, history off."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from textual.widgets import Static

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.history.connection import open_history
from sessiontimer.core.history.safety_record import SafetyRecord
from sessiontimer.core.routines.loader import load_text
from sessiontimer.core.routines.model import Routine
from sessiontimer.core.session.plan import build_plan
from sessiontimer.tui.app import SessionTimerApp
from sessiontimer.tui.screens.checkin import CheckinScreen
from sessiontimer.tui.screens.safety_stop import SafetyStopScreen
from sessiontimer.tui.screens.session import SessionScreen
from sessiontimer.tui.screens.summary import SummaryScreen
from tests.support.session import toasts
from tests.support.wait import pause_until

ROUTINE = """\
name = "Two holds"
prepare = "2s"
times_per_day = 2

[[steps]]
name = "Knee to chest"
hold = "10s"

[[steps]]
name = "Figure four"
hold = "10s"
"""
SEEN = 'psfs = "off"\n[seen]\ndisclaimer = 2026-11-21\nred_flags = 2026-11-21\n'


def make_app(tmp_path: Path, checks: bool = True, history: Path | None = None) -> SessionTimerApp:
    routine = load_text(ROUTINE)
    assert isinstance(routine, Routine)
    routine = dataclasses.replace(routine, id="two")  # as if read from routines/two.toml
    config = tmp_path / "config.toml"
    config.write_text(SEEN, encoding="utf-8")
    return SessionTimerApp(
        plan=build_plan(routine),
        checks=checks,
        clock=FakeClock(),
        config_path=config,
        history_path=history or tmp_path / "history.sqlite3",
    )


def texts(app: SessionTimerApp) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


async def run_through(app: SessionTimerApp, seconds: int) -> SessionScreen:
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    clock = app.clock
    assert isinstance(clock, FakeClock)
    for _ in range(seconds):
        clock.advance(1)
        screen.tick()
    return screen


async def test_check_ins_before_and_after_are_recorded_and_summed_up(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pause_until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        await pilot.pause()  # (its question has the focus)
        await pilot.press("6", "enter", "3")  # pain 6, down to the thigh
        await pilot.pause()
        await run_through(app, 30)
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)  # after the last segment
        await pilot.press("3", "enter", "2", "2", *"easier", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        shown = texts(app)
        assert "Pain: 6 before, 3 after." in shown
        assert "Felt down to: thigh before, buttock after." in shown
    [record] = open_history(tmp_path / "history.sqlite3").store.sessions()
    assert (record.routine, record.routine_name, record.times_per_day) == ("two", "Two holds", 2)
    assert record.status == "completed"
    assert (record.pain_before, record.leg_before) == (6, "thigh")
    assert (record.pain_after, record.leg_after, record.feel, record.note) == (
        3,
        "buttock",
        "about_right",
        "easier",
    )
    assert record.segments_done == record.segments_total


async def test_no_checks_asks_nothing_and_still_records(tmp_path: Path) -> None:
    app = make_app(tmp_path, checks=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await run_through(app, 30)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    [record] = open_history(tmp_path / "history.sqlite3").store.sessions()
    assert (record.status, record.pain_before, record.pain_after) == ("completed", None, None)


async def test_a_safety_stop_asks_pain_and_leg_then_leaves_the_step_out(tmp_path: Path) -> None:
    """CLINICAL.md "After a safety stop": the pain and leg questions right after the stop, and
    one stop leaves the step out of the routine's next sessions."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")  # the check-in skipped
        await pilot.pause()
        await run_through(app, 15)  # into "Figure four"
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen) and app.screen.when == "stop"
        assert "How is it right now?" in texts(app)
        await pilot.press("7", "enter", "4")  # pain 7, below the knee
        await pilot.pause()
        assert isinstance(app.screen, SafetyStopScreen)
        shown = texts(app)
        assert "Figure four is left out of this routine from its next session on." in shown
        assert "press c" in shown
    store = open_history(tmp_path / "history.sqlite3").store
    [record] = store.sessions()
    assert (record.status, record.stop_step, record.stop_step_name) == ("stopped", 1, "Figure four")
    assert (record.pain_after, record.leg_after, record.feel) == (7, "below_knee", None)
    [left_out] = SafetyRecord(store).left_out("two")
    assert (left_out.step_name, left_out.session_id) == ("Figure four", record.id)


async def test_history_off_is_said_and_the_session_runs(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    app = make_app(tmp_path, checks=False, history=blocker / "history.sqlite3")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert any(t.startswith("History\n") and "History is off" in t for t in toasts(app))
        await run_through(app, 30)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "History is off" in texts(app)


async def test_home_counts_todays_sessions_of_each_routine(tmp_path: Path, home: Path) -> None:
    (home / "routines" / "two.toml").write_text(ROUTINE, encoding="utf-8")
    app = make_app(tmp_path, checks=False, history=home / "history.sqlite3")
    app.user_dir = home / "routines"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await run_through(app, 30)
        await pilot.pause()
        await pilot.press("enter")  # summary -> home
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#routines")
        row = table.get_row("two")  # type: ignore[attr-defined]
        assert str(row[3]) == "1 of 2"


async def test_home_shows_a_maximum_as_up_to_never_as_a_target(tmp_path: Path, home: Path) -> None:
    """Heat is "up to 3 a day": never "0 of 3", never green as a goal reached; the nerve glides
    aim at once a day (up to three is in their description)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    for history, shown in (
        (home / "history.sqlite3", {"heat-pack": "0, up to 3", "cold-pack": "0, up to 3"}),
        (blocker / "history.sqlite3", {"heat-pack": "up to 3 a day"}),  # history off
    ):
        app = SessionTimerApp(
            checks=False, clock=FakeClock(), config_path=tmp_path / "c.toml", history_path=history
        )
        async with app.run_test(size=(100, 30)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            table = app.screen.query_one("#routines")
            today = {
                routine: str(table.get_row(routine)[3])  # type: ignore[attr-defined]
                for routine in ("heat-pack", "cold-pack", "nerve-glides", "walking")
            }
            assert {key: today[key] for key in shown} == shown
            if app.history_problem is None:
                assert (today["nerve-glides"], today["walking"]) == ("0 of 1", "0 of 1")


async def test_a_damaged_history_is_moved_aside_and_home_says_where(tmp_path: Path) -> None:
    history = tmp_path / "history.sqlite3"
    history.write_bytes(b"not a database" * 300)
    app = SessionTimerApp(
        checks=False,
        clock=FakeClock(),
        config_path=tmp_path / "config.toml",
        history_path=history,
    )
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        [kept] = tmp_path.glob("history.sqlite3.broken-*")
        assert kept.read_bytes() == b"not a database" * 300
        messages = [t for t in toasts(app) if t.startswith("History\n")]
        assert any(str(kept) in message for message in messages), messages


async def test_answers_after_given_before_quitting_mid_check_in_are_kept(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")  # nothing before
        await pilot.pause()
        await run_through(app, 30)
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("4", "enter", "2")  # pain 4, buttock; then ctrl+q at "How did it feel?"
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    [record] = open_history(tmp_path / "history.sqlite3").store.sessions()
    assert (record.status, record.pain_after, record.leg_after) == ("completed", 4, "buttock")


async def test_a_safety_stop_shows_at_once_while_another_process_holds_the_history(
    tmp_path: Path,
) -> None:
    """Issue 19: with the write lock held elsewhere, ! took 6.6 s (the UI thread waited out the
    busy timeout twice). Now the write waits 50 ms, fails as busy, and is written later."""
    import sqlite3
    import time

    app = make_app(tmp_path, checks=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await run_through(app, 3)
        await pilot.pause()
        holder = sqlite3.connect(tmp_path / "history.sqlite3", isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another process writing, for as long as it likes
        try:
            session_screen = app.screen
            assert isinstance(session_screen, SessionScreen)
            started = time.perf_counter()
            session_screen.action_safety_stop()  # what `!` runs, on the UI thread
            blocked = time.perf_counter() - started
            await pause_until(pilot, lambda: isinstance(app.screen, SafetyStopScreen))
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert blocked < 0.2, blocked  # it was 6.6 s

        def status() -> str:
            [record] = open_history(tmp_path / "history.sqlite3").store.sessions()
            return record.status

        # once the file is free, the stop is written (tried again each second)
        await pause_until(pilot, lambda: status() == "stopped", timeout=5)
    [record] = open_history(tmp_path / "history.sqlite3").store.sessions()
    assert record.stop_step_name == "Knee to chest"


async def test_each_check_in_answer_is_kept_as_it_is_given(tmp_path: Path) -> None:
    """Issue 19: a terminal killed in the middle of the check-in after lost the answers given."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter")  # the check-in before skipped
        await pilot.pause()
        await run_through(app, 30)
        await pause_until(pilot, lambda: isinstance(app.screen, CheckinScreen))
        await pause_until(
            pilot, lambda: app.focused is not None and app.focused.id == "checkin-pain"
        )
        await pilot.press("3", "enter")  # pain 3; the leg, the feel and the note not yet
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        [record] = open_history(tmp_path / "history.sqlite3").store.sessions()
        assert (record.status, record.pain_after, record.leg_after) == ("completed", 3, None)
        await pilot.press("5")  # down to the foot
        await pilot.pause()
        [record] = open_history(tmp_path / "history.sqlite3").store.sessions()
        assert (record.pain_after, record.leg_after) == (3, "foot")
