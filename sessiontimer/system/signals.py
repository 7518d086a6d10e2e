"""The signals that end the app from outside, and the words the history keeps for each: every
front end records an interrupted session with the same reason (DESIGN.md section 6)."""

from __future__ import annotations

import signal

SIGNAL_REASONS = {
    int(signal.SIGHUP): "the terminal was closed",
    int(signal.SIGTERM): "the app was told to end (SIGTERM)",
}


def signal_reason(signum: int) -> str:
    """Why the session ended, for a signal that ended it."""
    return SIGNAL_REASONS.get(signum, f"signal {signum}")
