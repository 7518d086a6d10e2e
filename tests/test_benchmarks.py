"""The benchmark's own arithmetic and the README figures it writes (issue 7).

The README's Performance section is written by ``python -m benchmarks --readme`` together with
``benchmarks/latest.json`` (the whole measured run); it must be exactly what the benchmark renders
from that file, so a figure typed in by hand shows up here.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPO

pytest.importorskip("benchmarks.report", reason="the benchmarks are not in this tree")

from benchmarks import report, timing


def test_readme_shows_the_figures_of_the_latest_full_run() -> None:
    latest = json.loads((REPO / "benchmarks" / "latest.json").read_text(encoding="utf-8"))
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert latest["settings"]["quick"] is False
    assert report.current_section(readme) == report.readme_section(latest)
    figures = {figure["figure"].split(" (")[0].split(",")[0] for figure in latest["figures"]}
    for wanted in (
        "start-up to first screen",
        "peak memory",
        "CPU while a hold counts down",
        "segment end lateness",
        "display change lateness",
        "drift of segment ends over the run",
        "validate 500 files",
        "list with 200 user routines",
        "history --csv",
    ):
        assert wanted in figures, wanted


def test_the_section_is_replaced_where_it_stands() -> None:
    first = report.replace_section("# App\n\nText.\n", "SECTION")
    assert first == f"# App\n\nText.\n\n{report.README_HEADING}\n\nSECTION\n"
    section = f"{report.README_BEGIN}\nold\n{report.README_END}"
    readme = f"# App\n\n## Performance\n\n{section}\n\n## After\n"
    new = f"{report.README_BEGIN}\nnew\n{report.README_END}"
    assert report.replace_section(readme, new) == readme.replace(section, new)
    assert report.current_section(readme) == section


def _record(lateness: list[float]) -> dict[str, object]:
    """A run of segments of 2, 4, 2 s: each end noticed ``lateness[i]`` s after its true end, each
    countdown value drawn 5 ms after it became true."""
    seconds = [2, 4, 2]
    start, ends, frames = 100.0, [], []
    at = start
    for index, length in enumerate(seconds):
        begin, at = at, at + length
        ends.append([index, at + lateness[index]])
        frames.append([index, length, begin + 0.005])
        frames += [[index, value, at - value + 0.005] for value in range(length - 1, 0, -1)]
    return {"start": start, "segments": seconds, "ends": ends, "frames": frames}


def test_timing_compares_with_the_plan_not_with_the_apps_own_deadlines() -> None:
    on_time = timing.analyse(_record([0.002, 0.002, 0.002]))
    assert on_time.ends_ms == pytest.approx([2.0, 2.0, 2.0])
    assert on_time.displays_ms == pytest.approx([5.0] * 8)
    assert on_time.displays_expected == 8
    assert on_time.drift_ms == pytest.approx(0.0, abs=1e-6)
    # An app that starts each segment when it noticed the last one ended falls further behind.
    drifting = timing.analyse(_record([0.01, 0.02, 0.03]))
    assert drifting.drift_ms == pytest.approx(25.7, rel=0.01)  # fitted over the 8 s run
    assert max(drifting.ends_ms) == pytest.approx(30.0)


def test_timing_refuses_a_run_that_did_not_finish() -> None:
    record = _record([0.0, 0.0, 0.0])
    record["ends"] = record["ends"][:2]  # type: ignore[index]
    with pytest.raises(timing.TimingNotMeasured):
        timing.analyse(record)
