from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ANSWERED = 'checks = "off"\npsfs = "off"\n[seen]\ndisclaimer = 2026-01-01\n'


@pytest.fixture(autouse=True)
def _isolated_home(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No test reads or writes the real user's config, routines or history, and no app test
    speaks out loud through a speech program this machine happens to have
    (tests/system/test_sound.py tests the speaker itself), and none pops up a desktop
    notification (tests/system/test_desktop.py).

    Its config.toml is a person's who has read the disclaimer and turned the daily red-flag
    questions off, so that a session at real speed opens straight away (DESIGN.md section 2),
    and who is not asked about their everyday activities on home (``psfs = "off"``); tests of
    those questions use a config of their own."""
    isolated = tmp_path_factory.mktemp("isolated-home")
    (isolated / "config.toml").write_text(ANSWERED, encoding="utf-8")
    monkeypatch.setenv("SESSIONTIMER_HOME", str(isolated))
    if request.module.__name__ != "tests.system.test_sound":
        monkeypatch.setattr("sessiontimer.system.sound.PROGRAMS", ())
    if request.module.__name__ != "tests.system.test_desktop":
        monkeypatch.setattr("sessiontimer.system.desktop.PROGRAM", "no-such-notify-send")
        monkeypatch.delenv("XDG_SESSION_ID", raising=False)  # no polling of logind's lock state


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A SESSIONTIMER_HOME with an empty routines folder, no history, and the isolated home's
    config.toml (the disclaimer read, the red-flag questions and the everyday activities off)."""
    folder = tmp_path / "home"
    (folder / "routines").mkdir(parents=True)
    (folder / "config.toml").write_text(ANSWERED, encoding="utf-8")
    monkeypatch.setenv("SESSIONTIMER_HOME", str(folder))
    return folder
