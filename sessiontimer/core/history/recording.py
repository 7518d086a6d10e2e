"""Writes one session to the history as it goes: a row at the start, an update at every segment
boundary, the end, and the check-in after.

A Recorder never raises. When the store fails (disk full, the file locked for longer than the busy
timeout, the folder gone), it stops writing for the rest of the session and ``problem`` says why,
so the screen can say that history is off; the session itself goes on.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from sessiontimer.core.base.clock import Clock
from sessiontimer.core.history.connection import is_busy
from sessiontimer.core.history.records import CheckIn
from sessiontimer.core.history.rows import SegmentRow, local_time
from sessiontimer.core.history.safety_record import SafetyRecord
from sessiontimer.core.history.store import Store
from sessiontimer.core.routines.prescription import prescription
from sessiontimer.core.session.engine import Session
from sessiontimer.core.session.outcome import is_work
from sessiontimer.core.session.plan import Plan
from sessiontimer.core.session.state import State

_STATUS = {State.COMPLETED: "completed", State.STOPPED: "stopped", State.LEFT: "left"}


class Recorder:
    def __init__(
        self,
        store: Store | None,
        plan: Plan,
        clock: Clock,
        *,
        speed: float = 1.0,
        before: CheckIn | None = None,
        problem: str | None = None,
    ) -> None:
        self.store = store
        self.plan = plan
        self.clock = clock
        self.speed = speed
        self.before = before
        self.problem = problem if store is None else None
        self.session_id: int | None = None
        self.ended: str | None = None  # the status written at the end
        self.waiting: str | None = None  # the file was busy: what is not written yet is retried
        self._written: list[str | None] = [None] * len(plan.segments)
        self._index = -1
        self._after: CheckIn | None = None  # answers after the session not written yet
        self._status: tuple[str, str | None] | None = None  # an end not written yet
        self._session: Session | None = None
        self._started: datetime | None = None

    @property
    def recording(self) -> bool:
        return self.store is not None and self.session_id is not None and self.problem is None

    def _fail(self, error: sqlite3.Error) -> None:
        if is_busy(error):
            # Another program held the file longer than the busy timeout: nothing is dropped,
            # the next boundary writes everything since the last write.
            self.waiting = f"The history file is busy ({error}); the session is written later."
            return
        self.problem = (
            f"History is off for this session: the history file could not be written ({error})."
        )
        self.store = None

    def start(self) -> None:
        """Write the session's row (call when the session starts)."""
        if self.store is None or self.session_id is not None:
            return
        if self._started is None:
            self._started = local_time(self.clock.epoch())
        routine = self.plan.routine
        rows = [
            SegmentRow(
                s.step, s.step_name, s.kind, s.side, s.set, s.rep, s.seconds, is_work(self.plan, s)
            )
            for s in self.plan.segments
        ]
        try:
            with self.store.waiting_at_most():
                self.session_id = self.store.begin(
                    routine=routine.id or routine.name,
                    routine_name=routine.name,
                    started=self._started,
                    segments=rows,
                    times_per_day=prescription(routine).target,  # a pack's maximum is no aim
                    speed=self.speed,
                    before=self.before,
                )
        except sqlite3.Error as error:
            self._fail(error)

    def sync(self, session: Session) -> None:
        """After the session moved: write the segments whose outcome changed, and the end (and
        whatever an earlier busy moment left unwritten)."""
        if self._status is None:
            status = _STATUS.get(session.state)
            if status in ("completed", "left") and session.result() == "none":
                status = "skipped"  # nothing was done: no credit (DESIGN.md section 6)
            if status is not None:
                self._status = (status, None)
        self._write(session)

    def interrupt(self, session: Session, reason: str) -> None:
        """The process is being ended (SIGTERM, SIGHUP): end the session as interrupted."""
        if not session.finished:
            session.leave()
        if self._status is None:
            self._status = ("interrupted", reason)
        self._write(session)

    def after_busy(self) -> None:
        """Try again what a busy file kept from being written."""
        if self.waiting is not None:
            self._write(None)

    def after(self, answers: CheckIn) -> None:
        """The check-in after the session (may be called again with more answers)."""
        if not answers.empty:
            self._after = answers
        self._write(None)

    def _write(self, session: Session | None) -> None:
        session = self._session = session or self._session
        if self.store is None:
            return
        if self.session_id is None:
            self.start()
            if self.session_id is None:
                return
        try:
            with self.store.waiting_at_most():
                self._write_now(session)
            self.waiting = None
        except sqlite3.Error as error:
            self._fail(error)

    def _write_now(self, session: Session | None) -> None:
        assert self.store is not None and self.session_id is not None
        if session is not None and self.ended is None:
            self._boundary(session)
            if self._status is not None:
                status, reason = self._status
                self._end(session, status, reason)
        if self._after is not None and self.ended is not None:
            self.store.check_in_after(self.session_id, self._after)
            self._after = None

    def _boundary(self, session: Session) -> None:
        assert self.store is not None and self.session_id is not None
        pairs = zip(session.outcomes, self._written, strict=True)
        changed = [(i, outcome) for i, (outcome, written) in enumerate(pairs) if outcome != written]
        if not changed and session.index == self._index and not session.finished:
            return
        self.store.boundary(
            self.session_id,
            changed=changed,
            segments_done=session.segments_done,
            active_seconds=session.active_seconds,
            current_segment=session.index,
            at=local_time(self.clock.epoch()),
        )
        self._written = list(session.outcomes)
        self._index = session.index

    def _end(self, session: Session, status: str, reason: str | None = None) -> None:
        assert self.store is not None and self.session_id is not None
        step = session.stop_step if status == "stopped" else None
        routine = self.plan.routine
        name = routine.steps[step].name if step is not None and step < len(routine.steps) else None
        ended = local_time(self.clock.epoch())
        self.store.finish(
            self.session_id,
            status=status,
            ended=ended,
            stop_reason=session.stop_reason if status == "stopped" else reason,
            stop_step=step,
            stop_step_name=name,
        )
        self.ended = status
        if name is not None:  # one safety stop leaves the step out of the next sessions
            SafetyRecord(self.store).leave_out(
                routine.id or routine.name, name, at=ended, session_id=self.session_id
            )
