"""`sessiontimer history [--json | --csv] [--since YYYY-MM-DD]` (DESIGN.md sections 2 and 6)."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from sessiontimer.cli import main
from sessiontimer.core.history.connection import open_history
from sessiontimer.core.history.export import FIELDS
from sessiontimer.core.history.records import CheckIn
from sessiontimer.core.history.rows import SegmentRow

TZ = timezone(timedelta(hours=-5))
DAY1 = datetime(2026, 11, 19, 8, 30, tzinfo=TZ)
DAY2 = datetime(2026, 11, 20, 21, 15, tzinfo=TZ)
ROWS = [SegmentRow(0, "Knee to chest", "hold", "left", 1, 1, 30, True)] * 3


def fill(home: Path) -> None:
    store = open_history(home / "history.sqlite3").store
    first = store.begin(
        routine="morning",
        routine_name="Morning, [bold]mobility[/]",
        started=DAY1,
        segments=ROWS,
        before=CheckIn(pain=6),
    )
    store.boundary(
        first,
        changed=[(0, "done")],
        segments_done=1,
        active_seconds=30.4,
        current_segment=1,
        at=DAY1,
    )
    store.finish(
        first,
        status="stopped",
        ended=DAY1 + timedelta(minutes=1),
        stop_reason="pain spreading down the leg",
        stop_step=0,
        stop_step_name="Knee to chest",
    )
    second = store.begin(
        routine="desk", routine_name="Desk break", started=DAY2, segments=ROWS, speed=4.0
    )
    store.finish(second, status="completed", ended=DAY2 + timedelta(minutes=2))
    store.check_in_after(second, CheckIn(pain=2))
    store.close()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["history", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_exactly_the_designed_fields(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(home)
    code, out, err = run(capsys, "--json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert [list(row) for row in rows] == [list(FIELDS)] * 2
    first, second = rows
    assert first == {
        "id": 1,
        "routine": "morning",
        "routine_name": "Morning, [bold]mobility[/]",
        "started_at": "2026-11-19T08:30:00-05:00",
        "ended_at": "2026-11-19T08:31:00-05:00",
        "status": "stopped",
        "rehearsal": False,
        "pain_before": 6,
        "pain_after": None,
        "segments_done": 1,
        "segments_total": 3,
        "active_seconds": 30.4,
        "stop_reason": "pain spreading down the leg",
    }
    assert (second["status"], second["rehearsal"], second["pain_after"]) == ("completed", True, 2)


def test_csv_has_a_header_and_one_row_per_session(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(home)
    code, out, _ = run(capsys, "--csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == list(FIELDS)
    assert len(rows) == 3
    assert rows[1][FIELDS.index("routine_name")] == "Morning, [bold]mobility[/]"  # quoted comma
    assert rows[1][FIELDS.index("pain_after")] == ""
    assert rows[2][FIELDS.index("rehearsal")] == "true"


def test_since_keeps_sessions_from_that_day_on(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(home)
    _, out, _ = run(capsys, "--json", "--since", "2026-11-20")
    assert [row["routine"] for row in json.loads(out)] == ["desk"]
    _, out, _ = run(capsys, "--json", "--since", "2026-11-21")
    assert json.loads(out) == []
    code, out, _ = run(capsys, "--since", "2026-11-21")
    assert (code, out) == (0, "No sessions since 2026-11-21.\n")  # not "recorded yet"


@pytest.mark.parametrize(
    "bad", ["2026-13-01", "yesterday", "2026-1-5", "20261120", "", "2026-W01-1", "２０２６-11-01"]
)
def test_a_bad_since_is_a_clear_error(
    home: Path, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    code, out, err = run(capsys, "--since", bad)
    assert code == 1 and out == ""
    assert f'--since must be a date written YYYY-MM-DD, like 2026-11-01, not "{bad}"' in err
    assert "Traceback" not in err


def test_json_and_csv_together_is_a_usage_error(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["history", "--json", "--csv"])
    assert exit_info.value.code == 2


def test_the_table_for_people(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(home)
    code, out, _ = run(capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["STARTED", "ROUTINE", "STATUS", "DONE", "TIME", "PAIN"]
    assert "2026-11-19 08:30" in lines[1] and "safety stop" in lines[1] and "6 → –" in lines[1]
    assert "completed, rehearsal" in lines[2] and "– → 2" in lines[2]
    assert lines[-1] == "1 session and 1 rehearsal."


def test_no_history_yet(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--json") == (0, "[]\n", "")
    assert run(capsys) == (0, "No sessions recorded yet.\n", "")
    assert run(capsys, "--csv") == (0, ",".join(FIELDS) + "\n", "")
    assert not (home / "history.sqlite3").exists()  # reading never creates it


def test_a_damaged_file_is_kept_and_reported(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (home / "history.sqlite3").write_bytes(b"garbage" * 500)
    code, out, err = run(capsys, "--json")
    assert (code, out) == (0, "[]\n")
    kept = list(home.glob("history.sqlite3.broken-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"garbage" * 500
    assert str(kept[0]) in err and "new history" in err


def test_a_file_damaged_inside_is_a_clear_error_not_a_traceback(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_history(home / "history.sqlite3").store
    for n in range(400):
        store.begin(
            routine="r", routine_name="R" * 200, started=DAY1 + timedelta(minutes=n), segments=ROWS
        )
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray((home / "history.sqlite3").read_bytes())
    page = 4096
    for offset in range(3 * page, min(len(data), 20 * page)):
        data[offset] = 0x5A  # pages inside the file overwritten
    (home / "history.sqlite3").write_bytes(bytes(data))
    code, out, err = run(capsys, "--json")
    assert code == 1 and out == ""
    assert "could not be read" in err and "Traceback" not in err
