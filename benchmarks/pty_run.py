"""Run a program in a private pseudo-terminal, wait for its first screen, read its figures from /proc.

The program gets a real terminal (80x24, ``TERM=xterm-256color``, the pty as its controlling
terminal); a reader thread drains the pty all the time, so the program never blocks on a full buffer.
Linux only (``/proc``).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import signal
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

COLUMNS, ROWS = 80, 24
LEAVE_ASKED_S = 0.5  # seconds for ctrl+q to end the app before "y" answers its question
CTRL_Q = b"\x11"

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/APC/PM/SOS (... ST), charset designations
# (ESC ( B) and the remaining two-byte escapes (ESC 7, ESC =, ...).
_ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    rb"|\x1b[P_^X][^\x1b]*(?:\x1b\\)?"
    rb"|\x1b[()*+].?"
    rb"|\x1b[ -~]?"
)
_WHITESPACE = re.compile(r"\s+")


def screen_text(raw: bytes) -> str:
    """The printable text of terminal output: escape sequences and all whitespace removed.

    Whitespace goes too, because a terminal writer may move the cursor instead of printing spaces.
    """
    text = _ESCAPES.sub(b"", raw).decode("utf-8", errors="replace")
    return _WHITESPACE.sub("", text)


def _take_terminal() -> None:  # pragma: no cover - runs in the child, between fork and exec
    """Make the pty (already the child's stdin) the controlling terminal of its new session."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


@dataclass(frozen=True)
class ThreadStat:
    cpu_ns: int  # run time so far (schedstat), nanoseconds
    voluntary: int  # context switches: the thread slept (a wake-up follows each)
    involuntary: int  # context switches: the thread was preempted


@dataclass(frozen=True)
class Snapshot:
    """What /proc says about a process (and each of its threads) at one moment."""

    at: float  # time.perf_counter()
    cpu_ticks: int  # utime + stime of the whole process (including ended threads), clock ticks
    threads: dict[int, ThreadStat]  # thread id -> its figures
    vm_hwm_kib: int  # peak resident set size
    vm_rss_kib: int


def _status_fields(path: Path) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in path.read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return fields


def _kib(value: str) -> int:
    return int(value.split()[0])


def snapshot(pid: int) -> Snapshot:
    proc = Path(f"/proc/{pid}")
    at = time.perf_counter()
    stat = (proc / "stat").read_text()
    after_name = stat[stat.rindex(")") + 2 :].split()
    cpu_ticks = int(after_name[11]) + int(after_name[12])  # fields 14 and 15: utime, stime
    threads: dict[int, ThreadStat] = {}
    for task in (proc / "task").iterdir():
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):  # a thread just ended
            fields = _status_fields(task / "status")
            threads[int(task.name)] = ThreadStat(
                cpu_ns=int((task / "schedstat").read_text().split()[0]),
                voluntary=int(fields["voluntary_ctxt_switches"]),
                involuntary=int(fields["nonvoluntary_ctxt_switches"]),
            )
    status = _status_fields(proc / "status")
    return Snapshot(
        at=at,
        cpu_ticks=cpu_ticks,
        threads=threads,
        vm_hwm_kib=_kib(status["VmHWM"]),
        vm_rss_kib=_kib(status["VmRSS"]),
    )


class MarkerTimeout(RuntimeError):
    """The program did not draw what was expected in time."""


class PtyProcess:
    """One program running in its own pseudo-terminal; use it as a context manager."""

    def __init__(self, argv: Sequence[str], env: Mapping[str, str], cwd: Path, marker: str) -> None:
        self.argv = list(argv)
        self.env = dict(env)
        self.cwd = cwd
        self.marker = _WHITESPACE.sub("", marker)
        self.started = 0.0  # perf_counter just before the spawn
        self.marker_seen: float | None = None  # perf_counter when the marker was first read
        self.quit_by = ""  # "ctrl+q", "SIGTERM" or "SIGKILL"
        self._buffer = bytearray()
        self._writes: list[tuple[float, int]] = []  # (perf_counter, bytes) of every read
        self._lock = threading.Lock()
        self._seen = threading.Event()
        self._proc: subprocess.Popen[bytes] | None = None
        self._master = -1
        self._reader: threading.Thread | None = None

    # -- life cycle -------------------------------------------------------------------------------
    def __enter__(self) -> PtyProcess:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def pid(self) -> int:
        assert self._proc is not None
        return self._proc.pid

    def start(self) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self._master = master
        self.started = time.perf_counter()
        self._proc = subprocess.Popen(
            self.argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=self.cwd,
            env=self.env,
            start_new_session=True,
            preexec_fn=_take_terminal,
        )
        os.close(slave)
        self._reader = threading.Thread(target=self._read, name="pty-reader", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self._master, 65536)
            except OSError:  # EIO: every copy of the slave end is closed
                return
            if not chunk:
                return
            now = time.perf_counter()
            with self._lock:
                self._writes.append((now, len(chunk)))
                if self.marker_seen is None:
                    self._buffer += chunk
                    if self.marker in screen_text(bytes(self._buffer)):
                        self.marker_seen = now
                        self._seen.set()

    def wait_for_marker(self, timeout: float = 30.0) -> float:
        """Seconds from the spawn until the marker was on the screen."""
        if not self._seen.wait(timeout):
            assert self._proc is not None
            state = "exited" if self._proc.poll() is not None else "still running"
            raise MarkerTimeout(
                f"{self.argv}: {self.marker!r} not drawn within {timeout} s ({state}); "
                f"last output: {screen_text(bytes(self._buffer))[-300:]!r}"
            )
        assert self.marker_seen is not None
        return self.marker_seen - self.started

    def writes_between(self, start: float, end: float) -> tuple[int, int]:
        """How many reads of the pty, and how many bytes, between two perf_counter times."""
        with self._lock:
            inside = [size for at, size in self._writes if start <= at < end]
        return len(inside), sum(inside)

    def stop(self) -> None:
        """Quit as a user would (ctrl+q), else SIGTERM, else SIGKILL; then close the pty."""
        proc = self._proc
        if proc is None:
            return
        if proc.poll() is None:
            self.quit_by = self._end(proc)
        if self._reader is not None:
            self._reader.join(timeout=5)
        os.close(self._master)
        self._proc = None

    def _end(self, proc: subprocess.Popen[bytes]) -> str:
        with contextlib.suppress(OSError):
            os.write(self._master, CTRL_Q)
        # In a session ctrl+q asks first, as q does ("Leave this session?"): yes.
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=LEAVE_ASKED_S)
            return "ctrl+q"
        with contextlib.suppress(OSError):
            os.write(self._master, b"y")
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=5)
            return "ctrl+q"
        for sig, name in ((signal.SIGTERM, "SIGTERM"), (signal.SIGKILL, "SIGKILL")):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, sig)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=5)
                return name
        return "unkillable"
