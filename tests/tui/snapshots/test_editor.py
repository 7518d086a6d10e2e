"""How the in-app routine editor looks at 80x24 (SVG snapshot, pinned theme and size): a routine with
a mistake typed in, its problem listed with line and column, the plan beside it.

Update after an intended change with
``pytest tests/tui/snapshots/test_editor.py --snapshot-update`` and look at
the SVG in ``tests/tui/snapshots/__snapshots__/`` before committing it.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import OptionList, TextArea

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.tui.app import SessionTimerApp
from sessiontimer.tui.screens.home import HomeScreen
from tests.conftest import REPO
from tests.support.editor import MINE
from tests.support.snapshots import THEME, Snap
from tests.support.sound import FakeSpeaker
from tests.support.wait import pause_until


def test_editor_with_a_problem(snap_compare: Snap, tmp_path: Path) -> None:
    # a fixed folder: the file's path is in the editor's title
    folder = Path(tempfile.gettempdir()) / "sessiontimer-snapshot-editor" / "routines"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(MINE, encoding="utf-8")
    app = SessionTimerApp(
        speaker=FakeSpeaker(),  # type: ignore[arg-type]  # (not the machine's)
        clock=FakeClock(),
        theme=THEME,
        builtin_dir=REPO / "routines",
        user_dir=folder,
        config_path=tmp_path / "config.toml",
        history_path=tmp_path / "history.sqlite3",
    )

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        home = pilot.app.screen
        assert isinstance(home, HomeScreen)
        row = next(i for i, e in enumerate(home.entries) if e.id == "mine")
        home.query_one("#routines").move_cursor(row=row)  # type: ignore[attr-defined]
        await pilot.press("e")
        await pilot.pause()
        area = pilot.app.screen.query_one(TextArea)
        area.cursor_blink = False
        area.cursor_location = (6, 0)
        await pilot.press("delete", *"rpes")  # "reps" mistyped
        problems = pilot.app.screen.query_one("#editor-problems", OptionList)
        # checked again once typing stops for CHECK_DELAY
        await pause_until(pilot, lambda: "rpes" in str(problems.get_option_at_index(0).prompt))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
