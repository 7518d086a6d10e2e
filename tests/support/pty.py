"""Run `python -m sessiontimer ...` in a real pseudo-terminal, as a user's terminal would."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

_ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -~]?")


def _take_terminal() -> None:  # pragma: no cover - runs in the child
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PtyApp:
    def __init__(self, args: Sequence[str], env: Mapping[str, str], cwd: Path) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.master = master
        self.raw = bytearray()
        self._lock = threading.Lock()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sessiontimer", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env={**os.environ, "TERM": "xterm-256color", **env},
            start_new_session=True,
            preexec_fn=_take_terminal,
        )
        os.close(slave)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self.raw += chunk

    def mark(self) -> int:
        """Where the output is now: ``text(after=mark)`` and ``wait_for(..., after=mark)`` look
        only at what the program writes from then on (a screen drawn again, say)."""
        with self._lock:
            return len(self.raw)

    def output(self) -> bytes:
        """Everything the program wrote to the terminal so far, escape codes and all."""
        with self._lock:
            return bytes(self.raw)

    def text(self, after: int = 0) -> str:
        with self._lock:
            raw = bytes(self.raw[after:])
        return re.sub(r"\s+", "", _ESCAPES.sub(b"", raw).decode("utf-8", "replace"))

    def wait_for(self, words: str, timeout: float = 30, after: int = 0) -> None:
        wanted = re.sub(r"\s+", "", words)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if wanted in self.text(after):
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"{words!r} not on the screen; it shows: {self.text(after)[-400:]!r}")

    def press(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def hang_up(self) -> None:
        """Close the terminal (the kernel sends SIGHUP to the program)."""
        os.close(self.master)
        self.master = -1

    def wait(self, timeout: float = 20) -> int:
        return self.proc.wait(timeout)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        self._reader.join(5)
        if self.master >= 0:
            with contextlib.suppress(OSError):
                os.close(self.master)
