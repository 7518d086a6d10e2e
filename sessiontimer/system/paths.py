"""Where config, routines and data live (DESIGN.md section 4)."""

from __future__ import annotations

import os
from pathlib import Path

APP = "sessiontimer"


def home() -> Path | None:
    """``SESSIONTIMER_HOME`` when set: it then holds everything."""
    value = os.environ.get("SESSIONTIMER_HOME", "").strip()
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    base = home()
    if base is not None:
        return base
    import platformdirs

    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def data_dir() -> Path:
    base = home()
    if base is not None:
        return base
    import platformdirs

    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def config_file() -> Path:
    return config_dir() / "config.toml"


def user_routines_dir() -> Path:
    return config_dir() / "routines"


def history_file() -> Path:
    return data_dir() / "history.sqlite3"


def builtin_routines_dir() -> Path:
    """The routines shipped with the package (``sessiontimer/routines`` in a wheel).

    In a source checkout (an editable install), they are the repository's top-level ``routines/``.
    """
    package = Path(__file__).resolve().parent.parent  # sessiontimer/, from sessiontimer/system/
    inside = package / "routines"
    if inside.is_dir():
        return inside
    return package.parent / "routines"


def schema_file() -> Path:
    return builtin_routines_dir() / "routine.schema.json"
