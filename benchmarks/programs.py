"""The programs measured: sessiontimer on a one-hold routine, and the bare Textual baselines.

All are started the same way, ``python -m MODULE ...`` from the repository root with the same
environment, so the difference between them is the app and nothing else.
"""

from __future__ import annotations

import datetime
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks.baselines import DIGITS_MARKER, STATIC_MARKER

ROOT = Path(__file__).resolve().parent.parent

# Shown on the session screen's first paint, above its keys.
SESSION_MARKER = "Pain spreading down your leg? Press !"
# Shown on the home screen's first paint, above the list of routines.
HOME_MARKER = "Routines — Enter starts the highlighted one"

ROUTINE = """\
name = "Benchmark hold"
description = "One long hold, written by the benchmark."
prepare = "0s"

[[steps]]
name = "Hold still"
kind = "hold"
hold = "{seconds}s"
"""


@dataclass(frozen=True)
class Program:
    name: str
    argv: tuple[str, ...]
    marker: str


def workspace(tmp: Path, hold_seconds: int) -> Path:
    """Write the routine into ``tmp`` and make a ``SESSIONTIMER_HOME`` with no history, whose
    config.toml is a person's who has answered today's questions (DESIGN.md section 2: then
    `run --no-checks` at real speed asks nothing); return the routine."""
    (tmp / "home").mkdir(exist_ok=True)
    today = datetime.date.today().isoformat()
    (tmp / "home" / "config.toml").write_text(
        f"[seen]\ndisclaimer = {today}\nred_flags = {today}\n", encoding="utf-8"
    )
    routine = tmp / "benchmark-hold.toml"
    routine.write_text(ROUTINE.format(seconds=hold_seconds), encoding="utf-8")
    return routine


def environment(tmp: Path) -> dict[str, str]:
    """The environment of every program: the caller's, made reproducible."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("TEXTUAL") and key not in {"COLUMNS", "LINES", "NO_COLOR"}
    }
    env["TERM"] = "xterm-256color"
    env["SESSIONTIMER_HOME"] = str(tmp / "home")
    # Bytecode caches as an installed app has them (pip compiles them), even where the caller
    # turned them off: written to the temporary folder by the unmeasured first launch, read by
    # the measured ones, for the baseline and sessiontimer alike. The repository is not touched.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


def _python(*args: str) -> tuple[str, ...]:
    return (sys.executable, *args)


def sessiontimer(routine: Path) -> Program:
    return Program(
        "sessiontimer",
        _python("-m", "sessiontimer", "run", str(routine), "--no-checks"),
        SESSION_MARKER,
    )


def sessiontimer_home() -> Program:
    """`sessiontimer` itself: the home screen (the routines, the break timer's line)."""
    return Program("sessiontimer home", _python("-m", "sessiontimer"), HOME_MARKER)


def bare_static() -> Program:
    return Program("bare Static", _python("-m", "benchmarks.baselines.bare_static"), STATIC_MARKER)


def bare_digits() -> Program:
    return Program("bare Digits", _python("-m", "benchmarks.baselines.bare_digits"), DIGITS_MARKER)
