"""The user's settings file, ``config.toml`` (DESIGN.md sections 1 and 4).

``load_config`` never raises: a missing file gives the defaults, a file that cannot be read or parsed
gives the defaults and one located problem, and each bad value gives a located problem and falls back
to its default while every good value is still used.

``update_config`` edits the file with tomlkit, so the user's comments, key order, unknown keys and
blank lines survive; only the changed values change. A new top-level setting is written as a line of
its own right after the last top-level value, above any table and the comments leading into it. It writes atomically (a temporary file in the
same folder, flush, fsync, ``os.replace``) and never overwrites a file it cannot parse.

The theme name is not checked against Textual here: the core does not import Textual.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import tomllib
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sessiontimer.core.base.durations import (
    DurationError,
    format_duration,
    parse_duration,
    quoted,
    shown_number,
    type_name,
)
from sessiontimer.core.base.files import write_atomically
from sessiontimer.core.base.value import value
from sessiontimer.core.breaks.settings import MAX_PERIOD, MIN_PERIOD, BreakSettings, WorkingHours
from sessiontimer.core.routines.loader import (
    Problem,
    _deep_nesting,
    _long_number,
    _printable,
    _shown,
    _syntax_problem,
    clean_line,
    did_you_mean,
)
from sessiontimer.core.tomlfile.locate import Positions, locate_keys

SOUNDS = ("speech", "bell", "off")
CHECKS = ("daily", "every", "off")

MAX_CONFIG_BYTES = 64 * 1024

TOP_KEYS = ("theme", "sound", "checks", "breaks", "seen")
SEEN_KEYS = ("disclaimer", "red_flags")
BREAK_KEYS = ("sit", "stand", "snooze", "max_snoozes", "routine", "working_hours", "sound")
MAX_SNOOZES = 10
_HOURS = re.compile(r"(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})", re.ASCII)
_ROUTINE_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", re.ASCII)

#: update_config's change keys -> where they live in the file
_FIELDS: dict[str, tuple[str, ...]] = {
    "theme": ("theme",),
    "sound": ("sound",),
    "checks": ("checks",),
    "disclaimer_seen": ("seen", "disclaimer"),
    "red_flags_checked": ("seen", "red_flags"),
}

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_BOM = "\ufeff"

NEW_FILE_HEADER = """\
# sessiontimer settings. Edit freely; the app keeps your comments.
# theme: any Textual theme name (ctrl+p > theme in the app)
# sound: speech, bell or off
# checks: red-flag questions before a session: daily, every (session) or off
# [breaks]: the sit/stand timer: sit = "25m", stand = "3m", snooze = "5m", max_snoozes = 2,
#   routine = "desk-break", working_hours = "09:00-17:30" (off when absent), sound = "bell"
"""


@value
class Config:
    theme: str | None = None  # None = the app's default theme
    sound: str = "speech"  # one of SOUNDS
    checks: str = "daily"  # one of CHECKS
    disclaimer_seen: dt.date | None = None
    red_flags_checked: dt.date | None = None
    breaks: BreakSettings = field(default_factory=BreakSettings)


def red_flags_due(config: Config, today: dt.date) -> bool:
    """Should the red-flag questions be asked before a session today?"""
    if config.checks == "every":
        return True
    if config.checks == "off":
        return False
    return config.red_flags_checked != today


def disclaimer_due(config: Config) -> bool:
    """Has the first-run disclaimer never been read?"""
    return config.disclaimer_seen is None


# -- reading ----------------------------------------------------------------------------------------
@dataclass
class _Read:
    """A settings file as read: its text and parsed document, or why it could not be used."""

    text: str | None = None  # None: there is no file
    document: dict[str, Any] | None = None
    problem: Problem | None = None
    bom: bool = False


def _read(path: Path) -> _Read:
    name = str(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        return _Read()
    except IsADirectoryError:
        return _Read(problem=Problem(1, 1, "this is a folder, not a settings file", name))
    except OSError as err:
        why = _printable(str(err.strerror or err))
        return _Read(problem=Problem(1, 1, f"cannot read the file: {why}", name))
    if len(data) > MAX_CONFIG_BYTES:
        return _Read(
            problem=Problem(
                1,
                1,
                f"the file is larger than {MAX_CONFIG_BYTES // 1024} KiB; "
                "this is not a settings file",
                name,
            )
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        good = data[: err.start].decode("utf-8", errors="replace").removeprefix(_BOM)
        line, col = Positions(good).at(len(good))
        bad = data[err.start : err.start + 1].hex()
        return _Read(
            problem=Problem(
                line, col, f"this is not UTF-8 text (byte 0x{bad}); save the file as UTF-8", name
            )
        )
    bom = text.startswith(_BOM)
    text = text.removeprefix(_BOM)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        return _Read(text, problem=_syntax_problem(str(err), text, name), bom=bom)
    except ValueError:  # a number of more than 4300 digits
        line, col = _long_number(text)
        return _Read(text, problem=Problem(line, col, "this number is far too long", name), bom=bom)
    except RecursionError:
        line, col = _deep_nesting(text)
        return _Read(
            text, problem=Problem(line, col, "brackets are nested far too deeply", name), bom=bom
        )
    return _Read(text, document, bom=bom)


def _with_message(problem: Problem, message: str) -> Problem:
    return dataclasses.replace(problem, message=_printable(message))


def load_config(path: Path) -> tuple[Config, list[Problem]]:
    """The settings in ``path``, and what was wrong with them (sorted by position)."""
    read = _read(path)
    if read.problem is not None:
        problem = read.problem
        return Config(), [_with_message(problem, f"{problem.message}; using the default settings")]
    if read.document is None or read.text is None:
        return Config(), []
    try:
        keys = locate_keys(read.text)
    except RecursionError:  # pragma: no cover - tomllib refuses such documents first
        keys = {}
    checker = _Checker(keys, str(path))
    return checker.config(read.document), sorted(checker.problems)


class _Checker:
    def __init__(self, keys: dict[tuple[str | int, ...], tuple[int, int]], path: str) -> None:
        self.keys = keys
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, where: tuple[str, ...], message: str) -> None:
        line, col = 1, 1
        for cut in range(len(where), 0, -1):
            found = self.keys.get(where[:cut])
            if found:
                line, col = found
                break
        self.problems.append(Problem(line, col, _printable(message), self.path))

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
                    f'not {_shown(value)} (using "{default.routine}")',
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
                    f'"sound" in [breaks] must be one of {", ".join(SOUNDS)}, not {_shown(value)} '
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
                f'"{key}" must be between 1s and 4h, not {_shown(value)} (using "{default}")',
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
                f"(or false for any time), not {_shown(value)}; breaks are called at any time",
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
            f'"{key}" must be one of {", ".join(choices)}, not {_shown(value)} '
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
            f'"{key}" must be a date such as 2026-11-21 (no quotes), not {_shown(value)}; '
            "it is ignored",
        )
        return None


def _number_or_shown(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return shown_number(value)
    return _shown(value)


def parse_working_hours(text: str) -> WorkingHours | None:
    """ "09:00-17:30" (or "22:00-06:00", across midnight; "24:00" ends a day), or None."""
    match = _HOURS.fullmatch(text.strip())
    if match is None:
        return None
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or m1 > 59 or m2 > 59 or h2 > 24 or (h2 == 24 and m2):
        return None
    try:
        return WorkingHours(h1 * 60 + m1, h2 * 60 + m2)
    except ValueError:
        return None


# -- writing -----------------------------------------------------------------------------------------
def update_config(path: Path, **changes: object) -> Problem | None:
    """Change some settings in the file at ``path``, keeping everything else as it is written.

    Keys: ``theme``, ``sound``, ``checks`` (text), ``disclaimer_seen`` and ``red_flags_checked``
    (dates). ``None`` removes the setting (back to its default). A wrong key or value is a programming
    error (``ValueError``/``TypeError``). Anything that stops the file being saved is returned as a
    Problem (the file is then left exactly as it was); ``None`` means saved.
    """
    wanted = _checked_changes(changes)
    name = str(path)
    with suppress(OSError, RuntimeError):
        if path.is_symlink():  # a dotfiles link: edit the file it points to, keep the link
            path = path.resolve()
    read = _read(path)
    if read.problem is not None:
        return _not_saved(read.problem, read.problem.message, name)
    try:
        text = _edited(read, wanted, name)
    except _Refused as refused:
        return refused.problem
    except Exception as err:  # tomlkit on an unusual (but valid) file
        return Problem(
            1, 1, _printable(f"the setting was not saved: could not edit the file ({err})"), name
        )
    if text is None:
        return None  # nothing changes
    try:
        write_atomically(path, (_BOM if read.bom else "") + text, backup=False)
    except OSError as err:
        why = _printable(str(err.strerror or err))
        return Problem(1, 1, f"the setting was not saved: {why}", name)
    return None


def _checked_changes(changes: dict[str, object]) -> dict[tuple[str, ...], object]:
    wanted: dict[tuple[str, ...], object] = {}
    for key, given in changes.items():
        if key not in _FIELDS:
            raise ValueError(f"unknown setting {key!r}; expected one of {', '.join(_FIELDS)}")
        where = _FIELDS[key]
        if given is None:
            pass
        elif where[0] == "seen":
            if not isinstance(given, dt.date):
                raise TypeError(f"{key} must be a date, not {type(given).__name__}")
            if isinstance(given, dt.datetime):
                given = given.date()
        elif not isinstance(given, str):
            raise TypeError(f"{key} must be a str, not {type(given).__name__}")
        elif key == "sound" and given not in SOUNDS:
            raise ValueError(f"sound must be one of {SOUNDS}, not {given!r}")
        elif key == "checks" and given not in CHECKS:
            raise ValueError(f"checks must be one of {CHECKS}, not {given!r}")
        elif key == "theme" and not clean_line(given):
            raise ValueError("theme must not be empty (use None for the default theme)")
        wanted[where] = given
    return wanted


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _not_saved(problem: Problem, why: str, name: str) -> Problem:
    message = f"the setting was not saved: {why} (the file is left as it is)"
    return dataclasses.replace(problem, message=_printable(message), path=name)


def _edited(read: _Read, wanted: dict[tuple[str, ...], object], name: str) -> str | None:
    """The new text of the file, or None when it would not change."""
    import tomlkit  # imported here: only writers need it, and start-up should not pay for it
    from tomlkit.items import AoT, Table

    old = read.document or {}
    keys = locate_keys(read.text) if read.text is not None else {}

    def refuse(where: tuple[str, ...], why: str) -> _Refused:
        line, col = keys.get(where, (1, 1))
        return _Refused(_not_saved(Problem(line, col, "", name), why, name))

    document = tomlkit.parse(NEW_FILE_HEADER if read.text is None else read.text)
    expected = dict(old)

    # the top-level settings first: a new one goes into the text above any table (_with_top_level)
    added: dict[str, object] = {}
    for where, given in wanted.items():
        if len(where) != 1:
            continue
        (key,) = where
        current = document.get(key)
        if isinstance(current, Table | AoT):
            raise refuse(where, f'"{key}" is written as a table; make it {key} = "..."')
        if given is None:
            if key in document:
                del document[key]
            expected.pop(key, None)
            continue
        expected[key] = given
        if key in document:
            document[key] = given
        else:
            added[key] = given
    if added:
        document = tomlkit.parse(_with_top_level(document.as_string(), tomlkit.dumps(added)))

    # then the tables' keys ([seen]): a new table goes at the end
    for where, given in wanted.items():
        if len(where) != 2:
            continue
        table, key = where
        section = document.get(table)
        if section is not None and not isinstance(section, dict):
            raise refuse(
                (table,), f'"{table}" is not a table; remove it so the app can write [{table}]'
            )
        so_far = expected.get(table, {})
        new_section = dict(so_far) if isinstance(so_far, dict) else {}
        if given is None:
            if section is not None and key in section:
                del section[key]
            new_section.pop(key, None)
        else:
            if section is None:
                section = tomlkit.table()
                section.comment("kept by the app")
                document[table] = section
            section[key] = given
            new_section[key] = given
        if table in old or given is not None:
            expected[table] = new_section

    text = document.as_string()
    if read.text is not None and "\r\n" in read.text and "\n" not in read.text.replace("\r\n", ""):
        text = re.sub(r"(?<!\r)\n", "\r\n", text)  # a Windows file stays a Windows file
    if read.text is not None and text == read.text:
        return None
    # Check the edit: the new text must parse to the old settings plus exactly the changes.
    try:
        result = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        result = None
    if result is None or _normal(result) != _normal(expected):
        raise refuse((), "the file could not be edited safely")
    return text


def _with_top_level(text: str, lines: str) -> str:
    """``text`` (valid TOML) with the top-level ``key = value`` ``lines`` added where they belong.

    They go right after the last top-level value, above the blank lines and comments that lead into
    the first table, so they never land inside a table and never part a comment from its table; in a
    file without top-level values, above the comments attached to the first table. In a file without
    tables they go at the end, as tomlkit would put them. Only whole lines are added: every byte of
    ``text`` stays as it is. (tomlkit's own ``document[key] = value`` puts them after those comments,
    and it has no public way to insert at a place of our choosing.)
    """
    table = _first_table_line(text)
    if table is None:
        if text and not text.endswith("\n"):
            text += "\n"
        return text + lines
    # walk back over the blank and comment lines above the first table
    cut = table
    while cut > 0:
        previous = text.rfind("\n", 0, cut - 1) + 1
        line = text[previous:cut].strip(" \t\r\n")
        if line and not line.startswith("#"):
            break
        cut = previous
    if cut == 0:  # no top-level values: above the comment lines that touch the table's header
        cut = table
        while cut > 0:
            previous = text.rfind("\n", 0, cut - 1) + 1
            if not text[previous:cut].lstrip(" \t").startswith("#"):
                break
            cut = previous
        if not text[:cut].strip():
            cut = 0
        blank = not text[cut:].split("\n", 1)[0].strip()  # (a blank line already parts them)
        return text[:cut] + lines + ("" if blank else "\n") + text[cut:]
    # A line that looked like a comment may be the last line of a multi-line string
    # (``x = """...\n# not a comment"""``): move down until the lines above the cut are whole.
    head = _normal(tomllib.loads(text[:table]))
    while cut < table and not _same_toml(text[:cut], head):
        cut = text.find("\n", cut) + 1
    return text[:cut] + lines + text[cut:]


def _first_table_line(text: str) -> int | None:
    """Where the line of the first ``[table]`` or ``[[array]]`` header of ``text`` starts, if any."""
    starts = [0, *(match.end() for match in re.finditer("\n", text))]
    offsets = (starts[line - 1] + col - 1 for line, col in locate_keys(text).values())
    headers = [offset for offset in offsets if text.startswith("[", offset)]
    if not headers:
        return None
    return text.rfind("\n", 0, min(headers)) + 1


def _same_toml(text: str, expected: Any) -> bool:
    try:
        return bool(_normal(tomllib.loads(text)) == expected)
    except (ValueError, RecursionError):  # (tomllib.TOMLDecodeError is a ValueError)
        return False


def _normal(value: Any) -> Any:
    """A comparable form of a parsed document: key order ignored, NaN equal to NaN."""
    if isinstance(value, dict):
        return sorted((str(k), _normal(v)) for k, v in value.items())
    if isinstance(value, list):
        return [_normal(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return ("nan",)
    return value
