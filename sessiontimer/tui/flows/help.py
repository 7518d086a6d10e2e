"""Help on every screen (DESIGN.md section 5): ``?`` opens this screen's keys and the safety page
(tui/screens/help.py), and closes it again.

Where ``?`` is a character typed into text (a note, the routine editor, the palette's search), it
goes into the text, and F1 opens the help instead: the key bar shows "F1 Help" there and "? Help"
everywhere else. The app holds the bindings (priority: they work over dialogs too) and asks here
whether each one works now. The session's clock stops while the help is over it
(``PausesForHelp``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from sessiontimer.tui.context import PausesForHelp

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

HELP_BINDINGS = [
    Binding("question_mark", "help", "Help", priority=True),
    Binding("f1", "help('f1')", "Help", priority=True),  # shown where ? is typed as text
    Binding("f1", "help", "Help", priority=True, show=False),  # works everywhere else
]


def typing_here(screen: Screen[Any]) -> bool:
    """The focused widget takes ``?`` as text (Textual asks it the same way, and then keeps the
    key from the app's bindings): a text input, the routine editor's text."""
    focused = screen.focused
    return focused is not None and focused.check_consume_key("question_mark", "?")


def help_key_works(screen: Screen[Any], parameters: tuple[object, ...]) -> bool:
    """``help`` (``?``, or the hidden F1) works unless ``?`` is typed here; ``help('f1')`` (the
    F1 that the key bar shows) only where it is."""
    typing = typing_here(screen)
    return typing if parameters else not typing


def open_help(app: App[Any]) -> None:
    """Open the help over the screen on top (or close it, when it is the one on top)."""
    from sessiontimer.tui.screens.help import HelpScreen, keys_for

    screen = app.screen
    if isinstance(screen, HelpScreen):
        screen.dismiss(None)
        return
    here, everywhere = keys_for(app, screen)
    help = HelpScreen(here, everywhere, stop=isinstance(screen, PausesForHelp))
    if isinstance(screen, PausesForHelp):
        help.note = screen.help_opened(help)
        app.push_screen(help, screen.help_closed)
    else:
        app.push_screen(help)
