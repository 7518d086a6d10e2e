"""Waiting for what the test is waiting for, with a deadline, instead of sleeping for a guessed
time: the condition is polled, so a test goes on as soon as it holds and fails with a message when
it never does."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

POLL = 0.002  # seconds between looks, in real time
PILOT_POLL = 0.01  # seconds the app runs between looks


def wait_until(condition: Callable[[], object], timeout: float = 5.0) -> None:
    """Return as soon as ``condition()`` is true (another thread or process makes it so); fail
    after ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {timeout} s")
        time.sleep(POLL)


async def pause_until(
    pilot: Pilot[Any],
    condition: Callable[[], object],
    timeout: float = 5.0,
    shows: Callable[[], object] | None = None,
) -> None:
    """Let the app under Pilot run (its timers fire, its workers finish) until ``condition()`` is
    true; fail after ``timeout`` seconds, saying what ``shows()`` gives then."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            seen = "" if shows is None else f"; it shows {shows()!r}"
            raise AssertionError(f"timed out after {timeout} s{seen}")
        await pilot.pause(PILOT_POLL)


async def palette_lists(pilot: Pilot[Any], words: str, timeout: float = 5.0) -> None:
    """Wait until the command palette's first (highlighted) command reads ``words`` (any case): it
    searches in the background after each key, so Enter right after typing may find no list yet."""

    def first_command() -> str:
        lists = pilot.app.screen.query("CommandList")
        if not lists:
            return ""
        commands = lists.first()
        if not commands.option_count:  # type: ignore[attr-defined]
            return ""
        return str(commands.get_option_at_index(0).prompt)  # type: ignore[attr-defined]

    await pause_until(
        pilot, lambda: words.lower() in first_command().lower(), timeout, shows=first_command
    )
