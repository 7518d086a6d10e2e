"""The one way a TOML file is read: bounded read -> UTF-8 decode -> parse, each failure a located
``Problem``; and ``ProblemLog``, which places a checker's problems at the keys they are about.

No input raises: a missing or unreadable file, a file too big, undecodable bytes, a syntax error, a
number too long for ``int`` and brackets nested too deeply all become one problem at a line and column.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from sessiontimer.core.base.files import NotAFile, read_regular
from sessiontimer.core.base.text import printable
from sessiontimer.core.base.value import value
from sessiontimer.core.tomlfile.locate import Path as KeyPath
from sessiontimer.core.tomlfile.locate import Positions, locate_keys

BOM = "\ufeff"  # the byte-order mark Windows Notepad writes first; not part of the text

_MAX_NESTING = 100
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_END = re.compile(r"\s*\(at end of document\)\s*$")


@value(order=True)
class Problem:
    """One thing wrong with a file, at a 1-based line and column."""

    line: int
    col: int
    message: str
    path: str = ""

    def __str__(self) -> str:
        return printable(f"{self.path}:{self.line}:{self.col}: {self.message}")


@value
class FileKind:
    """What the reader says about one kind of file: ``"this is a folder, not a {name}"``, the size
    bound and the advice after "the file is larger than N KiB; ", and ``hopeless``, added to a
    problem that shows the text is no such file at all (a number of 4000 digits)."""

    name: str
    max_bytes: int
    too_big: str
    hopeless: str = ""


@value
class ReadResult:
    """A TOML file as read: its text (byte-order mark removed), its parsed document, or the problem
    that stops it being used. ``missing``: there is no such file (``problems`` says so)."""

    text: str | None = None  # None when the file could not be read or decoded
    document: dict[str, Any] | None = None  # None whenever there is a problem
    problems: tuple[Problem, ...] = ()
    bom: bool = False
    missing: bool = False


def read_toml(path: Path, kind: FileKind) -> ReadResult:
    """Read at most ``kind.max_bytes`` (+1, to know it is more) of ``path``, then :func:`decode_toml`."""
    name = str(path)
    try:
        data = read_regular(path, kind.max_bytes)
    except FileNotFoundError:
        return ReadResult(problems=(Problem(1, 1, "no such file", name),), missing=True)
    except (IsADirectoryError, NotAFile) as err:
        what = "a folder" if isinstance(err, IsADirectoryError) else str(err).split(", not")[0]
        what = what.removeprefix("this is ")
        return _failed(Problem(1, 1, f"this is {what}, not a {kind.name}", name))
    except OSError as err:
        why = printable(str(err.strerror or err))
        return _failed(Problem(1, 1, f"cannot read the file: {why}", name))
    return decode_toml(data, name, kind)


def decode_toml(data: bytes, path: str, kind: FileKind) -> ReadResult:
    """Check raw bytes: size, UTF-8 (a byte-order mark is fine), then :func:`parse_toml`."""
    if len(data) > kind.max_bytes:
        return _failed(_too_big(path, kind))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        # the same columns as for a text that decodes: a byte-order mark is not a column
        good = data[: err.start].decode("utf-8", errors="replace").removeprefix(BOM)
        line, col = Positions(good).at(len(good))
        bad = data[err.start : err.start + 1].hex()
        message = f"this is not UTF-8 text (byte 0x{bad}); save the file as UTF-8"
        return _failed(Problem(line, col, message, path))
    return parse_toml(text, path, kind)


def parse_toml(text: str, path: str, kind: FileKind) -> ReadResult:
    """Parse a TOML text (a leading byte-order mark is dropped) that is at most ``kind.max_bytes``."""
    bom = text.startswith(BOM)
    text = text.removeprefix(BOM)
    if len(text.encode("utf-8", errors="surrogatepass")) > kind.max_bytes:
        return _failed(_too_big(path, kind), text, bom)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        return _failed(_syntax_problem(str(err), text, path), text, bom)
    except ValueError:
        # int() refuses a number of more than 4300 digits (a ValueError, not a TOMLDecodeError)
        line, col = _long_number(text)
        message = f"this number is far too long{kind.hopeless}"
        return _failed(Problem(line, col, message, path), text, bom)
    except RecursionError:
        line, col = _deep_nesting(text)
        message = f"brackets are nested far too deeply{kind.hopeless}"
        return _failed(Problem(line, col, message, path), text, bom)
    return ReadResult(text, document, bom=bom)


class ProblemLog:
    """Problems found in a parsed text, each placed at the key it is about: the key's line and
    column, else its nearest written parent's (a step's ``[[steps]]`` header), else line 1."""

    def __init__(self, text: str, path: str) -> None:
        self._source = text
        self.path = path
        self.problems: list[Problem] = []
        self._keys: dict[KeyPath, tuple[int, int]] | None = None

    @property
    def keys(self) -> dict[KeyPath, tuple[int, int]]:
        """Where each key is written; found the first time a problem is placed (a valid file,
        the usual case, is never scanned: home reads every routine file as it opens)."""
        if self._keys is None:
            self._keys = locate_keys(self._source)
        return self._keys

    def where(self, key: KeyPath) -> tuple[int, int]:
        """The line and column of ``key``, else of its nearest parent that is written, else (1, 1)."""
        for cut in range(len(key), 0, -1):
            found = self.keys.get(key[:cut])
            if found:
                return found
        return 1, 1

    def problem(self, key: KeyPath, message: str) -> None:
        """Record ``message`` (made printable) at ``key``."""
        line, col = self.where(key)
        self.problems.append(Problem(line, col, printable(message), self.path))


def _failed(problem: Problem, text: str | None = None, bom: bool = False) -> ReadResult:
    return ReadResult(text, problems=(problem,), bom=bom)


def _too_big(path: str, kind: FileKind) -> Problem:
    message = f"the file is larger than {kind.max_bytes // 1024} KiB; {kind.too_big}"
    return Problem(1, 1, message, path)


def _syntax_problem(message: str, text: str, path: str) -> Problem:
    match = _TOML_POSITION.search(message)
    if match:
        line, col = int(match.group(1)), int(match.group(2))
        message = message[: match.start()]
    else:
        positions = Positions(text)
        line, col = positions.at(len(text))
        message = _TOML_END.sub("", message)
    message = message[:1].lower() + message[1:]
    hint = _syntax_hint(message, _char_at(text, line, col))
    return Problem(line, col, printable(f"TOML syntax error: {message}{hint}"), path)


def _char_at(text: str, line: int, col: int) -> str:
    lines = text.split("\n")
    if 1 <= line <= len(lines):
        current = lines[line - 1] + ("\n" if line < len(lines) else "")
        if 1 <= col <= len(current):
            return current[col - 1]
    return ""


def _syntax_hint(message: str, char: str) -> str:
    if "invalid value" in message:
        # only when a bare word stands where a value should be (not for "x = [" at the end)
        if char.isalpha():
            return ' (text values need quotes: name = "Bridge")'
        return ""
    if "cannot overwrite" in message or "cannot declare" in message:
        return " (each key may appear only once in a table)"
    if "illegal character" in message and char in ("\r", "\n"):  # "... never ended
        return ' (a text in quotes must end on the same line; use """...""" for several lines)'
    if "illegal character" in message:
        return " (remove the control character or write it as an escape)"
    return ""


def _long_number(text: str) -> tuple[int, int]:
    match = re.search(r"[0-9][0-9_]{4000,}", text)
    return Positions(text).at(match.start()) if match else (1, 1)


def _deep_nesting(text: str) -> tuple[int, int]:
    depth = 0
    for offset, ch in enumerate(text):
        if ch in "[{":
            depth += 1
            if depth > _MAX_NESTING:
                return Positions(text).at(offset)
        elif ch in "]}":
            depth -= 1
    return 1, 1
