"""SessionTimerApp: the screens, bindings and theme; wires the core to the widgets."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
import signal
import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual.app import App
from textual.binding import Binding

from sessiontimer import paths
from sessiontimer.core.clock import Clock, SystemClock
from sessiontimer.core.config import disclaimer_due, load_config, red_flags_due, update_config
from sessiontimer.core.durations import format_clock
from sessiontimer.core.library import Entry, discover
from sessiontimer.core.loader import clean_line
from sessiontimer.core.plan import Plan, Segment

if TYPE_CHECKING:
    from sessiontimer.core.history import Store
    from sessiontimer.core.records import CheckIn
    from sessiontimer.sound import Speaker

DEFAULT_THEME = "textual-dark"
T = TypeVar("T")


def _collector_on() -> None:
    """After the first frame: `sessiontimer` paused the garbage collector for the start-up
    (cli.launch_app). One collection clears what the start-up threw away (about 30 ms, with the
    screen up); what is left lives as long as the app, so it is set aside (gc.freeze) before the
    collector is back on, and no later collection walks it again."""
    if gc.isenabled():  # not paused: the app was not started by cli.launch_app (tests)
        return
    gc.collect()
    gc.freeze()
    gc.enable()


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
        config_path: Path | None = None,
        speaker: Speaker | None = None,
        history_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.plan = plan
        self.speed = speed
        self.checks = checks
        self.clock: Clock = clock or SystemClock()
        self.builtin_dir = builtin_dir or paths.builtin_routines_dir()
        self.user_dir = user_dir or paths.user_routines_dir()
        self.config_path = config_path or paths.config_file()
        self.config, self.config_problems = load_config(self.config_path)
        self._pinned_theme = theme
        self._speaker = speaker
        self._window_title = ""
        self.history_path = history_path or paths.history_file()
        self.history_problem: str | None = None  # why history is off, when it is
        self._history_notice: str | None = None  # e.g. a damaged file was moved aside
        self._store: Store | None = None
        self._history_opened = False
        self._history_lock = threading.Lock()
        self._problem_said = False

    # -- start and stop -----------------------------------------------------------------------------
    def on_mount(self) -> None:
        self._apply_theme()
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        for problem in self.config_problems:
            self.notify(
                f"{problem} (using the default)",
                title="config.toml",
                severity="warning",
                markup=False,
                timeout=10,
            )
        self._catch_signals()
        # Not from here: a screen pushed inside Textual's start-up batch is laid out and drawn for
        # nothing (the batch drops the frame), then reaches the terminal in pieces, later.
        self.call_later(self._open_first_screen)

    def _open_first_screen(self) -> None:
        self.call_after_refresh(_collector_on)
        if self.plan is not None:  # `sessiontimer run`: its speed and checks are for this one
            self.start_session(self.plan, speed=self.speed, checks=self.checks)
        else:
            self.go_home()

    def on_unmount(self) -> None:
        if self._speaker is not None:
            self._speaker.close()
        if self._store is not None:
            self._store.close()

    def _catch_signals(self) -> None:
        """SIGTERM and SIGHUP (the terminal was closed) end a running session as interrupted,
        with an end time, and exit through Textual, which puts the terminal back as it was."""
        import asyncio

        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self.end_by_signal, int(signum))

    def end_by_signal(self, signum: int) -> None:
        from sessiontimer.tui.screens.session import SessionScreen

        reasons = {
            int(signal.SIGHUP): "the terminal was closed",
            int(signal.SIGTERM): "the app was told to end (SIGTERM)",
        }
        reason = reasons.get(signum, f"signal {signum}")
        for screen in self.screen_stack:
            if isinstance(screen, SessionScreen):
                screen.interrupt(reason)
        if self._store is not None:
            self._store.close()
            self._store = None
        if signum == signal.SIGHUP:
            # The terminal is gone: there is nothing to put back, and Textual's writer would
            # wait for it forever.
            os._exit(128 + signum)
        # Put the terminal back through Textual; should that hang, end anyway after 3 s.
        fallback = threading.Timer(3.0, os._exit, args=(128 + signum,))
        fallback.daemon = True
        fallback.start()
        self.exit(return_code=128 + signum)

    # -- history ------------------------------------------------------------------------------------
    def history(self) -> Store | None:
        """The history store, opened on first use (from any thread); None when history is off,
        and then ``history_problem`` says why."""
        with self._history_lock:
            if not self._history_opened:
                self._history_opened = True
                from sessiontimer.core.history import HistoryUnavailable, open_history

                try:
                    opened = open_history(self.history_path)
                except HistoryUnavailable as error:
                    self.history_problem = str(error)
                else:
                    self._store = opened.store
                    self._history_notice = opened.notice
            return self._store

    def read_history(self, read: Callable[[Store], T]) -> tuple[T | None, str | None]:
        """Run a read on the store (from any thread): (its result, None), or (None, why not):
        history is off, or the file could not be read. A screen shows the reason instead."""
        import sqlite3

        store = self.history()
        if store is None:
            return None, self.history_problem or "History is off."
        try:
            return read(store), None
        except sqlite3.Error as error:
            return None, f"The history could not be read ({error})."

    def announce_history(self) -> None:
        """Say once (a toast) that history is off, or that a damaged file was moved aside."""
        notice, self._history_notice = self._history_notice, None
        if notice:
            self.notify(notice, title="History", severity="warning", markup=False, timeout=20)
        if self.history_problem and not self._problem_said:
            self._problem_said = True
            self.notify(
                self.history_problem, title="History", severity="warning", markup=False, timeout=10
            )

    @property
    def speaker(self) -> Speaker:
        """Speech and bell as config.toml says (created when first needed)."""
        if self._speaker is None:
            from sessiontimer.sound import Speaker

            self._speaker = Speaker(self.config.sound)
        return self._speaker

    # -- settings -----------------------------------------------------------------------------------
    def today(self) -> date:
        return datetime.fromtimestamp(self.clock.epoch()).date()

    def save_setting(self, **changes: object) -> None:
        """Write settings to config.toml (comments kept); say so when that is not possible."""
        problem = update_config(self.config_path, **changes)
        if problem is None:  # the file now holds exactly these changes (update_config checks)
            self.config = dataclasses.replace(self.config, **changes)  # type: ignore[arg-type]
        else:
            self.notify(str(problem), title="Setting not saved", severity="warning", markup=False)

    def _apply_theme(self) -> None:
        wanted = self._pinned_theme or self.config.theme or DEFAULT_THEME
        if wanted not in self.available_themes:
            self.notify(
                f"config.toml: there is no theme called {wanted!r}; using {DEFAULT_THEME}",
                severity="warning",
                markup=False,
            )
            wanted = DEFAULT_THEME
        self.theme = wanted

    def _theme_changed(self, _theme: object) -> None:
        if self._pinned_theme is None and self.theme != (self.config.theme or DEFAULT_THEME):
            self.save_setting(theme=self.theme)

    # -- screens ------------------------------------------------------------------------------------
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

    def show_history(self) -> None:
        """The history screen (h on home, or the command palette)."""
        from sessiontimer.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen())

    def action_home(self) -> None:
        """Back to the home screen (Enter on the summary and on the safety-stop screen)."""
        self.go_home()

    def start_session(self, plan: Plan, speed: float = 1.0, checks: bool = True) -> None:
        """The checks that are due (disclaimer once, red flags as configured), then the session.

        Sessions started from home always run at real speed with the checks: a `run --speed 10
        --no-checks` rehearsal does not carry over to them."""

        def red_flags() -> None:
            if checks and red_flags_due(self.config, self.today()):
                from sessiontimer.tui.screens.red_flags import RedFlagsScreen

                self.push_screen(RedFlagsScreen(), answered_red_flags)
            else:
                check_in()

        def answered_disclaimer(agreed: bool | None) -> None:
            if not agreed:  # back home, also when the app was opened with a routine
                self.go_home()
                return
            self.save_setting(disclaimer_seen=self.today())
            red_flags()

        def answered_red_flags(one_applies: bool | None) -> None:
            if one_applies:
                from sessiontimer.tui.screens.emergency import EmergencyScreen

                self.push_screen(EmergencyScreen())
                return
            self.save_setting(red_flags_checked=self.today())
            check_in()

        def check_in() -> None:
            if checks:
                from sessiontimer.tui.screens.checkin import CheckinScreen

                self.push_screen(CheckinScreen("before", plan.routine.name), checked_in)
            else:
                self._open_session(plan, speed, checks=False, before=None)

        def checked_in(answers: CheckIn | None) -> None:
            self._open_session(plan, speed, checks=True, before=answers)

        if checks and disclaimer_due(self.config):
            from sessiontimer.tui.screens.disclaimer import DisclaimerScreen

            self.push_screen(DisclaimerScreen(), answered_disclaimer)
        else:
            red_flags()

    def _open_session(
        self, plan: Plan, speed: float, *, checks: bool, before: CheckIn | None
    ) -> None:
        from sessiontimer.tui.screens.session import SessionScreen

        self.push_screen(SessionScreen(plan, speed=speed, checks=checks, before=before))

    # -- the terminal window title ------------------------------------------------------------------
    def set_title(self, segment: Segment | None, seconds: int, step_name: str) -> None:
        """The terminal window title shows the time left and the step (as termdown does)."""
        if segment is None:
            title = "sessiontimer"
        else:
            title = f"{format_clock(seconds)} {clean_line(step_name)} — sessiontimer"
        self.write_window_title(title)

    @property
    def window_title(self) -> str:
        """What the terminal's window title was last set to."""
        return self._window_title

    def write_window_title(self, title: str) -> None:
        if title == self._window_title:
            return
        self._window_title = title
        driver = self._driver
        if driver is not None and not self.is_headless:
            driver.write(f"\x1b]2;{clean_line(title)}\x07")
