"""Opening the report with the desktop's program for it (system/opener.py): ``open`` on macOS,
``xdg-open`` only in a graphical session (in a plain terminal it could start a text browser in the
app's own terminal), detached from the app; never an exception."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from sessiontimer.system.opener import NO_OPENER, open_file, opener


def which(found: dict[str, str]) -> Any:
    return lambda name: found.get(name)


def test_the_opener_of_each_desktop() -> None:
    xdg = which({"xdg-open": "/usr/bin/xdg-open"})
    assert opener("linux", {"DISPLAY": ":0"}, xdg) == ["/usr/bin/xdg-open"]
    assert opener("linux", {"WAYLAND_DISPLAY": "wayland-0"}, xdg) == ["/usr/bin/xdg-open"]
    assert opener("linux", {}, xdg) is None  # a plain terminal, SSH: not there
    assert opener("linux", {"DISPLAY": ":0"}, which({})) is None  # not installed
    assert opener("darwin", {}, which({"open": "/usr/bin/open"})) == ["/usr/bin/open"]


def test_the_file_is_handed_over_detached(tmp_path: Path) -> None:
    calls: list[tuple[list[str], dict[str, Any]]] = []
    page = tmp_path / "report.html"
    assert open_file(page, ["xdg-open"], lambda argv, **kw: calls.append((argv, kw))) is None
    ((argv, options),) = calls
    assert argv == ["xdg-open", str(page)]
    assert options["start_new_session"] is True  # never draws over the app, never its child
    assert options["stdout"] == options["stderr"] == options["stdin"] == subprocess.DEVNULL


def test_no_opener_or_a_failing_one_is_said_not_raised(tmp_path: Path) -> None:
    assert open_file(tmp_path / "r.html", []) == NO_OPENER

    def fails(argv: list[str], **_: Any) -> None:
        raise FileNotFoundError(2, "No such file or directory")

    assert open_file(tmp_path / "r.html", ["gone"], fails) == (
        "it could not be opened (No such file or directory)"
    )
