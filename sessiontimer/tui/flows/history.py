"""The app's history store: opened on first use, from any thread (a screen's worker or the
session's first write), closed when the app ends; a damaged file moved aside or history being
off is said once, in a toast."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from textual.app import App

    from sessiontimer.core.base.clock import Clock
    from sessiontimer.core.history.store import Store

T = TypeVar("T")


class HistoryAccess:
    def __init__(self, app: App[Any], path: Path, clock: Clock) -> None:
        self.app = app
        self.path = path
        self.clock = clock  # the store stamps and judges rows by it
        self.problem: str | None = None  # why history is off, when it is
        self._notice: str | None = None  # e.g. a damaged file was moved aside
        self._store: Store | None = None
        self._opened = False
        self._lock = threading.Lock()
        self._problem_said = False

    def store(self) -> Store | None:
        """The history store, opened on first use (from any thread); None when history is off,
        and then ``problem`` says why."""
        with self._lock:
            if not self._opened:
                self._opened = True
                from sessiontimer.core.history.connection import HistoryUnavailable, open_history

                try:
                    opened = open_history(self.path, clock=self.clock)
                except HistoryUnavailable as error:
                    self.problem = str(error)
                else:
                    self._store = opened.store
                    self._notice = opened.notice
            return self._store

    def read(self, read: Callable[[Store], T]) -> tuple[T | None, str | None]:
        """Run a read on the store (from any thread): (its result, None), or (None, why not):
        history is off, or the file could not be read. A screen shows the reason instead."""
        import sqlite3  # (not before the first frame: the store is opened after it)

        store = self.store()
        if store is None:
            return None, self.problem or "History is off."
        try:
            return read(store), None
        except sqlite3.Error as error:
            return None, f"The history could not be read ({error})."

    def announce(self) -> None:
        """Say once (a toast) that history is off, or that a damaged file was moved aside."""
        notice, self._notice = self._notice, None
        if notice:
            self.app.notify(notice, title="History", severity="warning", markup=False, timeout=20)
        if self.problem and not self._problem_said:
            self._problem_said = True
            self.app.notify(
                self.problem, title="History", severity="warning", markup=False, timeout=10
            )

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
