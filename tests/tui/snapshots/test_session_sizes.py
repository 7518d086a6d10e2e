"""The session screen read from a mat (issue 18, DESIGN.md section 5), as SVG snapshots at the four
sizes the issue names (60x20, 80x24, 100x30, 200x60): the block digits grow with the terminal,
the phase band takes the phase's colour (the side its own), the switch prompt sits under the
countdown, a tempo set is counted in the band, and the pack alarm takes over the top of the screen.

Update after an intended change with
``pytest tests/tui/snapshots/test_session_sizes.py --snapshot-update``, and look at each SVG as a
picture (``rsvg-convert``) before committing it.
"""

from __future__ import annotations

import pytest

from sessiontimer.core.base.clock import FakeClock
from tests.support.snapshots import HEAT, Snap, advance, session_app

TEMPO = """\
name = "Tilts"
prepare = "0s"

[[steps]]
name = "Pelvic tilts"
how = "Flatten your lower back into the floor, then let it go."
reps = 10
tempo = "3s"
sets = 2
"""

HOLD = 12  # into the first hold (left)
SWITCH = 76  # 1 s into the switch to the right
COMING = 72  # the last seconds of the left side: the switch prompt under the countdown
ALARM = 5 + 900 + 1  # the heat pack's time is up


@pytest.mark.parametrize("size", [(100, 30), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_hold(snap_compare: Snap, size: tuple[int, int]) -> None:
    clock = FakeClock()
    assert snap_compare(session_app(clock), terminal_size=size, run_before=advance(clock, HOLD))


@pytest.mark.parametrize("size", [(60, 20), (100, 30), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_switch(snap_compare: Snap, size: tuple[int, int]) -> None:
    clock = FakeClock()
    assert snap_compare(session_app(clock), terminal_size=size, run_before=advance(clock, SWITCH))


def test_the_switch_coming(snap_compare: Snap) -> None:
    clock = FakeClock()
    run_before = advance(clock, COMING)
    assert snap_compare(session_app(clock), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize(
    "size", [(60, 20), (80, 24), (100, 30), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}"
)
def test_the_pack_alarm(snap_compare: Snap, size: tuple[int, int]) -> None:
    clock = FakeClock()
    app = session_app(clock, HEAT)
    assert snap_compare(app, terminal_size=size, run_before=advance(clock, ALARM, ("space",)))


@pytest.mark.parametrize("size", [(80, 24), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_tempo_set_counted_in_the_band(snap_compare: Snap, size: tuple[int, int]) -> None:
    clock = FakeClock()
    app = session_app(clock, TEMPO)
    assert snap_compare(app, terminal_size=size, run_before=advance(clock, 7))
