from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty SESSIONTIMER_HOME with a routines folder."""
    folder = tmp_path / "home"
    (folder / "routines").mkdir(parents=True)
    monkeypatch.setenv("SESSIONTIMER_HOME", str(folder))
    return folder
