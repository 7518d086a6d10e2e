"""Desktop notifications: notify-send when it is there, in the background; never an error."""

from __future__ import annotations

import subprocess
import threading
from typing import Any

import pytest

from sessiontimer.system import desktop
from sessiontimer.system.desktop import Notifier


def wait_for(event: threading.Event) -> None:
    assert event.wait(5), "notify-send was not run"


def test_notify_send_is_run_with_the_title_and_text() -> None:
    ran: list[list[str]] = []
    done = threading.Event()

    def run(argv: list[str], **kwargs: Any) -> None:
        assert kwargs["timeout"] == desktop.TIMEOUT
        assert kwargs["stdin"] == subprocess.DEVNULL
        ran.append(argv)
        done.set()

    notifier = Notifier(which=lambda name: f"/usr/bin/{name}", run=run)
    notifier.notify("Time to stand up", "Stand up and move for 3 minutes.")
    wait_for(done)
    assert ran == [
        [
            "/usr/bin/notify-send",
            "--app-name=sessiontimer",
            "--urgency=normal",
            "Time to stand up",
            "Stand up and move for 3 minutes.",
        ]
    ]


def test_without_notify_send_nothing_happens() -> None:
    def run(argv: list[str], **kwargs: Any) -> None:  # pragma: no cover - must not be called
        raise AssertionError("ran")

    notifier = Notifier(which=lambda name: None, run=run)
    assert notifier.program is None
    notifier.notify("Time to stand up", "x")


@pytest.mark.parametrize(
    "error",
    [FileNotFoundError("gone"), subprocess.TimeoutExpired("notify-send", 5), OSError("no display")],
)
def test_a_failing_or_hanging_program_is_never_an_error(error: Exception) -> None:
    """The program's error ends in the sending thread, never out of it: an exception that left
    the thread would fail this test (pyproject.toml: PytestUnhandledThreadExceptionWarning is an
    error), and the thread is waited for, so it cannot leave after the test is over."""
    ran: list[list[str]] = []

    def run(argv: list[str], **kwargs: Any) -> None:
        ran.append(argv)
        raise error

    sender = Notifier(which=lambda name: "/x/notify-send", run=run).notify("t", "b")
    assert sender is not None
    sender.join(timeout=10)
    assert not sender.is_alive()
    assert ran and ran[0][0] == "/x/notify-send"


def test_a_broken_path_lookup_counts_as_not_installed() -> None:
    def which(name: str) -> str:
        raise PermissionError("PATH entry unreadable")

    assert Notifier(which=which).program is None


def test_the_real_program_when_this_machine_has_it() -> None:
    """With the real lookup (this module is not patched by conftest): found or not, no error."""
    notifier = Notifier()
    assert notifier.program is None or notifier.program.endswith("notify-send")


def completed(stdout: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    return subprocess.CompletedProcess([], code, stdout=stdout, stderr="")


def test_the_lock_state_comes_from_logind() -> None:
    asked: list[list[str]] = []
    answers = iter([completed("yes\n"), completed("no\n"), completed("", 1), completed("maybe")])

    def run(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        asked.append(argv)
        return next(answers)

    watch = desktop.LockWatch(which=lambda name: f"/bin/{name}", run=run, session="7")
    assert watch.available
    assert [watch.locked() for _ in range(4)] == [True, False, None, None]
    assert asked[0] == ["/bin/loginctl", "show-session", "7", "--property=LockedHint", "--value"]


def test_no_lock_watch_outside_a_login_session_or_without_loginctl() -> None:
    assert not desktop.LockWatch(which=lambda name: "/bin/loginctl", session="").available
    assert not desktop.LockWatch(which=lambda name: None, session="3").available

    def hang(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        raise subprocess.TimeoutExpired(argv, 5)

    assert (
        desktop.LockWatch(which=lambda n: "/bin/loginctl", run=hang, session="3").locked() is None
    )
