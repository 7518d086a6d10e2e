"""Writing ``config.toml`` with the user's comments kept (DESIGN.md sections 1 and 4).

``update_config`` edits the file with tomlkit's public API, so the user's comments, key order, unknown
keys and blank lines survive; only the changed values change. A new top-level setting is written as a
line of its own right after the last top-level value, above any table and the comments leading into
it. It writes atomically (a temporary file in the same folder, flush, fsync, ``os.replace``) and never
overwrites a file it cannot parse.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import tomllib
from contextlib import suppress
from pathlib import Path
from typing import Any

from sessiontimer.core.base.files import write_atomically
from sessiontimer.core.base.text import clean_line, printable
from sessiontimer.core.settings.model import CHECKS, PSFS, SOUNDS
from sessiontimer.core.settings.reading import read_settings
from sessiontimer.core.tomlfile.locate import locate_keys
from sessiontimer.core.tomlfile.reader import BOM, Problem, ReadResult

#: update_config's change keys -> where they live in the file
_FIELDS: dict[str, tuple[str, ...]] = {
    "theme": ("theme",),
    "sound": ("sound",),
    "checks": ("checks",),
    "psfs": ("psfs",),
    "disclaimer_seen": ("seen", "disclaimer"),
    "red_flags_checked": ("seen", "red_flags"),
}

NEW_FILE_HEADER = """\
# sessiontimer settings. Edit freely; the app keeps your comments.
# theme: any Textual theme name (ctrl+p > theme in the app)
# sound: speech, bell or off
# checks: red-flag questions before a session: daily, every (session) or off
# psfs: rating your everyday activities on home, about once a week: weekly or off
# [breaks]: the sit/stand timer: sit = "25m", stand = "3m", snooze = "5m", max_snoozes = 2,
#   routine = "desk-break", working_hours = "09:00-17:30" (off when absent), sound = "bell"
"""


def update_config(path: Path, **changes: object) -> Problem | None:
    """Change some settings in the file at ``path``, keeping everything else as it is written.

    Keys: ``theme``, ``sound``, ``checks``, ``psfs`` (text), ``disclaimer_seen`` and ``red_flags_checked``
    (dates). ``None`` removes the setting (back to its default). A wrong key or value is a programming
    error (``ValueError``/``TypeError``). Anything that stops the file being saved is returned as a
    Problem (the file is then left exactly as it was); ``None`` means saved.
    """
    wanted = _checked_changes(changes)
    name = str(path)
    with suppress(OSError, RuntimeError):
        if path.is_symlink():  # a dotfiles link: edit the file it points to, keep the link
            path = path.resolve()
    read = read_settings(path)
    if read.problems and not read.missing:
        problem = read.problems[0]
        return _not_saved(problem, problem.message, name)
    try:
        text = _edited(read, wanted, name)
    except _Refused as refused:
        return refused.problem
    except Exception as err:  # tomlkit on an unusual (but valid) file
        return Problem(
            1, 1, printable(f"the setting was not saved: could not edit the file ({err})"), name
        )
    if text is None:
        return None  # nothing changes
    try:
        write_atomically(path, (BOM if read.bom else "") + text, backup=False, new_mode=0o600)
    except OSError as err:
        why = printable(str(err.strerror or err))
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
        elif key == "psfs" and given not in PSFS:
            raise ValueError(f"psfs must be one of {PSFS}, not {given!r}")
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
    return dataclasses.replace(problem, message=printable(message), path=name)


def _edited(read: ReadResult, wanted: dict[tuple[str, ...], object], name: str) -> str | None:
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
