"""``progress ROUTINE [--yes] [--anyway]``: the progression (DESIGN.md sections 2 and 3) from the
command line, as the app's ``p`` shows it: each change and the total time before and after, and
the gates that hold it back (read from the history; the history is not created to preview).

``--yes`` applies it: the routine's own file is edited in place (a ``.bak`` kept), a built-in
routine is progressed into the user's copy in the user routines folder; the progression is
recorded in the history (its pace is a gate). ``--anyway`` passes the gates (a clinician's word;
recorded as "anyway" when a gate did hold it back).

Exit status: 0 when the progression may be applied (a preview printed) or was applied, and when
there is nothing to change; 1 when a gate holds it back and ``--anyway`` was not given (nothing is
written), or for bad input (an unknown id, a routine with problems, a file that cannot be
written); 2 a usage error.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from datetime import datetime

from sessiontimer.cli.common import EXIT_INVALID, EXIT_OK, InvalidInput, resolve_routine
from sessiontimer.core.base.clock import SystemClock
from sessiontimer.core.history.connection import HistoryUnavailable, open_history
from sessiontimer.core.history.rows import local_time
from sessiontimer.core.insights.gates import (
    Gate,
    gates_for,
    history_off_gate,
    progression_gates,
)
from sessiontimer.core.insights.progress_preview import HELD_TITLE, preview
from sessiontimer.core.routines.progression import (
    ProgressionError,
    apply_progression,
    progress_file,
)
from sessiontimer.system import paths


def cmd_progress(args: argparse.Namespace) -> int:
    entry = resolve_routine(args.routine)
    try:
        read, progression = progress_file(entry.path)
    except ProgressionError as err:
        raise InvalidInput(str(err)) from None
    print(f"{entry.name} ({entry.id}, {entry.source})")
    if not progression.changes:
        print("Nothing to change: every step is at its limit, or does not progress.")
        return EXIT_OK
    now = local_time(SystemClock().epoch())
    shown = preview(progression, _gates(entry.id, now))
    for change in shown.changes:
        print(f"  {change}")
    print(shown.total_line)
    if shown.held:
        print(f"{HELD_TITLE}:")
        for gate in shown.gates:
            print(f"  - {gate.text}")
        if not args.anyway:
            print(
                "Not applied. If a clinician told you to progress now, add --anyway (it is "
                "recorded as done on their word)."
            )
            return EXIT_INVALID
        print("Passed with --anyway, on a clinician's word.")
    if not args.yes:
        print("Nothing is written yet: add --yes to apply it.")
        return EXIT_OK
    user_dir = paths.user_routines_dir()
    target = user_dir / entry.path.name if entry.source == "built-in" else None
    try:
        written = apply_progression(entry.path, read, progression, target)
    except ProgressionError as err:
        raise InvalidInput(str(err)) from None
    if target is not None:
        from sessiontimer.core.routines.authoring import ensure_schema

        ensure_schema(user_dir, paths.schema_file())
        print(f"{entry.id} is a built-in routine: progressed into your own copy.")
    changes = [str(change) for change in shown.changes]
    _record(entry.id, changes, now, anyway=shown.held)
    count = len(changes)
    print(f"{count} change{'s' if count != 1 else ''} saved to {written}")
    return EXIT_OK


def _gates(routine: str, now: datetime) -> list[Gate]:
    """The gates of ``routine`` today, from the history file (none yet: no sessions)."""
    path = paths.history_file()
    if not path.exists():
        return progression_gates(routine, [], [], now.date())
    try:
        opened = open_history(path, create=False)
    except HistoryUnavailable as err:
        return [history_off_gate(str(err))]
    if opened.notice:
        print(f"sessiontimer: {opened.notice}", file=sys.stderr)
    try:
        return gates_for(opened.store, routine, now.date())
    except sqlite3.Error as err:
        return [history_off_gate(f"the history file {path} could not be read: {err}")]
    finally:
        opened.store.close()


def _record(routine: str, changes: list[str], now: datetime, *, anyway: bool) -> None:
    """The progression in the history; a history that cannot be written is said, not raised:
    the routine is already saved."""
    from sessiontimer.core.history.safety_record import SafetyRecord

    path = paths.history_file()
    try:
        opened = open_history(path)
    except HistoryUnavailable as err:
        why = str(err)
    else:
        try:
            SafetyRecord(opened.store).record_progression(routine, changes, at=now, anyway=anyway)
            return
        except sqlite3.Error as err:
            why = f"the history file {path} could not be written ({err})"
        finally:
            opened.store.close()
    print(
        f"sessiontimer: note: {why.rstrip('.')}; the progression is saved in the routine, but "
        "not in the history",
        file=sys.stderr,
    )
