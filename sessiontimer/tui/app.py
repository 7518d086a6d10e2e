"""SessionTimerApp: the screens, bindings and theme; wires the core to the widgets."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from sessiontimer import paths
from sessiontimer.core.clock import Clock, SystemClock
from sessiontimer.core.durations import format_clock
from sessiontimer.core.library import Entry, discover
from sessiontimer.core.loader import clean_line
from sessiontimer.core.plan import Plan, Segment


class SessionTimerApp(App[int]):
    """The whole app. With a plan it opens straight into a session; without one, at home."""

    CSS_PATH = "app.tcss"
    TITLE = "sessiontimer"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True, show=False)]

    def __init__(
        self,
        plan: Plan | None = None,
        speed: float = 1.0,
        checks: bool = True,
        clock: Clock | None = None,
        builtin_dir: Path | None = None,
        user_dir: Path | None = None,
        theme: str | None = None,
    ) -> None:
        super().__init__()
        self.plan = plan
        self.speed = speed
        self.checks = checks
        self.clock: Clock = clock or SystemClock()
        self.builtin_dir = builtin_dir or paths.builtin_routines_dir()
        self.user_dir = user_dir or paths.user_routines_dir()
        if theme:
            self.theme = theme
        self._window_title = ""

    def on_mount(self) -> None:
        if self.plan is not None:
            self.start_session(self.plan)
        else:
            self.go_home()

    def routines(self) -> list[Entry]:
        return discover(self.builtin_dir, self.user_dir)

    def go_home(self) -> None:
        from sessiontimer.tui.screens.home import HomeScreen

        self.write_window_title("sessiontimer")
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) > 1:
            self.switch_screen(HomeScreen())
        else:
            self.push_screen(HomeScreen())

    def action_home(self) -> None:
        """Back to the home screen (Enter on the summary and on the safety-stop screen)."""
        self.go_home()

    def start_session(self, plan: Plan) -> None:
        from sessiontimer.tui.screens.session import SessionScreen

        self.push_screen(SessionScreen(plan, speed=self.speed))

    def set_title(self, segment: Segment | None, seconds: int, step_name: str) -> None:
        """The terminal window title shows the time left and the step (as termdown does)."""
        if segment is None:
            title = "sessiontimer"
        else:
            title = f"{format_clock(seconds)} {clean_line(step_name)} — sessiontimer"
        self.write_window_title(title)

    def write_window_title(self, title: str) -> None:
        if title == self._window_title:
            return
        self._window_title = title
        driver = self._driver
        if driver is not None and not self.is_headless:
            driver.write(f"\x1b]2;{clean_line(title)}\x07")
