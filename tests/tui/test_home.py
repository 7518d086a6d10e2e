"""Home, as a hostile routine folder meets it (issue 19)."""

from __future__ import annotations

from pathlib import Path

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.tui.app import SessionTimerApp
from sessiontimer.tui.textual_compat import screen_lines


async def test_a_file_name_with_escape_sequences_shows_cleaned_on_home(home: Path) -> None:
    """Issue 19: a routine file's name reached home's table and problem pane raw."""
    name = "evil\x1b]0;pwned\x07\u202e"
    (home / "routines" / f"{name}.toml").write_text("hodl = 1\n", encoding="utf-8")
    app = SessionTimerApp(clock=FakeClock(), user_dir=home / "routines")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = "\n".join(screen_lines(app.screen))
        assert "evil" in shown
        assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
