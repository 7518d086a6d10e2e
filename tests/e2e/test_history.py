"""The whole program in a real terminal: every way a session can end shows up in `history --json`.

Completed, a safety stop (!), leaving (q, y), ctrl+q, SIGTERM, a closed terminal (SIGHUP) and
SIGKILL, each in its own process; then `sessiontimer history --json` (another process) reads them.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from sessiontimer.core.history.connection import connect_read_only
from sessiontimer.core.history.export import FIELDS
from tests.conftest import REPO
from tests.support.checks import answered_today
from tests.support.pty import PtyApp
from tests.support.wait import wait_until

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="pseudo-terminals and /proc")

SHORT = """\
name = "Quick check"
prepare = "1s"

[[steps]]
name = "March on the spot"
kind = "timed"
duration = "2s"
"""

LONG = """\
name = "Long hold"
prepare = "1s"

[[steps]]
name = "Knee to chest"
kind = "hold"
hold = "60s"
reps = 3
"""


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    (folder / "routines").mkdir(parents=True)
    (folder / "routines" / "quick.toml").write_text(SHORT, encoding="utf-8")
    (folder / "routines" / "long.toml").write_text(LONG, encoding="utf-8")
    (folder / "config.toml").write_text(answered_today(), encoding="utf-8")
    return folder


def start(home: Path, *args: str) -> PtyApp:
    return PtyApp(["run", *args, "--no-checks"], {"SESSIONTIMER_HOME": str(home)}, REPO)


def history(home: Path, *args: str) -> list[dict[str, Any]]:
    result = subprocess.run(
        [sys.executable, "-m", "sessiontimer", "history", "--json", *args],
        env={**os.environ, "SESSIONTIMER_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    return rows


def segments_done(home: Path) -> int:
    """How many segments the history file says are done so far (0 until the session's row is
    there): the program writes one at every segment boundary, as it goes."""
    try:
        conn = connect_read_only(home / "history.sqlite3")
    except sqlite3.Error:  # not made yet, or being made
        return 0
    try:
        (done,) = conn.execute("SELECT coalesce(max(segments_done), 0) FROM sessions").fetchone()
    except sqlite3.Error:
        return 0
    finally:
        conn.close()
    return int(done)


def the_one(home: Path) -> dict[str, Any]:
    [row] = history(home)
    assert datetime.fromisoformat(row["started_at"]).utcoffset() is not None
    if row["ended_at"] is not None:
        assert datetime.fromisoformat(row["ended_at"]) >= datetime.fromisoformat(row["started_at"])
    return row


def test_a_completed_session(home: Path) -> None:
    app = start(home, "quick")
    try:
        app.wait_for("Well done")
        app.press(b"\x11")  # ctrl+q
        assert app.wait() == 0
    finally:
        app.close()
    row = the_one(home)
    assert row["routine"] == "quick" and row["routine_name"] == "Quick check"
    assert row["status"] == "completed" and row["ended_at"] is not None
    assert row["segments_done"] == row["segments_total"] == 2
    assert row["rehearsal"] is False
    assert row["active_seconds"] == pytest.approx(3, abs=0.5)
    assert set(row) == set(FIELDS)  # every field of DESIGN.md section 6
    assert (row["segments_skipped"], row["stopped_step"], row["resumed"]) == (0, None, False)


def test_a_safety_stop(home: Path) -> None:
    app = start(home, "long")
    try:
        app.wait_for("Knee to chest")
        app.press(b"!")
        app.wait_for("SESSION STOPPED")
        app.press(b"\x11")
        assert app.wait() == 0
    finally:
        app.close()
    row = the_one(home)
    assert (row["status"], row["stop_reason"]) == ("stopped", "pain spreading down the leg")
    assert row["ended_at"] is not None


def test_leaving_and_a_rehearsal(home: Path) -> None:
    app = start(home, "long", "--speed", "2")
    try:
        app.wait_for("Knee to chest")
        app.press(b"q")
        app.wait_for("Leave this session?")
        app.press(b"y")
        app.wait_for("Session ended early")
        app.press(b"\x11")
        assert app.wait() == 0
    finally:
        app.close()
    row = the_one(home)
    assert (row["status"], row["rehearsal"]) == ("left", True)


def test_ctrl_q_in_the_middle_is_leaving(home: Path) -> None:
    app = start(home, "long")
    try:
        app.wait_for("Knee to chest")
        app.press(b"\x11")
        assert app.wait() == 0
    finally:
        app.close()
    row = the_one(home)
    assert row["status"] == "left" and row["ended_at"] is not None


def test_sigterm_ends_it_as_interrupted_and_puts_the_terminal_back(home: Path) -> None:
    app = start(home, "long")
    try:
        app.wait_for("Knee to chest")
        wait_until(lambda: segments_done(home) == 1, timeout=30)  # past the get-ready
        app.proc.send_signal(signal.SIGTERM)
        assert app.wait() == 128 + signal.SIGTERM
        # the alternate screen was left: the terminal is back (once the reader has it all)
        wait_until(lambda: b"\x1b[?1049l" in app.output())
    finally:
        app.close()
    row = the_one(home)
    assert row["status"] == "interrupted" and row["ended_at"] is not None
    assert row["segments_done"] == 1
    assert "SIGTERM" in row["stop_reason"]


def test_a_closed_terminal_ends_it_as_interrupted(home: Path) -> None:
    app = start(home, "long")
    try:
        app.wait_for("Knee to chest")
        wait_until(lambda: segments_done(home) == 1, timeout=30)  # past the get-ready
        app.hang_up()
        app.wait()
    finally:
        app.close()
    row = the_one(home)
    assert row["status"] == "interrupted" and row["ended_at"] is not None
    assert row["stop_reason"] == "the terminal was closed"
    assert row["segments_done"] == 1


def test_sigkill_loses_at_most_the_segment_in_progress(home: Path) -> None:
    app = start(home, "long")
    try:
        app.wait_for("Knee to chest")
        wait_until(lambda: segments_done(home) == 1, timeout=30)  # past the get-ready
        app.proc.send_signal(signal.SIGKILL)
        app.wait()
    finally:
        app.close()
    row = the_one(home)
    assert row["status"] == "interrupted"
    assert row["segments_done"] == 1  # the get-ready; the hold in progress is what was lost
    assert row["ended_at"] is not None  # its last boundary
    assert row["active_seconds"] == pytest.approx(1, abs=0.2)
