"""TOML text -> Routine, or a list of located problems (DESIGN.md section 3); and the writer.

Every problem names the line and column where it is: for a wrong or unknown key, the key; for a
missing key, the ``[[steps]]`` header of its step (or line 1 for a top-level key). No input of any kind
raises: undecodable bytes, binary junk, huge files, deep nesting and wrong types all become problems.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path
from typing import Any

from sessiontimer.core.base.durations import (
    MAX_SECONDS,
    DurationError,
    format_duration,
    parse_duration,
    quoted,
    shown_number,
    type_name,
)
from sessiontimer.core.base.value import value
from sessiontimer.core.routines.model import (
    KINDS,
    SIDES,
    STEP_KEYS_FOR_KINDS,
    TOP_KEYS,
    Kind,
    Routine,
    Sides,
    Step,
)
from sessiontimer.core.tomlfile.locate import Positions, locate_keys

MAX_FILE_BYTES = 256 * 1024
MAX_TEXT = 2000
MAX_CUES = 20
MAX_STEPS = 200
MAX_PACK_SECONDS = 20 * 60
_MAX_NESTING = 100

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_END = re.compile(r"\s*\(at end of document\)\s*$")


@value(order=True)
class Problem:
    """One thing wrong with a routine file, at a 1-based line and column."""

    line: int
    col: int
    message: str
    path: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


LoadResult = Routine | list[Problem]


def load_file(path: str | Path, routine_id: str | None = None) -> LoadResult:
    """Read and check a routine file; a file that cannot be read is a problem too."""
    path = Path(path)
    name = str(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except IsADirectoryError:
        return [Problem(1, 1, "this is a folder, not a routine file", name)]
    except FileNotFoundError:
        return [Problem(1, 1, "no such file", name)]
    except OSError as err:
        return [Problem(1, 1, f"cannot read the file: {err.strerror or err}", name)]
    rid = routine_id if routine_id is not None else path.stem
    return load_bytes(data, name, routine_id=rid, source_path=path)


def load_bytes(
    data: bytes,
    path: str = "<routine>",
    routine_id: str = "",
    source_path: Path | None = None,
) -> LoadResult:
    """Check raw bytes: size, UTF-8 (a BOM is fine), then :func:`load_text`."""
    if len(data) > MAX_FILE_BYTES:
        return [_too_big(path)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        # the same columns as for a text that decodes: a byte-order mark is not a column
        good = data[: err.start].decode("utf-8", errors="replace").removeprefix("\ufeff")
        line, col = Positions(good).at(len(good))
        bad = data[err.start : err.start + 1].hex()
        return [
            Problem(
                line,
                col,
                f"this is not UTF-8 text (byte 0x{bad}); save the file as UTF-8",
                path,
            )
        ]
    return load_text(text, path, routine_id=routine_id, source_path=source_path)


def load_text(
    text: str,
    path: str = "<routine>",
    routine_id: str = "",
    source_path: Path | None = None,
) -> LoadResult:
    """Parse and check a routine's TOML text."""
    if text.startswith("\ufeff"):
        text = text[1:]  # Windows Notepad's byte-order mark
    if len(text.encode("utf-8", errors="surrogatepass")) > MAX_FILE_BYTES:
        return [_too_big(path)]
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        return [_syntax_problem(str(err), text, path)]
    except ValueError:
        # int() refuses a number of more than 4300 digits (a ValueError, not a TOMLDecodeError)
        line, col = _long_number(text)
        return [Problem(line, col, "this number is far too long; this is not a routine file", path)]
    except RecursionError:
        line, col = _deep_nesting(text)
        return [
            Problem(
                line, col, "brackets are nested far too deeply; this is not a routine file", path
            )
        ]
    try:
        keys = locate_keys(text)
        checker = _Checker(keys, path, Positions(text).last_line)
        routine = checker.routine(document, routine_id, source_path)
    except RecursionError:  # pragma: no cover - tomllib refuses such documents first
        return [Problem(1, 1, "the document is nested far too deeply", path)]
    if checker.problems:
        return sorted(checker.problems)
    assert routine is not None
    return routine


def _too_big(path: str) -> Problem:
    return Problem(
        1,
        1,
        f"the file is larger than {MAX_FILE_BYTES // 1024} KiB; a routine file must be "
        "smaller (split it into several routines)",
        path,
    )


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
    return Problem(line, col, _printable(f"TOML syntax error: {message}{hint}"), path)


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


def _printable(message: str) -> str:
    """A message on one line with no control characters (they could drive the terminal)."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f]", lambda m: repr(m.group())[1:-1], message)


def _shown(value: Any) -> str:
    """A wrong value, as a message shows it: a text in quotes, or the name of its type."""
    return quoted(value) if isinstance(value, str) else type_name(value)


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


def clean_line(value: str) -> str:
    """One line of plain text: control characters (escape codes included) become spaces."""
    return _LINE_CONTROL.sub(" ", value).strip()


def clean_block(value: str) -> str:
    """Plain text that may span lines: control characters other than newline and tab go."""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


def did_you_mean(key: str, choices: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(key.lower(), choices, n=1, cutoff=0.6)
    return f'; did you mean "{close[0]}"?' if close else ""


class _Checker:
    """Walks a parsed document, collecting problems located with the key positions."""

    def __init__(self, keys: dict[tuple[str | int, ...], tuple[int, int]], path: str, last: int):
        self.keys = keys
        self.path = path
        self.last_line = last
        self.problems: list[Problem] = []

    # -- locating -------------------------------------------------------------------------------
    def where(self, *path: str | int) -> tuple[int, int]:
        """The key's position, else its step's header, else line 1."""
        for cut in range(len(path), 0, -1):
            found = self.keys.get(path[:cut])
            if found:
                return found
        return 1, 1

    def problem(self, path: tuple[str | int, ...], message: str) -> None:
        line, col = self.where(*path)
        self.problems.append(Problem(line, col, _printable(message), self.path))

    # -- the routine ------------------------------------------------------------------------------
    def routine(
        self, doc: dict[str, Any], routine_id: str, source_path: Path | None
    ) -> Routine | None:
        for key in doc:
            if key not in TOP_KEYS:
                hint = did_you_mean(key, TOP_KEYS)
                if not hint and key in STEP_KEYS_FOR_KINDS:
                    hint = f"; {key} belongs in a [[steps]] table"
                self.problem((key,), f"unknown key {quoted(key)} at the top of the routine{hint}")
        name = self.text(doc, ("name",), required=True, block=False)
        if name == "" and "name" in doc:
            self.problem(("name",), 'the routine\'s name is empty: write name = "My routine"')
        description = self.text(doc, ("description",), required=False, block=True)
        times = self.integer(doc, ("times_per_day",), 1, 12, default=1, unit="times a day")
        prepare = self.duration(doc, ("prepare",), 0, MAX_SECONDS, default=5)
        switch = self.duration(doc, ("switch",), 0, MAX_SECONDS, default=5)
        steps = self.steps(doc)
        if self.problems:
            return None
        return Routine(
            name=name or "",
            steps=tuple(steps),
            description=description or "",
            times_per_day=times,
            prepare=prepare,
            switch=switch,
            id=routine_id,
            path=source_path,
        )

    def steps(self, doc: dict[str, Any]) -> list[Step]:
        if "steps" not in doc:
            self.problem(
                (),
                "the routine has no steps: add at least one [[steps]] table with a name",
            )
            return []
        raw = doc["steps"]
        if isinstance(raw, dict):
            self.problem(
                ("steps",), "steps must be written [[steps]] (double brackets), one per step"
            )
            return []
        if not isinstance(raw, list):
            self.problem(
                ("steps",),
                f"steps must be a list of [[steps]] tables, not {type_name(raw)}",
            )
            return []
        if not raw:
            self.problem(("steps",), "the routine has no steps: add at least one [[steps]] table")
            return []
        if len(raw) > MAX_STEPS:
            self.problem(
                ("steps", MAX_STEPS),
                f"a routine may have at most {MAX_STEPS} steps; this one has {len(raw)}",
            )
            return []
        out: list[Step] = []
        for index, item in enumerate(raw):
            if not isinstance(item, dict):
                self.problem(
                    ("steps",),
                    f"step {index + 1} must be a table (name = ...), not {type_name(item)}",
                )
                continue
            step = self.step(index, item)
            if step is not None:
                out.append(step)
        return out

    def step(self, index: int, item: dict[str, Any]) -> Step | None:
        where = ("steps", index)
        label = f"step {index + 1}"
        before = len(self.problems)
        name = self.text(item, (*where, "name"), required=True, block=False, label=label)
        if name is not None:
            label = f"step {index + 1} ({quoted(name)})" if name else label
            if name == "":
                self.problem((*where, "name"), f'{label} has an empty name: write name = "..."')

        for key in item:
            if key not in STEP_KEYS_FOR_KINDS:
                hint = did_you_mean(key, list(STEP_KEYS_FOR_KINDS))
                if not hint and key in TOP_KEYS:
                    hint = f"; {key} belongs at the top of the file, before the first [[steps]]"
                self.problem((*where, key), f"unknown key {quoted(key)} in {label}{hint}")

        kind, inferred = self.kind(item, where, label)
        if kind is None:
            return None
        for key in item:
            allowed = STEP_KEYS_FOR_KINDS.get(key)
            if allowed is not None and kind not in allowed:
                why = f" ({_inference_reason(item)})" if inferred else ""
                kinds = ", ".join(allowed)
                self.problem(
                    (*where, key),
                    f'"{key}" does not apply to a {kind} step{why}; it is for: {kinds}',
                )

        how = self.text(item, (*where, "how"), required=False, block=True, label=label)
        cues = self.cues(item, where)
        sides = self.choice(item, (*where, "sides"), SIDES, "none")
        alternate = self.boolean(item, (*where, "alternate"), False)
        if alternate and sides != "both":
            self.problem(
                (*where, "alternate"),
                f'alternate only works with sides = "both" (this step has sides = "{sides}")',
            )
        reps = self.integer(item, (*where, "reps"), 1, 100, default=1, unit="repetitions")
        sets = self.integer(item, (*where, "sets"), 1, 20, default=1, unit="sets")
        low_hold = 1 if kind == "hold" else 0
        hold = self.duration(item, (*where, "hold"), low_hold, MAX_SECONDS, default=None)
        rest = self.duration(item, (*where, "rest"), 0, MAX_SECONDS, default=5)
        set_rest = self.duration(item, (*where, "set_rest"), 0, MAX_SECONDS, default=30)
        tempo = self.duration(item, (*where, "tempo"), 1, MAX_SECONDS, default=None)
        high = MAX_PACK_SECONDS if kind in ("heat", "cold") else MAX_SECONDS
        duration = self.duration(item, (*where, "duration"), 1, high, default=None)
        check_every = self.duration(item, (*where, "check_every"), 1, MAX_SECONDS, default=300)

        if kind == "hold" and "hold" not in item:
            self.problem(where, f'{label} is a hold step but has no "hold": add hold = "30s"')
        if kind in ("timed", "heat", "cold", "rest") and "duration" not in item:
            example = "15m" if kind in ("heat", "cold") else "1m"
            self.problem(
                where, f'{label} is a {kind} step but has no "duration": add duration = "{example}"'
            )
        if len(self.problems) > before or name is None:
            return None
        return Step(
            name=name,
            kind=kind,
            how=how or "",
            hold=hold,
            reps=reps,
            sets=sets,
            sides=sides,
            alternate=alternate,
            rest=rest,
            set_rest=set_rest,
            tempo=tempo,
            duration=duration,
            check_every=check_every,
            cues=tuple(cues),
        )

    def kind(
        self, item: dict[str, Any], where: tuple[str | int, ...], label: str
    ) -> tuple[Kind | None, bool]:
        if "kind" not in item:
            if "duration" in item:
                return "timed", True
            if "tempo" in item or "hold" not in item:
                return "reps", True
            return "hold", True
        raw = item["kind"]
        if isinstance(raw, str) and raw in KINDS:
            return _as_kind(raw), False
        shown = _shown(raw)
        hint = did_you_mean(raw, KINDS) if isinstance(raw, str) else ""
        self.problem(
            (*where, "kind"),
            f"kind must be one of {', '.join(KINDS)}, not {shown}{hint}",
        )
        return None, False

    # -- typed fields -----------------------------------------------------------------------------
    def text(
        self,
        table: dict[str, Any],
        path: tuple[str | int, ...],
        required: bool,
        block: bool,
        label: str = "the routine",
    ) -> str | None:
        key = str(path[-1])
        if key not in table:
            if required:
                self.problem(path, f'{label} has no "{key}": add {key} = "..."')
            return None
        value = table[key]
        if not isinstance(value, str):
            self.problem(path, f'"{key}" must be text in quotes, not {type_name(value)}')
            return None
        if len(value) > MAX_TEXT:
            self.problem(path, f'"{key}" is {len(value)} characters long; keep it under {MAX_TEXT}')
            return None
        return clean_block(value) if block else clean_line(value)

    def cues(self, item: dict[str, Any], where: tuple[str | int, ...]) -> list[str]:
        path = (*where, "cues")
        if "cues" not in item:
            return []
        value = item["cues"]
        if not isinstance(value, list):
            self.problem(
                path, f'cues must be a list of texts: cues = ["...", "..."], not {type_name(value)}'
            )
            return []
        if len(value) > MAX_CUES:
            self.problem(path, f"at most {MAX_CUES} cues per step; this step has {len(value)}")
            return []
        out: list[str] = []
        for n, cue in enumerate(value, start=1):
            if not isinstance(cue, str):
                self.problem(path, f"cue {n} must be text in quotes, not {type_name(cue)}")
            elif len(cue) > MAX_TEXT:
                self.problem(
                    path, f"cue {n} is {len(cue)} characters long; keep it under {MAX_TEXT}"
                )
            elif clean_line(cue):
                out.append(clean_line(cue))
        return out

    def integer(
        self,
        table: dict[str, Any],
        path: tuple[str | int, ...],
        low: int,
        high: int,
        default: int,
        unit: str,
    ) -> int:
        key = str(path[-1])
        if key not in table:
            return default
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(
                path, f'"{key}" must be a whole number from {low} to {high}, not {_shown(value)}'
            )
            return default
        if not low <= value <= high:
            self.problem(
                path, f'"{key}" must be from {low} to {high} {unit}, not {shown_number(value)}'
            )
            return default
        return value

    def duration(
        self,
        table: dict[str, Any],
        path: tuple[str | int, ...],
        low: int,
        high: int,
        default: int | None,
    ) -> Any:
        key = str(path[-1])
        if key not in table:
            return default
        try:
            seconds = parse_duration(table[key])
        except DurationError as err:
            self.problem(path, f'"{key}": {err}')
            return default
        if seconds > high:
            # a huge number of seconds cannot even be printed (more than 4300 digits)
            length = format_duration(seconds) if seconds < 10**12 else "far too long"
            if high == MAX_PACK_SECONDS:
                message = (
                    f'"{key}" is {length}; heat and cold stay on for 20 minutes '
                    "at most (longer risks burns or frostbite)"
                )
            else:
                message = f'"{key}" is {length}; the longest allowed is {format_duration(high)}'
            self.problem(path, message)
            return default
        if seconds < low:
            self.problem(path, f'"{key}" must be at least {format_duration(low)}')
            return default
        return seconds

    def choice(
        self,
        table: dict[str, Any],
        path: tuple[str | int, ...],
        choices: tuple[Sides, ...],
        default: Sides,
    ) -> Sides:
        key = str(path[-1])
        if key not in table:
            return default
        value = table[key]
        if isinstance(value, str) and value in choices:
            return _as_side(value)
        hint = did_you_mean(value, choices) if isinstance(value, str) else ""
        self.problem(
            path, f'"{key}" must be one of {", ".join(choices)}, not {_shown(value)}{hint}'
        )
        return default

    def boolean(self, table: dict[str, Any], path: tuple[str | int, ...], default: bool) -> bool:
        key = str(path[-1])
        if key not in table:
            return default
        value = table[key]
        if not isinstance(value, bool):
            self.problem(path, f'"{key}" must be true or false (no quotes), not {_shown(value)}')
            return default
        return value


def _inference_reason(item: dict[str, Any]) -> str:
    if "duration" in item:
        return 'it is a timed step because it has a "duration"; set kind to change that'
    if "tempo" in item:
        return 'it is a reps step because it has a "tempo"; set kind to change that'
    if "hold" not in item:
        return 'it is a reps step because it has no "hold"; set kind to change that'
    return 'it is a hold step because it has a "hold"; set kind to change that'


def _as_kind(value: str) -> Kind:
    for kind in KINDS:
        if kind == value:
            return kind
    raise ValueError(value)  # pragma: no cover


def _as_side(value: str) -> Sides:
    for side in SIDES:
        if side == value:
            return side
    raise ValueError(value)  # pragma: no cover


# -- the writer -----------------------------------------------------------------------------------
_STEP_DEFAULTS = Step(name="", kind="hold")


def routine_to_document(routine: Routine) -> dict[str, Any]:
    """A routine as a TOML-ready dict (durations as strings, defaults left out)."""
    doc: dict[str, Any] = {"name": routine.name}
    if routine.description:
        doc["description"] = routine.description
    if routine.times_per_day != 1:
        doc["times_per_day"] = routine.times_per_day
    if routine.prepare != 5:
        doc["prepare"] = format_duration(routine.prepare)
    if routine.switch != 5:
        doc["switch"] = format_duration(routine.switch)
    doc["steps"] = [_step_to_table(step) for step in routine.steps]
    return doc


def _step_to_table(step: Step) -> dict[str, Any]:
    table: dict[str, Any] = {"name": step.name, "kind": step.kind}
    if step.how:
        table["how"] = step.how
    allowed = {key for key, kinds in STEP_KEYS_FOR_KINDS.items() if step.kind in kinds}
    for key in (
        "hold",
        "reps",
        "sets",
        "sides",
        "alternate",
        "rest",
        "set_rest",
        "tempo",
        "duration",
        "check_every",
    ):
        if key not in allowed:
            continue
        value = getattr(step, key)
        if value is None or value == getattr(_STEP_DEFAULTS, key):
            continue
        if key in ("hold", "rest", "set_rest", "tempo", "duration", "check_every"):
            value = format_duration(value)
        table[key] = value
    if step.cues:
        table["cues"] = list(step.cues)
    return table


def dump_routine(routine: Routine) -> str:
    """The routine as TOML text (tomli-w); loading it gives the same routine back."""
    import tomli_w  # imported here: only writers need it, and start-up should not pay for it

    return tomli_w.dumps(routine_to_document(routine), multiline_strings=True)
