"""The base of the app's full screens: ``timer_app``, the running app with its own type."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from textual.events import ScreenResume

    from sessiontimer.tui.app import SessionTimerApp


class TimerScreen(Screen[None]):
    _resumed_once = False

    @property
    def timer_app(self) -> SessionTimerApp:
        from sessiontimer.tui.app import SessionTimerApp  # (the app imports the screens)

        assert isinstance(self.app, SessionTimerApp)
        return self.app

    def _on_screen_resume(self, event: ScreenResume) -> None:
        """Textual restyles a screen, every widget on it, when a push or a switch puts it on
        top. A new screen has only just been styled, as it was composed: the same work again,
        2 ms of the start-up. Skipped that first time only. (Called before Screen's handler,
        which reads ``refresh_styles``.)"""
        if not self._resumed_once:
            self._resumed_once = True
            event.refresh_styles = False
