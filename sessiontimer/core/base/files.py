"""Reading and writing the user's files safely.

Reading (:func:`read_regular`): regular files only, opened so that a FIFO, a device or a socket never
blocks, and never more than a stated number of bytes (a link to ``/dev/zero`` is refused, not read
until memory runs out).

Writing: all or nothing, permissions kept, one ``.bak``, no temp files left.

A write goes to a temp file in the same folder (``.NAME.PID-RANDOM.tmp``), is flushed and fsynced, gets
the old file's permissions, and then takes the file's place with ``os.replace``, so the file is at every
moment either all the old text or all the new. Before that, the previous version is kept as ``NAME.bak``
(written the same way). A temp file left by a process that died between writing and replacing is
removed by the next write to the same file.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from sessiontimer.core.base.clock import Clock, SystemClock

BACKUP_SUFFIX = ".bak"
_STALE_AFTER = 600.0  # seconds: a temp file this old belongs to no write in progress


class NotAFile(OSError):
    """The path is there but is no regular file (a folder, a FIFO, a device, a socket); ``str()``
    says which, in words for the user."""


def read_regular(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of the regular file ``path`` (one more than allowed, so the
    caller knows it is too big). Raises FileNotFoundError, NotAFile, or another OSError.

    The file is opened non-blocking (a FIFO's open would wait for a writer) and checked on the open
    descriptor (no race between a check and the open)."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(f"this is {_what_it_is(mode)}, not a file")
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _what_it_is(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def is_special(path: Path) -> str | None:
    """What ``path`` is when it exists and is no regular file ("a named pipe (FIFO)"), else None.
    Follows links; never opens the path (so never blocks)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) else _what_it_is(mode)


def backup_path(path: Path) -> Path:
    """``routines/x.toml`` -> ``routines/x.toml.bak``."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def real_path(path: Path) -> Path:
    """A symbolic link is written through (the link stays a link to the file the user keeps)."""
    try:
        return Path(os.path.realpath(path)) if path.is_symlink() else path
    except OSError:
        return path


def write_atomically(
    path: Path,
    data: bytes | str,
    *,
    backup: bool = True,
    keep_good: Callable[[bytes], bool] | None = None,
    new_mode: int | None = None,
) -> None:
    """Replace ``path`` with ``data`` all at once; keep the previous version in ``path.bak``.
    A file that is there keeps its permissions; a new one gets ``new_mode`` (e.g. 0o600 for
    settings that say when a person last answered health questions), else the usual 0666 less
    the umask.

    With ``keep_good`` (is this version good?), a good ``.bak`` is never replaced by a previous
    version that is not: saving a broken file twice keeps the last good one.

    Raises ``OSError`` when the folder cannot be written (the old file is then left as it was)."""
    path = real_path(Path(path))
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(path)
    mode: int | None = None
    with suppress(FileNotFoundError):
        mode = path.stat().st_mode & 0o7777
    existed = mode is not None
    if backup and existed:
        try:
            previous = path.read_bytes()
        except OSError:
            previous = None
        if (
            previous is not None
            and previous != payload
            and _worth_keeping(path, previous, keep_good)
        ):
            _replace_with(backup_path(path), previous, mode)
    _replace_with(path, payload, mode if existed else new_mode)


def keep_backup(path: Path, previous: bytes, keep_good: Callable[[bytes], bool] | None) -> None:
    """Write ``previous`` as ``path.bak`` (unless that would replace a good one with a bad one)."""
    if _worth_keeping(path, previous, keep_good):
        write_atomically(backup_path(path), previous, backup=False)


def _worth_keeping(path: Path, previous: bytes, keep_good: Callable[[bytes], bool] | None) -> bool:
    if keep_good is None or keep_good(previous):
        return True
    try:
        old_backup = backup_path(path).read_bytes()
    except OSError:
        return True  # no .bak yet: the previous version is better than none
    return not keep_good(old_backup)


def create_exclusively(path: Path, data: bytes | str) -> None:
    """Write a new file, complete or not at all; ``FileExistsError`` if there is one already."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(path)
    temp = _write_temp(path, payload, None)
    try:
        try:
            os.link(temp, path)  # fails if the file exists: never overwrites
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: exclusive create, then write
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
    finally:
        with suppress(OSError):
            os.unlink(temp)
    _sync_folder(path.parent)


def keep_aside(path: Path, data: bytes, label: str, stamp: str) -> Path:
    """``data`` kept beside ``path`` in a file of its own, never overwritten by a later one:
    ``x.toml.theirs-2026-12-07T23-50-01`` (``-2``, ``-3``… when that is taken). It does not end in
    ``.toml``, so it is never read as a routine. Raises OSError when it cannot be written."""
    for n in range(1, 1000):
        target = path.with_name(f"{path.name}.{label}-{stamp}" + (f"-{n}" if n > 1 else ""))
        try:
            create_exclusively(target, data)
        except FileExistsError:
            continue
        return target
    raise FileExistsError(f"too many copies of {path.name} kept aside")


def remove_quietly(path: Path) -> None:
    with suppress(FileNotFoundError):
        os.unlink(path)
    _sync_folder(path.parent)


def _temp_pattern(path: Path) -> re.Pattern[str]:
    return re.compile(rf"^\.{re.escape(path.name)}\.(\d+)-[0-9a-f]+\.tmp$")


def remove_stale_temps(path: Path, clock: Clock | None = None) -> list[Path]:
    """Temp files of earlier writes to ``path`` whose process is gone (it died between writing and
    replacing) or that are old; returns what was removed. Their age is ``clock.epoch()`` (the
    system's clock by default: the one that stamps the files) minus their modification time."""
    pattern = _temp_pattern(path)
    removed: list[Path] = []
    try:
        names = os.listdir(path.parent)
    except OSError:
        return removed
    now = (clock or SystemClock()).epoch()
    for name in names:
        match = pattern.match(name)
        if match is None:
            continue
        temp = path.parent / name
        pid = int(match.group(1))
        try:
            age = now - temp.stat().st_mtime
        except OSError:
            continue
        if not _alive(pid) or age > _STALE_AFTER:
            with suppress(OSError):
                os.unlink(temp)
                removed.append(temp)
    return removed


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill would end the process there: only the age tells
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process, or no way to tell: leave its file alone
    return True


def _write_temp(path: Path, payload: bytes, mode: int | None) -> Path:
    import secrets  # only writers need it (it pulls in hashlib and hmac: not at start-up)

    for _ in range(100):
        temp = path.parent / f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"
        try:
            # 0o666 minus the umask for a new file, like any file the user creates
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:  # pragma: no cover - 32 random bits
            continue
        break
    else:  # pragma: no cover
        raise FileExistsError(f"cannot create a temporary file in {path.parent}")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise
    return temp


def _replace_with(path: Path, payload: bytes, mode: int | None) -> None:
    temp = _write_temp(path, payload, mode)
    try:
        os.replace(temp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); best effort."""
    with suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


Signature = tuple[tuple[str, int, int, int], ...]


def folder_signature(folder: Path, suffix: str = ".toml") -> Signature:
    """What changes when a file with ``suffix`` in ``folder`` is added, removed, renamed or
    written (name, inode, size, modification time): one ``scandir`` and one ``stat`` per file,
    cheap enough to compare every few seconds."""
    found: list[tuple[str, int, int, int]] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if not entry.name.endswith(suffix) or entry.name.startswith("."):
                    continue
                try:
                    info = entry.stat()
                except OSError:
                    continue
                found.append((entry.name, info.st_ino, info.st_size, info.st_mtime_ns))
    except OSError:
        return ()
    return tuple(sorted(found))
