"""Home's list of routines: a table drawn as one widget, with a row cursor.

It answers the part of Textual's DataTable that home uses (columns, rows by key, ``update_cell``,
``move_cursor``, ``cursor_row``, ``get_row``; RowHighlighted and RowSelected messages) and looks
like it (a bold header, zebra rows, the cursor row in the cursor's colours). DataTable is a
general, scrolling, cell-cached grid; for a dozen routines it cost home's start-up about a third
of its time beyond a bare Textual app (its import, its styles and drawing every cell), and home is
the app's first screen (DESIGN.md section 7: start-up within 1.15x of bare Textual).

Rows scroll when there are more than fit: the cursor is always in sight. A click on a row moves the
cursor there; a click on the cursor's row selects it (as Enter does).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget

PADDING = 1  # cells each side of a cell's text


@dataclass
class _Column:
    key: str
    label: str
    width: int | None  # None: as wide as its widest cell


class RoutineTable(Widget, can_focus=True):
    COMPONENT_CLASSES = {"routine-table--header", "routine-table--even", "routine-table--cursor"}
    DEFAULT_CSS = """
    RoutineTable {
        background: $surface;
        color: $foreground;
        height: auto;
        text-wrap: nowrap;
        text-overflow: clip;
        & > .routine-table--header { text-style: bold; background: $panel; }
        & > .routine-table--even { background: $surface-lighten-1 50%; }
        & > .routine-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """
    BINDINGS = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "cursor(-1000000)", show=False),
        Binding("end", "cursor(1000000)", show=False),
    ]

    class RowHighlighted(Message):
        """The cursor moved to another row."""

        def __init__(self, table: RoutineTable, cursor_row: int, row_key: str) -> None:
            super().__init__()
            self.table = table
            self.cursor_row = cursor_row
            self.row_key = row_key

    class RowSelected(RowHighlighted):
        """A click on the cursor's row."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._columns: list[_Column] = []
        self._keys: list[str] = []  # row keys, in order
        self._rows: dict[str, list[Text]] = {}
        self._cursor = 0
        self._top = 0  # the first row in sight

    # -- what home asks of it (DataTable's names) ---------------------------------------------------
    @property
    def cursor_row(self) -> int:
        return self._cursor if self._keys else -1

    @property
    def row_count(self) -> int:
        return len(self._keys)

    def clear(self, columns: bool = False) -> None:
        self._keys, self._rows = [], {}
        self._cursor = self._top = 0
        if columns:
            self._columns = []
        self.refresh(layout=True)

    def add_column(self, label: str, *, key: str | None = None, width: int | None = None) -> str:
        key = key or label
        self._columns.append(_Column(key, label, width))
        return key

    def add_row(self, *cells: Text, key: str) -> str:
        self._keys.append(key)
        self._rows[key] = list(cells)
        self.refresh(layout=True)
        if len(self._keys) == 1:
            self._highlighted()
        return key

    def update_cell(self, row_key: str, column_key: str, value: Text) -> None:
        column = next(i for i, c in enumerate(self._columns) if c.key == column_key)
        self._rows[row_key][column] = value
        self.refresh()

    def get_row(self, row_key: str) -> list[Text]:
        return list(self._rows[row_key])

    def get_row_at(self, index: int) -> list[Text]:
        return self.get_row(self._keys[index])

    def move_cursor(self, *, row: int) -> None:
        if not self._keys:
            return
        row = min(max(row, 0), len(self._keys) - 1)
        if row != self._cursor:
            self._cursor = row
            self._highlighted()
        self._keep_in_sight()
        self.refresh()

    # -- keys and the mouse -------------------------------------------------------------------------
    def action_cursor(self, by: int) -> None:
        self.move_cursor(row=self._cursor + by)

    def action_page(self, direction: int) -> None:
        self.move_cursor(row=self._cursor + direction * max(1, self._room() - 1))

    def on_click(self, event: events.Click) -> None:
        row = self._top + event.y - 1  # (the header is the first line)
        if event.y < 1 or not 0 <= row < len(self._keys):
            return
        if row == self._cursor:
            self.post_message(self.RowSelected(self, row, self._keys[row]))
        else:
            self.move_cursor(row=row)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._scroll(1)
        event.stop()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._scroll(-1)
        event.stop()

    def _scroll(self, by: int) -> None:
        top = min(max(self._top + by, 0), max(0, len(self._keys) - self._room()))
        if top != self._top:
            self._top = top
            self.move_cursor(row=min(max(self._cursor, top), top + self._room() - 1))

    def _highlighted(self) -> None:
        self.post_message(self.RowHighlighted(self, self._cursor, self._keys[self._cursor]))

    def _room(self) -> int:
        """Rows in sight (below the header)."""
        return max(1, (self.size.height or len(self._keys) + 1) - 1)

    def _keep_in_sight(self) -> None:
        room = self._room()
        if self._cursor < self._top:
            self._top = self._cursor
        elif self._cursor >= self._top + room:
            self._top = self._cursor - room + 1

    def on_resize(self) -> None:
        self._keep_in_sight()

    # -- drawing ------------------------------------------------------------------------------------
    def _widths(self) -> list[int]:
        widths = []
        for index, column in enumerate(self._columns):
            if column.width is not None:
                widths.append(column.width)
            else:
                cells = (self._rows[key][index].cell_len for key in self._keys)
                widths.append(max([len(column.label), *cells]))
        return widths

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self._keys) + 1

    def render(self) -> Text:
        width = self.size.width
        widths = self._widths()
        header = self.get_component_rich_style("routine-table--header")
        lines = [self._line([Text(c.label) for c in self._columns], widths, header, width)]
        room = self._room()
        even = self.get_component_rich_style("routine-table--even")
        cursor = self.get_component_rich_style("routine-table--cursor")
        for row in range(self._top, min(self._top + room, len(self._keys))):
            if row == self._cursor and self.has_focus:
                style = cursor
            else:
                style = even if row % 2 else Style()
            lines.append(self._line(self._rows[self._keys[row]], widths, style, width, row))
        return Text("\n", end="").join(lines)

    def _line(
        self, cells: list[Text], widths: list[int], style: Style, width: int, row: int = -1
    ) -> Text:
        line = Text(style=style, end="")
        pad = " " * PADDING
        for cell, cell_width in zip(cells, widths, strict=False):
            text = cell.copy()
            text.truncate(cell_width, overflow="ellipsis")
            if cell.justify == "right":
                text.pad_left(cell_width - text.cell_len)
            else:
                text.pad_right(cell_width - text.cell_len)
            if row == self._cursor and self.has_focus:
                text.stylize(style)  # the cursor's colours over the cell's own
            line.append(pad)
            line.append_text(text)
            line.append(pad)
        if line.cell_len < width:
            line.append(" " * (width - line.cell_len))
        return line

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
