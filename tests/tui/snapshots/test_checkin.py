"""How the pain check-in looks (SVG snapshots, pinned theme and size).

Update after an intended change with
``pytest tests/tui/snapshots/test_checkin.py --snapshot-update`` and look at
the SVGs in ``tests/tui/snapshots/__snapshots__/`` before committing them.
"""

from __future__ import annotations

from typing import Literal

from textual.app import App

from sessiontimer.core.history.records import CheckIn
from sessiontimer.tui.screens.checkin import CheckinScreen
from tests.support.snapshots import THEME, Snap


class CheckinApp(App[None]):
    def __init__(self, when: Literal["before", "after"]) -> None:
        super().__init__()
        self.when: Literal["before", "after"] = when

    def on_mount(self) -> None:
        self.theme = THEME
        self.push_screen(CheckinScreen(self.when, "Evening [bold]stretches[/]"), self.ignore)

    def ignore(self, result: CheckIn | None) -> None:
        pass


def test_checkin_before(snap_compare: Snap) -> None:
    assert snap_compare(CheckinApp("before"), terminal_size=(80, 24))


def test_checkin_after_at_the_note(snap_compare: Snap) -> None:
    # pain 3, the pain reaches the thigh, it felt about right; then a note half typed
    keys = ["3", "enter", "3", "2", *"calf a bit tight"]
    assert snap_compare(CheckinApp("after"), terminal_size=(80, 24), press=keys)
