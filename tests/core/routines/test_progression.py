"""The progression (DESIGN.md section 3): holds +5 s up to max_hold, then +1 rep up to max_reps;
reps steps +1 rep; timed steps +2 min (5 s under 5 min) up to max_duration; heat, cold, rest and
``progress = false`` never. The file is edited in place so that every comment and the layout
survive (exact text compared). The built-ins against CLINICAL.md: test_progression_limits.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessiontimer.core.base.files import backup_path
from sessiontimer.core.routines.progression import (
    ProgressionError,
    apply_progression,
    next_value,
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
        assert change.key in ("hold", "reps", "duration")


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


def progressions(text: str, times: int = 50) -> list[list[str]]:
    """The changes of each progression in turn, until nothing changes."""
    seen = []
    for _ in range(times):
        result = progress_text(text)
        if not result.changes:
            return seen
        seen.append([str(c) for c in result.changes])
        text = result.text
    raise AssertionError("the progression never stops")


def test_a_short_hold_gets_reps_not_a_longer_hold() -> None:
    text = 'name = "x"\n[[steps]]\nname = "Bridge"\nhold = "5s"\nreps = 13\n'
    assert progressions(text) == [["1. Bridge: reps 13 → 14"], ["1. Bridge: reps 14 → 15"]]


def test_a_hold_grows_to_max_hold_then_gets_reps_to_max_reps() -> None:
    text = 'name = "x"\n[[steps]]\nname = "Bird-dog"\nhold = "8s"\nreps = 8\n'
    text += 'max_hold = "10s"\nmax_reps = 10\n'
    assert progressions(text) == [
        ["1. Bird-dog: hold 8s → 10s"],  # +5 s, held to max_hold
        ["1. Bird-dog: reps 8 → 9"],
        ["1. Bird-dog: reps 9 → 10"],
    ]


def test_a_stretch_grows_to_60_s_and_its_reps_stay() -> None:
    text = 'name = "x"\n[[steps]]\nname = "Stretch"\nhold = "45s"\nreps = 3\n'
    assert progressions(text) == [
        ["1. Stretch: hold 45s → 50s"],
        ["1. Stretch: hold 50s → 55s"],
        ["1. Stretch: hold 55s → 1m"],
    ]


def test_walking_builds_from_5_to_30_minutes() -> None:
    text = 'name = "x"\n[[steps]]\nname = "Walk"\nduration = "5m"\nmax_duration = "30m"\n'
    steps = [change[0].split(": duration ")[1] for change in progressions(text)]
    assert steps == [
        "5m → 7m",
        "7m → 9m",
        "9m → 11m",
        "11m → 13m",
        "13m → 15m",
        "15m → 17m",
        "17m → 19m",
        "19m → 21m",
        "21m → 23m",
        "23m → 25m",
        "25m → 27m",
        "27m → 29m",
        "29m → 30m",
    ]


def test_a_timed_step_under_5_minutes_grows_by_5_s() -> None:
    text = 'name = "x"\n[[steps]]\nname = "March"\nduration = 290\nmax_duration = "5m10s"\n'
    assert progressions(text) == [
        ["1. March: duration 4m50s → 4m55s"],
        ["1. March: duration 4m55s → 5m"],
        ["1. March: duration 5m → 5m10s"],  # 5 min is not under 5 min: +2 min, held to the cap
    ]
    assert progress_text(text).text.endswith('duration = 295\nmax_duration = "5m10s"\n')


@pytest.mark.parametrize(
    "body",
    [
        'kind = "heat"\nduration = "10m"',
        'kind = "cold"\nduration = "10m"',
        'kind = "rest"\nduration = "1m"',
        'duration = "2m"',  # a timed step's max_duration is its duration by default
        'hold = "5s"\nreps = 8\nprogress = false',
        'hold = "30s"\nprogress = false',
        "reps = 10\nprogress = false",
        'duration = "5m"\nmax_duration = "30m"\nprogress = false',
        'hold = "30s"\nreps = 3\nmax_hold = "30s"',  # at its caps
        "reps = 10\nmax_reps = 10",
        "reps = 20",  # over the default of 15: it stays
    ],
)
def test_steps_that_never_change(body: str) -> None:
    text = f'name = "x"\n[[steps]]\nname = "S"\n{body}\n'
    assert progress_text(text).changes == []


def test_one_progression_changes_each_step_once_and_gives_both_routines() -> None:
    text = (
        'name = "x"\n[[steps]]\nname = "A"\nhold = "30s"\n'
        '[[steps]]\nname = "B"\nreps = 5\n[[steps]]\nname = "C"\nduration = "5m"\n'
        'max_duration = "6m"\n'
    )
    result = progress_text(text)
    assert [str(c) for c in result.changes] == [
        "1. A: hold 30s → 35s",
        "2. B: reps 5 → 6",
        "3. C: duration 5m → 6m",
    ]
    assert [s.hold for s in result.routine.steps] == [30, None, None]
    assert [(s.hold, s.reps, s.duration) for s in result.progressed.steps] == [
        (35, 1, None),
        (None, 6, None),
        (None, 1, 360),
    ]


def test_next_value_of_a_routine_step() -> None:
    result = progress_text('name = "x"\n[[steps]]\nname = "A"\nhold = "20s"\nreps = 2\n')
    assert next_value(result.routine.steps[0]) == ("hold", 20, 25)
