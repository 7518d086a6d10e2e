"""`sessiontimer breaks [--sit DUR] [--stand DUR]`: flags over config.toml's [breaks], and bad
input is a clear message with exit status 1 (2 for usage), never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sessiontimer.cli import launch, main
from sessiontimer.core.breaks.settings import BreakSettings, WorkingHours


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    def fake_launch(plan: object, speed: float, checks: bool, **kwargs: Any) -> int:
        seen.update(kwargs, plan=plan)
        return 0

    monkeypatch.setattr(launch, "launch_app", fake_launch)
    return seen


def test_flags_override_the_config(home: Path, launched: dict[str, Any]) -> None:
    (home / "config.toml").write_text(
        '[breaks]\nsit = "30m"\nstand = "5m"\nworking_hours = "08:00-16:00"\n', encoding="utf-8"
    )
    assert main(["breaks", "--sit", "4s", "--stand", "90"]) == 0
    assert launched["open_breaks"] is True
    assert launched["plan"] is None
    assert launched["break_settings"] == BreakSettings(
        sit=4, stand=90, working_hours=WorkingHours(8 * 60, 16 * 60)
    )


def test_without_flags_the_config_holds(home: Path, launched: dict[str, Any]) -> None:
    assert main(["breaks"]) == 0
    assert launched["break_settings"] == BreakSettings()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sit", "0s"], '--sit must be between 1s and 4h, not "0s"'),
        (["--sit", "0"], '--sit must be between 1s and 4h, not "0"'),
        (["--stand", "4h1s"], '--stand must be between 1s and 4h, not "4h1s"'),
        (["--sit", "25 min"], '--sit: "25 min" is not a duration'),
        (["--stand", "1.5m"], '--stand: "1.5m" is not a duration'),
        (["--sit", "25M"], '--sit: write "25m", not "25M"'),
        (["--sit", ""], '--sit: "" is not a duration'),
    ],
)
def test_bad_durations(
    home: Path,
    launched: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    assert main(["breaks", *args]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"sessiontimer: {message}")
    assert "Traceback" not in err
    assert launched == {}


def test_a_bad_config_names_file_line_and_key(
    home: Path, launched: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    config = home / "config.toml"
    config.write_text('sound = "bell"\n\n[breaks]\nsit = "0s"\nsnoze = "5m"\n', encoding="utf-8")
    assert main(["breaks"]) == 1
    err = capsys.readouterr().err
    assert "config.toml has problems" in err
    assert f'{config}:4:1: "sit" must be between 1s and 4h' in err
    assert f'{config}:5:1: unknown key "snoze" in [breaks] (ignored); did you mean "snooze"?' in err
    assert launched == {}


def test_a_config_that_does_not_parse(
    home: Path, launched: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    (home / "config.toml").write_text("[breaks\nsit = 1\n", encoding="utf-8")
    assert main(["breaks"]) == 1
    err = capsys.readouterr().err
    assert "config.toml:1:" in err
    assert "Traceback" not in err


def test_a_missing_value_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["breaks", "--sit"])
    assert exit_info.value.code == 2
    assert "expected one argument" in capsys.readouterr().err
