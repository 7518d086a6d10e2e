"""The settings model: ``Config`` and its defaults, the allowed values, and what they mean for the
checks before a session (is the disclaimer or are the red-flag questions due?)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import field

from sessiontimer.core.base.value import value
from sessiontimer.core.breaks.settings import BreakSettings, WorkingHours

SOUNDS = ("speech", "bell", "off")
CHECKS = ("daily", "every", "off")
PSFS = (
    "weekly",
    "off",
)  # asking for the everyday activities' ratings on home (DESIGN.md section 11)

TOP_KEYS = ("theme", "sound", "checks", "psfs", "breaks", "seen")
SEEN_KEYS = ("disclaimer", "red_flags")
BREAK_KEYS = ("sit", "stand", "snooze", "max_snoozes", "routine", "working_hours", "sound")
MAX_SNOOZES = 10

_HOURS = re.compile(r"(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})", re.ASCII)


@value
class Config:
    theme: str | None = None  # None = the app's default theme
    sound: str = "speech"  # one of SOUNDS
    checks: str = "daily"  # one of CHECKS
    disclaimer_seen: dt.date | None = None
    red_flags_checked: dt.date | None = None
    breaks: BreakSettings = field(default_factory=BreakSettings)
    psfs: str = "weekly"  # one of PSFS


def red_flags_due(config: Config, today: dt.date) -> bool:
    """Should the red-flag questions be asked before a session today?"""
    if config.checks == "every":
        return True
    if config.checks == "off":
        return False
    return config.red_flags_checked != today


def disclaimer_due(config: Config) -> bool:
    """Has the first-run disclaimer never been read?"""
    return config.disclaimer_seen is None


def parse_working_hours(text: str) -> WorkingHours | None:
    """ "09:00-17:30" (or "22:00-06:00", across midnight; "24:00" ends a day), or None."""
    match = _HOURS.fullmatch(text.strip())
    if match is None:
        return None
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or m1 > 59 or m2 > 59 or h2 > 24 or (h2 == 24 and m2):
        return None
    try:
        return WorkingHours(h1 * 60 + m1, h2 * 60 + m2)
    except ValueError:
        return None
