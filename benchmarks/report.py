"""The table of figures and its JSON form, with the machine they were measured on."""

from __future__ import annotations

import json
import os
import platform
import sys
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Row:
    figure: str
    unit: str
    sessiontimer: float
    baseline: float | None  # None: no baseline for this figure
    budget: str  # as shown; "" for a figure given as evidence only
    passed: bool | None  # None: no budget

    @property
    def ratio(self) -> float | None:
        return self.sessiontimer / self.baseline if self.baseline else None


def ratio_row(figure: str, unit: str, app: float, base: float, limit: float) -> Row:
    """A figure whose budget is a ratio against the baseline."""
    return Row(figure, unit, app, base, f"<= {limit:.2f}x", app <= limit * base)


def ceiling_row(figure: str, unit: str, app: float, base: float | None, limit: float) -> Row:
    """A figure whose budget is an absolute ceiling for sessiontimer."""
    return Row(figure, unit, app, base, f"<= {limit:g} {unit}", app <= limit)


def info_row(figure: str, unit: str, app: float, base: float | None) -> Row:
    return Row(figure, unit, app, base, "", None)


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"


def table(rows: list[Row]) -> str:
    header = ("figure", "sessiontimer", "baseline", "ratio", "budget", "result")
    lines = [header]
    for row in rows:
        result = "" if row.passed is None else ("pass" if row.passed else "FAIL")
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else "-"
        lines.append(
            (
                f"{row.figure} ({row.unit})",
                _number(row.sessiontimer),
                _number(row.baseline),
                ratio,
                row.budget,
                result,
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for number, line in enumerate(lines):
        cells = [line[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(line[1:4], widths[1:4], strict=True)]
        cells += [line[4].ljust(widths[4]), line[5]]
        out.append("  ".join(cells).rstrip())
        if number == 0:
            out.append("  ".join("-" * width for width in widths))
    return "\n".join(out)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, Any]:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return {
        "measured_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_average": load,
        "platform": platform.platform(),
        "cpu": _cpu_model(),
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "textual": _version("textual"),
        "sessiontimer": _version("sessiontimer"),
    }


def to_json(
    rows: list[Row], settings: dict[str, Any], details: dict[str, Any], where: dict[str, Any]
) -> str:
    """The figures, the machine (``machine()``, read at the start of the run) and the details."""
    figures = [{**asdict(row), "ratio": row.ratio} for row in rows]
    document = {
        "machine": where,
        "settings": settings,
        "figures": figures,
        "passed": all(row.passed is not False for row in rows),
        "details": details,
    }
    return json.dumps(document, indent=2)


# --- the README's Performance section ----------------------------------------------------------

README_BEGIN = "<!-- performance: written by `python -m benchmarks --readme`; do not edit -->"
README_END = "<!-- performance: end -->"
README_HEADING = "## Performance"
README_INTRO = (
    "Measured by `python -m benchmarks` against bare Textual apps launched the same way in the "
    "same run (see `benchmarks/README.md`); `python -m benchmarks --readme` measures everything "
    "again and rewrites this section and `benchmarks/latest.json`."
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def readme_section(document: dict[str, Any]) -> str:
    """The Performance section (markers included) for a JSON document written by ``to_json``."""
    where = document["machine"]
    lines = [
        README_BEGIN,
        README_INTRO,
        "",
        f"Measured {where['measured_at']} on {where['cpu']} ({where['cpus']} CPUs), "
        f"{where['platform']}, Python {where['python']}, Textual {where['textual']}; "
        f"load average {where['load_average']} at the start of the run.",
        "",
        "| figure | sessiontimer | baseline | ratio | budget | result |",
        "| --- | ---: | ---: | ---: | --- | --- |",
    ]
    for figure in document["figures"]:
        ratio = f"{figure['ratio']:.2f}x" if figure["ratio"] is not None else "-"
        result = {None: "", True: "pass", False: "**FAIL**"}[figure["passed"]]
        cells = (
            f"{figure['figure']} ({figure['unit']})",
            _number(figure["sessiontimer"]),
            _number(figure["baseline"]),
            ratio,
            figure["budget"],
            result,
        )
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    lines.append(README_END)
    return "\n".join(lines)


def replace_section(readme: str, section: str) -> str:
    """The README with its Performance section replaced (or added at the end)."""
    if README_BEGIN in readme and README_END in readme:
        before, rest = readme.split(README_BEGIN, 1)
        after = rest.split(README_END, 1)[1]
        return before + section + after
    return readme.rstrip("\n") + f"\n\n{README_HEADING}\n\n{section}\n"


def current_section(readme: str) -> str | None:
    """The Performance section of a README as it stands (markers included), if it has one."""
    if README_BEGIN not in readme or README_END not in readme:
        return None
    inside = readme.split(README_BEGIN, 1)[1].split(README_END, 1)[0]
    return README_BEGIN + inside + README_END
