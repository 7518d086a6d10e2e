"""The way into a plain session and out of it, in order (as tui/flows/session.py does for the full
screen): the first-run disclaimer, the day's red-flag questions (their answers kept), the steps a
safety stop left out, the last cold pack, the check-in before, the session, then the summary.

At real speed the disclaimer and the day's red flags are asked when due even with --no-checks
(that leaves out the pain check-ins only); a rehearsal asks no check-ins, and with --no-checks
nothing at all (DESIGN.md section 2). SIGTERM, SIGHUP, Ctrl+C and a closed input end a session
as interrupted, with what was done kept; never a traceback.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from sessiontimer.core.base.clock import Clock, SystemClock
from sessiontimer.core.history.records import CheckIn
from sessiontimer.core.history.rows import local_time
from sessiontimer.core.session.engine import Session
from sessiontimer.core.session.plan import Plan, leave_out
from sessiontimer.core.session.safety import COLD_GAP_HOURS, cold_again_text, left_out_text
from sessiontimer.core.settings.model import disclaimer_due, red_flags_due
from sessiontimer.core.settings.reading import load_config
from sessiontimer.plain.advice import say_emergency, say_summary
from sessiontimer.plain.asking import (
    Answers,
    ask_checkin,
    ask_disclaimer,
    ask_red_flags,
    ask_yes_no,
)
from sessiontimer.plain.console import Ended, Keys, Output, SignalWatch, StreamKeys
from sessiontimer.plain.session import Observer, PlainSession
from sessiontimer.plain.words import KEYS_LINE, routine_line
from sessiontimer.system import paths

if TYPE_CHECKING:
    from sessiontimer.core.history.store import Store
    from sessiontimer.system.sound import Speaker

T = TypeVar("T")
NOT_STARTED = "The session has not started."


def main_plain(plan: Plan, speed: float, checks: bool) -> int:
    """`run ROUTINE --plain` on this terminal: keys from stdin, lines to stdout. Returns the
    exit status (128 + a signal's number when one ended it)."""
    out = Output.for_terminal()
    with SignalWatch() as watch, StreamKeys(sys.stdin.fileno(), watch) as keys:
        code = PlainRun(plan, speed=speed, checks=checks, out=out, keys=keys).run()
    if out.dead:  # the terminal is gone (SIGHUP): nothing to flush to, and nothing to say
        os._exit(code)
    return code


class PlainRun:
    """One `run --plain`: the questions before, the session, what follows it."""

    def __init__(
        self,
        plan: Plan,
        *,
        speed: float = 1.0,
        checks: bool = True,
        out: Output,
        keys: Keys,
        clock: Clock | None = None,
        config_path: Path | None = None,
        history_path: Path | None = None,
        speaker: Speaker | None = None,
        observe: Observer | None = None,
    ) -> None:
        self.plan = plan
        self.speed = speed
        self.checks = checks
        self.out = out
        self.keys = keys
        self.clock: Clock = clock or SystemClock()
        self.config_path = config_path or paths.config_file()
        self.history_path = history_path or paths.history_file()
        self._speaker = speaker
        self.observe = observe
        self.config, self.config_problems = load_config(self.config_path)
        self.store: Store | None = None
        self.history_problem: str | None = None
        self.session: PlainSession | None = None

    def run(self) -> int:
        try:
            return self._run()
        except Ended as ended:
            self._interrupted(ended)
            return ended.code
        finally:
            self._close()

    def _run(self) -> int:
        out = self.out
        for problem in self.config_problems:
            out.line(f"config.toml: {problem} (using the default)")
        out.line(routine_line(self.plan))
        if self.speed != 1:
            out.line(
                f"A rehearsal at {self.speed:g} times the speed: it does not count as a session."
            )
        self._open_history()
        # At real speed the safety questions are asked when due even with --no-checks.
        safety = self.checks or self.speed == 1
        today = self.today()
        if safety and disclaimer_due(self.config):
            if not ask_disclaimer(out, self.keys):
                out.line(NOT_STARTED)
                return 0
            self._save(disclaimer_seen=today)
        if safety and red_flags_due(self.config, today):
            one_applies = ask_red_flags(out, self.keys)
            if one_applies is None:
                out.line(NOT_STARTED)
                return 0
            self._record_red_flags(one_applies)
            if one_applies:
                say_emergency(out)
                return 0
            self._save(red_flags_checked=today)
        plan = self._without_left_out(self.plan)
        if plan is None:
            return 0
        if safety and not self._cold_gap_kept(plan):
            out.line(NOT_STARTED)
            return 0
        pain = self.checks and self.speed == 1
        before: CheckIn | None = None
        if pain:
            before = ask_checkin(out, self.keys, "before", plan.routine.name, Answers())
        return self._session(plan, before, pain)

    def _session(self, plan: Plan, before: CheckIn | None, pain: bool) -> int:
        from sessiontimer.core.history.recording import Recorder

        recorder = Recorder(
            self.store,
            plan,
            self.clock,
            speed=self.speed,
            before=before,
            problem=self.history_problem,
        )
        recorder.start()
        self.out.line(KEYS_LINE)
        self.session = PlainSession(
            plan,
            Session(plan, self.clock, speed=self.speed),
            recorder,
            out=self.out,
            keys=self.keys,
            speaker=self.speaker,
            ask_after=pain,
            observe=self.observe,
        )
        status = self.session.run()
        if status != "stopped":
            session = self.session
            say_summary(
                self.out,
                session.session,
                status,
                pack_on=session.pack_on,
                before=before,
                after=session.after.checkin() if session.after else None,
                history_problem=recorder.problem,
            )
        return 0

    def _interrupted(self, ended: Ended) -> None:
        plain = self.session
        if plain is None:
            self.out.line(f"Ended: {ended.reason}. {NOT_STARTED}")
            return
        running = not plain.session.finished
        plain.interrupt(ended.reason)
        if running:
            self.out.line(f"Session interrupted: {ended.reason}. What you did so far is kept.")
        else:
            self.out.line(f"Ended: {ended.reason}. Your answers so far are kept.")

    def _close(self) -> None:
        if self._speaker is not None:
            self._speaker.close()
        if self.store is not None:
            with contextlib.suppress(sqlite3.Error):
                self.store.close()
            self.store = None

    # -- settings and history ----------------------------------------------------------------------
    @property
    def speaker(self) -> Speaker:
        """Speech and bell as config.toml says."""
        if self._speaker is None:
            from sessiontimer.system.sound import Speaker

            self._speaker = Speaker(self.config.sound)
        return self._speaker

    def today(self) -> date:
        return datetime.fromtimestamp(self.clock.epoch()).date()

    def _save(self, **changes: object) -> None:
        from sessiontimer.core.settings.writing import update_config

        problem = update_config(self.config_path, **changes)
        if problem is not None:
            self.out.line(f"Setting not saved: {problem}")

    def _open_history(self) -> None:
        from sessiontimer.core.history.connection import HistoryUnavailable, open_history

        try:
            opened = open_history(self.history_path, clock=self.clock)
        except HistoryUnavailable as error:
            self.history_problem = str(error)
            self.out.line(self.history_problem)
            return
        self.store = opened.store
        if opened.notice:
            self.out.line(opened.notice)

    def _in_history(self, work: Callable[[Store], T]) -> tuple[T | None, str | None]:
        if self.store is None:
            return None, self.history_problem or "History is off."
        try:
            return work(self.store), None
        except sqlite3.Error as error:
            return None, f"The history could not be read ({error})."

    def _record_red_flags(self, yes: bool) -> None:
        """Every answer is kept with its time (DESIGN.md section 6)."""
        from sessiontimer.core.history.safety_record import SafetyRecord

        at = local_time(self.clock.epoch())
        routine = self.plan.routine.id or self.plan.routine.name
        _, problem = self._in_history(
            lambda store: SafetyRecord(store).answer_red_flags(yes=yes, at=at, routine=routine)
        )
        if problem:
            self.out.line(f"Your answer could not be recorded: {problem}")

    def _without_left_out(self, plan: Plan) -> Plan | None:
        """The plan without the steps a safety stop left out, said; None when nothing is left."""
        from sessiontimer.core.history.safety_record import SafetyRecord

        routine = plan.routine.id or plan.routine.name
        names, _ = self._in_history(lambda store: SafetyRecord(store).left_out_names(routine))
        if not names:
            return plan
        shown = [step.name for step in plan.routine.steps if step.name in names]
        reduced = leave_out(plan, names)
        if not reduced.segments:
            self.out.line(
                f"Every step of {plan.routine.name} is left out after a safety stop. Put one "
                "back from home (c) once a clinician has seen it."
            )
            self.out.line(NOT_STARTED)
            return None
        if shown:
            self.out.line(left_out_text(shown))
        return reduced

    def _cold_gap_kept(self, plan: Plan) -> bool:
        """A routine with a cold pack, under 2 hours after the last one: ask first."""
        if not any(step.kind == "cold" for step in plan.routine.steps):
            return True
        from sessiontimer.core.history.safety_record import SafetyRecord

        now = local_time(self.clock.epoch())
        last, _ = self._in_history(
            lambda store: SafetyRecord(store).last_cold_pack(now, COLD_GAP_HOURS)
        )
        if last is None:
            return True
        minutes = max(0, int((now - last).total_seconds() // 60))
        question = cold_again_text(last.astimezone().strftime("%H:%M"), minutes)
        return ask_yes_no(self.out, self.keys, question) == "yes"
