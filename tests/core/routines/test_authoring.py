"""The core of issue 6 without a terminal: names, the template, the editor command, one edit."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessiontimer.core.routines.authoring import (
    AuthoringError,
    EditSession,
    check_id,
    editor_command,
    suggest_id,
    template_text,
)
from sessiontimer.core.routines.library import resolve
from sessiontimer.core.routines.loader import load_text
from sessiontimer.core.routines.model import Routine
from tests.conftest import REPO


@pytest.mark.parametrize("name", ["a", "my-routine", "evening_2", "x" * 64])
def test_good_ids(name: str) -> None:
    assert check_id(name) == name


@pytest.mark.parametrize("name", ["", " ", "a/b", "..", "a b", "A", "x" * 65, "-a", "a\x1b[2J"])
def test_refused_ids(name: str) -> None:
    with pytest.raises(AuthoringError) as err:
        check_id(name)
    assert "\x1b" not in str(err.value)


def test_suggestions() -> None:
    assert suggest_id("My Evening Stretches.toml") == "my-evening-stretches"
    assert suggest_id("../..") == ""


@pytest.mark.parametrize("name", ["a", "my-evening_stretches", "x" * 64])
def test_template_is_valid_for_any_good_id(name: str) -> None:
    routine = load_text(template_text(name))
    assert isinstance(routine, Routine), routine


def which_of(found: dict[str, str]):  # type: ignore[no-untyped-def]
    return lambda name: found.get(name)


def test_editor_visual_over_editor_and_arguments_kept() -> None:
    env = {"VISUAL": "code --wait", "EDITOR": "vi"}
    assert editor_command(env, which_of({"code": "/bin/code", "vi": "/bin/vi"})) == [
        "code",
        "--wait",
    ]
    assert editor_command({"EDITOR": "vi -n"}, which_of({"vi": "/bin/vi"})) == ["vi", "-n"]
    quoted = {"VISUAL": "'/opt/My Editor/edit' --wait"}
    assert editor_command(quoted, which_of({"/opt/My Editor/edit": "x"})) == [
        "/opt/My Editor/edit",
        "--wait",
    ]


def test_editor_default_found_on_path() -> None:
    assert editor_command({}, which_of({"nano": "/usr/bin/nano", "vi": "/usr/bin/vi"})) == [
        "/usr/bin/nano"
    ]
    assert editor_command({"VISUAL": "  "}, which_of({"vi": "/usr/bin/vi"})) == ["/usr/bin/vi"]


def test_no_editor_is_a_clear_message() -> None:
    with pytest.raises(AuthoringError, match="no text editor found: set VISUAL or EDITOR"):
        editor_command({}, which_of({}))
    with pytest.raises(AuthoringError, match="cannot be read as a command"):
        editor_command({"VISUAL": "'unclosed"}, which_of({}))


def test_edit_session_of_a_built_in_is_a_copy(tmp_path: Path) -> None:
    entry = resolve("desk-break", REPO / "routines", tmp_path)
    edit = EditSession.start(entry, tmp_path)
    assert edit.copied and edit.path == tmp_path / "desk-break.toml"
    assert edit.path.read_bytes() == entry.path.read_bytes()
    assert edit.check() == []
    with pytest.raises(AuthoringError, match="exists already"):
        EditSession.start(entry, tmp_path)
    assert edit.drop_unchanged_copy()
    assert not edit.path.exists()
