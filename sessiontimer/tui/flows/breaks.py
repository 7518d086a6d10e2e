"""The sit/stand break timer's controller: it keeps the core's BreakTimer up to now, sounds and
shows what it says (a bell and speech, a toast, the window title, a desktop notice, the break
screen), logs the breaks to the history, and counts a locked screen as a break taken.

The timing itself (when a break is due, snoozes, standing, away) is the core's
(``core/breaks``); this module only wires it to the app.
"""

from __future__ import annotations

import time
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from sessiontimer.core.base.durations import format_clock, spoken
from sessiontimer.core.breaks import events as bk
from sessiontimer.core.breaks.timer import BreakTimer
from sessiontimer.tui.context import AppContext, ShowsBreakCountdown, TakesTyping

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

    from sessiontimer.core.history.breaklog import BreakLog
    from sessiontimer.core.history.records import BreakDay
    from sessiontimer.system.desktop import LockWatch, Notifier
    from sessiontimer.system.sound import Speaker

BREAK_TOAST = "Time to stand up"  # the title of the toast that calls a break
BREAK_TOAST_SECONDS = 20.0  # how long it shows
BREAK_LOOK_EVERY = 30.0  # seconds: the longest the break timer goes without a look
ACTIONS = ("pause", "resume", "toggle_pause", "snooze", "skip", "stand")


class BreakController:
    """The break timer of one app. ``app`` is the running Textual app; ``context`` the same app
    through the protocol screens use (tui/context.py)."""

    def __init__(
        self,
        app: App[Any],
        context: AppContext,
        timer: BreakTimer,
        notifier: Notifier | None = None,
        lock_watch: LockWatch | None = None,
    ) -> None:
        self.app = app
        self.context = context
        self.timer = timer
        self._today: BreakDay | None = None  # today's breaks, from the history
        self._notifier = notifier
        self._lock_watch = lock_watch
        self._locked_since: float | None = None  # wall clock: the screen was seen locked
        self._speaker: Speaker | None = None
        self._log: BreakLog | None = None
        self._handle: Timer | None = None
        self._toast_until = 0.0  # time.monotonic(): a "Time to stand up" toast shows until
        self.desk_routine_running = False

    @property
    def today(self) -> BreakDay | None:
        return self._today

    # -- speakers and the desktop ---------------------------------------------------------------
    @property
    def speaker(self) -> Speaker:
        """Speech and bell for breaks: [breaks] sound, else the app's sound setting."""
        mode = self.timer.settings.sound or self.context.config.sound
        if mode == self.context.config.sound:
            return self.context.speaker
        if self._speaker is None:
            from sessiontimer.system.sound import Speaker

            self._speaker = Speaker(mode)
        return self._speaker

    @property
    def notifier(self) -> Notifier:
        if self._notifier is None:
            from sessiontimer.system.desktop import Notifier

            self._notifier = Notifier()
        return self._notifier

    def close(self) -> None:
        """The app is ending: store how the break in hand ended (standing: taken so far; called
        or snoozed: missed), and let the break speaker go."""
        for event in self.timer.close():
            if isinstance(event, bk.Recorded):
                self._save(event.record, read_today=False)
        if self._speaker is not None:
            self._speaker.close()

    # -- keys and ticks -------------------------------------------------------------------------
    def tick(self) -> None:
        """Bring the break timer up to now (its timer calls this; tests may too)."""
        self.handle(self.timer.tick())

    def action(self, name: str) -> None:
        """A key on the break timer: pause, resume, toggle_pause, snooze, skip or stand."""
        if name not in ACTIONS:
            raise ValueError(name)
        events = getattr(self.timer, name)()
        if name == "skip":
            self._say_skipped(events)
        self.handle(events)

    def _say_skipped(self, events: list[bk.Event]) -> None:
        """x says what it did: a break skipped, standing ended, or nothing to skip."""
        sat = next((event for event in events if isinstance(event, bk.SittingStarted)), None)
        after = f"The next break is in {spoken(self.timer.settings.sit)}."
        if sat is None:
            text = "There is no break to skip now."
        elif sat.after == "skipped":
            text = f"Break skipped. {after}"
        else:
            text = f"Standing ended: you can sit down. {after}"
        self.app.notify(text, title="Break")

    def start_desk_routine(self) -> None:
        """Enter at a break: stand, with the desk routine ([breaks] routine) as a session."""
        from sessiontimer.core.routines.library import RoutineNotFound, resolve
        from sessiontimer.core.session.plan import build_plan

        ref = self.timer.settings.routine
        try:
            entry = resolve(ref, self.context.builtin_dir, self.context.user_dir)
        except RoutineNotFound as error:
            self.app.notify(
                f"{error}. Press t to stand without it, or set routine in [breaks] of config.toml.",
                title="Desk routine",
                severity="warning",
                markup=False,
            )
            return
        if entry.routine is None:
            problems = "\n".join(str(p) for p in entry.problems[:3])
            self.app.notify(
                f"The desk routine {ref} has problems; press t to stand without it.\n{problems}",
                title="Desk routine",
                severity="warning",
                markup=False,
            )
            return
        self.context.start_session(build_plan(entry.routine), pain_checks=False, desk=True)

    def routine_finished(self, routine_id: str, seconds: float) -> None:
        """A routine ended with work done, at real speed: the desk routine, done from home
        during sitting time, counts as a break taken (DESIGN.md section 5); at a break it
        already is one."""
        wanted = self.timer.settings.routine  # an id, or a routine file's path
        if self.desk_routine_running or routine_id not in (wanted, PurePath(wanted).stem):
            return
        events = self.timer.routine_done(seconds)
        if any(isinstance(event, bk.SittingStarted) for event in events):
            self.app.notify(
                f"The desk routine counts as a break. Next one in {spoken(self.timer.settings.sit)}.",
                title="Break",
            )
        self.handle(events, quiet=True)

    def hold(self) -> None:
        """A routine starts: a break falling due waits until it is over (release)."""
        self.handle(self.timer.hold())

    def release(self) -> None:
        """Home again after a routine: a break due meanwhile is called now; after the desk
        routine of a break, the break timer comes back on."""
        if not self.timer.held:
            return
        desk, self.desk_routine_running = self.desk_routine_running, False
        if desk:
            self.context.show_breaks()
        self.handle(self.timer.release())

    def stand_for_desk_routine(self) -> None:
        """The desk routine of a break opens: standing starts with it."""
        self.desk_routine_running = True
        self.handle(self.timer.stand(routine=True))

    # -- what the timer says --------------------------------------------------------------------
    def handle(self, events: list[bk.Event], quiet: bool = False) -> None:
        """Play and store what the break timer says, then redraw (``quiet``: no "you can sit
        down", the screen has said what happened)."""
        settings = self.timer.settings
        called: bk.BreakCalled | None = None
        notify = self.app.notify
        for event in events:
            if isinstance(event, bk.Recorded):
                self._save(event.record)
            elif isinstance(event, bk.BreakCalled):
                called = event
            elif isinstance(event, bk.Snoozed):
                left = f"{event.left} snooze{'s' if event.left != 1 else ''} left"
                notify(f"Snoozed for {spoken(event.seconds)} ({left}).", title="Break")
            elif isinstance(event, bk.SnoozeRefused):
                notify(
                    "No snoozes left for this break: time to stand up.",
                    title="Break",
                    severity="warning",
                )
                self._sound("No snoozes left. Time to stand up.")
            elif isinstance(event, bk.StandingStarted) and not event.routine:
                self._sound(f"Stand and move for {spoken(event.seconds)}.", bell=False)
            elif isinstance(event, bk.SittingStarted) and event.after == "stood" and not quiet:
                self._sound(f"You can sit down. Next break in {spoken(settings.sit)}.")
            elif isinstance(event, bk.SittingStarted) and event.after == "away":
                notify(
                    "Welcome back: time away counts as a break. The sitting time starts over.",
                    title="Break",
                )
        if called is not None:
            self._call(called)
        elif self.timer.phase is not bk.Phase.DUE:
            self._clear_toasts()  # answered: "Time to stand up" is no longer true
        self.refresh()

    def _clear_toasts(self) -> None:
        """The break was answered: its "Time to stand up" toast goes. Textual removes toasts only
        all together (in public), so the others shown at that moment go too; the user has just
        acted on the screen, and every toast of ours is also said elsewhere or comes again."""
        if time.monotonic() < self._toast_until:
            self._toast_until = 0.0
            self.app.clear_notifications()

    def _sound(self, words: str, bell: bool = True) -> None:
        speaker = self.speaker
        notice = speaker.missing_notice()
        if notice is not None:
            self.app.notify(notice, title="No speech", severity="warning", markup=False, timeout=15)
        if bell and speaker.rings:
            self.app.bell()
        if speaker.speaks:
            speaker.say(words)

    def _call(self, event: bk.BreakCalled) -> None:
        """Time to stand: the bell and speech, a toast, the window title, a desktop notice."""
        stand = spoken(self.timer.settings.stand)
        body = f"Stand up and move for {stand}. Enter: the desk routine · s: snooze · x: skip."
        if event.insist:
            body = f"No snoozes left. Stand up and move for {stand}. Enter: the desk routine."
        self._sound("Time to stand up." + (" No snoozes left." if event.insist else ""))
        self.app.notify(
            body,
            title=BREAK_TOAST,
            severity="warning" if event.insist else "information",
            timeout=BREAK_TOAST_SECONDS,
        )
        self._toast_until = time.monotonic() + BREAK_TOAST_SECONDS
        if not event.reminder:  # (reminders ring here; the desktop keeps the first notice)
            self.notifier.notify("Time to stand up", body, urgent=event.insist)
            if not isinstance(self.app.screen, TakesTyping):  # keys typed go where meant
                self.context.show_breaks()

    def _save(self, record: bk.BreakRecord, read_today: bool = True) -> None:
        if self._log is None:
            from sessiontimer.core.history.breaklog import BreakLog

            self._log = BreakLog(self.context.history(), problem=self.context.history_problem)
        said = self._log.problem
        self._log.save(record)
        problem = self._log.problem
        if problem and problem != said:
            self.app.notify(problem, title="History", severity="warning", markup=False)
        if record.outcome != "open" and read_today:
            self.read_today()

    # -- the screen lock ------------------------------------------------------------------------
    def watch_lock(self) -> None:
        """Look at whether the screen is locked every 15 s (when the desktop can say)."""
        from sessiontimer.system.desktop import LOCK_POLL, LockWatch

        if self._lock_watch is None:
            self._lock_watch = LockWatch()
        if self._lock_watch.available:
            self.app.set_interval(LOCK_POLL, self._poll_lock)

    def _poll_lock(self) -> None:
        watch = self._lock_watch
        assert watch is not None

        def ask() -> None:
            from textual.worker import get_current_worker

            locked = watch.locked()
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self.screen_locked, locked)

        self.app.run_worker(ask, thread=True, exclusive=True, group="lock")

    def screen_locked(self, locked: bool | None) -> None:
        """What the desktop says: a screen locked for at least a standing period, now unlocked,
        counts as a break taken."""
        if locked is None:
            return
        if locked and self._locked_since is None:
            self._locked_since = self.context.clock.wall()
        elif not locked and self._locked_since is not None:
            since, self._locked_since = self._locked_since, None
            self.handle(self.timer.away(since))

    # -- today's breaks and the display ---------------------------------------------------------
    def read_today(self) -> None:
        """Read today's breaks from the history (in a worker thread), then redraw."""
        today = self.context.today()

        def read() -> None:
            from textual.worker import get_current_worker

            days, _problem = self.context.read_history(lambda store: store.break_days(since=today))
            found = next((d for d in days or [] if d.day == today), None)
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._got_today, found)

        self.app.run_worker(read, thread=True, exclusive=True, group="break-today")

    def _got_today(self, day: BreakDay | None) -> None:
        self._today = day
        self.refresh()

    def _check_day(self) -> None:
        """After midnight, yesterday's breaks are not today's."""
        if self._today is not None and self._today.day != self.context.today():
            self._today = None
            self.read_today()

    def refresh(self) -> None:
        """Show the break timer on the screen on top (when it shows it), and wake again when
        something next changes: each second while a countdown is on screen, else at a deadline."""
        view = self.timer.view()
        self._check_day()
        screen = self.app.screen if self.app.screen_stack else None
        shown = screen if isinstance(screen, ShowsBreakCountdown) else None
        if shown is not None:
            shown.show_breaks(view)
        title = None
        if view.phase is bk.Phase.DUE and not view.held:
            title = "Stand up! — sessiontimer"
        elif shown is not None and shown.TITLES_COUNTDOWN and view.seconds is not None:
            word = "standing" if view.phase is bk.Phase.STANDING else "break in"
            title = f"{format_clock(view.seconds)} {word} — sessiontimer"
        if title is not None:
            self.context.write_window_title(title, by_breaks=True)
        elif self.context.title_by_breaks:  # the break timer's title is out of date
            self.context.write_window_title("sessiontimer")
        if self._handle is not None:
            self._handle.stop()
            self._handle = None
        delay = self.timer.wake_in(display=shown is not None)
        # At least every 30 s: Textual's timers stand still while the machine sleeps, and a
        # sleep is only noticed at the next look.
        delay = BREAK_LOOK_EVERY if delay is None else min(delay, BREAK_LOOK_EVERY)
        self._handle = self.app.set_timer(max(delay, 0.001), self.tick)
