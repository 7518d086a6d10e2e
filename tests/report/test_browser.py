"""The clinician report checked as a reader would (issue 21): a year of made-up history (sessions,
PSFS ratings, safety stops, red flags, breaks) made into a report with the real command, loaded in
Debian's headless chromium through the DevTools protocol, which sees every request the page
makes: there must be none but the page itself. Then screenshots (a wide screen and a phone) and
print-to-PDF on A4, each page as a PNG, to look at (set SESSIONTIMER_SHOTS=FOLDER to keep them).

Skipped without chromium (``.ci/run`` installs it) or without the benchmarks' data generator.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from sessiontimer.cli import main
from tests.support.browser import Browser, chromium, open_browser

pytest.importorskip("benchmarks.history_data", reason="the data generator is not in this tree")
from benchmarks.history_data import generate

PROGRAM = chromium()
pytestmark = pytest.mark.skipif(PROGRAM is None, reason="chromium is not installed")

A4_PRINTABLE_PX = (297 - 14 - 15) / 25.4 * 96  # the page's height less the @page margins
A4_WIDTH_PX = (210 - 12 - 12) / 25.4 * 96


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A year of history, and two reports of it: the default 12 weeks, and the whole year."""
    home = tmp_path_factory.mktemp("report-home")
    generate(home / "history.sqlite3", years=1, end=date.today())
    made = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SESSIONTIMER_HOME", str(home))
        for name, extra in (
            ("weeks", []),
            ("year", ["--since", (date.today() - timedelta(days=364)).isoformat()]),
        ):
            out = home / f"report-{name}.html"
            assert main(["report", "--out", str(out), *extra]) == 0
            made[name] = out
    return made


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Browser:
    assert PROGRAM is not None
    with open_browser(PROGRAM, tmp_path_factory.mktemp("chromium-profile")) as opened:
        yield opened  # type: ignore[misc]


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where the pictures go: SESSIONTIMER_SHOTS when set (to look at them), else a temp folder."""
    wanted = os.environ.get("SESSIONTIMER_SHOTS")
    folder = Path(wanted) if wanted else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_the_request_check_sees_a_page_that_loads_something(
    browser: Browser, tmp_path: Path
) -> None:
    """The check below would catch a request: a page that loads an image from elsewhere."""
    page = tmp_path / "loads.html"
    page.write_text('<p>x</p><img src="http://127.0.0.1:9/pixel.png">', encoding="utf-8")
    before = len(browser.requests())
    browser.open(page.as_uri())
    assert browser.requests()[before:] == [page.as_uri(), "http://127.0.0.1:9/pixel.png"]


@pytest.mark.parametrize("name", ["weeks", "year"])
def test_the_report_makes_no_request(
    browser: Browser, reports: dict[str, Path], tmp_path: Path, name: str
) -> None:
    page = reports[name]
    before = len(browser.requests())
    browser.open(page.as_uri())
    assert browser.requests()[before:] == [page.as_uri()]
    # Not only because its Content-Security-Policy blocks them: without it, still none.
    bare = tmp_path / "no-policy.html"
    text = page.read_text(encoding="utf-8")
    bare.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text), "utf-8")
    before = len(browser.requests())
    browser.open(bare.as_uri())
    assert browser.requests()[before:] == [bare.as_uri()]


@pytest.mark.parametrize("name", ["weeks", "year"])
def test_the_report_reads_on_a_screen_and_a_phone(
    browser: Browser, reports: dict[str, Path], shots: Path, name: str
) -> None:
    for width in (1280, 390):
        browser.open(reports[name].as_uri(), width=width)
        assert browser.evaluate("document.scripts.length") == 0
        sizes = browser.evaluate(
            "[...document.querySelectorAll('figure svg')].map(s => {"
            "const r = s.getBoundingClientRect(); return [r.width, r.height]; })"
        )
        assert len(sizes) == 4  # pain, legs, function, standing
        assert all(w > 0.8 * min(width, 700) - 60 and h > 100 for w, h in sizes), sizes
        # every chart with the table of its numbers
        assert browser.evaluate(
            "[...document.querySelectorAll('figure')].every("
            "f => f.parentElement.querySelector('.numbers table'))"
        )
        # nothing wider than the window (a phone scrolls down, not sideways)
        assert browser.evaluate("document.documentElement.scrollWidth") <= width
        browser.screenshot(shots / f"report-{name}-{width}.png")
    headings = browser.evaluate("[...document.querySelectorAll('h2')].map(h => h.textContent)")
    assert headings[0] == "At a glance" and "Safety stops" in headings


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
@pytest.mark.parametrize("name", ["weeks", "year"])
def test_the_report_prints_on_a4_without_cutting_a_chart(
    browser: Browser, reports: dict[str, Path], shots: Path, name: str
) -> None:
    browser.open(reports[name].as_uri(), width=round(A4_WIDTH_PX))
    browser.send("Emulation.setEmulatedMedia", media="print")
    try:
        figures = browser.evaluate(
            "[...document.querySelectorAll('figure')].map(f => "
            "[getComputedStyle(f).breakInside, f.getBoundingClientRect().height])"
        )
    finally:
        browser.send("Emulation.setEmulatedMedia", media="")
    assert figures and all(rule == "avoid" for rule, _ in figures)
    assert all(height < A4_PRINTABLE_PX for _, height in figures), figures  # fits on a page
    pdf = browser.print_to_pdf(shots / f"report-{name}.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "(A4)" in info.stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
    texts = [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, pages + 1)
    ]
    # Each chart is on one page: its top, its legend and its caption together.
    for parts in (
        ("Meaningful change band", "Pain 0 (none) to 10 (worst)"),
        ("Foot", "Below the knee", "Where the symptoms reached"),
        ("Putting on socks and shoes", "The Patient-Specific Functional Scale"),
        ("2 h goal", "Minutes standing at the breaks"),
    ):
        on = [n for n, text in enumerate(texts) if all(part in text for part in parts)]
        assert on, f"{parts} are not on one page"
    assert "At a glance" in texts[0] and "Doing the exercises" in texts[0]  # the summary first
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(pdf), str(shots / f"report-{name}-page")], check=True
    )
    assert len(list(shots.glob(f"report-{name}-page-*.png"))) == pages
