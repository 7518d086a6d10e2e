"""Two Textual 8.2.8 bugs that reached users, worked around in sessiontimer/tui/textual_compat.py.

1. ctrl+p then PageUp/PageDown at once (one read of the terminal): KeyError in
   OptionList._move_page, and the app ended (a session in progress recorded as left).
2. A bracketed paste holding an ESC: the text after the ESC came as key presses (it closed the
   routine editor, it answered the red-flag questions).

Each workaround is tested where the user meets the bug (the app here; the real program in a
pseudo-terminal, through Textual's Linux driver, in tests/e2e/test_textual_bugs.py), and each
private Textual name it relies on is checked to still exist with the signature called.
"""

from __future__ import annotations

import asyncio
import inspect
import sys
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.routines.library import resolve
from sessiontimer.core.session.plan import build_plan
from sessiontimer.tui import textual_compat
from sessiontimer.tui.app import SessionTimerApp
from sessiontimer.tui.screens.home import HomeScreen
from sessiontimer.tui.screens.session import SessionScreen
from sessiontimer.tui.textual_compat import (
    PASTE_END,
    PASTE_START,
    PageSafeCommandPalette,
    PasteGuard,
    PasteSafeXTermParser,
)
from tests.conftest import REPO
from tests.support.wait import pause_until

RAW_PASTE = "\x1b[200~abc\x1bdef\x1b[201~"  # what a terminal sends when "abc<ESC>def" is pasted


def app_for(home: Path, **kwargs: object) -> SessionTimerApp:
    return SessionTimerApp(
        checks=False,
        clock=FakeClock(),
        user_dir=home / "routines",
        config_path=home / "config.toml",
        history_path=home / "history.sqlite3",
        **kwargs,  # type: ignore[arg-type]
    )


async def until_the_palette_is_laid_out(pilot: Pilot[Any]) -> None:
    """Until the palette's list has its commands and a size: a page key that came before is
    carried out then (and Textual's KeyError struck then, or earlier, ending the app)."""

    def laid_out() -> bool:
        if not pilot.app.is_running:
            return True  # the bug: the test's next assertion says so
        lists = pilot.app.screen.query(CommandList)
        return bool(
            lists and lists.first().option_count and lists.first().scrollable_content_region
        )

    await pause_until(pilot, laid_out)
    await pilot.pause()


def keys_at_once(app: App[object], *keys: str) -> None:
    """Keys as a terminal delivers them in one read: all queued before the first is handled
    (Pilot.press waits for the app to settle after each key, which hides the bug)."""
    for key in keys:
        app.post_message(events.Key(key, None))


# -- 1. ctrl+p, then PageUp/PageDown at once ---------------------------------------------------------


@pytest.mark.parametrize("key", ["pageup", "pagedown"])
async def test_ctrl_p_then_a_page_key_at_once_does_not_end_the_app(home: Path, key: str) -> None:
    app = app_for(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        keys_at_once(app, "ctrl+p", key)
        await until_the_palette_is_laid_out(pilot)
        assert app.is_running
        assert isinstance(app.screen, PageSafeCommandPalette)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_page_down_at_once_still_pages_once_the_list_is_laid_out(home: Path) -> None:
    app = app_for(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys_at_once(app, "ctrl+p", "pagedown")
        await until_the_palette_is_laid_out(pilot)
        commands = app.screen.query_one(CommandList)
        assert commands.option_count > commands.scrollable_content_region.height > 0
        assert commands.highlighted is not None and commands.highlighted > 0  # the key did page
        await pilot.press("pageup")
        await pilot.pause()
        assert commands.highlighted == 0


async def test_a_session_in_progress_survives_ctrl_p_then_page_down(home: Path) -> None:
    entry = resolve("desk-break", REPO / "routines", None)
    assert entry.routine is not None
    app = app_for(home, plan=build_plan(entry.routine))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        session_screen = app.screen
        assert isinstance(session_screen, SessionScreen)
        keys_at_once(app, "ctrl+p", "pagedown")
        await until_the_palette_is_laid_out(pilot)
        assert app.is_running
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is session_screen
        assert session_screen.session is not None and not session_screen.session.finished


async def test_the_theme_palette_pages_at_once_too(home: Path) -> None:
    app = app_for(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_change_theme()  # the palette's "Theme" command
        for _ in range(10_000):  # the first moment its list has options (it has no size yet)
            await asyncio.sleep(0)
            lists = app.screen.query(CommandList)
            if lists and lists.first().option_count:
                break
        keys_at_once(app, "pagedown")
        await until_the_palette_is_laid_out(pilot)
        assert app.is_running
        assert isinstance(app.screen, PageSafeCommandPalette)


def test_textual_makes_a_command_palette_in_the_three_places_known() -> None:
    """TextualBugWorkarounds replaces two of them; the third, search_commands, sessiontimer does
    not call. A Textual release that opens a palette somewhere else fails here."""
    makers = {
        name
        for name, function in vars(App).items()
        if inspect.isfunction(function) and "CommandPalette(" in inspect.getsource(function)
    }
    assert makers == {"action_command_palette", "search_commands", "search_themes"}
    assert issubclass(SessionTimerApp, textual_compat.TextualBugWorkarounds)
    callers = [
        path
        for path in (REPO / "sessiontimer").rglob("*.py")
        if path.name != "textual_compat.py" and "search_commands" in path.read_text("utf-8")
    ]
    assert not callers


def test_the_palette_page_keys_are_the_ones_replaced() -> None:
    textual_keys = {b.key for b in CommandPalette.BINDINGS if not isinstance(b, tuple | str)}
    assert {"pageup", "pagedown"} <= textual_keys
    ours = {
        b.key: b.action for b in PageSafeCommandPalette.BINDINGS if not isinstance(b, tuple | str)
    }
    assert ours == {"pagedown": "page_commands('down')", "pageup": "page_commands('up')"}


# -- 2. An ESC inside a bracketed paste --------------------------------------------------------------


def parse(*chunks: str) -> list[tuple[str, str]]:
    """What the parser makes of the chunks (each a read of the terminal): ("key", key) and
    ("paste", text); nothing else is sent here."""
    parser = PasteSafeXTermParser()
    seen: list[tuple[str, str]] = []
    for chunk in chunks:
        for event in parser.feed(chunk):
            if isinstance(event, events.Paste):
                seen.append(("paste", event.text))
            else:
                assert isinstance(event, events.Key), event
                seen.append(("key", event.key))
    return seen


def test_a_pasted_esc_is_not_typed_as_keys() -> None:
    assert parse(RAW_PASTE) == [("paste", "abcdef")]


@pytest.mark.parametrize(
    ("pasted", "text"),
    [
        ("abc\x1b", "abc"),  # Textual: the escape key (it closed the editor)
        ("x\x1by", "xy"),  # Textual: the key y (a red-flag question answered)
        ("a\x1b[31mred\x1b[0m b", "a[31mred[0m b"),  # Textual: 13 keys
        ("\x1b", ""),
        ("\x1b\x1b\x1b[20", "[20"),
        ("one\x1b[200~two", "one[200~two"),  # a paste's start inside a paste is text
        ("é\x1b😀\r\nend", "é😀\r\nend"),
    ],
)
def test_every_esc_of_a_paste_is_taken_out(pasted: str, text: str) -> None:
    assert parse(PASTE_START + pasted + PASTE_END) == [("paste", text)]


def test_a_paste_split_anywhere_between_reads_is_the_same_paste() -> None:
    raw = "x" + PASTE_START + "abc\x1bdef\x1b" + PASTE_END + "y"
    for cut in range(1, len(raw)):
        for second in range(cut + 1, len(raw) + 1):
            seen = parse(raw[:cut], raw[cut:second], raw[second:])
            assert seen == [("key", "x"), ("paste", "abcdef"), ("key", "y")], (cut, second)


def test_keys_outside_a_paste_are_as_textual_reads_them() -> None:
    assert parse("\x1b[A", "a", "\x1b[B") == [("key", "up"), ("key", "a"), ("key", "down")]
    parser = PasteSafeXTermParser()
    assert list(parser.feed("\x1b")) == []  # Escape pressed: the parser waits ESCAPE_DELAY
    assert not parser.paste_guard.pasting


def test_a_paste_start_split_over_reads_far_apart_is_keys_not_a_paste() -> None:
    """The parser took ESC then "[20" as keys by then: the guard must not take ESC out of the keys
    that follow, waiting for a paste's end that will not come."""
    now = [0.0]
    guard = PasteGuard(escape_delay=0.1, clock=lambda: now[0])
    assert guard.filter("\x1b[20") == "\x1b[20"
    now[0] = 5.0
    assert guard.filter("0~a") == "0~a" and not guard.pasting
    assert guard.filter("\x1b") == "\x1b"  # the escape key, passed on
    now[0] = 5.01
    assert guard.filter("[200~a\x1bb" + PASTE_END) == "[200~ab" + PASTE_END
    assert not guard.pasting


def test_the_end_of_input_ends_the_parser() -> None:
    parser = PasteSafeXTermParser()
    assert list(parser.feed(PASTE_START + "abc\x1b")) == []
    list(parser.feed(""))
    assert parser.is_eof


# -- the private names relied on (textual_compat) ---------------------------------------------------


def test_the_private_names_used_still_exist_with_the_signatures_called() -> None:
    from textual import _xterm_parser
    from textual.drivers import linux_driver

    assert textual_compat.CHECKED_ON == "8.2.8"
    parser_class = _xterm_parser.XTermParser
    assert (
        str(inspect.signature(parser_class.__init__)) == "(self, debug: 'bool' = False) -> 'None'"
    )
    assert str(inspect.signature(parser_class.feed)) == (
        "(self, data: 'str') -> 'Iterable[Message]'"
    )
    # The Linux driver makes its parser by the module's name XTermParser, and feeds it.
    source = inspect.getsource(linux_driver.LinuxDriver.run_input_thread)
    assert "parser = XTermParser(self._debug)" in source and "feed = parser.feed" in source
    assert isinstance(linux_driver.XTermParser, type)
    assert issubclass(linux_driver.XTermParser, parser_class)


@pytest.mark.skipif(sys.platform == "win32", reason="the Linux driver")
def test_the_app_reads_the_terminal_through_the_paste_safe_parser(home: Path) -> None:
    from textual.drivers import linux_driver

    app_for(home)
    assert linux_driver.XTermParser is PasteSafeXTermParser
