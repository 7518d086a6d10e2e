"""A plain, non-editable install carries the built-in routines and the schema, and runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ANSWERED, REPO

BUILTINS = sorted(p.stem for p in (REPO / "routines").glob("*.toml"))


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this checkout, installed (without deps) into a folder of its own."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("sessiontimer-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for routine in BUILTINS:
        assert f"sessiontimer/routines/{routine}.toml" in names
    assert "sessiontimer/routines/routine.schema.json" in names
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    return target


def run_installed(target: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(target), "SESSIONTIMER_HOME": str(tmp_path / "home")}
    return subprocess.run(
        [sys.executable, "-m", "sessiontimer", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,  # not the checkout: the installed copy must be the one imported
    )


def test_installed_wheel_lists_builtins(installed: Path, tmp_path: Path) -> None:
    result = run_installed(installed, tmp_path, "list", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert sorted(r["id"] for r in rows) == BUILTINS
    assert all(r["valid"] and r["source"] == "built-in" for r in rows)


def test_installed_wheel_shows_and_runs_every_builtin(installed: Path, tmp_path: Path) -> None:
    script = (
        "import asyncio, sessiontimer\n"
        "from sessiontimer.system import paths\n"
        "assert paths.builtin_routines_dir().is_relative_to("
        f"{str(installed)!r}), paths.builtin_routines_dir()\n"
        "from tests_support import run_to_the_end\n"
        f"for rid in {BUILTINS!r}:\n"
        "    assert asyncio.run(run_to_the_end(rid)) == 'completed', rid\n"
        "print('ok')\n"
    )
    (tmp_path / "home").mkdir(exist_ok=True)  # the disclaimer read, the red flags off
    (tmp_path / "home" / "config.toml").write_text(ANSWERED, encoding="utf-8")
    support = tmp_path / "tests_support.py"
    support.write_text((REPO / "tests" / "support" / "session.py").read_text(encoding="utf-8"))
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(installed), str(tmp_path)]),
        "SESSIONTIMER_HOME": str(tmp_path / "home"),
    }
    for rid in BUILTINS:
        shown = run_installed(installed, tmp_path, "show", rid, "--json")
        assert shown.returncode == 0 and json.loads(shown.stdout)["segments"], shown.stderr
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "ok"
