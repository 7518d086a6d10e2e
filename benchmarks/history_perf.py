"""The history figures (issue 4, Performance): 10 years of sessions against an empty history.

Each figure is measured twice in the same run, on the same code: with the made-up history of
``history_data`` (about 11,000 sessions, 165,000 segment rows) and, as the baseline, with an
empty one (a history file with the schema and no sessions), so the table shows what the data
costs. Runs alternate between the two, so drift hits both alike.

- ``history --csv`` and ``--json``: the real command, ``python -m sessiontimer history --csv``
  from the repository root with ``SESSIONTIMER_HOME`` on a folder holding ``history.sqlite3``,
  from spawn to exit, its output read through a pipe; one unmeasured run of each first.
- ``report``: the real command the same way, writing its HTML file (the default period, the last
  12 weeks, with the 10 years in the file; and, as evidence, ``--since`` the first day: all 10
  years in the report, their charts drawn from the means of each week).
- The history screen: ``SessionTimerApp(history_path=..., clock=FakeClock(...))`` under
  ``run_test(size=(80, 24))``, in a child process (``python -m benchmarks.history_perf screen
  HOME``) so each home starts from a fresh interpreter. From the home screen (its history worker
  done), the clock starts at ``app.show_history()``; each frame the new screen hands to the
  driver is timed, after turning it into terminal output (the headless driver would drop it).
  The app runs at its own pace (no ``pilot.pause()``: that sleeps 20 ms at a time) until the
  screen is mounted, its workers are done and no frame came for ``QUIET_S``.
  *first frame*: the first one drawn with no worker running (the screen is up with its data);
  *settled*: its last frame (the table's scrollbar, the footer). The first open in a process (imports, CSS) is its own row; then the
  median over fresh apps.
- ``history_view`` (the queries and sums the screen shows), ``home_facts`` (what the home screen
  reads in its worker at start-up) and ``open_history`` on the file, in this process.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import importlib.util
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from datetime import time as day_time
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks import cli_perf
from benchmarks.history_data import generate
from benchmarks.programs import ROOT
from benchmarks.report import Row, ceiling_row, info_row

CSV_MS = 1000.0  # history --csv with 10 years (issue 4)
REPORT_MS = 2000.0  # sessiontimer report with 10 years of history (DESIGN.md section 7)
SCREEN_MS = 100.0  # the history screen opens with 10 years (issue 4, DESIGN.md section 7)
HISTORY_FILE = "history.sqlite3"
SCREEN_MODULE = "sessiontimer.tui.screens.history"
SCREEN_SIZE = (80, 24)
QUIET_S = 0.25  # no new frame for this long: the screen has settled
POLL_S = 0.002
SCREEN_TIMEOUT_S = 30.0


class NotMeasured(RuntimeError):
    """A history figure could not be measured (a command failed, the screen did not open)."""


@dataclass(frozen=True)
class Homes:
    """Two SESSIONTIMER_HOME folders: the made-up history and an empty one."""

    full: Path
    empty: Path
    today: date  # the last day of the made-up history


def make_homes(tmp: Path, years: float) -> tuple[Homes, dict[str, Any]]:
    full, empty = tmp / "history-full", tmp / "history-empty"
    for folder in (full, empty):
        folder.mkdir(parents=True, exist_ok=True)
    data = generate(full / HISTORY_FILE, years=years)
    from sessiontimer.core.history.connection import open_history

    open_history(empty / HISTORY_FILE).store.close()
    facts = {
        key: value if isinstance(value, int | float) else str(value)
        for key, value in asdict(data).items()
    }
    return Homes(full, empty, data.last_day), facts


def _ms(seconds: Sequence[float]) -> float:
    return 1000 * statistics.median(seconds)


def _paired(measure: Callable[[Path], float], homes: Homes, runs: int) -> dict[str, list[float]]:
    """``runs`` measurements of each home, alternating which goes first."""
    out: dict[str, list[float]] = {"full": [], "empty": []}
    for index in range(runs):
        order = ("full", "empty") if index % 2 == 0 else ("empty", "full")
        for which in order:
            out[which].append(measure(homes.full if which == "full" else homes.empty))
    return out


# --- the command line ---------------------------------------------------------------------------


def cli_once(home: Path, form: str | Sequence[str], env: Mapping[str, str]) -> float:
    """Seconds from spawn to exit of ``sessiontimer history --csv`` (or ``--json``; or the
    whole command given: ``report ...``)."""
    argv = ("history", form) if isinstance(form, str) else tuple(form)
    try:
        return cli_perf.once(argv, {**env, "SESSIONTIMER_HOME": str(home)})
    except cli_perf.CliNotMeasured as failed:
        raise NotMeasured(str(failed)) from None


# --- in this process ----------------------------------------------------------------------------


def repeat(call: Callable[[], object], runs: int) -> list[float]:
    call()  # warm: imports, the page cache
    seconds = []
    for _ in range(runs):
        began = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - began)
    return seconds


def open_runs(path: Path, runs: int) -> list[float]:
    from sessiontimer.core.history.connection import open_history

    return repeat(lambda: open_history(path, create=False).store.close(), runs)


def query_runs(path: Path, today: date, runs: int, what: str) -> list[float]:
    from sessiontimer.core.history.connection import open_history
    from sessiontimer.core.insights.overview import history_view, home_facts

    read = history_view if what == "history_view" else home_facts
    store = open_history(path, create=False).store
    try:
        return repeat(lambda: read(store, today), runs)
    finally:
        store.close()


# --- the history screen (in a child process) ----------------------------------------------------


def screen_available() -> bool:
    return importlib.util.find_spec(SCREEN_MODULE) is not None


def evening_of(day: date) -> float:
    """Calendar time of 22:00 local on ``day``: "today" for the screen, after its sessions."""
    return datetime.combine(day, day_time(22, 0)).astimezone().timestamp()


async def open_screen(home: Path, today: date) -> dict[str, float | int]:
    """One fresh app: seconds from ``show_history()`` to the screen's first and last frame."""
    from sessiontimer.core.base.clock import FakeClock
    from sessiontimer.tui.app import SessionTimerApp
    from sessiontimer.tui.textual_compat import watch_frames

    config = home / "config.toml"
    if not config.exists():  # the screen alone: home does not ask about the everyday activities
        config.write_text('psfs = "off"\n', encoding="utf-8")
    app = SessionTimerApp(
        history_path=home / HISTORY_FILE,
        clock=FakeClock(epoch=evening_of(today)),
        user_dir=home / "routines",
        config_path=home / "config.toml",
        theme="textual-dark",
    )
    async with app.run_test(size=SCREEN_SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the home screen has read the history
        await pilot.pause()
        home_screen = app.screen
        frames: list[float] = []
        loaded: list[float] = []  # frames drawn once no worker was running (the data is in)

        def timed(screen: Any, renderable: Any) -> None:
            if screen is not home_screen and renderable is not None:
                render = getattr(renderable, "render_segments", None)
                if render is not None:  # what a real driver would write to the terminal
                    render(app.console)
                frames.append(time.perf_counter())
                if not any(worker.is_running for worker in app.workers):
                    loaded.append(frames[-1])

        stop_watching = watch_frames(app, timed)  # every frame of every screen
        began = time.perf_counter()
        app.show_history()
        while not (
            app.screen is not home_screen
            and app.screen.is_mounted
            and loaded
            and time.perf_counter() - frames[-1] > QUIET_S
            and not any(worker.is_running for worker in app.workers)
        ):
            await asyncio.sleep(POLL_S)
        stop_watching()
        name = type(app.screen).__name__
        if name != "HistoryScreen":
            raise NotMeasured(f"show_history() opened {name}, not the HistoryScreen")
    return {
        "first_frame": loaded[0] - began,
        "settled": frames[-1] - began,
        "frames": len(frames),
    }


async def _screen_runs(home: Path, today: date, runs: int) -> list[dict[str, float | int]]:
    out = []
    for _ in range(runs + 1):  # the first one imports the screen and parses its CSS
        gc.collect()
        out.append(await asyncio.wait_for(open_screen(home, today), SCREEN_TIMEOUT_S))
    return out


def screen_child(
    home: Path, today: date, runs: int, env: Mapping[str, str]
) -> list[dict[str, Any]]:
    """Run ``_screen_runs`` in a fresh interpreter; its first entry is the cold open."""
    argv = (sys.executable, "-m", "benchmarks.history_perf", "screen", str(home), str(today))
    done = subprocess.run(
        (*argv, "--runs", str(runs)),
        env={**env, "SESSIONTIMER_HOME": str(home)},
        cwd=ROOT,
        capture_output=True,
        check=False,
        timeout=SCREEN_TIMEOUT_S * (runs + 1),
    )
    if done.returncode != 0:
        raise NotMeasured(f"the history screen: {done.stderr.decode().strip()[-2000:]}")
    result: list[dict[str, Any]] = json.loads(done.stdout)
    return result


# --- the figures ------------------------------------------------------------------------------


def measure(
    tmp: Path, env: Mapping[str, str], runs: int, years: float = 10
) -> tuple[list[Row], dict[str, Any]]:
    """The history rows of the table (made-up years against an empty history), and details."""
    print(f"writing {years:g} years of history...", file=sys.stderr)
    homes, data = make_homes(tmp, years)
    print(
        f"  {data['sessions']} sessions, {data['segments']} segment rows, "
        f"{data['size_bytes'] / 2**20:.1f} MiB, in {data['seconds']:.2f} s",
        file=sys.stderr,
    )
    label = f"{years:g} years"
    seconds: dict[str, dict[str, list[float]]] = {}
    details: dict[str, Any] = {"data": data, "runs": runs, "seconds": seconds}
    rows: list[Row] = []

    for form in ("--csv", "--json"):
        print(f"sessiontimer history {form}...", file=sys.stderr)
        for home in (homes.full, homes.empty):
            cli_once(home, form, env)  # unmeasured: the page cache, the bytecode caches
        seconds[form] = _paired(partial(cli_once, form=form, env=env), homes, runs)
    csv, as_json = seconds["--csv"], seconds["--json"]
    rows.append(
        ceiling_row(
            f"history --csv, {label}, median", "ms", _ms(csv["full"]), _ms(csv["empty"]), CSV_MS
        )
    )
    rows.append(
        info_row(
            f"history --json, {label}, median", "ms", _ms(as_json["full"]), _ms(as_json["empty"])
        )
    )

    print("sessiontimer report...", file=sys.stderr)
    for which, extra in (("report", ()), ("report --since", ("--since", str(data["first_day"])))):
        argv = ("report", "--out", str(tmp / "report.html"), *extra)
        for home in (homes.full, homes.empty):
            cli_once(home, argv, env)  # unmeasured
        seconds[which] = _paired(partial(cli_once, form=argv, env=env), homes, runs)
    rows.append(
        ceiling_row(
            f"report (12 weeks), {label}, median",
            "ms",
            _ms(seconds["report"]["full"]),
            _ms(seconds["report"]["empty"]),
            REPORT_MS,
        )
    )
    rows.append(
        info_row(
            f"report --since the first day ({label} in it), median",
            "ms",
            _ms(seconds["report --since"]["full"]),
            _ms(seconds["report --since"]["empty"]),
        )
    )

    if screen_available():
        print("the history screen...", file=sys.stderr)
        opened = {
            "full": screen_child(homes.full, homes.today, runs, env),
            "empty": screen_child(homes.empty, homes.today, runs, env),
        }
        details["screen"] = opened
        first = {key: [run["first_frame"] for run in value[1:]] for key, value in opened.items()}
        settled = {key: [run["settled"] for run in value[1:]] for key, value in opened.items()}
        cold = {key: 1000 * value[0]["first_frame"] for key, value in opened.items()}
        rows += [
            ceiling_row(
                f"history screen, {label}: first frame, median",
                "ms",
                _ms(first["full"]),
                _ms(first["empty"]),
                SCREEN_MS,
            ),
            info_row(
                f"history screen, {label}: settled, median",
                "ms",
                _ms(settled["full"]),
                _ms(settled["empty"]),
            ),
            info_row(
                f"history screen, {label}: first frame, first open",
                "ms",
                cold["full"],
                cold["empty"],
            ),
        ]
    else:
        details["screen"] = f"skipped: {SCREEN_MODULE} does not exist yet"
        print(f"the history screen: skipped, {SCREEN_MODULE} does not exist yet", file=sys.stderr)

    print("history_view, home_facts, open_history...", file=sys.stderr)
    many = 3 * runs  # quick ones: more runs for a steadier median
    full_file, empty_file = homes.full / HISTORY_FILE, homes.empty / HISTORY_FILE
    for what in ("history_view", "home_facts"):
        seconds[what] = {
            "full": query_runs(full_file, homes.today, many, what),
            "empty": query_runs(empty_file, homes.today, many, what),
        }
    seconds["open_history"] = {
        "full": open_runs(full_file, many),
        "empty": open_runs(empty_file, many),
    }
    for what, figure in (
        ("history_view", "history_view (the screen's queries)"),
        ("home_facts", "home_facts (home screen worker)"),
        ("open_history", "open_history"),
    ):
        full, empty = _ms(seconds[what]["full"]), _ms(seconds[what]["empty"])
        name = f"{figure}, {label}, median"
        if what == "history_view":
            rows.append(ceiling_row(name, "ms", full, empty, SCREEN_MS))
        else:
            rows.append(info_row(name, "ms", full, empty))
    return rows, details


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m benchmarks.history_perf screen HOME TODAY [--runs N]``: the screen timings of
    one home as JSON (used by ``measure``; the whole set is ``python -m benchmarks --only
    history``)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.history_perf")
    parser.add_argument("what", choices=["screen"])
    parser.add_argument("home", type=Path)
    parser.add_argument("today", type=date.fromisoformat)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)
    print(json.dumps(asyncio.run(_screen_runs(args.home, args.today, args.runs))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
