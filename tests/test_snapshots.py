"""How the screens look (SVG snapshots, pinned theme and size, fake clock).

Update after an intended change with ``pytest tests/test_snapshots.py --snapshot-update`` and look at
the SVGs in ``tests/__snapshots__/`` before committing them.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.history.connection import open_history
from sessiontimer.core.history.records import CheckIn
from sessiontimer.core.history.rows import SegmentRow
from sessiontimer.core.routines.loader import load_text
from sessiontimer.core.routines.model import Routine
from sessiontimer.core.session.plan import build_plan
from sessiontimer.tui.app import SessionTimerApp
from sessiontimer.tui.screens.session import SessionScreen
from tests.conftest import REPO

THEME = "textual-dark"

ROUTINE = """\
name = "Evening [bold]stretches[/]"

[[steps]]
name = "Knee to chest"
how = "Lie on your back. Pull one knee gently toward your chest; keep the other leg relaxed."
hold = "30s"
reps = 2
sides = "both"
rest = "10s"
cues = ["Relax your shoulders", "[b]Breathe[/b] out slowly"]

[[steps]]
name = "Pelvic tilts"
how = "Flatten your lower back into the floor, then let it go."
reps = 12
sets = 2

[[steps]]
name = "Warmth on the low back"
kind = "heat"
duration = "15m"
"""

Snap = Callable[..., bool]


def session_app(clock: FakeClock, text: str = ROUTINE, checks: bool = False) -> SessionTimerApp:
    routine = load_text(text)
    assert isinstance(routine, Routine), routine
    return SessionTimerApp(
        plan=build_plan(routine),
        checks=checks,
        clock=clock,
        theme=THEME,
        config_path=Path("/nonexistent/config.toml"),
    )


def advance(
    clock: FakeClock, seconds: float, keys: tuple[str, ...] = (), then: tuple[str, ...] = ()
) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Before the snapshot: press ``keys``, let ``seconds`` of fake time pass, press ``then``."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        screen = next(s for s in pilot.app.screen_stack if isinstance(s, SessionScreen))
        left = seconds
        while left > 0:
            clock.advance(min(1.0, left))
            left -= 1.0
            screen.tick()
        await pilot.pause()
        for key in then:
            await pilot.press(key)
            await pilot.pause()

    return run_before


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


HEAT = """\
name = "Heat pack"
[[steps]]
name = "Heat on the low back"
how = "Lie on your front with the wrapped pack across your low back."
kind = "heat"
duration = "15m"
"""


def test_pack_safety_points(snap_compare: Snap) -> None:
    clock = FakeClock()
    assert snap_compare(session_app(clock, HEAT), terminal_size=(80, 24))


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


def test_disclaimer(snap_compare: Snap, tmp_path: Path) -> None:
    app = session_app(FakeClock(), checks=True)
    app.config_path = tmp_path / "config.toml"
    assert snap_compare(app, terminal_size=(80, 24))


def test_red_flags(snap_compare: Snap, tmp_path: Path) -> None:
    app = session_app(FakeClock(), checks=True)
    app.config_path = tmp_path / "config.toml"
    assert snap_compare(app, terminal_size=(80, 24), press=["enter"])


def test_small_terminal_hold(snap_compare: Snap) -> None:
    clock = FakeClock()
    assert snap_compare(session_app(clock), terminal_size=(60, 20), run_before=advance(clock, 12))


def _breaks_app(tmp_path: Path) -> SessionTimerApp:
    from sessiontimer.core.breaks.settings import BreakSettings

    return SessionTimerApp(
        clock=FakeClock(),
        theme=THEME,
        config_path=tmp_path / "config.toml",
        user_dir=tmp_path / "routines",
        history_path=tmp_path / "history.sqlite3",
        break_settings=BreakSettings(sit=25 * 60, stand=3 * 60),
        open_breaks=True,
    )


def test_breaks_sitting(snap_compare: Snap, tmp_path: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        app = pilot.app
        assert isinstance(app, SessionTimerApp)
        await app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(_breaks_app(tmp_path), terminal_size=(80, 24), run_before=run_before)


def test_breaks_called(snap_compare: Snap, tmp_path: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        app = pilot.app
        assert isinstance(app, SessionTimerApp)
        assert isinstance(app.clock, FakeClock)
        app.clock.advance(25 * 60)
        app.breaks.tick()
        await pilot.pause()
        await pilot.press("s")
        app.clock.advance(5 * 60)
        app.breaks.tick()
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(_breaks_app(tmp_path), terminal_size=(80, 24), run_before=run_before)
