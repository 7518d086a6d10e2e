"""The safety record: red-flag answers, steps left out after a stop, progressions applied."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sessiontimer.core.history.connection import open_history
from sessiontimer.core.history.safety_record import SafetyRecord
from sessiontimer.core.history.schema import MIGRATIONS, SCHEMA_VERSION, migrate, schema_version

TZ = timezone(timedelta(hours=1))
MORNING = datetime(2026, 11, 21, 8, 0, tzinfo=TZ)


def record(tmp_path: Path) -> SafetyRecord:
    return SafetyRecord(open_history(tmp_path / "history.sqlite3").store)


def test_every_red_flag_answer_is_kept_with_its_time(tmp_path: Path) -> None:
    safety = record(tmp_path)
    safety.answer_red_flags(yes=False, at=MORNING, routine="morning-mobility")
    safety.answer_red_flags(yes=True, at=MORNING + timedelta(hours=3), routine="core-stability")
    answers = safety.red_flag_answers()
    assert [(a.at, a.yes, a.routine) for a in answers] == [
        (MORNING, False, "morning-mobility"),
        (MORNING + timedelta(hours=3), True, "core-stability"),
    ]
    assert safety.red_flag_yes_on(date(2026, 11, 21)) == MORNING + timedelta(hours=3)
    assert safety.red_flag_yes_on(date(2026, 11, 22)) is None
    assert safety.red_flag_answers(since=date(2026, 11, 22)) == []


def test_a_no_on_the_day_is_not_a_yes(tmp_path: Path) -> None:
    safety = record(tmp_path)
    safety.answer_red_flags(yes=False, at=MORNING)
    assert safety.red_flag_yes_on(date(2026, 11, 21)) is None


def test_a_stopped_step_stays_out_until_it_is_put_back(tmp_path: Path) -> None:
    safety = record(tmp_path)
    safety.leave_out("piriformis-hamstring", "Piriformis stretch", at=MORNING, session_id=4)
    safety.leave_out("piriformis-hamstring", "Piriformis stretch", at=MORNING + timedelta(days=1))
    safety.leave_out("other", "Bridge", at=MORNING)
    [step] = safety.left_out("piriformis-hamstring")
    assert (step.step_name, step.since, step.session_id) == ("Piriformis stretch", MORNING, 4)
    assert safety.left_out_names("other") == {"Bridge"}
    safety.put_back("piriformis-hamstring", "Piriformis stretch", at=MORNING + timedelta(days=9))
    assert safety.left_out("piriformis-hamstring") == []
    assert safety.left_out_names("other") == {"Bridge"}
    safety.leave_out("piriformis-hamstring", "Piriformis stretch", at=MORNING + timedelta(days=10))
    assert safety.left_out_names("piriformis-hamstring") == {"Piriformis stretch"}


def test_progressions_are_kept_in_order(tmp_path: Path) -> None:
    safety = record(tmp_path)
    safety.record_progression("core-stability", ["1. Bridge: reps 10 → 11"], at=MORNING)
    safety.record_progression(
        "core-stability",
        ["2. Plank: hold 15s → 20s", "3. x"],
        at=MORNING + timedelta(days=4),
        anyway=True,
    )
    first, second = safety.progressions("core-stability")
    assert (first.day, first.changes, first.anyway) == (
        date(2026, 11, 21),
        ("1. Bridge: reps 10 → 11",),
        False,
    )
    assert (second.changes, second.anyway) == (("2. Plank: hold 15s → 20s", "3. x"), True)
    assert safety.progressions("other") == []


def test_a_version_2_history_gains_the_safety_tables_and_keeps_its_sessions(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[:2])
    conn.execute(
        "INSERT INTO sessions (routine, routine_name, started_at, started_epoch, day, updated_at, "
        "status) VALUES ('m', 'Morning', '2026-11-20T08:00:00+01:00', 0, '2026-11-20', "
        "'2026-11-20T08:00:00+01:00', 'completed')"
    )
    conn.close()
    store = open_history(path).store
    assert schema_version(store.conn) == SCHEMA_VERSION >= 3
    assert [s.routine for s in store.sessions()] == ["m"]
    SafetyRecord(store).answer_red_flags(yes=False, at=MORNING)


def test_a_damaged_answer_row_is_left_out_not_raised(tmp_path: Path) -> None:
    safety = record(tmp_path)
    safety.conn.execute(
        "INSERT INTO red_flag_answers (answered_at, day, answer) VALUES ('yesterday', '2026-11-21', 'yes')"
    )
    safety.answer_red_flags(yes=True, at=MORNING)
    assert [a.at for a in safety.red_flag_answers()] == [MORNING]
