"""Finds built-in and user routines: ids, precedence (a user routine replaces a built-in of the same id),
and broken files kept in the list with their problems rather than hidden."""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import Literal

from sessiontimer.core.base.files import read_regular
from sessiontimer.core.base.text import clean_line, printable
from sessiontimer.core.base.value import value
from sessiontimer.core.routines.loader import ROUTINE_FILE, LoadResult, load_file
from sessiontimer.core.routines.model import Routine
from sessiontimer.core.tomlfile.reader import Problem

Source = Literal["built-in", "user", "file"]


@value
class Entry:
    id: str
    path: Path
    source: Source
    result: LoadResult
    replaces_builtin: bool = False

    @property
    def valid(self) -> bool:
        return isinstance(self.result, Routine)

    @property
    def routine(self) -> Routine | None:
        return self.result if isinstance(self.result, Routine) else None

    @property
    def name(self) -> str:
        """The routine's name; for a broken file, the name it gives if it parses, else its id
        (a file name may hold escape sequences: they are cleaned out, as from any name)."""
        if isinstance(self.result, Routine):
            return self.result.name
        return _raw_name(self.path) or clean_line(printable(self.id))

    @property
    def problems(self) -> list[Problem]:
        return [] if isinstance(self.result, Routine) else list(self.result)


def _raw_name(path: Path) -> str | None:
    """The name a broken routine file gives, when the file at least parses as TOML."""
    try:
        data = read_regular(path, ROUTINE_FILE.max_bytes)
        if len(data) > ROUTINE_FILE.max_bytes:
            return None
        name = tomllib.loads(data.decode("utf-8-sig")).get("name")
    except (OSError, ValueError, RecursionError):
        return None
    return clean_line(name) or None if isinstance(name, str) else None


class RoutineNotFound(LookupError):
    """An id or path that names no routine; the message says what there is."""


def _routine_files(folder: Path | None) -> list[Path]:
    if folder is None or not folder.is_dir():
        return []
    try:
        return sorted(
            p for p in folder.iterdir() if p.suffix == ".toml" and not p.name.startswith(".")
        )
    except OSError:
        return []


def discover(builtin_dir: Path | None, user_dir: Path | None) -> list[Entry]:
    """Every routine, sorted by id; a user file takes the place of a built-in with the same id."""
    entries: dict[str, Entry] = {}
    for path in _routine_files(builtin_dir):
        entries[path.stem] = Entry(path.stem, path, "built-in", load_file(path))
    for path in _routine_files(user_dir):
        replaces = path.stem in entries
        entries[path.stem] = Entry(path.stem, path, "user", load_file(path), replaces)
    return [entries[key] for key in sorted(entries)]


def looks_like_path(ref: str) -> bool:
    return ref.endswith(".toml") or "/" in ref or "\\" in ref


def resolve(ref: str, builtin_dir: Path | None, user_dir: Path | None) -> Entry:
    """A routine by id (``morning-mobility``) or by path to a ``.toml`` file."""
    if looks_like_path(ref):
        path = Path(ref).expanduser()
        if not path.is_file():
            raise RoutineNotFound(f"{ref}: no such routine file")
        return Entry(path.stem, path, "file", load_file(path))
    for source, folder in (("user", user_dir), ("built-in", builtin_dir)):
        if folder is None:
            continue
        path = folder / f"{ref}.toml"
        if path.is_file():
            replaces = (
                source == "user"
                and builtin_dir is not None
                and (builtin_dir / f"{ref}.toml").is_file()
            )
            src: Source = "user" if source == "user" else "built-in"
            return Entry(ref, path, src, load_file(path), replaces)
    known = sorted({p.stem for p in _routine_files(builtin_dir) + _routine_files(user_dir)})
    close = difflib.get_close_matches(ref, known, n=1, cutoff=0.5)
    hint = f' Did you mean "{close[0]}"?' if close else ""
    listing = ", ".join(known) if known else "none"
    raise RoutineNotFound(f'no routine called "{ref}".{hint} Routines: {listing}')
