"""The standard progression (issue 6, CLINICAL.md): holds +5 s up to 60 s, reps +1 up to 15, the
file edited in place so that every comment and the layout survive (exact text compared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessiontimer.core.base.files import backup_path
from sessiontimer.core.routines.progression import (
    ProgressionError,
    apply_progression,
    progress_file,
    progress_text,
)
from tests.conftest import REPO

MINE = """\
# From my physio, 3 March. Keep the knee soft!
name = "Mine"   # shown on home
prepare = "5s"

[[steps]]   # the first one
name = "Knee to chest"
hold   =   "30s"   # she said 30 to start
reps = 3
sides = "both"

# a comment between steps
[[steps]]
name = "Plank"
hold = 58   # seconds, written as a number

[[steps]]
name = "Long hold"
hold = "1m"

[[steps]]
name = "Pelvic tilts"
reps = 14   # nearly there
tempo = "3s"

[[steps]]
name = "Cat-cow"
reps = 15

[[steps]]
name = "Heat"
kind = "heat"
duration = "15m"   # never more than 20

[[steps]]
name = "Walk"
duration = "5m"
"""

PROGRESSED = """\
# From my physio, 3 March. Keep the knee soft!
name = "Mine"   # shown on home
prepare = "5s"

[[steps]]   # the first one
name = "Knee to chest"
hold   =   "35s"   # she said 30 to start
reps = 3
sides = "both"

# a comment between steps
[[steps]]
name = "Plank"
hold = 60   # seconds, written as a number

[[steps]]
name = "Long hold"
hold = "1m"

[[steps]]
name = "Pelvic tilts"
reps = 15   # nearly there
tempo = "3s"

[[steps]]
name = "Cat-cow"
reps = 15

[[steps]]
name = "Heat"
kind = "heat"
duration = "15m"   # never more than 20

[[steps]]
name = "Walk"
duration = "5m"
"""


def test_progression_changes_only_the_values_and_keeps_every_comment() -> None:
    result = progress_text(MINE)
    assert result.text == PROGRESSED
    assert [str(c) for c in result.changes] == [
        "1. Knee to chest: hold 30s → 35s",
        "2. Plank: hold 58s → 1m",
        "4. Pelvic tilts: reps 14 → 15",
    ]


def test_at_the_top_nothing_changes() -> None:
    top = PROGRESSED.replace('"35s"', '"60s"')
    result = progress_text(top)
    assert result.changes == [] and result.text == top


def test_inline_steps_crlf_and_byte_order_mark_survive() -> None:
    text = '\ufeffname = "x"\r\nsteps = [{name = "a", hold = "2m"}, {name = "b", hold = 20}]\r\n'
    result = progress_text(text)
    assert (
        result.text
        == '\ufeffname = "x"\r\nsteps = [{name = "a", hold = "2m"}, {name = "b", hold = 25}]\r\n'
    )


def test_a_reps_step_without_reps_gets_two() -> None:
    result = progress_text('name = "x"\n[[steps]]\nname = "Tilt"  # self-paced\n')
    assert result.text == 'name = "x"\n[[steps]]\nname = "Tilt"  # self-paced\nreps = 2\n'


def test_a_broken_routine_is_refused() -> None:
    with pytest.raises(ProgressionError, match=r"has 1 problem; fix it first \(line 4: unknown"):
        progress_text('name = "x"\n[[steps]]\nname = "a"\nhodl = "30s"\n', "x.toml")


BUILT_IN = sorted((REPO / "routines").glob("*.toml"))


@pytest.mark.parametrize("path", BUILT_IN, ids=[p.stem for p in BUILT_IN])
def test_every_built_in_progresses_to_a_valid_routine(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    result = progress_text(text)
    assert result.text.splitlines()[:3] == text.splitlines()[:3]  # schema line and comments
    for change in result.changes:
        assert change.key in ("hold", "reps")


def test_apply_keeps_a_backup_and_refuses_a_file_changed_since_the_preview(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(MINE, encoding="utf-8")
    read, result = progress_file(path)
    path.write_text(MINE + "# edited elsewhere\n", encoding="utf-8")
    with pytest.raises(ProgressionError, match="changed since the preview"):
        apply_progression(path, read, result)
    path.write_text(MINE, encoding="utf-8")
    assert apply_progression(path, read, result) == path
    assert path.read_text(encoding="utf-8") == PROGRESSED
    assert backup_path(path).read_text(encoding="utf-8") == MINE


def test_apply_to_a_built_in_writes_a_copy(tmp_path: Path) -> None:
    builtin = REPO / "routines" / "desk-break.toml"
    before = builtin.read_bytes()
    read, result = progress_file(builtin)
    target = tmp_path / "desk-break.toml"
    assert apply_progression(builtin, read, result, target) == target
    assert builtin.read_bytes() == before
    assert target.read_text(encoding="utf-8") == result.text
    with pytest.raises(ProgressionError, match="exists already"):
        apply_progression(builtin, read, result, target)
