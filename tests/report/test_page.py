"""The clinician report as a page (DESIGN.md section 9), and `sessiontimer report`: one
self-contained HTML file (nothing to load from anywhere, no script), every chart with a table of
its numbers, what the person wrote shown as text, empty periods said in words, the file written
for the user alone, and clear messages for bad options."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sessiontimer.cli import main
from sessiontimer.core.history.connection import open_history
from sessiontimer.core.history.psfs import PsfsRecord
from sessiontimer.core.history.records import CheckIn
from sessiontimer.core.history.rows import SegmentRow
from sessiontimer.core.history.safety_record import SafetyRecord
from sessiontimer.core.history.store import Store
from sessiontimer.report.build import build, default_path, write
from sessiontimer.report.page import render
from tests.conftest import REPO

TZ = timezone(timedelta(hours=1))
TODAY = date.today()
ROWS = [SegmentRow(0, "Bridge", "hold", None, 1, 1, 5, True)]
EVIL = '<script>alert("x")</script><img src="http://example.com/x.png">'


def at(day: date, hour: int = 8) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


def fill(store: Store, days: int = 20) -> None:
    for n in range(days):
        day = TODAY - timedelta(days=days - 1 - n)
        started = at(day)
        sid = store.begin(
            routine="core",
            routine_name=f"Core {EVIL}",
            started=started,
            segments=ROWS,
            before=CheckIn(pain=6 - n // 5, leg="thigh" if n < 10 else "buttock"),
        )
        stopped = n == 12
        store.finish(
            sid,
            status="stopped" if stopped else "completed",
            ended=started + timedelta(minutes=4),
            stop_step_name=f"Bridge {EVIL}" if stopped else None,
        )
        store.check_in_after(
            sid, CheckIn(pain=4 - n // 5, leg="buttock", note=EVIL if n == 3 else "")
        )
    SafetyRecord(store).answer_red_flags(yes=True, at=at(TODAY - timedelta(days=2)), routine="core")
    psfs = PsfsRecord(store)
    socks = psfs.add(f"Socks {EVIL}", at=at(TODAY - timedelta(days=20)))
    psfs.rate({socks: 3}, at=at(TODAY - timedelta(days=15)))
    psfs.rate({socks: 7}, at=at(TODAY - timedelta(days=1)))


class _Loads(HTMLParser):
    """Every attribute of every element that could make a browser load something, and what the
    style sheets could load."""

    ATTRIBUTES = ("src", "href", "srcset", "action", "data", "poster", "xlink:href", "background")

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [f"{tag} {name}={value}" for name, value in attrs if name in self.ATTRIBUTES]
        self.found += [f"{tag} style={v}" for n, v in attrs if n == "style" and "url(" in (v or "")]
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.found += re.findall(r"url\([^)]*\)|@import[^;]*", data)


def references(page: str) -> list[str]:
    """Everything in the page that could make the browser load something."""
    parser = _Loads()
    parser.feed(page)
    return parser.found


@pytest.fixture
def page(tmp_path: Path) -> str:
    store = open_history(tmp_path / "history.sqlite3").store
    fill(store)
    html = render(build(store, TODAY))
    store.close()
    return html


def test_the_page_loads_nothing_and_runs_nothing(page: str) -> None:
    assert references(page) == []
    assert "<script" not in page.lower()  # pygal's inline script is taken out too
    assert "<link" not in page.lower() and "<iframe" not in page.lower()
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_what_the_person_wrote_is_text_not_markup(page: str) -> None:
    assert EVIL not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    for name in ("Core ", "Bridge ", "Socks "):
        assert f"{name}&lt;script&gt;" in page


def test_every_chart_has_its_numbers_in_a_table(page: str) -> None:
    charts = page.count("<svg")
    assert charts == 3  # pain, legs, function (no breaks in this history)
    figures = re.findall(r'<div class="(?:pair|stack)">(.*?)</div>\n</div>', page, re.DOTALL)
    assert len(figures) == charts
    for figure in figures:
        assert "<svg" in figure and "<table>" in figure and "<figcaption>" in figure


def test_the_summary_answers_the_questions(page: str) -> None:
    glance = page.split('<section id="summary">')[1].split("</section>")[0]
    topics = re.findall(r"<dt[^>]*>(.*?)</dt>", glance)
    assert topics == [
        "Doing the exercises",
        "Pain",
        "Leg symptoms",
        "Function (PSFS)",
        "Safety stops",
        "Red flags",
    ]
    assert "19 of 20 prescribed sessions done (95%)" in glance
    assert "6.0 on average in the week of" in glance and "a meaningful fall" in glance
    assert "Average 3.0 of 10" in glance and "+4.0 points" in glance
    assert "1 safety stop for pain spreading down the leg" in glance
    assert "&quot;Yes&quot; to a red-flag question once" in glance
    assert glance.count('class="alert"') == 4  # the stop and the red flag, topic and text


def test_an_empty_history_reads_sensibly() -> None:
    page = render(build(None, TODAY))
    assert "No sessions in this period." in page
    assert "No pain scores in this period." in page
    assert "No ratings in this period." in page
    assert "The break timer was not used in this period." in page
    assert "<svg" not in page and references(page) == []


def test_report_writes_the_default_file_and_prints_its_path(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_history(home / "history.sqlite3").store
    fill(store)
    store.close()
    assert main(["report"]) == 0
    out, err = capsys.readouterr()
    path = default_path(home, TODAY)
    assert (out, err) == (f"{path}\n", "")
    assert path == home / "reports" / f"report-{TODAY.isoformat()}.html"
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert path.stat().st_mode & 0o777 == 0o600  # health data: the user's alone
    assert path.parent.stat().st_mode & 0o777 == 0o700


def test_report_out_and_since(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "for-my-physio.html"
    since = TODAY - timedelta(days=6)
    assert main(["report", "--out", str(out), "--since", since.isoformat()]) == 0
    assert capsys.readouterr().out == f"{out}\n"
    page = out.read_text(encoding="utf-8")
    assert "(1 week)" in page and "No sessions in this period." in page
    assert not (home / "history.sqlite3").exists()  # reading never creates the history


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--since", "yesterday"],
            '--since must be a date written YYYY-MM-DD, like 2026-11-01, not "yesterday"',
        ),
        (["--since", "2999-01-01"], "--since 2999-01-01 is after today"),
        (["--out", "{tmp}"], "is a folder; give the path of a file"),
        (["--out", "{tmp}/file.txt/report.html"], "the report could not be written to"),
    ],
)
def test_bad_options_are_clear_messages(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    (tmp_path / "file.txt").write_text("a file, not a folder")
    code = main(["report", *[a.format(tmp=tmp_path) for a in args]])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert message in err and "Traceback" not in err


def test_a_new_report_replaces_the_old_one_whole(tmp_path: Path) -> None:
    out = tmp_path / "reports" / "report.html"
    out.parent.mkdir()
    out.write_text("old")
    out.chmod(0o644)
    write(build(None, TODAY), out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert out.stat().st_mode & 0o777 == 0o644  # a file that was there keeps its permissions
    assert [p.name for p in out.parent.iterdir()] == ["report.html"]  # no temporary file left


def test_only_the_report_imports_the_charting_library() -> None:
    code = (
        "import sys\n"
        "import sessiontimer.tui.app, sessiontimer.cli.history, sessiontimer.core.insights.report\n"
        "print('pygal' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert done.stdout.strip() == "False", done.stderr
