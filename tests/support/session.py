"""Helpers to drive the app through a whole session with a fake clock, and to read its toasts.

Also used on an installed wheel: tests/test_packaging.py copies this file next to it as
``tests_support``, so it imports nothing from ``tests``."""

from __future__ import annotations

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.routines.library import resolve
from sessiontimer.core.session.plan import build_plan
from sessiontimer.core.session.state import State
from sessiontimer.tui.app import SessionTimerApp


async def run_to_the_end(routine_id: str, size: tuple[int, int] = (80, 24)) -> str:
    """Run a routine from start to end pressing only Space; return what the summary says."""
    from sessiontimer.system import paths
    from sessiontimer.tui.screens.session import SessionScreen
    from sessiontimer.tui.screens.summary import SummaryScreen

    entry = resolve(routine_id, paths.builtin_routines_dir(), None)
    assert entry.routine is not None, entry.problems
    clock = FakeClock()
    app = SessionTimerApp(plan=build_plan(entry.routine), checks=False, clock=clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = next(s for s in app.screen_stack if isinstance(s, SessionScreen))
        session = screen.session
        assert session is not None
        for _ in range(10_000):
            if session.finished:
                break
            remaining = session.remaining()
            if app.screen is not screen or session.state is State.ALARM or remaining is None:
                await pilot.press("space")
            else:
                clock.advance(remaining / session.speed + 0.01)
                screen.tick()
            await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen), app.screen
        return app.screen.status


def toasts(app: SessionTimerApp) -> list[str]:
    """The toasts on the screen, as a user reads them: each one's title, a new line, its text.
    (Toasts show only in a test run with ``notifications=True``.)"""
    return [str(toast.render()) for toast in app.screen.query("Toast")]
