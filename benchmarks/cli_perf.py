"""The routine commands with many files: ``validate`` of 500 routine files and ``list`` with 200
user routines, each from spawn to exit (``python -m sessiontimer ...`` from the repository root,
output read through a pipe), against the same command on one file / no user routine.

The files are copies of the built-in routines (realistic: comments, several steps, cues), each
with its own name, round-robin; the same every run.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from benchmarks.programs import ROOT
from benchmarks.report import Row, ceiling_row, info_row

VALIDATE_FILES = 500
LIST_ROUTINES = 200
VALIDATE_MS = 1000.0  # validate of 500 files (issue 7)


class CliNotMeasured(RuntimeError):
    """A command failed."""


def copies(folder: Path, count: int) -> list[Path]:
    """``count`` valid routine files in ``folder``, copied from the built-in ones."""
    sources = sorted((ROOT / "routines").glob("*.toml"))
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for number in range(count):
        source = sources[number % len(sources)]
        text = source.read_text(encoding="utf-8").replace("#:schema ./routine.schema.json\n", "")
        path = folder / f"copy-{number:03d}-{source.name}"
        path.write_text(text, encoding="utf-8")
        made.append(path)
    return made


def once(argv: Sequence[str], env: Mapping[str, str]) -> float:
    """Seconds from spawn to exit; the command must succeed."""
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "sessiontimer", *argv],
        env=dict(env),
        cwd=ROOT,
        capture_output=True,
        check=False,
        timeout=60,
    )
    elapsed = time.perf_counter() - began
    if done.returncode != 0:
        raise CliNotMeasured(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode()}")
    return elapsed


def paired(
    many: Sequence[str],
    one: Sequence[str],
    env_many: Mapping[str, str],
    env_one: Mapping[str, str],
    runs: int,
) -> tuple[list[float], list[float]]:
    """One unmeasured run of each, then ``runs`` pairs, alternating which goes first."""
    once(many, env_many)
    once(one, env_one)
    big: list[float] = []
    small: list[float] = []
    for index in range(runs):
        if index % 2 == 0:
            big.append(once(many, env_many))
            small.append(once(one, env_one))
        else:
            small.append(once(one, env_one))
            big.append(once(many, env_many))
    return big, small


def measure(tmp: Path, env: Mapping[str, str], runs: int) -> tuple[list[Row], dict[str, Any]]:
    files = copies(tmp / "validate", VALIDATE_FILES)
    single = tmp / "validate-one"
    single.mkdir(exist_ok=True)
    one_file = single / files[0].name
    one_file.write_text(files[0].read_text(encoding="utf-8"), encoding="utf-8")
    print(f"validate {VALIDATE_FILES} files, list {LIST_ROUTINES} routines...", file=sys.stderr)
    validate, validate_one = paired(
        ["validate", str(tmp / "validate")], ["validate", str(one_file)], env, env, runs
    )

    full_home, empty_home = tmp / "list-home", tmp / "list-empty"
    copies(full_home / "routines", LIST_ROUTINES)
    empty_home.mkdir(exist_ok=True)
    listed, listed_none = paired(
        ["list"],
        ["list"],
        {**env, "SESSIONTIMER_HOME": str(full_home)},
        {**env, "SESSIONTIMER_HOME": str(empty_home)},
        runs,
    )

    def ms(values: list[float]) -> float:
        return 1000 * statistics.median(values)

    rows = [
        ceiling_row(
            f"validate {VALIDATE_FILES} files (vs 1 file), median",
            "ms",
            ms(validate),
            ms(validate_one),
            VALIDATE_MS,
        ),
        info_row(
            f"list with {LIST_ROUTINES} user routines (vs none), median",
            "ms",
            ms(listed),
            ms(listed_none),
        ),
    ]
    details = {
        "validate_s": validate,
        "validate_one_s": validate_one,
        "list_s": listed,
        "list_none_s": listed_none,
    }
    return rows, details
