"""Saving the user's files (issue 6): all or nothing, permissions kept, one .bak, no temp files left,
even when the process dies between writing the new text and putting it in place."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.base.files import (
    backup_path,
    create_exclusively,
    remove_stale_temps,
    write_atomically,
)

OLD = b'# mine\nname = "Old"\n'
NEW = b'# mine\nname = "New"\n'


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_write_keeps_permissions_and_one_backup(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_bytes(OLD)
    os.chmod(path, 0o600)
    write_atomically(path, NEW)
    assert path.read_bytes() == NEW
    assert path.stat().st_mode & 0o777 == 0o600
    assert backup_path(path).read_bytes() == OLD
    assert backup_path(path).stat().st_mode & 0o777 == 0o600
    write_atomically(path, "third\n")
    assert backup_path(path).read_bytes() == NEW  # one .bak: the version before this one
    assert names(tmp_path) == ["r.toml", "r.toml.bak"]


def test_writing_the_same_text_keeps_the_older_backup(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_bytes(OLD)
    write_atomically(path, NEW)
    write_atomically(path, NEW)
    assert backup_path(path).read_bytes() == OLD


def test_a_new_file_has_no_backup(tmp_path: Path) -> None:
    write_atomically(tmp_path / "sub" / "r.toml", NEW)
    assert names(tmp_path / "sub") == ["r.toml"]


def test_a_symlink_is_written_through(tmp_path: Path) -> None:
    (tmp_path / "dotfiles").mkdir()
    real = tmp_path / "dotfiles" / "r.toml"
    real.write_bytes(OLD)
    link = tmp_path / "r.toml"
    link.symlink_to(real)
    write_atomically(link, NEW)
    assert link.is_symlink()
    assert real.read_bytes() == NEW


def test_interrupted_write_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.toml"
    path.write_bytes(OLD)

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(path, NEW, backup=False)
    assert path.read_bytes() == OLD
    assert names(tmp_path) == ["r.toml"]


CRASH = """\
import os, sys
from pathlib import Path
from sessiontimer.core.base import files

def crash(*args):
    os._exit(9)  # the process dies between writing the temp file and the replace

files.os.replace = crash
files.write_atomically(Path(sys.argv[1]), b"half-way", backup=False)
"""


def test_crash_between_write_and_replace(tmp_path: Path) -> None:
    """A process killed after writing the temp file and before ``os.replace``: the old file is
    intact, and the next save removes the temp file it left behind."""
    path = tmp_path / "r.toml"
    path.write_bytes(OLD)
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CRASH), str(path)], capture_output=True, timeout=60
    )
    assert done.returncode == 9, done.stderr
    assert path.read_bytes() == OLD
    left = [n for n in names(tmp_path) if n != "r.toml"]
    assert len(left) == 1 and left[0].startswith(".r.toml.") and left[0].endswith(".tmp")
    assert (tmp_path / left[0]).read_bytes() == b"half-way"
    write_atomically(path, NEW)
    assert path.read_bytes() == NEW
    assert names(tmp_path) == ["r.toml", "r.toml.bak"]


def test_temp_files_of_live_processes_are_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    mine = tmp_path / f".r.toml.{os.getpid()}-abcd1234.tmp"  # a write in progress here
    mine.write_bytes(b"x")
    other = tmp_path / ".other.toml.1-abcd1234.tmp"  # another file's
    other.write_bytes(b"x")
    assert remove_stale_temps(path) == []
    assert mine.exists() and other.exists()


def test_a_temp_file_is_old_by_the_clock_it_is_given(tmp_path: Path) -> None:
    """The age of a temp file is read off the injected clock: ten minutes after it was written
    it belongs to no write in progress, even one of a process that is still running."""
    path = tmp_path / "r.toml"
    mine = tmp_path / f".r.toml.{os.getpid()}-abcd1234.tmp"
    mine.write_bytes(b"x")
    written = mine.stat().st_mtime
    assert remove_stale_temps(path, FakeClock(epoch=written + 590)) == []
    assert mine.exists()
    assert remove_stale_temps(path, FakeClock(epoch=written + 610)) == [mine]
    assert not mine.exists()


def test_create_exclusively_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    create_exclusively(path, OLD)
    with pytest.raises(FileExistsError):
        create_exclusively(path, NEW)
    assert path.read_bytes() == OLD
    assert names(tmp_path) == ["r.toml"]
