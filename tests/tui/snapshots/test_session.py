"""How a session looks (SVG snapshots, pinned theme and size, fake clock): a hold, the switch
prompt, a rest, a self-paced set, paused, a heat pack, a small terminal, a safety stop, the summary.

Update after an intended change with
``pytest tests/tui/snapshots/test_session.py --snapshot-update`` and look at
the SVGs in ``tests/tui/snapshots/__snapshots__/`` before committing them.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from sessiontimer.core.base.clock import FakeClock
from tests.support.snapshots import HEAT, Snap, advance, session_app


def test_hold_on_the_left(snap_compare: Snap) -> None:
    clock = FakeClock()
    assert snap_compare(session_app(clock), terminal_size=(80, 24), run_before=advance(clock, 12))


def test_switch_prompt(snap_compare: Snap) -> None:
    clock = FakeClock()
    # get ready 5, hold 30, rest 10, hold 30, then the switch: 1 s into it
    assert snap_compare(session_app(clock), terminal_size=(80, 24), run_before=advance(clock, 76))


def test_rest_between_holds(snap_compare: Snap) -> None:
    clock = FakeClock()
    assert snap_compare(session_app(clock), terminal_size=(80, 24), run_before=advance(clock, 38))


def test_self_paced_set(snap_compare: Snap) -> None:
    clock = FakeClock()
    # the whole first step is 5 + 4x30 + 2x10 + 5 = 150 s; then get ready 5 and 20 s into the set
    assert snap_compare(session_app(clock), terminal_size=(80, 24), run_before=advance(clock, 175))


def test_paused(snap_compare: Snap) -> None:
    clock = FakeClock()
    assert snap_compare(
        session_app(clock), terminal_size=(80, 24), run_before=advance(clock, 12, ("space",))
    )


def test_heat_segment(snap_compare: Snap) -> None:
    clock = FakeClock()
    app = session_app(clock, HEAT)
    assert snap_compare(app, terminal_size=(80, 24), run_before=advance(clock, 5 + 301, ("space",)))


def test_safety_stop_screen(snap_compare: Snap) -> None:
    clock = FakeClock()
    assert snap_compare(
        session_app(clock),
        terminal_size=(80, 24),
        run_before=advance(clock, 12, then=("exclamation_mark",)),
    )


def test_summary(snap_compare: Snap) -> None:
    clock = FakeClock()

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("n", "n")  # skip the get-ready and the first hold
        clock.advance(200)
        await pilot.press("q")
        await pilot.press("y")
        await pilot.pause()

    assert snap_compare(session_app(clock), terminal_size=(80, 24), run_before=run_before)


def test_small_terminal_hold(snap_compare: Snap) -> None:
    clock = FakeClock()
    assert snap_compare(session_app(clock), terminal_size=(60, 20), run_before=advance(clock, 12))
