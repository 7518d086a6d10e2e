"""The session itself, as lines: the core's Session driven by the keys and the clock, one line
per event, the time read out at 60, 30 and 10 seconds and 5-4-3-2-1, the bell and the speech
(cues.py, as config.toml says), and the history written at every segment boundary by the core's
Recorder, exactly as the full-screen session screen writes it.

The loop sleeps until ``Session.wake_in()`` or a key, whichever comes first; it computes no time.
A safety stop asks the pain and leg questions, then gives the stop advice; a session that ends
otherwise asks the check-in after it (unless the check-ins are off).
"""

from __future__ import annotations

from collections.abc import Callable

from sessiontimer.core.base.durations import spoken
from sessiontimer.core.history.recording import Recorder
from sessiontimer.core.session import events as ev
from sessiontimer.core.session.cues import cues_for
from sessiontimer.core.session.engine import Session
from sessiontimer.core.session.plan import Plan
from sessiontimer.core.session.safety import SAFETY_STOP_REASON, TAKE_THE_PACK_OFF, pack_briefing
from sessiontimer.core.session.state import State
from sessiontimer.plain.advice import say_help, say_stop_advice
from sessiontimer.plain.asking import Answers, ask_checkin, ask_pack, ask_yes_no
from sessiontimer.plain.console import Keys, Output
from sessiontimer.plain.words import Narrator, segment_line
from sessiontimer.system.sound import Speaker

Observer = Callable[[list[ev.Event]], None]

LEAVE = "Leave this session? What you have done so far is kept."
LEAVE_WITH_PACK = "Leave this session? Take the pack off first. What you have done is kept."
UNKNOWN_KEY = "Press ? for the keys, or ! to stop if pain spreads down your leg."


class PlainSession:
    """One session of ``plan`` from start to end (``run``), or until ``Ended`` comes out of a
    wait for a key (then ``interrupt`` records it as the full screen does)."""

    def __init__(
        self,
        plan: Plan,
        session: Session,
        recorder: Recorder,
        *,
        out: Output,
        keys: Keys,
        speaker: Speaker,
        ask_after: bool,
        observe: Observer | None = None,
    ) -> None:
        self.plan = plan
        self.session = session
        self.recorder = recorder
        self.out = out
        self.keys = keys
        self.speaker = speaker
        self.ask_after = ask_after  # the check-in after, and the questions after a stop
        self.observe = observe  # sees every batch of events played (tests)
        self.narrator = Narrator(plan)
        self.status: str | None = None  # "completed", "stopped" or "left" once over
        self.pack_on = False  # it ended with a pack on
        self.stop_step = 0
        self.answers = Answers()  # the check-in after (or at the stop), as far as it went
        self.after: Answers | None = None  # those answers, once asked
        self._briefed: set[int] = set()  # pack steps whose safety points were given
        self._problem_said: str | None = None

    # -- the loop -------------------------------------------------------------------------------
    def run(self) -> str:
        """The session to its end, then what follows it; returns how it ended."""
        session = self.session
        self.handle(session.start())
        while not session.finished:
            key = self.keys.key(session.wake_in())
            if key is None:
                self.handle(session.tick())
            else:
                self.press(key)
        if self.status is None:  # (ended by the core itself: an empty plan)
            self.status = "completed"
        if self.status == "stopped":
            self._after_the_stop()
        elif self.ask_after:
            self.after = self.answers
            ask_checkin(self.out, self.keys, "after", self.plan.routine.name, self.answers)
            self.recorder.after(self.answers.checkin())
        return self.status

    def interrupt(self, reason: str) -> None:
        """The process is being ended: the session is recorded as interrupted, and the answers
        of a check-in under way are kept as given."""
        self.recorder.interrupt(self.session, reason)
        if self.after is not None:
            self.recorder.after(self.after.checkin())

    def handle(self, events: list[ev.Event], *, say: bool = True) -> None:
        """Say, sound and record what just happened; before a pack, its safety points.
        ``say`` False: no lines (a pause for a question or the help, which say it themselves)."""
        session = self.session
        if self.observe is not None:
            self.observe(events)
        briefing: tuple[str, int] | None = None  # the pack, and the segment that starts it
        for event in events:
            if isinstance(event, ev.SegmentStarted):
                kind = pack_briefing(self.plan, event.index)
                if kind is not None and event.segment.step not in self._briefed:
                    briefing = (kind, event.index)
        brief = briefing is not None and session.state is State.RUNNING
        held = briefing[1] if briefing is not None and brief else None
        lines = self.narrator.lines(events, self._shown(), held)
        for line in lines if say else ():
            self.out.line(line)
        self._play(events)
        self.record()
        if briefing is not None and brief and session.state is State.RUNNING:
            self._brief(briefing[0])
        if session.state is State.COMPLETED and self.status is None:
            self.status = "completed"

    def record(self) -> None:
        self.recorder.sync(self.session)
        problem = self.recorder.problem
        if problem and problem != self._problem_said:
            self._problem_said = problem
            self.out.line(problem)

    def _shown(self) -> int | None:
        """The seconds left as the full screen's countdown shows them, while one runs."""
        session = self.session
        segment = session.segment
        if session.state is not State.RUNNING or segment is None or segment.seconds is None:
            return None
        return session.display_seconds()

    def _play(self, events: list[ev.Event]) -> None:
        cue = cues_for(events, self.plan)
        if cue is None:
            return
        if cue.bell and self.speaker.rings:
            self.out.bell()
        if cue.say and self.speaker.speaks:
            self.speaker.say(cue.say)

    def _brief(self, kind: str) -> None:
        """The pack's safety points, with the session paused: Space goes on, n skips the pack,
        ! stops."""
        session = self.session
        assert session.segment is not None
        step = session.segment.step
        self._briefed.add(step)
        session.pause()
        answer = ask_pack(self.out, self.keys, kind, self.plan.routine.steps[step].check_every)
        if session.finished:
            return
        if answer == "stop":
            self.safety_stop()
            return
        if answer == "skip":
            self.handle(session.skip_step())
            if session.state is State.PAUSED:
                self.handle(session.resume())
        elif session.state is State.PAUSED:
            # the part the points were given before starts now: said as it starts
            self.handle(session.resume(), say=False)
            segment = session.segment
            if segment is not None and self._shown() is not None:  # (running, as it should)
                self.out.line(segment_line(self.plan, segment, new_step=False, switching=False))

    # -- keys -----------------------------------------------------------------------------------
    def press(self, key: str) -> None:
        session = self.session
        if len(key) == 1:
            key = key.lower()
        if key == "space":
            self.handle(session.space())
        elif key in ("n", "right"):
            self.handle(session.skip())
        elif key in ("b", "left"):
            self.handle(session.back())
        elif key == "r":
            self.handle(session.restart())
        elif key == "!":
            self.safety_stop()
        elif key in ("q", "escape", "ctrl+q"):
            self.leave()
        elif key in ("?", "f1"):
            self.help()
        elif key == "t":
            self.where()
        elif key:
            self.out.line(UNKNOWN_KEY)

    def safety_stop(self) -> None:
        session = self.session
        if session.finished:
            return
        self.stop_step = session.segment.step if session.segment else 0
        self.pack_on = session.pack_on
        session.stop(SAFETY_STOP_REASON)
        self.status = "stopped"
        self.record()

    def _after_the_stop(self) -> None:
        """CLINICAL.md "After a safety stop": the pain and leg questions right away (unless the
        check-ins are off), their answers kept with the session, then the advice."""
        left_out = self.recorder.recording
        if self.ask_after:
            self.after = self.answers
            notice = TAKE_THE_PACK_OFF if self.pack_on else None
            name = self.plan.routine.name
            ask_checkin(self.out, self.keys, "stop", name, self.answers, notice=notice)
            self.recorder.after(self.answers.checkin())
        say_stop_advice(
            self.out, self.plan, self.stop_step, pack_on=self.pack_on, left_out=left_out
        )

    def leave(self) -> None:
        """q: asks first (the session waits, paused, where it can)."""
        session = self.session
        if session.finished:
            return
        was_paused = session.state is State.PAUSED
        if not was_paused and session.can_pause():
            self.handle(session.pause(), say=False)
        question = LEAVE_WITH_PACK if session.pack_on else LEAVE
        answer = ask_yes_no(self.out, self.keys, question, in_session=True)
        if session.finished:
            return
        if answer == "stop":
            self.safety_stop()
        elif answer == "yes":
            self.pack_on = session.pack_on
            session.leave()
            self.status = "left"
            self.record()
        elif not was_paused and session.state is State.PAUSED:
            self.handle(session.resume())

    def help(self) -> None:
        """The keys and the safety page. The countdown waits while they are read (Space goes
        on); a pack on the skin keeps its time."""
        session = self.session
        note = ""
        if session.state is State.ALARM:
            note = TAKE_THE_PACK_OFF
        elif session.state is State.PAUSED:
            note = "Your session is paused. Press Space to go on."
        elif session.state is State.RUNNING:
            if session.can_pause():
                self.handle(session.pause(), say=False)
                note = "Your session is paused while you read this. Press Space to go on."
            else:
                note = "The pack's timer keeps running while you read this."
        say_help(self.out, in_session=True)
        if note:
            self.out.line(note)

    def where(self) -> None:
        """t: where the session is, and the time left (the countdown a screen would show)."""
        session = self.session
        segment = session.segment
        if segment is None:
            return
        now = segment_line(self.plan, segment, new_step=True, switching=False)
        if session.state is State.ALARM:
            self.out.line(f"{TAKE_THE_PACK_OFF} Press Space when it is off.")
            return
        paused = "Paused. " if session.state is State.PAUSED else ""
        if segment.seconds is None:
            time = f"{spoken(int(session.elapsed()))} so far."
        else:
            time = f"{spoken(session.display_seconds())} left."
        total = spoken(session.total_display_seconds())
        self.out.line(f"{paused}Now: {now} {time} {total} left in the routine.")
