"""Checking a parsed routine document (DESIGN.md section 3): every key and value against the format,
each problem at its key's line and column, or the Routine it describes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sessiontimer.core.base.durations import MAX_SECONDS
from sessiontimer.core.base.text import did_you_mean, quoted, shown, type_name
from sessiontimer.core.routines.caps import cap_problems
from sessiontimer.core.routines.fields import FieldReader
from sessiontimer.core.routines.model import (
    KINDS,
    SIDES,
    STEP_KEYS_FOR_KINDS,
    TOP_KEYS,
    Kind,
    Routine,
    Step,
)
from sessiontimer.core.routines.packs import (
    MAX_PACK_SECONDS,
    MAX_SKIN_CHECK_SECONDS,
    PACKS,
    pack_limits,
)
from sessiontimer.core.routines.size import plan_limits
from sessiontimer.core.tomlfile.reader import Problem

MAX_STEPS = 200


def check_routine(
    document: dict[str, Any],
    text: str,
    path: str,
    routine_id: str = "",
    source_path: Path | None = None,
) -> Routine | list[Problem]:
    """The routine that ``document`` (parsed from ``text``) describes, or its problems, sorted."""
    checker = _Checker(text, path)
    routine = checker.routine(document, routine_id, source_path)
    if checker.problems:
        return sorted(checker.problems)
    assert routine is not None
    return routine


class _Checker(FieldReader):
    """Walks a parsed document, collecting problems located with the key positions (the typed
    values are read by ``FieldReader``, fields.py)."""

    # -- the routine ------------------------------------------------------------------------------
    def routine(
        self, doc: dict[str, Any], routine_id: str, source_path: Path | None
    ) -> Routine | None:
        for key in doc:
            if key not in TOP_KEYS:
                hint = did_you_mean(key, TOP_KEYS)
                if not hint and key in STEP_KEYS_FOR_KINDS:
                    hint = f"; {key} belongs in a [[steps]] table"
                self.problem((key,), f"unknown key {quoted(key)} at the top of the routine{hint}")
        name = self.text(doc, ("name",), required=True, block=False)
        if name == "" and "name" in doc:
            self.problem(("name",), 'the routine\'s name is empty: write name = "My routine"')
        description = self.text(doc, ("description",), required=False, block=True)
        times = self.integer(doc, ("times_per_day",), 1, 12, default=1, unit="times a day")
        prepare = self.duration(doc, ("prepare",), 0, MAX_SECONDS, default=5)
        switch = self.duration(doc, ("switch",), 0, MAX_SECONDS, default=5)
        steps = self.steps(doc)
        if not self.problems:  # (every step is valid: their indices are the file's)
            for path, message in pack_limits(steps, times, "times_per_day" in doc):
                self.problem(path, message)
            for path, message in plan_limits(steps, prepare, switch):
                self.problem(path, message)
        if self.problems:
            return None
        return Routine(
            name=name or "",
            steps=tuple(steps),
            description=description or "",
            times_per_day=times,
            prepare=prepare,
            switch=switch,
            id=routine_id,
            path=source_path,
        )

    def steps(self, doc: dict[str, Any]) -> list[Step]:
        if "steps" not in doc:
            self.problem(
                (),
                "the routine has no steps: add at least one [[steps]] table with a name",
            )
            return []
        raw = doc["steps"]
        if isinstance(raw, dict):
            self.problem(
                ("steps",), "steps must be written [[steps]] (double brackets), one per step"
            )
            return []
        if not isinstance(raw, list):
            self.problem(
                ("steps",),
                f"steps must be a list of [[steps]] tables, not {type_name(raw)}",
            )
            return []
        if not raw:
            self.problem(("steps",), "the routine has no steps: add at least one [[steps]] table")
            return []
        if len(raw) > MAX_STEPS:
            self.problem(
                ("steps", MAX_STEPS),
                f"a routine may have at most {MAX_STEPS} steps; this one has {len(raw)}",
            )
            return []
        out: list[Step] = []
        for index, item in enumerate(raw):
            if not isinstance(item, dict):
                self.problem(
                    ("steps",),
                    f"step {index + 1} must be a table (name = ...), not {type_name(item)}",
                )
                continue
            step = self.step(index, item)
            if step is not None:
                out.append(step)
        return out

    def step(self, index: int, item: dict[str, Any]) -> Step | None:
        where = ("steps", index)
        label = f"step {index + 1}"
        before = len(self.problems)
        name = self.text(item, (*where, "name"), required=True, block=False, label=label)
        if name is not None:
            label = f"step {index + 1} ({quoted(name)})" if name else label
            if name == "":
                self.problem((*where, "name"), f'{label} has an empty name: write name = "..."')

        for key in item:
            if key not in STEP_KEYS_FOR_KINDS:
                hint = did_you_mean(key, list(STEP_KEYS_FOR_KINDS))
                if not hint and key in TOP_KEYS:
                    hint = f"; {key} belongs at the top of the file, before the first [[steps]]"
                self.problem((*where, key), f"unknown key {quoted(key)} in {label}{hint}")

        kind, inferred = self.kind(item, where, label)
        if kind is None:
            return None
        for key in item:
            allowed = STEP_KEYS_FOR_KINDS.get(key)
            if allowed is not None and kind not in allowed:
                why = f" ({_inference_reason(item)})" if inferred else ""
                kinds = ", ".join(allowed)
                self.problem(
                    (*where, key),
                    f'"{key}" does not apply to a {kind} step{why}; it is for: {kinds}',
                )

        how = self.text(item, (*where, "how"), required=False, block=True, label=label)
        cues = self.cues(item, where)
        sides = self.choice(item, (*where, "sides"), SIDES, "none")
        alternate = self.boolean(item, (*where, "alternate"), False)
        if alternate and sides != "both":
            self.problem(
                (*where, "alternate"),
                f'alternate only works with sides = "both" (this step has sides = "{sides}")',
            )
        reps = self.integer(item, (*where, "reps"), 1, 100, default=1, unit="repetitions")
        sets = self.integer(item, (*where, "sets"), 1, 20, default=1, unit="sets")
        low_hold = 1 if kind == "hold" else 0
        hold = self.duration(item, (*where, "hold"), low_hold, MAX_SECONDS, default=None)
        rest = self.duration(item, (*where, "rest"), 0, MAX_SECONDS, default=5)
        set_rest = self.duration(item, (*where, "set_rest"), 0, MAX_SECONDS, default=30)
        tempo = self.duration(item, (*where, "tempo"), 1, MAX_SECONDS, default=None)
        high = MAX_PACK_SECONDS if kind in PACKS else MAX_SECONDS
        duration = self.duration(item, (*where, "duration"), 1, high, default=None)
        check_high = MAX_SKIN_CHECK_SECONDS if kind in PACKS else MAX_SECONDS
        check_every = self.duration(item, (*where, "check_every"), 1, check_high, default=300)
        max_hold = self.duration(item, (*where, "max_hold"), 1, MAX_SECONDS, default=None)
        max_reps = self.integer(
            item, (*where, "max_reps"), 1, 100, default=None, unit="repetitions"
        )
        max_duration = self.duration(item, (*where, "max_duration"), 1, MAX_SECONDS, default=None)
        progress = self.boolean(item, (*where, "progress"), True)

        if kind == "hold" and "hold" not in item:
            self.problem(where, f'{label} is a hold step but has no "hold": add hold = "30s"')
        if kind in ("timed", "heat", "cold", "rest") and "duration" not in item:
            example = "15m" if kind in PACKS else "1m"
            self.problem(
                where, f'{label} is a {kind} step but has no "duration": add duration = "{example}"'
            )
        if len(self.problems) > before or name is None:
            return None
        step = Step(
            name=name,
            kind=kind,
            how=how or "",
            hold=hold,
            reps=reps,
            sets=sets,
            sides=sides,
            alternate=alternate,
            rest=rest,
            set_rest=set_rest,
            tempo=tempo,
            duration=duration,
            check_every=check_every,
            cues=tuple(cues),
            max_hold=max_hold,
            max_reps=max_reps,
            max_duration=max_duration,
            progress=progress,
        )
        for key, message in cap_problems(step):
            self.problem((*where, key), message)
        return None if len(self.problems) > before else step

    def kind(
        self, item: dict[str, Any], where: tuple[str | int, ...], label: str
    ) -> tuple[Kind | None, bool]:
        if "kind" not in item:
            if "duration" in item:
                return "timed", True
            if "tempo" in item or "hold" not in item:
                return "reps", True
            return "hold", True
        raw = item["kind"]
        if isinstance(raw, str) and raw in KINDS:
            return _as_kind(raw), False
        hint = did_you_mean(raw, KINDS) if isinstance(raw, str) else ""
        self.problem(
            (*where, "kind"),
            f"kind must be one of {', '.join(KINDS)}, not {shown(raw)}{hint}",
        )
        return None, False


def _inference_reason(item: dict[str, Any]) -> str:
    if "duration" in item:
        return 'it is a timed step because it has a "duration"; set kind to change that'
    if "tempo" in item:
        return 'it is a reps step because it has a "tempo"; set kind to change that'
    if "hold" not in item:
        return 'it is a reps step because it has no "hold"; set kind to change that'
    return 'it is a hold step because it has a "hold"; set kind to change that'


def _as_kind(value: str) -> Kind:
    for kind in KINDS:
        if kind == value:
            return kind
    raise ValueError(value)  # pragma: no cover
