"""How the break timer looks (SVG snapshots, pinned theme and size, fake clock): sitting, and a
break called.

Update after an intended change with
``pytest tests/tui/snapshots/test_breaks.py --snapshot-update`` and look at
the SVGs in ``tests/tui/snapshots/__snapshots__/`` before committing them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.tui.app import SessionTimerApp
from tests.support.snapshots import THEME, Snap
from tests.support.sound import FakeSpeaker


def _breaks_app(tmp_path: Path) -> SessionTimerApp:
    from sessiontimer.core.breaks.settings import BreakSettings

    return SessionTimerApp(
        speaker=FakeSpeaker(),  # type: ignore[arg-type]  # (not the machine's)
        clock=FakeClock(),
        theme=THEME,
        config_path=tmp_path / "config.toml",
        user_dir=tmp_path / "routines",
        history_path=tmp_path / "history.sqlite3",
        break_settings=BreakSettings(sit=25 * 60, stand=3 * 60),
        open_breaks=True,
    )


def test_breaks_sitting(snap_compare: Snap, tmp_path: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        app = pilot.app
        assert isinstance(app, SessionTimerApp)
        await app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(_breaks_app(tmp_path), terminal_size=(80, 24), run_before=run_before)


def test_breaks_called(snap_compare: Snap, tmp_path: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        app = pilot.app
        assert isinstance(app, SessionTimerApp)
        assert isinstance(app.clock, FakeClock)
        app.clock.advance(25 * 60)
        app.breaks.tick()
        await pilot.pause()
        await pilot.press("s")
        app.clock.advance(5 * 60)
        app.breaks.tick()
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(_breaks_app(tmp_path), terminal_size=(80, 24), run_before=run_before)
