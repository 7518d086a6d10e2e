"""Plain mode in a real terminal and through a pipe, as a screen-reader user or a script would run
it: every key, a safety stop with its advice, a self-paced set and a heat pack, and every way the
process can be ended (SIGTERM, a closed terminal, Ctrl+C, SIGKILL, the input closed); then
`sessiontimer history --json` (another process) reads what was kept."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.e2e.test_history import history, segments_done
from tests.support.checks import answered_today
from tests.support.pty import PtyApp
from tests.support.wait import wait_until

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="pseudo-terminals")

HOLD = """\
name = "Long hold"
prepare = "1s"

[[steps]]
name = "Knee to chest"
how = "Lie on your back and hug one knee."
hold = "60s"
reps = 2
"""

PACK_AND_SETS = """\
name = "Warm and tilt"
prepare = "1s"

[[steps]]
name = "Heat pack"
kind = "heat"
duration = "2s"
check_every = "1s"

[[steps]]
name = "Pelvic tilt"
kind = "reps"
reps = 5
"""

CSI = b"\x1b["


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    (folder / "routines").mkdir(parents=True)
    (folder / "routines" / "hold.toml").write_text(HOLD, encoding="utf-8")
    (folder / "routines" / "pack.toml").write_text(PACK_AND_SETS, encoding="utf-8")
    (folder / "config.toml").write_text(answered_today(), encoding="utf-8")
    return folder


def start(home: Path, *args: str, **env: str) -> PtyApp:
    return PtyApp(["run", *args], {"SESSIONTIMER_HOME": str(home), "NO_COLOR": "1", **env}, REPO)


def lines(app: PtyApp) -> list[str]:
    """What a screen reader reads: the output, line by line."""
    return app.output().decode("utf-8", "replace").replace("\r\n", "\n").split("\n")


def test_every_key_in_a_terminal(home: Path) -> None:
    app = start(home, "hold", "--plain", "--no-checks")
    try:
        app.wait_for("Step 1 of 1: Knee to chest. Get ready, 1 second.")
        app.wait_for("Hold 1 minute, rep 1 of 2.")
        app.press(b" ")
        app.wait_for("Paused. Press Space to go on.")
        app.press(b" ")
        app.wait_for("Going on.")
        mark = app.mark()
        app.press(b"n")  # skip to the rest
        app.wait_for("Rest 5 seconds.", after=mark)
        mark = app.mark()
        app.press(b"b")
        app.wait_for("Hold 1 minute, rep 1 of 2.", after=mark)
        mark = app.mark()
        app.press(b"r")
        app.wait_for("Hold 1 minute, rep 1 of 2.", after=mark)
        app.press(b"t")
        app.wait_for("Now: Step 1 of 1: Knee to chest.")
        app.press(b"?")
        app.wait_for("End of the help.")
        app.wait_for("Your session is paused while you read this. Press Space to go on.")
        app.press(b" ")
        mark = app.mark()
        app.press(b"\x1b[C")  # the right arrow: next
        app.wait_for("Rest 5 seconds.", after=mark)
        app.press(b"q")
        app.wait_for("Leave this session?")
        app.press(b"n")
        mark = app.mark()
        app.press(b"q")
        app.wait_for("Leave this session?", after=mark)
        app.press(b"y")
        app.wait_for("Session ended early.")
        assert app.wait() == 0
    finally:
        app.close()
    said = lines(app)
    assert "Lie on your back and hug one knee." in said
    assert CSI not in app.output()  # NO_COLOR: no escape sequence at all
    [row] = history(home)
    # every hold was skipped before a second of it was done: nothing done, so "skipped" (issue 18)
    assert row["status"] == "skipped" and row["rehearsal"] is False


def test_a_safety_stop_with_its_questions_and_advice(home: Path) -> None:
    app = start(home, "hold", "--plain")
    try:
        app.wait_for("Type a number, then Enter.")
        app.press(b"3\n")  # pain before: typed, with the terminal's own echo
        app.wait_for("Pain: 3 out of 10.")
        app.press(b"\n")  # the leg question skipped
        app.wait_for("Hold 1 minute, rep 1 of 2.")
        app.press(b"!")
        app.wait_for("You stopped. How is it right now?")
        app.press(b"7\n")
        app.wait_for("Pain: 7 out of 10.")
        app.press(b"4")
        app.wait_for("SESSION STOPPED")
        app.wait_for("Do not exercise. Call your emergency number now")
        assert app.wait() == 0
    finally:
        app.close()
    [row] = history(home)
    assert (row["status"], row["stop_reason"]) == ("stopped", "pain spreading down the leg")
    assert (row["pain_before"], row["pain_after"]) == (3, 7)
    said = lines(app)
    assert "You stopped during: Knee to chest." in said
    assert any(line.startswith("3") for line in said)  # the typed pain was echoed


def test_a_heat_pack_and_a_self_paced_set(home: Path) -> None:
    app = start(home, "pack", "--plain", "--no-checks")
    try:
        app.wait_for("Before the heat pack goes on")
        app.press(b" ")
        app.wait_for("Heat pack on, 2 seconds.")
        app.wait_for("Check your skin")
        app.wait_for("Time is up. Take the pack off now. Press Space when it is off.")
        app.press(b" ")
        app.wait_for("5 reps at your own pace. Press Space when done.")
        app.press(b" ")
        app.wait_for("Routine complete. Well done.")
        assert app.wait() == 0
    finally:
        app.close()
    [row] = history(home)
    assert row["status"] == "completed" and row["segments_done"] == row["segments_total"] == 4


def test_term_dumb_is_plain_mode_too(home: Path) -> None:
    app = start(home, "pack", "--no-checks", TERM="dumb")
    try:
        app.wait_for("Before the heat pack goes on")
        app.press(b"n")  # the pack skipped
        app.wait_for("5 reps at your own pace.")
        app.press(b" ")
        assert app.wait() == 0
    finally:
        app.close()
    assert CSI not in app.output()
    assert "Skipped: Heat pack." in lines(app)


def run_until_the_hold(home: Path) -> PtyApp:
    app = start(home, "hold", "--plain", "--no-checks")
    app.wait_for("Hold 1 minute, rep 1 of 2.")
    wait_until(lambda: segments_done(home) == 1, timeout=30)  # past the get-ready
    return app


def test_sigterm_ends_it_as_interrupted(home: Path) -> None:
    app = run_until_the_hold(home)
    try:
        app.proc.send_signal(signal.SIGTERM)
        assert app.wait() == 128 + signal.SIGTERM
        wait_until(lambda: b"Session interrupted" in app.output())
    finally:
        app.close()
    [row] = history(home)
    assert (row["status"], row["stop_reason"]) == (
        "interrupted",
        "the app was told to end (SIGTERM)",
    )
    assert row["segments_done"] == 1 and row["ended_at"] is not None
    assert b"Traceback" not in app.output()


def test_a_closed_terminal_ends_it_as_interrupted(home: Path) -> None:
    app = run_until_the_hold(home)
    try:
        app.hang_up()
        app.wait()
    finally:
        app.close()
    [row] = history(home)
    assert (row["status"], row["stop_reason"]) == ("interrupted", "the terminal was closed")


def test_ctrl_c_ends_it_as_interrupted(home: Path) -> None:
    app = run_until_the_hold(home)
    try:
        app.press(b"\x03")  # the terminal sends SIGINT
        assert app.wait() == 130
    finally:
        app.close()
    [row] = history(home)
    assert (row["status"], row["stop_reason"]) == (
        "interrupted",
        "Ctrl+C was pressed",
    )
    assert b"Traceback" not in app.output()


def test_sigkill_loses_at_most_the_segment_in_progress(home: Path) -> None:
    app = run_until_the_hold(home)
    try:
        app.proc.send_signal(signal.SIGKILL)
        app.wait()
    finally:
        app.close()
    [row] = history(home)
    assert row["status"] == "interrupted" and row["segments_done"] == 1


def plain_through_pipes(home: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "sessiontimer", "run", "pack", "--plain", "--no-checks"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "SESSIONTIMER_HOME": str(home), "TERM": "xterm-256color"},
        cwd=REPO,
    )


def test_a_script_of_keys_through_a_pipe(home: Path) -> None:
    """Scriptable: keys from a pipe as they come, lines to a pipe, with no escape sequence and
    no bell."""
    process = plain_through_pipes(home)
    assert process.stdin is not None
    try:
        process.stdin.write(b" ")  # ready for the pack
        process.stdin.flush()
        wait_until(lambda: segments_done(home) == 2, timeout=30)  # the pack's time is up
        process.stdin.write(b" ")  # the pack is off
        process.stdin.flush()
        wait_until(lambda: segments_done(home) == 3, timeout=30)  # in the self-paced set
        process.stdin.write(b" ")  # done
        process.stdin.flush()
        out, err = process.communicate(timeout=30)  # (then the input ends)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0 and err == b""
    assert b"\x1b" not in out and b"\a" not in out
    said = out.decode().splitlines()
    assert "Heat pack on, 2 seconds." in said
    assert "Routine complete. Well done." in said
    [row] = history(home)
    assert row["status"] == "completed"


def test_the_input_closing_ends_it_as_interrupted(home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sessiontimer", "run", "pack", "--plain", "--no-checks"],
        input=b" ",  # ready for the pack; then the input ends
        capture_output=True,
        env={**os.environ, "SESSIONTIMER_HOME": str(home)},
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 0 and result.stderr == b""
    assert result.stdout.decode().splitlines()[-1] == (
        "Session interrupted: the input was closed. What you did so far is kept."
    )
    [row] = history(home)
    assert (row["status"], row["stop_reason"]) == ("interrupted", "the input was closed")
