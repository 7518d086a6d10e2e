"""The command line contract (DESIGN.md section 2): output, JSON shapes and exit codes."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sessiontimer import __version__
from sessiontimer.cli import main
from sessiontimer.cli.program import COMMANDS, NO_COMMAND, build_parser

GOOD = """\
name = "Two stretches"
description = "For the test."
times_per_day = 2

[[steps]]
name = "Knee to chest"
hold = "30s"
reps = 3
sides = "both"
rest = "10s"

[[steps]]
name = "Pelvic tilt"
reps = 10
tempo = "3s"
"""

BROKEN = """\
name = "Broken"

[[steps]]
name = "Oops"
hodl = "30s"
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"sessiontimer {__version__}"


def test_usage_error_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


ARGUMENTS = [
    ["run", "sciatica-basics", "--speed", "10", "--no-checks"],
    ["run", "x.toml"],
    ["breaks", "--sit", "25m", "--stand", "3m"],
    ["list", "--json"],
    ["show", "sciatica-basics", "--json"],
    ["validate", "a.toml", "b"],
    ["new", "mine", "--from", "sciatica-basics"],
    ["edit", "mine"],
    ["progress", "core-stability", "--yes", "--anyway"],
    ["history", "--csv", "--since", "2026-01-01"],
    ["history", "--psfs", "--json"],
    ["report", "--since", "2026-01-01", "--out", "r.html"],
]


@pytest.mark.parametrize("argv", ARGUMENTS, ids=lambda argv: argv[0])
def test_a_command_parses_the_same_with_its_parser_alone(argv: list[str]) -> None:
    assert build_parser(argv[0]).parse_args(argv) == build_parser().parse_args(argv)


@pytest.mark.parametrize("flag", ["--help", "--bogus"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_command_has_the_same_help_and_errors_with_its_parser_alone(
    command: str, flag: str, capsys: pytest.CaptureFixture[str]
) -> None:
    def output(parser_of: str | None, argv: list[str]) -> tuple[str, str]:
        with pytest.raises(SystemExit):
            build_parser(parser_of).parse_args(argv)
        captured = capsys.readouterr()
        return captured.out, captured.err

    assert output(command, [command, flag]) == output(None, [command, flag])
    assert COMMANDS.keys() == ARGUMENTS_BY_COMMAND  # every command is tried above


ARGUMENTS_BY_COMMAND = {argv[0] for argv in ARGUMENTS}


@pytest.mark.parametrize("target", [c.handler for c in COMMANDS.values()] + [NO_COMMAND])
def test_every_handler_named_in_the_registry_exists(target: str) -> None:
    module_name, function = target.split(":")
    assert callable(getattr(importlib.import_module(f"sessiontimer.cli.{module_name}"), function))


def test_main_help_still_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    listed = capsys.readouterr().out
    assert all(f"    {command} " in listed for command in COMMANDS)


def test_list_json_with_user_override_and_broken(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (home / "routines" / "two.toml").write_text(GOOD)
    (home / "routines" / "broken.toml").write_text(BROKEN)
    (home / "routines" / "desk-break.toml").write_text(GOOD)
    code, out, err = run(capsys, "list", "--json")
    assert code == 0 and err == ""
    rows = {row["id"]: row for row in json.loads(out)}
    assert rows["two"] == {
        "id": "two",
        "name": "Two stretches",
        "source": "user",
        "steps": 2,
        "total_seconds": 5 + 6 * 30 + 4 * 10 + 5 + 5 + 30,
        "valid": True,
        "errors": [],
    }
    assert rows["broken"]["valid"] is False
    assert rows["broken"]["name"] == "Broken"
    assert rows["broken"]["errors"] == [
        f'{home / "routines" / "broken.toml"}:5:1: unknown key "hodl" in step 1 ("Oops"); '
        'did you mean "hold"?'
    ]
    # A user routine with a built-in's id takes its place.
    assert rows["desk-break"]["source"] == "user"
    builtins = [r for r in rows.values() if r["source"] == "built-in"]
    assert len(builtins) >= 7
    assert all(r["valid"] for r in builtins)


def test_list_table_shows_broken_with_first_error(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (home / "routines" / "broken.toml").write_text(BROKEN)
    code, out, _ = run(capsys, "list")
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith("broken "))
    assert 'INVALID (1 problem): line 5: unknown key "hodl"' in line


def test_list_columns_stay_aligned_with_a_long_source(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (home / "routines" / "desk-break.toml").write_text(GOOD)  # "user (replaces built-in)"
    code, out, _ = run(capsys, "list")
    assert code == 0
    lines = out.splitlines()
    column = lines[0].index("STEPS")
    assert "user (replaces built-in)" in out
    for line in lines[1:]:
        # the STEPS column ends in the same place on every line: a number right-aligned there
        assert line[column + 4].isdigit() or line[column + 4] == "-", line


def test_list_says_how_often_a_day_a_maximum_as_up_to(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (home / "routines" / "two.toml").write_text(GOOD)
    code, out, _ = run(capsys, "list")
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert lines["ID"].split()[-3:] == ["HOW", "OFTEN", "STATUS"]
    assert "  up to 3 a day  ok" in lines["heat-pack"]
    assert "  2 a day        ok" in lines["two"]
    code, out, _ = run(capsys, "show", "heat-pack")
    assert "; up to 3 times a day." in out


def test_show_json_by_path(tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "two.toml"
    path.write_text(GOOD)
    code, out, _ = run(capsys, "show", str(path), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["id"] == "two" and data["name"] == "Two stretches"
    kinds = [(s["kind"], s["side"], s["seconds"]) for s in data["segments"]]
    assert kinds[:3] == [("prepare", "left", 5), ("hold", "left", 30), ("rest", "left", 10)]
    assert kinds[-2:] == [("prepare", None, 5), ("reps", None, 30)]
    assert data["total_seconds"] == sum(s["seconds"] or 0 for s in data["segments"])
    assert data["self_paced"] == 0
    assert set(data["segments"][0]) == {
        "kind",
        "step",
        "step_name",
        "side",
        "set",
        "rep",
        "seconds",
    }


def test_show_text(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (home / "routines" / "two.toml").write_text(GOOD)
    code, out, _ = run(capsys, "show", "two")
    assert code == 0
    assert "Total: 4 min 25 s (265 s) in 14 segments; 2 times a day." in out


def test_show_unknown_id_suggests(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (home / "routines" / "two.toml").write_text(GOOD)
    code, out, err = run(capsys, "show", "tow")
    assert code == 1 and out == ""
    assert 'no routine called "tow". Did you mean "two"?' in err


def test_show_broken_routine_exit_1(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (home / "routines" / "broken.toml").write_text(BROKEN)
    code, out, err = run(capsys, "show", "broken", "--json")
    assert code == 1 and out == ""
    assert "broken.toml:5:1: unknown key" in err


def test_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.toml"
    good.write_text(GOOD)
    code, out, _ = run(capsys, "validate", str(good))
    assert (code, out) == (0, "1 file valid.\n")
    bad = tmp_path / "bad.toml"
    bad.write_text(BROKEN)
    code, out, _ = run(capsys, "validate", str(good), str(bad), str(tmp_path / "missing.toml"))
    assert code == 1
    assert out.splitlines() == [
        f'{bad}:5:1: unknown key "hodl" in step 1 ("Oops"); did you mean "hold"?',
        f"{tmp_path / 'missing.toml'}:1:1: no such file",
        "2 of 3 files invalid.",
    ]


def test_validate_takes_a_routine_id(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "morning-mobility")
    assert (code, out) == (0, "1 file valid.\n")
    (home / "routines" / "broken.toml").write_text(BROKEN)
    code, out, _ = run(capsys, "validate", "broken")
    assert code == 1
    assert out.startswith(f"{home / 'routines' / 'broken.toml'}:5:1: unknown key")
    code, _, err = run(capsys, "validate", "morning-mobilty")
    assert code == 1 and 'Did you mean "morning-mobility"' in err


def test_the_templates_check_line_works_from_any_folder(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(capsys, "new", "my-stretches")
    assert code == 0
    text = Path(out.strip()).read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if "sessiontimer validate" in x)
    argv = line.lstrip("# ").split()[1:]
    assert argv == ["validate", "my-stretches"]
    monkeypatch.chdir(tmp_path)  # anywhere else
    assert run(capsys, *argv)[:2] == (0, "1 file valid.\n")


def test_validate_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.toml").write_text(GOOD)
    (tmp_path / "b.toml").write_text(GOOD)
    code, out, _ = run(capsys, "validate", str(tmp_path))
    assert (code, out) == (0, "2 files valid.\n")


@pytest.mark.parametrize("speed", ["0", "-1", "fast", "nan", "inf"])
def test_run_bad_speed_exit_1(home: Path, speed: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "run", "desk-break", "--speed", speed)
    assert code == 1
    assert "--speed must be a number greater than 0" in err


def test_run_refuses_broken_routine_before_any_screen(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_app(*args: object, **kwargs: object) -> int:
        raise AssertionError("the app must not open for a broken routine")

    monkeypatch.setattr("sessiontimer.cli.launch.launch_app", no_app)
    (home / "routines" / "broken.toml").write_text(BROKEN)
    code, _, err = run(capsys, "run", "broken", "--no-checks")
    assert code == 1
    assert 'routine "broken" has problems' in err and "broken.toml:5:1" in err


def test_run_unknown_routine(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "run", "no-such-routine")
    assert code == 1 and "no routine called" in err


def test_python_dash_m_is_the_same_program(home: Path) -> None:
    env = {**os.environ, "SESSIONTIMER_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-m", "sessiontimer", "show", "nope"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("sessiontimer: no routine called")
