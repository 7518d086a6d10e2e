"""A month and a half of made-up history up to the fake clock's day (Sat 21 Nov 2026), written the
way the app writes it: for the history screen's tests and its snapshots; a routine practised
every day, for the progression's."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from sessiontimer.core.history.connection import open_history
from sessiontimer.core.history.records import CheckIn
from sessiontimer.core.history.rows import SegmentRow
from sessiontimer.core.history.store import Store

TZ = timezone(timedelta(hours=1))
TODAY = datetime(2026, 11, 21, 8, 0, tzinfo=TZ)  # FakeClock's day
MARKUP_ROUTINE = "Evening [bold]stretches[/] [@click=app.quit]x[/]"
MARKUP_NOTE = "calf [red]tight[/] after the second set"

MORNING = [
    SegmentRow(0, "Get ready", "prepare", None, 1, 1, 5, False),
    SegmentRow(0, "Knee to chest", "hold", "left", 1, 1, 30, True),
    SegmentRow(0, "Knee to chest", "hold", "right", 1, 1, 30, True),
    SegmentRow(1, "Get ready", "prepare", None, 1, 1, 5, False),
    SegmentRow(1, "Pelvic tilt", "reps", None, 1, 1, None, True),
    SegmentRow(1, "Pelvic tilt", "rest", None, 1, 1, 30, False),
    SegmentRow(1, "Pelvic tilt", "reps", None, 2, 1, None, True),
]
EVENING = [
    SegmentRow(0, "Get ready", "prepare", None, 1, 1, 5, False),
    SegmentRow(0, "Cat–camel", "reps", None, 1, 1, 40, True),
    SegmentRow(1, "Get ready", "prepare", None, 1, 1, 5, False),
    SegmentRow(1, "Sciatic nerve glide", "reps", "left", 1, 1, 40, True),
    SegmentRow(1, "Sciatic nerve glide", "reps", "left", 2, 1, 40, True),
    SegmentRow(1, "Sciatic nerve glide", "reps", "left", 3, 1, 40, True),
    SegmentRow(2, "Get ready", "prepare", None, 1, 1, 5, False),
    SegmentRow(2, "Bridge", "hold", None, 1, 1, 20, True),
    SegmentRow(3, "Get ready", "prepare", None, 1, 1, 5, False),
    SegmentRow(3, "Warmth on the low back", "heat", None, 1, 1, 600, True),
]


def record(
    store: Store,
    started: datetime,
    *,
    routine: str = "morning",
    name: str = "Morning mobility",
    segments: list[SegmentRow] = MORNING,
    outcomes: list[str | None] | None = None,
    status: str = "completed",
    speed: float = 1.0,
    before: CheckIn | None = None,
    after: CheckIn | None = None,
    stop_step: int | None = None,
    stop_reason: str | None = None,
    minutes: float = 3.0,
) -> int:
    """One finished session, written the way the app writes it."""
    sid = store.begin(
        routine=routine,
        routine_name=name,
        started=started,
        segments=segments,
        speed=speed,
        before=before,
    )
    if outcomes is None:
        outcomes = ["done"] * len(segments)
    changed = [(i, o) for i, o in enumerate(outcomes) if o is not None]
    reached = max((i for i, _ in changed), default=0)
    ended = started + timedelta(minutes=minutes)
    store.boundary(
        sid,
        changed=changed,
        segments_done=sum(o == "done" for o in outcomes),
        active_seconds=minutes * 60,
        current_segment=reached if status != "completed" else len(segments) - 1,
        at=ended,
    )
    store.finish(
        sid,
        status=status,
        ended=ended,
        stop_reason=stop_reason,
        stop_step=stop_step,
        stop_step_name=next(s.step_name for s in segments if s.step == stop_step and s.work)
        if stop_step is not None
        else None,
    )
    if after is not None:
        store.check_in_after(sid, after)
    return sid


def fill(path: Path) -> dict[str, int]:
    """A month and a half of sessions up to the fake clock's day (Sat 21 Nov 2026); returns the
    ids of the notable ones."""
    store = open_history(path).store
    ids: dict[str, int] = {}
    legs = ["thigh", "thigh", "below_knee", "thigh", "buttock", "buttock"]
    # Oct 5 - Nov 13: most days, pain slowly easing; a few days missed
    day = datetime(2026, 10, 5, 8, 30, tzinfo=TZ)
    n = 0
    while day < datetime(2026, 11, 14, tzinfo=TZ):
        n += 1
        if n % 6 != 0:
            pain = 7 - n // 10
            leg = legs[min(n // 8, len(legs) - 1)]
            record(
                store,
                day,
                before=CheckIn(pain=pain, leg=leg),
                after=CheckIn(pain=max(pain - 2, 0), leg="buttock" if n > 20 else leg),
            )
        elif n % 12 == 0:  # a day with a session left early: some, not met
            record(
                store, day, status="left", outcomes=["done", "done", None, None, None, None, None]
            )
        day += timedelta(days=1)
    # Nov 15 - 21: every day (a streak of 7), the last week's pain
    for offset, (b, a) in enumerate([(4, 3), (5, 3), (4, 2), (3, 2), (4, 3), (3, 1), (3, 2)]):
        started = datetime(2026, 11, 15, 8, 30, tzinfo=TZ) + timedelta(days=offset)
        ids[f"nov{15 + offset}"] = record(
            store,
            started,
            before=CheckIn(pain=b, leg="buttock"),
            after=CheckIn(pain=a, leg="back", feel="about_right"),
        )
    ids["earlier_stop"] = record(
        store,
        datetime(2026, 11, 12, 19, 0, tzinfo=TZ),
        routine="evening",
        name=MARKUP_ROUTINE,
        segments=EVENING,
        outcomes=["done", "done", "done", None, None, None, None, None, None, None],
        status="stopped",
        stop_step=1,
        stop_reason="pain spreading down the leg",
        minutes=3,
    )
    ids["partial"] = record(
        store,
        datetime(2026, 11, 18, 19, 0, tzinfo=TZ),
        routine="evening",
        name=MARKUP_ROUTINE,
        segments=EVENING,
        outcomes=["done", "done", "done", "done", None, None, None, None, None, None],
        status="stopped",
        stop_step=1,
        stop_reason="pain spreading down the leg",
        before=CheckIn(pain=5, leg="thigh"),
        after=CheckIn(pain=6, leg="below_knee", feel="painful", note=MARKUP_NOTE),
        minutes=4,
    )
    ids["interrupted"] = record(
        store,
        datetime(2026, 11, 19, 21, 15, tzinfo=TZ),
        routine="evening",
        name=MARKUP_ROUTINE,
        segments=EVENING,
        outcomes=["done", "done", None, None, None, None, None, None, None, None],
        status="interrupted",
        stop_reason="the terminal was closed",
        minutes=1,
    )
    ids["rehearsal"] = record(
        store,
        datetime(2026, 11, 20, 12, 5, tzinfo=TZ),
        routine="evening",
        name=MARKUP_ROUTINE,
        segments=EVENING,
        speed=10.0,
        minutes=2,
    )
    fill_breaks(store)
    store.close()
    return ids


def fill_breaks(store: Store) -> None:
    """Sit/stand breaks on weekdays from 2 Nov: more standing each week; today 3 taken (one with
    the desk routine, one snoozed), 1 skipped."""
    from sessiontimer.core.breaks.events import BreakRecord

    day = datetime(2026, 11, 2)  # local time, like the app's days
    while day < datetime(2026, 11, 21):
        if day.weekday() < 5:
            week = (day - datetime(2026, 11, 2)).days // 7
            for n in range(4 + 4 * week):
                at = (day + timedelta(hours=9, minutes=30 * n)).timestamp()
                store.save_break(
                    BreakRecord(at, "taken", at + 200, snoozes=n % 3 == 0, standing_seconds=180)
                )
        day += timedelta(days=1)
    nine = datetime(2026, 11, 21, 9, 0).timestamp()
    for n, (outcome, snoozes, routine) in enumerate(
        [("taken", 0, True), ("taken", 1, False), ("skipped", 0, False), ("taken", 0, False)]
    ):
        at = nine - 7200 + 1800 * n
        standing = 180 if outcome == "taken" else 0
        store.save_break(BreakRecord(at, outcome, at + 300, snoozes, standing, routine))


def practised(path: Path, routine: str, name: str, days: int = 28) -> Store:
    """``routine`` completed every day for ``days`` days up to yesterday (the fake clock's day is
    Sat 21 Nov 2026): nothing in the history holds its progression back. The store stays open
    for more records; close it."""
    store = open_history(path).store
    for offset in range(days, 0, -1):
        record(store, TODAY + timedelta(days=-offset, hours=1), routine=routine, name=name)
    return store
