"""Where things are in a TOML text: the line and column of every key and ``[[steps]]`` header.

``tomllib`` gives values but no positions, so this small scanner walks a document that has already
parsed and records, for each key, where it was written. Paths are tuples: ``("name",)`` for a top-level
key, ``("steps", 2, "hold")`` for a key of the third step, ``("steps", 2)`` for that step's header (the
``[[steps]]`` line, or the ``{`` of an inline table). It never recurses, so deep nesting cannot hurt it.
"""

from __future__ import annotations

import bisect
import re
import tomllib

Path = tuple[str | int, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class Positions:
    """Maps character offsets of a text to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    @property
    def last_line(self) -> int:
        return len(self._starts)


def locate_keys(text: str) -> dict[Path, tuple[int, int]]:
    """Return ``{path: (line, column)}`` for the keys and step headers of a valid TOML text."""
    return _Scanner(text).run()


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.i = 0
        self.pos = Positions(text)
        self.found: dict[Path, tuple[int, int]] = {}
        self.table: Path = ()
        self.steps = 0

    def mark(self, path: Path, offset: int) -> None:
        self.found.setdefault(path, self.pos.at(offset))

    def mark_key(self, table: Path, names: list[str], offset: int) -> None:
        """A (dotted) key: ``hold.x = 1`` defines ``hold`` too, so mark every prefix."""
        for cut in range(1, len(names) + 1):
            self.mark((*table, *names[:cut]), offset)

    def run(self) -> dict[Path, tuple[int, int]]:
        text = self.text
        while self.i < self.n:
            self.skip_space(newlines=True)
            if self.i >= self.n:
                break
            ch = text[self.i]
            if ch == "#":
                self.skip_comment()
            elif ch == "[":
                self.header()
            else:
                self.key_value(self.table)
        return self.found

    # -- pieces of the grammar -------------------------------------------------------------------
    def skip_space(self, newlines: bool) -> None:
        chars = " \t\r\n" if newlines else " \t\r"
        while self.i < self.n and self.text[self.i] in chars:
            self.i += 1

    def skip_comment(self) -> None:
        end = self.text.find("\n", self.i)
        self.i = self.n if end < 0 else end

    def header(self) -> None:
        start = self.i
        double = self.text.startswith("[[", self.i)
        self.i += 2 if double else 1
        names = self.dotted_key()
        self.skip_space(newlines=False)
        self.i += 2 if double else 1
        if double and names == ["steps"]:
            self.table = ("steps", self.steps)
            self.mark(("steps",), start)  # the first [[steps]] stands for the key "steps"
            self.mark(self.table, start)
            self.steps += 1
        elif names and names[0] == "steps" and len(names) > 1 and self.steps:
            # [steps.x] or [[steps.x]] after [[steps]]: a sub-table of the latest step
            self.table = ("steps", self.steps - 1, *names[1:])
            self.mark_key(("steps", self.steps - 1), names[1:], start)
        else:
            self.table = tuple(names)
            self.mark_key((), names, start)

    def dotted_key(self) -> list[str]:
        names: list[str] = []
        while self.i < self.n:
            self.skip_space(newlines=False)
            names.append(self.simple_key())
            self.skip_space(newlines=False)
            if self.i < self.n and self.text[self.i] == ".":
                self.i += 1
                continue
            break
        return names

    def simple_key(self) -> str:
        text = self.text
        if self.i < self.n and text[self.i] in "\"'":
            quote = text[self.i]
            end = self.i + 1
            while end < self.n and text[end] != quote:
                end += 2 if quote == '"' and text[end] == "\\" else 1
            key = text[self.i + 1 : end]
            if quote == '"' and "\\" in key:
                key = _unescape(text[self.i : end + 1], key)
            self.i = end + 1
            return key
        match = _BARE_KEY.match(text, self.i)
        if match is None:  # not expected in a valid document; step over one character
            self.i += 1
            return ""
        self.i = match.end()
        return match.group()

    def key_value(self, table: Path) -> None:
        start = self.i
        names = self.dotted_key()
        path = (*table, *names)
        self.mark_key(table, names, start)
        self.skip_space(newlines=False)
        if self.i < self.n and self.text[self.i] == "=":
            self.i += 1
        self.skip_space(newlines=False)
        if path == ("steps",):
            self.value(step_array=True)
        else:
            self.value(step_array=False)

    def value(self, step_array: bool) -> None:
        """Skip one value; inside ``steps = [ {...}, ... ]`` record each inline table's keys."""
        text = self.text
        # A stack of open brackets: "[" or "{" plus the path of the inline table (for keys).
        stack: list[tuple[str, Path | None]] = []
        while self.i < self.n:
            ch = text[self.i]
            if ch in "\"'":
                self.skip_string()
            elif ch == "#" and stack:
                self.skip_comment()
            elif ch == "[":
                stack.append(("[", None))
                self.i += 1
            elif ch == "{":
                path: Path | None = None
                if step_array and len(stack) == 1 and stack[0][0] == "[":
                    path = ("steps", self.steps)
                    self.mark(path, self.i)
                    self.steps += 1
                stack.append(("{", path))
                self.i += 1
                self.inline_keys(stack)
            elif ch in "]}":
                if stack:
                    stack.pop()
                self.i += 1
                if not stack:
                    return
                if stack[-1][0] == "{":
                    self.inline_keys(stack)
            elif ch == "," and stack and stack[-1][0] == "{":
                self.i += 1
                self.inline_keys(stack)
            elif not stack and ch in "\n#":
                return
            else:
                self.i += 1

    def inline_keys(self, stack: list[tuple[str, Path | None]]) -> None:
        """At the start of a key inside an inline table: read the key and the ``=``."""
        self.skip_space(newlines=True)
        if self.i >= self.n or self.text[self.i] in "},":
            return
        start = self.i
        names = self.dotted_key()
        owner = stack[-1][1]
        if owner is not None:
            self.mark_key(owner, names, start)
        self.skip_space(newlines=False)
        if self.i < self.n and self.text[self.i] == "=":
            self.i += 1

    def skip_string(self) -> None:
        text = self.text
        quote = text[self.i]
        if text.startswith(quote * 3, self.i):
            end = self.i + 3
            while end < self.n:
                if quote == '"' and text[end] == "\\":
                    end += 2
                    continue
                if text.startswith(quote * 3, end):
                    end += 3
                    # up to two more quotes may close the string ("""a"""")
                    while end < self.n and text[end] == quote:
                        end += 1
                    break
                end += 1
            self.i = end
            return
        end = self.i + 1
        while end < self.n and text[end] != quote and text[end] != "\n":
            end += 2 if quote == '"' and text[end] == "\\" else 1
        self.i = end + 1


def _unescape(quoted: str, raw: str) -> str:
    """The key a quoted key with escapes stands for (``"ho\\u006cd"`` is ``hold``)."""
    try:
        return next(iter(tomllib.loads(f"{quoted} = 0")), raw)
    except (tomllib.TOMLDecodeError, ValueError):  # pragma: no cover - the document parsed
        return raw
