"""Home picks up routine files changed on disk by another program, without a restart (issue 6): a
new file appears, a file that became broken shows as broken (not gone), and nothing is looked at
while another screen is shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from sessiontimer.core.routines.library import Entry
from sessiontimer.tui.screens.home import HomeScreen
from tests.support.editor import MINE, app_for, select
from tests.support.wait import pause_until


def mine_on(screen: HomeScreen) -> Entry | None:
    """The entry of mine.toml that home lists, if it lists one."""
    return next((e for e in screen.entries if e.id == "mine"), None)


async def test_home_picks_up_files_changed_by_another_program(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(HomeScreen, "WATCH_SECONDS", 0.05)
    folder = home / "routines"
    app = app_for(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        screen: HomeScreen = app.screen
        assert mine_on(screen) is None
        (folder / "mine.toml").write_text(MINE, encoding="utf-8")
        await pause_until(pilot, lambda: mine_on(screen) is not None)  # its next look
        mine = mine_on(screen)
        assert mine is not None and mine.valid
        select(screen, "mine")
        (folder / "mine.toml").write_text(MINE.replace("hold =", "hodl ="), encoding="utf-8")
        await pause_until(pilot, lambda: mine_on(screen) != mine)  # its next look
        mine = mine_on(screen)
        assert mine is not None and not mine.valid  # broken, not gone
        assert screen.highlighted() == mine  # the cursor stayed on it

        def problem() -> str:
            return str(screen.query_one("#home-problem", Static).render())

        await pause_until(pilot, lambda: "hodl" in problem())  # (drawn with the highlight)
        assert "hodl" in problem()
        # while another screen is shown, home does not look (no work during a session)
        await pilot.press("h")
        await pilot.pause()
        (folder / "mine.toml").unlink()
        await pilot.pause(6 * HomeScreen.WATCH_SECONDS)  # time for six looks: none is taken
        assert mine_on(screen) is not None
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert mine_on(screen) is None
