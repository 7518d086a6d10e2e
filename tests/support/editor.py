"""The app over a home folder of the user's, with one routine of theirs (comments, odd spacing):
shared by the editor's tests, home's reloading, and the editor's snapshot."""

from __future__ import annotations

from pathlib import Path

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.tui.app import SessionTimerApp
from sessiontimer.tui.screens.home import HomeScreen

MINE = """\
# From my physio, 3 March
name = "Mine"   # shown on home

[[steps]]   # left first
name = "Knee to chest"
hold = "30s"
reps = 3
sides = "both"
"""


def app_for(home: Path) -> SessionTimerApp:
    return SessionTimerApp(
        checks=False,
        clock=FakeClock(),
        user_dir=home / "routines",
        config_path=home / "config.toml",
        history_path=home / "history.sqlite3",
    )


def select(home_screen: HomeScreen, routine_id: str) -> None:
    row = next(i for i, e in enumerate(home_screen.entries) if e.id == routine_id)
    home_screen.query_one("#routines").move_cursor(row=row)  # type: ignore[attr-defined]
