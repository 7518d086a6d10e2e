"""How the history screen and a session's detail look (SVG snapshots, pinned theme and size, fake
clock, fixed data).

Update after an intended change with
``pytest tests/tui/snapshots/test_history.py --snapshot-update`` and look at
the SVGs in ``tests/tui/snapshots/__snapshots__/`` before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.tui.app import SessionTimerApp
from tests.support.history import fill
from tests.support.snapshots import THEME, Snap
from tests.support.sound import FakeSpeaker


def history_app(path: Path) -> SessionTimerApp:
    # (home does not ask about the everyday activities first: snapshots/test_psfs.py shows that)
    (path.parent / "config.toml").write_text('psfs = "off"\n', encoding="utf-8")
    return SessionTimerApp(
        speaker=FakeSpeaker(),  # type: ignore[arg-type]  # (not the machine's)
        clock=FakeClock(),
        theme=THEME,
        history_path=path,
        config_path=path.parent / "config.toml",
        user_dir=path.parent / "routines",
    )


def open_history(*keys: str) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        app = pilot.app
        assert isinstance(app, SessionTimerApp)
        app.show_history()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()

    return run_before


def test_history(snap_compare: Snap, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    fill(path)
    assert snap_compare(history_app(path), terminal_size=(80, 24), run_before=open_history())


def test_history_small_terminal(snap_compare: Snap, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    fill(path)
    assert snap_compare(history_app(path), terminal_size=(60, 20), run_before=open_history())


def test_history_empty(snap_compare: Snap, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    assert snap_compare(history_app(path), terminal_size=(80, 24), run_before=open_history())


def test_session_detail_safety_stop(snap_compare: Snap, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    fill(path)
    keys = ("down",) * 5 + ("enter",)
    assert snap_compare(history_app(path), terminal_size=(80, 24), run_before=open_history(*keys))
