"""The base of the app's full screens: ``ctx``, the running app as the screens may use it
(tui/context.py), and a look that is styled once when the screen is first shown."""

from __future__ import annotations

from sessiontimer.tui.context import AppContext, context
from sessiontimer.tui.textual_compat import StyledOnceScreen


class TimerScreen(StyledOnceScreen):
    @property
    def ctx(self) -> AppContext:
        """The app, through the protocol screens may use (never the App class itself)."""
        return context(self)
