"""The progression (DESIGN.md section 3, CLINICAL.md "Progression limits"), one step at a time:

- hold step: the hold 5 s longer, up to ``max_hold``; once there (or when ``max_hold`` is the hold
  itself, as for short strength holds), one more rep, up to ``max_reps``;
- reps step: one more rep, up to ``max_reps``;
- timed step: 2 minutes longer (5 s while it is under 5 minutes), up to ``max_duration``;
- heat, cold and rest steps never change, nor does a step with ``progress = false``.

The caps and their defaults are in caps.py. Whether a progression is due (the gates: programme
week, pace, practice, pain, safety stops) is judged from the history, in core/insights/gates.py.

It edits the routine's own text with tomlkit, so the user's comments, spacing, key order and way of
writing durations (``"30s"``, ``30``) survive; only the values that change are rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sessiontimer.core.base.durations import format_duration
from sessiontimer.core.routines.caps import duration_cap, hold_cap, reps_cap
from sessiontimer.core.routines.loader import load_text, read_routine_bytes
from sessiontimer.core.routines.model import Routine, Step

HOLD_STEP = 5  # seconds longer, each time
REPS_STEP = 1
TIMED_STEP = 120  # 2 minutes longer …
SHORT_TIMED_STEP = 5  # … or 5 s while the step is shorter than …
SHORT_TIMED = 300  # … 5 minutes
_BOM = "\ufeff"
_SECONDS_ONLY = re.compile(r"^\s*\d+\s*s\s*$")


class ProgressionError(Exception):
    """The routine cannot be progressed (it has problems); the message says why."""


@dataclass(frozen=True)
class Change:
    step: int  # 0-based
    step_name: str
    key: str  # "hold", "reps" or "duration"
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.step + 1}. {self.step_name}: {self.key} {self.before} → {self.after}"


@dataclass(frozen=True)
class Progression:
    text: str  # the whole new text
    changes: list[Change]
    routine: Routine  # the routine as it is …
    progressed: Routine  # … and as it would be (the same when nothing changes)


def next_value(step: Step) -> tuple[str, int, int] | None:
    """What the progression changes in this step: (the key, its value now, the new value), or
    None when the step stays as it is."""
    if not step.progress:
        return None
    if step.kind == "hold" and step.hold is not None:
        cap = hold_cap(step)
        if step.hold < cap:
            return "hold", step.hold, min(step.hold + HOLD_STEP, cap)
    if step.kind in ("hold", "reps"):
        cap = reps_cap(step)
        if step.reps < cap:
            return "reps", step.reps, min(step.reps + REPS_STEP, cap)
        return None
    if step.kind == "timed" and step.duration is not None:
        cap = duration_cap(step)
        longer = SHORT_TIMED_STEP if step.duration < SHORT_TIMED else TIMED_STEP
        if step.duration < cap:
            return "duration", step.duration, min(step.duration + longer, cap)
    return None


def progress_text(text: str, path: str = "<routine>") -> Progression:
    """The routine's text with the progression applied, and what changed (nothing when every
    step is at its cap, or does not progress)."""
    bom = text.startswith(_BOM)
    body = text[1:] if bom else text
    routine = load_text(body, path)
    if not isinstance(routine, Routine):
        first = routine[0]
        raise ProgressionError(
            f"{path} has {len(routine)} problem{'s' if len(routine) > 1 else ''}; fix "
            f"{'them' if len(routine) > 1 else 'it'} first (line {first.line}: {first.message})"
        )
    import tomlkit  # only this action needs it: start-up does not pay for it

    document = tomlkit.parse(body)
    tables: Any = document["steps"]
    changes: list[Change] = []
    for index, step in enumerate(routine.steps):
        found = next_value(step)
        if found is None:
            continue
        key, before, after = found
        table = tables[index]
        if key == "reps":
            table["reps"] = after
            changes.append(Change(index, step.name, key, str(before), str(after)))
        else:
            table[key] = _like(table[key], after)
            changes.append(
                Change(index, step.name, key, format_duration(before), format_duration(after))
            )
    if not changes:
        return Progression(text, [], routine, routine)
    new_text = tomlkit.dumps(document)
    checked = load_text(new_text, path)
    if not isinstance(checked, Routine):  # pragma: no cover - a progressed valid routine is valid
        raise ProgressionError(f"{path}: the progression would break the routine: {checked[0]}")
    return Progression((_BOM if bom else "") + new_text, changes, routine, checked)


def _like(raw: Any, seconds: int) -> Any:
    """The new duration written the way the old one was: a number stays a number, "30s" gives
    "35s", "1m" gives "1m5s"."""
    if isinstance(raw, int):
        return seconds
    if isinstance(raw, str) and _SECONDS_ONLY.match(raw):
        return f"{seconds}s"
    return format_duration(seconds)


def progress_file(path: Path) -> tuple[bytes, Progression]:
    """The file's bytes as read now (to check before writing that nobody changed it meanwhile)
    and the progression of its text."""
    try:
        data = read_routine_bytes(path)
    except OSError as err:
        raise ProgressionError(f"cannot read {path}: {err.strerror or err}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ProgressionError(f"{path} is not UTF-8 text; fix it first") from None
    return data, progress_text(text, str(path))


def apply_progression(
    source: Path, read: bytes, progression: Progression, target: Path | None = None
) -> Path:
    """Write the progressed text: over ``source`` (keeping a ``.bak``), or, for a built-in routine,
    to ``target``, a new file (copy-on-write: the built-in is never changed). Refused when the file
    changed since ``read`` (the user would not have seen what is applied)."""
    from sessiontimer.core.base.files import create_exclusively, write_atomically

    try:
        now = read_routine_bytes(source)
    except OSError as err:
        raise ProgressionError(f"cannot read {source}: {err.strerror or err}") from None
    if now != read:
        raise ProgressionError(
            f"{source} changed since the preview; nothing was written, look again"
        )
    data = progression.text.encode("utf-8")
    try:
        if target is None:
            write_atomically(source, data)
            return source
        create_exclusively(target, data)
    except FileExistsError:
        raise ProgressionError(f"{target} exists already; nothing was written") from None
    except OSError as err:
        raise ProgressionError(f"cannot write {target or source}: {err.strerror or err}") from None
    return target
