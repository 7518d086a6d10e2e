"""SessionTimerApp: the screens, bindings and theme; wires the core to the widgets."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
import signal
import threading
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual.binding import Binding

from sessiontimer import paths
from sessiontimer.core import breaks as bk
from sessiontimer.core.clock import Clock, SystemClock
from sessiontimer.core.config import disclaimer_due, load_config, red_flags_due, update_config
from sessiontimer.core.durations import format_clock, spoken
from sessiontimer.core.library import Entry, discover
from sessiontimer.core.loader import clean_line
from sessiontimer.core.plan import Plan, Segment
from sessiontimer.tui.textual_compat import TextualBugWorkarounds, write_to_terminal

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.timer import Timer

    from sessiontimer.core.breaklog import BreakLog
    from sessiontimer.core.history import Store
    from sessiontimer.core.records import BreakDay, CheckIn
    from sessiontimer.desktop import LockWatch, Notifier
    from sessiontimer.sound import Speaker
    from sessiontimer.tui.screens.editor import EditorScreen

DEFAULT_THEME = "textual-dark"
BREAK_TOAST = "Time to stand up"  # the title of the toast that calls a break
BREAK_TOAST_SECONDS = 20.0  # how long it shows
BREAK_LOOK_EVERY = 30.0  # seconds: the longest the break timer goes without a look
KEY_SYMBOLS = {"exclamation_mark": "!"}  # key names the footer shows as their character
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


# textual_compat: Textual's App with two Textual 8.2.8 bugs worked around (command palette
# PageUp/PageDown; an ESC inside a bracketed paste).
class SessionTimerApp(TextualBugWorkarounds[int]):
    """The whole app. With a plan it opens straight into a session; without one, at home."""

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
        break_settings: bk.BreakSettings | None = None,
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
        self._window_title = ""
        self.history_path = history_path or paths.history_file()
        self.history_problem: str | None = None  # why history is off, when it is
        self._history_notice: str | None = None  # e.g. a damaged file was moved aside
        self._store: Store | None = None
        self._history_opened = False
        self._history_lock = threading.Lock()
        self._problem_said = False
        # the sit/stand break timer: config.toml's [breaks], or the `breaks` command's settings
        self.break_timer = bk.BreakTimer(break_settings or self.config.breaks, self.clock)
        self.open_breaks = open_breaks
        self.break_today: BreakDay | None = None  # today's breaks, from the history
        self._notifier = notifier
        self._lock_watch = lock_watch
        self._locked_since: float | None = None  # wall clock: the screen was seen locked
        self._break_speaker: Speaker | None = None
        self._break_log: BreakLog | None = None
        self._break_timer_handle: Timer | None = None
        self._desk_routine_running = False
        self._break_title = False  # the window title shows the break timer
        self._break_toast_until = 0.0  # time.monotonic(): a "Time to stand up" toast shows until
        self._session_at_bottom = False  # `run --no-checks`: see get_default_screen

    def get_key_display(self, binding: Binding) -> str:
        """How the footer shows a key: as Textual does, without its Unicode name lookup where the
        answer is known (a letter; ``!``).

        Textual looks every key up as a Unicode character name, and each lookup reads through the
        name tables: ``exclamation_mark`` alone pages in 300 KiB of the unicodedata module, a
        failed lookup such as ``n`` over 500 KiB, in an app that runs all day.
        """
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
            self.notify(
                f"{problem} (using the default)",
                title="config.toml",
                severity="warning",
                markup=False,
                timeout=10,
            )
        self._catch_signals()
        self.handle_breaks(self.break_timer.start())
        if self._session_at_bottom:  # a break falling due waits for the session (start_session)
            self.handle_breaks(self.break_timer.hold())
        self.call_after_refresh(self._watch_lock)
        # Not from here: a screen pushed inside Textual's start-up batch is laid out and drawn for
        # nothing (the batch drops the frame), then reaches the terminal in pieces, later. (The
        # session of `run --no-checks` is part of that batch: see get_default_screen.)
        self.call_later(self._open_first_screen)

    def get_default_screen(self) -> Screen[Any]:
        """The bottom of the screen stack, made as the app starts. `run --no-checks` asks nothing
        before its session, so the session screen is that bottom, composed with the app. (Pushed
        over Textual's empty screen once the app was up, it was styled and laid out a second time:
        6 ms of the start.) Everything else opens over the empty screen: _open_first_screen.

        The theme is set first, so that the first screen is styled once, in its colours."""
        self._apply_theme()
        if self.plan is None or self.checks:
            return super().get_default_screen()
        from sessiontimer.tui.screens.session import SessionScreen

        # Textual cannot switch away from its bottom screen, so this session, once over, stays
        # at the bottom in place of the empty screen, and what follows it opens over it
        # (SessionScreen.replace_with).
        self._session_at_bottom = True
        return SessionScreen(self.plan, speed=self.speed)

    def _floor(self) -> int:
        """How many screens stay at the bottom of the stack whatever is open: one, Textual's empty
        screen or the `run --no-checks` session (see get_default_screen)."""
        return 1

    def _open_first_screen(self) -> None:
        self.call_after_refresh(_collector_on)
        if self._session_at_bottom:  # up already
            return
        if self.plan is not None:  # `sessiontimer run`: its speed and checks are for this one
            self.start_session(self.plan, speed=self.speed, checks=self.checks)
        else:
            self.go_home()
            if self.open_breaks:
                self.show_breaks()

    def on_unmount(self) -> None:
        self.close_breaks_record()
        if self._speaker is not None:
            self._speaker.close()
        if self._break_speaker is not None:
            self._break_speaker.close()
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
        self.close_breaks_record()
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

    async def action_quit(self) -> None:
        """ctrl+q (and the palette's Quit): with unsaved text in the routine editor, ask first."""
        if not any(editor.modified for editor in self._editors()):
            self.exit()
            return
        from sessiontimer.tui.screens.confirm import ConfirmScreen

        def answered(answer: str | None) -> None:
            if answer == "yes":
                self.exit()

        self.push_screen(
            ConfirmScreen("Quit without saving? The routine you are editing has unsaved changes."),
            answered,
        )

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
        """Home, closing whatever is open (the end of a session and its screens)."""
        from sessiontimer.tui.screens.home import HomeScreen

        self.write_window_title("sessiontimer")
        if not self._back_to_editor():
            floor = self._floor()
            while len(self.screen_stack) > floor + 1:
                self.pop_screen()
            if len(self.screen_stack) > floor:
                self.switch_screen(HomeScreen())
            else:
                self.push_screen(HomeScreen())
        if self.break_timer.held:  # a routine has ended: a break due meanwhile is called now
            desk = self._desk_routine_running
            self._desk_routine_running = False
            if desk:
                self.show_breaks()
            self.handle_breaks(self.break_timer.release())

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

    # -- editing routines (issue 6) ----------------------------------------------------------------
    def schema_path(self) -> Path | None:
        """The routine schema shipped beside the built-in routines (copied beside the user's)."""
        schema = self.builtin_dir / "routine.schema.json"
        return schema if schema.is_file() else None

    def edit_routine(self, entry: Entry) -> None:
        """The in-app editor for this routine (e on home)."""
        from sessiontimer.tui.screens.editor import EditorScreen

        self.push_screen(EditorScreen(entry))

    def progress_routine(self, entry: Entry) -> None:
        """The standard progression: what would change, then (after y) the file edited in place;
        a built-in routine gets a copy of its own (copy-on-write)."""
        from sessiontimer.core.progression import ProgressionError, apply_progression, progress_file
        from sessiontimer.tui.screens.progress import ProgressScreen

        try:
            read, progression = progress_file(entry.path)
        except ProgressionError as error:
            self.notify(str(error), title="Not progressed", severity="error", markup=False)
            return
        if not progression.changes:
            self.notify(
                f"{entry.name}: every hold is at 60 s and every rep count at 15 (or it has none); "
                "nothing to change",
                title="Progress",
                markup=False,
            )
            return
        target = self.user_dir / entry.path.name if entry.source == "built-in" else None

        def answered(apply: bool | None) -> None:
            if not apply:
                return
            try:
                written = apply_progression(entry.path, read, progression, target)
            except ProgressionError as error:
                self.notify(str(error), title="Not progressed", severity="error", markup=False)
                return
            if target is not None:
                from sessiontimer.core.authoring import ensure_schema

                ensure_schema(self.user_dir, self.schema_path())
            count = len(progression.changes)
            self.notify(
                f"{count} change{'s' if count > 1 else ''} saved to {written}",
                title="Progressed",
                markup=False,
            )
            self.routines_changed()

        self.push_screen(ProgressScreen(entry.name, progression.changes, target), answered)

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
        """The checks that are due (disclaimer once, red flags as configured), then the session.

        Sessions started from home always run at real speed with the checks: a `run --speed 10
        --no-checks` rehearsal does not carry over to them. ``pain_checks`` False leaves out the
        pain check-ins only (the desk routine at a break: the safety questions are still asked);
        ``desk``: the desk routine of a break, which stands when the session opens.

        From here until home, a break falling due waits: it is never called over the safety
        questions, the emergency advice, the session or its summary."""
        self.handle_breaks(self.break_timer.hold())

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
            if checks and pain_checks:
                from sessiontimer.tui.screens.checkin import CheckinScreen

                self.push_screen(CheckinScreen("before", plan.routine.name), checked_in)
            else:
                self._open_session(plan, speed, checks=False, before=None, desk=desk)

        def checked_in(answers: CheckIn | None) -> None:
            self._open_session(plan, speed, checks=True, before=answers, desk=desk)

        if checks and disclaimer_due(self.config):
            from sessiontimer.tui.screens.disclaimer import DisclaimerScreen

            self.push_screen(DisclaimerScreen(), answered_disclaimer)
        else:
            red_flags()

    def _open_session(
        self, plan: Plan, speed: float, *, checks: bool, before: CheckIn | None, desk: bool
    ) -> None:
        from sessiontimer.tui.screens.session import SessionScreen

        if desk:  # standing starts with the routine itself, not before its safety questions
            self._desk_routine_running = True
            self.handle_breaks(self.break_timer.stand(routine=True))
        self.push_screen(SessionScreen(plan, speed=speed, checks=checks, before=before))

    # -- the sit/stand break timer -------------------------------------------------------------------
    @property
    def break_speaker(self) -> Speaker:
        """Speech and bell for breaks: [breaks] sound, else the app's sound setting."""
        mode = self.break_timer.settings.sound or self.config.sound
        if mode == self.config.sound:
            return self.speaker
        if self._break_speaker is None:
            from sessiontimer.sound import Speaker

            self._break_speaker = Speaker(mode)
        return self._break_speaker

    @property
    def notifier(self) -> Notifier:
        if self._notifier is None:
            from sessiontimer.desktop import Notifier

            self._notifier = Notifier()
        return self._notifier

    def show_breaks(self) -> None:
        """The break timer screen (b on home, the palette, `sessiontimer breaks`, a break called)."""
        from sessiontimer.tui.screens.breaks import BreaksScreen

        if not isinstance(self.screen, BreaksScreen):
            self.push_screen(BreaksScreen())

    def leave_breaks(self) -> None:
        """Escape on the break timer: back to the screen under it (the timer keeps running)."""
        from sessiontimer.tui.screens.breaks import BreaksScreen

        if isinstance(self.screen, BreaksScreen) and len(self.screen_stack) > self._floor() + 1:
            self.pop_screen()
        else:
            self.go_home()

    def break_tick(self) -> None:
        """Bring the break timer up to now (its timer calls this; tests may too)."""
        self.handle_breaks(self.break_timer.tick())

    def break_action(self, name: str) -> None:
        """A key on the break timer: pause, resume, toggle_pause, snooze, skip or stand."""
        if name not in ("pause", "resume", "toggle_pause", "snooze", "skip", "stand"):
            raise ValueError(name)
        self.handle_breaks(getattr(self.break_timer, name)())

    def start_desk_routine(self) -> None:
        """Enter at a break: stand, with the desk routine ([breaks] routine) as a session."""
        from sessiontimer.core.library import RoutineNotFound, resolve
        from sessiontimer.core.plan import build_plan

        ref = self.break_timer.settings.routine
        try:
            entry = resolve(ref, self.builtin_dir, self.user_dir)
        except RoutineNotFound as error:
            self.notify(
                f"{error}. Press t to stand without it, or set routine in [breaks] of config.toml.",
                title="Desk routine",
                severity="warning",
                markup=False,
            )
            return
        if entry.routine is None:
            problems = "\n".join(str(p) for p in entry.problems[:3])
            self.notify(
                f"The desk routine {ref} has problems; press t to stand without it.\n{problems}",
                title="Desk routine",
                severity="warning",
                markup=False,
            )
            return
        self.start_session(build_plan(entry.routine), pain_checks=False, desk=True)

    def handle_breaks(self, events: list[bk.Event]) -> None:
        """Play and store what the break timer says, then redraw."""
        settings = self.break_timer.settings
        called: bk.BreakCalled | None = None
        for event in events:
            if isinstance(event, bk.Recorded):
                self._log_break(event.record)
            elif isinstance(event, bk.BreakCalled):
                called = event
            elif isinstance(event, bk.Snoozed):
                left = f"{event.left} snooze{'s' if event.left != 1 else ''} left"
                self.notify(f"Snoozed for {spoken(event.seconds)} ({left}).", title="Break")
            elif isinstance(event, bk.SnoozeRefused):
                self.notify(
                    "No snoozes left for this break: time to stand up.",
                    title="Break",
                    severity="warning",
                )
                self._sound("No snoozes left. Time to stand up.")
            elif isinstance(event, bk.StandingStarted) and not event.routine:
                self._sound(f"Stand and move for {spoken(event.seconds)}.", bell=False)
            elif isinstance(event, bk.SittingStarted) and event.after == "stood":
                self._sound(f"You can sit down. Next break in {spoken(settings.sit)}.")
            elif isinstance(event, bk.SittingStarted) and event.after == "away":
                self.notify(
                    "Welcome back: time away counts as a break. The sitting time starts over.",
                    title="Break",
                )
        if called is not None:
            self._call_break(called)
        elif self.break_timer.phase is not bk.Phase.DUE:
            self._clear_break_toasts()  # answered: "Time to stand up" is no longer true
        self.refresh_breaks()

    def _clear_break_toasts(self) -> None:
        """The break was answered: its "Time to stand up" toast goes. Textual removes toasts only
        all together (in public), so the others shown at that moment go too; the user has just
        acted on the screen, and every toast of ours is also said elsewhere or comes again."""
        if time.monotonic() < self._break_toast_until:
            self._break_toast_until = 0.0
            self.clear_notifications()

    def _sound(self, words: str, bell: bool = True) -> None:
        speaker = self.break_speaker
        if bell and speaker.rings:
            self.bell()
        if speaker.speaks:
            speaker.say(words)

    def _call_break(self, event: bk.BreakCalled) -> None:
        """Time to stand: the bell and speech, a toast, the window title, a desktop notice."""
        stand = spoken(self.break_timer.settings.stand)
        body = f"Stand up and move for {stand}. Enter: the desk routine · s: snooze · x: skip."
        if event.insist:
            body = f"No snoozes left. Stand up and move for {stand}. Enter: the desk routine."
        self._sound("Time to stand up." + (" No snoozes left." if event.insist else ""))
        self.notify(
            body,
            title=BREAK_TOAST,
            severity="warning" if event.insist else "information",
            timeout=BREAK_TOAST_SECONDS,
        )
        self._break_toast_until = time.monotonic() + BREAK_TOAST_SECONDS
        if not event.reminder:  # (reminders ring here; the desktop keeps the first notice)
            self.notifier.notify("Time to stand up", body, urgent=event.insist)
            if not getattr(self.screen, "TAKES_TYPING", False):  # keys typed go where meant
                self.show_breaks()

    def _log_break(self, record: bk.BreakRecord, read_today: bool = True) -> None:
        if self._break_log is None:
            from sessiontimer.core.breaklog import BreakLog

            self._break_log = BreakLog(self.history(), problem=self.history_problem)
        said = self._break_log.problem
        self._break_log.save(record)
        problem = self._break_log.problem
        if problem and problem != said:
            self.notify(problem, title="History", severity="warning", markup=False)
        if record.outcome != "open" and read_today:
            self.read_break_today()

    def close_breaks_record(self) -> None:
        """The app is ending: store how the break in hand ended (standing: taken so far; called
        or snoozed: missed)."""
        for event in self.break_timer.close():
            if isinstance(event, bk.Recorded):
                self._log_break(event.record, read_today=False)

    def _watch_lock(self) -> None:
        """Look at whether the screen is locked every 15 s (when the desktop can say)."""
        from sessiontimer.desktop import LOCK_POLL, LockWatch

        if self._lock_watch is None:
            self._lock_watch = LockWatch()
        if self._lock_watch.available:
            self.set_interval(LOCK_POLL, self._poll_lock)

    def _poll_lock(self) -> None:
        watch = self._lock_watch
        assert watch is not None

        def ask() -> None:
            from textual.worker import get_current_worker

            locked = watch.locked()
            if not get_current_worker().is_cancelled:
                self.call_from_thread(self.screen_locked, locked)

        self.run_worker(ask, thread=True, exclusive=True, group="lock")

    def screen_locked(self, locked: bool | None) -> None:
        """What the desktop says: a screen locked for at least a standing period, now unlocked,
        counts as a break taken."""
        if locked is None:
            return
        if locked and self._locked_since is None:
            self._locked_since = self.clock.wall()
        elif not locked and self._locked_since is not None:
            since, self._locked_since = self._locked_since, None
            self.handle_breaks(self.break_timer.away(since))

    def read_break_today(self) -> None:
        """Read today's breaks from the history (in a worker thread), then redraw."""
        today = self.today()

        def read() -> None:
            from textual.worker import get_current_worker

            days, _problem = self.read_history(lambda store: store.break_days(since=today))
            found = next((d for d in days or [] if d.day == today), None)
            if not get_current_worker().is_cancelled:
                self.call_from_thread(self._got_break_today, found)

        self.run_worker(read, thread=True, exclusive=True, group="break-today")

    def _got_break_today(self, day: BreakDay | None) -> None:
        self.break_today = day
        self.refresh_breaks()

    def _check_break_day(self) -> None:
        """After midnight, yesterday's breaks are not today's."""
        if self.break_today is not None and self.break_today.day != self.today():
            self.break_today = None
            self.read_break_today()

    def refresh_breaks(self) -> None:
        """Show the break timer on the screen on top (when it shows it), and wake again when
        something next changes: each second while a countdown is on screen, else at a deadline."""
        timer = self.break_timer
        view = timer.view()
        self._check_break_day()
        screen = self.screen if self.screen_stack else None
        show = getattr(screen, "show_breaks", None)
        if show is not None:
            show(view)
        title = None
        if view.phase is bk.Phase.DUE and not view.held:
            title = "Stand up! — sessiontimer"
        elif getattr(screen, "IS_BREAK_TIMER", False) and view.seconds is not None:
            word = "standing" if view.phase is bk.Phase.STANDING else "break in"
            title = f"{format_clock(view.seconds)} {word} — sessiontimer"
        if title is not None:
            self.write_window_title(title)
            self._break_title = True
        elif self._break_title:  # the break timer's title is out of date: back to the plain one
            self.write_window_title("sessiontimer")
        if self._break_timer_handle is not None:
            self._break_timer_handle.stop()
            self._break_timer_handle = None
        display = bool(getattr(screen, "SHOWS_BREAK_COUNTDOWN", False))
        delay = timer.wake_in(display=display)
        # At least every 30 s: Textual's timers stand still while the machine sleeps, and a
        # sleep is only noticed at the next look.
        delay = BREAK_LOOK_EVERY if delay is None else min(delay, BREAK_LOOK_EVERY)
        self._break_timer_handle = self.set_timer(max(delay, 0.001), self.break_tick)

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
        self._break_title = False
        if title == self._window_title:
            return
        self._window_title = title
        if not self.is_headless:
            write_to_terminal(self, f"\x1b]2;{clean_line(title)}\x07")
