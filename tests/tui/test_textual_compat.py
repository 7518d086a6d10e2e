"""Every private name of Textual that tui/textual_compat.py uses still exists with the signature
it is called with (the two bug workarounds are tested in tests/tui/test_textual_bugs.py), and each
helper does what its callers need."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from sessiontimer.tui import textual_compat
from sessiontimer.tui.textual_compat import (
    StyledOnceScreen,
    screen_lines,
    watch_frames,
    write_to_terminal,
)


def test_the_private_names_exist_with_the_signatures_called() -> None:
    assert textual_compat.CHECKED_ON == "8.2.8"
    app = App[None]()
    assert hasattr(app, "_driver") and app._driver is None  # set when the app runs
    assert str(inspect.signature(App._display)) == (
        "(self, screen: 'Screen', renderable: 'RenderableType | None') -> 'None'"
    )
    assert "_on_screen_resume" in vars(Screen)
    assert list(inspect.signature(Screen._on_screen_resume).parameters) == ["self", "event"]
    screen = Screen[None]()
    assert callable(screen._compositor.render_strips)


class Shown(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("first line\nsecond line")


async def test_screen_lines_are_the_rows_on_the_terminal() -> None:
    app = Shown()
    async with app.run_test(size=(20, 4)) as pilot:
        await pilot.pause()
        lines = screen_lines(app.screen)
    assert lines[:2] == ["first line".ljust(20), "second line".ljust(20)]
    assert len(lines) == 4


async def test_write_to_terminal_goes_through_the_driver() -> None:
    app = Shown()
    written: list[str] = []
    async with app.run_test() as pilot:
        driver = app._driver
        assert driver is not None
        driver.write = written.append  # type: ignore[method-assign]
        write_to_terminal(app, "\x1b]2;title\x07")
        await pilot.pause()
    assert "\x1b]2;title\x07" in written


async def test_write_to_terminal_before_the_app_runs_does_nothing() -> None:
    write_to_terminal(Shown(), "\x1b]2;title\x07")  # no driver yet: no error


async def test_watch_frames_sees_each_frame_until_stopped() -> None:
    app = Shown()
    frames: list[Any] = []
    async with app.run_test() as pilot:
        stop = watch_frames(app, lambda screen, renderable: frames.append(screen))
        app.query_one(Static).update("changed")
        await pilot.pause()
        seen = len(frames)
        assert seen >= 1 and frames[-1] is app.screen
        stop()
        app.query_one(Static).update("again")
        await pilot.pause()
    assert len(frames) == seen


class Counted(StyledOnceScreen):
    def compose(self) -> ComposeResult:
        yield Static("x")


class Plain(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Static("x")


async def restyles_when_first_shown(screen: Screen[None]) -> bool:
    restyled: list[bool] = []
    update_node_styles = screen.update_node_styles

    def counted(animate: bool = True) -> None:
        restyled.append(True)
        update_node_styles(animate)

    screen.update_node_styles = counted  # type: ignore[method-assign]
    app = Shown()
    async with app.run_test() as pilot:
        await app.push_screen(screen)
        await pilot.pause()
    return bool(restyled)


async def test_a_styled_once_screen_is_not_restyled_when_first_shown() -> None:
    assert await restyles_when_first_shown(Plain())  # what Textual does to every screen
    assert not await restyles_when_first_shown(Counted())


class Keys(App[None]):
    BINDINGS = [("a", "first", "A"), ("b", "second", "B")]

    def __init__(self, pruned: bool) -> None:
        super().__init__()
        self.pruned = pruned

    def compose(self) -> ComposeResult:
        from textual.widgets import Footer

        from sessiontimer.tui.textual_compat import pruned_footer

        yield pruned_footer() if self.pruned else Footer()

    def action_first(self) -> None:
        pass

    def action_second(self) -> None:
        pass


@pytest.mark.parametrize("pruned", [True, False])
async def test_the_pruned_footer_lets_go_of_the_keys_a_recompose_removed(pruned: bool) -> None:
    """Textual 8.2.8 keeps a watcher (and so the widget) of every key a footer ever showed in its
    private ``__watchers``; after 20 recomposes the pruned footer watches only the keys it shows.
    (The plain Footer still keeps them all: when that fails, Textual has fixed it, and the
    workaround can go.)"""
    from textual.widgets import Footer

    app = Keys(pruned)
    async with app.run_test() as pilot:
        await pilot.pause()
        footer = app.query_one(Footer)
        for _ in range(20):
            app.screen.refresh_bindings()  # the footer recomposes, as at every phase change
            await pilot.pause()
            await pilot.pause()
        watchers = getattr(footer, "__watchers")["compact"]  # the private list pruned
        shown = [key for key in footer.query("FooterKey") if not key.has_class("-command-palette")]
        if pruned:
            assert len(watchers) == len(shown) == 2
        else:
            assert len(watchers) > 2 * len(shown)
