"""Making and changing routine files: new ones (a template, or a copy of another routine), copies of
built-in routines made before the first change (copy-on-write), and the state of one edit, so that
discarding it puts the file back exactly as it was.

Nothing here runs an editor or reads the terminal: the command line does that and asks this module.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sessiontimer.core.base.files import (
    create_exclusively,
    keep_backup,
    remove_quietly,
    write_atomically,
)
from sessiontimer.core.base.text import quoted
from sessiontimer.core.routines.library import Entry
from sessiontimer.core.routines.loader import load_bytes, read_routine_bytes
from sessiontimer.core.tomlfile.reader import Problem

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
SCHEMA_NAME = "routine.schema.json"
DEFAULT_EDITORS = ("sensible-editor", "editor", "nano", "vim", "vi", "notepad")


class AuthoringError(Exception):
    """Something the user asked cannot be done; the message says why and what to do instead."""


# -- names ----------------------------------------------------------------------------------------
def suggest_id(name: str) -> str:
    """``My Routine.toml`` -> ``my-routine``: a name that would be accepted, or ""."""
    stem = name.strip()
    if stem.lower().endswith(".toml"):
        stem = stem[: -len(".toml")]
    slug = re.sub(r"[^a-z0-9_]+", "-", stem.lower()).strip("-_")
    return slug[:64].rstrip("-_")


def check_id(name: str) -> str:
    """The name as a routine id, or ``AuthoringError`` saying what a good one looks like."""
    if ID_RE.match(name):
        return name
    shown = quoted(name) if name.strip() else "an empty name"
    rule = (
        "a routine name is its file name: lowercase letters, digits, - and _ only, "
        "starting with a letter or digit (at most 64), like my-routine"
    )
    suggestion = suggest_id(name)
    hint = f'; try "{suggestion}"' if suggestion and ID_RE.match(suggestion) else ""
    raise AuthoringError(f"cannot use {shown} as a routine name: {rule}{hint}")


# -- new routines ---------------------------------------------------------------------------------
TEMPLATE_HEADER = """\
#:schema ./routine.schema.json
# {title}: a routine of your own. Change the steps, times and counts to
# what your physiotherapist gave you; check it (from any folder) with:
#   sessiontimer validate {routine_id}
#
# At the top: name (required), description, times_per_day (1-12), prepare
# (get-ready time before each step) and switch (time to change sides).
# Each [[steps]] table is one step, in order:
#   name (required); kind: hold, reps, timed, heat, cold or rest;
#   how (instructions); hold; reps (per set, per side); sets;
#   sides: none, left, right or both; alternate (true or false);
#   rest (between holds); set_rest (between sets); tempo (seconds per rep;
#   leave it out to end each set with Space); duration (timed, heat, cold
#   and rest steps; heat and cold 20 minutes at most); check_every (skin
#   checks); cues (short reminders). For progression (p on home):
#   max_hold, max_reps, max_duration (how far it may go) and
#   progress = false (leave this step as it is).
# Durations: a number of seconds (90) or text like "45s", "2m", "1m30s".

"""


def title_of(routine_id: str) -> str:
    """``my-evening_stretches`` -> ``My evening stretches``."""
    words = re.sub(r"[-_]+", " ", routine_id).strip()
    return (words[:1].upper() + words[1:]) or "My routine"


def template_text(routine_id: str) -> str:
    """A short routine that is valid as it is: a comment header, then TOML written by tomli-w."""
    import tomli_w  # only writers need it

    document = {
        "name": title_of(routine_id),
        "description": "What it is for, and who gave it to you.",
        "times_per_day": 1,
        "prepare": "5s",
        "switch": "5s",
        "steps": [
            {
                "name": "A stretch you hold",
                "kind": "hold",
                "how": "What to do, in a few short sentences.",
                "hold": "30s",
                "reps": 3,
                "sides": "both",
                "rest": "10s",
                "cues": ["Breathe slowly"],
            },
            {
                "name": "A movement you repeat",
                "kind": "reps",
                "how": "What to do, in a few short sentences.",
                "reps": 10,
                "tempo": "3s",
                "sets": 2,
                "set_rest": "30s",
            },
        ],
    }
    header = TEMPLATE_HEADER.format(title=title_of(routine_id), routine_id=routine_id)
    return header + tomli_w.dumps(document, multiline_strings=True)


def ensure_schema(user_dir: Path, schema: Path | None) -> None:
    """Keep a copy of the routine schema beside the user's routines, so the ``#:schema
    ./routine.schema.json`` line that built-in routines and the template start with works there too
    (TOML editors use it for completion and checks). Best effort: a routine never depends on it."""
    if schema is None:
        return
    try:
        wanted = schema.read_bytes()
        target = user_dir / SCHEMA_NAME
        try:
            if target.read_bytes() == wanted:
                return
        except OSError:
            pass
        write_atomically(target, wanted, backup=False)
    except OSError:
        return


def new_routine(
    name: str,
    user_dir: Path,
    builtin_dir: Path | None,
    source: Entry | None = None,
    schema: Path | None = None,
) -> Path:
    """Write ``user_dir/NAME.toml``: the template, or the text of ``source`` exactly as it is.

    Refuses a name that is not a simple id, a file that exists, and the id of a built-in routine
    (a user routine with that id would hide it: ``edit`` makes a copy of a built-in instead)."""
    routine_id = check_id(name)
    target = user_dir / f"{routine_id}.toml"
    if target.exists() or target.is_symlink():
        raise AuthoringError(
            f"{target} exists already; choose another name, or change it with: "
            f"sessiontimer edit {routine_id}"
        )
    if builtin_dir is not None and (builtin_dir / f"{routine_id}.toml").is_file():
        raise AuthoringError(
            f'"{routine_id}" is a built-in routine, and a routine of yours with that name would '
            f"take its place; to change it, use: sessiontimer edit {routine_id} (that makes your own "
            "copy), or choose another name"
        )
    if source is None:
        data = template_text(routine_id).encode("utf-8")
    else:
        try:
            data = renamed(read_routine_bytes(source.path), title_of(routine_id))
        except OSError as err:
            raise AuthoringError(f"cannot read {source.path}: {err.strerror or err}") from None
    try:
        create_exclusively(target, data)
    except FileExistsError:
        raise AuthoringError(f"{target} exists already; choose another name") from None
    except OSError as err:
        raise AuthoringError(f"cannot write {target}: {err.strerror or err}") from None
    ensure_schema(user_dir, schema)
    return target


def renamed(data: bytes, name: str) -> bytes:
    """A routine file's text with ``name`` as its top-level name, everything else as it was
    (comments, layout; tomlkit's public API). A text that does not parse (a copy of a broken
    routine) is left as it is: it keeps its problems, and its name, until it is fixed."""
    import tomlkit  # only `new --from` needs it
    from tomlkit.exceptions import TOMLKitError

    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        document = tomlkit.parse(data.decode("utf-8-sig"))
        document["name"] = name
        text = tomlkit.dumps(document)
    except (UnicodeDecodeError, TOMLKitError, ValueError):
        return data
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def copy_of_builtin(entry: Entry, user_dir: Path, schema: Path | None = None) -> Path:
    """Copy-on-write: the user's own copy of a built-in routine, byte for byte (the built-in file
    is never changed). Returns its path; ``AuthoringError`` when it cannot be written."""
    target = user_dir / entry.path.name
    try:
        create_exclusively(target, read_routine_bytes(entry.path))
    except FileExistsError:
        raise AuthoringError(
            f"{target} exists already (your own copy of {entry.id}); edit that one"
        ) from None
    except OSError as err:
        raise AuthoringError(
            f"cannot copy {entry.path} to {target}: {err.strerror or err}"
        ) from None
    ensure_schema(user_dir, schema)
    return target


# -- the editor -----------------------------------------------------------------------------------
def editor_command(
    environ: Mapping[str, str], which: Callable[[str], str | None] = shutil.which
) -> list[str]:
    """``$VISUAL``, else ``$EDITOR``, else the first of a few usual editors found on PATH, as an
    argument list (``code --wait`` works). ``AuthoringError`` when there is none."""
    for variable in ("VISUAL", "EDITOR"):
        value = environ.get(variable, "").strip()
        if not value:
            continue
        try:
            words = shlex.split(value, posix=os.name != "nt")
        except ValueError as err:
            raise AuthoringError(
                f"${variable} ({value!r}) cannot be read as a command: {err}"
            ) from None
        if not words:
            continue
        if which(words[0]) is None:
            have = next((name for name in DEFAULT_EDITORS if which(name)), None)
            example = f", e.g. {variable}={have}" if have else ""
            raise AuthoringError(
                f'the editor in ${variable} ("{words[0]}") was not found; install it, or set '
                f"{variable} to an editor you have{example}"
            )
        return words
    for name in DEFAULT_EDITORS:
        found = which(name)
        if found is not None:
            return [found]
    raise AuthoringError(
        "no text editor found: set VISUAL or EDITOR (e.g. export EDITOR=nano), "
        "or edit the routine in the app (e on the home screen)"
    )


# -- one edit -------------------------------------------------------------------------------------
@dataclass
class EditSession:
    """One edit of a routine file: what it was before (to discard the changes byte for byte), and
    whether it is a copy of a built-in made for this edit (discarding then removes it)."""

    path: Path
    original: bytes | None
    copied: bool = False
    builtin: Path | None = None
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def start(cls, entry: Entry, user_dir: Path, schema: Path | None = None) -> EditSession:
        if entry.source == "built-in":
            path = copy_of_builtin(entry, user_dir, schema)
            return cls(path, path.read_bytes(), copied=True, builtin=entry.path)
        try:
            original: bytes | None = read_routine_bytes(entry.path)
        except FileNotFoundError:
            original = None
        except OSError as err:
            raise AuthoringError(f"cannot read {entry.path}: {err.strerror or err}") from None
        return cls(entry.path, original)

    def current(self) -> bytes | None:
        try:
            return read_routine_bytes(self.path)
        except OSError:
            return None

    @property
    def changed(self) -> bool:
        return self.current() != self.original

    def check(self) -> list[Problem]:
        """Validate the file as it is now; the problems are kept in ``problems``."""
        data = self.current()
        if data is None:
            self.problems = [
                Problem(1, 1, "the file is gone (the editor removed it)", str(self.path))
            ]
        else:
            result = load_bytes(
                data, str(self.path), routine_id=self.path.stem, source_path=self.path
            )
            self.problems = result if isinstance(result, list) else []
        return self.problems

    def keep_before_edit(self) -> None:
        """Before the editor starts: the version on disk is kept as ``NAME.bak`` at once, so an
        edit that is killed half-way (the terminal closed, the machine off) still leaves it
        (a broken version never replaces a good ``.bak``)."""
        if self.copied or self.original is None:
            return
        with contextlib.suppress(OSError):
            keep_backup(self.path, self.original, valid_routine(self.path))

    def keep_backup(self) -> None:
        """After a change: the version from before the edit becomes ``NAME.bak`` (a copy of a
        built-in has none: the built-in is its previous version). Nothing changed: the ``.bak``
        is left alone; a broken version never replaces a good ``.bak``."""
        if self.copied or self.original is None or not self.changed:
            return
        with contextlib.suppress(OSError):
            keep_backup(self.path, self.original, valid_routine(self.path))

    def discard(self) -> None:
        """Put the file back as it was, byte for byte; a copy made for this edit is removed."""
        if self.copied or self.original is None:
            remove_quietly(self.path)
        elif self.current() != self.original:
            write_atomically(self.path, self.original, backup=False)

    def finish(self) -> Literal["copy dropped", "unchanged", "saved"]:
        """The edit ended with a valid file: an unchanged copy of a built-in is removed; a change
        keeps the version from before as ``.bak``."""
        if self.drop_unchanged_copy():
            return "copy dropped"
        if not self.changed:
            return "unchanged"
        self.keep_backup()
        return "saved"

    def drop_unchanged_copy(self) -> bool:
        """A copy of a built-in that ends the edit unchanged is removed (the built-in is used
        as before); True when that happened."""
        if self.copied and self.builtin is not None and self.current() == self.original:
            remove_quietly(self.path)
            return True
        return False


# Editors known to end their options at "--" (the file name after it is never an option).
_DOUBLE_DASH = {
    "vi",
    "vim",
    "nvim",
    "view",
    "gvim",
    "nano",
    "pico",
    "emacs",
    "emacsclient",
    "micro",
}


def editor_arguments(command: list[str], path: Path) -> list[str]:
    """The editor's command line for ``path``: the absolute path (it starts with "/", so no file
    name, not even "+!cmd" or "-c", is taken for an option), after "--" where the editor knows it."""
    target = str(path.absolute())
    if Path(command[0]).name in _DOUBLE_DASH:
        return [*command, "--", target]
    return [*command, target]


def valid_routine(path: Path) -> Callable[[bytes], bool]:
    """Is this version of the routine file at ``path`` valid? (For keeping the last good .bak.)"""

    def check(data: bytes) -> bool:
        result = load_bytes(data, str(path), routine_id=path.stem, source_path=path)
        return not isinstance(result, list)

    return check
