"""The two Textual 8.2.8 bugs of tests/tui/test_textual_bugs.py, met where the user met them: the
real program in a pseudo-terminal, reading it through Textual's Linux driver (ctrl+p then PageDown
in one read of the terminal; a bracketed paste holding an ESC)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sessiontimer.tui.textual_compat import PASTE_END, PASTE_START
from tests.conftest import REPO
from tests.support.pty import PtyApp

QUICK = """\
name = "Quick check"
prepare = "1s"

[[steps]]
name = "March on the spot"
kind = "timed"
duration = "2s"
"""

on_linux = pytest.mark.skipif(sys.platform != "linux", reason="pseudo-terminals")


def paste(text: str) -> bytes:
    return (PASTE_START + text + PASTE_END).encode()


def start(home: Path, *args: str) -> PtyApp:
    (home / "routines" / "quick.toml").write_text(QUICK, encoding="utf-8")
    config = home / "config.toml"
    config.write_text('sound = "off"\nchecks = "every"\n[seen]\ndisclaimer = 2026-01-01\n', "utf-8")
    return PtyApp(args, {"SESSIONTIMER_HOME": str(home)}, REPO)


@on_linux
def test_ctrl_p_then_page_down_in_one_write_in_a_real_terminal(home: Path) -> None:
    app = start(home)
    try:
        app.wait_for("Enter starts the highlighted one")
        app.press(b"\x10\x1b[6~")  # ctrl+p, PageDown: one read of the terminal
        app.wait_for("Search for commands")
        home_again = app.mark()
        app.press(b"\x1b")  # after PageDown in the input: the bug would have struck by now
        app.wait_for("Enter starts the highlighted one", after=home_again)  # the palette closed
        app.press(b"\x11")  # ctrl+q
        assert app.wait() == 0
        assert "KeyError" not in app.text()
    finally:
        app.close()


@on_linux
def test_a_paste_ending_in_esc_stays_in_the_routine_editor(home: Path) -> None:
    app = start(home)
    try:
        app.wait_for("Enter starts the highlighted one")
        app.press(b"e")
        app.wait_for("Rehearse")
        app.press(paste("# pasted\x1b"))  # Textual: the escape key, before the paste: editor closed
        app.wait_for("● modified")
        app.press(b"\x1b")  # the editor is still open, with the paste in it: Escape asks
        app.wait_for("Leave the editor without saving?")
    finally:
        app.close()


@on_linux
def test_a_paste_does_not_answer_the_red_flag_questions(home: Path) -> None:
    app = start(home, "run", "quick")
    try:
        app.wait_for("do any of these apply to you today?")
        app.press(paste("abc\x1bydef"))  # Textual: the keys ^ y d e f: "yes, one applies"
        app.press(b"n")
        app.wait_for("How bad is your pain right now?")
        assert "GETHELPNOW" not in app.text()  # (text() has no spaces)
    finally:
        app.close()
