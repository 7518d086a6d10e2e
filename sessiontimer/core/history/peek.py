"""A quick look into the history before the app is up, without the store: the steps a safety stop
left out of a routine, for ``run ROUTINE --no-checks``, whose session screen is made with the app
(the store and its imports come after the first frame).

Read-only, never creates the file, never raises: a missing, busy, damaged or older history reads
as "nothing left out" (the session's own recorder then says what is wrong with the file).
"""

from __future__ import annotations

from pathlib import Path


def left_out_steps(history: Path, routine: str) -> frozenset[str]:
    """The names of ``routine``'s steps left out now."""
    try:
        if not history.is_file():  # (no history yet: sqlite3 is not even loaded)
            return frozenset()
    except OSError:
        return frozenset()
    import sqlite3

    try:
        uri = history.resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=0.2)
    except (OSError, ValueError, sqlite3.Error):
        return frozenset()
    try:
        rows = conn.execute(
            "SELECT step_name FROM left_out_steps WHERE routine = ? AND restored_at IS NULL",
            (routine,),
        ).fetchall()
    except sqlite3.Error:
        return frozenset()
    finally:
        conn.close()
    return frozenset(str(name) for (name,) in rows)
