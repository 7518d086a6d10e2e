"""What the SVG snapshots share: the pinned theme, an app running a routine on a fake clock,
and moving that clock (and pressing keys) before the snapshot is taken."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.routines.loader import load_text
from sessiontimer.core.routines.model import Routine
from sessiontimer.core.session.plan import build_plan
from sessiontimer.tui.app import SessionTimerApp
from sessiontimer.tui.screens.session import SessionScreen
from tests.support.sound import FakeSpeaker

THEME = "textual-dark"

Snap = Callable[..., bool]  # the snap_compare fixture of pytest-textual-snapshot

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

HEAT = """\
name = "Heat pack"
[[steps]]
name = "Heat on the low back"
how = "Lie on your front with the wrapped pack across your low back."
kind = "heat"
duration = "15m"
"""


def session_app(
    clock: FakeClock, text: str = ROUTINE, checks: bool = False, config: Path | None = None
) -> SessionTimerApp:
    """The app opened on a session of ``text``. ``config``: its config.toml (by default the
    isolated home's, tests/conftest.py: the disclaimer read, the red flags off)."""
    routine = load_text(text)
    assert isinstance(routine, Routine), routine
    return SessionTimerApp(
        speaker=FakeSpeaker(),  # type: ignore[arg-type]  # (not the machine's)
        plan=build_plan(routine),
        checks=checks,
        clock=clock,
        theme=THEME,
        config_path=config,
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
