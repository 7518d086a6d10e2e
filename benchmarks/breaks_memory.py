"""A working day of breaks: the sit/stand timer through 60 short cycles (sit, the break called,
stand, sit again), in the real app on a fake clock, headless, in a fresh interpreter. The figure is
the resident memory after cycle 60 against after cycle 5 (DESIGN.md section 7: within 1 MiB), so
that an app left open all day does not grow; and, for what happens after, cycle 120 against 60.

(Textual 8.2.8's footer kept every key it ever showed: 20 MiB over 60 cycles, fixed by
tui/textual_compat.pruned_footer. What still grows between cycle 5 and 60 is Textual's and Rich's
bounded render caches filling up; from 60 to 120 it is flat.)

Run alone: ``python -m benchmarks.breaks_memory`` prints the JSON the benchmark reads.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from benchmarks.programs import ROOT
from benchmarks.report import Row, ceiling_row, info_row

CYCLES = 60
FIRST = 5  # the memory after this many cycles is the reference
LATER = 120  # and once more after this many: does it still grow once Textual's caches are full?
GROWTH_MIB = 1.0


def resident_kib() -> int:
    """This process's resident memory now (VmRSS)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


async def cycles(
    home: Path, count: int = LATER, marks: tuple[int, ...] = (FIRST, CYCLES, LATER)
) -> dict[str, Any]:
    from sessiontimer.core.base.clock import FakeClock
    from sessiontimer.core.breaks.settings import BreakSettings
    from sessiontimer.tui.app import SessionTimerApp

    (home / "routines").mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(
        'sound = "off"\nchecks = "off"\n[seen]\ndisclaimer = 2026-01-01\n', encoding="utf-8"
    )
    clock = FakeClock()
    app = SessionTimerApp(
        clock=clock,
        user_dir=home / "routines",
        config_path=home / "config.toml",
        history_path=home / "history.sqlite3",
        break_settings=BreakSettings(sit=4, stand=3, snooze=60, max_snoozes=2),
        open_breaks=True,
        theme="textual-dark",
    )
    memory: dict[int, int] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for cycle in range(1, count + 1):
            clock.advance(4)  # sitting is over: the break is called
            app.breaks.tick()
            await pilot.pause()
            await pilot.press("t")  # taken: standing
            await pilot.pause()
            clock.advance(3)  # standing is over: sit again
            app.breaks.tick()
            await pilot.pause()
            await app.workers.wait_for_complete()
            if cycle in marks:
                gc.collect()
                await pilot.pause()
                memory[cycle] = resident_kib()
        breaks = app.breaks.today
    return {
        "kib_after": {str(cycle): kib for cycle, kib in memory.items()},
        "taken": breaks.taken if breaks is not None else None,
    }


def measure(env: Mapping[str, str]) -> tuple[list[Row], dict[str, Any]]:
    """The figure, from a fresh interpreter (so nothing measured before is in its memory)."""
    print(f"the break timer through {CYCLES} cycles...", file=sys.stderr)
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.breaks_memory"],
        env=dict(env),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    kib = {int(cycle): value for cycle, value in result["kib_after"].items()}
    rows = [
        ceiling_row(
            f"memory growth, break cycles {FIRST} -> {CYCLES}",
            "MiB",
            (kib[CYCLES] - kib[FIRST]) / 1024,
            None,
            GROWTH_MIB,
        ),
        info_row(
            f"memory growth, break cycles {CYCLES} -> {LATER}",
            "MiB",
            (kib[LATER] - kib[CYCLES]) / 1024,
            None,
        ),
        info_row(f"resident memory after {LATER} break cycles", "MiB", kib[LATER] / 1024, None),
    ]
    return rows, result


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="sessiontimer-breaks-") as tmp:
        os.environ["SESSIONTIMER_HOME"] = tmp
        result = asyncio.run(cycles(Path(tmp) / "home"))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
