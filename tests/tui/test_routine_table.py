"""Home's table of routines (one widget in place of Textual's DataTable): columns, the cursor, keys,
the mouse, and a list longer than the room."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from sessiontimer.tui.widgets.routine_table import RoutineTable


class TableApp(App[None]):
    CSS = "RoutineTable { height: 1fr; }"

    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows
        self.highlighted: list[str] = []
        self.selected: list[str] = []

    def compose(self) -> ComposeResult:
        yield RoutineTable(id="routines")

    def on_mount(self) -> None:
        table = self.query_one(RoutineTable)
        table.add_column("Routine")
        table.add_column("Time", key="time", width=6)
        for n in range(self.rows):
            table.add_row(Text(f"Routine {n}"), Text(f"{n}:00", justify="right"), key=f"r{n}")
        table.focus()

    def on_routine_table_row_highlighted(self, event: RoutineTable.RowHighlighted) -> None:
        self.highlighted.append(event.row_key)

    def on_routine_table_row_selected(self, event: RoutineTable.RowSelected) -> None:
        self.selected.append(event.row_key)


def lines(app: TableApp) -> list[str]:
    return str(app.query_one(RoutineTable).render()).splitlines()


async def test_columns_rows_and_the_cursor_keys() -> None:
    app = TableApp(5)
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        table = app.query_one(RoutineTable)
        shown = lines(app)
        assert shown[0].split() == ["Routine", "Time"]
        assert shown[1].startswith(" Routine 0") and shown[1].rstrip().endswith("0:00")
        await pilot.press("down", "down")
        assert table.cursor_row == 2
        await pilot.press("end")
        assert table.cursor_row == 4
        await pilot.press("home", "up")
        assert table.cursor_row == 0
        await pilot.pause()
        assert app.highlighted[0] == "r0" and "r2" in app.highlighted and "r4" in app.highlighted
        table.update_cell("r1", "time", Text("9:99", justify="right"))
        assert str(table.get_row("r1")[1]) == "9:99"
        assert [str(cell) for cell in table.get_row_at(1)] == ["Routine 1", "9:99"]


async def test_a_click_moves_the_cursor_and_a_second_click_selects() -> None:
    app = TableApp(5)
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        await pilot.click(RoutineTable, offset=(3, 3))  # the third row (the header is row 0)
        await pilot.pause()
        assert app.query_one(RoutineTable).cursor_row == 2
        assert app.selected == []
        await pilot.click(RoutineTable, offset=(3, 3))
        await pilot.pause()
        assert app.selected == ["r2"]


async def test_a_long_list_keeps_the_cursor_in_sight() -> None:
    app = TableApp(30)
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        assert lines(app)[-1].startswith(" Routine 29")
        await pilot.press("pageup")
        await pilot.pause()
        table = app.query_one(RoutineTable)
        assert f"Routine {table.cursor_row} " in "\n".join(lines(app)) + " "
        table.clear(columns=True)
        assert table.row_count == 0 and table.cursor_row == -1
