"""What a progression would do, as the front ends show it before it is applied (DESIGN.md sections 2
and 3): each change, the total time before and after, and the gates that hold it back. The app's
preview (``p`` on home) and ``sessiontimer progress`` print the same lines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sessiontimer.core.base.durations import format_total
from sessiontimer.core.insights.gates import Gate
from sessiontimer.core.routines.progression import Change, Progression
from sessiontimer.core.session.plan import build_plan

HELD_TITLE = "Not yet: the progression is held back by"
CLEAR_TEXT = (
    "Nothing holds it back: weeks 1–2, pace, regular practice, pain and safety stops allow it."
)
ANYWAY_TEXT = (
    "Progress anyway only if a clinician told you to; it is recorded as done on their word."
)


@dataclass(frozen=True)
class ProgressPreview:
    changes: list[Change]
    before_seconds: int  # the plan's total, self-paced sets left out
    after_seconds: int
    self_paced: int  # self-paced sets (no time of their own), the same before and after
    gates: list[Gate]

    @property
    def held(self) -> bool:
        """A gate holds it back: it is applied only "anyway" (a clinician's word)."""
        return bool(self.gates)

    @property
    def total_line(self) -> str:
        """``Total time: 7 min 35 s → 8 min 16 s`` (now → after)."""
        before, after = format_total(self.before_seconds), format_total(self.after_seconds)
        paced = self.self_paced
        plus = f", plus {paced} self-paced set{'s' if paced != 1 else ''}" if paced else ""
        return f"Total time: {before} → {after}{plus}"


def preview(progression: Progression, gates: Sequence[Gate]) -> ProgressPreview:
    before = build_plan(progression.routine)
    after = build_plan(progression.progressed)
    return ProgressPreview(
        changes=list(progression.changes),
        before_seconds=before.total_seconds,
        after_seconds=after.total_seconds,
        self_paced=after.self_paced,
        gates=list(gates),
    )
