"""Opening the history (DESIGN.md section 6): connecting, read-only connections, and what to do
with a file that cannot be used.

- WAL mode and a busy timeout, so two app instances can write at once and a reader never blocks
  a writer; a new file is created and migrated to the newest schema.
- A file that is not a SQLite database, or is damaged, is moved aside (renamed with a timestamp
  from the clock, never deleted) and a fresh one is started; ``Opened.notice`` says where the
  old one is.
- A file made by a newer version, or a folder that cannot be written, leaves history off with a
  clear reason (``HistoryUnavailable``); a session still runs without it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sessiontimer.core.base.clock import Clock, SystemClock
from sessiontimer.core.base.files import is_special
from sessiontimer.core.base.text import printable
from sessiontimer.core.history.rows import local_time
from sessiontimer.core.history.schema import (
    BUSY_TIMEOUT_MS,
    MIGRATIONS,
    NewerSchema,
    NotOurs,
    migrate,
    schema_version,
)
from sessiontimer.core.history.store import Store

__all__ = [
    "BUSY_TIMEOUT_MS",
    "HistoryUnavailable",
    "Opened",
    "connect",
    "connect_read_only",
    "is_busy",
    "is_damage",
    "open_history",
    "start_again",
]

_BROKEN = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


class HistoryUnavailable(Exception):
    """History cannot be used; ``str()`` says why, in words for the user."""


@dataclass(frozen=True)
class Opened:
    store: Store
    notice: str | None  # e.g. where a damaged file was moved; None when all was well


def open_history(path: Path, *, create: bool = True, clock: Clock | None = None) -> Opened:
    """Open (and create or migrate) the store, which gets ``clock`` (the system's by default; it
    also dates a damaged file moved aside). Raises HistoryUnavailable with a reason."""
    clock = clock or SystemClock()
    if not create and not path.exists():
        raise FileNotFoundError(path)
    for side in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        special = is_special(side)  # a FIFO would make SQLite wait for a writer forever
        if special is not None:
            raise HistoryUnavailable(
                f"History is off: {printable(str(side))} is {special}, not a history file. "
                "Sessions are not recorded until it is moved away."
            )
    try:
        if create:
            private_folder(path.parent)
    except OSError as error:
        raise HistoryUnavailable(_cannot_write(path, error)) from None
    notice = None
    try:
        try:
            store = Store(connect(path), clock)
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                raise
            return start_again(path, clock, error)
    except HistoryUnavailable:
        raise
    except (sqlite3.Error, OSError) as error:
        if not create:  # only reading: a healthy file in a folder that cannot be written
            with contextlib.suppress(sqlite3.Error):
                return Opened(Store(connect_read_only(path), clock), None)
        raise HistoryUnavailable(_cannot_write(path, error)) from None
    with contextlib.suppress(sqlite3.Error), store.waiting_at_most():
        store.recover()  # busy: abandoned rows still read as interrupted, and are written later
    if create:
        keep_private(path)
    return Opened(store, notice)


def start_again(path: Path, clock: Clock, error: sqlite3.Error) -> Opened:
    """A damaged history (found at its header as it opens, or in a page or an index as it is
    read): the file is kept, renamed with the date (never deleted), and a new one is started.
    Raises HistoryUnavailable when it cannot be moved aside."""
    try:
        kept = _move_aside(path, local_time(clock.epoch()))
    except OSError as move_error:
        raise HistoryUnavailable(
            f"History is off: {path} is damaged ({error}) and could not be moved aside "
            f"({move_error.strerror or move_error}). Sessions are not recorded."
        ) from None
    notice = (
        f"The history file could not be read ({error}). It is kept, renamed, at {kept}; "
        "a new history has been started."
    )
    try:
        store = Store(connect(path), clock)
    except (sqlite3.Error, OSError) as again:
        raise HistoryUnavailable(_cannot_write(path, again)) from None
    keep_private(path)
    return Opened(store, notice)


def private_folder(folder: Path) -> None:
    """The data folder, made readable by the user alone when it is made (0700): it holds health
    data. A folder that is there already keeps its permissions (it may be shared on purpose)."""
    if not folder.is_dir():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)


def keep_private(path: Path) -> None:
    """The history and its WAL files readable and writable by the user alone (0600)."""
    for side in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(OSError):
            if side.exists() and side.stat().st_mode & 0o077:
                side.chmod(0o600)


def is_damage(error: sqlite3.Error) -> bool:
    """A file that is not a SQLite database, is damaged, or holds someone else's tables (not a
    file that is only busy or cannot be written)."""
    return isinstance(error, NotOurs) or _primary_code(error) in _BROKEN


def is_busy(error: sqlite3.Error) -> bool:
    """Another connection holds the file (longer than the busy timeout): worth trying again."""
    return _primary_code(error) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _primary_code(error: sqlite3.Error) -> int | None:
    """The SQLite result code without its extended part (the low byte)."""
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that only reads a file of a schema this version knows (from 1 on); it never
    migrates or writes, so it works in a folder that cannot be written."""
    try:
        return _read_only(path, immutable=False)
    except sqlite3.Error:
        # In a folder that cannot be written, WAL cannot make its -shm file: read the file as it
        # is on disk instead (nobody can be writing to it there).
        return _read_only(path, immutable=True)


def file_uri(path: Path, **options: str) -> str:
    """A ``file:`` URI for SQLite with the path escaped (a "?" or "#" in a folder name is part of
    the path, not the start of the options)."""
    query = "&".join(f"{key}={value}" for key, value in options.items())
    return f"{path.absolute().as_uri()}?{query}"


def _read_only(path: Path, *, immutable: bool) -> sqlite3.Connection:
    options = {"mode": "ro", **({"immutable": "1"} if immutable else {})}
    conn = sqlite3.connect(
        file_uri(path, **options), uri=True, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = schema_version(conn)
        if not 1 <= version <= len(MIGRATIONS):  # an older schema reads (breaks from 2 on)
            raise sqlite3.OperationalError(f"schema {version}, not 1 to {len(MIGRATIONS)}")
    except BaseException:
        conn.close()
        raise
    return conn


def connect(path: Path) -> sqlite3.Connection:
    """A connection for reading and writing: WAL mode, the busy timeout, the newest schema."""
    # The app opens the store in a worker thread and then uses it on its main thread (one at a
    # time): the connection may cross threads.
    if not path.exists():  # made readable by the user alone from the start (health data)
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _switch_to_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        try:
            migrate(conn)
        except NewerSchema as error:
            raise HistoryUnavailable(str(error)) from None
    except BaseException:
        conn.close()
        raise
    return conn


def _switch_to_wal(conn: sqlite3.Connection) -> None:
    """WAL mode; switching a new file needs a moment alone with it, and the busy timeout does not
    apply to this pragma: another process opening the same new file is waited for."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError as error:
            if not is_busy(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)
            continue
        if str(mode).lower() != "wal":
            raise sqlite3.OperationalError(f"could not switch to WAL mode ({mode})")
        return


def _move_aside(path: Path, moment: datetime) -> Path:
    suffix = moment.strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.name}.broken-{suffix}")
    n = 1
    while kept.exists():
        n += 1
        kept = path.with_name(f"{path.name}.broken-{suffix}-{n}")
    path.rename(kept)
    for extra in ("-wal", "-shm"):
        side = path.with_name(path.name + extra)
        if side.exists():
            side.rename(kept.with_name(kept.name + extra))
    return kept


def _cannot_write(path: Path, error: BaseException) -> str:
    reason = getattr(error, "strerror", None) or str(error)
    return f"History is off: cannot use {path} ({reason}). Sessions are not recorded."
