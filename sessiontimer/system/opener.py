"""Opening a file with the program the desktop uses for it (the report in a web browser):
``open`` on macOS, ``os.startfile`` on Windows, ``xdg-open`` elsewhere.

``xdg-open`` is used only in a graphical session (``DISPLAY`` or ``WAYLAND_DISPLAY`` set): in a
plain terminal it may start a text browser in the very terminal the app is drawn in. The program
runs on its own (a new session, no terminal, its output thrown away), so it never draws over the
app or outlives it in its process group. Nothing is raised: the answer says what happened.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

NO_OPENER = "no program to open it was found (open it in a web browser)"


def opener(
    platform: str = sys.platform,
    env: Mapping[str, str] | None = None,
    which: Callable[[str], str | None] = shutil.which,
) -> list[str] | None:
    """The command that opens a file (the file's path goes after it), or None."""
    env = os.environ if env is None else env
    if platform == "darwin":
        program = which("open")
        return [program] if program else None
    if platform.startswith("win"):
        return None  # os.startfile, see open_file
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        return None
    program = which("xdg-open")
    return [program] if program else None


def open_file(
    path: Path,
    command: list[str] | None = None,
    popen: Callable[..., object] = subprocess.Popen,
) -> str | None:
    """Open ``path`` in its program (``command``: as ``opener()`` finds it); None when it was
    handed over, else why not, in words for the user."""
    if command is None and sys.platform.startswith("win"):  # pragma: no cover - Windows only
        try:
            os.startfile(path)  # type: ignore[attr-defined]
        except OSError as error:
            return f"it could not be opened ({error.strerror or error})"
        return None
    command = command if command is not None else opener()
    if not command:
        return NO_OPENER
    try:
        popen(
            [*command, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
    except OSError as error:
        return f"it could not be opened ({error.strerror or error})"
    return None
