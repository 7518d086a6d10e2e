"""The history screen and one session's detail: what a person sees and the keys they press."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

from rich.console import Console
from textual.widgets import DataTable, Static

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.history.connection import open_history
from sessiontimer.core.history.records import CheckIn
from sessiontimer.core.history.rows import SegmentRow
from sessiontimer.core.history.store import Store
from sessiontimer.tui.app import SessionTimerApp
from sessiontimer.tui.screens.history import EMPTY_TEXT, HistoryFacts, HistoryScreen
from sessiontimer.tui.screens.home import HomeScreen
from sessiontimer.tui.screens.session_detail import SessionDetailScreen

TZ = timezone(timedelta(hours=1))
TODAY = datetime(2026, 11, 21, 8, 0, tzinfo=TZ)  # FakeClock's day
MARKUP_ROUTINE = "Evening [bold]stretches[/] [@click=app.quit]x[/]"
MARKUP_NOTE = "calf [red]tight[/] after the second set"

MORNING = [
    SegmentRow(0, "Get ready", "prepare", None, 1, 1, 5, False),
    SegmentRow(0, "Knee to chest", "hold", "left", 1, 1, 30, True),
    SegmentRow(0, "Knee to chest", "hold", "right", 1, 1, 30, True),
    SegmentRow(1, "Get ready", "prepare", None, 1, 1, 5, False),
    SegmentRow(1, "Pelvic tilt", "reps", None, 1, 1, None, True),
    SegmentRow(1, "Pelvic tilt", "rest", None, 1, 1, 30, False),
    SegmentRow(1, "Pelvic tilt", "reps", None, 2, 1, None, True),
]
EVENING = [
    SegmentRow(0, "Get ready", "prepare", None, 1, 1, 5, False),
    SegmentRow(0, "Cat–camel", "reps", None, 1, 1, 40, True),
    SegmentRow(1, "Get ready", "prepare", None, 1, 1, 5, False),
    SegmentRow(1, "Sciatic nerve glide", "reps", "left", 1, 1, 40, True),
    SegmentRow(1, "Sciatic nerve glide", "reps", "left", 2, 1, 40, True),
    SegmentRow(1, "Sciatic nerve glide", "reps", "left", 3, 1, 40, True),
    SegmentRow(2, "Get ready", "prepare", None, 1, 1, 5, False),
    SegmentRow(2, "Bridge", "hold", None, 1, 1, 20, True),
    SegmentRow(3, "Get ready", "prepare", None, 1, 1, 5, False),
    SegmentRow(3, "Warmth on the low back", "heat", None, 1, 1, 600, True),
]


def record(
    store: Store,
    started: datetime,
    *,
    routine: str = "morning",
    name: str = "Morning mobility",
    segments: list[SegmentRow] = MORNING,
    outcomes: list[str | None] | None = None,
    status: str = "completed",
    speed: float = 1.0,
    before: CheckIn | None = None,
    after: CheckIn | None = None,
    stop_step: int | None = None,
    stop_reason: str | None = None,
    minutes: float = 3.0,
) -> int:
    """One finished session, written the way the app writes it."""
    sid = store.begin(
        routine=routine,
        routine_name=name,
        started=started,
        segments=segments,
        speed=speed,
        before=before,
    )
    if outcomes is None:
        outcomes = ["done"] * len(segments)
    changed = [(i, o) for i, o in enumerate(outcomes) if o is not None]
    reached = max((i for i, _ in changed), default=0)
    ended = started + timedelta(minutes=minutes)
    store.boundary(
        sid,
        changed=changed,
        segments_done=sum(o == "done" for o in outcomes),
        active_seconds=minutes * 60,
        current_segment=reached if status != "completed" else len(segments) - 1,
        at=ended,
    )
    store.finish(
        sid,
        status=status,
        ended=ended,
        stop_reason=stop_reason,
        stop_step=stop_step,
        stop_step_name=next(s.step_name for s in segments if s.step == stop_step and s.work)
        if stop_step is not None
        else None,
    )
    if after is not None:
        store.check_in_after(sid, after)
    return sid


def fill(path: Path) -> dict[str, int]:
    """A month and a half of sessions up to the fake clock's day (Sat 21 Nov 2026); returns the
    ids of the notable ones."""
    store = open_history(path).store
    ids: dict[str, int] = {}
    legs = ["thigh", "thigh", "below_knee", "thigh", "buttock", "buttock"]
    # Oct 5 - Nov 13: most days, pain slowly easing; a few days missed
    day = datetime(2026, 10, 5, 8, 30, tzinfo=TZ)
    n = 0
    while day < datetime(2026, 11, 14, tzinfo=TZ):
        n += 1
        if n % 6 != 0:
            pain = 7 - n // 10
            leg = legs[min(n // 8, len(legs) - 1)]
            record(
                store,
                day,
                before=CheckIn(pain=pain, leg=leg),
                after=CheckIn(pain=max(pain - 2, 0), leg="buttock" if n > 20 else leg),
            )
        elif n % 12 == 0:  # a day with a session left early: some, not met
            record(
                store, day, status="left", outcomes=["done", "done", None, None, None, None, None]
            )
        day += timedelta(days=1)
    # Nov 15 - 21: every day (a streak of 7), the last week's pain
    for offset, (b, a) in enumerate([(4, 3), (5, 3), (4, 2), (3, 2), (4, 3), (3, 1), (3, 2)]):
        started = datetime(2026, 11, 15, 8, 30, tzinfo=TZ) + timedelta(days=offset)
        ids[f"nov{15 + offset}"] = record(
            store,
            started,
            before=CheckIn(pain=b, leg="buttock"),
            after=CheckIn(pain=a, leg="back", feel="about_right"),
        )
    ids["earlier_stop"] = record(
        store,
        datetime(2026, 11, 12, 19, 0, tzinfo=TZ),
        routine="evening",
        name=MARKUP_ROUTINE,
        segments=EVENING,
        outcomes=["done", "done", "done", None, None, None, None, None, None, None],
        status="stopped",
        stop_step=1,
        stop_reason="pain spreading down the leg",
        minutes=3,
    )
    ids["partial"] = record(
        store,
        datetime(2026, 11, 18, 19, 0, tzinfo=TZ),
        routine="evening",
        name=MARKUP_ROUTINE,
        segments=EVENING,
        outcomes=["done", "done", "done", "done", None, None, None, None, None, None],
        status="stopped",
        stop_step=1,
        stop_reason="pain spreading down the leg",
        before=CheckIn(pain=5, leg="thigh"),
        after=CheckIn(pain=6, leg="below_knee", feel="painful", note=MARKUP_NOTE),
        minutes=4,
    )
    ids["interrupted"] = record(
        store,
        datetime(2026, 11, 19, 21, 15, tzinfo=TZ),
        routine="evening",
        name=MARKUP_ROUTINE,
        segments=EVENING,
        outcomes=["done", "done", None, None, None, None, None, None, None, None],
        status="interrupted",
        stop_reason="the terminal was closed",
        minutes=1,
    )
    ids["rehearsal"] = record(
        store,
        datetime(2026, 11, 20, 12, 5, tzinfo=TZ),
        routine="evening",
        name=MARKUP_ROUTINE,
        segments=EVENING,
        speed=10.0,
        minutes=2,
    )
    fill_breaks(store)
    store.close()
    return ids


def fill_breaks(store: Store) -> None:
    """Sit/stand breaks on weekdays from 2 Nov: more standing each week; today 3 taken (one with
    the desk routine, one snoozed), 1 skipped."""
    from sessiontimer.core.breaks.events import BreakRecord

    day = datetime(2026, 11, 2)  # local time, like the app's days
    while day < datetime(2026, 11, 21):
        if day.weekday() < 5:
            week = (day - datetime(2026, 11, 2)).days // 7
            for n in range(4 + 4 * week):
                at = (day + timedelta(hours=9, minutes=30 * n)).timestamp()
                store.save_break(
                    BreakRecord(at, "taken", at + 200, snoozes=n % 3 == 0, standing_seconds=180)
                )
        day += timedelta(days=1)
    nine = datetime(2026, 11, 21, 9, 0).timestamp()
    for n, (outcome, snoozes, routine) in enumerate(
        [("taken", 0, True), ("taken", 1, False), ("skipped", 0, False), ("taken", 0, False)]
    ):
        at = nine - 7200 + 1800 * n
        standing = 180 if outcome == "taken" else 0
        store.save_break(BreakRecord(at, outcome, at + 300, snoozes, standing, routine))


def history_app(path: Path) -> SessionTimerApp:
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
        assert "History · 48 sessions · Week 7 · Add strength" in words
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
        await pilot.pause(0.3)
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
