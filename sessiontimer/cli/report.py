"""``report``: the clinician report (DESIGN.md section 9), one self-contained HTML file written
from the history without changing it; prints its path."""

from __future__ import annotations

import argparse
import sqlite3
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sessiontimer.cli.common import EXIT_OK, InvalidInput
from sessiontimer.system import paths

if TYPE_CHECKING:
    from sessiontimer.core.insights.report import ReportData
    from sessiontimer.core.routines.prescription import Prescription


def cmd_report(args: argparse.Namespace) -> int:
    from sessiontimer.core.history.export import parse_since

    today = date.today()
    try:
        since = parse_since(args.since) if args.since is not None else None
    except ValueError as err:
        raise InvalidInput(str(err)) from None
    if since is not None and since > today:
        raise InvalidInput(f"--since {since.isoformat()} is after today: there is nothing to show")
    from sessiontimer.report import build

    out = Path(args.out).expanduser() if args.out else build.default_path(paths.data_dir(), today)
    if out.is_dir():
        raise InvalidInput(
            f"--out {out} is a folder; give the path of a file, e.g. {out}/report.html"
        )
    data = _data(today, since)
    try:
        written = build.write(data, out)
    except OSError as err:
        raise InvalidInput(
            f"the report could not be written to {out} ({err.strerror or err})"
        ) from None
    print(written)
    return EXIT_OK


def _data(today: date, since: date | None) -> ReportData:
    import sys

    from sessiontimer.core.history.connection import HistoryUnavailable, open_history
    from sessiontimer.report import build

    prescriptions = _prescriptions()
    path = paths.history_file()
    if not path.exists():
        return build.build(None, today, since, prescriptions)
    try:
        opened = open_history(path, create=False)
    except HistoryUnavailable as err:
        raise InvalidInput(str(err)) from None
    if opened.notice:
        print(f"sessiontimer: {opened.notice}", file=sys.stderr)
    try:
        return build.build(opened.store, today, since, prescriptions)
    except sqlite3.Error as err:
        raise InvalidInput(
            f"the history file {path} could not be read ({err}); it is left as it is"
        ) from None
    finally:
        opened.store.close()


def _prescriptions() -> dict[str, Prescription]:
    """Each valid routine's prescription, by id (the user's routines and the built-in ones)."""
    from sessiontimer.core.routines.library import discover
    from sessiontimer.core.routines.prescription import prescription

    return {
        entry.id: prescription(entry.routine)
        for entry in discover(paths.builtin_routines_dir(), paths.user_routines_dir())
        if entry.routine is not None
    }
