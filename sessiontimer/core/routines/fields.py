"""Reading one typed value of a routine (DESIGN.md section 3): text, cues, whole numbers,
durations, a choice, true/false. Each reader returns the value, or records a problem at the key's
line and column and returns the default; ``checker.py`` walks the routine with them."""

from __future__ import annotations

from typing import Any, TypeVar

from sessiontimer.core.base.durations import DurationError, format_duration, parse_duration
from sessiontimer.core.base.text import (
    clean_block,
    clean_line,
    did_you_mean,
    shown,
    shown_number,
    type_name,
)
from sessiontimer.core.routines.model import SIDES, Sides
from sessiontimer.core.routines.packs import MAX_PACK_SECONDS, MAX_SKIN_CHECK_SECONDS
from sessiontimer.core.tomlfile.reader import ProblemLog

MAX_TEXT = 2000
MAX_CUES = 20

T = TypeVar("T")  # a default: a number, or None when the key has none


class FieldReader(ProblemLog):
    """The typed readers of a routine's checker; problems go to its log."""

    def text(
        self,
        table: dict[str, Any],
        path: tuple[str | int, ...],
        required: bool,
        block: bool,
        label: str = "the routine",
    ) -> str | None:
        key = str(path[-1])
        if key not in table:
            if required:
                self.problem(path, f'{label} has no "{key}": add {key} = "..."')
            return None
        value = table[key]
        if not isinstance(value, str):
            self.problem(path, f'"{key}" must be text in quotes, not {type_name(value)}')
            return None
        if len(value) > MAX_TEXT:
            self.problem(path, f'"{key}" is {len(value)} characters long; keep it under {MAX_TEXT}')
            return None
        return clean_block(value) if block else clean_line(value)

    def cues(self, item: dict[str, Any], where: tuple[str | int, ...]) -> list[str]:
        path = (*where, "cues")
        if "cues" not in item:
            return []
        value = item["cues"]
        if not isinstance(value, list):
            self.problem(
                path, f'cues must be a list of texts: cues = ["...", "..."], not {type_name(value)}'
            )
            return []
        if len(value) > MAX_CUES:
            self.problem(path, f"at most {MAX_CUES} cues per step; this step has {len(value)}")
            return []
        out: list[str] = []
        for n, cue in enumerate(value, start=1):
            if not isinstance(cue, str):
                self.problem(path, f"cue {n} must be text in quotes, not {type_name(cue)}")
            elif len(cue) > MAX_TEXT:
                self.problem(
                    path, f"cue {n} is {len(cue)} characters long; keep it under {MAX_TEXT}"
                )
            elif clean_line(cue):
                out.append(clean_line(cue))
        return out

    def integer(
        self,
        table: dict[str, Any],
        path: tuple[str | int, ...],
        low: int,
        high: int,
        default: T,
        unit: str,
    ) -> int | T:
        key = str(path[-1])
        if key not in table:
            return default
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(
                path, f'"{key}" must be a whole number from {low} to {high}, not {shown(value)}'
            )
            return default
        if not low <= value <= high:
            self.problem(
                path, f'"{key}" must be from {low} to {high} {unit}, not {shown_number(value)}'
            )
            return default
        return value

    def duration(
        self,
        table: dict[str, Any],
        path: tuple[str | int, ...],
        low: int,
        high: int,
        default: int | None,
    ) -> Any:
        key = str(path[-1])
        if key not in table:
            return default
        try:
            seconds = parse_duration(table[key])
        except DurationError as err:
            self.problem(path, f'"{key}": {err}')
            return default
        if seconds > high:
            # a huge number of seconds cannot even be printed (more than 4300 digits)
            length = format_duration(seconds) if seconds < 10**12 else "far too long"
            if high == MAX_PACK_SECONDS:
                message = (
                    f'"{key}" is {length}; heat and cold stay on for 20 minutes '
                    "at most (longer risks burns or frostbite)"
                )
            elif key == "check_every" and high == MAX_SKIN_CHECK_SECONDS:
                message = (
                    f'"check_every" is {length}; while a pack is on, the skin is checked at least '
                    "every 5 minutes (redness is fine; blotches, white patches or blisters are not)"
                )
            else:
                message = f'"{key}" is {length}; the longest allowed is {format_duration(high)}'
            self.problem(path, message)
            return default
        if seconds < low:
            self.problem(path, f'"{key}" must be at least {format_duration(low)}')
            return default
        return seconds

    def choice(
        self,
        table: dict[str, Any],
        path: tuple[str | int, ...],
        choices: tuple[Sides, ...],
        default: Sides,
    ) -> Sides:
        key = str(path[-1])
        if key not in table:
            return default
        value = table[key]
        if isinstance(value, str) and value in choices:
            return _as_side(value)
        hint = did_you_mean(value, choices) if isinstance(value, str) else ""
        self.problem(path, f'"{key}" must be one of {", ".join(choices)}, not {shown(value)}{hint}')
        return default

    def boolean(self, table: dict[str, Any], path: tuple[str | int, ...], default: bool) -> bool:
        key = str(path[-1])
        if key not in table:
            return default
        value = table[key]
        if not isinstance(value, bool):
            self.problem(path, f'"{key}" must be true or false (no quotes), not {shown(value)}')
            return default
        return value


def _as_side(value: str) -> Sides:
    for side in SIDES:
        if side == value:
            return side
    raise ValueError(value)  # pragma: no cover
