"""Home: the routines (name, total time, steps), broken ones with their first problem."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from sessiontimer.core.durations import format_clock
from sessiontimer.core.library import Entry
from sessiontimer.core.plan import build_plan
from sessiontimer.tui.commands import RoutineCommands

if TYPE_CHECKING:
    from sessiontimer.tui.app import SessionTimerApp


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "start", "Start", priority=True),
    ]
    COMMANDS = {RoutineCommands}

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Entry] = []

    @property
    def timer_app(self) -> SessionTimerApp:
        from sessiontimer.tui.app import SessionTimerApp

        assert isinstance(self.app, SessionTimerApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Routines — Enter starts the highlighted one", id="home-title")
        table: DataTable[Text] = DataTable(id="routines", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="home-problem")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        table = self.query_one("#routines", DataTable)
        table.clear(columns=True)
        table.add_columns("Routine", "Time", "Steps", "Per day", "Source")
        self.entries = self.timer_app.routines()
        for entry in self.entries:
            routine = entry.routine
            if routine is None:
                table.add_row(
                    Text(entry.name),
                    Text("—", justify="right"),
                    Text("—", justify="right"),
                    Text("—", justify="right"),
                    Text(f"{entry.source}, has errors", style="bold red"),
                    key=entry.id,
                )
                continue
            total = build_plan(routine).total_seconds
            table.add_row(
                Text(routine.name),
                Text(format_clock(total), justify="right"),
                Text(str(len(routine.steps)), justify="right"),
                Text(f"{routine.times_per_day}×", justify="right"),
                Text(entry.source),
                key=entry.id,
            )
        table.focus()

    def highlighted(self) -> Entry | None:
        table = self.query_one("#routines", DataTable)
        if not self.entries or table.cursor_row < 0:
            return None
        return self.entries[min(table.cursor_row, len(self.entries) - 1)]

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        entry = self.highlighted()
        problem = self.query_one("#home-problem", Static)
        if entry is not None and not entry.valid:
            problem.update(Text("\n".join(str(p) for p in entry.problems[:5]), style="red"))
        else:
            problem.update(Text(entry.routine.description if entry and entry.routine else ""))

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_start()

    def action_start(self) -> None:
        entry = self.highlighted()
        if entry is None:
            return
        if entry.routine is None:
            self.notify(
                f"{entry.id} has problems; fix them first ({len(entry.problems)} found)",
                severity="error",
                markup=False,
            )
            return
        self.timer_app.start_session(build_plan(entry.routine))
