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
        before=CheckIn(pain=6, leg="thigh"),
    )
    store.boundary(
        first,
        changed=[(0, "done"), (1, "skipped")],
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
    store.check_in_after(second, CheckIn(pain=2, leg="back", feel="hard", note="=1+2 felt ok"))
    store.conn.execute("UPDATE sessions SET resumed = 1 WHERE id = ?", (second,))
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
        "leg_before": 3,
        "leg_after": None,
        "felt": None,
        "note": "",
        "segments_done": 1,
        "segments_skipped": 1,
        "segments_total": 3,
        "active_seconds": 30.4,
        "stop_reason": "pain spreading down the leg",
        "stopped_step": "Knee to chest",
        "resumed": False,
    }
    assert second == {
        **second,
        "status": "completed",
        "rehearsal": True,
        "pain_after": 2,
        "leg_before": None,
        "leg_after": 1,  # back only
        "felt": 3,  # hard
        "note": "=1+2 felt ok",  # JSON keeps the text as it is
        "segments_skipped": 0,
        "stopped_step": None,
        "resumed": True,
    }


def test_json_fields_are_those_of_the_design() -> None:
    """DESIGN.md section 6 lists them, in this order."""
    assert FIELDS == (
        "id", "routine", "routine_name", "started_at", "ended_at", "status", "rehearsal",
        "pain_before", "pain_after", "leg_before", "leg_after", "felt", "note", "segments_done",
        "segments_skipped", "segments_total", "active_seconds", "stop_reason", "stopped_step",
        "resumed",
    )  # fmt: skip


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
    # pages of the sessions' rows overwritten (past the first 30: the tables' own root pages
    # and the schema stay readable, so the file opens and the damage shows when it is read)
    for offset in range(30 * page, min(len(data), 45 * page)):
        data[offset] = 0x5A
    (home / "history.sqlite3").write_bytes(bytes(data))
    code, out, err = run(capsys, "--json")
    assert code == 1 and out == ""
    assert "could not be read" in err and "Traceback" not in err


def test_csv_cells_a_spreadsheet_would_run_as_formulas_get_a_quote(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(home)
    store = open_history(home / "history.sqlite3").store
    notes = ["+44 rang", "-5 pain", "@home", "\tindented", "\rreturn", "fine = ok", "'quoted"]
    for index, note in enumerate(notes):
        started = DAY2 + timedelta(days=1 + index)
        sid = store.begin(
            routine="=cmd|' /C calc'!A0", routine_name="@SUM(1)", started=started, segments=ROWS
        )
        store.finish(sid, status="completed", ended=started + timedelta(minutes=1))
        store.check_in_after(sid, CheckIn(note=note))
    store.close()
    _, out, _ = run(capsys, "--csv", "--since", "2026-11-21")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["note"] for row in rows] == [
        "'+44 rang", "'-5 pain", "'@home", "'\tindented", "'\rreturn", "fine = ok", "'quoted"
    ]  # fmt: skip
    assert {row["routine"] for row in rows} == {"'=cmd|' /C calc'!A0"}
    assert {row["routine_name"] for row in rows} == {"'@SUM(1)"}
    _, out, _ = run(capsys, "--json", "--since", "2026-11-21")
    assert [row["note"] for row in json.loads(out)] == notes  # JSON is not a spreadsheet


def test_csv_has_every_field_with_numbers_for_leg_and_felt(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(home)
    _, out, _ = run(capsys, "--csv")
    first, second = csv.DictReader(io.StringIO(out))
    assert (first["leg_before"], first["stopped_step"], first["segments_skipped"]) == (
        "3",
        "Knee to chest",
        "1",
    )
    assert (second["leg_after"], second["felt"], second["resumed"], second["note"]) == (
        "1",
        "3",
        "true",
        "'=1+2 felt ok",
    )


def test_a_since_with_no_sessions_says_so(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(home)
    assert run(capsys, "--since", "2026-12-08") == (0, "No sessions since 2026-12-08.\n", "")


def test_psfs_activities_and_ratings(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sessiontimer.core.history.psfs import PsfsRecord

    assert run(capsys, "--psfs", "--json") == (0, '{\n  "activities": []\n}\n', "")
    store = open_history(home / "history.sqlite3").store
    psfs = PsfsRecord(store)
    socks = psfs.add("Putting on socks", at=DAY1)
    film = psfs.add("Sitting through a film", at=DAY1)
    psfs.rate({socks: 3, film: 5}, at=DAY1)
    psfs.rename(socks, "Putting on socks and shoes", at=DAY2)
    walk = psfs.replace(film, "-Walking to the shop", at=DAY2)
    psfs.rate({socks: 6, walk: 4}, at=DAY2)
    store.close()
    code, out, err = run(capsys, "--psfs", "--json")
    assert (code, err) == (0, "")
    activities = json.loads(out)["activities"]
    assert [(a["name"], a["former_names"], a["replaced_by"]) for a in activities] == [
        ("Putting on socks and shoes", ["Putting on socks"], None),
        ("-Walking to the shop", [], None),
        ("Sitting through a film", [], walk),  # retired, its rating kept with it
    ]
    assert [[r["score"] for r in a["ratings"]] for a in activities] == [[3, 6], [4], [5]]
    assert activities[0]["ratings"][0]["rated_at"] == "2026-11-19T08:30:00-05:00"
    _, out, _ = run(capsys, "--psfs", "--csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["rated_at", "activity_id", "activity", "score", "activity_retired"]
    assert rows[1:] == [
        ["2026-11-19T08:30:00-05:00", str(socks), "Putting on socks and shoes", "3", "false"],
        ["2026-11-19T08:30:00-05:00", str(film), "Sitting through a film", "5", "true"],
        ["2026-11-20T21:15:00-05:00", str(socks), "Putting on socks and shoes", "6", "false"],
        ["2026-11-20T21:15:00-05:00", str(walk), "'-Walking to the shop", "4", "false"],
    ]
    _, out, _ = run(capsys, "--psfs", "--since", "2026-11-20")
    assert out.splitlines() == [
        "2026-11-20 21:15  average 5.0  Putting on socks and shoes 6, -Walking to the shop 4",
        "1 rating.",
    ]
    _, out, _ = run(capsys, "--json")
    assert isinstance(json.loads(out), list)  # `history --json` stays an array of sessions
