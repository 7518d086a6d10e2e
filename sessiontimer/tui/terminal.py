"""The terminal around the app: its window title (as termdown shows the time left), and the
signals that end the app from outside (SIGTERM; SIGHUP when the terminal is closed).

Imported by ``tui/app.py`` only; imports textual_compat (the title is written to the terminal
through Textual's driver, which has no public way to do it).
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sessiontimer.core.base.durations import format_clock
from sessiontimer.core.base.text import clean_line
from sessiontimer.system.signals import signal_reason
from sessiontimer.tui.textual_compat import write_to_terminal

if TYPE_CHECKING:
    from textual.app import App

    from sessiontimer.core.session.plan import Segment

PLAIN_TITLE = "sessiontimer"
QUIT_FALLBACK_SECONDS = 3.0  # after SIGTERM: the longest Textual may take to put the terminal back


class WindowTitle:
    """The terminal window's title: written only when it changes, never in a headless run."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.text = ""  # what it was last set to
        self.by_breaks = False  # it shows the break timer

    def write(self, title: str, by_breaks: bool = False) -> None:
        self.by_breaks = by_breaks
        if title == self.text:
            return
        self.text = title
        if not self.app.is_headless:
            write_to_terminal(self.app, f"\x1b]2;{clean_line(title)}\x07")

    def for_segment(self, segment: Segment | None, seconds: int, step_name: str) -> None:
        """The time left and the step, or the plain title between sessions."""
        if segment is None:
            self.write(PLAIN_TITLE)
        else:
            self.write(f"{format_clock(seconds)} {clean_line(step_name)} — {PLAIN_TITLE}")


def catch_signals(app: App[Any], interrupt: Callable[[str], None]) -> None:
    """SIGTERM and SIGHUP end a running session as interrupted (``interrupt`` is given the
    reason), then the app exits through Textual, which puts the terminal back as it was."""
    import asyncio

    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGHUP):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signum, end_by_signal, app, interrupt, int(signum))


def end_by_signal(app: App[Any], interrupt: Callable[[str], None], signum: int) -> None:
    interrupt(signal_reason(signum))
    if signum == signal.SIGHUP:
        # The terminal is gone: there is nothing to put back, and Textual's writer would wait
        # for it forever.
        os._exit(128 + signum)
    # Put the terminal back through Textual; should that hang, end anyway after 3 s.
    fallback = threading.Timer(QUIT_FALLBACK_SECONDS, os._exit, args=(128 + signum,))
    fallback.daemon = True
    fallback.start()
    app.exit(return_code=128 + signum)
