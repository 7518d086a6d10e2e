"""Writing a routine as TOML: the document with durations as strings and defaults left out, and its
text (tomli-w); loading that text gives the same routine back."""

from __future__ import annotations

from typing import Any

from sessiontimer.core.base.durations import format_duration
from sessiontimer.core.routines.model import STEP_KEYS_FOR_KINDS, Routine, Step

_STEP_DEFAULTS = Step(name="", kind="hold")
DURATION_KEYS = (
    "hold",
    "rest",
    "set_rest",
    "tempo",
    "duration",
    "check_every",
    "max_hold",
    "max_duration",
)


def routine_to_document(routine: Routine) -> dict[str, Any]:
    """A routine as a TOML-ready dict (durations as strings, defaults left out)."""
    doc: dict[str, Any] = {"name": routine.name}
    if routine.description:
        doc["description"] = routine.description
    if routine.times_per_day != 1:
        doc["times_per_day"] = routine.times_per_day
    if routine.prepare != 5:
        doc["prepare"] = format_duration(routine.prepare)
    if routine.switch != 5:
        doc["switch"] = format_duration(routine.switch)
    doc["steps"] = [_step_to_table(step) for step in routine.steps]
    return doc


def _step_to_table(step: Step) -> dict[str, Any]:
    table: dict[str, Any] = {"name": step.name, "kind": step.kind}
    if step.how:
        table["how"] = step.how
    allowed = {key for key, kinds in STEP_KEYS_FOR_KINDS.items() if step.kind in kinds}
    for key in (
        "hold",
        "reps",
        "sets",
        "sides",
        "alternate",
        "rest",
        "set_rest",
        "tempo",
        "duration",
        "check_every",
        "max_hold",
        "max_reps",
        "max_duration",
        "progress",
    ):
        if key not in allowed:
            continue
        value = getattr(step, key)
        if value is None or value == getattr(_STEP_DEFAULTS, key):
            continue
        if key in DURATION_KEYS:
            value = format_duration(value)
        table[key] = value
    if step.cues:
        table["cues"] = list(step.cues)
    return table


def dump_routine(routine: Routine) -> str:
    """The routine as TOML text (tomli-w); loading it gives the same routine back."""
    import tomli_w  # imported here: only writers need it, and start-up should not pay for it

    return tomli_w.dumps(routine_to_document(routine), multiline_strings=True)
