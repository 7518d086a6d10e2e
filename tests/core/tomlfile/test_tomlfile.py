"""The one TOML-file reader (core/tomlfile/reader.py) that routines and config.toml share: bounded read,
UTF-8 decode and parse, each failure one located problem worded for the kind of file; and the shared
text helpers (core/base/text.py) that its messages use."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessiontimer.core.base.text import (
    clean_block,
    clean_line,
    did_you_mean,
    printable,
    shown,
)
from sessiontimer.core.routines.loader import ROUTINE_FILE
from sessiontimer.core.settings.reading import SETTINGS_FILE
from sessiontimer.core.tomlfile.reader import (
    FileKind,
    Problem,
    ProblemLog,
    decode_toml,
    parse_toml,
    read_toml,
)

SMALL = FileKind(
    name="test file", max_bytes=8 * 1024, too_big="keep it short", hopeless="; not ours"
)


def test_a_good_file(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_bytes(b'\xef\xbb\xbfname = "x"\n[t]\nk = 1\n')
    read = read_toml(path, SMALL)
    assert read.problems == () and not read.missing
    assert read.bom and read.text == 'name = "x"\n[t]\nk = 1\n'
    assert read.document == {"name": "x", "t": {"k": 1}}


def test_no_file_is_missing_and_says_so(tmp_path: Path) -> None:
    read = read_toml(tmp_path / "nope.toml", SMALL)
    assert read.missing and read.text is None and read.document is None
    assert read.problems == (Problem(1, 1, "no such file", str(tmp_path / "nope.toml")),)


def test_a_folder_is_named_by_the_kind_of_file(tmp_path: Path) -> None:
    assert read_toml(tmp_path, ROUTINE_FILE).problems[0].message == (
        "this is a folder, not a routine file"
    )
    assert read_toml(tmp_path, SETTINGS_FILE).problems[0].message == (
        "this is a folder, not a settings file"
    )


def test_the_size_bound_is_the_kind_of_file_s(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(b"#" * 8192)
    assert read_toml(path, SMALL).problems == ()
    path.write_bytes(b"#" * 8193)
    (problem,) = read_toml(path, SMALL).problems
    assert (problem.line, problem.col) == (1, 1)
    assert problem.message == "the file is larger than 8 KiB; keep it short"
    # text given directly (the editor's) is bounded too
    assert parse_toml("#" * 8193, "t", SMALL).problems[0].message.startswith("the file is larger")


@pytest.mark.parametrize(
    ("data", "line", "col", "message"),
    [
        (
            b'a = 1\nb = "\xff"\n',
            2,
            6,
            "this is not UTF-8 text (byte 0xff); save the file as UTF-8",
        ),
        (b"\xef\xbb\xbfa\xc3(", 1, 2, "this is not UTF-8 text (byte 0xc3); save the file as UTF-8"),
        (
            b"a = 1\nb = nope\n",
            2,
            5,
            'TOML syntax error: invalid value (text values need quotes: name = "Bridge")',
        ),
        (b"a = " + b"1" * 5000, 1, 5, "this number is far too long; not ours"),
        (b"a = " + b"[" * 2000, 1, 105, "brackets are nested far too deeply; not ours"),
    ],
)
def test_each_failure_is_one_located_problem(
    data: bytes, line: int, col: int, message: str
) -> None:
    read = decode_toml(data, "f.toml", SMALL)
    (problem,) = read.problems
    assert read.document is None
    assert (problem.line, problem.col, problem.path) == (line, col, "f.toml")
    assert problem.message == message


def test_settings_say_nothing_more_about_hopeless_text() -> None:
    read = parse_toml("a = " + "[" * 2000, "config.toml", SETTINGS_FILE)
    assert read.problems[0].message == "brackets are nested far too deeply"


def test_problem_log_places_a_problem_at_its_key_or_its_parent() -> None:
    text = 'name = "x"\n\n[[steps]]\nname = "a"\n  hold = 3\n'
    log = ProblemLog(text, "r.toml")
    log.problem(("steps", 0, "hold"), "bad \x1b[31m")
    log.problem(("steps", 0, "reps"), "missing")
    log.problem(("nowhere",), "top")
    assert [str(p) for p in log.problems] == [
        "r.toml:5:3: bad \\x1b[31m",
        "r.toml:3:1: missing",
        "r.toml:1:1: top",
    ]


def test_text_helpers() -> None:
    assert clean_line(" a\x1b[31mb\tc\n ") == "a [31mb c"
    assert clean_block("a\r\nb\x07\tc\r") == "a\nb\tc"
    assert printable("a\nb\x9b") == "a\\nb\\x9b"
    assert shown("x\n") == '"x\\n"' and shown(3) == "an integer"
    assert did_you_mean("HODL", ("hold", "reps")) == '; did you mean "hold"?'
    assert did_you_mean("zzz", ("hold", "reps")) == ""
