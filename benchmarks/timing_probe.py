"""The child process of the timing figure: ``sessiontimer run ROUTINE --no-checks``, the real app in
real time, with the moments that matter written down.

``python -m benchmarks.timing_probe OUT ROUTINE`` runs the command line of the app (in the pty the
benchmark gives it) after wrapping three things, without changing what they do:

- ``Session.start``: ``time.monotonic()`` just before it (the session reads its clock once, a few
  microseconds later): the origin of the true schedule;
- ``SessionScreen.handle``: ``time.monotonic()`` when the screen receives a batch of events, for
  every ``SegmentDone`` in it (a segment that ended on its own, not skipped);
- ``App._display`` (every frame goes through it): after each frame of the session screen is
  rendered and handed to the terminal writer, the countdown it shows; a change is recorded with
  the segment index and ``time.monotonic()``.

When the routine is done, everything is written to OUT as JSON (``SystemClock.monotonic`` is
``time.monotonic``: the same clock). The benchmark compares it with the plan (``timing.py``).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any


def clock_seconds(text: str) -> int:
    """ "1:05" -> 65, "1:00:00" -> 3600: the countdown as the screen shows it."""
    seconds = 0
    for part in text.split(":"):
        seconds = seconds * 60 + int(part)
    return seconds


def probe(out: Path) -> None:
    from textual.app import App
    from textual.widgets import Digits

    from sessiontimer.core.session import engine, events
    from sessiontimer.tui.screens.session import SessionScreen

    record: dict[str, Any] = {"start": None, "segments": [], "ends": [], "frames": []}
    shown: list[str] = []

    start = engine.Session.start

    def timed_start(self: engine.Session) -> list[events.Event]:
        record["start"] = time.monotonic()
        record["segments"] = [segment.seconds for segment in self.plan.segments]
        return start(self)

    handle = SessionScreen.handle

    def timed_handle(self: SessionScreen, batch: list[events.Event], sound: bool = True) -> None:
        now = time.monotonic()
        for event in batch:
            if isinstance(event, events.SegmentDone) and not event.skipped:
                record["ends"].append([event.index, now])
        handle(self, batch, sound)
        if any(isinstance(event, events.RoutineDone) for event in batch):
            out.write_text(json.dumps(record), encoding="utf-8")

    display = App._display

    def timed_display(self: App[Any], screen: Any, renderable: Any) -> None:
        display(self, screen, renderable)
        drawn = renderable is not None and not self._batch_count  # a batch drops its frames
        if not drawn or not isinstance(screen, SessionScreen) or screen is not self.screen:
            return
        session = screen.session
        if session is None or session.finished:
            return
        value = str(screen.query_one("#countdown", Digits).value)
        key = f"{session.index}/{value}"
        if not shown or shown[-1] != key:
            shown.append(key)
            record["frames"].append([session.index, clock_seconds(value), time.monotonic()])

    engine.Session.start = timed_start  # type: ignore[method-assign]
    SessionScreen.handle = timed_handle  # type: ignore[method-assign]
    App._display = timed_display  # type: ignore[method-assign]


def main(argv: list[str]) -> int:
    out, routine = Path(argv[0]), argv[1]
    probe(out)
    from sessiontimer.cli import main as cli_main

    return cli_main(["run", routine, "--no-checks"])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
