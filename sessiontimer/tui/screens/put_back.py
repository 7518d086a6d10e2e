"""Putting back a step a safety stop left out (``c`` on home): one question per step, "has a
clinician seen it?", and each yes written to the history off the UI thread."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from sessiontimer.tui.context import context


async def put_back(
    screen: Screen[Any], routine: str, names: list[str], then: Callable[[], None]
) -> None:
    """Ask about each of ``names`` (steps of ``routine``); ``then`` reads the history again (in a
    worker thread) once all are answered."""
    from sessiontimer.core.history.rows import local_time
    from sessiontimer.core.history.safety_record import SafetyRecord
    from sessiontimer.tui.screens.confirm import ConfirmScreen

    ctx = context(screen)
    for name in names:
        question = (
            f"Has a clinician seen {name} since your safety stop, and said you can do it "
            "again? Then it is put back into this routine's sessions."
        )
        if await screen.app.push_screen_wait(ConfirmScreen(question)) != "yes":
            continue
        at = local_time(ctx.clock.epoch())
        _, problem = await asyncio.to_thread(
            ctx.read_history,
            lambda store, step=name, when=at: SafetyRecord(store).put_back(routine, step, at=when),
        )
        if problem:
            screen.notify(problem, title="Not put back", severity="error", markup=False)
        else:
            screen.notify(f"{name} is back in the routine.", title="Put back", markup=False)
    screen.run_worker(then, thread=True, exclusive=True, group="home-history")
