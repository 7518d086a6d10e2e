"""The everyday activities (PSFS, DESIGN.md section 11) as a person meets them: asked on home about
once a week (never in a routine), named the first time, rated 0 to 10, put off, turned off, renamed
or replaced with the past ratings kept; shown by week on the history screen; and ``r`` there
writes the report and opens it."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.history.connection import open_history
from sessiontimer.core.history.psfs import PsfsRecord
from sessiontimer.core.history.records import CheckIn
from sessiontimer.core.history.rows import SegmentRow, local_time
from sessiontimer.tui.app import SessionTimerApp
from sessiontimer.tui.screens.home import HomeScreen
from sessiontimer.tui.screens.psfs import PsfsRatingScreen
from sessiontimer.tui.screens.psfs_activities import PsfsActivitiesScreen, SameOrDifferent
from sessiontimer.tui.widgets.psfs_weeks import PsfsWeeks
from tests.support.session import toasts
from tests.support.wait import palette_lists, pause_until

ROWS = [SegmentRow(0, "Bridge", "hold", None, 1, 1, 5, True)]
COMMENTED = '# my settings\npsfs = "weekly"  # ask me\n[seen]\ndisclaimer = 2026-01-01\n'
CLOCK_NOW = local_time(FakeClock().epoch())  # Sat 21 Nov 2026


def make_home(tmp_path: Path, config: str = COMMENTED, sessions: int = 3) -> Path:
    home = tmp_path / "home"
    (home / "routines").mkdir(parents=True)
    (home / "config.toml").write_text(config, encoding="utf-8")
    store = open_history(home / "history.sqlite3").store
    for n in range(sessions):
        started = CLOCK_NOW - timedelta(days=n + 1)
        sid = store.begin(routine="core", routine_name="Core", started=started, segments=ROWS)
        store.finish(sid, status="completed", ended=started + timedelta(minutes=3))
        store.check_in_after(sid, CheckIn(pain=4))
    store.close()
    return home


def app_in(home: Path) -> SessionTimerApp:
    return SessionTimerApp(
        clock=FakeClock(),
        history_path=home / "history.sqlite3",
        config_path=home / "config.toml",
        user_dir=home / "routines",
    )


def psfs_in(home: Path) -> PsfsRecord:
    return PsfsRecord(open_history(home / "history.sqlite3").store)


async def on(pilot: Pilot[Any], kind: type) -> Any:
    """The screen on top once it is ``kind`` and ready for keys (a person does not type in its
    first milliseconds): its input focused, or (a screen without one) composed."""
    app = pilot.app

    def ready() -> bool:
        screen = app.screen
        if not isinstance(screen, kind) or not screen.is_mounted:
            return False
        if kind in (SameOrDifferent, HomeScreen):
            return bool(screen.query(Static if kind is SameOrDifferent else "RoutineTable"))
        return isinstance(app.focused, Input)

    await pause_until(pilot, ready, shows=lambda: (app.screen, app.focused))
    return app.screen


async def type_line(pilot: Pilot[Any], text: str) -> None:
    await pilot.press(*text)
    await pilot.press("enter")


def words(screen: Any) -> str:
    return "\n".join(str(w.render()) for w in screen.query(Static) if w.display)


async def test_the_first_time_home_asks_for_activities_then_their_ratings(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = app_in(home)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        naming = await on(pilot, PsfsActivitiesScreen)
        assert "What does your back make hard?" in words(naming)
        assert "putting on socks" in words(naming)  # the examples, the first time
        await type_line(pilot, "Putting on socks")
        await type_line(pilot, "Sitting through a film")
        await pilot.press("enter")  # only two: not enough
        assert "Name at least 3 activities (up to 5)." in words(naming)
        await type_line(pilot, "Walking to the shop")
        await pilot.press("enter")  # the fourth line left empty: saved
        rating = await on(pilot, PsfsRatingScreen)
        assert "1 of 3: Putting on socks" in words(rating)
        await type_line(pilot, "11")
        assert "Type a whole number from 0 to 10" in words(rating)
        await pilot.press("backspace", "backspace")
        await type_line(pilot, "3")
        await pilot.press("enter")  # skips the film
        await type_line(pilot, "7")
        await on(pilot, HomeScreen)
        await pause_until(pilot, lambda: not app.workers)
        await pause_until(pilot, lambda: any("5.0 out of 10 on average" in t for t in toasts(app)))
    psfs = psfs_in(home)
    names = {a.id: a.name for a in psfs.activities()}
    assert [names[r.activity_id] for r in psfs.ratings()] == [
        "Putting on socks",
        "Walking to the shop",
    ]
    assert [r.score for r in psfs.ratings()] == [3, 7]
    assert {r.at for r in psfs.ratings()} == {CLOCK_NOW}  # stored with the time


async def test_not_now_waits_until_tomorrow(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = app_in(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await on(pilot, PsfsActivitiesScreen)
        await pilot.press("escape")
        await on(pilot, HomeScreen)
        await pause_until(pilot, lambda: not app.workers)
        app.go_home()  # a new home (as after a session): not asked again today
        await pilot.pause()
        await pause_until(pilot, lambda: not app.workers)
        assert isinstance(app.screen, HomeScreen)
    assert psfs_in(home).last_not_now() == CLOCK_NOW.date()


async def test_a_week_after_the_last_rating_it_asks_again_and_not_before(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    psfs = psfs_in(home)
    socks = psfs.add("Socks", at=CLOCK_NOW)
    psfs.rate({socks: 4}, at=CLOCK_NOW - timedelta(days=6))
    async with app_in(home).run_test(size=(100, 30)) as pilot:
        await pause_until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))
        await pause_until(pilot, lambda: not pilot.app.workers)
        assert isinstance(pilot.app.screen, HomeScreen)  # 6 days: not yet
    psfs.rate({socks: 5}, at=CLOCK_NOW - timedelta(days=7))  # (the newest now: a week ago)
    psfs.conn.execute("DELETE FROM psfs_ratings WHERE score = 4")
    async with app_in(home).run_test(size=(100, 30)) as pilot:
        rating = await on(pilot, PsfsRatingScreen)
        assert "1 of 1: Socks" in words(rating)


@pytest.mark.parametrize("config", ['psfs = "off"\n[seen]\ndisclaimer = 2026-01-01\n'])
async def test_psfs_off_never_asks(tmp_path: Path, config: str) -> None:
    home = make_home(tmp_path, config)
    async with app_in(home).run_test(size=(100, 30)) as pilot:
        await pause_until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))
        await pause_until(pilot, lambda: not pilot.app.workers)
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)


async def test_stop_asking_turns_it_off_in_config_keeping_comments(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    app = app_in(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await on(pilot, PsfsActivitiesScreen)
        await pilot.press("ctrl+n")
        await on(pilot, HomeScreen)
        await pause_until(pilot, lambda: app.config.psfs == "off")
    assert (home / "config.toml").read_text(encoding="utf-8") == COMMENTED.replace(
        'psfs = "weekly"  # ask me', 'psfs = "off"  # ask me'
    )


async def test_never_over_another_screen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Home is not on top while something else is (a routine, the history): the question waits
    until home is on top again."""
    import threading

    from sessiontimer.core.insights import overview

    home = make_home(tmp_path)
    release = threading.Event()
    read = overview.home_facts

    def held(*args: Any) -> Any:
        release.wait(10)  # the history is read only once the test says so
        return read(*args)

    monkeypatch.setattr(overview, "home_facts", held)
    app = app_in(home)
    async with app.run_test(size=(100, 30)) as pilot:
        home_screen = await on(pilot, HomeScreen)
        app.show_history()
        await pause_until(pilot, lambda: type(app.screen).__name__ == "HistoryScreen")
        release.set()  # what home reads arrives while the history is on top
        await pause_until(pilot, lambda: home_screen.facts is not None)
        await pilot.pause()
        assert type(app.screen).__name__ == "HistoryScreen"  # not asked over it
        await pilot.press("escape")
        await on(pilot, PsfsActivitiesScreen)  # asked once home is on top


async def test_rename_and_replace_keep_the_past_ratings(tmp_path: Path) -> None:
    home = make_home(tmp_path, config='psfs = "off"\n[seen]\ndisclaimer = 2026-01-01\n')
    psfs = psfs_in(home)
    ids = [psfs.add(n, at=CLOCK_NOW) for n in ("Socks", "Film", "Walking")]
    psfs.rate(dict(zip(ids, (2, 3, 4), strict=True)), at=CLOCK_NOW - timedelta(days=7))
    app = app_in(home)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await on(pilot, HomeScreen)
        await pilot.press("ctrl+p")
        await pilot.press(*"activities: change")
        await palette_lists(pilot, "Everyday activities: change them")
        await pilot.press("enter")
        editing = await on(pilot, PsfsActivitiesScreen)
        assert "Your everyday activities" in words(editing)
        assert editing.query_one("#psfs-name-0", Input).value == "Socks"
        await pilot.press(*" and shoes", "tab", "ctrl+u", *"Driving", "tab", "tab", *"Stairs")
        await pilot.press("ctrl+s")
        await on(pilot, SameOrDifferent)
        await pilot.press("s")  # Socks and shoes: the same activity
        await on(pilot, SameOrDifferent)
        await pilot.press("d")  # Driving: a different one
        await on(pilot, HomeScreen)
        await pause_until(pilot, lambda: any("activities are saved" in t for t in toasts(app)))
        # rating them from the palette; e there changes them, Escape there goes back to rating
        await pilot.press("ctrl+p")
        await pilot.press(*"activities: rate")
        await palette_lists(pilot, "Everyday activities: rate them")
        await pilot.press("enter")
        rating = await on(pilot, PsfsRatingScreen)
        assert "1 of 4: Socks and shoes" in words(rating)
        await pilot.press("e")
        await on(pilot, PsfsActivitiesScreen)
        await pilot.press("escape")
        await on(pilot, PsfsRatingScreen)
        await pilot.press("escape")
        await on(pilot, HomeScreen)
        await pause_until(pilot, lambda: not app.workers)
    after = psfs_in(home)
    assert [a.name for a in after.activities()] == [
        "Socks and shoes",
        "Driving",
        "Walking",
        "Stairs",
    ]
    everything = {a.name: a for a in after.activities(retired=True)}
    assert everything["Socks and shoes"].former_names == ("Socks",)
    assert not everything["Film"].active
    by_id = {r.activity_id: r.score for r in after.ratings()}
    assert by_id == {ids[0]: 2, ids[1]: 3, ids[2]: 4}  # the film's rating kept with the film
    assert after.last_not_now() is None  # chosen from the palette: Escape is not "not now"


async def test_the_history_shows_the_activities_by_week(tmp_path: Path) -> None:
    home = make_home(tmp_path, config='psfs = "off"\n[seen]\ndisclaimer = 2026-01-01\n')
    psfs = psfs_in(home)
    socks, film = psfs.add("Putting on socks", at=CLOCK_NOW), psfs.add("Film", at=CLOCK_NOW)
    for weeks_ago, (a, b) in enumerate([(6, 5), (4, 4), (3, 3)]):
        psfs.rate({socks: a, film: b}, at=CLOCK_NOW - timedelta(weeks=weeks_ago))
    app = app_in(home)
    async with app.run_test(size=(100, 40)) as pilot:
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        app.show_history()
        await pause_until(pilot, lambda: bool(app.screen.query(PsfsWeeks)))
        widget = app.screen.query_one(PsfsWeeks)
        text = str(widget.render())
    lines = text.splitlines()
    assert lines[0].startswith("Everyday activities: 3.0 in the week of 2 Nov, 5.5 in the week")
    assert "a real improvement" in text
    assert lines[-4].split() == ["2", "Nov", "9", "Nov", "16", "Nov"]
    assert lines[-3].split() == ["Average", "3.0", "4.0", "5.5▲"]  # +2.5 on the average
    assert lines[-2].split() == ["Putting", "on", "socks", "3", "4", "6▲"]  # +3 on one: marked
    assert lines[-1].split() == ["Film", "3", "4", "5"]  # +2 on one: not marked


async def test_r_writes_the_report_and_opens_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = make_home(tmp_path, config='psfs = "off"\n[seen]\ndisclaimer = 2026-01-01\n')
    monkeypatch.setenv("SESSIONTIMER_HOME", str(home))  # the report command reads this home
    opened: list[Path] = []
    monkeypatch.setattr(
        "sessiontimer.tui.screens.history_report.open_file", lambda path: opened.append(path)
    )
    app = app_in(home)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pause_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        app.show_history()
        await pause_until(pilot, lambda: type(app.screen).__name__ == "HistoryScreen")
        await pilot.press("r")
        await pause_until(pilot, lambda: bool(opened), timeout=60)
        await pause_until(
            pilot, lambda: any("and opened in your browser" in t for t in toasts(app))
        )
    (report,) = opened
    assert report == home / "reports" / f"report-{datetime.now().date().isoformat()}.html"
    assert "Home exercise report" in report.read_text(encoding="utf-8")
