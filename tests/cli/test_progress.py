"""``sessiontimer progress ROUTINE [--yes] [--anyway]`` (DESIGN.md section 2): each change and the
new total, or the gates that hold it back; --yes applies it (a built-in: to the user's copy) and
records it in the history; --anyway passes the gates. Exit 0 when it may be (or was) applied or
there is nothing to change, 1 when a gate holds it back or the input is bad."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessiontimer.cli import main
from sessiontimer.cli import progress as progress_command
from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.history.connection import open_history
from sessiontimer.core.history.safety_record import SafetyRecord
from tests.conftest import REPO
from tests.support.editor import MINE
from tests.support.history import practised

PROGRESSED = MINE.replace('hold = "30s"', 'hold = "35s"')


@pytest.fixture(autouse=True)
def fake_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's clock is the fake one: Sat 21 Nov 2026, as the made-up history's."""
    monkeypatch.setattr(progress_command, "SystemClock", FakeClock)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["progress", *args])
    out, err = capsys.readouterr()
    return code, out, err


def recorded(home: Path, routine: str) -> list[tuple[tuple[str, ...], bool]]:
    store = open_history(home / "history.sqlite3").store
    try:
        return [(p.changes, p.anyway) for p in SafetyRecord(store).progressions(routine)]
    finally:
        store.close()


def test_a_new_user_is_held_back_and_nothing_is_written(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = home / "routines" / "mine.toml"
    path.write_text(MINE, encoding="utf-8")
    code, out, err = run(capsys, "mine", "--yes")
    assert code == 1 and err == ""
    assert out.splitlines() == [
        "Mine (mine, user)",
        "  1. Knee to chest: hold 30s → 35s",
        "Total time: 3 min 30 s → 4 min",
        "Not yet: the progression is held back by:",
        "  - Weeks 1–2: you have not done this routine yet. Its first two weeks are for "
        "learning the form, not for doing more.",
        "  - Regular practice: you completed this routine on 0 days in the last 14 days; "
        "progress once you have done it on 3 different days.",
        "Not applied. If a clinician told you to progress now, add --anyway (it is recorded as "
        "done on their word).",
    ]
    assert path.read_text(encoding="utf-8") == MINE
    assert not (home / "history.sqlite3").exists()  # a preview creates no history


def test_a_built_in_is_held_back_too(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "core-stability", "--yes")
    assert code == 1
    assert out.startswith("Core stability (core-stability, built-in)\n  1. Bridge: reps 10 → 11\n")
    assert list((home / "routines").iterdir()) == []


def test_anyway_without_yes_previews_only(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "core-stability", "--anyway")
    assert code == 0
    assert out.splitlines()[-2:] == [
        "Passed with --anyway, on a clinician's word.",
        "Nothing is written yet: add --yes to apply it.",
    ]
    assert list((home / "routines").iterdir()) == []


def test_anyway_and_yes_progress_a_built_in_into_the_users_copy(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    builtin = REPO / "routines" / "piriformis-hamstring.toml"
    before = builtin.read_bytes()
    code, out, err = run(capsys, "piriformis-hamstring", "--yes", "--anyway")
    assert (code, err) == (0, "")
    copy = home / "routines" / "piriformis-hamstring.toml"
    assert out.splitlines()[-2:] == [
        "piriformis-hamstring is a built-in routine: progressed into your own copy.",
        f"2 changes saved to {copy}",
    ]
    assert copy.read_text(encoding="utf-8") == before.decode().replace(
        'hold = "30s"', 'hold = "35s"'
    )
    assert builtin.read_bytes() == before
    assert (home / "routines" / "routine.schema.json").exists()
    changes = (
        "1. Piriformis stretch: hold 30s → 35s",
        "2. Hamstring stretch with a towel: hold 30s → 35s",
    )
    assert recorded(home, "piriformis-hamstring") == [(changes, True)]
    code, out, _ = run(capsys, "piriformis-hamstring")  # the copy, the same day: too soon
    assert code == 1
    assert "(piriformis-hamstring, user)" in out and "hold 35s → 40s" in out
    assert "  - Pace: at most one progression every 4 days. The last was today;" in out


def test_when_nothing_holds_it_back_yes_applies_it_in_place(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = home / "routines" / "mine.toml"
    path.write_text(MINE, encoding="utf-8")
    practised(home / "history.sqlite3", "mine", "Mine").close()
    code, out, _ = run(capsys, "mine")
    assert code == 0
    assert out.splitlines() == [
        "Mine (mine, user)",
        "  1. Knee to chest: hold 30s → 35s",
        "Total time: 3 min 30 s → 4 min",
        "Nothing is written yet: add --yes to apply it.",
    ]
    assert path.read_text(encoding="utf-8") == MINE
    code, out, _ = run(capsys, "mine", "--yes", "--anyway")  # --anyway passes nothing here
    assert code == 0 and out.splitlines()[-1] == f"1 change saved to {path}"
    assert path.read_text(encoding="utf-8") == PROGRESSED  # comments kept
    assert (home / "routines" / "mine.toml.bak").read_text(encoding="utf-8") == MINE
    assert recorded(home, "mine") == [(("1. Knee to chest: hold 30s → 35s",), False)]


def test_a_path_works_too(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text(MINE, encoding="utf-8")
    code, _, _ = run(capsys, str(path), "--yes", "--anyway")
    assert code == 0 and path.read_text(encoding="utf-8") == PROGRESSED


def test_nothing_to_change(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "mckenzie-extension", "--yes")
    assert code == 0
    assert out.splitlines() == [
        "McKenzie extension (mckenzie-extension, built-in)",
        "Nothing to change: every step is at its limit, or does not progress.",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], 'sessiontimer: no routine called "nope"'),
        (["broken", "--yes", "--anyway"], "has 1 problem; fix it first (line 4: unknown key"),
    ],
    ids=["unknown", "broken"],
)
def test_bad_input_is_a_message_and_exit_1(
    home: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = home / "routines" / "broken.toml"
    broken.write_text('name = "B"\n[[steps]]\nname = "x"\nhodl = "30s"\n', encoding="utf-8")
    code, out, err = run(capsys, *args)
    assert (code, out) == (1, "")
    assert message in err and "Traceback" not in err
    assert broken.read_text(encoding="utf-8").endswith('hodl = "30s"\n')


def test_a_history_that_cannot_be_read_holds_it_back(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (home / "routines" / "mine.toml").write_text(MINE, encoding="utf-8")
    (home / "history.sqlite3").mkdir()  # a folder where the file should be
    code, out, _ = run(capsys, "mine")
    assert code == 1
    assert "  - History: the gates cannot be checked (" in out
    code, out, err = run(capsys, "mine", "--yes", "--anyway")
    assert code == 0 and out.splitlines()[-1].startswith("1 change saved to")
    assert "the progression is saved in the routine, but not in the history" in err
