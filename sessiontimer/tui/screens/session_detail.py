"""One session from the history: when, how it ended, the check-ins, the note, and what became of
each step. Text the user wrote (the routine and step names, the note) is shown as plain text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from sessiontimer.core.base.durations import format_clock
from sessiontimer.core.base.text import clean_block, clean_line
from sessiontimer.core.history.records import FEEL_LABELS, LEG_LABELS, STATUS_LABELS, SessionRecord
from sessiontimer.core.session.outcome import StepOutcome
from sessiontimer.tui.screens.base import TimerScreen

if TYPE_CHECKING:
    from sessiontimer.core.history.store import Store

GONE_TEXT = "This session is not in the history any more."
REHEARSAL_TEXT = "yes: run faster to preview the routine; not counted in streaks or adherence"
_RESULTS = {  # result -> (mark, style)
    "done": ("✓", "green"),
    "partial": ("◐", "yellow"),
    "skipped": ("–", "dim"),
    "not reached": ("·", "dim"),
}


def moment_text(moment: datetime | None) -> str:
    """ "Sat 21 Nov 2026 09:00" (the time as recorded, in the offset it was recorded in)."""
    return moment.strftime("%a %d %b %Y %H:%M") if moment is not None else "—"


def status_text(record: SessionRecord) -> str:
    """How the session ended, in a sentence."""
    status = record.status
    if status == "completed":
        return "Completed: the routine ran to its end."
    if status == "stopped":
        text = "Safety stop"
        if record.stop_reason:
            text += f": {clean_line(record.stop_reason)}"
        if record.stop_step is not None:
            name = clean_line(record.stop_step_name or "")
            text += f", during step {record.stop_step + 1}" + (f" ({name})" if name else "")
        return text + "."
    if status == "left":
        return "Left early: the session was ended before its last step."
    if status == "skipped":
        return "Skipped: nothing was done, so it does not count."
    if status == "interrupted":
        text = "Interrupted: the app was closed or stopped during the session"
        if record.stop_reason:
            text += f" ({clean_line(record.stop_reason)})"
        return text + "."
    if status == "in_progress":
        return "Running now, in another sessiontimer window."
    return STATUS_LABELS.get(status, status)


def pair_text(before: str | None, after: str | None) -> str:
    """ "6 before, 4 after", or what was answered; "not answered" when neither was."""
    parts = [f"{value} {label}" for value, label in ((before, "before"), (after, "after")) if value]
    return ", ".join(parts) if parts else "not answered"


def leg_text(extent: str | None) -> str | None:
    return LEG_LABELS.get(extent, extent).lower() if extent else None


def result_text(outcome: StepOutcome) -> str:
    if outcome.result == "partial":
        return f"partly done ({outcome.work_done} of {outcome.work_total})"
    return outcome.result


def facts_table(record: SessionRecord) -> Table:
    """The facts as a two-column grid: label, value (values wrap under themselves)."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    rows: list[tuple[str, str]] = [
        ("Started", moment_text(record.started_at)),
        ("Ended", moment_text(record.ended_at) if record.ended_at else "not yet"),
        ("Active time", format_clock(record.active_seconds)),
        ("Segments", f"{record.segments_done} of {record.segments_total} done"),
    ]
    if record.rehearsal:
        rows.append(("Rehearsal", REHEARSAL_TEXT))
    rows.append(
        (
            "Pain (0–10)",
            pair_text(
                None if record.pain_before is None else str(record.pain_before),
                None if record.pain_after is None else str(record.pain_after),
            ),
        )
    )
    rows.append(
        ("Felt down to", pair_text(leg_text(record.leg_before), leg_text(record.leg_after)))
    )
    rows.append(
        (
            "How it felt",
            FEEL_LABELS.get(record.feel, record.feel) if record.feel else "not answered",
        )
    )
    note = clean_block(record.note)
    rows.append(("Note", note or "none"))
    for label, value in rows:
        grid.add_row(Text(label), Text(value))
    return grid


def steps_table(steps: Sequence[StepOutcome]) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)  # mark
    grid.add_column(justify="right", no_wrap=True, style="dim")  # number
    grid.add_column(ratio=1)  # name
    grid.add_column(no_wrap=True)  # result
    for outcome in steps:
        mark, style = _RESULTS.get(outcome.result, ("?", ""))
        grid.add_row(
            Text(mark, style=style),
            Text(f"{outcome.step + 1}."),
            Text(clean_line(outcome.name)),
            Text(result_text(outcome), style=style),
        )
    return grid


class SessionDetailScreen(TimerScreen):
    """One session in full. Escape or q goes back to the history."""

    DEFAULT_CSS = """
    SessionDetailScreen #detail {
        padding: 1 2;
    }

    SessionDetailScreen #detail Static {
        height: auto;
    }

    SessionDetailScreen #detail-title {
        color: $accent;
    }

    SessionDetailScreen #detail-status {
        margin: 0 0 1 0;
    }

    SessionDetailScreen #detail-status.stopped {
        color: $error;
        text-style: bold;
    }

    SessionDetailScreen #detail-status.interrupted, SessionDetailScreen #detail-status.left {
        color: $warning;
    }

    SessionDetailScreen #detail-facts {
        margin: 0 0 1 0;
    }
    """
    BINDINGS = [Binding("escape,q", "back", "Back")]

    def __init__(self, session_id: int) -> None:
        super().__init__()
        self.session_id = session_id
        self.record: SessionRecord | None = None
        self.steps: list[StepOutcome] = []
        self.problem: str | None = None

    def _load(self) -> None:
        def read(store: Store) -> tuple[SessionRecord | None, list[StepOutcome]]:
            record = store.session(self.session_id)
            return record, store.steps(self.session_id) if record is not None else []

        found, self.problem = self.ctx.read_history(read)
        if found is None:
            return
        self.record, self.steps = found
        if self.record is None:
            self.problem = GONE_TEXT

    def compose(self) -> ComposeResult:
        self._load()
        record = self.record
        with VerticalScroll(id="detail"):
            if record is None:
                yield Static(Text("Session", style="bold"), id="detail-title")
                yield Static(Text(self.problem or GONE_TEXT), id="detail-status")
            else:
                yield Static(Text(clean_line(record.routine_name), style="bold"), id="detail-title")
                yield Static(Text(status_text(record)), id="detail-status", classes=record.status)
                yield Static(facts_table(record), id="detail-facts")
                if self.steps:
                    yield Static(Text("Steps", style="bold"), id="detail-steps-title")
                    yield Static(steps_table(self.steps), id="detail-steps")
        yield Footer()

    def action_back(self) -> None:
        self.app.pop_screen()
