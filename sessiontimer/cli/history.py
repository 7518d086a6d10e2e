"""``history``: past sessions as a table, JSON or CSV, read from the history file without
changing it."""

from __future__ import annotations

import argparse
import sqlite3
import sys

from sessiontimer.cli.common import EXIT_OK, InvalidInput
from sessiontimer.core.history import export
from sessiontimer.core.history.connection import HistoryUnavailable, open_history
from sessiontimer.system import paths


def cmd_history(args: argparse.Namespace) -> int:
    try:
        since = export.parse_since(args.since) if args.since is not None else None
    except ValueError as err:
        raise InvalidInput(str(err)) from None
    path = paths.history_file()
    records = []
    if path.exists():
        try:
            opened = open_history(path, create=False)
        except HistoryUnavailable as err:
            raise InvalidInput(str(err)) from None
        if opened.notice:
            print(f"sessiontimer: {opened.notice}", file=sys.stderr)
        try:
            records = opened.store.sessions(since)
        except sqlite3.Error as err:
            raise InvalidInput(
                f"the history file {path} could not be read ({err}); it is left as it is"
            ) from None
        finally:
            opened.store.close()
    if args.json:
        print(export.to_json(records))
    elif args.csv:
        sys.stdout.write(export.to_csv(records))
    else:
        print(export.to_table(records, since))
    return EXIT_OK
