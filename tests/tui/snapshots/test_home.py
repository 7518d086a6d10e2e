"""How home looks (SVG snapshot, pinned theme and size, fake clock): the routines, one broken, and
what the history says.

Update after an intended change with
``pytest tests/tui/snapshots/test_home.py --snapshot-update`` and look at
the SVG in ``tests/tui/snapshots/__snapshots__/`` before committing it.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.history.connection import open_history
from sessiontimer.core.history.records import CheckIn
from sessiontimer.core.history.rows import SegmentRow
from sessiontimer.tui.app import SessionTimerApp
from tests.conftest import REPO
from tests.support.snapshots import ROUTINE, THEME, Snap


def test_home(snap_compare: Snap, tmp_path: Path) -> None:
    # a fixed folder: the path of the broken file is on screen
    folder = Path(tempfile.gettempdir()) / "sessiontimer-snapshot" / "routines"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / "evening.toml").write_text(ROUTINE, encoding="utf-8")
    (folder / "broken.toml").write_text(
        'name = "Broken"\n[[steps]]\nname = "x"\nhodl = "30s"\n', encoding="utf-8"
    )
    history = tmp_path / "history.sqlite3"
    store = open_history(history).store
    started = datetime(2026, 11, 21, 7, 45, tzinfo=UTC)
    for days_ago, status in ((15, "completed"), (0, "completed")):
        sid = store.begin(
            routine="morning-mobility",
            routine_name="Morning mobility",
            started=started - timedelta(days=days_ago),
            segments=[SegmentRow(0, "Cat-cow", "reps", None, 1, 1, None, True)],
            before=CheckIn(pain=5),
        )
        store.finish(sid, status=status, ended=started + timedelta(minutes=9))
        store.check_in_after(sid, CheckIn(pain=3))
    store.close()
    (tmp_path / "config.toml").write_text('psfs = "off"\n', encoding="utf-8")  # (home as such)
    app = SessionTimerApp(
        clock=FakeClock(),
        theme=THEME,
        builtin_dir=REPO / "routines",
        user_dir=folder,
        config_path=tmp_path / "config.toml",
        history_path=history,
    )

    async def history_read(pilot: Pilot[Any]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=history_read)
