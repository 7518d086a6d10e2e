"""Ten years of made-up but realistic history, for the history benchmarks (issue 4, Performance).

```sh
.venv/bin/python -m benchmarks.history_data PATH [--years 10] [--end YYYY-MM-DD] [--seed N]
```

About 1,100 sessions and 16,500 segment rows a year: 2 to 4 sessions on most days, with days off
and longer breaks; a main routine for a few weeks at a time (done as often as it is prescribed,
mostly) plus desk breaks and packs. Sessions are mostly completed, some left, stopped or
interrupted, about 5% rehearsals (run faster than real time). Pain before and after falls over the
first months and flares up now and then; how far down the leg the symptoms reach follows the pain.

Around the sessions (from a random stream of their own, so the sessions are the same as without
them): the red-flag answers of each day with sessions (a "yes" now and then), the everyday
activities of the PSFS rated most weeks (rising as the pain falls; one renamed, one replaced along
the way), and the sit/stand breaks of working days.

The segments are the real plans of the built-in routines, as the app writes them. The file is
created with ``open_history`` (so its schema and version are the store's own) and filled in one
transaction; rows are written the way ``Store.begin``, ``boundary``, ``finish`` and
``check_in_after`` write them. The same seed gives the same file. An existing history with
sessions in it is refused: this never adds made-up sessions to a real history.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from sessiontimer.core.history.connection import open_history
from sessiontimer.core.history.records import FEELS, LEG_EXTENTS, PAIN_MAX
from sessiontimer.core.history.rows import stamp
from sessiontimer.core.history.schema import transaction
from sessiontimer.core.routines.library import resolve
from sessiontimer.core.session.outcome import is_work
from sessiontimer.core.session.plan import build_plan
from sessiontimer.core.session.safety import SAFETY_STOP_REASON
from sessiontimer.system import paths

K = TypeVar("K")
SEED = 11  # gives 11,057 sessions and 166,349 segment rows over 10 years
OWNER = "benchmark-host 1 -@benchmark"  # a finished session's owner is never looked at

# The main routine of a few weeks (the one prescribed several times a day), with its weight.
MAIN = {
    "piriformis-hamstring": 5,
    "nerve-glides": 4,
    "mckenzie-extension": 3,
    "morning-mobility": 2.5,
    "core-stability": 1.2,
}
# The other sessions of a day.
EXTRA = {"desk-break": 6, "heat-pack": 2, "mckenzie-extension": 2, "cold-pack": 1}
ROUTINES = sorted(set(MAIN) | set(EXTRA))

# When in the day sessions start: (earliest hour, latest hour) of four slots.
SLOTS = ((7.0, 9.0), (11.5, 13.5), (15.0, 17.5), (19.0, 21.5))
SESSIONS_A_DAY = {1: 2, 2: 14, 3: 28, 4: 56}  # weights, on a day with sessions
DAY_OFF = 0.06  # a day without sessions
BREAK_START, BREAK_DAYS = 0.004, (3, 21)  # holidays, illness: days in a row without sessions

# How sessions end (a safety stop is likelier while the pain is high, see _status).
ENDINGS = {"completed": 0.90, "left": 0.055, "interrupted": 0.035, "stopped": 0.01}
SIGNAL_REASONS = ("the terminal was closed", "the app was told to end (SIGTERM)")
REHEARSAL, REHEARSAL_SPEEDS = 0.05, (2.0, 5.0, 10.0)
SKIP_SEGMENT = 0.03  # a segment skipped with n in a session that goes on
SELF_PACED = (20, 45)  # seconds a self-paced set takes

NOTES = (
    "Stiff after the long drive.",
    "Slept badly, back sore in the morning.",
    "Felt good today.",
    "Tingling in the foot, less than yesterday.",
    "Did it at work between meetings.",
    "Flare-up after gardening.",
    "Easier than last week.",
    "Hamstring tight on the left side.",
    "Physio said to add two reps.",
    "Cold morning, took longer to loosen up.",
    "Pain only in the back now, not the leg.",
    "Skipped the last stretch, phone rang.",
)

SESSION_COLUMNS = (
    "id, routine, routine_name, started_at, started_epoch, day, ended_at, updated_at, status, "
    "rehearsal, speed, times_per_day, pain_before, pain_after, leg_before, leg_after, feel, "
    "note, segments_done, segments_total, active_seconds, current_segment, stop_reason, "
    "stop_step, stop_step_name, owner"
)
SEGMENT_COLUMNS = (
    "session_id, idx, step, step_name, kind, side, set_no, rep, seconds, work, outcome"
)


@dataclass(frozen=True)
class Generated:
    path: Path
    sessions: int
    segments: int
    first_day: date
    last_day: date
    seconds: float  # to generate and write it
    size_bytes: int
    psfs_ratings: int = 0
    breaks: int = 0
    red_flag_answers: int = 0


@dataclass(frozen=True)
class _Routine:
    id: str
    name: str
    times_per_day: int
    steps: tuple[str, ...]  # step names
    # (step, step_name, kind, side, set, rep, seconds, work) of each segment, as Store.begin writes
    segments: tuple[tuple[int, str, str, str | None, int, int, int | None, int], ...]


def _routines(ids: Sequence[str]) -> dict[str, _Routine]:
    out = {}
    for routine_id in ids:
        entry = resolve(routine_id, paths.builtin_routines_dir(), None)
        routine = entry.routine
        if routine is None:
            raise RuntimeError(f"built-in routine {routine_id} does not load: {entry.problems}")
        plan = build_plan(routine)
        out[routine_id] = _Routine(
            routine.id or routine_id,
            routine.name,
            routine.times_per_day,
            tuple(step.name for step in routine.steps),
            tuple(
                (
                    s.step,
                    s.step_name,
                    s.kind,
                    s.side,
                    s.set,
                    s.rep,
                    s.seconds,
                    int(is_work(plan, s)),
                )
                for s in plan.segments
            ),
        )
    return out


def _pick(rng: random.Random, weights: Mapping[K, float]) -> K:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


class _Patient:
    """Pain that falls over the first months, with flare-ups now and then, and noise."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.flare = 0.0

    def next_day(self) -> None:
        self.flare *= 0.88  # a flare-up settles over two or three weeks
        if self.rng.random() < 0.008:
            self.flare += self.rng.uniform(2.0, 4.5)

    def pain(self, day_number: int) -> float:
        return 2.0 + 5.0 * math.exp(-day_number / 110) + self.flare + self.rng.gauss(0, 0.9)


def _leg(rng: random.Random, pain: float) -> int:
    """An index into LEG_EXTENTS: the more pain, the further down the leg."""
    return _clamp(pain / 2.2 - 0.4 + rng.gauss(0, 0.6), 0, len(LEG_EXTENTS) - 1)


def _status(rng: random.Random, pain: float) -> str:
    weights = dict(ENDINGS)
    weights["stopped"] *= 1 + max(0.0, pain - 3)  # more safety stops while it hurts
    return _pick(rng, weights)


def _start_times(rng: random.Random, day: date, count: int) -> list[datetime]:
    slots = sorted(rng.sample(range(len(SLOTS)), count))
    times = []
    for slot in slots:
        low, high = SLOTS[slot]
        hours = rng.uniform(low, high)
        naive = datetime(day.year, day.month, day.day) + timedelta(seconds=round(hours * 3600))
        # As the store writes it: local, with the offset of that moment (DST included).
        times.append(datetime.fromtimestamp(naive.astimezone().timestamp()).astimezone())
    return times


def _day_routines(rng: random.Random, main: _Routine, count: int) -> list[str]:
    """The main routine as often as prescribed (sometimes once less), the rest extras."""
    repeats = min(count, main.times_per_day)
    if repeats > 1 and rng.random() < 0.15:
        repeats -= 1
    chosen = [main.id] * repeats + [_pick(rng, EXTRA) for _ in range(count - repeats)]
    rng.shuffle(chosen)
    return chosen


def _sessions(
    rng: random.Random, routines: dict[str, _Routine], first: date, last: date
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    sessions: list[tuple[object, ...]] = []
    segments: list[tuple[object, ...]] = []
    patient = _Patient(rng)
    main = routines[_pick(rng, MAIN)]
    main_until = first
    break_left = 0
    for day_number in range((last - first).days + 1):
        day = first + timedelta(days=day_number)
        patient.next_day()
        if day >= main_until:  # a new programme phase every 2 to 8 weeks
            main = routines[_pick(rng, MAIN)]
            main_until = day + timedelta(weeks=rng.randint(2, 8))
        if break_left:
            break_left -= 1
            continue
        if rng.random() < BREAK_START:
            break_left = rng.randint(*BREAK_DAYS) - 1
            continue
        if rng.random() < DAY_OFF:
            continue
        count = _pick(rng, SESSIONS_A_DAY)
        for started, routine_id in zip(
            _start_times(rng, day, count),
            _day_routines(rng, main, count),
            strict=True,
        ):
            session_id = len(sessions) + 1
            row, outcomes = _session(
                rng, routines[routine_id], session_id, started, patient.pain(day_number)
            )
            sessions.append(row)
            segments.extend(
                (session_id, index, *segment, outcome)
                for index, (segment, outcome) in enumerate(
                    zip(routines[routine_id].segments, outcomes, strict=True)
                )
            )
    return sessions, segments


def _session(
    rng: random.Random, routine: _Routine, session_id: int, started: datetime, pain: float
) -> tuple[tuple[object, ...], list[str | None]]:
    """One session's row (SESSION_COLUMNS) and its segments' outcomes."""
    plan = routine.segments
    rehearsal = rng.random() < REHEARSAL
    speed = rng.choice(REHEARSAL_SPEEDS) if rehearsal else 1.0
    status = _status(rng, pain)
    # Where it ended: the last segment, or one reached before the end.
    ended_in = len(plan) - 1 if status == "completed" else rng.randrange(len(plan))
    outcomes: list[str | None] = [None] * len(plan)
    active = 0.0
    for index in range(ended_in + (status == "completed")):
        seconds = plan[index][6] or rng.randint(*SELF_PACED)
        if rng.random() < SKIP_SEGMENT:
            outcomes[index] = "skipped"
            active += seconds * rng.uniform(0, 0.5)
        else:
            outcomes[index] = "done"
            active += seconds
    if status != "completed":  # part of the segment it ended in
        active += (plan[ended_in][6] or SELF_PACED[0]) * rng.random()
    pauses = rng.choice((0, 0, 0, rng.randint(10, 180)))
    ended = started + timedelta(seconds=round(active / speed + pauses))

    checks = rng.random() > (0.7 if rehearsal else 0.05)  # rehearsals mostly run --no-checks
    pain_before = _clamp(pain, 0, PAIN_MAX) if checks and rng.random() > 0.06 else None
    leg_index = _leg(rng, pain)
    leg_before = LEG_EXTENTS[leg_index] if checks and rng.random() > 0.1 else None
    after = checks and status != "interrupted" and rng.random() > (0.5 if status == "left" else 0.1)
    relief = rng.gauss(1.2 if status == "completed" else -0.3, 1.0)
    pain_after = _clamp(pain - relief, 0, PAIN_MAX) if after and rng.random() > 0.05 else None
    leg_after = None
    if after and rng.random() > 0.1:
        moved = leg_index - (relief > 1.5) + (relief < -0.5)  # up the leg when it eased
        leg_after = LEG_EXTENTS[_clamp(moved, 0, len(LEG_EXTENTS) - 1)]
    feel = None
    if after and rng.random() > 0.15:
        feel = (
            "painful"
            if status == "stopped" or relief < -1
            else rng.choices(FEELS, weights=(3, 10, 3 + pain, 0.5))[0]
        )
    note = rng.choice(NOTES) if after and rng.random() < 0.03 else ""

    stop_reason = stop_step = stop_step_name = None
    ended_at: str | None = stamp(ended)
    if status == "stopped":
        stop_reason = SAFETY_STOP_REASON
        stop_step = plan[ended_in][0]
        stop_step_name = routine.steps[stop_step]
    elif status == "interrupted" and rng.random() < 0.5:
        stop_reason = rng.choice(SIGNAL_REASONS)  # SIGHUP/SIGTERM; else killed, then recovered
    row = (
        session_id,
        routine.id,
        routine.name,
        stamp(started),
        started.timestamp(),
        started.date().isoformat(),
        ended_at,
        ended_at,  # updated_at: the end (a recovered session ended at its last boundary)
        status,
        int(rehearsal),
        speed,
        routine.times_per_day,
        pain_before,
        pain_after,
        leg_before,
        leg_after,
        feel,
        note,
        sum(outcome == "done" for outcome in outcomes),
        len(plan),
        round(active, 3),
        ended_in,
        stop_reason,
        stop_step,
        stop_step_name,
        OWNER,
    )
    return row, outcomes


PSFS = ("Putting on socks", "Sitting through a film", "Walking to the shop")
PSFS_RENAMED = (0, "Putting on socks and shoes")  # a fifth of the way in
PSFS_REPLACED = (1, "Driving for an hour")  # two fifths of the way in
RED_FLAG_YES = 0.002  # of the days with sessions
BREAKS_A_DAY = (6, 14)  # on working days with breaks


@dataclass
class _Around:
    """What is written around the sessions: rows for each table."""

    activities: list[tuple[object, ...]]
    names: list[tuple[object, ...]]
    ratings: list[tuple[object, ...]]
    red_flags: list[tuple[object, ...]]
    breaks: list[tuple[object, ...]]


def _local(day: date, hours: float) -> datetime:
    naive = datetime(day.year, day.month, day.day) + timedelta(seconds=round(hours * 3600))
    return datetime.fromtimestamp(naive.astimezone().timestamp()).astimezone()


def _around(
    rng: random.Random, sessions: Sequence[tuple[object, ...]], first: date, last: date
) -> _Around:
    """The red-flag answers, the PSFS and the breaks that go with ``sessions``."""
    pains: dict[date, list[int]] = {}
    for row in sessions:
        day, pain = date.fromisoformat(str(row[5])), row[12]
        if isinstance(pain, int):
            pains.setdefault(day, []).append(pain)
    red_flags = []
    for day in sorted(pains):
        at = _local(day, 6.9)
        yes = rng.random() < RED_FLAG_YES
        red_flags.append((stamp(at), day.isoformat(), "yes" if yes else "no", None))
    span = (last - first).days + 1
    start = _local(first, 20)
    activities: list[tuple[object, ...]] = [
        (number + 1, name, number, stamp(start), None, None) for number, name in enumerate(PSFS)
    ]
    names: list[tuple[object, ...]] = []
    renamed = first + timedelta(days=span // 5)
    replaced = first + timedelta(days=2 * span // 5)
    ratings: list[tuple[object, ...]] = []
    week = first
    recent: list[int] = []
    while week <= last:
        days = [week + timedelta(days=n) for n in range(7) if week + timedelta(days=n) <= last]
        recent = [p for d in days for p in pains.get(d, [])] or recent
        if recent and rng.random() > 0.15:
            day = rng.choice(days)
            at = _local(day, rng.uniform(18, 21))
            if day >= renamed and not names:
                index, name = PSFS_RENAMED
                names.append((index + 1, activities[index][1], stamp(at)))
                activities[index] = (index + 1, name, *activities[index][2:])
            if day >= replaced and len(activities) == len(PSFS):
                index, name = PSFS_REPLACED
                new_id = len(activities) + 1
                activities.append((new_id, name, index, stamp(at), None, None))
                activities[index] = (*activities[index][:4], stamp(at), new_id)
            pain = sum(recent) / len(recent)
            for activity in activities:
                if activity[4] is not None:
                    continue  # retired
                hard = 1.2 + 0.25 * int(str(activity[0]))
                score = _clamp(10.5 - hard * pain + rng.gauss(0, 0.8), 0, 10)
                ratings.append((activity[0], stamp(at), day.isoformat(), score))
        week += timedelta(days=7)
    breaks = []
    day = first
    while day <= last:
        if day.weekday() < 5 and rng.random() > 0.1:
            for number in range(rng.randint(*BREAKS_A_DAY)):
                called = _local(day, 9 + 0.5 * number)
                outcome = rng.choices(("taken", "away", "skipped", "missed"), (80, 6, 10, 4))[0]
                standing = rng.choice((120, 180, 180, 240, 300)) if outcome == "taken" else 0
                ended = called + timedelta(seconds=standing + 20)
                breaks.append(
                    (
                        stamp(called),
                        called.timestamp(),
                        day.isoformat(),
                        stamp(ended),
                        outcome,
                        int(rng.random() < 0.2),
                        standing,
                        int(outcome == "taken" and rng.random() < 0.1),
                        OWNER,
                    )
                )
        day += timedelta(days=1)
    return _Around(activities, names, ratings, red_flags, breaks)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def generate(
    path: Path, *, years: float = 10, end: date | None = None, seed: int = SEED
) -> Generated:
    """Write ``years`` of history ending on ``end`` (default: today) into a new file at ``path``."""
    began = time.perf_counter()
    last = end or date.today()
    whole = int(years)
    first = _years_before(last, whole) + timedelta(days=1)
    first -= timedelta(days=round((years - whole) * 365))
    rng = random.Random(seed)
    routines = _routines(ROUTINES)
    sessions, segments = _sessions(rng, routines, first, last)
    around = _around(random.Random(seed + 1), sessions, first, last)

    store = open_history(path).store
    try:
        existing = store.count()
        if existing:
            raise FileExistsError(
                f"{path} already holds {existing} sessions; give the path of a new file"
            )
        conn = store.conn
        with transaction(conn):
            marks = ", ".join("?" * len(sessions[0])) if sessions else ""
            conn.executemany(f"INSERT INTO sessions ({SESSION_COLUMNS}) VALUES ({marks})", sessions)
            conn.executemany(
                f"INSERT INTO segments ({SEGMENT_COLUMNS}) VALUES ({', '.join('?' * 11)})",
                segments,
            )
            conn.executemany(
                "INSERT INTO red_flag_answers (answered_at, day, answer, routine) "
                "VALUES (?, ?, ?, ?)",
                around.red_flags,
            )
            conn.executemany(
                "INSERT INTO psfs_activities (id, name, position, added_at, retired_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [row[:5] for row in around.activities],
            )
            conn.executemany(  # (once the activity it names is there)
                "UPDATE psfs_activities SET replaced_by = ? WHERE id = ?",
                [(row[5], row[0]) for row in around.activities if row[5] is not None],
            )
            conn.executemany(
                "INSERT INTO psfs_names (activity_id, name, renamed_at) VALUES (?, ?, ?)",
                around.names,
            )
            conn.executemany(
                "INSERT INTO psfs_ratings (activity_id, rated_at, day, score) VALUES (?, ?, ?, ?)",
                around.ratings,
            )
            conn.executemany(
                "INSERT INTO breaks (called_at, called_epoch, day, ended_at, outcome, snoozes, "
                "standing_seconds, routine, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                around.breaks,
            )
    finally:
        store.close()  # the last connection: the WAL is checkpointed into the file
    return Generated(
        path,
        len(sessions),
        len(segments),
        first,
        last,
        time.perf_counter() - began,
        path.stat().st_size,
        len(around.ratings),
        len(around.breaks),
        len(around.red_flags),
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.history_data",
        description="Write years of made-up, realistic session history into a new file.",
    )
    parser.add_argument("path", type=Path, help="the history file to create (history.sqlite3)")
    parser.add_argument("--years", type=float, default=10, help="how many years (default: 10)")
    parser.add_argument(
        "--end", type=date.fromisoformat, help="the last day, YYYY-MM-DD (default: today)"
    )
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default: {SEED})")
    args = parser.parse_args(argv)
    try:
        made = generate(args.path, years=args.years, end=args.end, seed=args.seed)
    except FileExistsError as error:
        print(f"history_data: {error}", file=sys.stderr)
        return 1
    print(
        f"{made.path}: {made.sessions} sessions, {made.segments} segment rows, "
        f"{made.first_day} to {made.last_day}, {made.size_bytes / 2**20:.1f} MiB, "
        f"written in {made.seconds:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
