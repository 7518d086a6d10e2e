"""The way into a session, in order: the first-run disclaimer, the day's red-flag questions, the
pain check-in, then the session screen (which leads to its own check-in after and its summary).

One straight-line coroutine (a worker with ``push_screen_wait``, as Textual's guide shows) instead
of a chain of callbacks: each question is asked, its answer read, and the next one follows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sessiontimer.core.settings.model import disclaimer_due, red_flags_due
from sessiontimer.tui.context import AppContext

if TYPE_CHECKING:
    from textual.app import App

    from sessiontimer.core.history.records import CheckIn
    from sessiontimer.core.session.plan import Plan
    from sessiontimer.tui.flows.breaks import BreakController


FLOW_GROUP = "session-flow"


def flow_under_way(app: App[Any], group: str) -> bool:
    """A worker of ``group`` is waiting to start or running."""
    return any(worker.group == group and not worker.is_finished for worker in app.workers)


class SessionFlow:
    """Starts sessions for one app (``app``: the Textual app; ``context``: the same app through
    the protocol screens use)."""

    def __init__(self, app: App[Any], context: AppContext, breaks: BreakController) -> None:
        self.app = app
        self.context = context
        self.breaks = breaks

    def start(
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
        questions, the emergency advice, the session or its summary.

        A start while one is under way is not a second session: the first screen opens a moment
        after the key (the worker's next turn), and a second key of the same press (a double
        Enter, key repeat, typing ahead) would otherwise start the whole flow again."""
        if flow_under_way(self.app, FLOW_GROUP):
            return
        self.breaks.hold()
        self.app.run_worker(
            self._ask_then_open(plan, speed, checks, pain_checks, desk),
            name=FLOW_GROUP,
            group=FLOW_GROUP,
        )

    def cancel(self) -> None:
        """Home: a flow still waiting for an answer (its screen was closed) ends here."""
        self.app.workers.cancel_group(self.app, FLOW_GROUP)

    async def _ask_then_open(
        self, plan: Plan, speed: float, checks: bool, pain_checks: bool, desk: bool
    ) -> None:
        context, app = self.context, self.app
        if checks and disclaimer_due(context.config):
            from sessiontimer.tui.screens.disclaimer import DisclaimerScreen

            if not await app.push_screen_wait(DisclaimerScreen()):
                context.go_home()  # back home, also when the app was opened with a routine
                return
            context.save_setting(disclaimer_seen=context.today())
        if checks and red_flags_due(context.config, context.today()):
            from sessiontimer.tui.screens.red_flags import RedFlagsScreen

            one_applies = await app.push_screen_wait(RedFlagsScreen())
            if one_applies is None:  # Escape: back to where the user came from
                context.go_home()
                return
            if one_applies:
                from sessiontimer.tui.screens.emergency import EmergencyScreen

                app.push_screen(EmergencyScreen())
                return
            context.save_setting(red_flags_checked=context.today())
        before: CheckIn | None = None
        if checks and pain_checks:
            from sessiontimer.tui.screens.checkin import CheckinScreen

            before = await app.push_screen_wait(CheckinScreen("before", plan.routine.name))
        self.open(plan, speed, checks=checks and pain_checks, before=before, desk=desk)

    def open(
        self, plan: Plan, speed: float, *, checks: bool, before: CheckIn | None, desk: bool
    ) -> None:
        """The session screen itself, over whatever asked the questions."""
        from sessiontimer.tui.screens.session import SessionScreen

        if desk:  # standing starts with the routine itself, not before its safety questions
            self.breaks.stand_for_desk_routine()
        self.app.push_screen(SessionScreen(plan, speed=speed, checks=checks, before=before))
