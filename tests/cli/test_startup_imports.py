"""Start-up stays lean (issue 7): what the first screen of `sessiontimer run` does not need is not
imported before it is drawn, the garbage collector paused for the start-up is back on once the
screen is up, and the routine commands never import the full-screen app.

Each check runs in a fresh interpreter, through the real command line.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

ROUTINE = """\
name = "One hold"
prepare = "0s"

[[steps]]
name = "Hold still"
kind = "hold"
hold = "60s"
"""

# `run ROUTINE --no-checks` up to its first frame: the app runs headless; at the first frame that
# is drawn (not inside a batch) the modules loaded so far are printed and the process ends.
FIRST_FRAME = """
import os, sys
from textual.app import App

run = App.run
App.run = lambda self, *args, **kwargs: run(self, headless=True, size=(80, 24))
display = App._display

def first_frame(self, screen, renderable):
    display(self, screen, renderable)
    if renderable is not None and not self._batch_count:
        print(" ".join(sorted(sys.modules)), flush=True)
        os._exit(0)

App._display = first_frame
from sessiontimer.cli import main
main(["run", sys.argv[1], "--no-checks"])
"""

# Loaded later, when they are used: the history (after the first frame), the writers of TOML, the
# JSON outputs and schema, the other screens and the widgets only they use.
NOT_BEFORE_FIRST_FRAME = [
    "sqlite3",
    "tomli_w",
    "tomlkit",
    "jsonschema",
    "json",
    "importlib.metadata",
    "sessiontimer.cli.routines",  # the other commands' modules
    "sessiontimer.cli.edit",
    "sessiontimer.cli.history",
    "sessiontimer.cli.progress",
    "sessiontimer.system.sound",  # the first cue sounds once the screen is drawn
    "sessiontimer.core.history.store",
    "sessiontimer.core.history.connection",
    "sessiontimer.core.history.schema",
    "sessiontimer.core.history.rows",
    "sessiontimer.core.history.recording",
    "sessiontimer.core.history.records",
    "sessiontimer.core.history.export",
    "sessiontimer.core.insights.overview",
    "sessiontimer.core.insights.trends",
    "sessiontimer.core.insights.advice",
    "sessiontimer.core.insights.gates",
    "sessiontimer.core.insights.progress_preview",
    "sessiontimer.tui.screens.progress",
    "sessiontimer.core.insights.psfs",  # the everyday activities: home asks once its history is read
    "sessiontimer.core.history.psfs",
    "sessiontimer.tui.screens.psfs",
    "sessiontimer.tui.screens.psfs_activities",
    "sessiontimer.report",  # the report is another program; its charts never load in the app
    "pygal",
    "sessiontimer.tui.screens.commands",
    "sessiontimer.tui.screens.home",
    "sessiontimer.tui.screens.history",
    "sessiontimer.tui.screens.session_detail",
    "sessiontimer.tui.screens.checkin",
    "sessiontimer.tui.screens.summary",
    "sessiontimer.tui.screens.disclaimer",
    "sessiontimer.tui.screens.red_flags",
    "sessiontimer.tui.screens.emergency",
    "sessiontimer.tui.screens.pack_safety",
    "sessiontimer.tui.screens.safety_stop",
    "sessiontimer.tui.screens.confirm",
    "sessiontimer.tui.widgets.heatmap",
    "textual.widgets._footer",  # the session screen's keys are one KeyBar, not a Footer
    "textual.widgets._data_table",
    "textual.widgets._text_area",
    "textual.widgets._markdown",
]


# The same run, a little later: once the first screen is up, the collector is on again.
AFTER_FIRST_FRAME = """
import gc, os, sys
from textual.app import App

run = App.run
App.run = lambda self, *args, **kwargs: run(self, headless=True, size=(80, 24))
display = App._display

def report():
    print(gc.isenabled(), gc.get_freeze_count() > 0, flush=True)
    os._exit(0)

drawn = []

def first_frame(self, screen, renderable):
    display(self, screen, renderable)
    if renderable is not None and not self._batch_count and not drawn:
        drawn.append(screen)
        print(gc.isenabled(), flush=True)
        self.set_timer(0.5, report)

App._display = first_frame
from sessiontimer.cli import main
main(["run", sys.argv[1], "--no-checks"])
"""


def _probe(tmp_path: Path, script: str) -> list[str]:
    """The lines ``script`` prints, run in a fresh interpreter with a one-hold routine."""
    routine = tmp_path / "one-hold.toml"
    routine.write_text(ROUTINE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", script, str(routine)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip().splitlines()


def test_the_first_screen_of_run_loads_only_what_it_shows(tmp_path: Path) -> None:
    loaded = set(_probe(tmp_path, FIRST_FRAME)[-1].split())
    assert "sessiontimer.tui.screens.session" in loaded  # the probe did reach the session screen
    assert sorted(loaded & set(NOT_BEFORE_FIRST_FRAME)) == []


def test_the_collector_is_paused_for_the_start_up_only(tmp_path: Path) -> None:
    at_first_frame, later = _probe(tmp_path, AFTER_FIRST_FRAME)[-2:]
    assert at_first_frame == "False"  # paused while the first screen was built
    assert later == "True True"  # on again, the start-up's objects set aside


def test_routine_commands_never_import_the_app(tmp_path: Path) -> None:
    routine = tmp_path / "one-hold.toml"
    routine.write_text(ROUTINE, encoding="utf-8")
    script = (
        "import sys\n"
        "from sessiontimer.cli import main\n"
        f"for argv in (['list'], ['show', {str(routine)!r}], ['validate', {str(routine)!r}]):\n"
        "    assert main(argv) == 0, argv\n"
        "print(sorted(m for m in sys.modules if m.startswith(('textual', 'sqlite3'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"
