"""How the everyday activities look (SVG snapshots, pinned theme and size, fake clock): the first
time they are asked on home, a rating half done, and the weeks on the history screen.

Update after an intended change with
``pytest tests/tui/snapshots/test_psfs.py --snapshot-update`` and look at
the SVGs in ``tests/tui/snapshots/__snapshots__/`` before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.history.connection import open_history
from sessiontimer.core.history.psfs import PsfsRecord
from sessiontimer.core.history.rows import local_time
from sessiontimer.tui.app import SessionTimerApp
from tests.support.history import fill
from tests.support.snapshots import THEME, Snap
from tests.support.wait import pause_until

NOW = local_time(FakeClock().epoch())


def app_at(path: Path, config: str) -> SessionTimerApp:
    (path.parent / "config.toml").write_text(config, encoding="utf-8")
    return SessionTimerApp(
        clock=FakeClock(),
        theme=THEME,
        history_path=path,
        config_path=path.parent / "config.toml",
        user_dir=path.parent / "routines",
    )


def when_asked(*keys: str, screen: str = "PsfsActivitiesScreen") -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        app = pilot.app
        await pause_until(
            pilot, lambda: type(app.screen).__name__ == screen and isinstance(app.focused, Input)
        )
        for key in keys:
            await pilot.press(key)
        await pilot.pause()

    return run_before


def test_the_first_time(snap_compare: Snap, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    fill(path)
    app = app_at(path, "[seen]\ndisclaimer = 2026-01-01\n")
    assert snap_compare(app, terminal_size=(80, 24), run_before=when_asked(*"Putting on socks"))


def test_a_rating_half_done(snap_compare: Snap, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    fill(path)
    psfs = PsfsRecord(open_history(path).store)
    for name in ("Putting on socks", "Sitting through a film", "Walking to the shop"):
        psfs.add(name, at=NOW - timedelta(weeks=3))
    app = app_at(path, "[seen]\ndisclaimer = 2026-01-01\n")
    keys = ("4", "enter", "enter", "1", "2", "enter")  # a rating, a skip, a mistake
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=when_asked(*keys, screen="PsfsRatingScreen")
    )


def test_the_weeks_on_the_history(snap_compare: Snap, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    fill(path)
    psfs = PsfsRecord(open_history(path).store)
    socks, film, walk = (
        psfs.add(n, at=NOW - timedelta(weeks=6))
        for n in ("Putting on socks and shoes", "Sitting through a film", "Walking to the shop")
    )
    scores = [(2, 3, 4), (3, 3, 4), (4, 5, 5), (5, 5, 7), (6, 5, 7), (7, 6, 8)]
    for weeks_ago, (a, b, c) in zip(range(5, -1, -1), scores, strict=True):
        psfs.rate({socks: a, film: b, walk: c}, at=NOW - timedelta(weeks=weeks_ago))
    app = app_at(path, 'psfs = "off"\n[seen]\ndisclaimer = 2026-01-01\n')

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        app.show_history()
        await pause_until(pilot, lambda: type(app.screen).__name__ == "HistoryScreen")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 40), run_before=run_before)
