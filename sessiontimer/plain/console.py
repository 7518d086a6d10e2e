"""The terminal of plain mode: lines out (``Output``), keys in (``StreamKeys``: one at a time in
cbreak mode from a terminal, or from a pipe, so a session can be scripted), and the signals that
end a session from outside (``SignalWatch``).

Nothing here knows about sessions: a wait for a key ends with ``Ended`` when a signal came or the
input was closed, and the caller records the session as interrupted.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import termios
from collections.abc import Mapping
from types import FrameType
from typing import Any, Protocol, TextIO

from sessiontimer.core.base.text import clean_line
from sessiontimer.system.signals import signal_reason

CLOSED_INPUT = "the input was closed"
CTRL_C = "Ctrl+C was pressed"
ESCAPE_WAIT = 0.05  # seconds to wait for the rest of an arrow key's escape sequence

# Escape sequences of the keys plain mode knows (after ESC); any other is ignored.
_SEQUENCES = {
    b"[A": "up",
    b"[B": "down",
    b"[C": "right",
    b"[D": "left",
    b"OA": "up",
    b"OB": "down",
    b"OC": "right",
    b"OD": "left",
    b"OP": "f1",
    b"[11~": "f1",
}
_CONTROL_KEYS = {
    b"\r": "enter",
    b"\n": "enter",
    b" ": "space",
    b"\t": "tab",
    b"\x7f": "backspace",
    b"\x08": "backspace",
    b"\x11": "ctrl+q",
}


class Ended(Exception):
    """The session is over from outside: a signal, Ctrl+C, or the input was closed."""

    def __init__(self, reason: str, code: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code  # the exit status: 128 + the signal's number, or 0


class Keys(Protocol):
    """Where plain mode reads its keys (a terminal or a pipe; tests give a script)."""

    def key(self, timeout: float | None) -> str | None:
        """The next key ("space", "enter", "escape", "right", "n", "!", ...), or None when
        ``timeout`` seconds passed first (None: wait as long as it takes). Raises Ended."""
        ...

    def line(self) -> str:
        """A line of text, typed with the terminal's own editing (echo, backspace). Raises
        Ended."""
        ...


def styled_output(env: Mapping[str, str], stream: TextIO) -> bool:
    """Bold headings only on a terminal that can show them and where colour is welcome."""
    try:
        tty = stream.isatty()
    except (ValueError, OSError):
        return False
    return tty and not env.get("NO_COLOR") and env.get("TERM", "") not in ("dumb", "")


class Output:
    """Lines of plain text. Every line is cleaned of control characters (so text from a routine
    file can never drive the terminal); bold is only added when ``styled``; the bell rings only
    when ``ring``. A terminal that went away is not an error: the lines are dropped."""

    def __init__(self, stream: TextIO, *, styled: bool = False, ring: bool = False) -> None:
        self.stream = stream
        self.styled = styled
        self.ring = ring
        self.dead = False  # writing failed: the terminal is gone

    @classmethod
    def for_terminal(cls, env: Mapping[str, str] | None = None) -> Output:
        env = os.environ if env is None else env
        stream = sys.stdout
        try:
            tty = stream.isatty()
        except (ValueError, OSError):
            tty = False
        return cls(stream, styled=styled_output(env, stream), ring=tty)

    def line(self, text: str = "") -> None:
        self._write(clean_line(text) + "\n")

    def heading(self, text: str) -> None:
        words = clean_line(text)
        self._write(f"\x1b[1m{words}\x1b[0m\n" if self.styled else words + "\n")

    def numbered(self, points: tuple[str, ...] | list[str]) -> None:
        for number, point in enumerate(points, start=1):
            self.line(f"{number}. {point}")

    def bell(self) -> None:
        if self.ring:
            self._write("\a")

    def _write(self, text: str) -> None:
        if self.dead:
            return
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            self.dead = True


class SignalWatch:
    """SIGTERM, SIGHUP and SIGINT (Ctrl+C) while plain mode runs: each is remembered and wakes
    a wait for a key (through a pipe, as select() sees it), which then raises Ended. SIGCONT
    (back from Ctrl+Z) asks for the terminal's mode to be set again."""

    SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)

    def __init__(self) -> None:
        self.signum: int | None = None
        self.continued = False
        self.read_end = -1
        self._write_end = -1
        self._old: dict[int, object] = {}

    def __enter__(self) -> SignalWatch:
        self.read_end, self._write_end = os.pipe()
        os.set_blocking(self._write_end, False)
        for signum in (*self.SIGNALS, signal.SIGCONT):
            with contextlib.suppress(ValueError, OSError):  # not the main thread: not watched
                self._old[signum] = signal.signal(signum, self._caught)
        return self

    def __exit__(self, *exc_info: object) -> None:
        for signum, old in self._old.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(signum, old)  # type: ignore[arg-type]
        for fd in (self.read_end, self._write_end):
            with contextlib.suppress(OSError):
                os.close(fd)

    def _caught(self, signum: int, _frame: FrameType | None) -> None:
        if signum == signal.SIGCONT:
            self.continued = True
        elif self.signum is None:
            self.signum = signum
        with contextlib.suppress(OSError):
            os.write(self._write_end, b"!")

    def check(self) -> None:
        """Raise Ended when a signal came."""
        if self.signum is None:
            return
        reason = CTRL_C if self.signum == signal.SIGINT else signal_reason(self.signum)
        raise Ended(reason, 128 + self.signum)

    def drain(self) -> None:
        with contextlib.suppress(OSError):
            os.read(self.read_end, 512)


class StreamKeys:
    """Keys from a file descriptor: a terminal (put in cbreak mode: each key as it is typed, no
    echo; Ctrl+C still a signal) or a pipe or file (a script of keys). Used as a context manager,
    which puts the terminal back as it was."""

    def __init__(self, fd: int, watch: SignalWatch | None = None) -> None:
        self.fd = fd
        self.watch = watch
        self._buffer = bytearray()
        self._saved: list[Any] | None = None
        self._closed = False  # the input ended (with part of a line still to give)
        try:
            self.tty = os.isatty(fd)
        except OSError:
            self.tty = False

    def __enter__(self) -> StreamKeys:
        if self.tty:
            with contextlib.suppress(termios.error, OSError):
                self._saved = termios.tcgetattr(self.fd)
                self._cbreak()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._cooked()

    def _cbreak(self) -> None:
        """Keys one at a time, not echoed; signals (Ctrl+C), output processing and the CR->NL of
        Enter stay as they were."""
        if self._saved is None:
            return
        mode: list[Any] = [list(p) if isinstance(p, list) else p for p in self._saved]
        mode[3] &= ~(termios.ICANON | termios.ECHO)
        cc = mode[6]
        cc[termios.VMIN] = 1
        cc[termios.VTIME] = 0
        with contextlib.suppress(termios.error, OSError):
            termios.tcsetattr(self.fd, termios.TCSANOW, mode)

    def _cooked(self) -> None:
        if self._saved is not None:
            with contextlib.suppress(termios.error, OSError):
                termios.tcsetattr(self.fd, termios.TCSANOW, self._saved)

    # -- reading -------------------------------------------------------------------------------
    def _fill(self, timeout: float | None) -> bool:
        """Wait up to ``timeout`` for bytes; False when the time passed first. Raises Ended."""
        watch = self.watch
        fds = [self.fd] if watch is None else [self.fd, watch.read_end]
        while True:
            if watch is not None:
                watch.check()
            try:
                readable, _, _ = select.select(fds, [], [], timeout)
            except (OSError, ValueError):
                raise Ended(CLOSED_INPUT, 0) from None
            if watch is not None and watch.read_end in readable:
                watch.drain()
                watch.check()
                if watch.continued:  # back from Ctrl+Z: the shell may have reset the mode
                    watch.continued = False
                    self._cbreak()
                continue
            if not readable:
                return False
            try:
                chunk = os.read(self.fd, 1024)
            except OSError:
                chunk = b""
            if not chunk:
                if watch is not None:
                    watch.check()  # a closed terminal: its SIGHUP says why
                raise Ended(CLOSED_INPUT, 0)
            self._buffer += chunk
            return True

    def _byte(self, timeout: float | None) -> bytes | None:
        if not self._buffer and self._closed:
            raise Ended(CLOSED_INPUT, 0)
        if not self._buffer and not self._fill(timeout):
            return None
        byte = bytes(self._buffer[:1])
        del self._buffer[:1]
        return byte

    def key(self, timeout: float | None) -> str | None:
        byte = self._byte(timeout)
        if byte is None:
            return None
        if byte == b"\x03":
            raise Ended(CTRL_C, 128 + signal.SIGINT)
        if byte == b"\x04":  # Ctrl+D: the end of the input
            raise Ended(CLOSED_INPUT, 0)
        if byte == b"\x1b":
            return self._escape()
        if byte in _CONTROL_KEYS:
            return _CONTROL_KEYS[byte]
        if byte[0] < 0x20:
            return ""  # another control key: nothing
        return self._character(byte)

    def _escape(self) -> str:
        """Escape alone, or the escape sequence of an arrow or function key."""
        if not self._buffer and not self._fill(ESCAPE_WAIT):
            return "escape"
        if bytes(self._buffer[:1]) not in (b"[", b"O"):
            return "escape"
        sequence = bytearray()
        while len(sequence) < 8:
            if not self._buffer and not self._fill(ESCAPE_WAIT):
                break
            sequence += self._buffer[:1]
            del self._buffer[:1]
            if len(sequence) > 1 and 0x40 <= sequence[-1] <= 0x7E:
                break
        return _SEQUENCES.get(bytes(sequence), "")

    def _character(self, first: bytes) -> str:
        """One character of UTF-8 (a key on a keyboard of another language, say)."""
        length = 2 if first[0] >= 0xC0 else 1
        length = 3 if first[0] >= 0xE0 else length
        length = 4 if first[0] >= 0xF0 else length
        data = bytearray(first)
        while len(data) < length:
            byte = self._byte(ESCAPE_WAIT)
            if byte is None:
                break
            data += byte
        return data.decode("utf-8", "replace")

    def line(self) -> str:
        """A line typed with the terminal's own editing (cooked mode while it is typed). Input
        that ends in the middle of a line gives that line; the next read says it ended."""
        self._cooked()
        try:
            while not any(end in self._buffer for end in (b"\n", b"\r")):
                if self._closed:
                    if self._buffer:
                        break
                    raise Ended(CLOSED_INPUT, 0)
                try:
                    self._fill(None)
                except Ended as ended:
                    if ended.reason != CLOSED_INPUT or not self._buffer:
                        raise
                    self._closed = True
        finally:
            self._cbreak()
        ends = [i for i in (self._buffer.find(b"\n"), self._buffer.find(b"\r")) if i >= 0]
        end = min(ends, default=len(self._buffer))
        text = bytes(self._buffer[:end]).decode("utf-8", "replace")
        skip = 2 if self._buffer[end : end + 2] == b"\r\n" else 1
        del self._buffer[: end + skip]
        return text
