"""Speaking cues aloud with a speech program found on the machine (no Textual here).

The mode comes from ``config.toml``: ``speech`` (bell and words), ``bell`` (the bell only) or
``off``. The bell itself is the terminal's (the TUI rings it when :attr:`Speaker.rings`); this
module only runs the speech program, looked for in this order:

==============  ===============================  ==========================================
program         command (the text goes on stdin)  why
==============  ===============================  ==========================================
``espeak-ng``   ``espeak-ng --stdin -b 1``        ``--stdin`` reads the whole text up to EOF
``espeak``      ``espeak --stdin -b 1``           (a text that starts with "-" is words, not
                                                  an option); ``-b 1``: the bytes are UTF-8;
                                                  no ``-m``: markup is not interpreted
``spd-say``     ``spd-say -e -w -P text``         ``-e`` pipe mode reads lines from stdin (its
                                                  argument mode passes the text to a printf
                                                  format: a "%" would be read as a directive);
                                                  ``-w`` keeps it running while it speaks, so
                                                  replacing and closing see a live process;
                                                  ``-P text`` (pipe mode's default is
                                                  ``message``): Speech Dispatcher's ``text``
                                                  priority cancels our previous ``text``
                                                  message itself, as a newer cue should
``say``         ``say -f -``                      macOS: ``-f -`` reads the text from stdin
==============  ===============================  ==========================================

Every program gets one line of text on stdin (then stdin is closed), never a shell and never an
argument, stdout and stderr go to /dev/null and it runs in a new session, so a Ctrl-C in the
terminal does not reach it. A missing program is never an error: nothing is said.

:meth:`Speaker.say` returns at once: the text goes to one background daemon thread that starts
the program. Only the newest text matters (the speech stays in step with the screen): a text
still waiting is replaced, an utterance still being spoken is cut short. Finished programs are
reaped; after a few failures in a row (the program vanished, cannot run, or keeps exiting with an
error) the speaker stops trying.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import threading
from collections.abc import Callable
from typing import IO, Protocol

from sessiontimer.core.settings.model import SOUNDS

__all__ = ["MODES", "PROGRAMS", "Speaker"]

MODES = SOUNDS  # the values config.toml accepts for `sound`

# (program, arguments), in the order they are looked for; the text is written to stdin.
PROGRAMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("espeak-ng", ("--stdin", "-b", "1")),
    ("espeak", ("--stdin", "-b", "1")),
    ("spd-say", ("-e", "-w", "-P", "text")),
    ("say", ("-f", "-")),
)

MAX_TEXT = 500  # characters spoken at most; cues are a few words
MAX_FAILURES = 3  # failures in a row before the speaker gives up
REAP_EVERY = 0.25  # seconds between looks at a program that is still speaking
TERMINATE_WAIT = 1.0  # seconds a terminated program has to exit before it is killed
CLOSE_WAIT = 3.0  # seconds close() waits for the worker

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class Process(Protocol):
    """What the speaker uses of a :class:`subprocess.Popen` (tests pass fakes)."""

    @property
    def stdin(self) -> IO[bytes] | None: ...

    @property
    def returncode(self) -> int | None: ...

    def poll(self) -> int | None: ...

    def wait(self, timeout: float | None = None) -> int: ...

    def terminate(self) -> None: ...

    def kill(self) -> None: ...


def clean_text(text: str) -> str:
    """One line of plain words: control characters (newlines too) become spaces, capped."""
    words = " ".join(_CONTROL.sub(" ", text).split())[:MAX_TEXT].strip()
    if words.startswith("!-!"):
        # spd-say's pipe mode runs a line starting with "!-!" as a Speech Dispatcher command
        words = " " + words
    return words


class Speaker:
    """Speaks texts in the background with the first speech program found (see the module)."""

    def __init__(
        self,
        mode: str,
        *,
        which: Callable[[str], str | None] = shutil.which,
        popen: Callable[..., Process] = subprocess.Popen,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"sound must be one of {', '.join(MODES)}, not {mode!r}")
        self.mode = mode
        self._popen = popen
        self._program: str | None = None
        self._argv: tuple[str, ...] = ()
        for name, args in PROGRAMS:
            try:
                path = which(name)
            except Exception:  # a broken PATH entry, say: not found
                path = None
            if path:
                self._program = name
                self._argv = (path, *args)
                break
        self._cond = threading.Condition()
        self._pending: str | None = None  # the newest text not handed to a program yet
        self._closed = False
        self._thread: threading.Thread | None = None
        self._failures = 0
        self._gave_up = False
        self._process: Process | None = None  # the worker's alone
        self._told_missing = False

    # --- what the UI asks ----------------------------------------------------------------------

    @property
    def program(self) -> str | None:
        """The speech program found ("espeak-ng", "espeak", "spd-say" or "say"), or None."""
        return self._program

    @property
    def argv(self) -> tuple[str, ...]:
        """The command run for each text (empty when no program was found)."""
        return self._argv

    @property
    def speaks(self) -> bool:
        """Texts are spoken: mode "speech", a program was found and it has not failed for good."""
        return self.mode == "speech" and self._program is not None and not self._gave_up

    def missing_notice(self) -> str | None:
        """What to tell the user, once, when speech is chosen and no speech program was found
        (None: nothing, or said already)."""
        if self.mode != "speech" or self._program is not None or self._told_missing:
            return None
        self._told_missing = True
        return (
            "Speech is on, but no speech program was found, so you hear the bell only. Install "
            'one (e.g. sudo apt install espeak-ng), or set sound = "bell" in config.toml.'
        )

    @property
    def rings(self) -> bool:
        """The UI should ring the bell for a cue that asks for one."""
        return self.mode in ("speech", "bell")

    def say(self, text: str) -> None:
        """Speak ``text`` in the background, cutting short whatever is being said. Returns at
        once; never raises; does nothing when the speaker does not speak."""
        try:
            if not self.speaks:
                return
            words = clean_text(text)
            if not words:
                return
            with self._cond:
                if self._closed:
                    return
                self._pending = words  # an older text still waiting is dropped
                if self._thread is None:
                    self._thread = threading.Thread(
                        target=self._run, name="sessiontimer-speech", daemon=True
                    )
                    self._thread.start()
                self._cond.notify()
        except Exception:
            return  # speech is a help, never a reason to fail

    def close(self) -> None:
        """Stop any utterance and the worker; later calls to say() do nothing. Idempotent."""
        with self._cond:
            if self._closed:
                return
            self._closed = True
            self._pending = None
            thread = self._thread
            self._cond.notify_all()
        if thread is not None and thread is not threading.current_thread():
            thread.join(CLOSE_WAIT)

    def __enter__(self) -> Speaker:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- the worker thread ---------------------------------------------------------------------

    def _run(self) -> None:
        try:
            while True:
                with self._cond:
                    while self._pending is None and not self._closed:
                        if self._process is None:
                            self._cond.wait()
                        else:  # something is being said: look again soon to reap it
                            self._cond.wait(REAP_EVERY)
                            self._reap()
                    if self._closed or self._gave_up:
                        return
                    text, self._pending = self._pending, None
                if text is not None:
                    self._speak(text)
        except Exception:
            self._give_up()
        finally:
            self._stop_process()

    def _speak(self, text: str) -> None:
        self._stop_process()  # a newer cue replaces the one being said
        if self._gave_up or self._closed:
            return
        try:
            process = self._popen(
                self._argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                close_fds=True,
            )
        except Exception:  # OSError mostly: the program vanished or cannot run
            self._failed()
            return
        self._process = process
        stdin = process.stdin
        if stdin is None:
            return
        # BrokenPipeError: it died at once (its exit status tells why)
        with contextlib.suppress(Exception):
            stdin.write(text.encode("utf-8") + b"\n")
        with contextlib.suppress(Exception):
            stdin.close()

    def _reap(self) -> None:
        """Collect a program that finished by itself (no zombies); count it when it failed."""
        process = self._process
        if process is None:
            return
        try:
            status = process.poll()
        except Exception:
            status = -1
        if status is None:
            return
        self._process = None
        self._exited(status)

    def _stop_process(self) -> None:
        """Cut short the program being said (if any) and reap it."""
        self._reap()
        process = self._process
        if process is None:
            return
        self._process = None
        try:
            process.terminate()
            try:
                process.wait(TERMINATE_WAIT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(TERMINATE_WAIT)
        except Exception:  # it ended meanwhile (ProcessLookupError), or will not: leave it
            pass

    def _exited(self, status: int) -> None:
        if status == 0:
            self._failures = 0
        elif status > 0:  # it failed by itself (a negative status: a signal, ours mostly)
            self._failed()

    def _failed(self) -> None:
        self._failures += 1
        if self._failures >= MAX_FAILURES:
            self._give_up()

    def _give_up(self) -> None:
        self._gave_up = True
        with self._cond:
            self._pending = None
