"""What a screen, a flow or the command palette may ask of the app: the ``AppContext`` protocol.

Screens never import the App class (DESIGN.md section 1). They get what they need in their
constructor, use actions (``app.home``), or ask through this protocol: ``context(self)``. The app
(``tui/app.py``) is the one implementation; a test may pass any object with these members.

Imported by every part of tui; imports only core and system types, and only for type checking.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.screen import Screen

    from sessiontimer.core.base.clock import Clock
    from sessiontimer.core.breaks.events import BreakView
    from sessiontimer.core.breaks.timer import BreakTimer
    from sessiontimer.core.history.records import BreakDay
    from sessiontimer.core.history.store import Store
    from sessiontimer.core.routines.library import Entry
    from sessiontimer.core.session.plan import Plan, Segment
    from sessiontimer.core.settings.model import Config
    from sessiontimer.system.sound import Speaker

T = TypeVar("T")


class BreakControls(Protocol):
    """The sit/stand break timer as the screens see it (``tui/flows/breaks.py``)."""

    @property
    def timer(self) -> BreakTimer: ...

    @property
    def today(self) -> BreakDay | None:
        """Today's breaks as the history has them (None until read)."""

    def action(self, name: str) -> None:
        """A key on the break timer: pause, resume, toggle_pause, snooze, skip or stand."""

    def start_desk_routine(self) -> None: ...

    def routine_finished(self, routine_id: str, seconds: float) -> None:
        """A routine ended with work done at real speed (the desk routine may be a break)."""

    def refresh(self) -> None:
        """Show the break timer on the screen on top, and wake when it next changes."""

    def read_today(self) -> None:
        """Read today's breaks from the history again (in a worker), then refresh."""


class AppContext(Protocol):
    """The app, as screens and flows may use it."""

    clock: Clock
    config: Config
    builtin_dir: Path
    user_dir: Path
    last_routine: str | None  # the id of the routine last started in this app (home's highlight)

    @property
    def history_problem(self) -> str | None:
        """Why history is off, when it is."""

    @property
    def breaks(self) -> BreakControls: ...

    @property
    def speaker(self) -> Speaker: ...

    def today(self) -> date: ...

    def save_setting(self, **changes: object) -> None: ...

    def routines(self) -> list[Entry]: ...

    def routines_changed(self) -> None: ...

    def schema_path(self) -> Path | None: ...

    def history(self) -> Store | None: ...

    def read_history(self, read: Callable[[Store], T]) -> tuple[T | None, str | None]: ...

    def announce_history(self) -> None: ...

    def go_home(self) -> None: ...

    def start_session(
        self,
        plan: Plan,
        speed: float = 1.0,
        checks: bool = True,
        pain_checks: bool = True,
        desk: bool = False,
    ) -> None: ...

    def show_history(self) -> None: ...

    def show_breaks(self) -> None: ...

    def leave_breaks(self) -> None: ...

    def edit_routine(self, entry: Entry) -> None: ...

    def progress_routine(self, entry: Entry) -> None: ...

    def set_title(self, segment: Segment | None, seconds: int, step_name: str) -> None:
        """The terminal window's title, for a session's segment (None: the plain title)."""

    def write_window_title(self, title: str, by_breaks: bool = False) -> None:
        """Set the terminal window's title; ``by_breaks``: it shows the break timer."""

    @property
    def title_by_breaks(self) -> bool:
        """The window title shows the break timer (and goes back to plain when it stops)."""


def context(node: DOMNode) -> AppContext:
    """The running app, seen through ``AppContext`` (from any widget, screen or the app)."""
    return cast("AppContext", node.app)


class ShowsBreakCountdown:
    """A screen that shows the break timer's countdown: while it is on top, the break timer wakes
    each second, and its ``show_breaks`` is given each new view."""

    TITLES_COUNTDOWN = False  # True: the countdown goes in the terminal window's title too

    def show_breaks(self, view: BreakView) -> None:
        raise NotImplementedError


class TakesTyping:
    """A screen that takes typing (the routine editor): a break called while it is on top is a
    toast and a bell, never a new screen that would take the keys being typed."""


class PausesForHelp:
    """A screen whose clock stops while the help is open over it (the session: someone reading the
    safety page is not exercising). The help calls ``help_opened`` with itself as it opens (the
    screen says what the help should tell about it: "Your session is paused"), and
    ``help_closed`` with its answer: "stop" (``!`` on the help: the safety stop) or None."""

    def help_opened(self, help: Screen[Any]) -> str:
        raise NotImplementedError

    def help_closed(self, answer: str | None) -> None:
        raise NotImplementedError


__all__ = [
    "AppContext",
    "BreakControls",
    "PausesForHelp",
    "ShowsBreakCountdown",
    "TakesTyping",
    "context",
]
