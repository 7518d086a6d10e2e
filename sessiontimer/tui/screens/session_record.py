"""The session screen's record in the history: started once the first frame is drawn (so the
history never delays the start), synced at every segment boundary, and ended as the session ends,
is left, or the process is told to end; the answers of the check-in after it are kept as given."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sessiontimer.tui.context import context as app_context

RETRY_SECONDS = 1.0

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.widget import Widget

    from sessiontimer.core.history.recording import Recorder
    from sessiontimer.core.history.records import CheckIn
    from sessiontimer.core.session.engine import Session
    from sessiontimer.core.session.plan import Plan
    from sessiontimer.tui.screens.checkin import CheckinScreen


class SessionRecord:
    """What one session screen writes to the history (through ``Recorder``, in core)."""

    def __init__(self, node: Widget, plan: Plan, speed: float, before: CheckIn | None) -> None:
        self.node = node  # the session screen: where a problem is said (a toast)
        self.plan = plan
        self.speed = speed
        self.before = before
        self.recorder: Recorder | None = None
        self._after_screen: CheckinScreen | None = None  # the check-in after, while it is open
        self._retrying: Timer | None = None  # writes waiting for a busy file

    @property
    def after_screen(self) -> CheckinScreen | None:
        return self._after_screen

    @after_screen.setter
    def after_screen(self, screen: CheckinScreen | None) -> None:
        """The check-in after the session (or the stop): each answer is written as it is given."""
        self._after_screen = screen
        if screen is not None:
            screen.on_answer = self._answered

    def _answered(self, answers: CheckIn) -> None:
        if self.recorder is not None:
            self.recorder.after(answers)
            self._retry_while_busy()

    @property
    def problem(self) -> str | None:
        return self.recorder.problem if self.recorder else None

    def start(self, session: Session | None) -> None:
        """The session's row: written once, when first needed (the first frame, or an end that
        came before it); then it catches up with anything that happened meanwhile."""
        from sessiontimer.core.history.recording import Recorder

        if self.recorder is not None or session is None:
            return
        context = app_context(self.node)
        self.recorder = Recorder(
            context.history(),
            self.plan,
            context.clock,
            speed=self.speed,
            before=self.before,
            problem=context.history_problem,
        )
        self.recorder.start()
        context.announce_history()
        self.sync(session)

    def sync(self, session: Session | None) -> None:
        """Write what changed to the history (a segment boundary, the end)."""
        if self.recorder is None or session is None:
            return
        said = self.recorder.problem
        self.recorder.sync(session)
        if self.recorder.problem and self.recorder.problem != said:
            self.node.notify(
                self.recorder.problem, title="History", severity="warning", markup=False
            )
        self._retry_while_busy()

    def _retry_while_busy(self) -> None:
        """Another process held the file: what was not written is tried again each second (on
        the app, so it goes on after this screen has gone: the end of a session has no next
        boundary), until it is written or history is off."""
        recorder = self.recorder
        if recorder is None or recorder.waiting is None or self._retrying is not None:
            return

        def again() -> None:
            assert recorder is not None
            recorder.after_busy()
            if recorder.waiting is None and self._retrying is not None:
                self._retrying.stop()
                self._retrying = None

        self._retrying = self.node.app.set_interval(RETRY_SECONDS, again, name="history-retry")

    def after(self, answers: CheckIn | None) -> None:
        """The check-in after the session is over (None: not asked, or closed)."""
        self.after_screen = None
        if answers is not None and self.recorder is not None:
            self.recorder.after(answers)
            self._retry_while_busy()

    def keep_answers_given(self) -> None:
        """The app ends during the check-in after the session: what was answered is kept."""
        screen = self.after_screen
        if screen is not None and self.recorder is not None:
            self.recorder.after(screen.so_far())

    def interrupt(self, session: Session, reason: str) -> None:
        """The process is being ended: the session is recorded as interrupted."""
        if not session.finished:
            self.start(session)  # (a signal before the first frame)
        if self.recorder is not None:
            self.recorder.interrupt(session, reason)
        self.keep_answers_given()
