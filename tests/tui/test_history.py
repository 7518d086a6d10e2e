"""The history screen and one session's detail: what a person sees and the keys they press."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

from rich.console import Console
from textual.widgets import DataTable, Static

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.tui.app import SessionTimerApp
from sessiontimer.tui.screens.history import EMPTY_TEXT, HistoryFacts, HistoryScreen
from sessiontimer.tui.screens.home import HomeScreen
from sessiontimer.tui.screens.session_detail import SessionDetailScreen
from tests.support.history import MARKUP_NOTE, MARKUP_ROUTINE, fill
from tests.support.wait import palette_lists


def history_app(path: Path) -> SessionTimerApp:
    # (home does not ask about the everyday activities first: tests/tui/test_psfs.py tests that)
    if path.parent.is_dir():
        (path.parent / "config.toml").write_text('psfs = "off"\n', encoding="utf-8")
    return SessionTimerApp(
        clock=FakeClock(),
        history_path=path,
        config_path=path.parent / "config.toml",
        user_dir=path.parent / "routines",
    )


def plain(widget: Static, width: int = 200) -> str:
    """What a Static shows, as plain text (rich tables rendered wide, so nothing wraps)."""
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(widget.content)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


def shown(screen: object) -> str:
    """The words on a screen: its visible Static widgets and the history's facts."""
    from textual.screen import Screen

    assert isinstance(screen, Screen)
    words = [plain(widget) for widget in screen.query(Static) if widget.display]
    words.extend(str(facts.render()) for facts in screen.query(HistoryFacts))
    return "\n".join(words)


def table_rows(screen: HistoryScreen) -> list[list[str]]:
    table = screen.query_one("#sessions", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def open_history_screen(app: SessionTimerApp, pilot: object) -> HistoryScreen:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.pause()
    app.show_history()
    await pilot.pause()
    assert isinstance(app.screen, HistoryScreen)
    return app.screen


async def test_the_history_shows_the_streak_the_pain_and_the_sessions_newest_first(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    fill(path)
    app = history_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history_screen(app, pilot)
        words = shown(screen)
        assert "Streak: 7 days" in words
        assert "History · 47 sessions · 1 rehearsal · Week 7 · Add strength" in words
        assert "Last 10 sessions: pain " in words
        assert "Your leg symptoms moved up toward your back" in words
        assert (  # the advice names the routine as it was typed
            f"You stopped Sciatic nerve glide ({MARKUP_ROUTINE}) 2 times in 4 weeks" in words
        )
        rows = table_rows(screen)
        assert rows[0][0] == "Sat 21 Nov 08:30"
        assert rows[1] == [
            "Fri 20 Nov 12:05",
            MARKUP_ROUTINE,
            "completed · rehearsal",
            "10/10",
            "–",
        ]
        assert rows[3][1:3] == [MARKUP_ROUTINE, "interrupted"]
        assert rows[5][2:] == ["safety stop", "4/10", "5→6"]
        starts = [row[0] for row in rows]
        assert starts[:6] == [
            "Sat 21 Nov 08:30",
            "Fri 20 Nov 12:05",
            "Fri 20 Nov 08:30",
            "Thu 19 Nov 21:15",
            "Thu 19 Nov 08:30",
            "Wed 18 Nov 19:00",
        ]
        facts = screen.query_one(HistoryFacts)
        before, after = facts.chart_rows()
        assert before.startswith("Pain before ") and after.startswith("Pain after  ")
        assert len(before) == len("Pain before ") + 30  # the last 30 scored sessions
        shown_rows = str(facts.render()).splitlines()[3:5]
        assert shown_rows == facts.chart_rows(facts.size.width)  # as many as fit
        assert before.endswith("▄▅▄▃▅▄▃▃") and after.endswith("▃▃▂▂▅▃▂▂")  # 0–10 on 8 levels
        assert app.is_running  # nothing in a name acted as markup


async def test_enter_opens_a_safety_stop_with_its_step_note_and_steps_and_escape_comes_back(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    fill(path)
    app = history_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history_screen(app, pilot)
        for _ in range(5):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, SessionDetailScreen)
        words = shown(detail)
        assert MARKUP_ROUTINE in words
        assert (
            "Safety stop: pain spreading down the leg, during step 2 (Sciatic nerve glide)."
            in words
        )
        assert MARKUP_NOTE in words
        assert "5 before, 6 after" in words
        assert "thigh before, below the knee after" in words
        assert "Painful" in words
        steps = plain(detail.query_one("#detail-steps", Static))
        assert "Cat–camel" in steps and "done" in steps
        assert "Sciatic nerve glide" in steps and "partly done (1 of 3)" in steps
        assert "Bridge" in steps and "not reached" in steps
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#sessions", DataTable).cursor_row == 5
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.is_running


async def test_an_interrupted_session_and_a_rehearsal_say_what_they_were(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    fill(path)
    app = history_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history_screen(app, pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        words = shown(app.screen)
        assert "Rehearsal" in words and "not counted in streaks" in words
        await pilot.press("escape", "down", "down", "enter")
        await pilot.pause()
        words = shown(app.screen)
        assert (
            "Interrupted: the app was closed or stopped during the session "
            "(the terminal was closed)." in words
        )


async def test_no_sessions_yet_says_so(tmp_path: Path) -> None:
    app = history_app(tmp_path / "history.sqlite3")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history_screen(app, pilot)
        assert EMPTY_TEXT in shown(screen)
        assert not screen.query(DataTable)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_history_off_says_why_and_nothing_breaks(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    app = history_app(blocker / "history.sqlite3")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history_screen(app, pilot)
        words = shown(screen)
        assert "History is off" in words
        assert str(blocker) in words
        assert app.history_problem is not None and app.history_problem in words
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_the_command_palette_opens_the_history(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    fill(path)
    app = history_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"history")
        await palette_lists(pilot, "History")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_small_terminal_still_shows_the_streak_and_the_table(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    fill(path)
    app = history_app(path)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await open_history_screen(app, pilot)
        assert "Streak: 7 days" in shown(screen)
        table = screen.query_one("#sessions", DataTable)
        assert table.size.height >= 4
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen)


async def test_the_table_fills_in_as_the_cursor_goes_down_to_the_oldest(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    fill(path)
    app = history_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history_screen(app, pilot)
        table = screen.query_one("#sessions", DataTable)
        first = table.row_count
        assert first < 48  # a page or two at first, not every session
        for _ in range(first):
            await pilot.press("down")
        await pilot.pause()
        assert table.row_count > first
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.row_count == 48
        assert table.cursor_row == 47
        assert table_rows(screen)[-1][0] == "Mon 05 Oct 08:30"  # the first session of all


async def test_a_session_gone_from_the_history_says_so(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    fill(path)
    app = history_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(SessionDetailScreen(999_999))
        await pilot.pause()
        assert "This session is not in the history any more." in shown(app.screen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_day_one_reads_kindly_and_rehearsals_are_not_counted(tmp_path: Path) -> None:
    from sessiontimer.core.history.connection import open_history
    from tests.support.history import TODAY, record

    path = tmp_path / "history.sqlite3"
    store = open_history(path).store
    record(store, TODAY, speed=10)  # a rehearsal first
    record(store, TODAY + timedelta(minutes=10))  # then the first real session, today
    store.close()
    app = history_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history_screen(app, pilot)
        words = shown(screen)
        assert "History · 1 session · 1 rehearsal" in words
        assert "Prescription met on 1 of 1 day since you started" in words
        assert "of 78 days" not in words
