"""The routine loader (DESIGN.md section 3): located problems for bad files, Routines for good ones."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sessiontimer.core.routines.loader import (
    MAX_FILE_BYTES,
    LoadResult,
    load_bytes,
    load_file,
    load_text,
)
from sessiontimer.core.routines.model import Routine, Step
from sessiontimer.core.routines.writer import dump_routine
from sessiontimer.core.session.plan import build_plan
from sessiontimer.core.tomlfile.reader import Problem
from tests.conftest import REPO
from tests.support.bad_routines import BAD, Bad
from tests.support.routines import DESIGN_EXAMPLE

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def load(row: Bad, path: str = "bad.toml") -> LoadResult:
    if isinstance(row.text, bytes):
        return load_bytes(row.text, path)
    return load_text(row.text, path)


def assert_problems(result: LoadResult, row: Bad, path: str) -> None:
    assert isinstance(result, list), f"{row.id}: loaded, but it should not"
    got = [(p.line, p.col, p.message) for p in result]
    expected = sorted(row.problems)
    assert len(got) == len(expected), f"{row.id}: expected {expected}, got {got}"
    for (line, col, message), want in zip(got, expected, strict=True):
        assert (line, col) == (want.line, want.col), f"{row.id}: {message!r} at {line}:{col}"
        assert want.contains in message, f"{row.id}: {message!r} lacks {want.contains!r}"
    for problem in result:
        assert problem.path == path
        assert str(problem) == f"{path}:{problem.line}:{problem.col}: {problem.message}"
        # one line, nothing that could drive a terminal
        assert not CONTROL.search(problem.message), problem.message
        assert len(problem.message) < 300, problem.message


# -- the table of bad files ----------------------------------------------------------------------
def test_the_table_is_big_enough() -> None:
    assert len(BAD) >= 40
    assert all(row.problems for row in BAD)


@pytest.mark.parametrize("row", BAD, ids=[row.id for row in BAD])
def test_bad_file_problems(row: Bad) -> None:
    assert_problems(load(row), row, "bad.toml")


@pytest.mark.parametrize("row", BAD, ids=[row.id for row in BAD])
def test_bad_file_same_problems_as_bytes_and_from_disk(row: Bad, tmp_path: Path) -> None:
    data = row.text if isinstance(row.text, bytes) else row.text.encode("utf-8")
    assert_problems(load_bytes(data, "x.toml"), row, "x.toml")
    path = tmp_path / f"{row.id}.toml"
    path.write_bytes(data)
    assert_problems(load_file(path), row, str(path))


# -- good files (DESIGN_EXAMPLE: the example of DESIGN.md section 3) ----------------------------


def load_ok(text: str, routine_id: str = "") -> Routine:
    result = load_text(text, "good.toml", routine_id=routine_id)
    assert isinstance(result, Routine), [str(p) for p in result]
    return result


def test_design_example() -> None:
    routine = load_ok(DESIGN_EXAMPLE, routine_id="knee")
    assert routine == Routine(
        name="Knee to chest",
        steps=(
            Step(
                name="Single knee to chest",
                kind="hold",
                hold=30,
                reps=3,
                sides="both",
                rest=10,
            ),
        ),
        prepare=5,
        switch=5,
        id="knee",
    )
    assert build_plan(routine).total_seconds == 230


def test_defaults() -> None:
    routine = load_ok('name = "R"\n[[steps]]\nname = "S"\n')
    assert (routine.description, routine.times_per_day, routine.prepare, routine.switch) == (
        "",
        1,
        5,
        5,
    )
    assert routine.id == ""
    assert routine.steps == (Step(name="S", kind="reps"),)
    step = routine.steps[0]
    assert (step.how, step.hold, step.reps, step.sets, step.sides, step.alternate) == (
        "",
        None,
        1,
        1,
        "none",
        False,
    )
    assert (step.rest, step.set_rest, step.tempo, step.duration, step.check_every, step.cues) == (
        5,
        30,
        None,
        None,
        300,
        (),
    )


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ('duration = "1m"', "timed"),
        ('duration = "1m"\nsides = "both"', "timed"),
        ('tempo = "3s"', "reps"),
        ('tempo = "3s"\nhold = "2s"', "reps"),
        ("reps = 10", "reps"),
        ("", "reps"),
        ('hold = "30s"', "hold"),
        ('hold = "30s"\nreps = 3\nrest = "10s"', "hold"),
        ('kind = "heat"\nduration = "15m"', "heat"),
        ('kind = "cold"\nduration = 1200\ncheck_every = "2m"', "cold"),
        ('kind = "rest"\nduration = 60', "rest"),
        ('kind = "reps"\nhold = "5s"\nreps = 10', "reps"),
    ],
)
def test_kind_inference(body: str, kind: str) -> None:
    routine = load_ok(f'name = "R"\n[[steps]]\nname = "S"\n{body}\n')
    assert routine.steps[0].kind == kind


def test_duration_forms() -> None:
    routine = load_ok(
        'name = "R"\nprepare = 0\nswitch = "0s"\n[[steps]]\nname = "S"\nhold = "1m30s"\n'
        'set_rest = 7200\nrest = "2h"\n'
    )
    assert (routine.prepare, routine.switch) == (0, 0)
    step = routine.steps[0]
    assert (step.hold, step.set_rest, step.rest) == (90, 7200, 7200)


def test_limits_are_inclusive() -> None:
    cues = ", ".join(f'"c{n}"' for n in range(20))
    text = (
        f'name = "{"n" * 2000}"\ndescription = "{"d" * 2000}"\ntimes_per_day = 12\n'
        f'[[steps]]\nname = "s"\nhold = "1s"\nreps = 100\nsets = 20\ncues = [{cues}]\n'
        f'how = "{"h" * 2000}"\n'
        '[[steps]]\nname = "long"\nhold = "2h"\n'  # (both in one step: a plan past its limits)
    )
    routine = load_ok(text)
    assert routine.times_per_day == 12
    assert (routine.steps[0].reps, routine.steps[0].sets, len(routine.steps[0].cues)) == (
        100,
        20,
        20,
    )


def test_pack_limits_are_inclusive() -> None:
    """20 minutes of packs one after another (a rest between does not break the run), a skin
    check every 5 minutes, 3 times a day: all allowed."""
    routine = load_ok(
        'name = "Packs"\ntimes_per_day = 3\n'
        '[[steps]]\nname = "heat"\nkind = "heat"\nduration = "19m"\ncheck_every = "5m"\n'
        '[[steps]]\nname = "pause"\nkind = "rest"\nduration = "5m"\n'
        '[[steps]]\nname = "cold"\nkind = "cold"\nduration = 60\ncheck_every = 300\n'
        '[[steps]]\nname = "walk"\nduration = "5m"\n'
        '[[steps]]\nname = "heat again"\nkind = "heat"\nduration = "20m"\n'
    )
    assert routine.times_per_day == 3
    assert [s.duration for s in routine.steps] == [1140, 300, 60, 300, 1200]
    assert routine.steps[0].check_every == routine.steps[2].check_every == 300


def test_two_hundred_steps_and_size_limit() -> None:
    text = 'name = "Long"\n' + "".join(f'[[steps]]\nname = "s{n}"\n' for n in range(200))
    assert len(load_ok(text).steps) == 200
    exactly = 'name = "R"\n[[steps]]\nname = "S"\n'
    exactly += "#" * (MAX_FILE_BYTES - len(exactly) - 1) + "\n"
    assert len(exactly.encode()) == MAX_FILE_BYTES
    assert isinstance(load_bytes(exactly.encode()), Routine)
    assert isinstance(load_bytes(exactly.encode() + b"\n"), list)


def test_inline_table_steps() -> None:
    routine = load_ok(
        'name = "R"\nsteps = [\n  {name = "a", hold = "30s", reps = 2},\n'
        '  {name = "b", duration = 60},\n]\n'
    )
    assert [s.kind for s in routine.steps] == ["hold", "timed"]


def test_windows_notepad_file_is_the_same_routine(tmp_path: Path) -> None:
    text = DESIGN_EXAMPLE.replace(
        'switch = "5s"\n', 'switch = "5s"\ndescription = """two\nlines"""\n'
    )
    lf = load_ok(text)
    notepad = ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8")
    assert notepad.startswith(b"\xef\xbb\xbf") and b"\r\n" in notepad
    from_bytes = load_bytes(notepad, "win.toml")
    assert from_bytes == lf
    path = tmp_path / "win.toml"
    path.write_bytes(notepad)
    from_file = load_file(path, routine_id="")
    assert from_file == lf
    assert lf.description == "two\nlines"


def test_control_characters_and_escape_codes_are_stripped() -> None:
    """DESIGN.md: control characters are stripped. The ESC of an escape sequence goes (a space in
    one-line texts), so the rest ("[31m") is harmless visible text and cannot drive the terminal."""
    routine = load_ok(
        'name = "Knee\\u001b[31m hug\\u0007"\n'
        'description = "Line one\\u001b[2J\\nLine two\\r\\nthree\\u0000"\n'
        "[[steps]]\n"
        'name = "\\u001b]0;pwned\\u0007Bridge\\u009b1m"\n'
        'how = "Lie down.\\u001b[0m\\nLift.\\tSlowly.\\u0008"\n'
        'cues = ["\\u001b[1mBreathe\\u001b[0m", "a\\u0000b", "x\\ny", "\\u0007 "]\n'
    )
    assert routine.name == "Knee [31m hug"
    assert routine.description == "Line one[2J\nLine two\nthree"
    step = routine.steps[0]
    assert step.name == "]0;pwned Bridge 1m"
    assert step.how == "Lie down.[0m\nLift.\tSlowly."
    assert step.cues == ("[1mBreathe [0m", "a b", "x y")  # a cue of nothing but controls goes
    for text in (routine.name, step.name, *step.cues):
        assert not CONTROL.search(text)
    for text in (routine.description, step.how):
        assert not CONTROL.search(text.replace("\n", "").replace("\t", ""))


def test_markup_looking_text_is_kept_exactly() -> None:
    routine = load_ok(
        'name = "[bold]x[/]"\n[[steps]]\nname = "[red]Stop[/red] :warning:"\n'
        'how = \'[link=https://example.com]here[/link] \\n [b]\'\ncues = ["[/]", "[@click=quit]"]\n'
    )
    assert routine.name == "[bold]x[/]"
    step = routine.steps[0]
    assert step.name == "[red]Stop[/red] :warning:"
    assert step.how == "[link=https://example.com]here[/link] \\n [b]"
    assert step.cues == ("[/]", "[@click=quit]")


# -- files that cannot be read ----------------------------------------------------------------------
def only_problem(result: LoadResult) -> Problem:
    assert isinstance(result, list)
    assert len(result) == 1
    return result[0]


def test_load_file_on_a_folder(tmp_path: Path) -> None:
    problem = only_problem(load_file(tmp_path))
    assert (problem.line, problem.col, problem.path) == (1, 1, str(tmp_path))
    assert "folder" in problem.message


def test_load_file_missing(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    problem = only_problem(load_file(path))
    assert (problem.line, problem.col, problem.path) == (1, 1, str(path))
    assert "no such file" in problem.message


def test_load_file_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "secret.toml"
    path.write_text(DESIGN_EXAMPLE)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root (or similar): a chmod 000 file is still readable")
        problem = only_problem(load_file(path))
        assert (problem.line, problem.col) == (1, 1)
        assert "cannot read the file" in problem.message
    finally:
        path.chmod(0o644)


def test_load_file_uses_the_stem_as_id(tmp_path: Path) -> None:
    path = tmp_path / "knee-hug.toml"
    path.write_text(DESIGN_EXAMPLE)
    routine = load_file(path)
    assert isinstance(routine, Routine)
    assert routine.id == "knee-hug"
    assert routine.path == path


# -- the writer -----------------------------------------------------------------------------------
RICH = Routine(
    name='Back "care" [bold]',
    description="Twice a day.\nStop if pain spreads.",
    times_per_day=2,
    prepare=0,
    switch=10,
    steps=(
        Step(
            name="Knee to chest",
            kind="hold",
            hold=30,
            reps=3,
            sets=2,
            sides="both",
            alternate=True,
            rest=0,
            set_rest=60,
            how="Lie on your back.\n\tPull one knee up.",
            cues=("Breathe", "Relax the shoulders"),
        ),
        Step(name="Pelvic tilt", kind="reps", reps=10, tempo=3, hold=2, sides="left"),
        Step(name="Cat camel", kind="reps", reps=10, hold=0),
        Step(name="Walk", kind="timed", duration=300, sides="right"),
        Step(name="Heat", kind="heat", duration=1200, check_every=120),
        Step(name="Pause", kind="rest", duration=7200),
        Step(name="Tricky '''\"\"\"\\ name", kind="hold", hold=1, how="\"\"\"\n'''\n\\"),
        Step(name="Ice", kind="cold", duration=600),
    ),
)


def test_dump_round_trips() -> None:
    text = dump_routine(RICH)
    assert load_text(text) == RICH
    assert load_text(dump_routine(load_ok(DESIGN_EXAMPLE))) == load_ok(DESIGN_EXAMPLE)


# -- `sessiontimer validate` ----------------------------------------------------------------------
def run_validate(*paths: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SESSIONTIMER_HOME": str(cwd / "home"), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "sessiontimer", "validate", *map(str, paths)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        env=env,
        timeout=60,
    )


CLI_ROWS = [
    "step-hodl",
    "several-problems-in-order",
    "invalid-utf8-line-3",
    "sides-escape-codes",
    "syntax-unquoted-string",
    "deep-nesting-arrays",
]


def test_validate_prints_located_problems(tmp_path: Path) -> None:
    rows = [row for row in BAD if row.id in CLI_ROWS]
    paths = []
    expected: list[str] = []
    for row in rows:
        path = tmp_path / f"{row.id}.toml"
        data = row.text if isinstance(row.text, bytes) else row.text.encode("utf-8")
        path.write_bytes(data)
        paths.append(path)
        result = load_file(path)
        assert isinstance(result, list)
        expected.extend(str(p) for p in result)
    good = tmp_path / "good.toml"
    good.write_text(DESIGN_EXAMPLE)
    done = run_validate(*paths, good, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert lines[:-1] == expected
    assert lines[-1] == f"{len(rows)} of {len(rows) + 1} files invalid."
    pattern = re.compile(r"^(.+):(\d+):(\d+): \S.*$")
    for line in lines[:-1]:
        match = pattern.match(line)
        assert match, line
        assert Path(match.group(1)) in paths
    for row in rows:
        assert sum(line.startswith(f"{tmp_path / row.id}.toml:") for line in lines) == len(
            row.problems
        )


def test_validate_a_single_bad_file(tmp_path: Path) -> None:
    path = tmp_path / "one.toml"
    path.write_text('name = "R"\n[[steps]]\nname = "S"\nhodl = 3\n')
    done = run_validate(path, cwd=tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stdout.splitlines() == [
        f'{path}:4:1: unknown key "hodl" in step 1 ("S"); did you mean "hold"?',
        "1 of 1 file invalid.",
    ]


def test_validate_valid_files(tmp_path: Path) -> None:
    one = tmp_path / "one.toml"
    one.write_text(DESIGN_EXAMPLE)
    two = tmp_path / "two.toml"
    two.write_text(dump_routine(RICH))
    done = run_validate(one, two, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == ["2 files valid."]
    assert "Traceback" not in done.stderr
