"""Plain mode's terminal: keys one at a time from a pipe (a script) and from a terminal in cbreak
mode (put back as it was), lines with no escape sequence unless a terminal welcomes bold, and the
signals that end a wait for a key."""

from __future__ import annotations

import contextlib
import io
import os
import pty
import signal
import termios
from collections.abc import Iterator

import pytest

from sessiontimer.plain.console import (
    CLOSED_INPUT,
    CTRL_C,
    Ended,
    Output,
    SignalWatch,
    StreamKeys,
    styled_output,
)


@pytest.fixture
def pipe() -> Iterator[tuple[int, int]]:
    read, write = os.pipe()
    yield read, write
    for fd in (read, write):
        with contextlib.suppress(OSError):
            os.close(fd)


def test_keys_from_a_pipe(pipe: tuple[int, int]) -> None:
    read, write = pipe
    os.write(write, b" nb!?q\x1b[C\x1b[D\x1bOP\x1b\rx\xc3\xa9\x11")
    keys = StreamKeys(read)
    got = [keys.key(0) for _ in range(13)]
    assert got == [
        "space",
        "n",
        "b",
        "!",
        "?",
        "q",
        "right",
        "left",
        "f1",
        "escape",
        "enter",
        "x",
        "é",
    ]
    assert keys.key(0) == "ctrl+q"
    assert keys.key(0) is None  # nothing more yet: the time passed first
    os.close(write)
    with pytest.raises(Ended) as ended:
        keys.key(None)
    assert (ended.value.reason, ended.value.code) == (CLOSED_INPUT, 0)


def test_lines_from_a_pipe(pipe: tuple[int, int]) -> None:
    read, write = pipe
    os.write(write, "6\r\nsore calf, ça va\n3".encode())
    keys = StreamKeys(read)
    assert keys.line() == "6"
    assert keys.line() == "sore calf, ça va"
    os.close(write)
    assert keys.line() == "3"  # the last line, without its newline
    with pytest.raises(Ended):
        keys.key(None)


def test_ctrl_c_and_ctrl_d_as_bytes(pipe: tuple[int, int]) -> None:
    read, write = pipe
    os.write(write, b"\x03\x04")
    keys = StreamKeys(read)
    with pytest.raises(Ended) as ended:
        keys.key(None)
    assert (ended.value.reason, ended.value.code) == (CTRL_C, 130)
    with pytest.raises(Ended) as ended:
        keys.key(None)
    assert ended.value.reason == CLOSED_INPUT


def test_a_terminal_is_in_cbreak_mode_and_put_back() -> None:
    master, slave = pty.openpty()
    try:
        before = termios.tcgetattr(slave)
        assert before[3] & termios.ICANON and before[3] & termios.ECHO
        with StreamKeys(slave) as keys:
            during = termios.tcgetattr(slave)
            assert not during[3] & (termios.ICANON | termios.ECHO)  # each key, not echoed
            assert during[3] & termios.ISIG  # Ctrl+C is still a signal
            os.write(master, b"n")
            assert keys.key(1) == "n"  # no Enter needed
            os.write(master, b"7\n")
            assert keys.line() == "7"  # a line: the terminal's own editing, for a moment
            assert termios.tcgetattr(slave)[3] == during[3]
        assert termios.tcgetattr(slave) == before
    finally:
        os.close(master)
        os.close(slave)


def test_a_signal_ends_a_wait(pipe: tuple[int, int]) -> None:
    read, _write = pipe
    with SignalWatch() as watch:
        keys = StreamKeys(read, watch)
        os.kill(os.getpid(), signal.SIGTERM)
        with pytest.raises(Ended) as ended:
            keys.key(None)
    assert (ended.value.reason, ended.value.code) == ("the app was told to end (SIGTERM)", 143)
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # put back


def test_ctrl_c_from_a_terminal_is_a_signal_too(pipe: tuple[int, int]) -> None:
    read, _write = pipe
    with SignalWatch() as watch:
        keys = StreamKeys(read, watch)
        os.kill(os.getpid(), signal.SIGINT)
        with pytest.raises(Ended) as ended:
            keys.key(5)
    assert (ended.value.reason, ended.value.code) == (CTRL_C, 130)


def test_no_escape_sequence_unless_a_terminal_welcomes_it() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert styled_output({"TERM": "xterm"}, Tty())
    assert not styled_output({"TERM": "xterm", "NO_COLOR": "1"}, Tty())
    assert not styled_output({"TERM": "dumb"}, Tty())
    assert not styled_output({"TERM": "xterm"}, io.StringIO())  # a pipe or a file

    plain = Output(io.StringIO())
    plain.heading("SESSION STOPPED")
    plain.line("Step 1: \x1b[31mred\x1b[0m")
    plain.bell()
    assert plain.stream.getvalue() == "SESSION STOPPED\nStep 1:  [31mred [0m\n"

    styled = Output(io.StringIO(), styled=True, ring=True)
    styled.heading("SESSION STOPPED")
    styled.bell()
    assert styled.stream.getvalue() == "\x1b[1mSESSION STOPPED\x1b[0m\n\a"  # bold, no colour


def test_a_terminal_that_went_away_is_not_an_error() -> None:
    class Gone(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(5, "Input/output error")

    out = Output(Gone())
    out.line("Hold 30 seconds.")
    out.line("again")
    assert out.dead
