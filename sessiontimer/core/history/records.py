"""What the history holds: check-in answers and session records (plain data, no storage here).

The store (``history.py``) writes and reads these; the trends, the advice, the export and the
screens only read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

# How far down the leg symptoms reach, from the back (centralized) to the foot.
LEG_EXTENTS = ("back", "buttock", "thigh", "below_knee", "foot")
LEG_LABELS = {
    "back": "Back only",
    "buttock": "Buttock",
    "thigh": "Thigh",
    "below_knee": "Below the knee",
    "foot": "Foot",
}
# How the session felt (asked after it).
FEELS = ("easy", "about_right", "hard", "painful")
FEEL_LABELS = {"easy": "Easy", "about_right": "About right", "hard": "Hard", "painful": "Painful"}

# Statuses as stored. "in_progress" is a session still running (or one whose process was killed:
# it reads as "interrupted" once that process is gone).
# "skipped": it ended with no work done (a pack declined at its safety points, every step
# skipped); like "left", it earns no credit.
STATUSES = ("in_progress", "completed", "stopped", "left", "skipped", "interrupted")
STATUS_LABELS = {
    "in_progress": "running now",
    "completed": "completed",
    "stopped": "safety stop",
    "left": "left early",
    "skipped": "skipped",
    "interrupted": "interrupted",
}

PAIN_MAX = 10
NOTE_MAX = 2000  # characters kept of a note


def leg_rank(extent: str | None) -> int | None:
    """1 (back only) … 5 (foot): bigger is further down the leg."""
    if extent is None or extent not in LEG_EXTENTS:
        return None
    return LEG_EXTENTS.index(extent) + 1


@dataclass(frozen=True)
class CheckIn:
    """The answers of one check-in; every answer may be skipped (None / "")."""

    pain: int | None = None  # 0–10
    leg: str | None = None  # one of LEG_EXTENTS
    feel: str | None = None  # one of FEELS (after a session only)
    note: str = ""  # after a session only

    @property
    def empty(self) -> bool:
        return self.pain is None and self.leg is None and self.feel is None and not self.note


@dataclass(frozen=True)
class SessionRecord:
    """One session as the history holds it."""

    id: int
    routine: str  # routine id
    routine_name: str
    started_at: datetime  # timezone-aware (local offset when recorded)
    ended_at: datetime | None  # None while in progress
    day: date  # the local calendar day the session started on
    status: str  # one of STATUSES
    rehearsal: bool
    times_per_day: int  # the sessions a day that meet the prescription, when this one was done
    pain_before: int | None
    pain_after: int | None
    leg_before: str | None
    leg_after: str | None
    feel: str | None
    note: str
    segments_done: int
    segments_total: int
    active_seconds: float
    stop_reason: str | None
    stop_step: int | None  # 0-based step index of a safety stop
    stop_step_name: str | None
    resumed: bool = False  # resumed after an interruption (DESIGN.md section 6)

    @property
    def counts(self) -> bool:
        """Whether it counts toward adherence and streaks: completed, and not a rehearsal."""
        return self.status == "completed" and not self.rehearsal


@dataclass(frozen=True)
class DayTally:
    """One routine on one day: sessions done and completed (rehearsals left out)."""

    day: date
    routine: str
    times_per_day: int  # the largest prescription seen for it that day
    completed: int
    sessions: int


STANDING_GOAL_SECONDS = 2 * 60 * 60  # build to 2 h a day of standing and light activity at work


@dataclass(frozen=True)
class BreakDay:
    """The sit/stand breaks of one local day."""

    day: date
    taken: int  # stood up (with or without the desk routine), or away for a standing period
    away: int  # of those taken: the machine slept or the screen was locked
    skipped: int
    missed: int  # called and never answered before working hours ended
    snoozes: int
    standing_seconds: int
