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
        self._damaged_said = 0  # damaged rows said so far

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
        history is off, or the file could not be read. A screen shows the reason instead. Damage
        found inside the file moves it aside and starts a new one (``_start_again``)."""
        import sqlite3  # (not before the first frame: the store is opened after it)

        store = self.store()
        if store is None:
            return None, self.problem or "History is off."
        try:
            result = read(store)
        except sqlite3.Error as error:
            store = self._start_again(error)
            if store is None:
                return None, f"The history could not be read ({error})."
            try:
                result = read(store)
            except sqlite3.Error as again:
                return None, f"The history could not be read ({again})."
        damaged = len(store.damaged)
        if damaged > self._damaged_said:  # said once, and again only when more are found
            from functools import partial

            from sessiontimer.core.history.rows import damaged_rows_text

            self._damaged_said = damaged
            say = partial(
                self.app.notify,
                damaged_rows_text(damaged),
                title="History",
                severity="warning",
                markup=False,
                timeout=10,
            )
            if threading.current_thread() is threading.main_thread():
                say()
            else:
                self.app.call_from_thread(say)
        return result, None

    def _start_again(self, error: Exception) -> Store | None:
        """Damage found inside the file as it was read (a page, an index): the file is moved
        aside, a new one started, and that is said (the next ``announce``). None: it was not
        damage, or nothing could be done."""
        from sqlite3 import DatabaseError

        from sessiontimer.core.history.connection import (
            HistoryUnavailable,
            is_damage,
            start_again,
        )

        if not isinstance(error, DatabaseError) or not is_damage(error):
            return None
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
            try:
                opened = start_again(self.path, self.clock, error)
            except HistoryUnavailable as why:
                self.problem = str(why)
                return None
            self._store, self._notice = opened.store, opened.notice
        if threading.current_thread() is threading.main_thread():
            self.announce()
        else:
            self.app.call_from_thread(self.announce)
        return self._store

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
