"""The table of figures and its JSON form, with the machine they were measured on."""

from __future__ import annotations

import json
import os
import platform
import sys
from dataclasses import asdict, dataclass
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
    return {
        "platform": platform.platform(),
        "cpu": _cpu_model(),
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "textual": _version("textual"),
        "sessiontimer": _version("sessiontimer"),
    }


def to_json(rows: list[Row], settings: dict[str, Any], details: dict[str, Any]) -> str:
    figures = [{**asdict(row), "ratio": row.ratio} for row in rows]
    document = {
        "machine": machine(),
        "settings": settings,
        "figures": figures,
        "passed": all(row.passed is not False for row in rows),
        "details": details,
    }
    return json.dumps(document, indent=2)
