"""Durations: ``"30s"``, ``"2m"``, ``"1m30s"``, ``"1h"`` or a whole number of seconds."""

from __future__ import annotations

import math
import re

from sessiontimer.core.base.text import quoted, shown_number, type_name

MAX_SECONDS = 2 * 60 * 60

# ASCII digits only: "٣s" or "²s" are not durations (and int("²") would raise).
_UNITS = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$", re.ASCII)
_MAX_DIGITS = 18


class DurationError(ValueError):
    """A value that is not a duration; the message says what to write instead."""


def parse_duration(value: object) -> int:
    """Return the number of seconds in ``value`` or raise :class:`DurationError`.

    Accepts a non-negative whole number of seconds (``90``) or a string of whole
    units in the order h, m, s (``"1h"``, ``"2m"``, ``"1m30s"``, ``"45s"``).
    """
    if isinstance(value, bool):
        raise DurationError(f'expected a duration such as 30 or "30s", got {str(value).lower()}')
    if isinstance(value, int):
        if value < 0:
            raise DurationError(f"a duration cannot be negative (got {shown_number(value)})")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):  # TOML has nan and inf; round() would raise on them
            raise DurationError(f'durations are whole seconds, like 30 or "30s", not {value}')
        raise DurationError(
            f'durations are whole seconds: write {round(value)} or "{round(value)}s", not {value}'
        )
    if isinstance(value, str):
        text = value
        match = _UNITS.match(text) if text else None
        if match is None or not any(match.groups()):
            tidy = text.strip().lower()
            if tidy != text and tidy and (m := _UNITS.match(tidy)) and any(m.groups()):
                # exactly as the format (and the JSON Schema) writes it: lower case, no spaces
                raise DurationError(f"write {quoted(tidy)}, not {quoted(value)}")
            if tidy.isascii() and tidy.isdigit():
                raise DurationError(
                    f'write {tidy} (a number) or "{tidy}s" for {tidy} seconds, not {quoted(value)}'
                )
            raise DurationError(
                f'{quoted(value)} is not a duration: use whole units like "45s", "2m", '
                '"1m30s" or "1h"'
            )
        if any(g and len(g) > _MAX_DIGITS for g in match.groups()):
            # int() refuses more than 4300 digits; anything this long is over the limit anyway
            raise DurationError(
                f"{quoted(value)} is far too long: no duration may be longer than "
                f"{format_duration(MAX_SECONDS)}"
            )
        hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
        return hours * 3600 + minutes * 60 + seconds
    raise DurationError(f'expected a duration such as 30 or "30s", got {type_name(value)}')


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


def spoken(seconds: int) -> str:
    """A duration for speech and notifications: "25 minutes", "3 minutes 30 seconds"."""
    minutes, secs = divmod(max(0, seconds), 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if secs or not parts:
        parts.append(f"{secs} second{'s' if secs != 1 else ''}")
    return " ".join(parts)
