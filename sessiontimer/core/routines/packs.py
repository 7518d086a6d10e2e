"""The heat and cold limits of a routine (CLINICAL.md "Heat and cold", DESIGN.md section 3): one
pack stays on for 20 minutes at most and its skin check comes at least every 5 minutes (checked key
by key in checker.py); across the routine, packs one after another with only rests between them
stay on for 20 minutes together at most, and a routine with a pack is done 3 times a day at most."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sessiontimer.core.base.durations import format_duration
from sessiontimer.core.base.text import quoted
from sessiontimer.core.routines.model import Step

MAX_PACK_SECONDS = 20 * 60  # one pack, and packs one after another (only rests between)
MAX_SKIN_CHECK_SECONDS = 5 * 60  # a pack's skin check comes at least this often
MAX_PACK_TIMES_PER_DAY = 3  # a routine with a heat or cold step
PACKS = ("heat", "cold")


def pack_limits(
    steps: Sequence[Step], times_per_day: int, times_written: bool
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Where a routine goes past the limits that hold across its steps, and what to do: (the
    key's path in the file, the message). ``steps`` are the file's steps, in order."""
    together = 0
    for index, step in enumerate(steps):
        if step.kind == "rest":
            continue  # a rest between two packs does not end the run: the skin has no break
        if step.kind not in PACKS:
            together = 0
            continue
        together += step.duration or 0
        if together > MAX_PACK_SECONDS:
            yield (
                ("steps", index, "duration"),
                f"step {index + 1} ({quoted(step.name)}) makes {format_duration(together)} of "
                "heat or cold one after another; packs with only rests between them stay on for "
                "20 minutes together at most (longer risks burns or frostbite): shorten them, or "
                "put an exercise between them",
            )
            together = 0  # (one problem for each run that goes over)
    has_pack = any(step.kind in PACKS for step in steps)
    if times_written and times_per_day > MAX_PACK_TIMES_PER_DAY and has_pack:
        yield (
            ("times_per_day",),
            f'"times_per_day" is {times_per_day}; a routine with a heat or cold pack is done '
            f"{MAX_PACK_TIMES_PER_DAY} times a day at most: the skin needs time between packs",
        )
