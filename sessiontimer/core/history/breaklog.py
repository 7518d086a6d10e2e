"""Writes the sit/stand timer's breaks to the history as they change (called, snoozed, standing,
ended), so a crash loses nothing that was answered.

Like the session Recorder, a BreakLog never raises: a busy file keeps the newest version of each
break and writes it at the next change; any other failure turns the log off and ``problem`` says
why. The timer itself goes on.
"""

from __future__ import annotations

import sqlite3

from sessiontimer.core.breaks.events import BreakRecord
from sessiontimer.core.history.connection import is_busy
from sessiontimer.core.history.owner import this_process
from sessiontimer.core.history.store import Store


class BreakLog:
    def __init__(self, store: Store | None, problem: str | None = None) -> None:
        self.store = store
        self.problem = problem if store is None else None
        self.waiting: str | None = None  # the file was busy: the pending breaks are retried
        self._ids: dict[float, int] = {}  # a break's called_at -> its row
        self._pending: dict[float, BreakRecord] = {}  # the newest version not written yet
        self._owner = this_process()

    def save(self, record: BreakRecord) -> None:
        """Write (or queue) the newest version of a break."""
        self._pending[record.called_at] = record
        self.flush()

    def flush(self) -> None:
        """Write what is pending."""
        if self.store is None:
            self._pending.clear()
            return
        for called_at, record in list(self._pending.items()):
            try:
                with self.store.waiting_at_most():  # (from the UI thread: never seconds)
                    self._ids[called_at] = self.store.save_break(
                        record, self._ids.get(called_at), self._owner
                    )
            except sqlite3.Error as error:
                if is_busy(error):
                    self.waiting = f"The history file is busy ({error}); breaks are written later."
                    return
                self.problem = f"Breaks are not being recorded: the history file could not be written ({error})."
                self.store = None
                self._pending.clear()
                return
            del self._pending[called_at]
            if record.outcome != "open":
                self._ids.pop(called_at, None)
        self.waiting = None
