"""The history: the heat-map of the last weeks, the streak, pain before and after, whether leg
symptoms are moving up or down, advice from the record, the everyday activities by week (PSFS),
the sessions (Enter opens one), and ``r``: the report for the physiotherapist.

Everything comes from ``core.overview.history_view`` in a few small queries, read when the screen
is composed. To open fast with years of sessions the widgets are few (the heat-map is one widget,
the facts beside it another) and the table adds its rows a page at a time as they come into view.
Text the user wrote (routine names, notes, advice naming them) is shown as plain text, never as
markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Static

from sessiontimer.core.base.text import clean_line
from sessiontimer.core.history.records import STATUS_LABELS, SessionRecord
from sessiontimer.core.insights.overview import HistoryView, history_view
from sessiontimer.core.insights.trends import PainSummary
from sessiontimer.tui.break_text import break_history_lines
from sessiontimer.tui.screens.base import TimerScreen
from sessiontimer.tui.widgets.heatmap import Heatmap, blended
from sessiontimer.tui.widgets.psfs_weeks import PsfsWeeks

if TYPE_CHECKING:
    pass

EMPTY_TEXT = "No sessions yet — finish a routine and it shows up here."
BACK_HINT = "Press Escape to go back."
NO_PAIN_TEXT = "No pain scores yet: answer the check-in before and after a session."
BARS = "▁▂▃▄▅▆▇█"
PAIN_MAX = 10
ROUTINE_MIN_WIDTH = 10
DASH = "–"
COLUMNS = ("When", "Routine", "Status", "Done", "Pain")


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count:,} {word}s"


def title_text(view: HistoryView) -> str:
    """ "History · 128 sessions · Week 3 · Longer holds"."""
    parts = ["History", plural(view.total, "session")]
    if view.rehearsals:
        parts.append(plural(view.rehearsals, "rehearsal"))
    if view.week is not None:
        parts.append(f"Week {view.week.week} · {view.week.label}")
    if view.total + view.rehearsals > len(view.recent):
        parts.append(f"newest {len(view.recent)} listed")
    return " · ".join(parts)


def streak_text(streak: int) -> str:
    if streak == 0:
        return "Streak: 0 days — meet today's prescription to start one"
    return f"Streak: {plural(streak, 'day')}"


def met_text(view: HistoryView) -> str:
    """ "Prescription met on 40 of 78 days (12 weeks)"; in the first weeks, the days since the
    first session ("on 1 of 1 day since you started"), not the heat-map's 78."""
    days = sum(cell is not None for row in view.heatmap for cell in row)
    weeks = max((len(row) for row in view.heatmap), default=0)
    if view.first_day is not None and (view.today - view.first_day).days + 1 <= days:
        since = (view.today - view.first_day).days + 1
        return f"Prescription met on {view.met_days} of {plural(since, 'day')} since you started"
    return f"Prescription met on {view.met_days} of {days} days ({weeks} weeks)"


def pain_text(pain: PainSummary | None) -> str:
    """ "Last 10 sessions: pain 5.2 before, 3.9 after"."""
    if pain is None:
        return NO_PAIN_TEXT
    which = "Last session" if pain.sessions == 1 else f"Last {pain.sessions} sessions"
    return f"{which}: pain {pain.before:.1f} before, {pain.after:.1f} after"


def when_text(moment: datetime, today: date, short: bool = False) -> str:
    """ "Sat 21 Nov 09:00" this year, "21 Nov 2025 09:00" before (the time as recorded);
    ``short`` (a narrow terminal): "21 Nov 09:00", "21/11/25 09:00"."""
    if moment.year == today.year:
        return moment.strftime("%d %b %H:%M" if short else "%a %d %b %H:%M")
    return moment.strftime("%d/%m/%y %H:%M" if short else "%d %b %Y %H:%M")


def pain_pair(before: int | None, after: int | None) -> str:
    """ "6→4", "6→–", "–" when neither was answered."""
    if before is None and after is None:
        return DASH
    return f"{DASH if before is None else before}→{DASH if after is None else after}"


def status_cell(record: SessionRecord, short: bool = False) -> Text:
    """ "completed", "completed · rehearsal" (``short``, a narrow terminal: "rehearsal")."""
    label = STATUS_LABELS.get(record.status, record.status)
    if record.rehearsal and short and record.status != "stopped":
        return Text("rehearsal", style="italic")
    text = Text(label, style="bold red" if record.status == "stopped" else "")
    if record.rehearsal:
        text.append(" · rehearsal", style="italic")
    return text


def bar(pain: int | None) -> str:
    """One column of the pain chart on a fixed 0–10 scale; a dot for a skipped answer."""
    if pain is None:
        return "·"
    level = min(max(pain, 0), PAIN_MAX)
    return BARS[round(level * (len(BARS) - 1) / PAIN_MAX)]


class HistoryFacts(Widget):
    """Beside the heat-map: the streak, the days met, pain before and after over the last
    sessions as two rows of bars, their averages in words, and the centralization line.

    One widget (not one per line), so the screen opens fast. The bars are one column per
    session, oldest first, on the same fixed 0–10 scale for both rows so they can be compared
    (a dot where the answer was skipped); as many of the newest as fit the width.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "history-facts--streak",
        "history-facts--before",
        "history-facts--after",
        "history-facts--label",
        "history-facts--skipped",
        "history-facts--centralizing",
        "history-facts--spreading",
        "history-facts--steady",
    }
    DEFAULT_CSS = """
    HistoryFacts {
        width: 1fr;
        height: auto;
        padding: 1 0 0 0;
    }
    HistoryFacts > .history-facts--streak {
        color: $success;
        text-style: bold;
    }
    HistoryFacts > .history-facts--before {
        color: $warning;
    }
    HistoryFacts > .history-facts--after {
        color: $success;
    }
    HistoryFacts > .history-facts--label {
        color: $text-muted;
    }
    HistoryFacts > .history-facts--skipped {
        color: $foreground 30%;
    }
    HistoryFacts > .history-facts--centralizing {
        color: $success;
    }
    HistoryFacts > .history-facts--spreading {
        color: $warning;
        text-style: bold;
    }
    HistoryFacts > .history-facts--steady {
        color: $text-muted;
    }
    """
    LABELS = ("Pain before ", "Pain after  ")

    def __init__(self, view: HistoryView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = view

    def chart_rows(self, width: int | None = None) -> list[str]:
        """The two rows of bars as plain text, the newest sessions that fit ``width``."""
        pains = self.view.pains
        if width is not None:
            pains = pains[-max(width - len(self.LABELS[0]), 1) :]
        return [
            label + "".join(bar(pair[row]) for pair in pains)
            for row, label in enumerate(self.LABELS)
        ]

    def render(self) -> Text:
        view = self.view
        styles = {
            name.removeprefix("history-facts--"): blended(self, name)
            for name in self.COMPONENT_CLASSES
        }
        text = Text()
        text.append(streak_text(view.streak), styles["streak"])
        text.append("\n" + met_text(view) + "\n")
        if view.pains:
            room = max(self.size.width - len(self.LABELS[0]), 1)
            shown = view.pains[-room:]
            for row, part in enumerate(("before", "after")):
                text.append("\n")
                text.append(self.LABELS[row], styles["label"])
                for pair in shown:
                    value = pair[row]
                    text.append(bar(value), styles["skipped" if value is None else part])
        else:
            text.append("\n")
        text.append("\n" + pain_text(view.pain))
        direction = view.centralization.direction
        text.append("\n")
        text.append(view.centralization.text, styles.get(direction, styles["steady"]))
        return text


Row = tuple[str, Sequence[Text]]  # key (the session id), cells


class SessionTable(DataTable[Text]):
    """The sessions, newest first. Rows are added a page at a time as the cursor or the scrolling
    nears the last one added, so only what is looked at is measured and drawn (the screen opens
    fast with the full list of 200)."""

    BINDINGS = [Binding("enter", "select_cursor", "Details")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.pending: list[Row] = []
        self._adding = False

    def load(self, rows: Sequence[Row], first: int) -> None:
        """Add the first ``first`` rows now, the others when they are about to be seen."""
        self.pending = list(rows)
        self.more(first)

    def more(self, count: int) -> None:
        chunk, self.pending = self.pending[:count], self.pending[count:]
        self._adding = True  # adding a row can move the cursor: no more from in here
        try:
            for key, cells in chunk:
                self.add_row(*cells, key=key)
        finally:
            self._adding = False

    def _near_the_end(self, row: float) -> None:
        page = max(self.size.height, 10)
        if self.pending and not self._adding and row >= self.row_count - page:
            self.more(2 * page)

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        self._near_the_end(new.row)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._near_the_end(new + self.size.height)

    def action_scroll_bottom(self) -> None:
        self.more(len(self.pending))  # ctrl+end: the oldest listed
        super().action_scroll_bottom()


class HistoryScreen(TimerScreen):
    """What was done and how the pain changed. Enter opens a session; Escape or q goes back."""

    DEFAULT_CSS = """
    HistoryScreen #history-title {
        padding: 0 1;
        height: 1;
    }
    HistoryScreen #history-head {
        height: auto;
        max-height: 65%;
        scrollbar-size-vertical: 1;
    }
    HistoryScreen #advice {
        padding: 0 1;
        height: auto;
        color: $warning;
    }
    HistoryScreen #history-top {
        height: auto;
        padding: 0 1;
    }
    HistoryScreen #heatmap {
        margin: 0 3 0 0;
    }
    HistoryScreen #sessions {
        height: 1fr;
        min-height: 4;
    }
    HistoryScreen #history-empty {
        padding: 1 2;
    }
    HistoryScreen #history-empty Static {
        margin: 0 0 1 0;
        padding: 0;
    }
    HistoryScreen #break-history {
        padding: 0 1;
        height: auto;
    }
    """
    BINDINGS = [Binding("escape,q", "back", "Back"), Binding("r", "report", "Report")]

    def __init__(self) -> None:
        super().__init__()
        self.view: HistoryView | None = None
        self.problem: str | None = None

    def _load(self) -> None:
        app = self.ctx
        self.view, self.problem = app.read_history(lambda store: history_view(store, app.today()))

    def compose(self) -> ComposeResult:
        self._load()
        view = self.view
        if view is None or not view.recent:
            with Vertical(id="history-empty"):
                yield Static(Text("History", style="bold"), id="history-title")
                message = self.problem or EMPTY_TEXT
                yield Static(Text(message), id="history-message")
                if view is not None:
                    yield self._breaks(view)
                yield Static(Text(BACK_HINT, style="dim"), id="history-hint")
            yield Footer()
            return
        yield Static(Text(title_text(view), style="bold"), id="history-title")
        # Above the table; it scrolls on its own when the terminal is small.
        with VerticalScroll(id="history-head"):
            if view.advice:
                advice = Text("\n".join(f"▲ {a.text}" for a in view.advice), style="bold")
                yield Static(advice, id="advice")
            with Horizontal(id="history-top"):
                yield Heatmap(view.heatmap, view.month_labels, id="heatmap")
                yield HistoryFacts(view, id="history-facts")
            if view.function is not None:
                yield PsfsWeeks(view.function, id="psfs-weeks")
            yield self._breaks(view)
        yield SessionTable(id="sessions")
        yield Footer()

    def _breaks(self, view: HistoryView) -> Static:
        """The sit/stand breaks: today, standing per day over the last weeks, the totals."""
        return Static(Text("\n".join(break_history_lines(view.breaks))), id="break-history")

    def on_mount(self) -> None:
        if self.view is None or not self.view.recent:
            return
        table = self.query_one("#sessions", SessionTable)
        self._fill(table, self.view)
        table.focus()

    def _fill(self, table: SessionTable, view: HistoryView) -> None:
        room = table.size.width or self.app.size.width
        for short in (False, True):  # in a narrow terminal, shorter dates and statuses
            rows = [
                (
                    Text(when_text(r.started_at, view.today, short)),
                    Text(clean_line(r.routine_name), overflow="ellipsis", no_wrap=True),
                    status_cell(r, short),
                    Text(f"{r.segments_done}/{r.segments_total}", justify="right"),
                    Text(pain_pair(r.pain_before, r.pain_after), justify="center"),
                )
                for r in view.recent
            ]
            widths = [
                max(len(label), *(row[column].cell_len for row in rows))
                for column, label in enumerate(COLUMNS)
            ]
            # The routine column takes the room the others leave (padding 2 each, a scrollbar 2)
            others = sum(width + 2 for column, width in enumerate(widths) if column != 1)
            if others + ROUTINE_MIN_WIDTH + 2 + 2 <= room:
                break
        widths[1] = max(min(widths[1], room - others - 2 - 2), ROUTINE_MIN_WIDTH)
        for label, width in zip(COLUMNS, widths, strict=True):
            table.add_column(label, width=width, key=label.lower())
        keyed = [(str(record.id), row) for record, row in zip(view.recent, rows, strict=True)]
        table.load(keyed, first=max(self.app.size.height, 10))  # the rest as they come into view

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from sessiontimer.tui.screens.session_detail import SessionDetailScreen

        if event.row_key.value is not None:
            self.app.push_screen(SessionDetailScreen(int(event.row_key.value)))

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_report(self) -> None:
        """The report for the physiotherapist, written and opened (history_report.py)."""
        from sessiontimer.tui.screens.history_report import report_and_open

        self.notify("Writing the report…", title="Report", timeout=3)
        self.run_worker(lambda: report_and_open(self), thread=True, exclusive=True, group="report")
