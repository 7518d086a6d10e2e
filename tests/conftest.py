from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_home(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No test reads or writes the real user's config, routines or history, and no app test
    speaks out loud through a speech program this machine happens to have
    (tests/system/test_sound.py tests the speaker itself), and none pops up a desktop
    notification (tests/system/test_desktop.py)."""
    monkeypatch.setenv("SESSIONTIMER_HOME", str(tmp_path_factory.mktemp("isolated-home")))
    if request.module.__name__ != "tests.system.test_sound":
        monkeypatch.setattr("sessiontimer.system.sound.PROGRAMS", ())
    if request.module.__name__ != "tests.system.test_desktop":
        monkeypatch.setattr("sessiontimer.system.desktop.PROGRAM", "no-such-notify-send")
        monkeypatch.delenv("XDG_SESSION_ID", raising=False)  # no polling of logind's lock state


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty SESSIONTIMER_HOME with a routines folder."""
    folder = tmp_path / "home"
    (folder / "routines").mkdir(parents=True)
    monkeypatch.setenv("SESSIONTIMER_HOME", str(folder))
    return folder
