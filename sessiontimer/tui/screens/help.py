"""Help (``?`` on every screen, F1 where ``?`` is typed as text): the keys of the screen below, as
its bindings say (Textual's ``active_bindings``: the ones that work now, dim when they do nothing
at the moment), the keys that work everywhere, then the safety page (core/session/safety_page.py):
the red flags, when to contact a doctor the same day, habits between sessions, the flare-up list.

It scrolls when the terminal is short; Escape, q or ? close it. Over a session, ``!`` is the safety
stop here too (tui/flows/help.py opens it and tells the session)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from sessiontimer.core.session.safety_page import EMERGENCY, SAFETY_PAGE
from sessiontimer.tui.widgets.bullets import Bullets

if TYPE_CHECKING:
    from textual.app import App

# How a key is named here: in words a person looks for on the keyboard.
KEY_NAMES = {
    "enter": "Enter",
    "escape": "Esc",
    "space": "Space",
    "tab": "Tab",
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "exclamation_mark": "!",
    "question_mark": "?",
}
# Actions whose description is not the words to show here.
DESCRIPTIONS = {
    "command_palette": "Command palette: routines, theme, quit",
    "help": "This help: the keys and the safety page",
    "help('f1')": "This help: the keys and the safety page",
}


# Every Textual screen's own keys (focus moves, copy): not this app's, and not what help is for.
TEXTUAL_SCREEN_ACTIONS = {b.action for b in Screen.BINDINGS if isinstance(b, Binding)}


class KeyLine(NamedTuple):
    keys: str  # "n or →"
    description: str
    enabled: bool  # False: it does nothing at the moment


def key_name(binding: Binding) -> str:
    """ "Enter", "→", "F1", "ctrl+q", "n"."""
    if binding.key_display:
        return binding.key_display
    modifiers, key = binding.parse_key()
    name = KEY_NAMES.get(key, key.upper() if key[:1] == "f" and key[1:].isdigit() else key)
    return "+".join([*modifiers, name])


def key_lines(bindings: Iterable[ActiveBinding]) -> list[KeyLine]:
    """One line per thing a key does: the keys that do it ("n or →"), in the bindings' order."""
    keys: dict[str, list[str]] = {}
    enabled: dict[str, bool] = {}
    for active in bindings:
        binding = active.binding
        description = DESCRIPTIONS.get(binding.action, binding.description)
        if not description:
            continue  # (no words for it: scrolling keys, the system's own)
        names = keys.setdefault(description, [])
        if key_name(binding) not in names:
            names.append(key_name(binding))
        enabled[description] = enabled.get(description, False) or active.enabled
    return [KeyLine(" or ".join(names), d, enabled[d]) for d, names in keys.items()]


def keys_for(app: App[Any], screen: Screen[Any]) -> tuple[list[KeyLine], list[KeyLine]]:
    """The keys of ``screen`` (its own, and what its focused widget shows in the key bar), and the
    app's keys, which work on every screen."""
    own: list[ActiveBinding] = []
    everywhere: list[ActiveBinding] = []
    for active in screen.active_bindings.values():
        if active.node is app:
            everywhere.append(active)
        elif active.binding.action in TEXTUAL_SCREEN_ACTIONS:
            continue
        elif isinstance(active.node, Screen) or active.binding.show:
            own.append(active)
    if not everywhere:  # a dialog: the app's keys work over it, but are not among its own
        below = next(s for s in reversed(app.screen_stack) if not s.is_modal)
        everywhere = [a for a in below.active_bindings.values() if a.node is app]
    return key_lines(own), key_lines(everywhere)


def key_table(lines: list[KeyLine]) -> Text:
    width = max((len(line.keys) for line in lines), default=0)
    text = Text(end="")
    for index, line in enumerate(lines):
        if index:
            text.append("\n")
        dim = "" if line.enabled else " dim"
        text.append(line.keys.ljust(width), "bold" + dim)
        text.append(f"  {line.description}", dim.strip())
    return text


class HelpScreen(ModalScreen[str]):
    """Dismissed with None (Escape, q, ? or F1) or "stop" (``!``, offered over a session)."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    #help-box {
        width: 100%;
        max-width: 100;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        background: $surface;
    }
    #help {
        height: auto;
        max-height: 100%;  /* of the box: a short terminal scrolls the page */
        padding: 0 1;
    }
    #help Static {
        margin: 0 0 1 0;
    }
    #help Bullets Static, #help .help-lead {
        margin: 0;
    }
    #help > .help-last {
        margin: 0;
    }
    #help .help-title {
        color: $accent;
        text-style: bold;
        margin: 0;
    }
    #help .help-emergency {
        color: $error;
    }
    #help .help-note {
        color: $warning;
        text-style: bold;
    }
    """

    BINDINGS = [
        Binding("escape,q", "close", "Close"),
        Binding("exclamation_mark", "close('stop')", "Stop: pain"),
    ]

    def __init__(
        self, here: list[KeyLine], everywhere: list[KeyLine], *, stop: bool = False
    ) -> None:
        super().__init__()
        self.here = here
        self.everywhere = everywhere
        self.stop = stop  # over a session: ! stops it
        self.note = ""  # what the screen below says about itself (the session: paused)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"), VerticalScroll(id="help"):
            if self.note:
                yield Static(Text(self.note), classes="help-note")
            yield Static(Text("Keys on this screen"), classes="help-title")
            yield Static(key_table(self.here) if self.here else Text("None of its own."))
            yield Static(Text("Keys on every screen"), classes="help-title")
            yield Static(key_table(self.everywhere))
            for section in SAFETY_PAGE:
                title = "help-title help-emergency" if section is EMERGENCY else "help-title"
                yield Static(Text(section.title), classes=title)
                yield Static(Text(section.lead), classes="help-lead")
                yield Bullets(section.points)
                if section.after:
                    yield Static(Text(section.after))
            yield Static(
                Text("Pain spreading down your leg? Press ! to stop the session.", style="bold")
                if self.stop
                else Text("This app times exercises: it never diagnoses.", style="dim"),
                classes="help-last",
            )
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#help-box")
        box.border_title = "Help: keys and safety"
        box.border_subtitle = "↑ ↓ PgUp PgDn scroll · Esc closes"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close" and parameters:
            return self.stop  # ! only over a session
        return True

    def action_close(self, answer: str | None = None) -> None:
        self.dismiss(answer)
