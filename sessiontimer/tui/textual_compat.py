"""Every use of a private (underscore) name of Textual, in one place.

Textual's public API has no way to do what each function here does; each says which Textual
version it was checked on and why. ``tests/tui/test_textual_compat.py`` asserts that every
private name used here still exists with the signature we call, so a Textual release that
removes one fails the tests the same day instead of failing a user.

No other module of sessiontimer touches a private name of Textual (or of any other library).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import Screen

if TYPE_CHECKING:
    from textual.app import App
    from textual.events import ScreenResume

CHECKED_ON = "8.2.8"  # the Textual version every workaround below was checked on


def write_to_terminal(app: App[Any], text: str) -> None:
    """Write an escape sequence (the window title) straight to the terminal, in order with the
    frames. Private: ``App._driver`` (checked on Textual 8.2.8). Textual has no public way to set
    the terminal window's title or to write to the terminal; the driver's ``write`` is public
    once you have the driver. Nothing happens before the driver is up or after it is gone."""
    driver = app._driver
    if driver is not None:
        driver.write(text)


class StyledOnceScreen(Screen[None]):
    """A screen that is not restyled the first time it is put on top. Textual restyles a screen,
    every widget on it, when a push or a switch puts it on top; a new screen has only just been
    styled, as it was composed: the same work again, 2 ms of the start-up.

    Private: the handler ``_on_screen_resume`` and its ``ScreenResume.refresh_styles`` flag
    (checked on Textual 8.2.8). Textual calls a subclass's ``_on_screen_resume`` before
    ``Screen._on_screen_resume``, which reads the flag; no public hook runs before it (the public
    ``on_screen_resume`` runs after Textual has restyled)."""

    _resumed_once = False

    def _on_screen_resume(self, event: ScreenResume) -> None:
        if not self._resumed_once:
            self._resumed_once = True
            event.refresh_styles = False
