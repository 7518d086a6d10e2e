"""Reading ``config.toml`` (DESIGN.md sections 1 and 4) through the one TOML reader (core/tomlfile).

``load_config`` never raises: a missing file gives the defaults, a file that cannot be read or parsed
gives the defaults and one located problem, and each bad value gives a located problem and falls back
to its default while every good value is still used. The theme name is not checked against Textual
here: the core does not import Textual.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from contextlib import suppress
from pathlib import Path
from typing import Any

from sessiontimer.core.base.durations import DurationError, format_duration, parse_duration
from sessiontimer.core.base.text import (
    clean_line,
    did_you_mean,
    printable,
    quoted,
    shown,
    shown_number,
    type_name,
)
from sessiontimer.core.breaks.settings import MAX_PERIOD, MIN_PERIOD, BreakSettings, WorkingHours
from sessiontimer.core.settings.model import (
    BREAK_KEYS,
    CHECKS,
    MAX_SNOOZES,
    PSFS,
    SEEN_KEYS,
    SOUNDS,
    TOP_KEYS,
    Config,
    parse_working_hours,
)
from sessiontimer.core.tomlfile.reader import FileKind, Problem, ProblemLog, ReadResult, read_toml

MAX_CONFIG_BYTES = 64 * 1024

SETTINGS_FILE = FileKind(
    name="settings file",
    max_bytes=MAX_CONFIG_BYTES,
    too_big="this is not a settings file",
)

_ROUTINE_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", re.ASCII)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def read_settings(path: Path) -> ReadResult:
    """The settings file as read and parsed (no file: ``missing``), not yet checked."""
    return read_toml(path, SETTINGS_FILE)


def load_config(path: Path) -> tuple[Config, list[Problem]]:
    """The settings in ``path``, and what was wrong with them (sorted by position)."""
    read = read_settings(path)
    if read.missing:
        return Config(), []
    if read.problems:
        return Config(), [
            dataclasses.replace(
                problem, message=printable(f"{problem.message}; using the default settings")
            )
            for problem in read.problems
        ]
    assert read.document is not None and read.text is not None
    checker = _Checker(read.text, str(path))
    return checker.config(read.document), sorted(checker.problems)


class _Checker(ProblemLog):
    """Walks a parsed settings document: each good value is used, each bad one located."""

    def config(self, doc: dict[str, Any]) -> Config:
        for key in doc:
            if key not in TOP_KEYS:
                hint = did_you_mean(key, TOP_KEYS)
                if not hint and key in SEEN_KEYS:
                    hint = f"; {key} belongs in the [seen] table"
                self.problem((key,), f"unknown setting {quoted(key)} (ignored){hint}")
        seen = self.seen(doc)
        return Config(
            theme=self.theme(doc),
            sound=self.choice(doc, "sound", SOUNDS, Config.sound),
            checks=self.choice(doc, "checks", CHECKS, Config.checks),
            psfs=self.choice(doc, "psfs", PSFS, Config.psfs),
            disclaimer_seen=self.date(seen, "disclaimer"),
            red_flags_checked=self.date(seen, "red_flags"),
            breaks=self.breaks(doc),
        )

    def breaks(self, doc: dict[str, Any]) -> BreakSettings:
        """``[breaks]``: each good value is used, each bad one is located and left at its default."""
        default = BreakSettings()
        if "breaks" not in doc:
            return default
        table = doc["breaks"]
        if not isinstance(table, dict):
            self.problem(
                ("breaks",),
                f'"breaks" must be a table ([breaks] with sit = "25m" ... under it), '
                f"not {type_name(table)}; using the default break settings",
            )
            return default
        for key in table:
            if key not in BREAK_KEYS:
                hint = did_you_mean(key, BREAK_KEYS)
                self.problem(
                    ("breaks", key), f"unknown key {quoted(key)} in [breaks] (ignored){hint}"
                )
        values: dict[str, Any] = {}
        for key in ("sit", "stand", "snooze"):
            if key in table:
                seconds = self.period(table[key], key)
                if seconds is not None:
                    values[key] = seconds
        if "max_snoozes" in table:
            value = table["max_snoozes"]
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_SNOOZES:
                values["max_snoozes"] = value
            else:
                self.problem(
                    ("breaks", "max_snoozes"),
                    f'"max_snoozes" must be a whole number from 0 to {MAX_SNOOZES}, '
                    f"not {_number_or_shown(value)} (using {default.max_snoozes})",
                )
        if "routine" in table:
            value = table["routine"]
            if isinstance(value, str) and _ROUTINE_ID.fullmatch(value):
                values["routine"] = value
            else:
                self.problem(
                    ("breaks", "routine"),
                    f'"routine" must be a routine id in quotes, such as "desk-break", '
                    f'not {shown(value)} (using "{default.routine}")',
                )
        if "working_hours" in table:
            values["working_hours"] = self.hours(table["working_hours"])
        if "sound" in table:
            value = table["sound"]
            if isinstance(value, str) and value in SOUNDS:
                values["sound"] = value
            else:
                hint = did_you_mean(value, SOUNDS) if isinstance(value, str) else ""
                self.problem(
                    ("breaks", "sound"),
                    f'"sound" in [breaks] must be one of {", ".join(SOUNDS)}, not {shown(value)} '
                    f"(using the top-level sound setting){hint}",
                )
        return dataclasses.replace(default, **values)

    def period(self, value: object, key: str) -> int | None:
        default = format_duration(getattr(BreakSettings(), key))
        try:
            seconds = parse_duration(value)
        except DurationError as err:
            self.problem(("breaks", key), f'"{key}": {err} (using "{default}")')
            return None
        if not MIN_PERIOD <= seconds <= MAX_PERIOD:
            self.problem(
                ("breaks", key),
                f'"{key}" must be between 1s and 4h, not {shown(value)} (using "{default}")',
            )
            return None
        return seconds

    def hours(self, value: object) -> WorkingHours | None:
        if value is False or value == "off" or value == "":
            return None
        parsed = parse_working_hours(value) if isinstance(value, str) else None
        if parsed is None:
            self.problem(
                ("breaks", "working_hours"),
                '"working_hours" must be two times of day such as "09:00-17:30" '
                f"(or false for any time), not {shown(value)}; breaks are called at any time",
            )
        return parsed

    def theme(self, doc: dict[str, Any]) -> str | None:
        if "theme" not in doc:
            return None
        value = doc["theme"]
        if not isinstance(value, str):
            self.problem(
                ("theme",),
                f'"theme" must be a theme name in quotes, not {type_name(value)}; '
                "using the default theme",
            )
            return None
        theme = clean_line(value)
        if not theme:
            self.problem(
                ("theme",),
                '"theme" is empty: write a theme name, such as theme = "textual-dark", '
                "or remove the line; using the default theme",
            )
            return None
        return theme

    def choice(self, doc: dict[str, Any], key: str, choices: tuple[str, ...], default: str) -> str:
        if key not in doc:
            return default
        value = doc[key]
        if isinstance(value, str) and value in choices:
            return value
        hint = did_you_mean(value, choices) if isinstance(value, str) else ""
        self.problem(
            (key,),
            f'"{key}" must be one of {", ".join(choices)}, not {shown(value)} '
            f'(using "{default}" for now){hint}',
        )
        return default

    def seen(self, doc: dict[str, Any]) -> dict[str, Any]:
        if "seen" not in doc:
            return {}
        seen = doc["seen"]
        if not isinstance(seen, dict):
            self.problem(
                ("seen",),
                f'"seen" must be a table ([seen], kept by the app), not {type_name(seen)}; '
                "it is ignored",
            )
            return {}
        for key in seen:
            if key not in SEEN_KEYS:
                hint = did_you_mean(key, SEEN_KEYS)
                if not hint and key in TOP_KEYS:
                    hint = f"; {key} belongs above the [seen] table, at the top of the file"
                self.problem(("seen", key), f"unknown key {quoted(key)} in [seen] (ignored){hint}")
        return seen

    def date(self, seen: dict[str, Any], key: str) -> dt.date | None:
        if key not in seen:
            return None
        value = seen[key]
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            with suppress(ValueError):
                return dt.date.fromisoformat(value)
        self.problem(
            ("seen", key),
            f'"{key}" must be a date such as 2026-11-21 (no quotes), not {shown(value)}; '
            "it is ignored",
        )
        return None


def _number_or_shown(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return shown_number(value)
    return shown(value)
