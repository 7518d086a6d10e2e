"""``history``: past sessions as a table, JSON or CSV, read from the history file without
changing it; with ``--psfs``, the everyday activities and their ratings instead."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sessiontimer.cli.common import EXIT_OK, InvalidInput
from sessiontimer.core.history import export
from sessiontimer.core.history.connection import HistoryUnavailable, open_history
from sessiontimer.core.history.rows import damaged_rows_text
from sessiontimer.system import paths

if TYPE_CHECKING:
    from sessiontimer.core.history.psfs import PsfsActivity, PsfsRating
    from sessiontimer.core.history.records import SessionRecord
    from sessiontimer.core.history.store import Store


def cmd_history(args: argparse.Namespace) -> int:
    try:
        since = export.parse_since(args.since) if args.since is not None else None
    except ValueError as err:
        raise InvalidInput(str(err)) from None
    path = paths.history_file()
    if args.psfs:
        return _psfs(args, path, since)
    records: list[SessionRecord] = []
    skipped: dict[int, int] = {}
    if path.exists():
        store = _open(path)
        try:
            records = store.sessions(since)
            if store.damaged:
                print(damaged_rows_text(len(store.damaged)), file=sys.stderr)
            if args.json or args.csv:
                skipped = store.segments_skipped(since)
        except sqlite3.Error as err:
            raise InvalidInput(_unreadable(path, err)) from None
        finally:
            store.close()
    if args.json:
        print(export.to_json(records, skipped))
    elif args.csv:
        sys.stdout.write(export.to_csv(records, skipped))
    else:
        print(export.to_table(records, since))
    return EXIT_OK


def _psfs(args: argparse.Namespace, path: Path, since: date | None) -> int:
    """``history --psfs``: every activity (retired ones too) and the ratings since ``since``."""
    from sessiontimer.core.history.psfs import PsfsRecord

    activities: list[PsfsActivity] = []
    ratings: list[PsfsRating] = []
    if path.exists():
        store = _open(path)
        try:
            record = PsfsRecord(store)
            activities = record.activities(retired=True)
            ratings = record.ratings(since)
        except sqlite3.Error as err:
            raise InvalidInput(_unreadable(path, err)) from None
        finally:
            store.close()
    if args.json:
        print(export.psfs_json(activities, ratings))
    elif args.csv:
        sys.stdout.write(export.psfs_csv(activities, ratings))
    else:
        print(export.psfs_table(activities, ratings, since))
    return EXIT_OK


def _open(path: Path) -> Store:
    """The history as it is, for reading (never created here)."""
    try:
        opened = open_history(path, create=False)
    except HistoryUnavailable as err:
        raise InvalidInput(str(err)) from None
    if opened.notice:
        print(f"sessiontimer: {opened.notice}", file=sys.stderr)
    return opened.store


def _unreadable(path: Path, err: sqlite3.Error) -> str:
    return f"the history file {path} could not be read ({err}); it is left as it is"
