"""Desktop notifications through ``notify-send`` (libnotify), when it is installed.

A break is called in the terminal (bell, speech, a toast, the window title) and, for someone
working in another window, as a desktop notification. No notify-send, no display, or a program
that fails or hangs: nothing happens, and nothing is ever raised to the caller.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Callable

TIMEOUT = 5.0  # seconds notify-send may take before it is given up on
PROGRAM = "notify-send"


class Notifier:
    def __init__(
        self,
        which: Callable[[str], str | None] = shutil.which,
        run: Callable[..., object] = subprocess.run,
    ) -> None:
        self._run = run
        try:
            self.program = which(PROGRAM)
        except Exception:  # a broken PATH entry: as if not installed
            self.program = None

    def notify(self, title: str, body: str) -> None:
        """Show a desktop notification in the background; returns at once."""
        if self.program is None:
            return
        argv = [self.program, "--app-name=sessiontimer", "--urgency=normal", title, body]
        threading.Thread(target=self._send, args=(argv,), name="notify-send", daemon=True).start()

    def _send(self, argv: list[str]) -> None:
        try:
            self._run(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=TIMEOUT,
                check=False,
            )
        except Exception:  # not there any more, no display, a hang: a notification is a help
            return
