"""`sessiontimer new` and `sessiontimer edit` (issue 6): refused names and overwrites, comments kept,
and the edit/validate loop driven by a fake editor (fix, keep, discard byte for byte, end of input)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sessiontimer.cli import main
from sessiontimer.core.routines.loader import load_file
from sessiontimer.core.routines.model import Routine
from tests.conftest import REPO

FAKE_EDITOR = REPO / "tests" / "support" / "fake_editor.py"

# comments, odd spacing, CRLF line ends: discarding must give back exactly these bytes
MINE = (
    b"# My physio's list, 3 March\r\n"
    b'name   =   "Mine"   # the name\r\n'
    b"\r\n"
    b"[[steps]]\r\n"
    b'name = "Knee to chest"  # left first\r\n'
    b'hold = "30s"\r\n'
    b"reps = 3\r\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fake editor as $VISUAL (a command with arguments); returns its actions file."""
    actions = tmp_path / "actions.txt"
    actions.write_text("", encoding="utf-8")
    monkeypatch.setenv("FAKE_EDITOR_ACTIONS", str(actions))
    monkeypatch.setenv("FAKE_EDITOR_LOG", str(tmp_path / "editor.log"))
    monkeypatch.setenv("VISUAL", f"{sys.executable} {FAKE_EDITOR} --wait")
    monkeypatch.delenv("EDITOR", raising=False)
    return actions


def plan(actions: Path, *steps: str) -> None:
    actions.write_text("\n".join(steps), encoding="utf-8")


def answers(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


# -- new ------------------------------------------------------------------------------------------
def test_new_writes_a_valid_commented_template_and_prints_its_path(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "new", "evening-stretches")
    path = home / "routines" / "evening-stretches.toml"
    assert (code, out, err) == (0, f"{path}\n", "")
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        "#:schema ./routine.schema.json\n# Evening stretches: a routine of your own."
    )
    routine = load_file(path)
    assert isinstance(routine, Routine), routine
    assert routine.name == "Evening stretches"
    # the schema the first line points to is there
    assert (home / "routines" / "routine.schema.json").read_bytes() == (
        REPO / "routines" / "routine.schema.json"
    ).read_bytes()
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 0


@pytest.mark.parametrize(
    "name", ["a/b", "..", "my routine", "", "../escape", "Big", "x.toml", "_x", ".hidden"]
)
def test_new_refuses_names_that_are_not_a_simple_id(
    home: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    code, out, err = run(capsys, "new", name)
    assert code == 1
    assert out == ""
    assert err.startswith("sessiontimer: cannot use ")
    assert "lowercase letters, digits, - and _" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in (home / "routines").iterdir()) == []
    assert not (home / "escape.toml").exists()


def test_new_suggests_a_name_that_works(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = run(capsys, "new", "My Routine")
    assert 'try "my-routine"' in err


def test_new_refuses_to_overwrite(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = home / "routines" / "mine.toml"
    path.write_bytes(MINE)
    code, out, err = run(capsys, "new", "mine")
    assert code == 1 and out == ""
    assert f"{path} exists already" in err
    assert path.read_bytes() == MINE
    code, _, err = run(capsys, "new", "mine", "--from", "morning-mobility")
    assert code == 1 and "exists already" in err
    assert path.read_bytes() == MINE


def test_new_refuses_the_id_of_a_built_in(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "new", "morning-mobility")
    assert code == 1
    assert "built-in routine" in err and "sessiontimer edit morning-mobility" in err
    assert not (home / "routines" / "morning-mobility.toml").exists()


def test_new_from_a_built_in_keeps_its_text_and_comments_with_a_name_of_its_own(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "new", "my-mobility", "--from", "morning-mobility")
    path = home / "routines" / "my-mobility.toml"
    assert (code, out) == (0, f"{path}\n")
    source = (REPO / "routines" / "morning-mobility.toml").read_bytes()
    copy = path.read_bytes()
    assert copy == source.replace(b'name = "Morning mobility"', b'name = "My mobility"', 1)
    assert b"# Sources: NHS" in copy
    assert (REPO / "routines" / "morning-mobility.toml").read_bytes() == source
    assert (home / "routines" / "routine.schema.json").is_file()


def test_new_from_a_file_keeps_it_byte_for_byte_but_its_name(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "from-physio.toml"
    source.write_bytes(b"\xef\xbb\xbf" + MINE)  # a byte-order mark and CRLF, as Notepad writes
    code, _, _ = run(capsys, "new", "physio", "--from", str(source))
    assert code == 0
    mine = MINE.replace(b'"Mine"', b'"Physio"')
    assert (home / "routines" / "physio.toml").read_bytes() == b"\xef\xbb\xbf" + mine


def test_new_from_a_broken_file_keeps_it_as_it_is(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "broken.toml"
    source.write_bytes(b'name = "Broken\n[[steps]\n')  # not even TOML
    code, _, err = run(capsys, "new", "fixed", "--from", str(source))
    assert code == 0
    assert (home / "routines" / "fixed.toml").read_bytes() == source.read_bytes()
    assert "problem" in err


def test_new_from_an_unknown_routine(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "new", "x", "--from", "morning-mobilty")
    assert code == 1
    assert 'Did you mean "morning-mobility"' in err
    assert not (home / "routines" / "x.toml").exists()


# -- edit -----------------------------------------------------------------------------------------
def test_edit_fix_is_saved_and_the_old_version_kept_as_bak(
    home: Path, editor: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = home / "routines" / "mine.toml"
    path.write_bytes(MINE)
    plan(editor, "append # one more comment")
    answers(monkeypatch, "")
    code, out, err = run(capsys, "edit", "mine")
    assert (code, err) == (0, "")
    assert f"Saved {path}; it is valid." in out
    assert path.read_bytes() == MINE + b"# one more comment\n"
    assert (home / "routines" / "mine.toml.bak").read_bytes() == MINE
    # the command with its arguments ran, with the file last
    log = (editor.parent / "editor.log").read_text(encoding="utf-8")
    assert log == f"--wait {path}\n"


def test_edit_break_then_edit_again_and_fix(
    home: Path, editor: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = home / "routines" / "mine.toml"
    path.write_bytes(MINE)
    plan(editor, "break", "fix")
    answers(monkeypatch, "x\ne\n")
    code, out, _ = run(capsys, "edit", "mine")
    assert code == 0
    assert (
        f'{path}:6:1: unknown key "hodl" in step 1 ("Knee to chest"); did you mean "hold"?' in out
    )
    assert "e edit again, k keep it anyway, d discard the changes [e/k/d]? " in out
    assert "Please answer one of: e, k, d." in out  # "x" was asked again
    assert f"No changes to {path}.\n" in out  # broken and fixed again: the same bytes as before
    assert path.read_bytes() == MINE


def test_edit_break_and_keep_anyway(
    home: Path, editor: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = home / "routines" / "mine.toml"
    path.write_bytes(MINE)
    plan(editor, "break")
    answers(monkeypatch, "k\n")
    code, out, _ = run(capsys, "edit", "mine")
    assert code == 0
    assert "Kept" in out and "shows as broken" in out
    assert b"hodl =" in path.read_bytes()
    assert (home / "routines" / "mine.toml.bak").read_bytes() == MINE
    code, out, _ = run(capsys, "list")
    assert "INVALID" in out  # broken, not gone


def test_edit_break_and_discard_restores_byte_for_byte(
    home: Path, editor: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = home / "routines" / "mine.toml"
    path.write_bytes(MINE)
    os.chmod(path, 0o640)
    plan(editor, "break", "append more = 1")
    answers(monkeypatch, "e\nD\n")
    code, out, _ = run(capsys, "edit", "mine")
    assert code == 0
    assert "Changes discarded" in out
    assert path.read_bytes() == MINE
    assert path.stat().st_mode & 0o777 == 0o640
    # the version from before the edit was kept as the .bak before the editor started
    assert (home / "routines" / "mine.toml.bak").read_bytes() == MINE
    assert sorted(p.name for p in (home / "routines").iterdir()) == ["mine.toml", "mine.toml.bak"]


def test_edit_a_deleted_file_can_be_discarded(
    home: Path, editor: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = home / "routines" / "mine.toml"
    path.write_bytes(MINE)
    plan(editor, "delete")
    answers(monkeypatch, "d\n")
    code, out, _ = run(capsys, "edit", "mine")
    assert code == 0 and "the file is gone" in out
    assert path.read_bytes() == MINE


def test_edit_a_built_in_copies_it_first_and_discard_removes_the_copy(
    home: Path, editor: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    builtin = REPO / "routines" / "piriformis-hamstring.toml"
    before = builtin.read_bytes()
    copy = home / "routines" / "piriformis-hamstring.toml"
    plan(editor, "break")
    answers(monkeypatch, "d\n")
    code, out, _ = run(capsys, "edit", "piriformis-hamstring")
    assert code == 0
    assert f"piriformis-hamstring is a built-in routine: editing your own copy, {copy}" in out
    assert f"{copy}:" in out  # the problems name the copy
    assert "is the built-in routine again" in out
    assert not copy.exists()
    assert builtin.read_bytes() == before


def test_edit_a_built_in_keeps_a_changed_copy(
    home: Path, editor: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    builtin = REPO / "routines" / "piriformis-hamstring.toml"
    before = builtin.read_bytes()
    copy = home / "routines" / "piriformis-hamstring.toml"
    plan(editor, "append # mine now")
    answers(monkeypatch, "")
    code, out, _ = run(capsys, "edit", "piriformis-hamstring")
    assert code == 0 and "Saved" in out
    assert copy.read_bytes() == before + b"# mine now\n"
    assert builtin.read_bytes() == before
    assert not (home / "routines" / "piriformis-hamstring.toml.bak").exists()
    _, out, _ = run(capsys, "list")
    assert "user (replaces built-in)" in out


def test_edit_a_built_in_without_changes_leaves_no_copy(
    home: Path, editor: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    plan(editor, "none")
    answers(monkeypatch, "")
    code, out, _ = run(capsys, "edit", "nerve-glides")
    assert code == 0
    assert "No changes; the built-in routine is used as it was" in out
    # the fake editor came back at once without a change, as "code" without --wait does
    assert 'give it its wait option, e.g. EDITOR="code --wait"' in out
    assert not (home / "routines" / "nerve-glides.toml").exists()


def test_edit_end_of_input_keeps_the_file_and_stops(
    home: Path, editor: Path, tmp_path: Path
) -> None:
    """No terminal to answer from: no endless loop, no traceback, nothing thrown away."""
    path = home / "routines" / "mine.toml"
    path.write_bytes(MINE)
    plan(editor, "break")
    done = subprocess.run(
        [sys.executable, "-m", "sessiontimer", "edit", "mine"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ.copy(),
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "no answer (end of input)" in done.stderr
    assert done.stdout.count("[e/k/d]?") == 1
    assert b"hodl =" in path.read_bytes()
    assert (home / "routines" / "mine.toml.bak").read_bytes() == MINE


def test_edit_with_a_missing_editor_says_so(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", "no-such-editor-here --wait")
    code, out, err = run(capsys, "edit", "nerve-glides")
    assert code == 1 and out == ""
    assert 'the editor in $VISUAL ("no-such-editor-here") was not found' in err
    assert not (home / "routines" / "nerve-glides.toml").exists()


def test_edit_an_unknown_routine(
    home: Path, editor: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "edit", "nope")
    assert code == 1 and 'no routine called "nope"' in err


def test_edit_interrupted_at_the_question_keeps_the_file(
    home: Path, editor: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = home / "routines" / "mine.toml"
    path.write_bytes(MINE)
    plan(editor, "break")

    class CtrlC(io.StringIO):
        def readline(self, *_args: object) -> str:
            raise KeyboardInterrupt

    monkeypatch.setattr(sys, "stdin", CtrlC())
    code, out, err = run(capsys, "edit", "mine")
    assert code == 130 and "Traceback" not in err
    assert f"Interrupted: {path} is kept as it is, with its problems." in out
    assert b"hodl =" in path.read_bytes()
    assert (home / "routines" / "mine.toml.bak").read_bytes() == MINE


def test_new_from_a_broken_routine_copies_it_and_says_so(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = home / "routines" / "broken.toml"
    broken.write_bytes(MINE.replace(b"hold =", b"hodl ="))
    code, out, err = run(capsys, "new", "fixed", "--from", "broken")
    path = home / "routines" / "fixed.toml"
    assert (code, out) == (0, f"{path}\n")
    assert path.read_bytes() == broken.read_bytes().replace(b'"Mine"', b'"Fixed"')
    assert err == (
        "sessiontimer: note: the copy has the 1 problem of broken; fix it with: "
        "sessiontimer edit fixed\n"
    )


def test_edit_a_file_by_its_path_in_place(
    tmp_path: Path,
    home: Path,
    editor: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_bytes(MINE)
    plan(editor, "break")
    answers(monkeypatch, "d\n")
    code, out, _ = run(capsys, "edit", str(path))
    assert code == 0 and f"{path}:6:1: unknown key" in out
    assert path.read_bytes() == MINE
    assert sorted(p.name for p in (home / "routines").iterdir()) == []


# -- review fixes ----------------------------------------------------------------------------------
def test_an_unchanged_edit_never_replaces_the_last_good_backup(
    home: Path, editor: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = home / "routines" / "mine.toml"
    path.write_bytes(MINE)
    plan(editor, "break")
    answers(monkeypatch, "k\n")
    assert run(capsys, "edit", "mine")[0] == 0
    backup = home / "routines" / "mine.toml.bak"
    assert backup.read_bytes() == MINE  # the good version
    plan(editor, "none")  # opened again, closed without a change, kept
    answers(monkeypatch, "k\n")
    assert run(capsys, "edit", "mine")[0] == 0
    assert backup.read_bytes() == MINE
    plan(editor, "append # still broken")  # a change, still broken: the good .bak stays
    answers(monkeypatch, "")  # end of input
    assert run(capsys, "edit", "mine")[0] == 1
    assert backup.read_bytes() == MINE


def test_an_editor_that_fails_is_asked_about(
    home: Path, editor: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = home / "routines" / "mine.toml"
    path.write_bytes(MINE)
    plan(editor, "fail # half done")
    answers(monkeypatch, "d\n")
    code, out, err = run(capsys, "edit", "mine")
    assert code == 0
    assert "The editor ended with status 3." in err
    assert "is valid, but the editor did not end normally" in out
    assert path.read_bytes() == MINE  # discarded byte for byte


def test_a_discard_that_cannot_write_is_a_message_not_a_traceback(
    home: Path, editor: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sessiontimer.core.routines.authoring as authoring

    path = home / "routines" / "mine.toml"
    path.write_bytes(MINE)
    plan(editor, "break")
    answers(monkeypatch, "d\n")

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(authoring, "write_atomically", full)
    code, _out, err = run(capsys, "edit", "mine")
    assert code == 1
    assert "could not put" in err and "No space left on device" in err
    assert "Traceback" not in err


def test_the_version_before_the_edit_is_on_disk_while_the_editor_runs(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """An edit killed while the editor is open (the terminal closed) still leaves the version
    from before it: it is kept as the .bak before the editor starts."""
    path = home / "routines" / "mine.toml"
    path.write_bytes(MINE)
    seen = tmp_path / "seen"
    script = tmp_path / "ed.sh"
    script.write_text(f'#!/bin/sh\ncp "{path}.bak" "{seen}"\necho "hodl = 1" >> "$1"\n')
    script.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(script))
    answers(monkeypatch, "k\n")
    code, out, _ = run(capsys, "edit", "mine")
    assert code == 0 and "shows as broken" in out  # the editor did run on the file
    assert seen.read_bytes() == MINE


@pytest.mark.parametrize(
    ("editor", "expected"),
    [
        ("vim", ["vim", "--", "/r/+!id.toml"]),
        ("/usr/bin/nano", ["/usr/bin/nano", "--", "/r/+!id.toml"]),
        ("code --wait", ["code", "--wait", "/r/+!id.toml"]),
    ],
)
def test_a_file_name_is_never_taken_for_an_editor_option(editor: str, expected: list[str]) -> None:
    from sessiontimer.core.routines.authoring import editor_arguments

    assert editor_arguments(editor.split(), Path("/r/+!id.toml")) == expected
