"""The made-up history of the benchmarks (``benchmarks/history_data.py``) is a real, consistent
history, and the history stays fast with 10 years of it (issue 4, Performance).

The budgets are ``history --csv`` ≤ 1 s and the history screen ≤ 100 ms; the timing tests here
allow twice that, so a busy machine does not fail them (``python -m benchmarks --only history``
gives the real figures). ``SESSIONTIMER_NO_TIMING=1`` skips the timing tests.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from sessiontimer.core.history.connection import open_history
from sessiontimer.core.history.export import FIELDS
from sessiontimer.core.history.records import FEELS, LEG_EXTENTS, STATUSES
from sessiontimer.core.history.rows import local_time
from sessiontimer.core.history.schema import SCHEMA_VERSION
from sessiontimer.core.insights.overview import history_view
from tests.conftest import REPO

pytest.importorskip("benchmarks.history_data", reason="the benchmarks are not in this tree")

from benchmarks import history_perf
from benchmarks.history_data import Generated, generate

END = date(2026, 11, 21)
TIMING = pytest.mark.skipif(
    os.environ.get("SESSIONTIMER_NO_TIMING") == "1", reason="SESSIONTIMER_NO_TIMING=1"
)


def run_history(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sessiontimer", "history", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "SESSIONTIMER_HOME": str(home)},
        cwd=REPO,
        timeout=60,
    )


def rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def one_year(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return generate(tmp_path_factory.mktemp("one-year") / "history.sqlite3", years=1, end=END)


@pytest.fixture(scope="module")
def ten_years(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return generate(tmp_path_factory.mktemp("ten-years") / "history.sqlite3", years=10, end=END)


# --- the generator ----------------------------------------------------------------------------


def test_a_year_has_about_1100_sessions_of_about_15_segments(one_year: Generated) -> None:
    assert 900 <= one_year.sessions <= 1300
    assert 10 <= one_year.segments / one_year.sessions <= 22
    assert one_year.last_day == END
    assert (one_year.last_day - one_year.first_day).days in (364, 365)
    assert one_year.seconds < 5
    path = one_year.path
    assert rows(path, "SELECT count(*) FROM sessions") == [(one_year.sessions,)]
    assert rows(path, "SELECT count(*) FROM segments") == [(one_year.segments,)]
    # 2 to 4 sessions on most days, and some days without any.
    per_day = [n for (n,) in rows(path, "SELECT count(*) FROM sessions GROUP BY day")]
    assert statistics.median(per_day) in (3, 4)
    assert max(per_day) <= 4
    assert 300 <= len(per_day) <= 360


def test_statuses_rehearsals_and_check_ins_are_realistic(one_year: Generated) -> None:
    path, total = one_year.path, one_year.sessions
    statuses = dict(rows(path, "SELECT status, count(*) FROM sessions GROUP BY status"))
    assert set(statuses) == {"completed", "left", "stopped", "interrupted"}
    assert set(statuses) <= set(STATUSES)
    assert statuses["completed"] / total > 0.8
    # Rehearsals (about 5%) are the sessions run faster than real time.
    rehearsals = rows(path, "SELECT rehearsal, speed != 1, count(*) FROM sessions GROUP BY 1, 2")
    counts = {(bool(r), bool(fast)): n for r, fast, n in rehearsals}
    assert set(counts) == {(False, False), (True, True)}
    assert 0.02 <= counts[True, True] / total <= 0.09
    # Safety stops name the reason and the step; no other session has a step.
    assert rows(
        path,
        "SELECT count(*) FROM sessions WHERE status = 'stopped' "
        "AND (stop_reason IS NULL OR stop_step IS NULL OR stop_step_name IS NULL)",
    ) == [(0,)]
    assert rows(
        path, "SELECT count(*) FROM sessions WHERE status != 'stopped' AND stop_step IS NOT NULL"
    ) == [(0,)]
    # Answers in range, some skipped; notes now and then.
    pains = rows(path, "SELECT pain_before, pain_after FROM sessions")
    values = [p for pair in pains for p in pair if p is not None]
    assert values and all(0 <= p <= 10 for p in values)
    assert any(p is None for pair in pains for p in pair)
    legs = {leg for (leg,) in rows(path, "SELECT leg_before FROM sessions") if leg}
    assert legs <= set(LEG_EXTENTS) and len(legs) >= 3
    feels = {feel for (feel,) in rows(path, "SELECT feel FROM sessions") if feel}
    assert feels == set(FEELS)
    notes = rows(path, "SELECT count(*) FROM sessions WHERE note != ''")[0][0]
    assert 0 < notes < total / 10


def test_pain_falls_over_the_first_months(one_year: Generated) -> None:
    def mean_pain(where: str, day: date) -> float:
        sql = f"SELECT avg(pain_before) FROM sessions WHERE day {where} '{day.isoformat()}'"
        return float(rows(one_year.path, sql)[0][0])

    first_month = mean_pain("<", one_year.first_day + timedelta(days=30))
    last_quarter = mean_pain(">", END - timedelta(days=90))
    assert first_month - last_quarter >= 2


def test_rows_are_consistent_as_the_store_writes_them(one_year: Generated) -> None:
    path = one_year.path
    for started_at, epoch, day, ended_at, updated_at in rows(
        path, "SELECT started_at, started_epoch, day, ended_at, updated_at FROM sessions"
    ):
        started = datetime.fromisoformat(str(started_at))
        assert started.tzinfo is not None
        assert started.timestamp() == epoch
        assert started.date().isoformat() == day
        assert ended_at == updated_at
        assert datetime.fromisoformat(str(ended_at)) >= started
    # Ids follow the start times, as sessions written one after another.
    epochs = [e for (e,) in rows(path, "SELECT started_epoch FROM sessions ORDER BY id")]
    assert epochs == sorted(epochs)
    # Every session has its segments; the done count is the segments done.
    assert rows(
        path,
        "SELECT count(*) FROM sessions s WHERE segments_total != "
        "(SELECT count(*) FROM segments g WHERE g.session_id = s.id) OR segments_done != "
        "(SELECT count(*) FROM segments g WHERE g.session_id = s.id AND outcome = 'done')",
    ) == [(0,)]
    assert rows(
        path,
        "SELECT count(*) FROM sessions s WHERE status = 'completed' AND EXISTS "
        "(SELECT 1 FROM segments g WHERE g.session_id = s.id AND outcome IS NULL)",
    ) == [(0,)]
    assert {o for (o,) in rows(path, "SELECT DISTINCT outcome FROM segments")} == {
        "done",
        "skipped",
        None,
    }
    assert rows(path, "PRAGMA integrity_check") == [("ok",)]
    assert rows(path, "PRAGMA foreign_key_check") == []


def test_the_store_opens_it_as_a_current_history(one_year: Generated) -> None:
    opened = open_history(one_year.path, create=False)
    try:
        assert opened.notice is None
        store = opened.store
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        records = store.sessions()
        assert len(records) == one_year.sessions == store.count()
        assert all(r.status != "in_progress" for r in records)
        stopped = next(r for r in records if r.status == "stopped")
        steps = store.steps(stopped.id)
        assert steps and stopped.stop_step is not None
        assert steps[stopped.stop_step].name == stopped.stop_step_name
        view = history_view(store, END)
        assert view.total + view.rehearsals == one_year.sessions
        assert view.recent[0].day == END
        assert any(cell == "met" for row in view.heatmap for cell in row)
    finally:
        opened.store.close()


def test_history_json_and_csv_give_every_session(one_year: Generated) -> None:
    home = one_year.path.parent
    as_json = run_history(home, "--json")
    assert as_json.returncode == 0, as_json.stderr
    sessions = json.loads(as_json.stdout)
    assert len(sessions) == one_year.sessions
    assert set(sessions[0]) == set(FIELDS)
    assert sum(s["rehearsal"] for s in sessions) > 0
    as_csv = run_history(home, "--csv")
    assert as_csv.returncode == 0, as_csv.stderr
    table = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert len(table) == one_year.sessions + 1
    assert tuple(table[0]) == FIELDS


def test_the_same_seed_gives_the_same_history(tmp_path: Path, one_year: Generated) -> None:
    again = generate(tmp_path / "history.sqlite3", years=1, end=END)
    sql = "SELECT * FROM sessions ORDER BY id"
    assert (again.sessions, again.segments) == (one_year.sessions, one_year.segments)
    assert rows(again.path, sql) == rows(one_year.path, sql)


def test_it_never_adds_to_a_history_with_sessions(one_year: Generated) -> None:
    before = one_year.path.stat().st_size
    with pytest.raises(FileExistsError, match="already holds"):
        generate(one_year.path, years=1, end=END)
    assert rows(one_year.path, "SELECT count(*) FROM sessions") == [(one_year.sessions,)]
    assert one_year.path.stat().st_size == before


@pytest.fixture
def berlin() -> Iterator[None]:
    """Local time with summer time (POSIX rule, no tz database needed)."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "CET-1CEST,M3.5.0,M10.5.0/3"
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time.tzset()


def test_times_carry_the_local_offset_of_their_moment(tmp_path: Path, berlin: None) -> None:
    made = generate(tmp_path / "history.sqlite3", years=0.2, end=date(2026, 4, 30))
    stamps = rows(made.path, "SELECT started_at, started_epoch, day, ended_at FROM sessions")
    assert {str(s)[-6:] for s, *_ in stamps} == {"+01:00", "+02:00"}  # across the change
    for started_at, epoch, day, ended_at in stamps:
        started = datetime.fromisoformat(str(started_at))
        assert started.timestamp() == epoch
        assert str(started_at)[:10] == day
        ended = datetime.fromisoformat(str(ended_at))
        assert ended.utcoffset() == local_time(ended.timestamp()).utcoffset()


# --- timing with 10 years -------------------------------------------------------------------------


@TIMING
def test_ten_years_is_about_11000_sessions_and_165000_segments(ten_years: Generated) -> None:
    assert 10_000 <= ten_years.sessions <= 12_500
    assert 140_000 <= ten_years.segments <= 190_000
    assert ten_years.seconds < 10


@TIMING
def test_history_csv_with_ten_years_is_quick(ten_years: Generated) -> None:
    home = ten_years.path.parent
    run_history(home, "--csv")  # warm the page cache
    began = time.perf_counter()
    result = run_history(home, "--csv")
    elapsed = time.perf_counter() - began
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == ten_years.sessions + 1
    assert elapsed <= 2.0, f"history --csv took {elapsed:.2f} s (budget 1 s)"


@TIMING
def test_the_history_queries_and_the_store_with_ten_years_are_quick(
    ten_years: Generated,
) -> None:
    view = statistics.median(history_perf.query_runs(ten_years.path, END, 5, "history_view"))
    assert view <= 0.2, f"history_view took {1000 * view:.0f} ms (budget 100 ms)"
    opening = statistics.median(history_perf.open_runs(ten_years.path, 5))
    assert opening <= 0.05, f"open_history took {1000 * opening:.1f} ms"


@TIMING
@pytest.mark.skipif(not history_perf.screen_available(), reason="no history screen yet")
async def test_the_history_screen_with_ten_years_opens_quickly(ten_years: Generated) -> None:
    home = ten_years.path.parent
    runs = [await history_perf.open_screen(home, END) for _ in range(3)]
    first = statistics.median(float(run["first_frame"]) for run in runs)
    assert first <= 0.2, f"the history screen took {1000 * first:.0f} ms (budget 100 ms)"
