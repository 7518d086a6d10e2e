"""Words for the sit/stand break timer: pure functions of what the core's BreakTimer says."""

from __future__ import annotations

import math

from sessiontimer.core.base.durations import format_clock, spoken
from sessiontimer.core.breaks.events import BreakView, Phase
from sessiontimer.core.breaks.settings import BreakSettings
from sessiontimer.core.history.records import STANDING_GOAL_SECONDS, BreakDay

#: why to stand, in our words, from CLINICAL.md ("Sitting")
WHY_STAND = (
    "Long spells of sitting load the lower back. Standing up and moving for a few minutes "
    "every 20–30 minutes breaks them up."
)
GOAL = "Work up to 2 hours a day of standing and light activity during your working day."
AT_A_BREAK = "Stand up, walk a little, or press Enter for the desk routine."


def headline(view: BreakView) -> str:
    """The big label above the countdown."""
    if view.paused:
        return "BREAK TIMER PAUSED"
    if view.phase is Phase.DUE:
        return "WAITING FOR THE ROUTINE TO END" if view.held else "TIME TO STAND UP"
    return {
        Phase.SITTING: "SITTING — NEXT BREAK IN",
        Phase.SNOOZED: "SNOOZED — BREAK IN",
        Phase.STANDING: "STANDING — SIT AGAIN IN",
        Phase.OFF: "OUTSIDE WORKING HOURS",
    }[view.phase]


def detail(view: BreakView, settings: BreakSettings) -> str:
    """The line under the countdown: what happens next and which keys do what."""
    if view.phase is Phase.OFF:
        return f"No breaks are called until {view.resume_at}."
    if view.paused:
        return "Paused (a meeting?). Space goes on where it stopped."
    if view.phase is Phase.DUE:
        if view.held:
            return "A break is due; it is called when the routine ends."
        # the keys in words too: a small terminal's footer may not have room for them all
        if view.snoozes_left:
            left = view.snoozes_left
            snooze = f"s snoozes ({left} snooze{'s' if left != 1 else ''} left), "
        else:
            snooze = "(no snoozes left) "
        return f"{AT_A_BREAK} Stand for {spoken(settings.stand)}. {snooze}x skips."
    if view.phase is Phase.STANDING:
        if view.routine:
            return "Desk routine: standing ends when the routine and the standing time are done."
        return "Walk about, stretch, refill your water. x sits down now."
    if view.phase is Phase.SNOOZED:
        return f"Snoozed {view.snoozes} of {settings.max_snoozes}. Enter stands up now."
    return f"Then stand for {spoken(settings.stand)}. Enter takes a break now."


def panel_line(view: BreakView) -> str:
    """One line for the home screen."""
    clock = format_clock(view.seconds) if view.seconds is not None else ""
    if view.phase is Phase.OFF:
        text = f"Breaks: outside working hours, from {view.resume_at}"
    elif view.phase is Phase.DUE:
        text = (
            "Breaks: waiting for the routine to end" if view.held else "Breaks: time to stand up!"
        )
    elif view.phase is Phase.STANDING:
        text = f"Breaks: standing, sit again in {clock}"
    elif view.phase is Phase.SNOOZED:
        text = f"Breaks: snoozed, break in {clock}"
    else:
        text = f"Breaks: next in {clock}"
    if view.paused:
        text += " (paused)"
    return text


def today_line(day: BreakDay | None) -> str:
    """Today's breaks against the standing goal."""
    goal = STANDING_GOAL_SECONDS // 60
    if day is None:
        return f"Today: no breaks yet · standing 0 of {goal} min"
    parts = [f"{day.taken} taken"]
    if day.skipped or day.missed:
        parts.append(f"{day.skipped + day.missed} skipped")
    if day.snoozes:
        parts.append(f"{day.snoozes} snoozed")
    return f"Today: {', '.join(parts)} · standing {day.standing_seconds // 60} of {goal} min"


BARS = " ▁▂▃▄▅▆▇█"
BREAKS_FULL = 16  # breaks a day for a full bar: one every 30 minutes of an 8-hour day


def bars(values: list[int], full: int) -> str:
    """One column per value on a 0..full scale (a space for 0, a full block at ``full`` or more)."""
    top = len(BARS) - 1
    return "".join(BARS[min(top, math.ceil(value * top / full))] for value in values)


def standing_bars(days: list[BreakDay]) -> str:
    """One column per day on a 0 to 2 h scale (a full bar: the goal met)."""
    return bars([d.standing_seconds for d in days], STANDING_GOAL_SECONDS)


def break_history_lines(days: list[BreakDay]) -> list[str]:
    """The history screen's lines about breaks: today, then per day over the last weeks the
    standing time against the 2 h goal and the breaks taken, with the period's totals."""
    if not any(d.taken or d.skipped or d.missed or d.snoozes for d in days):
        return [
            f"Breaks: none recorded in the last {len(days)} days. "
            "The break timer (b on the home screen) calls them while the app is open."
        ]
    today = days[-1]
    taken = sum(d.taken for d in days)
    skipped = sum(d.skipped + d.missed for d in days)
    met = sum(d.standing_seconds >= STANDING_GOAL_SECONDS for d in days)
    answered = today.taken or today.skipped or today.missed
    return [
        "Breaks " + today_line(today if answered else None).replace("Today", "today", 1),
        f"Standing {standing_bars(days)}│ {len(days)} days; full bar 2 h, met on {met}",
        f"Breaks   {bars([d.taken for d in days], BREAKS_FULL)}│ {taken} taken, {skipped} skipped",
    ]


def home_today(day: BreakDay | None) -> str:
    """Today's breaks, short, for the home screen's line."""
    goal = STANDING_GOAL_SECONDS // 60
    if day is None:
        return f"today none yet, 0 of {goal} min standing"
    return f"today {day.taken} taken, {day.standing_seconds // 60} of {goal} min standing"
