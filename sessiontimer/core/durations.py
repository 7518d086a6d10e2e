"""Durations: ``"30s"``, ``"2m"``, ``"1m30s"``, ``"1h"`` or a whole number of seconds."""

from __future__ import annotations

import re

MAX_SECONDS = 2 * 60 * 60

_UNITS = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")


class DurationError(ValueError):
    """A value that is not a duration; the message says what to write instead."""


def parse_duration(value: object) -> int:
    """Return the number of seconds in ``value`` or raise :class:`DurationError`.

    Accepts a non-negative whole number of seconds (``90``) or a string of whole
    units in the order h, m, s (``"1h"``, ``"2m"``, ``"1m30s"``, ``"45s"``).
    """
    if isinstance(value, bool):
        raise DurationError(f"expected a duration such as 30 or \"30s\", got {str(value).lower()}")
    if isinstance(value, int):
        if value < 0:
            raise DurationError(f"a duration cannot be negative (got {value})")
        return value
    if isinstance(value, float):
        raise DurationError(
            f"durations are whole seconds: write {round(value)} or \"{round(value)}s\", not {value}"
        )
    if isinstance(value, str):
        text = value.strip().lower()
        match = _UNITS.match(text) if text else None
        if match is None or not any(match.groups()):
            if text.isdigit():
                raise DurationError(
                    f"write {text} (a number) or \"{text}s\" for {text} seconds, not \"{value}\""
                )
            raise DurationError(
                f"\"{value}\" is not a duration: use whole units like \"45s\", \"2m\", \"1m30s\" or \"1h\""
            )
        hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
        return hours * 3600 + minutes * 60 + seconds
    raise DurationError(f"expected a duration such as 30 or \"30s\", got {type_name(value)}")


def format_duration(seconds: int) -> str:
    """``90`` -> ``"1m30s"``; ``0`` -> ``"0s"`` (the inverse of :func:`parse_duration`)."""
    if seconds <= 0:
        return "0s"
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours}h")
    if minutes:
        parts.append(f"{minutes}m")
    if secs:
        parts.append(f"{secs}s")
    return "".join(parts)


def format_clock(seconds: float) -> str:
    """``90`` -> ``"1:30"``, ``3725`` -> ``"1:02:05"`` (whole seconds, rounded down)."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def format_total(seconds: int) -> str:
    """A human total: ``230`` -> ``"3 min 50 s"``, ``45`` -> ``"45 s"``."""
    minutes, secs = divmod(max(0, seconds), 60)
    if minutes and secs:
        return f"{minutes} min {secs} s"
    if minutes:
        return f"{minutes} min"
    return f"{secs} s"


def type_name(value: object) -> str:
    """The TOML name of a Python value's type, for error messages."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"
