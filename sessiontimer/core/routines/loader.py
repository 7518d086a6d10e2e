"""Loading a routine: a file, bytes or text -> Routine, or a list of located problems (DESIGN.md
section 3), through the one TOML reader (core/tomlfile) and the routine checker.

Every problem names the line and column where it is: for a wrong or unknown key, the key; for a
missing key, the ``[[steps]]`` header of its step (or line 1 for a top-level key). No input of any kind
raises: undecodable bytes, binary junk, huge files, deep nesting and wrong types all become problems.
"""

from __future__ import annotations

from pathlib import Path

from sessiontimer.core.base.files import read_regular
from sessiontimer.core.routines.checker import check_routine
from sessiontimer.core.routines.model import Routine
from sessiontimer.core.tomlfile.reader import (
    FileKind,
    Problem,
    ReadResult,
    decode_toml,
    parse_toml,
    read_toml,
)

MAX_FILE_BYTES = 256 * 1024

ROUTINE_FILE = FileKind(
    name="routine file",
    max_bytes=MAX_FILE_BYTES,
    too_big="a routine file must be smaller (split it into several routines)",
    hopeless="; this is not a routine file",
)

LoadResult = Routine | list[Problem]


def read_routine_bytes(path: Path) -> bytes:
    """A routine file's bytes, read the safe way (core/base/files.read_regular): a folder, FIFO or
    device, or a file over the size bound, is an OSError whose ``strerror`` says so."""
    import errno

    data = read_regular(path, MAX_FILE_BYTES)
    if len(data) > MAX_FILE_BYTES:
        raise OSError(errno.EFBIG, f"it is larger than {MAX_FILE_BYTES // 1024} KiB")
    return data


def load_file(path: str | Path, routine_id: str | None = None) -> LoadResult:
    """Read and check a routine file; a file that cannot be read is a problem too."""
    path = Path(path)
    rid = routine_id if routine_id is not None else path.stem
    return _checked(read_toml(path, ROUTINE_FILE), str(path), rid, path)


def load_bytes(
    data: bytes,
    path: str = "<routine>",
    routine_id: str = "",
    source_path: Path | None = None,
) -> LoadResult:
    """Check raw bytes: size, UTF-8 (a BOM is fine), then the TOML and the routine."""
    return _checked(decode_toml(data, path, ROUTINE_FILE), path, routine_id, source_path)


def load_text(
    text: str,
    path: str = "<routine>",
    routine_id: str = "",
    source_path: Path | None = None,
) -> LoadResult:
    """Parse and check a routine's TOML text."""
    return _checked(parse_toml(text, path, ROUTINE_FILE), path, routine_id, source_path)


def _checked(read: ReadResult, path: str, routine_id: str, source_path: Path | None) -> LoadResult:
    if read.problems:
        return list(read.problems)
    assert read.document is not None and read.text is not None
    try:
        return check_routine(read.document, read.text, path, routine_id, source_path)
    except RecursionError:  # pragma: no cover - tomllib refuses such documents first
        return [Problem(1, 1, "the document is nested far too deeply", path)]
