"""The routine schema in code: frozen ``Routine`` and ``Step`` dataclasses (DESIGN.md section 3)."""

from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import Literal

from sessiontimer.core.base.value import value

Kind = Literal["hold", "reps", "timed", "heat", "cold", "rest"]
Sides = Literal["none", "left", "right", "both"]

KINDS: tuple[Kind, ...] = ("hold", "reps", "timed", "heat", "cold", "rest")
SIDES: tuple[Sides, ...] = ("none", "left", "right", "both")

# Which step keys apply to which kinds (DESIGN.md section 3, "for kinds").
STEP_KEYS_FOR_KINDS: dict[str, tuple[Kind, ...]] = {
    "name": KINDS,
    "kind": KINDS,
    "how": KINDS,
    "hold": ("hold", "reps"),
    "reps": ("hold", "reps"),
    "sets": ("hold", "reps"),
    "sides": ("hold", "reps", "timed"),
    "alternate": ("hold", "reps"),
    "rest": ("hold",),
    "set_rest": ("hold", "reps"),
    "tempo": ("reps",),
    "duration": ("timed", "heat", "cold", "rest"),
    "check_every": ("heat", "cold"),
    "cues": KINDS,
    "max_hold": ("hold",),
    "max_reps": ("hold", "reps"),
    "max_duration": ("timed",),
    "progress": ("hold", "reps", "timed"),
}
TOP_KEYS: tuple[str, ...] = ("name", "description", "times_per_day", "prepare", "switch", "steps")


@value
class Step:
    """One step of a routine; every duration is in whole seconds."""

    name: str
    kind: Kind
    how: str = ""
    hold: int | None = None
    reps: int = 1
    sets: int = 1
    sides: Sides = "none"
    alternate: bool = False
    rest: int = 5
    set_rest: int = 30
    tempo: int | None = None
    duration: int | None = None
    check_every: int = 300
    cues: tuple[str, ...] = ()
    # the progression's caps as written (None: the default of DESIGN.md section 3, see caps.py)
    max_hold: int | None = None
    max_reps: int | None = None
    max_duration: int | None = None
    progress: bool = True  # False: the progression leaves this step alone

    @property
    def side_list(self) -> tuple[str | None, ...]:
        """The sides in the order they are worked: ``("left", "right")`` for both."""
        if self.sides == "both":
            return ("left", "right")
        if self.sides == "none":
            return (None,)
        return (self.sides,)


@value
class Routine:
    """A whole routine as loaded from a TOML file."""

    name: str
    steps: tuple[Step, ...]
    description: str = ""
    times_per_day: int = 1
    prepare: int = 5
    switch: int = 5
    id: str = ""
    path: Path | None = field(default=None, compare=False)
