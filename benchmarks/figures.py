"""The measurements: start-up and peak memory (one launch), CPU and wake-ups over a window."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from benchmarks.programs import ROOT, Program
from benchmarks.pty_run import PtyProcess, Snapshot, ThreadStat, snapshot

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Launch:
    """One start: seconds to the first screen, peak RSS a moment later, and how it quit."""

    startup_s: float
    peak_kib: int
    quit_by: str


def launch(program: Program, env: Mapping[str, str], settle_s: float) -> Launch:
    with PtyProcess(program.argv, env, ROOT, program.marker) as proc:
        startup = proc.wait_for_marker()
        time.sleep(settle_s)
        peak = snapshot(proc.pid).vm_hwm_kib
    return Launch(startup, peak, proc.quit_by)


@dataclass
class Launches:
    """Paired launches, alternating baseline and app so that drift hits both alike."""

    app: list[Launch] = field(default_factory=list)
    baseline: list[Launch] = field(default_factory=list)

    def median_startup(self, which: list[Launch]) -> float:
        return statistics.median(run.startup_s for run in which)

    def median_peak(self, which: list[Launch]) -> float:
        return statistics.median(run.peak_kib for run in which)


def paired_launches(
    app: Program, baseline: Program, env: Mapping[str, str], runs: int, settle_s: float
) -> Launches:
    # One unmeasured start of each first: it writes the bytecode caches and warms the page cache.
    launch(baseline, env, 0)
    launch(app, env, 0)
    result = Launches()
    for index in range(runs):
        order = (baseline, app) if index % 2 == 0 else (app, baseline)
        for program in order:
            run = launch(program, env, settle_s)
            (result.app if program is app else result.baseline).append(run)
    return result


@dataclass(frozen=True)
class CpuWindow:
    """CPU and wake-ups of one program over a window while it runs undisturbed."""

    seconds: float
    cpu_percent: float  # of one core, from the threads' run time (schedstat, nanoseconds)
    cpu_percent_ticks: float  # the same from utime+stime (clock ticks: coarse)
    wakeups_main: float  # voluntary context switches of the main (event loop) thread, per second
    wakeups_all: float  # voluntary context switches of all threads, per second
    preemptions_all: float  # involuntary context switches of all threads, per second
    threads: int
    ended_threads: int  # threads that ended inside the window (their time is in the ticks only)
    writes: float  # reads of terminal output per second (about one per screen update)
    bytes_out: float  # bytes of terminal output per second
    quit_by: str


def cpu_window(
    program: Program, env: Mapping[str, str], warmup_s: float, window_s: float
) -> CpuWindow:
    with PtyProcess(program.argv, env, ROOT, program.marker) as proc:
        pid = proc.pid
        proc.wait_for_marker()
        time.sleep(warmup_s)
        before = snapshot(pid)
        time.sleep(window_s)
        after = snapshot(pid)
        writes, size = proc.writes_between(before.at, after.at)
    return _window(pid, before, after, writes, size, proc.quit_by)


def _window(
    pid: int, before: Snapshot, after: Snapshot, writes: int, size: int, quit_by: str
) -> CpuWindow:
    elapsed = after.at - before.at
    zero = ThreadStat(0, 0, 0)  # a thread started inside the window counts from nothing
    deltas = {
        tid: ThreadStat(
            stat.cpu_ns - before.threads.get(tid, zero).cpu_ns,
            stat.voluntary - before.threads.get(tid, zero).voluntary,
            stat.involuntary - before.threads.get(tid, zero).involuntary,
        )
        for tid, stat in after.threads.items()
    }
    main = deltas.get(pid, zero)
    return CpuWindow(
        seconds=elapsed,
        cpu_percent=100 * sum(d.cpu_ns for d in deltas.values()) / 1e9 / elapsed,
        cpu_percent_ticks=100 * (after.cpu_ticks - before.cpu_ticks) / CLOCK_TICKS / elapsed,
        wakeups_main=main.voluntary / elapsed,
        wakeups_all=sum(d.voluntary for d in deltas.values()) / elapsed,
        preemptions_all=sum(d.involuntary for d in deltas.values()) / elapsed,
        threads=len(after.threads),
        ended_threads=len(before.threads.keys() - after.threads.keys()),
        writes=writes / elapsed,
        bytes_out=size / elapsed,
        quit_by=quit_by,
    )
