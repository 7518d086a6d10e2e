"""How the checks before a session look (SVG snapshots, pinned theme and size): the disclaimer,
the red-flag questions, a pack's safety points.

Update after an intended change with
``pytest tests/tui/snapshots/test_checks.py --snapshot-update`` and look at
the SVGs in ``tests/tui/snapshots/__snapshots__/`` before committing them.
"""

from __future__ import annotations

from pathlib import Path

from sessiontimer.core.base.clock import FakeClock
from tests.support.snapshots import HEAT, Snap, session_app


def test_pack_safety_points(snap_compare: Snap) -> None:
    clock = FakeClock()
    assert snap_compare(session_app(clock, HEAT), terminal_size=(80, 24))


def test_disclaimer(snap_compare: Snap, tmp_path: Path) -> None:
    app = session_app(FakeClock(), checks=True, config=tmp_path / "config.toml")
    assert snap_compare(app, terminal_size=(80, 24))


def test_red_flags(snap_compare: Snap, tmp_path: Path) -> None:
    app = session_app(FakeClock(), checks=True, config=tmp_path / "config.toml")
    assert snap_compare(app, terminal_size=(80, 24), press=["enter"])
