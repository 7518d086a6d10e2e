"""``list``, ``show``, ``validate`` and ``new``: routines read, checked and printed; none opens the
full-screen app."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sessiontimer.cli.common import EXIT_INVALID, EXIT_OK, InvalidInput, plan_of, resolve_routine
from sessiontimer.core.base.durations import format_clock, format_total
from sessiontimer.core.routines.library import Entry, discover
from sessiontimer.core.routines.loader import load_file
from sessiontimer.core.routines.prescription import prescription
from sessiontimer.core.session.plan import build_plan
from sessiontimer.system import paths


def _describe_entry(entry: Entry) -> dict[str, Any]:
    plan = build_plan(entry.routine) if entry.routine else None
    return {
        "id": entry.id,
        "name": entry.name,
        "source": entry.source,
        "steps": len(entry.routine.steps) if entry.routine else None,
        "total_seconds": plan.total_seconds if plan else None,
        "valid": entry.valid,
        "errors": [str(p) for p in entry.problems],
    }


def cmd_list(args: argparse.Namespace) -> int:
    entries = discover(paths.builtin_routines_dir(), paths.user_routines_dir())
    rows = [_describe_entry(e) for e in entries]
    if args.json:
        import json  # only the JSON outputs need it (start-up of `run` does not)

        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    if not rows:
        print("No routines found.")
        return EXIT_OK
    id_w = max(len("ID"), *(len(r["id"]) for r in rows))
    name_w = min(40, max(len("NAME"), *(len(r["name"]) for r in rows)))
    sources = [
        row["source"] + (" (replaces built-in)" if entry.replaces_builtin else "")
        for row, entry in zip(rows, entries, strict=True)
    ]
    source_w = max(len("SOURCE"), *(len(source) for source in sources))
    print(
        f"{'ID':<{id_w}}  {'NAME':<{name_w}}  {'SOURCE':<{source_w}}  STEPS  {'TOTAL':>7}  "
        f"{'HOW OFTEN':<13}  STATUS"
    )
    for row, entry, source in zip(rows, entries, sources, strict=True):
        name = row["name"] if len(row["name"]) <= name_w else row["name"][: name_w - 1] + "…"
        steps = str(row["steps"]) if row["steps"] is not None else "-"
        total = format_clock(row["total_seconds"]) if row["total_seconds"] is not None else "-"
        per_day = prescription(entry.routine).per_day() if entry.routine else "-"
        if row["valid"]:
            status = "ok"
        else:
            count = len(row["errors"])
            first = entry.problems[0]
            status = f"INVALID ({count} problem{'s' if count > 1 else ''}): line {first.line}: {first.message}"
        print(
            f"{row['id']:<{id_w}}  {name:<{name_w}}  {source:<{source_w}}  {steps:>5}  {total:>7}  "
            f"{per_day:<13}  {status}"
        )
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    entry = resolve_routine(args.routine)
    plan = plan_of(entry)
    if args.json:
        import json  # only the JSON outputs need it (start-up of `run` does not)

        print(json.dumps(plan.to_json(), indent=2, ensure_ascii=False))
        return EXIT_OK
    routine = plan.routine
    print(f"{routine.name} ({entry.id}, {entry.source})")
    if routine.description:
        print(routine.description)
    print()
    print(
        f"{'#':>4}  {'AT':>7}  {'WHAT':<8}  {'SIDE':<5}  {'SET':>3}  {'REP':>3}  {'TIME':>7}  STEP"
    )
    at = 0
    for number, seg in enumerate(plan.segments, start=1):
        time = format_clock(seg.seconds) if seg.seconds is not None else "on Space"
        side = seg.side or ""
        print(
            f"{number:>4}  {format_clock(at):>7}  {seg.kind:<8}  {side:<5}  {seg.set:>3}  "
            f"{seg.rep:>3}  {time:>7}  {seg.step + 1}. {seg.step_name}"
        )
        at += seg.seconds or 0
    paced = f", plus {plan.self_paced} self-paced set(s)" if plan.self_paced else ""
    print()
    print(
        f"Total: {format_total(plan.total_seconds)} ({plan.total_seconds} s) in "
        f"{len(plan)} segments{paced}; {prescription(routine).in_words()}."
    )
    return EXIT_OK


def _expand_paths(items: Sequence[str]) -> list[Path]:
    """Files, the .toml files of folders, and routines by id (a name that is no file here and
    looks like no path: the routine of that id, yours or built-in)."""
    from sessiontimer.core.routines.library import looks_like_path

    out: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            out.extend(sorted(path.glob("*.toml")))
        elif not path.exists() and not looks_like_path(item):
            out.append(resolve_routine(item).path)
        else:
            out.append(path)
    return out


def cmd_validate(args: argparse.Namespace) -> int:
    items: list[str] = args.paths
    files = _expand_paths(items)
    if not files:
        raise InvalidInput("no .toml files found in " + ", ".join(items))
    bad = 0
    for path in files:
        result = load_file(path)
        if isinstance(result, list):
            bad += 1
            for problem in result:
                print(problem)
    total = len(files)
    noun = "file" if total == 1 else "files"
    if bad:
        print(f"{bad} of {total} {noun} invalid.")
        return EXIT_INVALID
    print(f"{total} {noun} valid.")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from sessiontimer.core.routines.authoring import AuthoringError, new_routine

    source = resolve_routine(args.source) if args.source is not None else None
    try:
        path = new_routine(
            args.name,
            paths.user_routines_dir(),
            paths.builtin_routines_dir(),
            source=source,
            schema=paths.schema_file(),
        )
    except AuthoringError as err:
        raise InvalidInput(str(err)) from None
    print(path)
    if source is not None and not source.valid:
        count = len(source.problems)
        print(
            f"sessiontimer: note: the copy has the {count} problem{'s' if count > 1 else ''} of "
            f"{source.id}; fix {'them' if count > 1 else 'it'} with: sessiontimer edit {path.stem}",
            file=sys.stderr,
        )
    return EXIT_OK
