"""The way into a session, in order: the first-run disclaimer, the day's red-flag questions, the
pain check-in, then the session screen (which leads to its own check-in after and its summary).

One straight-line coroutine (a worker with ``push_screen_wait``, as Textual's guide shows) instead
of a chain of callbacks: each question is asked, its answer read, and the next one follows.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from sessiontimer.core.settings.model import disclaimer_due, red_flags_due
from sessiontimer.tui.context import AppContext

if TYPE_CHECKING:
    from textual.app import App

    from sessiontimer.core.history.records import CheckIn
    from sessiontimer.core.history.store import Store
    from sessiontimer.core.session.plan import Plan
    from sessiontimer.core.settings.model import Config
    from sessiontimer.tui.flows.breaks import BreakController


T = TypeVar("T")
FLOW_GROUP = "session-flow"


def flow_under_way(app: App[Any], group: str) -> bool:
    """A worker of ``group`` is waiting to start or running."""
    return any(worker.group == group and not worker.is_finished for worker in app.workers)


def asks_before_session(
    plan: Plan, speed: float, checks: bool, config: Config, today: date
) -> bool:
    """Whether a session of `run` asks anything before it starts (then this flow opens it, not
    the app with its first screen). The disclaimer and the day's red flags are asked at real
    speed even with --no-checks; a rehearsal with --no-checks asks nothing; a routine with a cold
    pack may have to ask about the last one (the flow reads the history for that)."""
    if checks:
        return True
    if speed != 1:
        return False
    if disclaimer_due(config) or red_flags_due(config, today):
        return True
    return any(step.kind == "cold" for step in plan.routine.steps)


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
        self.context.last_routine = plan.routine.id or self.context.last_routine
        self.breaks.hold()
        self.app.run_worker(
            self._ask_then_open(plan, speed, checks, pain_checks, desk),
            name=FLOW_GROUP,
            group=FLOW_GROUP,
        )

    def ask_to_leave(self) -> bool:
        """ctrl+q during a session: ask as q does, and quit after a yes (False: no session)."""
        from sessiontimer.tui.screens.session import SessionScreen

        for screen in reversed(self.app.screen_stack):
            session = screen.session if isinstance(screen, SessionScreen) else None
            if isinstance(screen, SessionScreen) and session and not session.finished:
                screen.action_leave(then_quit=True)
                return True
        return False

    def cancel(self) -> None:
        """Home: a flow still waiting for an answer (its screen was closed) ends here."""
        self.app.workers.cancel_group(self.app, FLOW_GROUP)

    async def _ask_then_open(
        self, plan: Plan, speed: float, checks: bool, pain_checks: bool, desk: bool
    ) -> None:
        context, app = self.context, self.app
        # At real speed the disclaimer and the day's red flags are always asked when due, even
        # with --no-checks (that leaves out the pain check-ins only); a rehearsal with
        # --no-checks asks nothing at all, and a rehearsal never asks the pain check-ins.
        safety = checks or speed == 1
        if safety and disclaimer_due(context.config):
            from sessiontimer.tui.screens.disclaimer import DisclaimerScreen

            if not await app.push_screen_wait(DisclaimerScreen()):
                context.go_home()  # back home, also when the app was opened with a routine
                return
            context.save_setting(disclaimer_seen=context.today())
        if safety and red_flags_due(context.config, context.today()):
            from sessiontimer.tui.screens.red_flags import RedFlagsScreen

            one_applies = await app.push_screen_wait(RedFlagsScreen())
            if one_applies is None:  # Escape: back to where the user came from
                context.go_home()
                return
            await self._record_red_flags(bool(one_applies), plan)
            if one_applies:
                from sessiontimer.tui.screens.emergency import EmergencyScreen

                app.push_screen(EmergencyScreen())
                return
            context.save_setting(red_flags_checked=context.today())
        kept = await self._without_left_out(plan)
        if kept is None:
            return
        plan = kept
        if safety and not await self._cold_gap_kept(plan):
            context.go_home()
            return
        before: CheckIn | None = None
        pain = checks and pain_checks and speed == 1
        if pain:
            from sessiontimer.tui.screens.checkin import CheckinScreen

            before = await app.push_screen_wait(CheckinScreen("before", plan.routine.name))
            if before is None:  # Escape: back, no session, nothing recorded
                context.go_home()
                return
        self.open(plan, speed, checks=pain, before=before, desk=desk)

    async def _in_history(self, work: Callable[[Store], T]) -> tuple[T | None, str | None]:
        """``work`` on the history, off the UI thread (a busy file may take seconds)."""
        return await asyncio.to_thread(self.context.read_history, work)

    async def _record_red_flags(self, yes: bool, plan: Plan) -> None:
        """Every answer is kept with its time (DESIGN.md section 6)."""
        from sessiontimer.core.history.rows import local_time
        from sessiontimer.core.history.safety_record import SafetyRecord

        at = local_time(self.context.clock.epoch())
        routine = plan.routine.id or plan.routine.name
        _, problem = await self._in_history(
            lambda store: SafetyRecord(store).answer_red_flags(yes=yes, at=at, routine=routine)
        )
        if problem:
            self.app.notify(
                f"Your answer could not be recorded: {problem}",
                title="History",
                severity="warning",
                markup=False,
            )

    async def _without_left_out(self, plan: Plan) -> Plan | None:
        """The plan without the steps a safety stop left out; None (and a word why) when that
        leaves nothing to do."""
        from sessiontimer.core.history.safety_record import SafetyRecord
        from sessiontimer.core.session.plan import leave_out
        from sessiontimer.core.session.safety import left_out_text

        routine = plan.routine.id or plan.routine.name
        names, _ = await self._in_history(lambda store: SafetyRecord(store).left_out_names(routine))
        if not names:
            return plan
        shown = [step.name for step in plan.routine.steps if step.name in names]
        reduced = leave_out(plan, names)
        if not reduced.segments:
            self.app.notify(
                f"Every step of {plan.routine.name} is left out after a safety stop. Put one "
                "back from home (c) once a clinician has seen it.",
                title="Nothing to do",
                severity="warning",
                markup=False,
                timeout=15,
            )
            self.context.go_home()
            return None
        if shown:
            self.app.notify(
                left_out_text(shown), title="Left out", severity="warning", markup=False, timeout=15
            )
        return reduced

    async def _cold_gap_kept(self, plan: Plan) -> bool:
        """A routine with a cold pack, under 2 hours after the last one: ask first."""
        if not any(step.kind == "cold" for step in plan.routine.steps):
            return True
        from sessiontimer.core.history.rows import local_time
        from sessiontimer.core.history.safety_record import SafetyRecord
        from sessiontimer.core.session.safety import COLD_GAP_HOURS, cold_again_text
        from sessiontimer.tui.screens.confirm import ConfirmScreen

        now = local_time(self.context.clock.epoch())
        last, _ = await self._in_history(
            lambda store: SafetyRecord(store).last_cold_pack(now, COLD_GAP_HOURS)
        )
        if last is None:
            return True
        minutes = max(0, int((now - last).total_seconds() // 60))
        question = cold_again_text(last.astimezone().strftime("%H:%M"), minutes)
        return await self.app.push_screen_wait(ConfirmScreen(question)) == "yes"

    def open(
        self, plan: Plan, speed: float, *, checks: bool, before: CheckIn | None, desk: bool
    ) -> None:
        """The session screen itself, over whatever asked the questions."""
        from sessiontimer.tui.screens.session import SessionScreen

        if desk:  # standing starts with the routine itself, not before its safety questions
            self.breaks.stand_for_desk_routine()
        self.app.push_screen(SessionScreen(plan, speed=speed, checks=checks, before=before))
