"""How the progression's preview looks at 80x24 (SVG snapshot, pinned theme and size): each change,
the total time before and after, and two gates that hold it back (a safety stop, weeks 1–2), with
the key that applies it anyway.

Update after an intended change with
``pytest tests/tui/snapshots/test_progress.py --snapshot-update`` and look at
the SVG in ``tests/tui/snapshots/__snapshots__/`` before committing it.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.tui.app import SessionTimerApp
from sessiontimer.tui.screens.home import HomeScreen
from sessiontimer.tui.screens.progress import ProgressScreen
from tests.support.history import TODAY, practised, record
from tests.support.snapshots import THEME, Snap
from tests.support.wait import pause_until

BACK_CARE = """\
name = "Back care"

[[steps]]
name = "Knee to chest"
hold = "30s"
reps = 3
sides = "both"
max_hold = "60s"

[[steps]]
name = "Bird-dog"
hold = "8s"
reps = 5
sides = "both"
alternate = true
max_hold = "10s"
max_reps = 10

[[steps]]
name = "Pelvic tilts"
reps = 10
tempo = "3s"
max_reps = 15

[[steps]]
name = "Walk"
duration = "5m"
max_duration = "30m"
"""


def test_progress_held_back(snap_compare: Snap, tmp_path: Path) -> None:
    (tmp_path / "routines").mkdir()
    (tmp_path / "built-in").mkdir()
    (tmp_path / "routines" / "back-care.toml").write_text(BACK_CARE, encoding="utf-8")
    store = practised(tmp_path / "history.sqlite3", "back-care", "Back care", days=10)
    record(
        store,
        TODAY + timedelta(days=-5, hours=10),
        routine="back-care",
        name="Back care",
        status="stopped",
        stop_step=0,
        stop_reason="pain spreading down the leg",
    )
    store.close()
    # the everyday activities are not asked over it (home would ask them: there are sessions)
    (tmp_path / "config.toml").write_text('psfs = "off"\n', encoding="utf-8")
    app = SessionTimerApp(
        clock=FakeClock(),
        theme=THEME,
        builtin_dir=tmp_path / "built-in",  # none: home behind it does not change with them
        user_dir=tmp_path / "routines",
        config_path=tmp_path / "config.toml",
        history_path=tmp_path / "history.sqlite3",
    )

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        home = pilot.app.screen
        assert isinstance(home, HomeScreen)
        row = next(i for i, e in enumerate(home.entries) if e.id == "back-care")
        home.query_one("#routines").move_cursor(row=row)  # type: ignore[attr-defined]
        await pilot.press("p")
        await pause_until(pilot, lambda: isinstance(pilot.app.screen, ProgressScreen))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
