"""Durations (DESIGN.md section 3): "45s", "2m", "1m30s", "1h" or a whole number of seconds."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sessiontimer.core.base.durations import (
    MAX_SECONDS,
    DurationError,
    format_clock,
    format_duration,
    format_total,
    parse_duration,
)
from sessiontimer.core.base.text import quoted, shown_number


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (0, 0),
        (90, 90),
        (7200, 7200),
        (10**30, 10**30),  # parsing allows it; the loader applies the 2 h limit
        ("0s", 0),
        ("45s", 45),
        ("2m", 120),
        ("1m30s", 90),
        ("1h", 3600),
        ("1h1m1s", 3661),
        ("1h30s", 3630),
        ("90s", 90),
        ("90m", 5400),
        ("007s", 7),
    ],
)
def test_parse(value: object, seconds: int) -> None:
    assert parse_duration(value) == seconds


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1.5m", '"1.5m" is not a duration'),
        ("30 sec", '"30 sec" is not a duration'),
        ("", '"" is not a duration'),
        ("   ", "is not a duration"),
        ("90", 'write 90 (a number) or "90s" for 90 seconds, not "90"'),
        (" 90 ", "write 90 (a number)"),
        ("1m 30s", "is not a duration"),
        ("30s1m", "is not a duration"),
        ("1d", "is not a duration"),
        ("-5s", "is not a duration"),
        ("s", "is not a duration"),
        ("hms", "is not a duration"),
        ("1h2h", "is not a duration"),
        ("٣s", "is not a duration"),  # Arabic-Indic digit: not ASCII
        ("²", "is not a duration"),  # a digit to str.isdigit(), but int() refuses it
        ("1" * 5000 + "s", "far too long"),
        (-1, "cannot be negative (got -1)"),
        (-(10**30), "cannot be negative (got a huge number)"),
        (1.5, 'durations are whole seconds: write 2 or "2s", not 1.5'),
        (30.0, 'write 30 or "30s", not 30.0'),
        (float("nan"), "not nan"),
        (float("inf"), "not inf"),
        (float("-inf"), "not -inf"),
        (True, "got true"),
        (False, "got false"),
        (None, "got a date or time"),
        ([30], "got an array"),
        ({"s": 30}, "got a table"),
        (dt.time(0, 0, 30), "got a date or time"),
    ],
)
def test_parse_errors(value: object, message: str) -> None:
    with pytest.raises(DurationError) as err:
        parse_duration(value)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_error_messages_escape_and_shorten_the_value() -> None:
    with pytest.raises(DurationError) as err:
        parse_duration("\x1b[31m" + "x" * 500)
    message = str(err.value)
    assert "\x1b" not in message
    assert "\\x1b[31m" in message
    assert len(message) < 200


def test_duration_error_is_a_value_error() -> None:
    assert issubclass(DurationError, ValueError)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0s"),
        (-5, "0s"),
        (1, "1s"),
        (59, "59s"),
        (60, "1m"),
        (90, "1m30s"),
        (3600, "1h"),
        (3630, "1h30s"),
        (3661, "1h1m1s"),
        (7200, "2h"),
        (86400, "24h"),
    ],
)
def test_format(seconds: int, text: str) -> None:
    assert format_duration(seconds) == text


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10 * MAX_SECONDS))
def test_format_then_parse(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, 9),
    st.integers(0, 59),
    st.integers(0, 59),
    st.lists(st.booleans(), min_size=3, max_size=3),
)
def test_parse_then_format(hours: int, minutes: int, secs: int, use: list[bool]) -> None:
    parts = [(hours, "h"), (minutes, "m"), (secs, "s")]
    text = "".join(f"{n}{unit}" for (n, unit), on in zip(parts, use, strict=True) if on)
    if not text:
        text = "0s"
    seconds = parse_duration(text)
    assert seconds == sum(
        n * {"h": 3600, "m": 60, "s": 1}[u] for (n, u), on in zip(parts, use, strict=True) if on
    )
    assert parse_duration(format_duration(seconds)) == seconds
    assert parse_duration(seconds) == seconds


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_parse_never_fails_otherwise(text: str) -> None:
    try:
        seconds = parse_duration(text)
    except DurationError as err:
        assert "\n" not in str(err)
    else:
        assert seconds >= 0


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0:00"), (-3, "0:00"), (59.9, "0:59"), (90, "1:30"), (3725, "1:02:05")],
)
def test_format_clock(seconds: float, text: str) -> None:
    assert format_clock(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0 s"), (45, "45 s"), (60, "1 min"), (230, "3 min 50 s"), (-1, "0 s")],
)
def test_format_total(seconds: int, text: str) -> None:
    assert format_total(seconds) == text


def test_message_helpers() -> None:
    assert quoted("hold") == '"hold"'
    assert quoted("a\nb\x1b") == '"a\\nb\\x1b"'
    assert quoted("x" * 100) == '"' + "x" * 39 + '…"'
    assert shown_number(42) == "42"
    assert shown_number(-(10**30)) == "a huge number"
    assert shown_number(1.5) == "1.5"
