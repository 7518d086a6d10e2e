"""A stand-in for a text editor in tests: ``$VISUAL="python fake_editor.py"``.

Each run takes the next action from the file named by ``FAKE_EDITOR_ACTIONS`` (one per line) and
applies it to the file it was given (the last argument):

- ``break``: rename the first ``hold`` key to ``hodl`` (the routine becomes invalid)
- ``fix``: rename ``hodl`` back to ``hold``
- ``append TEXT``: add a line at the end
- ``none``: change nothing
- ``delete``: remove the file
- ``fail TEXT``: add a line at the end, then exit with status 3 (an editor that failed)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main() -> int:
    target = Path(sys.argv[-1])
    actions_file = Path(os.environ["FAKE_EDITOR_ACTIONS"])
    actions = actions_file.read_text(encoding="utf-8").splitlines()
    action, rest = (actions[0], actions[1:]) if actions else ("none", [])
    actions_file.write_text("\n".join(rest), encoding="utf-8")
    with open(os.environ.get("FAKE_EDITOR_LOG", os.devnull), "a", encoding="utf-8") as log:
        log.write(" ".join(sys.argv[1:]) + "\n")
    data = target.read_bytes() if target.exists() else b""
    if action == "break":
        target.write_bytes(data.replace(b"hold =", b"hodl =", 1))
    elif action == "fix":
        target.write_bytes(data.replace(b"hodl =", b"hold =", 1))
    elif action.startswith("append "):
        target.write_bytes(data + action.removeprefix("append ").encode() + b"\n")
    elif action == "delete":
        target.unlink()
    elif action.startswith("fail "):
        target.write_bytes(data + action.removeprefix("fail ").encode() + b"\n")
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
