"""Every use of a private (underscore) name of Textual, in one place.

Textual's public API has no way to do what each function here does; each says which Textual
version it was checked on and why. ``tests/tui/test_textual_compat.py`` and
``tests/tui/test_textual_bugs.py`` assert that every private name used here still exists with the
signature we call, so a Textual release that removes one fails the tests the same day instead
of failing a user.

No other module of sessiontimer touches a private name of Textual (or of any other library).
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual import constants
from textual._xterm_parser import XTermParser  # private: see PasteSafeXTermParser
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette
from textual.screen import Screen
from textual.theme import ThemeProvider

if TYPE_CHECKING:
    from textual.driver import Driver
    from textual.events import ScreenResume
    from textual.message import Message
    from textual.widgets import Footer

CHECKED_ON = "8.2.8"  # the Textual version every workaround below was checked on

ReturnType = TypeVar("ReturnType")


# -- 1. PageUp/PageDown in a command palette whose list is not laid out yet ------------------------
#
# Textual 8.2.8: OptionList._move_page (widgets/_option_list.py, line 1002) reads
# ``self._index_to_line[self.highlighted or 0]``. That table is filled by _update_lines, which
# returns without filling it while the list has no size (``if not self.scrollable_content_region``,
# line 812). The palette's list (CommandList, ``height: auto``) has no height until a layout after
# its first options: the palette hides it all (``#--container { display: none; }``) until the
# end of its first search, and the options are added and the first one highlighted in one go
# (command.py, _refresh_command_list, line 1038). A PageUp/PageDown before the next layout (ctrl+p
# then PageDown at once, as a terminal delivers two keys in one read) raises KeyError: 0, and the
# app ends. (OptionList.scroll_to_highlight catches that KeyError, line 953; _move_page does not.)
#
# Public API only: the palette's own PageUp/PageDown bindings are replaced (a subclass's BINDINGS
# replace its base's for the same key) by an action that pages once the list has a size.


class PageSafeCommandPalette(CommandPalette):
    """Textual's command palette, whose PageUp/PageDown wait for the list to be laid out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "page_commands('down')", "Next page", show=False),
        Binding("pageup", "page_commands('up')", "Previous page", show=False),
    ]

    def action_page_commands(self, direction: str) -> None:
        if not self._page_commands(direction):  # no size yet: after the next layout
            self.call_after_refresh(self._page_commands, direction)

    def _page_commands(self, direction: str) -> bool:
        """Page the list when it has a size (else nothing); say whether it had one (or the
        palette is gone, or has no list yet: nothing to page)."""
        lists = self.query(CommandList)
        if not self.is_current or not lists:
            return True
        commands = lists.first()
        if not commands.scrollable_content_region:
            return False
        if direction == "down":
            commands.action_page_down()  # type: ignore[no-untyped-call]  # untyped in Textual
        else:
            commands.action_page_up()  # type: ignore[no-untyped-call]
        return True


class TextualBugWorkarounds(App[ReturnType]):
    """An App with the workarounds of this module in place: the command palettes of ctrl+p and of
    the Theme command are PageSafeCommandPalettes, and the terminal's input is read through
    PasteSafeXTermParser.

    The two palette methods are Textual 8.2.8's own, with the class changed. Textual's App makes
    a CommandPalette in three places (tests/tui/test_textual_bugs.py checks): these two, and
    search_commands, which sessiontimer does not call."""

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(PageSafeCommandPalette(id="--command-palette"))

    def search_themes(self) -> None:
        self.push_screen(
            PageSafeCommandPalette(providers=[ThemeProvider], placeholder="Search for themes…")
        )

    def get_driver_class(self) -> type[Driver]:
        driver_class = super().get_driver_class()
        guard_pastes()
        return driver_class


# -- 2. An ESC inside a bracketed paste ------------------------------------------------------------
#
# Textual 8.2.8, _xterm_parser.py, XTermParser.parse: inside a bracketed paste only the character
# read at the top of the loop goes into the paste (lines 218-219). An ESC starts the escape-sequence
# loop (line 240), whose characters are never added to the paste; the sequence is then given out
# as key presses: at the next ESC (lines 250-252, "\x1bdef" -> ^ d e f), after ESCAPE_DELAY
# (243-244), past 32 characters (256-257); an ESC alone is the escape key (235-236). Only the
# key lookup is skipped while pasting (line 286). So the text after a pasted ESC is typed as keys,
# before the Paste event with the text before it: "abc\x1b" + the end of the paste is the escape
# key (the routine editor closed), "x\x1by" is the key y (a red-flag question answered).
#
# The workaround takes every ESC out of a paste's text before the parser sees it (as xterm and
# alacritty do with what they paste): PasteGuard, public API only. There is no public way to give
# Textual's driver a parser: LinuxDriver.run_input_thread makes its own with
# ``XTermParser(self._debug)``, the name looked up in textual.drivers.linux_driver, so guard_pastes
# points that name at PasteSafeXTermParser, a subclass of the private XTermParser whose public
# ``feed`` runs the input through a PasteGuard first. Checked on Textual 8.2.8.

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
ESC = "\x1b"


def _partial_marker(text: str, marker: str) -> str:
    """The longest end of ``text`` that is a start of ``marker`` (shorter than it), or ""."""
    for size in range(min(len(marker) - 1, len(text)), 0, -1):
        if text.endswith(marker[:size]):
            return text[-size:]
    return ""


class PasteGuard:
    """Takes every ESC out of the text of a bracketed paste, keeping the paste's start and end.

    Feed it the terminal's input as it comes; what it returns goes to the parser. Outside a paste
    the input is passed on unchanged (a lone ESC still reaches the parser at once: the escape key).
    Inside one, the end of an input that may be the start of PASTE_END is held back until the
    next input says whether it is.

    A paste's start split across two inputs counts only when the second comes within the
    parser's ESCAPE_DELAY of the first: later, the parser has taken the first part as keys (the
    escape key, then ``[200~`` typed), and the guard must not take it as a paste either, or it
    would take the ESC out of every key after it."""

    def __init__(
        self,
        escape_delay: float = constants.ESCAPE_DELAY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.pasting = False
        self.escape_delay = escape_delay
        self._clock = clock
        self._held = ""  # pasting: what may be the start of PASTE_END, not passed on yet
        self._tail = ""  # not pasting: what may be the start of PASTE_START, passed on already
        self._tail_time = 0.0

    def filter(self, data: str) -> str:
        """What of ``data`` the parser gets ("" at the end of the input: the end of input)."""
        if not data:
            self._held = ""
            return ""
        now = self._clock()
        tail = self._tail if now - self._tail_time < self.escape_delay else ""
        self._tail = ""
        out: list[str] = []
        while data:
            if self.pasting:
                data, self._held = self._held + data, ""
                end = data.find(PASTE_END)
                if end < 0:
                    self._held = _partial_marker(data, PASTE_END)
                    out.append(data[: len(data) - len(self._held)].replace(ESC, ""))
                    break
                out.append(data[:end].replace(ESC, "") + PASTE_END)
                data = data[end + len(PASTE_END) :]
                self.pasting = False
                tail = ""
            else:
                seen = tail + data
                start = seen.find(PASTE_START)
                if start < 0:
                    out.append(data)
                    self._tail = _partial_marker(seen, PASTE_START)
                    self._tail_time = now
                    break
                cut = start + len(PASTE_START) - len(tail)
                out.append(data[:cut])
                data = data[cut:]
                self.pasting = True
                tail = ""
        return "".join(out)


class PasteSafeXTermParser(XTermParser):
    """Textual's input parser with the input run through a PasteGuard first: a pasted text comes
    as one Paste event without its ESCs, never as key presses.

    Private: ``textual._xterm_parser.XTermParser`` (``__init__(debug)``, ``feed(data)``), checked
    on Textual 8.2.8; Textual has no public parser or hook between the terminal and the parser."""

    def __init__(self, debug: bool = False) -> None:
        self.paste_guard = PasteGuard()
        super().__init__(debug)

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # the end of the input
            return super().feed(data)
        guarded = self.paste_guard.filter(data)
        if not guarded:  # all held back (feeding "" would end the parser)
            return ()
        return super().feed(guarded)


def guard_pastes() -> None:
    """Textual's Linux (and macOS) driver reads the terminal through PasteSafeXTermParser.

    Private: the module global ``textual.drivers.linux_driver.XTermParser``, which
    LinuxDriver.run_input_thread calls to make its parser (Textual 8.2.8); there is no public
    way to choose the parser. Left alone: Textual's inline and web drivers (sessiontimer runs
    neither) and the Windows driver (textual/drivers/win32.py makes its own XTermParser the same
    way; not patched, as nothing here can test it)."""
    if sys.platform == "win32":
        return
    from textual.drivers import linux_driver

    setattr(linux_driver, "XTermParser", PasteSafeXTermParser)  # noqa: B010 (mypy refuses `module.Class = ...`)


# -- 3. Writing to the terminal: the window title ----------------------------------------------------


def write_to_terminal(app: App[Any], text: str) -> None:
    """Write an escape sequence (the window title) to the terminal, in order with the frames.

    Private: ``App._driver`` (checked on Textual 8.2.8). Textual has no public way to set the
    terminal window's title or to write to the terminal; the driver's ``write`` is public once
    you have the driver. Nothing is written before the driver is up or after it is gone."""
    driver = app._driver
    if driver is not None:
        driver.write(text)


# -- 4. A new screen is not styled twice ------------------------------------------------------------


class StyledOnceScreen(Screen[None]):
    """A screen that is not restyled the first time it is put on top. Textual restyles a screen,
    every widget on it, when a push or a switch puts it on top; a new screen has only just been
    styled, as it was composed: the same work again, 2 ms of the start-up.

    Private: the handler name ``_on_screen_resume`` (checked on Textual 8.2.8). Textual calls a
    subclass's ``_on_screen_resume`` before ``Screen._on_screen_resume``, which reads the public
    ``ScreenResume.refresh_styles``; the public ``on_screen_resume`` runs after the restyle."""

    _resumed_once = False

    def _on_screen_resume(self, event: ScreenResume) -> None:
        if not self._resumed_once:
            self._resumed_once = True
            event.refresh_styles = False


# -- 5. A footer that does not keep every key it ever showed ---------------------------------------
#
# Textual 8.2.8: Footer.compose binds each FooterKey's ``compact`` to the footer's
# (``.data_bind(compact=Footer.compact)``, widgets/_footer.py, line 282), which adds a watcher to
# the footer's private ``__watchers["compact"]`` list (reactive.py, _watch, line 545). A recompose
# (every time the screen's bindings change: a break called, a pause) removes the old keys but not
# their watchers; the list is pruned of closed widgets only when ``compact`` itself changes
# (reactive.py, line 403), which never happens. So every old key, its styles and its message
# queue stay alive: the break timer grew by 20 MiB over 60 break cycles.
#
# The footer below prunes the list after each recompose (recompose is public; ``__watchers`` is
# not): a watcher whose widget is no longer attached goes.


def pruned_footer(**options: Any) -> Footer:
    """Textual's Footer (with ``options``), which lets go of the keys a recompose removed. (Made
    on first use: the footer's module is not loaded before the first frame of a session.)"""
    return _pruned_footer_class()(**options)


@functools.cache
def _pruned_footer_class() -> type[Footer]:
    from textual.widgets import Footer

    class PrunedFooter(Footer):
        async def recompose(self) -> None:
            await super().recompose()
            watchers = getattr(self, "__watchers", None)
            if not isinstance(watchers, dict):
                return
            for name, watching in watchers.items():
                watchers[name] = [(node, call) for node, call in watching if node.is_attached]

    return PrunedFooter


# -- 6. For tests and benchmarks: what is on the screen, and when a frame is drawn ------------------


def screen_lines(screen: Screen[Any]) -> list[str]:
    """The text of every row of the screen as the terminal shows it (cropped, clipped).

    Private: ``Screen._compositor`` (checked on Textual 8.2.8). ``App.export_screenshot`` is the
    public way, as SVG; tests that read one row use this instead."""
    return [strip.text for strip in screen._compositor.render_strips()]


def watch_frames(app: App[Any], on_frame: Callable[[Screen[Any], Any], None]) -> Callable[[], None]:
    """Call ``on_frame(screen, renderable)`` after every frame the app draws; returns the function
    that stops it. For the benchmark that times the history screen to its last frame.

    Private: ``App._display`` (checked on Textual 8.2.8), the one place every frame of every
    screen goes through; Textual has no public frame hook."""
    display = app._display

    def displayed(screen: Screen[Any], renderable: Any) -> None:
        display(screen, renderable)
        on_frame(screen, renderable)

    app._display = displayed  # type: ignore[method-assign]

    def stop() -> None:
        del app._display

    return stop
