"""The everyday activities by week on the history screen (DESIGN.md section 11): a line on the
change, then the average and each activity, one column per rated week (the newest that fit).

A meaningful change from the first week (2 points on the average, 3 on one activity) is marked
▲ (up: easier) or ▼ (down: harder), in colour too but never by colour alone. Activity names are
the person's own words, shown as plain text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from sessiontimer.core.base.text import clean_line
from sessiontimer.core.insights.psfs import PsfsSeries, PsfsWeek, change_text, week_label
from sessiontimer.tui.widgets.heatmap import blended

NAME_WIDTH = 24  # characters of an activity's name
COLUMN = 8  # characters a week takes ("23 Nov", a mark and a space)
NOT_RATED = "·"
NONE_YET = "Everyday activities: none rated yet. The app asks on home about once a week."


def mark(change: float) -> str:
    return "▲" if change > 0 else "▼"


def cell(value: str, marked: str = "") -> str:
    return f"{value:>{COLUMN - 2}}{marked or ' '} "


class PsfsWeeks(Widget):
    """One widget (not one per line), so the history screen stays quick to open."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "psfs-weeks--up",
        "psfs-weeks--down",
        "psfs-weeks--label",
        "psfs-weeks--retired",
    }
    DEFAULT_CSS = """
    PsfsWeeks {
        height: auto;
        padding: 1 1 0 1;
    }
    PsfsWeeks > .psfs-weeks--up { color: $success; text-style: bold; }
    PsfsWeeks > .psfs-weeks--down { color: $warning; text-style: bold; }
    PsfsWeeks > .psfs-weeks--label { color: $text-muted; }
    PsfsWeeks > .psfs-weeks--retired { color: $text-muted; text-style: italic; }
    """

    def __init__(self, found: PsfsSeries, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.found = found

    def weeks_shown(self, width: int) -> list[PsfsWeek]:
        room = max((width - NAME_WIDTH) // COLUMN, 1)
        return self.found.weeks[-room:]

    def render(self) -> Text:
        found = self.found
        if not found.weeks:
            return Text(NONE_YET)
        styles = {
            name.removeprefix("psfs-weeks--"): blended(self, name)
            for name in self.COMPONENT_CLASSES
        }
        width = self.size.width or 80
        shown = self.weeks_shown(width)
        text = Text(change_text(found), no_wrap=False)
        text.append("\n")
        text.append(f"{'':<{NAME_WIDTH}}", styles["label"])
        for week in shown:
            text.append(cell(week_label(week.monday)), styles["label"])
        text.append("\n")
        text.append(f"{'Average':<{NAME_WIDTH}}", "bold")
        for week in shown:
            self._value(text, f"{week.average:.1f}", week.change if week.meaningful else 0, styles)
        for activity in found.activities:
            text.append("\n")
            name = clean_line(activity.name)
            if len(name) > NAME_WIDTH - 1:
                name = name[: NAME_WIDTH - 2] + "…"
            text.append(f"{name:<{NAME_WIDTH}}", "" if activity.active else styles["retired"])
            for week in shown:
                score = week.scores.get(activity.id)
                if score is None:
                    text.append(cell(NOT_RATED), styles["label"])
                else:
                    change = week.changes[activity.id] if week.meaningful_for(activity.id) else 0
                    self._value(text, str(score), change, styles)
        return text

    @staticmethod
    def _value(text: Text, value: str, change: float, styles: Mapping[str, Style]) -> None:
        if not change:
            text.append(cell(value))
            return
        style = styles["up" if change > 0 else "down"]
        text.append(cell(value, mark(change)), style)
