"""A bulleted list whose wrapped lines hang under the text, not under the bullet."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static


class Bullets(Vertical):
    DEFAULT_CSS = """
    Bullets {
        height: auto;
        margin: 0 0 1 0;
    }
    Bullets > Horizontal {
        height: auto;
    }
    Bullets .bullet {
        width: 2;
        margin: 0;
    }
    Bullets .item {
        width: 1fr;
        margin: 0;
    }
    """

    def __init__(self, items: Iterable[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items = tuple(items)

    def compose(self) -> ComposeResult:
        for item in self.items:
            with Horizontal():
                yield Static("•", classes="bullet")
                yield Static(Text(item), classes="item")
