"""Writing the report: its default place, the data from the history, the page written atomically
(a file the person may have open in a browser is replaced whole, never half-written)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from sessiontimer.core.base.files import write_atomically
from sessiontimer.core.history.store import Store
from sessiontimer.core.insights.report import ReportData, report_data
from sessiontimer.core.routines.prescription import Prescription
from sessiontimer.report.page import render

FOLDER = "reports"


def default_path(data_dir: Path, today: date) -> Path:
    """``reports/report-YYYY-MM-DD.html`` in the data folder."""
    return data_dir / FOLDER / f"report-{today.isoformat()}.html"


def build(
    store: Store | None,
    today: date,
    since: date | None = None,
    prescriptions: Mapping[str, Prescription] | None = None,
) -> ReportData:
    """The report's data; ``store`` None: no history yet (an empty report)."""
    if store is None:
        from sessiontimer.core.insights.psfs import series
        from sessiontimer.core.insights.report import compose, default_since

        start = since or default_since(today)
        return compose(
            today=today,
            since=start,
            until=today,
            first_day=None,
            sessions=[],
            rehearsals=0,
            prescriptions=prescriptions,
            function=series([], []),
            red_flags=[],
            breaks=[],
        )
    return report_data(store, today, since, prescriptions)


def write(data: ReportData, path: Path) -> Path:
    """Write the page to ``path``; returns the path written. Health data: a new folder is made
    for the user alone (0700), and a new file readable by the user alone (0600); a file that is
    there already keeps its permissions. Raises OSError when it cannot be written."""
    page = render(data)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    created = False
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        created = True
    try:
        write_atomically(path, page, backup=False)  # keeps the mode of the file there
    except BaseException:
        if created:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    return path
