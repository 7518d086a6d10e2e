"""The desktop around the terminal: notifications through ``notify-send`` (libnotify), when it is
installed, and whether the screen is locked (systemd-logind), for the break timer.

A break is called in the terminal (bell, speech, a toast, the window title) and, for someone
working in another window, as a desktop notification. No notify-send, no display, or a program
that fails or hangs: nothing happens, and nothing is ever raised to the caller.
"""

from __future__ import annotations

import os
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

    def notify(self, title: str, body: str, urgent: bool = False) -> threading.Thread | None:
        """Show a desktop notification in the background; returns at once, with the thread that
        sends it (None: no notify-send). An urgent one stays until it is dismissed (on most
        desktops)."""
        if self.program is None:
            return None
        urgency = "--urgency=critical" if urgent else "--urgency=normal"
        argv = [self.program, "--app-name=sessiontimer", urgency, title, body]
        sender = threading.Thread(target=self._send, args=(argv,), name="notify-send", daemon=True)
        sender.start()
        return sender

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


LOCK_POLL = 15.0  # seconds between looks at whether the screen is locked


class LockWatch:
    """Whether the desktop session's screen is locked, from systemd-logind (``loginctl``
    ``LockedHint``). ``available`` is False without loginctl or outside a login session (over SSH
    the hint never changes); ``locked()`` is None when the answer could not be had."""

    def __init__(
        self,
        which: Callable[[str], str | None] = shutil.which,
        run: Callable[..., subprocess.CompletedProcess[str]] = subprocess.run,
        session: str | None = None,
    ) -> None:
        self._run = run
        self._session = session if session is not None else os.environ.get("XDG_SESSION_ID", "")
        try:
            self._program = which("loginctl") if self._session else None
        except Exception:
            self._program = None

    @property
    def available(self) -> bool:
        return self._program is not None

    def locked(self) -> bool | None:
        """Ask logind (takes a few milliseconds: call it from a worker thread)."""
        if self._program is None:
            return None
        argv = [self._program, "show-session", self._session, "--property=LockedHint", "--value"]
        try:
            result = self._run(
                argv,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
                check=False,
            )
        except Exception:
            return None
        answer = (result.stdout or "").strip()
        if result.returncode != 0 or answer not in ("yes", "no"):
            return None
        return answer == "yes"
