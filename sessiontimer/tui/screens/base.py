"""The base of the app's full screens: ``timer_app``, the running app with its own type."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sessiontimer.tui.textual_compat import StyledOnceScreen

if TYPE_CHECKING:
    from sessiontimer.tui.app import SessionTimerApp


class TimerScreen(StyledOnceScreen):
    @property
    def timer_app(self) -> SessionTimerApp:
        from sessiontimer.tui.app import SessionTimerApp  # (the app imports the screens)

        assert isinstance(self.app, SessionTimerApp)
        return self.app
