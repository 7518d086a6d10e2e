"""The settings file, config.toml: loading never raises and locates every problem; updating keeps the
user's comments, writes atomically and never overwrites a file it cannot parse."""

from __future__ import annotations

import datetime as dt
import errno
import math
import os
import re
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sessiontimer.core.settings.model import (
    CHECKS,
    PSFS,
    SOUNDS,
    Config,
    disclaimer_due,
    red_flags_due,
)
from sessiontimer.core.settings.reading import MAX_CONFIG_BYTES, load_config
from sessiontimer.core.settings.writing import update_config
from sessiontimer.core.tomlfile.reader import Problem
from tests.conftest import REPO

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
DAY = dt.date(2026, 11, 21)

EXAMPLE = """\
# sessiontimer settings. Edit freely; the app keeps your comments.
theme = "textual-dark"   # any Textual theme name (ctrl+p > theme in the app)
sound = "speech"         # speech, bell or off
checks = "daily"         # red-flag questions before a session: daily, every (session) or off

[seen]                   # kept by the app
disclaimer = 2026-11-21  # the day you read the first-run disclaimer
red_flags = 2026-11-21   # the day you last answered the red-flag questions
"""


def write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "config.toml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def check_problems(problems: list[Problem], path: Path) -> None:
    for problem in problems:
        assert problem.path == str(path)
        assert str(problem) == f"{path}:{problem.line}:{problem.col}: {problem.message}"
        assert not CONTROL.search(problem.message), problem.message
        assert len(problem.message) < 300, problem.message
    assert problems == sorted(problems)


def only_problem(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- loading: good files ----------------------------------------------------------------------------
def test_the_example_loads(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, EXAMPLE)) == (
        Config(
            theme="textual-dark",
            sound="speech",
            checks="daily",
            disclaimer_seen=DAY,
            red_flags_checked=DAY,
        ),
        [],
    )


def test_missing_file_and_missing_folder_give_the_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path / "config.toml") == (Config(), [])
    assert load_config(tmp_path / "no" / "such" / "folder" / "config.toml") == (Config(), [])


def test_empty_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, "")) == (Config(), [])
    assert load_config(write(tmp_path, "# only a comment\n\n")) == (Config(), [])


def test_defaults() -> None:
    config = Config()
    assert (config.theme, config.sound, config.checks) == (None, "speech", "daily")
    assert (config.disclaimer_seen, config.red_flags_checked) == (None, None)
    assert config.sound in SOUNDS and config.checks in CHECKS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('sound = "bell"\nchecks = "every"', Config(sound="bell", checks="every")),
        ('sound = "off"\nchecks = "off"', Config(sound="off", checks="off")),
        ('theme = "nord"', Config(theme="nord")),
        ('theme = "  nord\\u001b "', Config(theme="nord")),  # control characters go
        ("[seen]\ndisclaimer = 2026-11-21", Config(disclaimer_seen=DAY)),
        ("[seen]\nred_flags = 2026-11-21T23:59:00", Config(red_flags_checked=DAY)),
        ("[seen]\nred_flags = 2026-11-21T23:59:00+05:00", Config(red_flags_checked=DAY)),
        ("[seen]\nred_flags = 2026-11-21 08:00:00Z", Config(red_flags_checked=DAY)),
        ('[seen]\ndisclaimer = "2026-11-21"', Config(disclaimer_seen=DAY)),
        ("seen = {disclaimer = 2026-11-21}", Config(disclaimer_seen=DAY)),
        ("seen.red_flags = 2026-11-21", Config(red_flags_checked=DAY)),
        ("[seen]", Config()),
    ],
)
def test_good_values(tmp_path: Path, text: str, expected: Config) -> None:
    assert load_config(write(tmp_path, text)) == (expected, [])


def test_byte_order_mark_and_windows_line_ends(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf" + EXAMPLE.replace("\n", "\r\n").encode())
    config, problems = load_config(path)
    assert problems == []
    assert config.theme == "textual-dark" and config.red_flags_checked == DAY


# -- loading: bad values, one located problem each, good fields still used ---------------------------
@dataclass(frozen=True)
class Bad:
    id: str
    text: str
    config: Config  # what loads: bad fields at their defaults, good ones used
    problems: list[tuple[int, int, str]]  # line, column, a part of the message


BAD = [
    Bad(
        "sound-not-a-choice",
        'theme = "nord"\nsound = "loud"\nchecks = "off"',
        Config(theme="nord", checks="off"),
        [(2, 1, '"sound" must be one of speech, bell, off, not "loud" (using "speech" for now)')],
    ),
    Bad(
        "sound-near-miss",
        '  sound = "bel"',
        Config(),
        [(1, 3, 'did you mean "bell"?')],
    ),
    Bad(
        "sound-capitalised",
        'sound = "Speech"',
        Config(),
        [(1, 1, 'not "Speech" (using "speech" for now); did you mean "speech"?')],
    ),
    Bad("sound-integer", "sound = 3", Config(), [(1, 1, "not an integer")]),
    Bad("sound-boolean", "sound = false", Config(), [(1, 1, "not a boolean")]),
    Bad(
        "checks-near-miss",
        'sound = "bell"\nchecks = "dayly"',
        Config(sound="bell"),
        [(2, 1, '"checks" must be one of daily, every, off, not "dayly"')],
    ),
    Bad(
        "checks-always",
        'checks = "always"',
        Config(),
        [(1, 1, 'not "always" (using "daily" for now)')],
    ),
    Bad(
        "theme-integer",
        'sound = "off"\ntheme = 3',
        Config(sound="off"),
        [(2, 1, '"theme" must be a theme name in quotes, not an integer; using the default')],
    ),
    Bad("theme-array", 'theme = ["a"]', Config(), [(1, 1, "not an array")]),
    Bad("theme-empty", 'theme = ""', Config(), [(1, 1, '"theme" is empty')]),
    Bad("theme-blank", 'theme = " \\t "', Config(), [(1, 1, '"theme" is empty')]),
    Bad(
        "unknown-key",
        'sond = "bell"\nsound = "off"',
        Config(sound="off"),
        [(1, 1, 'unknown setting "sond" (ignored); did you mean "sound"?')],
    ),
    Bad("unknown-key-no-hint", "colour = 1", Config(), [(1, 1, 'unknown setting "colour"')]),
    Bad(
        "seen-key-at-the-top",
        "disclaimer = 2026-11-21",
        Config(),
        [(1, 1, "disclaimer belongs in the [seen] table")],
    ),
    Bad(
        "top-key-inside-seen",
        '[seen]\ndisclaimer = 2026-11-21\nsound = "bell"',
        Config(disclaimer_seen=DAY),
        [(3, 1, 'unknown key "sound" in [seen] (ignored); sound belongs above the [seen] table')],
    ),
    Bad(
        "unknown-key-in-seen",
        "[seen]\ndisclaimr = 2026-11-21\nred_flags = 2026-11-21",
        Config(red_flags_checked=DAY),
        [(2, 1, 'unknown key "disclaimr" in [seen] (ignored); did you mean "disclaimer"?')],
    ),
    Bad(
        "seen-not-a-table",
        'sound = "bell"\nseen = 2026-11-21',
        Config(sound="bell"),
        [(2, 1, '"seen" must be a table ([seen], kept by the app), not a date or time')],
    ),
    Bad("seen-array-of-tables", "[[seen]]\ndisclaimer = 2026-11-21", Config(), [(1, 1, "array")]),
    Bad(
        "seen-integer",
        "[seen]\ndisclaimer = 20261121\nred_flags = 2026-11-21",
        Config(red_flags_checked=DAY),
        [(2, 1, '"disclaimer" must be a date such as 2026-11-21 (no quotes), not an integer')],
    ),
    Bad("seen-time", "[seen]\nred_flags = 10:00:00", Config(), [(2, 1, "not a date or time")]),
    Bad(
        "seen-bad-text",
        '[seen]\nred_flags = "yesterday"',
        Config(),
        [(2, 1, 'not "yesterday"; it is ignored')],
    ),
    Bad("seen-no-such-day", '[seen]\nred_flags = "2026-02-30"', Config(), [(2, 1, "2026-02-30")]),
    Bad("seen-iso-week", '[seen]\nred_flags = "2026-W47-6"', Config(), [(2, 1, "2026-W47-6")]),
    Bad("seen-compact-date", '[seen]\nred_flags = "20261121"', Config(), [(2, 1, "20261121")]),
    Bad(
        "seen-inline-table-bad",
        'seen = {disclaimer = "no"}',
        Config(),
        [(1, 1, '"disclaimer" must be a date')],  # keys of inline tables: the table's line
    ),
    Bad(
        "seen-dotted-bad",
        "sound = 1\nseen.red_flags = true",
        Config(),
        [(1, 1, '"sound"'), (2, 1, '"red_flags" must be a date')],
    ),
    Bad(
        "several",
        'theme = 1\nsound = "loud"\nchecks = "Daily"\nfoo = 2\n\n[seen]\ndisclaimer = 3\n'
        "red_flags = 2026-11-21\nx = 1",
        Config(red_flags_checked=DAY),
        [
            (1, 1, '"theme"'),
            (2, 1, '"sound"'),
            (3, 1, '"checks"'),
            (4, 1, 'unknown setting "foo"'),
            (7, 1, '"disclaimer"'),
            (9, 1, 'unknown key "x" in [seen]'),
        ],
    ),
    Bad(
        "escape-codes-in-values",
        'sound = "\\u001b[31mred"',
        Config(),
        [(1, 1, 'not "\\x1b[31mred"')],
    ),
]


@pytest.mark.parametrize("row", BAD, ids=[row.id for row in BAD])
def test_bad_values(tmp_path: Path, row: Bad) -> None:
    path = write(tmp_path, row.text)
    config, problems = load_config(path)
    assert config == row.config
    check_problems(problems, path)
    got = [(p.line, p.col) for p in problems]
    assert got == [(line, col) for line, col, _ in row.problems], [str(p) for p in problems]
    for problem, (_, _, part) in zip(problems, row.problems, strict=True):
        assert part in problem.message, (problem.message, part)


# -- loading: files that cannot be used at all: the defaults and one problem --------------------------
@pytest.mark.parametrize(
    ("content", "line", "col", "part"),
    [
        ('sound = "bell"\ntheme = nord\n', 2, 9, "TOML syntax error: invalid value"),
        ('sound = "bell"\nsound = "off"\n', 2, 14, "each key may appear only once"),
        ('sound = "bell\n', 1, 14, "must end on the same line"),
        ("[seen\n", 1, 6, "TOML syntax error"),
        ('sound = "bell"\n\x00\n', 2, 1, "TOML syntax error: invalid statement"),
        ('sound = "be\x00ll"\n', 1, 12, "illegal character '\\x00'"),
        (b'sound = "bell"\nth\xffeme = 1\n', 2, 3, "not UTF-8 text (byte 0xff)"),
        (b"\xef\xbb\xbfx\xc3(", 1, 2, "not UTF-8 text (byte 0xc3)"),
        ("x = " + "1" * 5000, 1, 5, "this number is far too long"),
        ("x = " + "[" * 2000, 1, 105, "nested far too deeply"),
    ],
)
def test_unusable_file(
    tmp_path: Path, content: str | bytes, line: int, col: int, part: str
) -> None:
    path = write(tmp_path, content)
    config, problems = load_config(path)
    assert config == Config()
    problem = only_problem(problems)
    check_problems(problems, path)
    assert (problem.line, problem.col) == (line, col), str(problem)
    assert part in problem.message
    assert problem.message.endswith("; using the default settings")


def test_huge_file(tmp_path: Path) -> None:
    path = write(tmp_path, 'sound = "bell"\n' + "#" * MAX_CONFIG_BYTES)
    config, problems = load_config(path)
    problem = only_problem(problems)
    assert config == Config()
    assert (problem.line, problem.col) == (1, 1)
    assert "larger than 64 KiB" in problem.message
    # exactly at the limit is fine
    path = write(tmp_path, 'sound = "bell"\n' + "#" * (MAX_CONFIG_BYTES - 16) + "\n")
    assert load_config(path) == (Config(sound="bell"), [])


def test_a_folder_where_the_file_should_be(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.mkdir()
    config, problems = load_config(path)
    problem = only_problem(problems)
    assert config == Config()
    assert (problem.line, problem.col) == (1, 1)
    assert "this is a folder, not a settings file; using the default settings" in problem.message


def test_a_file_where_the_folder_should_be(tmp_path: Path) -> None:
    (tmp_path / "sessiontimer").write_text("")
    config, problems = load_config(tmp_path / "sessiontimer" / "config.toml")
    assert config == Config()
    assert "cannot read the file" in only_problem(problems).message


def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, EXAMPLE)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root (or similar): a chmod 000 file is still readable")
        config, problems = load_config(path)
        assert config == Config()
        problem = only_problem(problems)
        assert (problem.line, problem.col) == (1, 1)
        assert "cannot read the file: Permission denied; using the default" in problem.message
    finally:
        path.chmod(0o644)


def test_read_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """However reading fails (an I/O error, a permission refused even to root), defaults + a problem."""
    path = write(tmp_path, EXAMPLE)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("sessiontimer.core.base.files.os.open", refuse)
    config, problems = load_config(path)
    assert config == Config()
    assert "cannot read the file: Permission denied" in only_problem(problems).message


# -- when are the questions due ---------------------------------------------------------------------------
def test_red_flags_due() -> None:
    today = dt.date(2026, 11, 22)
    assert red_flags_due(Config(), today)
    assert red_flags_due(Config(red_flags_checked=DAY), today)
    assert not red_flags_due(Config(red_flags_checked=today), today)
    assert red_flags_due(Config(checks="every", red_flags_checked=today), today)
    assert not red_flags_due(Config(checks="off"), today)
    assert not red_flags_due(Config(checks="off", red_flags_checked=DAY), today)


def test_disclaimer_due() -> None:
    assert disclaimer_due(Config())
    assert not disclaimer_due(Config(disclaimer_seen=DAY))


# -- updating -------------------------------------------------------------------------------------------
def test_update_creates_the_folder_and_a_commented_file(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "sessiontimer" / "config.toml"
    assert update_config(path, sound="bell", red_flags_checked=DAY) is None
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# sessiontimer settings. Edit freely; the app keeps your comments.\n")
    assert tomllib.loads(text) == {"sound": "bell", "seen": {"red_flags": DAY}}
    assert load_config(path) == (Config(sound="bell", red_flags_checked=DAY), [])
    assert files_in(path.parent) == ["config.toml"]


def test_a_new_file_is_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o002)
    try:
        assert update_config(tmp_path / "config.toml", sound="off") is None
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "config.toml").stat().st_mode) == 0o600


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_update_keeps_the_permission_bits(tmp_path: Path, mode: int) -> None:
    path = write(tmp_path, EXAMPLE)
    path.chmod(mode)
    assert update_config(path, sound="bell") is None
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_update_changes_only_the_value(tmp_path: Path) -> None:
    path = write(tmp_path, EXAMPLE)
    assert update_config(path, sound="bell") is None
    assert path.read_text(encoding="utf-8") == EXAMPLE.replace('sound = "speech"', 'sound = "bell"')
    assert update_config(path, red_flags_checked=dt.date(2027, 1, 2)) is None
    assert path.read_text(encoding="utf-8") == EXAMPLE.replace(
        'sound = "speech"', 'sound = "bell"'
    ).replace("red_flags = 2026-11-21", "red_flags = 2027-01-02")
    assert (
        update_config(path, theme="nord", checks="off", disclaimer_seen=dt.date(2027, 1, 1)) is None
    )
    assert path.read_text(encoding="utf-8") == (
        EXAMPLE.replace('sound = "speech"', 'sound = "bell"')
        .replace("red_flags = 2026-11-21", "red_flags = 2027-01-02")
        .replace('theme = "textual-dark"', 'theme = "nord"')
        .replace('checks = "daily"', 'checks = "off"')
        .replace("disclaimer = 2026-11-21", "disclaimer = 2027-01-01")
    )
    assert load_config(path) == (
        Config("nord", "bell", "off", dt.date(2027, 1, 1), dt.date(2027, 1, 2)),
        [],
    )


HAND_WRITTEN = """\
# my settings

# the sound: I like the bell
sound = "bell"    # was speech
  mystery = [1, 2,   # a key the app does not know (a problem, but the user's business)
     3]


# dates
[seen]
disclaimer = 2026-11-21  # read it

[other]   # not ours
x = 1
"""


def test_new_top_level_keys_go_before_the_seen_table(tmp_path: Path) -> None:
    path = write(tmp_path, HAND_WRITTEN)
    assert update_config(path, checks="every", theme="nord") is None
    text = path.read_text(encoding="utf-8")
    # inserted right after the last top-level value, everything else byte for byte
    assert text == HAND_WRITTEN.replace("     3]\n", '     3]\nchecks = "every"\ntheme = "nord"\n')
    document = tomllib.loads(text)
    assert document["checks"] == "every" and document["theme"] == "nord"
    assert document["seen"] == {"disclaimer": DAY}
    assert document["other"] == {"x": 1}
    config, problems = load_config(path)
    assert config == Config(theme="nord", sound="bell", checks="every", disclaimer_seen=DAY)
    assert [(p.line, p.col) for p in problems] == [(5, 3), (15, 1)]  # mystery, [other]


def test_top_level_key_into_a_file_with_only_a_table(tmp_path: Path) -> None:
    path = write(tmp_path, "# header\n\n[seen]\ndisclaimer = 2026-11-21\n")
    assert update_config(path, sound="off") is None
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {
        "sound": "off",
        "seen": {"disclaimer": DAY},
    }
    assert path.read_text(encoding="utf-8").startswith("# header\n")


def test_seen_keys_are_added_to_the_seen_table(tmp_path: Path) -> None:
    path = write(tmp_path, '[seen]\ndisclaimer = 2026-11-21\n\n[other]\nsound = "x"\n')
    assert update_config(path, red_flags_checked=DAY) is None
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {
        "seen": {"disclaimer": DAY, "red_flags": DAY},
        "other": {"sound": "x"},
    }


def comments(text: str) -> list[str]:
    """The comments of a text (each from its "#"), in order; the texts tested have no "#" in strings."""
    return [line[line.index("#") :].rstrip("\r") for line in text.split("\n") if "#" in line]


def assert_comments_kept(before: str, after: str) -> None:
    """Every comment of ``before`` is in ``after``, in the same order (the app may add its own)."""
    rest = iter(comments(after))
    missing = [comment for comment in comments(before) if comment not in rest]
    assert not missing, missing


BREAKS_BY_HAND = """\
# my break timer
[breaks]           # sit/stand
sit = "50m"        # long, I know
# stand less on Fridays
stand = "2m"
"""

BETWEEN_TABLES = """\
sound = "bell"  # quiet

# the break timer
[breaks]
sit = "50m"

# when I read it
[seen]  # kept by the app
disclaimer = 2026-11-21
"""

#: (a file, the settings saved, the file then): a new top-level setting goes right after the last
#: top-level value, or above the comments that lead into the first table; nothing else moves.
NEW_TOP_LEVEL = [
    pytest.param(
        BREAKS_BY_HAND, {"theme": "nord"}, 'theme = "nord"\n\n' + BREAKS_BY_HAND, id="only-a-table"
    ),
    pytest.param(
        BETWEEN_TABLES,
        {"theme": "nord", "checks": "every"},
        BETWEEN_TABLES.replace("# quiet\n", '# quiet\ntheme = "nord"\nchecks = "every"\n'),
        id="comments-between-tables",
    ),
    pytest.param(
        '# header\n\n[breaks]\nsit = "50m"\n',
        {"theme": "nord"},
        '# header\n\ntheme = "nord"\n\n[breaks]\nsit = "50m"\n',
        id="file-comment-then-a-table",
    ),
    pytest.param(
        'breaks.sit = "50m"  # dotted\n\n# seen\n[seen]\ndisclaimer = 2026-11-21\n',
        {"theme": "nord"},
        'breaks.sit = "50m"  # dotted\ntheme = "nord"\n\n# seen\n[seen]\ndisclaimer = 2026-11-21\n',
        id="dotted-key-then-a-table",
    ),
    pytest.param(
        'breaks.sit = "50m"\nbreaks.stand = "2m"  # dotted\n',
        {"theme": "nord"},
        'breaks.sit = "50m"\nbreaks.stand = "2m"  # dotted\ntheme = "nord"\n',
        id="dotted-keys-only",
    ),
    pytest.param(
        'sound = "bell"\nnote = """\n# not a comment\n\n# nor this"""\n# a comment\n[[log]]\nx = 1\n',
        {"theme": "nord"},
        'sound = "bell"\nnote = """\n# not a comment\n\n# nor this"""\ntheme = "nord"\n'
        "# a comment\n[[log]]\nx = 1\n",
        id="multi-line-string-then-an-array-of-tables",
    ),
    pytest.param(
        '  sound = "bell"\r\n\r\n  # timer\r\n  [breaks]\r\n  sit = "5m"\r\n',
        {"theme": "nord"},
        '  sound = "bell"\r\ntheme = "nord"\r\n\r\n  # timer\r\n  [breaks]\r\n  sit = "5m"\r\n',
        id="windows-and-indented",
    ),
    pytest.param("", {"theme": "nord"}, 'theme = "nord"\n', id="empty-file"),
    pytest.param(
        "# a\n\n# b\n", {"theme": "nord"}, '# a\n\n# b\ntheme = "nord"\n', id="only-comments"
    ),
    pytest.param("# a", {"theme": "nord"}, '# a\ntheme = "nord"\n', id="a-comment-no-newline"),
    pytest.param(
        "# a\n# b\n",
        {"red_flags_checked": DAY, "theme": "nord"},
        '# a\n# b\ntheme = "nord"\n\n[seen] # kept by the app\nred_flags = 2026-11-21\n',
        id="only-comments-and-a-new-table",
    ),
    pytest.param(
        'theme = "nord"\n\n# the timer\n[breaks]\nsit = "50m"\n',
        {"theme": None, "sound": "off"},
        'sound = "off"\n\n# the timer\n[breaks]\nsit = "50m"\n',
        id="one-removed-one-added",
    ),
]


@pytest.mark.parametrize(("before", "changes", "after"), NEW_TOP_LEVEL)
def test_a_new_top_level_setting_goes_above_the_tables(
    tmp_path: Path, before: str, changes: dict[str, object], after: str
) -> None:
    path = write(tmp_path, before)
    assert update_config(path, **changes) is None
    text = path.read_bytes().decode("utf-8")
    assert text == after
    assert_comments_kept(before, text)
    expected = tomllib.loads(before)
    for key, saved in changes.items():
        if key == "red_flags_checked":
            expected.setdefault("seen", {})["red_flags"] = saved
        elif saved is None:
            del expected[key]
        else:
            expected[key] = saved
    assert tomllib.loads(text) == expected
    config, _ = load_config(path)
    assert config.theme == changes.get("theme", expected.get("theme"))


def test_a_sound_written_as_dotted_keys_is_a_table_and_is_not_replaced(tmp_path: Path) -> None:
    before = 'sound.volume = 3  # mine\n\n[breaks]\nsit = "50m"\n'
    path = write(tmp_path, before)
    problem = update_config(path, sound="off")
    assert problem is not None and '"sound" is written as a table' in problem.message
    assert (problem.line, problem.col) == (1, 1)
    assert path.read_text(encoding="utf-8") == before
    # the other settings are still saved, beside it
    assert update_config(path, theme="nord") is None
    text = path.read_text(encoding="utf-8")
    assert text == before.replace("# mine\n", '# mine\ntheme = "nord"\n')
    assert tomllib.loads(text) == {
        "sound": {"volume": 3},
        "theme": "nord",
        "breaks": {"sit": "50m"},
    }


def readme_block(after: str, starts: str = "") -> str:
    """The first ```toml block of the README after the line ``after`` (that starts with ``starts``)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert after in readme, f"README.md has no {after!r}"
    block = readme.split(after, 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    assert block.startswith(starts), block
    return block


@pytest.mark.parametrize("shape", ["as-is", "without-theme", "with-the-breaks-example"])
def test_saving_the_theme_in_the_readme_example_keeps_every_comment(
    tmp_path: Path, shape: str
) -> None:
    example = readme_block("### Settings (`config.toml`)", starts="theme = ")
    if shape == "without-theme":
        example = example.split("\n", 1)[1]
    elif shape == "with-the-breaks-example":
        example += "\n" + readme_block("## The break timer", starts="[breaks]")
    path = write(tmp_path, example)
    assert update_config(path, theme="nord") is None
    text = path.read_text(encoding="utf-8")
    assert comments(text) == comments(example)
    if shape == "without-theme":
        assert text.startswith('sound = "')
        assert text.replace('theme = "nord"\n', "", 1) == example
    else:
        assert text == re.sub(r'^theme = "[^"]*"', 'theme = "nord"', example)
    expected = {**tomllib.loads(example), "theme": "nord"}
    assert tomllib.loads(text) == expected
    config, problems = load_config(path)
    assert config.theme == "nord" and problems == []


@pytest.mark.parametrize(
    "text",
    [
        'sound = "off"\n',
        "seen = {disclaimer = 2026-11-21}\n",
        "seen.disclaimer = 2026-11-21\n",
        "[seen.extra]\ny = 2\n",
        "[seen]\n",
        'theme = "nord"',  # no final newline
    ],
)
def test_update_any_shape_of_file(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    before = tomllib.loads(text)
    assert update_config(path, sound="bell", red_flags_checked=DAY) is None
    after = tomllib.loads(path.read_text(encoding="utf-8"))
    seen = before.get("seen", {})
    assert after == {**before, "sound": "bell", "seen": {**seen, "red_flags": DAY}}


def test_none_removes_a_setting(tmp_path: Path) -> None:
    path = write(tmp_path, EXAMPLE)
    assert update_config(path, theme=None, disclaimer_seen=None) is None
    text = path.read_text(encoding="utf-8")
    assert "theme" not in text and "disclaimer =" not in text
    assert "# sessiontimer settings. Edit freely" in text and "# kept by the app" in text
    assert load_config(path) == (Config(red_flags_checked=DAY), [])
    # removing what is not there changes nothing
    before = path.read_bytes()
    assert update_config(path, theme=None, disclaimer_seen=None) is None
    assert path.read_bytes() == before


def test_no_change_does_not_rewrite_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, EXAMPLE)
    inode = path.stat().st_ino
    assert update_config(path, sound="speech", red_flags_checked=DAY) is None
    assert path.stat().st_ino == inode
    assert path.read_text(encoding="utf-8") == EXAMPLE


def test_windows_file_stays_a_windows_file(tmp_path: Path) -> None:
    original = b"\xef\xbb\xbf" + HAND_WRITTEN.replace("\n", "\r\n").encode()
    path = write(tmp_path, original)
    assert update_config(path, checks="off", red_flags_checked=DAY) is None
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert load_config(path)[0].checks == "off"
    assert load_config(path)[0].red_flags_checked == DAY


def test_datetime_values_are_stored_as_dates(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    assert update_config(path, disclaimer_seen=dt.datetime(2026, 11, 21, 8, 30)) is None
    assert "disclaimer = 2026-11-21\n" in path.read_text(encoding="utf-8")


def test_symlinked_file_stays_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "dotfiles").mkdir()
    target = write(tmp_path / "dotfiles", EXAMPLE)
    (tmp_path / "conf").mkdir()
    link = tmp_path / "conf" / "config.toml"
    link.symlink_to(target)
    assert update_config(link, sound="off") is None
    assert link.is_symlink()
    assert load_config(link)[0].sound == "off"
    assert files_in(tmp_path / "conf") == ["config.toml"]


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"volume": 3}, ValueError),
        ({"seen": DAY}, ValueError),
        ({"disclaimer": DAY}, ValueError),
        ({"sound": "loud"}, ValueError),
        ({"checks": "Daily"}, ValueError),
        ({"theme": "  "}, ValueError),
        ({"theme": 3}, TypeError),
        ({"disclaimer_seen": "2026-11-21"}, TypeError),
        ({"red_flags_checked": 20261121}, TypeError),
    ],
)
def test_programming_errors_raise(tmp_path: Path, changes: dict[str, object], error: type) -> None:
    path = write(tmp_path, EXAMPLE)
    with pytest.raises(error):
        update_config(path, **changes)
    assert path.read_text(encoding="utf-8") == EXAMPLE


# -- updating: files that must not be overwritten --------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "line", "col", "part"),
    [
        ('sound = "bell"\ntheme = nord\n# my notes\n', 2, 9, "TOML syntax error: invalid value"),
        (b"# caf\xe9\nsound = 1\n", 1, 6, "not UTF-8 text"),
        ('sound = "off"\n\x00', 2, 1, "TOML syntax error"),
        ("#" * (MAX_CONFIG_BYTES + 1), 1, 1, "larger than 64 KiB"),
        ('seen = "yes"\n', 1, 1, '"seen" is not a table'),
        ("x = 1\n[[seen]]\n", 2, 1, '"seen" is not a table'),
    ],
)
def test_a_file_that_cannot_be_edited_is_left_alone(
    tmp_path: Path, content: str | bytes, line: int, col: int, part: str
) -> None:
    path = write(tmp_path, content)
    before = path.read_bytes()
    problem = update_config(path, sound="off", red_flags_checked=DAY)
    assert problem is not None
    assert (problem.line, problem.col, problem.path) == (line, col, str(path))
    assert problem.message.startswith("the setting was not saved: "), problem.message
    assert part in problem.message
    assert problem.message.endswith("(the file is left as it is)")
    assert not CONTROL.search(problem.message)
    assert path.read_bytes() == before
    assert files_in(tmp_path) == ["config.toml"]


def test_a_bad_seen_value_does_not_stop_other_settings(tmp_path: Path) -> None:
    path = write(tmp_path, 'seen = "yes"  # mine\n')
    assert update_config(path, sound="off") is None
    assert path.read_text(encoding="utf-8") == 'seen = "yes"  # mine\nsound = "off"\n'


def test_a_setting_written_as_a_table_is_not_replaced(tmp_path: Path) -> None:
    path = write(tmp_path, "x = 1\n[sound]\nvolume = 3\n")
    problem = update_config(path, sound="off")
    assert problem is not None
    assert (problem.line, problem.col) == (2, 1)
    assert '"sound" is written as a table' in problem.message
    assert path.read_text(encoding="utf-8") == "x = 1\n[sound]\nvolume = 3\n"


def test_a_folder_where_the_file_should_be_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.mkdir()
    problem = update_config(path, sound="off")
    assert problem is not None
    assert "this is a folder" in problem.message
    assert path.is_dir()


def test_the_folder_cannot_be_created(tmp_path: Path) -> None:
    (tmp_path / "sessiontimer").write_text("a file, not a folder")
    problem = update_config(tmp_path / "sessiontimer" / "config.toml", sound="off")
    assert problem is not None
    assert (problem.line, problem.col) == (1, 1)
    assert problem.message.startswith("the setting was not saved: ")
    assert (tmp_path / "sessiontimer").read_text() == "a file, not a folder"


def test_failed_replace_leaves_the_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, EXAMPLE)

    def fail(src: object, dst: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", fail)
    problem = update_config(path, sound="off")
    assert problem is not None
    assert (problem.line, problem.col, problem.path) == (1, 1, str(path))
    assert problem.message == "the setting was not saved: Input/output error"
    assert path.read_text(encoding="utf-8") == EXAMPLE
    assert files_in(tmp_path) == ["config.toml"]


def test_disk_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, EXAMPLE)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    problem = update_config(path, sound="off")
    assert problem is not None
    assert problem.message == "the setting was not saved: No space left on device"
    assert path.read_text(encoding="utf-8") == EXAMPLE
    assert files_in(tmp_path) == ["config.toml"]


def test_interrupted_write_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even a KeyboardInterrupt mid-write removes the temporary file (and propagates)."""
    path = write(tmp_path, EXAMPLE)

    def interrupt(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        update_config(path, sound="off")
    assert path.read_text(encoding="utf-8") == EXAMPLE
    assert files_in(tmp_path) == ["config.toml"]


@pytest.mark.parametrize("exists", [True, False])
def test_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exists: bool) -> None:
    folder = tmp_path / "conf"
    folder.mkdir()
    path = folder / "config.toml"
    if exists:
        path.write_text(EXAMPLE, encoding="utf-8")
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):  # root: the chmod stops nothing, so refuse like it would
            real_open = os.open

            def refuse(file: str | Path, flags: int, mode: int = 0o777) -> int:
                if flags & os.O_CREAT:
                    raise PermissionError(errno.EACCES, "Permission denied")
                return real_open(file, flags, mode)

            monkeypatch.setattr(os, "open", refuse)
        problem = update_config(path, sound="off")
        assert problem is not None
        assert problem.message == "the setting was not saved: Permission denied"
        monkeypatch.undo()
        assert files_in(folder) == (["config.toml"] if exists else [])
        if exists:
            assert path.read_text(encoding="utf-8") == EXAMPLE
    finally:
        folder.chmod(0o755)


# -- round trips -----------------------------------------------------------------------------------------
THEMES = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=30).filter(
    lambda s: s.strip() == s and s != ""
)
CONFIGS = st.builds(
    Config,
    theme=st.none() | THEMES,
    sound=st.sampled_from(SOUNDS),
    checks=st.sampled_from(CHECKS),
    disclaimer_seen=st.none() | st.dates(),
    red_flags_checked=st.none() | st.dates(),
    psfs=st.sampled_from(PSFS),
)
FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@FUZZ
@given(CONFIGS, st.sampled_from(["", EXAMPLE, HAND_WRITTEN]))
def test_update_then_load_round_trip(tmp_path: Path, config: Config, start: str) -> None:
    path = tmp_path / "config.toml"
    if start:
        path.write_text(start, encoding="utf-8")
    else:
        path.unlink(missing_ok=True)
    changes = {
        "theme": config.theme,
        "sound": config.sound,
        "checks": config.checks,
        "disclaimer_seen": config.disclaimer_seen,
        "red_flags_checked": config.red_flags_checked,
        "psfs": config.psfs,
    }
    assert update_config(path, **changes) is None
    loaded, problems = load_config(path)
    assert loaded == config
    assert all("unknown" in p.message for p in problems)  # only HAND_WRITTEN's own keys
    if start:
        assert "# " in path.read_text(encoding="utf-8")  # the comments are still there


# -- never raises, never destroys -------------------------------------------------------------------------
FRAGMENTS = [
    "[seen]",
    "[[seen]]",
    "[seen.x]",
    "[other]",
    "seen = 3",
    "seen = {}",
    "seen = {disclaimer = 2026-11-21}",
    "seen.disclaimer = 2026-11-21",
    'sound = "bell"',
    'sound = "loud"',
    "sound = 1",
    'sond = "off"',
    "[sound]",
    'theme = ""',
    'theme = "nord"',
    'checks = "every"',
    "disclaimer = 2026-11-21",
    "red_flags = 2026-11-21T10:00:00Z",
    'red_flags = "2026-11-21"',
    "red_flags = 10:00:00",
    "x = [1,",
    "2]",
    '"""',
    "# comment",
    "=",
    "x = nan",
    "\x00",
    "\ufeff",
    "\r",
    "\t",
]


def assert_located(problems: list[Problem], data: bytes) -> None:
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = text.split("\n")
    for problem in problems:
        assert 1 <= problem.line <= len(lines), (problem, len(lines))
        assert 1 <= problem.col <= len(lines[problem.line - 1]) + 1, problem
        assert problem.message and not CONTROL.search(problem.message), problem.message


def normal(value: object) -> object:
    """A parsed document in a comparable form: NaN equals NaN."""
    if isinstance(value, dict):
        return {key: normal(item) for key, item in value.items()}
    if isinstance(value, list):
        return [normal(item) for item in value]
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    return value


def assert_update_is_safe(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        before = tomllib.loads(data.decode("utf-8").removeprefix("\ufeff"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, RecursionError):
        before = None
    problem = update_config(path, sound="bell", red_flags_checked=DAY)
    assert sorted(p.name for p in path.parent.iterdir()) == ["config.toml"]
    if problem is not None or before is None:
        assert problem is not None, "an unparsable file was overwritten"
        assert path.read_bytes() == data
        assert problem.message.startswith("the setting was not saved")
        return
    after = tomllib.loads(path.read_bytes().decode("utf-8").removeprefix("\ufeff"))
    seen = before.get("seen", {})
    expected = {**before, "sound": "bell", "seen": {**seen, "red_flags": DAY}}
    assert normal(after) == normal(expected)
    config, _ = load_config(path)
    assert (config.sound, config.red_flags_checked) == ("bell", DAY)


@FUZZ
@given(st.text())
def test_any_text(tmp_path: Path, text: str) -> None:
    data = text.encode("utf-8", errors="surrogatepass")
    path = write(tmp_path, data)
    config, problems = load_config(path)
    assert isinstance(config, Config)
    assert_located(problems, data)
    assert_update_is_safe(path, data)


@FUZZ
@given(st.binary())
def test_any_bytes(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, data)
    config, problems = load_config(path)
    assert isinstance(config, Config)
    assert_located(problems, data)
    assert_update_is_safe(path, data)


@FUZZ
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=12), st.sampled_from(["\n", "\r\n", " "]))
def test_fragments(tmp_path: Path, parts: list[str], sep: str) -> None:
    data = sep.join(parts).encode("utf-8")
    path = write(tmp_path, data)
    config, problems = load_config(path)
    assert config.sound in SOUNDS and config.checks in CHECKS
    assert config.theme is None or (config.theme and not CONTROL.search(config.theme))
    assert_located(problems, data)
    assert_update_is_safe(path, data)


SCALARS = st.one_of(
    st.integers(),
    st.booleans(),
    st.floats(),
    st.text(max_size=12),
    st.sampled_from([*SOUNDS, *CHECKS, "Bell", "2026-11-21", "2026-02-30", ""]),
    st.dates(),
    st.times(),
    st.datetimes(timezones=st.none() | st.just(dt.UTC)),
)
KEYS = st.sampled_from(["theme", "sound", "checks", "seen", "disclaimer", "red_flags", "sond"])
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS | st.text(max_size=5), inner),
    max_leaves=8,
)


@FUZZ
@given(st.dictionaries(KEYS | st.text(min_size=1, max_size=6), VALUES, max_size=6))
def test_settings_like_documents(tmp_path: Path, document: dict[str, object]) -> None:
    try:
        text = tomli_w.dumps(document)
    except (TypeError, ValueError):
        return
    data = text.encode("utf-8", errors="surrogatepass")
    path = write(tmp_path, data)
    config, problems = load_config(path)
    assert config.sound in SOUNDS and config.checks in CHECKS
    assert_located(problems, data)
    assert_update_is_safe(path, data)


# -- [breaks] ------------------------------------------------------------------------------------
def test_break_settings_are_read(tmp_path: Path) -> None:
    from sessiontimer.core.breaks.settings import BreakSettings, WorkingHours

    path = write(
        tmp_path,
        '[breaks]\nsit = "30m"\nstand = 240\nsnooze = "2m30s"\nmax_snoozes = 0\n'
        'routine = "my-stretch"\nworking_hours = "22:00-06:00"\nsound = "bell"\n',
    )
    config, problems = load_config(path)
    assert problems == []
    assert config.breaks == BreakSettings(
        sit=1800,
        stand=240,
        snooze=150,
        max_snoozes=0,
        routine="my-stretch",
        working_hours=WorkingHours(22 * 60, 6 * 60),
        sound="bell",
    )


def test_break_defaults_without_a_table(tmp_path: Path) -> None:
    from sessiontimer.core.breaks.settings import BreakSettings

    config, problems = load_config(write(tmp_path, 'sound = "off"\n'))
    assert problems == []
    assert config.breaks == BreakSettings()
    assert (config.breaks.sit, config.breaks.stand, config.breaks.snooze) == (1500, 180, 300)
    assert config.breaks.working_hours is None


@pytest.mark.parametrize(
    ("line", "col", "text", "message"),
    [
        (2, 1, 'sit = "0s"', '"sit" must be between 1s and 4h, not "0s" (using "25m")'),
        (2, 1, 'sit = "5h"', '"sit" must be between 1s and 4h, not "5h" (using "25m")'),
        (2, 1, 'stand = "3 min"', '"stand": "3 min" is not a duration'),
        (2, 1, "stand = 1.5", '"stand": durations are whole seconds'),
        (2, 1, "max_snoozes = 11", '"max_snoozes" must be a whole number from 0 to 10, not 11'),
        (2, 1, "max_snoozes = true", '"max_snoozes" must be a whole number from 0 to 10'),
        (2, 1, 'routine = "../x"', '"routine" must be a routine id in quotes'),
        (2, 1, 'working_hours = "9-17"', '"working_hours" must be two times of day'),
        (2, 1, 'working_hours = "25:00-17:00"', '"working_hours" must be two times of day'),
        (2, 1, 'working_hours = "09:00-09:00"', '"working_hours" must be two times of day'),
        (2, 1, 'sound = "beep"', '"sound" in [breaks] must be one of speech, bell, off'),
        (2, 1, 'sitt = "20m"', 'unknown key "sitt" in [breaks] (ignored); did you mean "sit"?'),
    ],
)
def test_bad_break_settings_are_located(
    tmp_path: Path, line: int, col: int, text: str, message: str
) -> None:
    from sessiontimer.core.breaks.settings import BreakSettings

    path = write(tmp_path, f"[breaks]\n{text}\n")
    config, problems = load_config(path)
    assert len(problems) == 1, problems
    (problem,) = problems
    assert (problem.line, problem.col) == (line, col)
    assert message in problem.message
    check_problems(problems, path)
    assert config.breaks == BreakSettings()  # the default stands in for the bad value


def test_breaks_that_is_not_a_table(tmp_path: Path) -> None:
    path = write(tmp_path, 'theme = "nord"\nbreaks = "25m"\n')
    _config, problems = load_config(path)
    assert [(p.line, p.col) for p in problems] == [(2, 1)]
    assert '"breaks" must be a table' in problems[0].message


def test_good_break_values_survive_beside_a_bad_one(tmp_path: Path) -> None:
    path = write(tmp_path, '[breaks]\nsit = "20m"\nstand = "forever"\nworking_hours = false\n')
    config, problems = load_config(path)
    assert [(p.line, p.col) for p in problems] == [(3, 1)]
    assert (config.breaks.sit, config.breaks.stand) == (1200, 180)
    assert config.breaks.working_hours is None


def test_a_new_config_is_readable_by_the_user_alone(tmp_path: Path) -> None:
    """It says when the person last answered the red-flag questions: health data (issue 19)."""
    import stat

    from sessiontimer.core.settings.writing import update_config

    path = tmp_path / "config.toml"
    assert update_config(path, theme="nord") is None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o640)  # one the user made readable on purpose keeps its permissions
    assert update_config(path, theme="dracula") is None
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


# -- psfs: the everyday activities asked on home (DESIGN.md section 11) ---------------------------------


def test_psfs_is_weekly_unless_turned_off(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, "")) == (Config(psfs="weekly"), [])
    assert load_config(write(tmp_path, 'psfs = "off"\n'))[0].psfs == "off"
    config, problems = load_config(write(tmp_path, 'psfs = "weakly"\n'))
    assert config.psfs == "weekly"
    assert [p.message for p in problems] == [
        '"psfs" must be one of weekly, off, not "weakly" (using "weekly" for now); did you mean '
        '"weekly"?'
    ]


def test_turning_psfs_off_keeps_the_comments(tmp_path: Path) -> None:
    path = write(tmp_path, EXAMPLE)
    assert update_config(path, psfs="off") is None
    assert path.read_text(encoding="utf-8") == EXAMPLE.replace(
        'checks = "daily"         # red-flag questions before a session: daily, every (session) or off\n',
        'checks = "daily"         # red-flag questions before a session: daily, every (session) or off\n'
        'psfs = "off"\n',
    )  # a new top-level line after the others, above [seen] and its comment
    assert update_config(path, psfs="weekly") is None
    assert 'psfs = "weekly"\n' in path.read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="psfs must be one of"):
        update_config(path, psfs="daily")
    new = tmp_path / "new" / "config.toml"
    assert update_config(new, psfs="off") is None
    assert "# psfs: rating your everyday activities on home" in new.read_text(encoding="utf-8")
