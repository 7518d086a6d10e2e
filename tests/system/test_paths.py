"""Where config, routines and history live (DESIGN.md section 4): the XDG folders by default,
everything under SESSIONTIMER_HOME when it is set."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest


def test_home_defaults_follow_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sessiontimer.system import paths

    monkeypatch.delenv("SESSIONTIMER_HOME", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    if sys.platform.startswith("linux"):
        assert paths.config_file() == tmp_path / "cfg" / "sessiontimer" / "config.toml"
        assert paths.user_routines_dir() == tmp_path / "cfg" / "sessiontimer" / "routines"
        assert paths.history_file() == tmp_path / "data" / "sessiontimer" / "history.sqlite3"
    monkeypatch.setenv("SESSIONTIMER_HOME", str(tmp_path / "h"))
    assert paths.config_file() == tmp_path / "h" / "config.toml"
    assert paths.history_file() == tmp_path / "h" / "history.sqlite3"
    assert paths.user_routines_dir() == tmp_path / "h" / "routines"
