"""Hostile files and names (issue 19): each case once crashed, hung or leaked into the terminal.

The commands run in a fresh interpreter with a timeout, so that a hang fails the test instead of
stopping the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ANSWERED, REPO

GOOD = 'name = "Good"\n[[steps]]\nname = "Stretch"\nhold = "30s"\n'


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    (folder / "routines").mkdir(parents=True)
    (folder / "config.toml").write_text(ANSWERED, encoding="utf-8")
    (folder / "routines" / "good.toml").write_text(GOOD, encoding="utf-8")
    return folder


def cli(home: Path, *args: str | bytes, timeout: float = 20) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "sessiontimer", *args],
        env={**os.environ, "SESSIONTIMER_HOME": str(home)},
        cwd=REPO,
        capture_output=True,
        timeout=timeout,
        check=False,
    )


def test_a_fifo_named_like_a_routine_is_a_located_problem_not_a_hang(home: Path) -> None:
    fifo = home / "routines" / "x.toml"
    os.mkfifo(fifo)
    listed = cli(home, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = {row["id"]: row for row in json.loads(listed.stdout)}
    assert rows["good"]["valid"]
    assert not rows["x"]["valid"]
    assert "named pipe (FIFO), not a routine file" in rows["x"]["errors"][0]
    checked = cli(home, "validate", str(fifo))
    assert checked.returncode == 1
    assert f"{fifo}:1:1: this is a named pipe (FIFO), not a routine file".encode() in checked.stdout


def test_a_routine_that_is_a_link_to_dev_zero_is_refused_not_read_forever(home: Path) -> None:
    (home / "routines" / "zero.toml").symlink_to("/dev/zero")
    listed = cli(home, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    [row] = [r for r in json.loads(listed.stdout) if r["id"] == "zero"]
    assert row["errors"] == [
        f"{home / 'routines' / 'zero.toml'}:1:1: this is a device, not a routine file"
    ]


def test_a_fifo_named_config_toml_does_not_hang(home: Path) -> None:
    (home / "config.toml").unlink()
    os.mkfifo(home / "config.toml")
    shown = cli(home, "breaks", "--sit", "x")  # reads the config after the options
    assert shown.returncode == 1
    assert b"named pipe (FIFO)" in shown.stderr or b"--sit" in shown.stderr
    listed = cli(home, "list")
    assert listed.returncode == 0


def test_escape_sequences_in_a_file_name_never_reach_the_terminal(home: Path) -> None:
    name = "evil\x1b]0;pwned\x07\u202e.toml"
    (home / "routines" / name).write_text("hodl = 1\n", encoding="utf-8")
    for args in (
        ("list",),
        ("validate", str(home / "routines")),
        ("show", str(home / "routines" / name)),
    ):
        done = cli(home, *args)
        assert b"\x1b" not in done.stdout + done.stderr, args
        assert b"\x07" not in done.stdout + done.stderr, args
        assert "\u202e".encode() not in done.stdout + done.stderr, args
        assert b"Traceback" not in done.stderr, args


def test_a_routine_path_that_is_not_utf8_runs_and_is_stored(home: Path) -> None:
    raw = os.fsencode(home / "routines") + b"/caf\xe9.toml"
    with open(raw, "w", encoding="utf-8") as handle:
        handle.write('name = "Caf"\nprepare = "0s"\n[[steps]]\nname = "Hold"\nhold = "1s"\n')
    shown = cli(home, "show", raw)
    assert shown.returncode == 0, shown.stderr
    listed = cli(home, "list", "--json")
    assert listed.returncode == 0, listed.stderr
