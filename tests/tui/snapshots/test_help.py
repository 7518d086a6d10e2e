"""How the help looks (SVG snapshots, pinned theme and size, fake clock): over a session, with its
keys, the note that the session waits, and the safety page; at 80x24 and at 200x60, where the
whole page fits.

Update after an intended change with
``pytest tests/tui/snapshots/test_help.py --snapshot-update`` and look at
the SVGs in ``tests/tui/snapshots/__snapshots__/`` before committing them.
"""

from __future__ import annotations

from sessiontimer.core.base.clock import FakeClock
from tests.support.snapshots import Snap, advance, session_app


def test_help_over_a_session(snap_compare: Snap) -> None:
    clock = FakeClock()
    run_before = advance(clock, 12, then=("question_mark",))
    assert snap_compare(session_app(clock), terminal_size=(80, 24), run_before=run_before)


def test_help_in_a_big_terminal(snap_compare: Snap) -> None:
    clock = FakeClock()
    run_before = advance(clock, 12, then=("question_mark",))
    assert snap_compare(session_app(clock), terminal_size=(200, 60), run_before=run_before)
