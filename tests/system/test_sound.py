"""The speaker (sessiontimer.system.sound): program detection, modes, a worker that never blocks the
caller, the newest text winning, failures swallowed, clean shutdown. Fake ``which`` and ``popen``
except in the tests marked "real", which run a real process."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sessiontimer.system import sound
from sessiontimer.system.sound import MAX_FAILURES, MAX_TEXT, MODES, PROGRAMS, Speaker, clean_text
from tests.support.wait import wait_until


def speech_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "sessiontimer-speech"]


def which_of(*names: str) -> Callable[[str], str | None]:
    return lambda name: f"/usr/bin/{name}" if name in names else None


class Stdin(io.BytesIO):
    def __init__(self, broken: bool = False) -> None:
        super().__init__()
        self.broken = broken
        self.text: bytes | None = None

    def write(self, data: Any) -> int:
        if self.broken:
            raise BrokenPipeError(32, "Broken pipe")
        return super().write(data)

    def close(self) -> None:
        if self.text is None:
            self.text = self.getvalue()
        super().close()


class FakeProcess:
    def __init__(self, argv: tuple[str, ...], kwargs: dict[str, Any], broken: bool) -> None:
        self.argv = argv
        self.kwargs = kwargs
        self.stdin = Stdin(broken)
        self.returncode: int | None = None
        self.terminated = False
        self.polls = 0

    @property
    def text(self) -> str | None:
        return None if self.stdin.text is None else self.stdin.text.decode()

    def poll(self) -> int | None:
        self.polls += 1
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        assert self.returncode is not None  # our fakes end at once when terminated
        return self.returncode

    def terminate(self) -> None:
        self.terminated = True
        if self.returncode is None:
            self.returncode = -15

    def kill(self) -> None:
        self.terminate()

    def finish(self, status: int = 0) -> None:
        """The program ends by itself."""
        self.returncode = status


class FakePopen:
    """Records every start; can be slow, fail, or hand out a broken stdin."""

    def __init__(self, delay: float = 0.0, error: BaseException | None = None) -> None:
        self.delay = delay
        self.error = error
        self.broken_stdin = False
        self.calls = 0
        self.processes: list[FakeProcess] = []

    def __call__(self, argv: tuple[str, ...], **kwargs: Any) -> FakeProcess:
        self.calls += 1
        if self.delay:
            time.sleep(self.delay)
        if self.error is not None:
            raise self.error
        process = FakeProcess(tuple(argv), kwargs, self.broken_stdin)
        self.processes.append(process)
        return process

    @property
    def texts(self) -> list[str | None]:
        return [p.text for p in self.processes]


@pytest.fixture
def popen() -> FakePopen:
    return FakePopen()


@pytest.fixture(autouse=True)
def no_threads_left_behind(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(sound, "REAP_EVERY", 0.01)  # quicker tests
    yield
    wait_until(
        lambda: not speech_threads(), timeout=20
    )  # a loaded machine may take a while to reap


def speaker(popen: FakePopen, mode: str = "speech", *programs: str) -> Speaker:
    return Speaker(mode, which=which_of(*(programs or ("espeak-ng",))), popen=popen)


# --- finding a program -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("installed", "found"),
    [
        (("espeak-ng", "espeak", "spd-say", "say"), "espeak-ng"),
        (("espeak", "spd-say", "say"), "espeak"),
        (("spd-say", "say"), "spd-say"),
        (("say",), "say"),
        (("say", "espeak-ng"), "espeak-ng"),
        ((), None),
    ],
)
def test_programs_are_looked_for_in_order(installed: tuple[str, ...], found: str | None) -> None:
    s = Speaker("speech", which=which_of(*installed), popen=FakePopen())
    assert s.program == found
    assert s.speaks is (found is not None)
    assert s.rings
    s.close()


def test_the_order_is_espeak_ng_espeak_spd_say_say() -> None:
    assert [name for name, _ in PROGRAMS] == ["espeak-ng", "espeak", "spd-say", "say"]


def test_a_which_that_fails_counts_as_not_found(popen: FakePopen) -> None:
    def which(name: str) -> str | None:
        if name == "espeak-ng":
            raise OSError("bad PATH entry")
        return "/usr/bin/say" if name == "say" else None

    s = Speaker("speech", which=which, popen=popen)
    assert s.program == "say"


def test_without_a_program_say_does_nothing_and_that_is_not_an_error(popen: FakePopen) -> None:
    s = Speaker("speech", which=which_of(), popen=popen)
    assert (s.program, s.speaks, s.rings) == (None, False, True)
    s.say("Hold")
    assert popen.calls == 0
    assert not speech_threads()
    s.close()


def test_speech_chosen_without_a_program_is_told_once(popen: FakePopen) -> None:
    s = Speaker("speech", which=which_of(), popen=popen)
    notice = s.missing_notice()
    assert notice is not None and "espeak-ng" in notice and "bell only" in notice
    assert s.missing_notice() is None  # once
    assert Speaker("bell", which=which_of(), popen=popen).missing_notice() is None
    assert Speaker("speech", which=which_of("espeak-ng"), popen=popen).missing_notice() is None


def test_modes(popen: FakePopen) -> None:
    assert MODES == ("speech", "bell", "off")
    with pytest.raises(ValueError, match="speech, bell, off"):
        Speaker("loud", which=which_of("espeak-ng"), popen=popen)


@pytest.mark.parametrize(
    ("mode", "speaks", "rings"),
    [
        ("speech", True, True),
        ("bell", False, True),
        ("off", False, False),
    ],
)
def test_what_each_mode_does(popen: FakePopen, mode: str, speaks: bool, rings: bool) -> None:
    s = speaker(popen, mode)
    assert (s.speaks, s.rings) == (speaks, rings)
    s.close()


@pytest.mark.parametrize("mode", ["bell", "off"])
def test_bell_and_off_never_start_a_program(popen: FakePopen, mode: str) -> None:
    s = speaker(popen, mode)
    for _ in range(5):
        s.say("Hold")
    assert not speech_threads()  # no worker: nothing can start a program later either
    assert popen.calls == 0
    s.close()


# --- how a program is run -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("program", "argv"),
    [
        ("espeak-ng", ("/usr/bin/espeak-ng", "--stdin", "-b", "1")),
        ("espeak", ("/usr/bin/espeak", "--stdin", "-b", "1")),
        ("spd-say", ("/usr/bin/spd-say", "-e", "-w", "-P", "text")),
        ("say", ("/usr/bin/say", "-f", "-")),
    ],
)
def test_the_text_goes_on_stdin_never_through_a_shell(
    popen: FakePopen, program: str, argv: tuple[str, ...]
) -> None:
    s = speaker(popen, "speech", program)
    assert s.argv == argv
    s.say("--help; rm -rf ~ $(reboot) `id` %s %n")
    wait_until(lambda: popen.texts == ["--help; rm -rf ~ $(reboot) `id` %s %n\n"])
    process = popen.processes[0]
    assert process.argv == argv  # the text is not an argument
    assert process.kwargs == {
        "stdin": subprocess.PIPE,
        "stdout": subprocess.DEVNULL,
        "stderr": subprocess.DEVNULL,
        "start_new_session": True,
        "close_fds": True,
    }
    assert process.stdin.closed
    s.close()


def test_the_text_is_one_clean_line() -> None:
    assert clean_text("Hold\n!-!SET SELF RATE 100\r\x1b[2J") == "Hold !-!SET SELF RATE 100 [2J"
    assert clean_text("  Rest  \t ") == "Rest"
    assert clean_text("\x00\x07") == ""
    assert len(clean_text("a" * 5000)) == MAX_TEXT
    # spd-say's pipe mode would run a line starting with "!-!" as a command
    assert clean_text("!-!CANCEL all") == " !-!CANCEL all"
    assert clean_text("\n!-!QUIT") == " !-!QUIT"


def test_empty_texts_are_not_spoken(popen: FakePopen) -> None:
    s = speaker(popen)
    s.say("")
    s.say(" \n\x07 ")
    assert not speech_threads()  # no worker: nothing can start a program later either
    assert popen.calls == 0
    s.close()


# --- never blocking, the newest text winning ------------------------------------------------------


def test_say_returns_at_once_even_when_starting_the_program_is_slow() -> None:
    popen = FakePopen(delay=0.3)
    s = speaker(popen)
    took = []
    for text in ("Get ready.", "Hold", "Rest", "Hold", "Routine complete. Well done."):
        start = time.perf_counter()
        s.say(text)
        took.append(time.perf_counter() - start)
    assert max(took) < 0.005, took
    s.close()


def test_a_newer_text_cuts_short_the_one_being_said(popen: FakePopen) -> None:
    s = speaker(popen)
    s.say("Knee to chest, left side. Get ready.")
    wait_until(lambda: len(popen.processes) == 1)
    first = popen.processes[0]
    s.say("Hold, left side")
    wait_until(lambda: len(popen.processes) == 2)
    assert first.terminated
    assert popen.texts == ["Knee to chest, left side. Get ready.\n", "Hold, left side\n"]
    assert not popen.processes[1].terminated
    s.close()
    assert popen.processes[1].terminated


def test_a_program_that_already_finished_is_not_terminated(popen: FakePopen) -> None:
    s = speaker(popen)
    s.say("Hold")
    wait_until(lambda: len(popen.processes) == 1)
    popen.processes[0].finish(0)
    s.say("Rest")
    wait_until(lambda: len(popen.processes) == 2)
    assert not popen.processes[0].terminated
    s.close()


def test_texts_waiting_behind_a_newer_one_are_dropped() -> None:
    popen = FakePopen(delay=0.2)
    s = speaker(popen)
    s.say("one")
    wait_until(lambda: popen.calls == 1)  # the worker is busy starting "one"
    for text in ("two", "three", "four"):
        s.say(text)
    wait_until(lambda: popen.calls == 2)
    # the worker started the second text, then looked at its program from its idle loop (it does
    # only when no text is waiting): nothing more will be said
    wait_until(lambda: len(popen.processes) == 2 and popen.processes[1].polls > 0)
    assert popen.texts == ["one\n", "four\n"]
    assert popen.calls == 2
    s.close()


def test_a_finished_program_is_reaped_while_nothing_else_is_said(popen: FakePopen) -> None:
    s = speaker(popen)
    s.say("Hold")
    wait_until(lambda: len(popen.processes) == 1)
    process = popen.processes[0]
    polls = process.polls
    process.finish(0)
    wait_until(lambda: process.polls > polls)  # looked at, without a new say()
    s.close()
    assert not process.terminated


# --- failures are swallowed -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "error",
    [
        FileNotFoundError(2, "No such file"),
        PermissionError(13, "Denied"),
        OSError(8, "Exec format"),
    ],
    ids=["vanished", "denied", "exec"],
)
def test_a_program_that_cannot_start_is_tried_a_few_times_then_left_alone(
    error: OSError,
) -> None:
    popen = FakePopen(error=error)
    s = speaker(popen)
    for n in range(1, MAX_FAILURES + 1):
        s.say(f"try {n}")
        wait_until(lambda n=n: popen.calls == n)
    wait_until(lambda: not s.speaks)
    s.say("again")
    time.sleep(0.05)  # the worker still waits: give it time to (wrongly) start a program
    assert popen.calls == MAX_FAILURES
    s.close()


def test_a_program_that_keeps_failing_by_itself_is_given_up(popen: FakePopen) -> None:
    s = speaker(popen)
    for n in range(MAX_FAILURES):
        s.say(f"try {n}")
        wait_until(lambda n=n: len(popen.processes) == n + 1)
        popen.processes[-1].finish(1)
        wait_until(lambda n=n: popen.processes[n].polls > 0)
    wait_until(lambda: not s.speaks)
    s.close()


def test_one_success_resets_the_failure_count(popen: FakePopen) -> None:
    s = speaker(popen)
    for n, status in enumerate([1, 1, 0, 1, 1, 0, 1, 1]):
        s.say(f"try {n}")
        wait_until(lambda n=n: len(popen.processes) == n + 1)
        popen.processes[-1].finish(status)
        wait_until(lambda n=n: popen.processes[n].polls > 0)
    assert s.speaks
    s.close()


def test_a_broken_pipe_is_swallowed(popen: FakePopen) -> None:
    popen.broken_stdin = True
    s = speaker(popen)
    s.say("Hold")
    wait_until(lambda: len(popen.processes) == 1)
    wait_until(lambda: popen.processes[0].stdin.closed)
    assert s.speaks
    s.close()


def test_say_never_raises_even_when_the_worker_cannot_start(
    popen: FakePopen, monkeypatch: pytest.MonkeyPatch
) -> None:
    class NoThread:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            pass

        def start(self) -> None:
            raise RuntimeError("can't start new thread")

    monkeypatch.setattr(sound.threading, "Thread", NoThread)
    s = speaker(popen)
    s.say("Hold")
    assert popen.calls == 0


# --- closing ----------------------------------------------------------------------------------------


def test_close_stops_the_utterance_and_the_worker_and_is_idempotent(popen: FakePopen) -> None:
    s = speaker(popen)
    s.say("Time is up. Take the pack off now.")
    wait_until(lambda: len(popen.processes) == 1)
    assert len(speech_threads()) == 1
    s.close()
    assert popen.processes[0].terminated
    assert not speech_threads()
    s.close()
    s.say("after close")
    assert not speech_threads()  # no worker: nothing can start a program later either
    assert popen.calls == 1


def test_close_without_ever_speaking(popen: FakePopen) -> None:
    s = speaker(popen)
    s.close()
    s.close()
    assert popen.calls == 0


def test_close_while_a_program_is_being_started() -> None:
    popen = FakePopen(delay=0.2)
    s = speaker(popen)
    s.say("Hold")
    wait_until(lambda: popen.calls == 1)
    s.close()
    assert not speech_threads()
    assert all(p.terminated for p in popen.processes)


def test_a_speaker_is_a_context_manager(popen: FakePopen) -> None:
    with speaker(popen) as s:
        s.say("Hold")
        wait_until(lambda: len(popen.processes) == 1)
    assert popen.processes[0].terminated
    assert not speech_threads()


# --- real processes -----------------------------------------------------------------------------------


def test_real_a_finished_program_is_reaped() -> None:
    started: list[subprocess.Popen[bytes]] = []

    def popen(argv: tuple[str, ...], **kwargs: Any) -> subprocess.Popen[bytes]:
        # the production options, a harmless program that reads its stdin and ends
        process = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], **kwargs)
        started.append(process)
        return process

    s = Speaker("speech", which=which_of("espeak-ng"), popen=popen)
    s.say("Hold")
    wait_until(lambda: len(started) == 1)
    # nobody but the speaker waits for it: a returncode means it was reaped (no zombie)
    wait_until(lambda: started[0].returncode is not None)
    assert started[0].returncode == 0
    s.close()


def test_real_close_terminates_a_long_utterance() -> None:
    started: list[subprocess.Popen[bytes]] = []

    def popen(argv: tuple[str, ...], **kwargs: Any) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            [sys.executable, "-c", "import sys, time; sys.stdin.read(); time.sleep(60)"],
            **kwargs,
        )
        started.append(process)
        return process

    s = Speaker("speech", which=which_of("espeak-ng"), popen=popen)
    s.say("Hold")
    wait_until(lambda: len(started) == 1)
    start = time.monotonic()
    s.close()
    assert time.monotonic() - start < 2
    assert started[0].returncode is not None and started[0].returncode < 0


ESPEAK_NG = shutil.which("espeak-ng")


@pytest.mark.skipif(ESPEAK_NG is None, reason="espeak-ng is not installed")
@pytest.mark.parametrize("text", ["Switch to your right side", "--version -w /dev/null"])
def test_real_espeak_ng_speaks_the_text(tmp_path: Path, text: str) -> None:
    wav = tmp_path / "cue.wav"
    started: list[subprocess.Popen[bytes]] = []

    def popen(argv: tuple[str, ...], **kwargs: Any) -> subprocess.Popen[bytes]:
        # the production command, writing a WAV file instead of playing it
        process = subprocess.Popen([*argv, "-w", str(wav)], **kwargs)
        started.append(process)
        return process

    s = Speaker("speech", popen=popen)
    assert s.program == "espeak-ng"
    s.say(text)
    wait_until(lambda: len(started) == 1)
    wait_until(lambda: started[0].returncode is not None, timeout=20)
    s.close()
    assert started[0].returncode == 0
    data = wav.read_bytes()
    # a text starting with "-" was spoken, not read as options: a WAV of some length
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    assert len(data) > 10_000
