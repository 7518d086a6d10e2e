"""``python -m benchmarks``: sessiontimer against a bare Textual app, measured in one run.

Figures (DESIGN.md section 7): start-up to the first screen (of `run` and of the home screen)
and peak memory (median of paired launches, as ratios), CPU while a hold counts down (with wake-ups as evidence), and the history
with 10 years of sessions against an empty one (``history_perf``).
Exit status: 0 every budget met, 1 a budget missed, 2 a program could not be measured.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmarks import breaks_memory, cli_perf, history_perf, programs, timing
from benchmarks.figures import cpu_window, paired_launches
from benchmarks.programs import ROOT
from benchmarks.pty_run import COLUMNS, ROWS, MarkerTimeout
from benchmarks.report import (
    Row,
    ceiling_row,
    info_row,
    machine,
    ratio_row,
    readme_section,
    replace_section,
    table,
    to_json,
)

LATEST = ROOT / "benchmarks" / "latest.json"  # the figures the README shows
FIGURES = ("startup", "memory", "cpu", "timing", "history", "cli", "breaks")
STARTUP_RATIO = MEMORY_RATIO = 1.15
CPU_PERCENT = 1.0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="sessiontimer against a bare Textual app, measured in one run.",
    )
    parser.add_argument("--json", metavar="PATH", type=Path, help="also write the figures as JSON")
    parser.add_argument("--quick", action="store_true", help="short runs: a smoke test")
    parser.add_argument(
        "--only",
        metavar="LIST",
        default=",".join(FIGURES),
        help=f"comma-separated figures to measure, among {','.join(FIGURES)} (default: all)",
    )
    parser.add_argument(
        "--readme",
        action="store_true",
        help="also rewrite the Performance section of README.md and benchmarks/latest.json "
        "(a full run only: not with --quick or --only)",
    )
    args = parser.parse_args(argv)
    if args.readme and (args.quick or args.only != ",".join(FIGURES)):
        parser.error("--readme shows a full run: leave out --quick and --only")
    only = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(only) - set(FIGURES))
    if unknown or not only:
        parser.error(f"--only takes {','.join(FIGURES)}, not {args.only!r}")
    args.only = only
    return args


def settings(quick: bool) -> dict[str, Any]:
    return {
        "quick": quick,
        "launch_pairs": 3 if quick else 20,
        "settle_s": 1.0,  # after the first screen, before reading the peak RSS
        "warmup_s": 2.0,  # after the first screen, before the CPU window opens
        "window_s": 10.0 if quick else 30.0,
        "history_years": 10,
        "history_runs": 3 if quick else 10,  # median of; the in-process figures take 3 times more
        "timing_plan_s": 24 if quick else 120,  # short segments (timing.py)
        "cli_runs": 3 if quick else 10,  # median of, paired
        "terminal": f"{COLUMNS}x{ROWS} xterm-256color pty",
    }


def measure(only: list[str], config: dict[str, Any], tmp: Path) -> tuple[list[Row], dict[str, Any]]:
    hold = max(60, int(config["window_s"]) + 30)  # the hold outlasts start-up, warm-up and window
    app = programs.sessiontimer(programs.workspace(tmp, hold))
    env = programs.environment(tmp)
    rows: list[Row] = []
    details: dict[str, Any] = {}
    if "startup" in only or "memory" in only:
        baseline = programs.bare_static()
        print(f"launching {app.name} and {baseline.name}...", file=sys.stderr)
        runs = paired_launches(app, baseline, env, config["launch_pairs"], config["settle_s"])
        details["launches"] = {
            "sessiontimer": [asdict(run) for run in runs.app],
            "baseline": [asdict(run) for run in runs.baseline],
        }
        if "startup" in only:
            rows.append(
                ratio_row(
                    "start-up to first screen, median",
                    "ms",
                    1000 * runs.median_startup(runs.app),
                    1000 * runs.median_startup(runs.baseline),
                    STARTUP_RATIO,
                )
            )
        if "startup" in only:  # the home screen too (DESIGN.md section 7), against the same
            home = programs.sessiontimer_home()
            print(f"launching {home.name} and {baseline.name}...", file=sys.stderr)
            homes = paired_launches(home, baseline, env, config["launch_pairs"], config["settle_s"])
            details["launches"]["home"] = [asdict(run) for run in homes.app]
            details["launches"]["home_baseline"] = [asdict(run) for run in homes.baseline]
            rows.append(
                ratio_row(
                    "start-up to the home screen, median",
                    "ms",
                    1000 * homes.median_startup(homes.app),
                    1000 * homes.median_startup(homes.baseline),
                    STARTUP_RATIO,
                )
            )
        if "memory" in only:
            rows.append(
                ratio_row(
                    "peak memory (VmHWM), median",
                    "MiB",
                    runs.median_peak(runs.app) / 1024,
                    runs.median_peak(runs.baseline) / 1024,
                    MEMORY_RATIO,
                )
            )
    if "cpu" in only:
        baseline = programs.bare_digits()
        window = (config["warmup_s"], config["window_s"])
        print(f"CPU of {baseline.name} for {window[1]:g} s...", file=sys.stderr)
        base = cpu_window(baseline, env, *window)
        print(f"CPU of {app.name} for {window[1]:g} s...", file=sys.stderr)
        ours = cpu_window(app, env, *window)
        details["cpu"] = {"sessiontimer": asdict(ours), "baseline": asdict(base)}
        rows += [
            ceiling_row(
                "CPU while a hold counts down",
                "% of one core",
                ours.cpu_percent,
                base.cpu_percent,
                CPU_PERCENT,
            ),
            info_row("wake-ups, event-loop thread", "per s", ours.wakeups_main, base.wakeups_main),
            info_row("wake-ups, all threads", "per s", ours.wakeups_all, base.wakeups_all),
            info_row("terminal writes", "per s", ours.writes, base.writes),
            info_row("terminal output", "bytes per s", ours.bytes_out, base.bytes_out),
        ]
    if "timing" in only:
        more, details["timing"] = timing.measure(tmp, env, config["quick"])
        rows += more
    if "history" in only:
        more, details["history"] = history_perf.measure(
            tmp, env, config["history_runs"], config["history_years"]
        )
        rows += more
    if "cli" in only:
        more, details["cli"] = cli_perf.measure(tmp, env, config["cli_runs"])
        rows += more
    if "breaks" in only:
        more, details["breaks"] = breaks_memory.measure(env)
        rows += more
    return rows, details


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    config = settings(args.quick)
    where = machine()  # the load average before this run adds its own
    with tempfile.TemporaryDirectory(prefix="sessiontimer-bench-") as tmp:
        try:
            rows, details = measure(args.only, config, Path(tmp))
        except (
            MarkerTimeout,
            history_perf.NotMeasured,
            timing.TimingNotMeasured,
            cli_perf.CliNotMeasured,
        ) as err:
            print(f"benchmarks: {err}", file=sys.stderr)
            return 2
    print(table(rows))
    document = to_json(rows, config, details, where) + "\n"
    if args.json is not None:
        args.json.write_text(document, encoding="utf-8")
    if args.readme:
        LATEST.write_text(document, encoding="utf-8")
        readme = ROOT / "README.md"
        section = readme_section(json.loads(document))
        readme.write_text(replace_section(readme.read_text(encoding="utf-8"), section), "utf-8")
        print(f"wrote {LATEST.relative_to(ROOT)} and the Performance section of README.md")
    return 0 if all(row.passed is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
