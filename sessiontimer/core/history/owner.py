"""Which process is running a session, and whether that process is still alive.

A session row carries its owner ("host pid start"), so that a row left ``in_progress`` by a
process that was killed (SIGKILL, a crash, a power cut) reads as interrupted afterwards, while a
session running right now in another terminal does not. On Linux the process start time (from
/proc) and the boot id guard against a pid used again by another process; elsewhere the pid alone
is checked.
"""

from __future__ import annotations

import os
import socket
from functools import cache
from pathlib import Path

PROC = Path("/proc")


@cache
def _boot_id() -> str:
    try:
        return (PROC / "sys/kernel/random/boot_id").read_text().strip()[:8] or "-"
    except OSError:
        return "-"


def _stat(pid: int) -> tuple[str, str] | None:
    """(state, start time) of a process from /proc, or None when there is no such process or
    no /proc."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # "pid (comm) state ppid ..."; comm may hold spaces and parentheses: split after the last ")".
    fields = text[text.rfind(")") + 2 :].split()
    if len(fields) < 20:
        return None
    return fields[0], fields[19]  # state, starttime (field 22 of the whole line)


def owner_of(pid: int) -> str:
    stat = _stat(pid)
    start = stat[1] if stat else "-"
    return f"{socket.gethostname()} {pid} {start}@{_boot_id()}"


def this_process() -> str:
    return owner_of(os.getpid())


def is_alive(owner: str | None) -> bool | None:
    """True when the owning process is still running, False when it is gone, None when this
    machine cannot tell (another host)."""
    if not owner:
        return False
    try:
        host, pid_text, start = owner.split(" ")
        pid = int(pid_text)
    except ValueError:
        return False
    if host != socket.gethostname():
        return None
    if owner == this_process():
        return True
    if start != "-" and "@" in start and start.rsplit("@", 1)[1] != _boot_id():
        return False  # recorded before the machine last started
    stat = _stat(pid)
    if stat is not None:
        state, started = stat
        if state in ("Z", "X"):  # a zombie has ended; only its exit status is left
            return False
        recorded = start.split("@", 1)[0]
        return recorded in ("-", started)
    if PROC.joinpath("self").exists():
        return False  # /proc works and has no such process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OSError:
        return False
    return True
