"""Text from users' files made safe to show, and shown in messages: control characters stripped or
escaped, values quoted or named by type, "did you mean" suggestions for near misses."""

from __future__ import annotations

import difflib
import re

# every C0 and C1 control character (newline and tab too): these could drive a terminal; the
# bidirectional overrides and isolates, which can make a text read as something else (CVE-2021-42574);
# and lone surrogates, the undecodable bytes of a file name (they cannot even be printed)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# the same, but newline and tab are kept: text that may span lines
BLOCK_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# Python cannot print an int of more than 4300 digits; anything this long is "a huge number"
_MAX_SHOWN_DIGITS = 18


def clean_line(value: str) -> str:
    """One line of plain text: control characters (escape codes included) become spaces."""
    return _CONTROL.sub(" ", value).strip()


def clean_block(value: str) -> str:
    """Plain text that may span lines: control characters other than newline and tab go."""
    return BLOCK_CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


def printable(message: str) -> str:
    """A message on one line with no control characters (they could drive the terminal): each is
    written as its escape (``\x1b``, ``\u202e``; an undecodable byte of a file name as ``\udcff``)."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), message)


def storable(value: str) -> str:
    """A text that may hold the undecodable bytes of a file name (lone surrogates), made fit to
    store as UTF-8 (each such byte becomes U+FFFD)."""
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def quoted(value: str, limit: int = 40) -> str:
    """A user's text for an error message: in quotes, on one line, control characters escaped
    (so a message cannot move the cursor or recolour a terminal), and cut short when long."""
    shown = printable(value)
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return f'"{shown}"'


def type_name(value: object) -> str:
    """The TOML name of a Python value's type, for error messages."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"


def shown(value: object) -> str:
    """A wrong value, as a message shows it: a text in quotes, or the name of its type."""
    return quoted(value) if isinstance(value, str) else type_name(value)


def shown_number(value: float) -> str:
    """A number for an error message; Python cannot print an int of more than 4300 digits."""
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and abs(value) >= 10**_MAX_SHOWN_DIGITS
    ):
        return "a huge number"
    return str(value)


def did_you_mean(key: str, choices: tuple[str, ...] | list[str]) -> str:
    """``'; did you mean "hold"?'`` for a near miss of one of ``choices``, else ``""``."""
    close = difflib.get_close_matches(key.lower(), choices, n=1, cutoff=0.6)
    return f'; did you mean "{close[0]}"?' if close else ""
