"""``r`` on the history screen: the clinician report (DESIGN.md section 9), written by the
``report`` command of this same program in a child process, then opened.

The report is a front end of its own: the full-screen app does not import it (nor its charting
library), so the app runs ``python -m sessiontimer report`` (the same interpreter, the same
SESSIONTIMER_HOME and history) and reads the path it prints. Then: in a browser tab (``serve``)
the browser downloads it; on a desktop it opens in the program for web pages; without one (a
plain terminal, over SSH) the toast says where the file is, to open in a browser.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual.widget import Widget

from sessiontimer.system.opener import open_file

TIMEOUT = 120.0  # seconds; the report takes about one over ten years of history
TITLE = "Report"


def write_report() -> tuple[Path | None, str]:
    """Run ``sessiontimer report`` (in a worker thread): (the file, "") or (None, why not)."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "sessiontimer", "report"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as error:
        return None, f"The report could not be written ({error})."
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        why = (done.stderr.strip().splitlines() or ["no reason given"])[-1]
        return None, f"The report could not be written: {why.removeprefix('sessiontimer: ')}"
    return Path(lines[-1]), ""


def report_and_open(node: Widget) -> None:
    """In a worker thread: write the report, open it (or hand it to the browser), and say so."""
    app = node.app
    path, problem = write_report()
    if path is None:
        app.call_from_thread(app.notify, problem, title=TITLE, severity="error", markup=False)
        return
    if app.is_web:
        app.call_from_thread(app.deliver_binary, path, save_filename=path.name)
        return
    why = open_file(path)
    if why is None:
        message = f"Written to {path} and opened in your browser."
    else:
        message = f"Written to {path}. It was not opened: {why}."
    app.call_from_thread(app.notify, message, title=TITLE, markup=False, timeout=15)
