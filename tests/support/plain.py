"""Plain mode driven without a terminal: keys from a script on a fake clock, and the lines it
writes, read back one by one."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from pathlib import Path

from sessiontimer.core.base.clock import FakeClock
from sessiontimer.core.routines.loader import load_text
from sessiontimer.core.routines.model import Routine
from sessiontimer.core.session import events as ev
from sessiontimer.core.session.plan import Plan, build_plan
from sessiontimer.plain.console import CLOSED_INPUT, Ended, Output
from sessiontimer.plain.run import PlainRun
from tests.support.sound import FakeSpeaker

# One entry of a script: (seconds that pass first, what comes): a key ("space", "n", "!"), a
# line of text for a question that takes one ("6"), or Ended (a signal, the input closed).
Step = tuple[float, "str | Ended"]


class ScriptedKeys:
    """Keys (and lines) from a script, as a person would type them, on a FakeClock: a wait for a
    key moves the clock to the next entry, or by the wait's timeout when that comes first. When
    the script has run out a wait with a timeout lets the time pass; a wait for ever is the end
    of the input (so is a wait of hours: a self-paced set that nobody ends)."""

    IDLE_LIMIT = 3600.0  # seconds of waiting after the script, then the input ends

    def __init__(self, clock: FakeClock, script: Sequence[Step] = ()) -> None:
        self.clock = clock
        self.script = list(script)
        self.waits: list[float | None] = []  # every timeout asked for
        self._idle = 0.0

    def _next(self, timeout: float | None) -> str | None:
        self.waits.append(timeout)
        if not self.script:
            if timeout is None or self._idle > self.IDLE_LIMIT:
                raise Ended(CLOSED_INPUT, 0)
            self._idle += timeout
            self.clock.advance(timeout)
            return None
        delay, what = self.script[0]
        # a key at the very moment the session wakes comes after that wake-up (as a person's
        # key can only come after what the screen showed)
        if timeout is not None and (timeout < delay - 1e-9 or 0 < timeout <= delay + 1e-9):
            self.clock.advance(timeout)
            self.script[0] = (delay - timeout, what)
            return None
        self.clock.advance(delay)
        self.script.pop(0)
        if isinstance(what, Ended):
            raise what
        return what

    def key(self, timeout: float | None) -> str | None:
        return self._next(timeout)

    def line(self) -> str:
        text = self._next(None)
        assert text is not None
        return text


def keys(*items: str | Ended, every: float = 0) -> list[Step]:
    """A script of keys that come ``every`` seconds apart (0: at once)."""
    return [(every, item) for item in items]


def plan_of(text: str, routine_id: str = "test") -> Plan:
    """The plan of a routine written here, as if read from routines/<routine_id>.toml."""
    routine = load_text(text)
    assert isinstance(routine, Routine), routine
    return build_plan(dataclasses.replace(routine, id=routine_id))


class Run:
    """A plain run with its clock, its script, its output and its files."""

    def __init__(
        self,
        home: Path,
        plan: Plan,
        script: Sequence[Step] = (),
        *,
        speed: float = 1.0,
        checks: bool = True,
        styled: bool = False,
        sound: str = "off",
        clock: FakeClock | None = None,
    ) -> None:
        self.home = home
        self.clock = clock or FakeClock()
        self.keys = ScriptedKeys(self.clock, script)
        self.stream = io.StringIO()
        self.events: list[ev.Event] = []
        self.speaker = FakeSpeaker(sound)
        self.run = PlainRun(
            plan,
            speed=speed,
            checks=checks,
            out=Output(self.stream, styled=styled, ring=styled),
            keys=self.keys,
            clock=self.clock,
            config_path=home / "config.toml",
            history_path=home / "history.sqlite3",
            speaker=self.speaker,  # type: ignore[arg-type]
            observe=self.events.extend,
        )
        self.code: int | None = None

    def __call__(self) -> Run:
        self.code = self.run.run()
        return self

    @property
    def text(self) -> str:
        return self.stream.getvalue()

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def after(self, line: str) -> list[str]:
        """The lines after the first one that starts with ``line``."""
        lines = self.lines
        for index, text in enumerate(lines):
            if text.startswith(line):
                return lines[index + 1 :]
        raise AssertionError(f"{line!r} not said; said: {lines!r}")
