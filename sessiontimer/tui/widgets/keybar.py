"""The keys that work now, on one line at the bottom: Textual's compact Footer, as one widget.

Textual's Footer builds a widget per key, and builds them all again whenever the keys change (on
the session screen that is every time Space changes meaning). The session screen is the app's
first screen and runs all day, so it gets this: one widget that reads the screen's active
bindings when they change and draws them the way the compact Footer does (same colours, from the
theme's footer variables). A click on a key presses it.

With a ``lead`` it is two lines: that line (the session's "Pain spreading down your leg? Press
!") above the keys, so the two are docked at the foot together and stay on screen however short
the terminal is, at the cost of no extra widget.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

DIM = Style(dim=True)  # a key that does nothing now


class Key(NamedTuple):
    key: str  # the binding's key, e.g. "exclamation_mark"
    shown: str  # how it is shown, e.g. "!"
    description: str
    enabled: bool


class KeyBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--lead"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        text-wrap: nowrap;
        text-overflow: clip;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-bar--lead {
            color: $error;
            background: $background;
            text-style: bold;
        }
        &.-lead {
            height: 2;
        }
    }
    """

    def __init__(self, *, id: str | None = None, lead: str = "") -> None:
        super().__init__(id=id, classes="-lead" if lead else None)
        self.lead = lead  # a line above the keys (plain text), or ""
        self.keys: list[Key] = []  # what is shown, in order
        self._cells: list[tuple[int, int, Key]] = []  # where each key is drawn: [start, end)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        self.read_keys()

    def read_keys(self) -> None:
        """Read the keys shown now from the screen (one per action: ``n`` for "n,right")."""
        keys: list[Key] = []
        actions: set[str] = set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            shown = self.app.get_key_display(binding)
            keys.append(Key(binding.key, shown, binding.description, enabled))
        if keys != self.keys:
            self.keys = keys
            self.refresh()

    def render(self) -> Text:
        """The keys with their descriptions; in a narrow terminal the last keys lose theirs
        (last first) rather than the keys being cut off: "q Leave ?" at 60 columns."""
        width = self.content_region.width or self.size.width
        bare = 0  # keys at the end shown without their description
        while True:
            text = self._line(len(self.keys) - bare)
            if not width or text.cell_len <= width + 1 or bare >= len(self.keys):
                break
            bare += 1
        if not self.lead:
            return text
        lead = f" {self.lead}".ljust(width)
        return Text.assemble((lead, self.get_component_rich_style("key-bar--lead")), "\n", text)

    def _line(self, described: int) -> Text:
        """The line with the first ``described`` keys described (the others bare)."""
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        text = Text(no_wrap=True, overflow="crop", end="")
        self._cells = []
        for index, key in enumerate(self.keys):
            start = text.cell_len
            dim = DIM if not key.enabled else None
            text.append(key.shown, key_style + dim)
            if key.description and index < described:
                text.append(f" {key.description}", description_style + dim)
            self._cells.append((start, text.cell_len, key))
            text.append(" ")
        return text

    def on_click(self, event: events.Click) -> None:
        if self.lead and event.y < 1:  # the lead line is no key
            return
        for start, end, key in self._cells:
            if start <= event.x < end:
                if key.enabled:
                    self.app.simulate_key(key.key)
                else:
                    self.app.bell()
                return
