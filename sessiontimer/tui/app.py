"""SessionTimerApp: lifecycle, theme and navigation. The way into a session, the break timer, the
terminal's title and signals, and changing routines are flows of their own (tui/flows,
tui/terminal.py); screens see the app through tui/context.py, never by importing this module.

Imported by the command line only.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual.binding import Binding

from sessiontimer.core.base.clock import Clock, SystemClock
from sessiontimer.core.breaks.settings import BreakSettings
from sessiontimer.core.breaks.timer import BreakTimer
from sessiontimer.core.routines.library import Entry, discover
from sessiontimer.core.settings.reading import load_config
from sessiontimer.system import paths
from sessiontimer.tui.flows.breaks import BreakController
from sessiontimer.tui.flows.help import HELP_BINDINGS, help_key_works, open_help
from sessiontimer.tui.flows.history import HistoryAccess
from sessiontimer.tui.flows.session import SessionFlow, asks_before_session
from sessiontimer.tui.terminal import WindowTitle, catch_signals
from sessiontimer.tui.textual_compat import TextualBugWorkarounds

if TYPE_CHECKING:
    from textual.screen import Screen

    from sessiontimer.core.history.store import Store
    from sessiontimer.core.session.plan import Plan, Segment
    from sessiontimer.system.desktop import LockWatch, Notifier
    from sessiontimer.system.sound import Speaker
    from sessiontimer.tui.flows.routines import RoutineFlow
    from sessiontimer.tui.screens.editor import EditorScreen

DEFAULT_THEME = "textual-dark"
FLOOR = (
    1  # screens at the bottom of the stack that stay: the empty one, home, a --no-checks session
)
KEY_SYMBOLS = {"exclamation_mark": "!", "question_mark": "?", "f1": "F1"}  # known key names
T = TypeVar("T")


def _collector_on() -> None:
    """After the first frame: `sessiontimer` paused the garbage collector for the start-up
    (cli.launch_app). One collection clears what the start-up threw away (about 30 ms); what is
    left lives as long as the app, so it is set aside (gc.freeze) before the collector is on."""
    if gc.isenabled():  # not paused: the app was not started by cli.launch_app (tests)
        return
    gc.collect()
    gc.freeze()
    gc.enable()


# textual_compat: Textual's App with two 8.2.8 bugs worked around (palette paging; paste ESC).
class SessionTimerApp(TextualBugWorkarounds[int]):
    """The whole app. With a plan it opens straight into a session; without one, at home."""

    TITLE = "sessiontimer"
    last_routine: str | None = (
        None  # the routine last started (SessionFlow.start): home's highlight
    )
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True, show=False), *HELP_BINDINGS]

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
        break_settings: BreakSettings | None = None,
        open_breaks: bool = False,
        notifier: Notifier | None = None,
        lock_watch: LockWatch | None = None,
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
        self.history_path = history_path or paths.history_file()
        self.history_access = HistoryAccess(self, self.history_path, self.clock)
        self.open_breaks = open_breaks
        self._session_at_bottom = self._home_at_bottom = False  # see get_default_screen
        self.title_bar = WindowTitle(self)
        # the sit/stand break timer: config.toml's [breaks], or the `breaks` command's settings
        timer = BreakTimer(break_settings or self.config.breaks, self.clock)
        self.breaks = BreakController(self, self, timer, notifier, lock_watch)
        self.sessions = SessionFlow(self, self, self.breaks)
        self._routine_flow: RoutineFlow | None = None

    def get_key_display(self, binding: Binding) -> str:
        """How the footer shows a key: as Textual does, without its Unicode name lookup where the
        answer is known (a letter, ``!``, ``?``, F1): ``exclamation_mark`` alone pages in 300 KiB
        of the unicodedata module's name tables, a failed lookup such as ``n`` over 500 KiB."""
        if binding.key_display:
            return binding.key_display
        modifiers, key = binding.parse_key()
        shown = KEY_SYMBOLS.get(key, key if len(key) == 1 else None)
        if shown is None:
            return super().get_key_display(binding)
        if "ctrl" in modifiers:
            modifiers.remove("ctrl")
            shown = f"^{shown}"
        return "+".join([*modifiers, shown])

    # -- start and stop -----------------------------------------------------------------------------
    def on_mount(self) -> None:
        # (The theme from config.toml is in place already: get_default_screen.)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        for problem in self.config_problems:
            message = f"{problem} (using the default)"
            self.notify(message, title="config.toml", severity="warning", markup=False, timeout=10)
        catch_signals(self, self._interrupt)
        self.breaks.handle(self.breaks.timer.start())
        if self._session_at_bottom:  # a break falling due waits for the session (start_session)
            self.breaks.hold()
        self.call_after_refresh(self.breaks.watch_lock)
        # Not from here: a screen pushed inside Textual's start-up batch is drawn for nothing (the
        # batch drops the frame), then comes in pieces. (The bottom one is in it: get_default_screen.)
        self.call_later(self._open_first_screen)

    def get_default_screen(self) -> Screen[Any]:
        """The bottom of the screen stack, made with the app in the theme's colours (pushed later,
        a screen is styled and laid out twice): home; the session of `run --no-checks` when
        nothing is asked or left out; else the empty screen, under the first (_open_first_screen)."""
        self._apply_theme()
        plan = self.plan
        if plan is None and not self.open_breaks:
            from sessiontimer.tui.screens.home import HomeScreen

            self._home_at_bottom = True  # (go_home opens a new one over it)
            return HomeScreen()
        if plan is None or asks_before_session(
            plan, self.speed, self.checks, self.config, self.today()
        ):
            return super().get_default_screen()
        from sessiontimer.core.history.peek import left_out_steps
        from sessiontimer.tui.screens.session import SessionScreen

        if left_out_steps(self.history_path, plan.routine.id or plan.routine.name):
            return super().get_default_screen()  # the flow leaves them out, and says so
        # Once over, it stays at the bottom (Textual cannot switch away from its bottom screen):
        # what follows opens over it (SessionScreen.replace_with).
        self._session_at_bottom = True
        return SessionScreen(plan, speed=self.speed)

    def _open_first_screen(self) -> None:
        self.call_after_refresh(_collector_on)
        if self._session_at_bottom or self._home_at_bottom:  # up already
            return
        if self.plan is not None:  # `sessiontimer run`: its speed and checks are for this one
            self.start_session(self.plan, speed=self.speed, checks=self.checks)
        else:
            self.go_home()
            if self.open_breaks:
                self.show_breaks()

    def on_unmount(self) -> None:
        self.breaks.close()
        if self._speaker is not None:
            self._speaker.close()
        self.history_access.close()

    def _interrupt(self, reason: str) -> None:
        """The process is being ended (SIGTERM, SIGHUP): a running session is recorded as
        interrupted, the break in hand as it ended, and the history is closed."""
        from sessiontimer.tui.screens.session import SessionScreen

        for screen in self.screen_stack:
            if isinstance(screen, SessionScreen):
                screen.interrupt(reason)
        self.breaks.close()
        self.history_access.close()

    async def action_quit(self) -> None:
        """ctrl+q, the palette's Quit: in a session ask as q does; with an unsaved edit, ask."""
        if self.sessions.ask_to_leave():  # (a yes quits)
            return
        if not any(editor.modified for editor in self._editors()):
            self.exit()
            return
        from sessiontimer.tui.screens.confirm import ConfirmScreen

        question = "Quit without saving? The routine you are editing has unsaved changes."
        self.push_screen(ConfirmScreen(question), self._quit_on_yes)

    def _quit_on_yes(self, answer: str | None) -> None:
        self.exit() if answer == "yes" else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """? is help, except where it is typed as text: there F1 is (tui/flows/help.py)."""
        return help_key_works(self.screen, parameters) if action == "help" else True

    def action_help(self, _key: str = "") -> None:
        open_help(self)

    # -- history (tui/flows/history.py) ------------------------------------------------------------
    def history(self) -> Store | None:
        """The history store, opened on first use (from any thread); None when history is off."""
        return self.history_access.store()

    def read_history(self, read: Callable[[Store], T]) -> tuple[T | None, str | None]:
        """A read on the store: (its result, None), or (None, why not)."""
        return self.history_access.read(read)

    def announce_history(self) -> None:
        self.history_access.announce()

    @property
    def history_problem(self) -> str | None:
        """Why history is off, when it is."""
        return self.history_access.problem

    @property
    def speaker(self) -> Speaker:
        """Speech and bell as config.toml says (created when first needed)."""
        if self._speaker is None:
            from sessiontimer.system.sound import Speaker

            self._speaker = Speaker(self.config.sound)
        return self._speaker

    # -- settings -----------------------------------------------------------------------------------
    def today(self) -> date:
        return datetime.fromtimestamp(self.clock.epoch()).date()

    def save_setting(self, **changes: object) -> None:
        """Write settings to config.toml (comments kept); say so when that is not possible."""
        from sessiontimer.core.settings.writing import update_config  # (not before the first frame)

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
        """Home, closing whatever is open (the end of a session and its screens)."""
        from sessiontimer.tui.screens.home import HomeScreen

        self.write_window_title("sessiontimer")
        self.sessions.cancel()  # a flow whose question was closed without an answer
        if self._routine_flow is not None:
            self._routine_flow.cancel()
        if not self._back_to_editor():
            # One screen stays at the bottom whatever is open: Textual's empty screen, or the
            # session of `run --no-checks` (get_default_screen).
            while len(self.screen_stack) > FLOOR + 1:
                self.pop_screen()
            if len(self.screen_stack) > FLOOR:
                self.switch_screen(HomeScreen())
            else:
                self.push_screen(HomeScreen())
        self.breaks.release()  # a routine has ended: a break due meanwhile is called now

    def _back_to_editor(self) -> bool:
        """A rehearsal started in the editor ends back in the editor, with its text as it was."""
        editors = self._editors()
        if not editors or self.screen is editors[-1]:
            return False
        while self.screen is not editors[-1]:
            self.pop_screen()
        return True

    def _editors(self) -> list[EditorScreen]:
        """The routine editors open, oldest first (none when the editor was never imported)."""
        import sys

        module = sys.modules.get("sessiontimer.tui.screens.editor")
        if module is None:
            return []
        return [s for s in self.screen_stack if isinstance(s, module.EditorScreen)]

    def show_history(self) -> None:
        """The history screen (h on home, or the command palette)."""
        from sessiontimer.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen())

    # -- changing routines (tui/flows/routines.py) -------------------------------------------------
    def schema_path(self) -> Path | None:
        """The routine schema shipped beside the built-in routines (copied beside the user's)."""
        schema = self.builtin_dir / "routine.schema.json"
        return schema if schema.is_file() else None

    @property
    def routine_flow(self) -> RoutineFlow:
        """Changing routines (made when first used: not before the first frame)."""
        from sessiontimer.tui.flows.routines import RoutineFlow

        if self._routine_flow is None:
            self._routine_flow = RoutineFlow(self, self)
        return self._routine_flow

    def edit_routine(self, entry: Entry) -> None:
        """The in-app editor for this routine (e on home)."""
        self.routine_flow.edit(entry)

    def progress_routine(self, entry: Entry) -> None:
        """The standard progression, asked first (p on home)."""
        self.routine_flow.progress(entry)

    def routines_changed(self) -> None:
        """A routine file was written: home shows it at once (not at its next look at the files)."""
        from sessiontimer.tui.screens.home import HomeScreen

        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.check_files()

    def action_home(self) -> None:
        """Back to the home screen (Enter on the summary and on the safety-stop screen)."""
        self.go_home()

    def start_session(
        self,
        plan: Plan,
        speed: float = 1.0,
        checks: bool = True,
        pain_checks: bool = True,
        desk: bool = False,
    ) -> None:
        """The checks that are due, then the session (tui/flows/session.py)."""
        self.sessions.start(plan, speed, checks=checks, pain_checks=pain_checks, desk=desk)

    # -- the sit/stand break timer (tui/flows/breaks.py) -----------------------------------------------
    @property
    def break_timer(self) -> BreakTimer:
        return self.breaks.timer

    def show_breaks(self) -> None:
        """The break timer screen (b on home, the palette, `sessiontimer breaks`, a break called)."""
        from sessiontimer.tui.screens.breaks import BreaksScreen

        if not isinstance(self.screen, BreaksScreen):
            self.push_screen(BreaksScreen())

    def leave_breaks(self) -> None:
        """Escape on the break timer: back to the screen under it (the timer keeps running)."""
        from sessiontimer.tui.screens.breaks import BreaksScreen

        if isinstance(self.screen, BreaksScreen) and len(self.screen_stack) > FLOOR + 1:
            self.pop_screen()
        else:
            self.go_home()

    # -- the terminal window title (tui/terminal.py) -------------------------------------------------
    def set_title(self, segment: Segment | None, seconds: int, step_name: str) -> None:
        """The terminal window title shows the time left and the step (as termdown does)."""
        self.title_bar.for_segment(segment, seconds, step_name)

    def write_window_title(self, title: str, by_breaks: bool = False) -> None:
        self.title_bar.write(title, by_breaks)

    @property
    def title_by_breaks(self) -> bool:
        return self.title_bar.by_breaks

    @property
    def window_title(self) -> str:
        """What the terminal's window title was last set to."""
        return self.title_bar.text
