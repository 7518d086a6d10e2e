"""A session in plain mode, line by line, on a fake clock with keys from a script: one line per
event, the time read at 60, 30 and 10 s and 5-4-3-2-1 (never every second), every key, a
self-paced set, a heat pack, a safety stop, leaving and being ended from outside, and what the
history keeps of each."""

from __future__ import annotations

from pathlib import Path

from sessiontimer.core.history.connection import open_history
from sessiontimer.core.history.records import SessionRecord
from sessiontimer.core.session.cues import PACK_OFF
from sessiontimer.core.session.safety import (
    EMERGENCY_ADVICE,
    PACK_KEEPS_TIMING,
    SKIN_CHECK,
    STOP_ADVICE,
    TAKE_THE_PACK_OFF,
    pack_safety_points,
    see_a_doctor_text,
)
from sessiontimer.core.session.safety_page import SAFETY_PAGE
from sessiontimer.plain.console import Ended
from tests.support.plain import Run, plan_of

STRETCH = """\
name = "Stretches"
prepare = "5s"
switch = "5s"

[[steps]]
name = "Knee to chest"
how = "Lie on your back."
cues = ["Breathe out", "Shoulders down"]
hold = "30s"
reps = 2
sides = "both"
rest = "10s"

[[steps]]
name = "Pelvic tilt"
kind = "reps"
reps = 8
sets = 2
set_rest = "20s"
"""

WALK = """\
name = "Walk"
prepare = "0s"

[[steps]]
name = "Walk"
kind = "timed"
duration = "90s"
"""

HEAT = """\
name = "Warmth"
prepare = "10s"

[[steps]]
name = "Heat pack"
kind = "heat"
duration = "10m"
check_every = "5m"

[[steps]]
name = "Knee rolls"
kind = "timed"
duration = "20s"
"""
COUNT = ["5", "4", "3", "2", "1"]
LEAVE = "Leave this session? What you have done so far is kept. Press y for yes, or n for no."


def the_record(home: Path) -> SessionRecord:
    [record] = open_history(home / "history.sqlite3").store.sessions()
    return record


def outcomes(home: Path) -> list[tuple[str, str | None]]:
    store = open_history(home / "history.sqlite3").store
    rows = store.conn.execute("SELECT kind, outcome FROM segments ORDER BY idx").fetchall()
    return [(kind, outcome) for kind, outcome in rows]


def test_one_line_per_event_and_the_time_read_at_60_30_10_and_5_to_1(home: Path) -> None:
    run = Run(home, plan_of(WALK), checks=False)()
    assert run.code == 0
    assert run.after("Keys:") == [
        "Step 1 of 1: Walk. Go, 1 minute 30 seconds.",
        "Breathe slowly.",  # 15 s in, and every 15 s (the full screen's reminder)
        "Breathe slowly. 1 minute left.",
        "Breathe slowly.",
        "Breathe slowly. 30 seconds left.",
        "Breathe slowly.",
        "10 seconds left.",
        *COUNT,
        "Routine complete. Well done.",
        "Summary.",
        "Walk.",
        "Time: 1 minute 30 seconds.",
        "Steps done: 1 of 1.",
    ]
    # it woke about once a second (the session's wake_in), and said nothing most of the time
    assert 85 <= len(run.keys.waits) <= 95
    assert the_record(home).status == "completed"


def test_a_routine_in_words_and_a_self_paced_set(home: Path) -> None:
    """Each part says the step (when it is a new one), the side, what to do and for how long;
    the step's instructions and reminders come once, as it starts; a self-paced set waits for
    Space."""
    run = Run(home, plan_of(STRETCH), [(200, "space"), (40, "space")], checks=False)()
    said = run.after("Keys:")
    first = said.index("Step 1 of 2: Knee to chest. Left side. Get ready, 5 seconds.")
    assert said[first + 1 : first + 7] == [
        "Lie on your back.",
        "Remember: Breathe out. Shoulders down.",
        "4",
        "3",
        "2",
        "1",
    ]
    lines = [line for line in said if line not in COUNT and not line.startswith("Halfway")]
    assert lines[3:14] == [
        "Left side. Hold 30 seconds, rep 1 of 2.",
        "10 seconds left.",
        "Rest 10 seconds.",
        "Left side. Hold 30 seconds, rep 2 of 2.",
        "10 seconds left.",
        "Next: switch to your right side. 5",  # (said at 5 s left, with the 5)
        "Switch to your right side, 5 seconds.",
        "Right side. Hold 30 seconds, rep 1 of 2.",
        "10 seconds left.",
        "Rest 10 seconds.",
        "Right side. Hold 30 seconds, rep 2 of 2.",
    ]
    assert lines[14:18] == [
        "10 seconds left.",
        "Step 2 of 2: Pelvic tilt. Get ready, 5 seconds.",
        "8 reps at your own pace, set 1 of 2. Press Space when done.",
        "Rest 20 seconds before set 2 of 2.",
    ]
    assert lines[18:20] == [
        "10 seconds left.",
        "8 reps at your own pace, set 2 of 2. Press Space when done.",
    ]
    assert "Routine complete. Well done." in lines
    assert the_record(home).status == "completed"
    assert ("reps", "done") in outcomes(home)


def test_space_pauses_and_goes_on(home: Path) -> None:
    script = [(0, "space"), (600, "space"), (12, "space"), (3, "t"), (0, "space")]
    run = Run(home, plan_of(WALK), script, checks=False)()
    said = run.after("Keys:")
    assert said[:6] == [
        "Step 1 of 1: Walk. Go, 1 minute 30 seconds.",
        "Paused. Press Space to go on.",
        "Going on. 1 minute 30 seconds left.",  # ten minutes later: nothing went by
        "Paused. Press Space to go on.",
        "Paused. Now: Step 1 of 1: Walk. Go, 1 minute 30 seconds. 1 minute 18 seconds left. "
        "1 minute 18 seconds left in the routine.",
        "Going on. 1 minute 18 seconds left.",
    ]
    assert the_record(home).active_seconds == 90


def test_every_key_of_a_session(home: Path) -> None:
    """n skips, b goes back, r restarts, t says where and how long, ? is the help (the session
    waits while it is read), a key that does nothing says which keys there are, q asks first
    (n: it goes on; y: it ends, kept as left)."""
    script = [
        (2, "n"),  # the get-ready skipped: the hold starts
        (3, "left"),  # back to the get-ready (b, or the left arrow)
        (1, "r"),  # the get-ready again from its full length
        (1, "t"),
        (0, "x"),
        (0, "?"),
        (5, "space"),  # the help paused it: Space goes on
        (0, "q"),
        (0, "n"),  # not leaving: it goes on
        (2, "right"),
        (1, "escape"),
        (0, "y"),
    ]
    run = Run(home, plan_of(STRETCH), script, checks=False)()
    said = [line for line in run.after("Keys:") if not line[:1].isdigit()]
    help_at = said.index("Help")
    help_end = said.index("End of the help.")
    assert said[:help_at] == [
        "Step 1 of 2: Knee to chest. Left side. Get ready, 5 seconds.",
        "Lie on your back.",
        "Remember: Breathe out. Shoulders down.",
        "Left side. Hold 30 seconds, rep 1 of 2.",  # n
        "Left side. Get ready, 5 seconds.",  # b: the same step, not named again
        "Left side. Get ready, 5 seconds.",  # r
        "Now: Step 1 of 2: Knee to chest. Left side. Get ready, 5 seconds. 4 seconds left. "
        "2 minutes 54 seconds left in the routine.",  # t
        "Press ? for the keys, or ! to stop if pain spreads down your leg.",  # x
    ]
    shown = said[help_at:help_end]
    assert (
        "Space: pause or go on; on a set at your own pace, done; after a pack, the pack is off."
        in shown
    )
    assert [section.title for section in SAFETY_PAGE] == [
        line for line in shown if line in {s.title for s in SAFETY_PAGE}
    ]
    assert said[help_end + 1 :] == [
        "Your session is paused while you read this. Press Space to go on.",
        "Going on. 4 seconds left.",
        LEAVE,
        "Going on. 4 seconds left.",  # n: not leaving
        "Left side. Hold 30 seconds, rep 1 of 2.",  # the right arrow
        LEAVE,  # Escape
        "Session ended early.",
        "Stretches.",
        "Time: 10 seconds.",
        "Steps done: 0 of 2.",
        "Ended during: Knee to chest.",
        "Not reached: Pelvic tilt.",
    ]
    record = the_record(home)
    assert (record.status, record.segments_done, record.active_seconds) == ("left", 0, 10)
    assert outcomes(home)[:2] == [("prepare", "skipped"), ("hold", None)]


def test_a_heat_pack(home: Path) -> None:
    """The pack's safety points before it goes on (the session waits); the pack does not pause;
    the skin check; the alarm, repeated until Space."""
    script = [(1, "space"), (12, "space"), (620, "space")]
    run = Run(home, plan_of(HEAT), script, checks=False)()
    said = run.after("Step 1 of 2: Heat pack.")  # what to do is said once the points are read
    points = pack_safety_points("heat", 300)
    assert said[: len(points) + 2] == [
        "Before the heat pack goes on",
        *(f"{n}. {point}" for n, point in enumerate(points, start=1)),
        "Press Space when the pack is ready to go on. Not today, or not sure it is safe for "
        "you? Press n to skip it.",
    ]
    rest = said[len(points) + 2 :]
    assert rest[:9] == [
        "Get ready, 10 seconds.",
        *COUNT,
        "Heat pack on, 10 minutes.",
        PACK_KEEPS_TIMING,  # Space 2 s in: a pack on the skin is not paused
        f"{SKIN_CHECK}.",  # at 5 minutes
    ]
    assert rest[rest.index(f"{SKIN_CHECK}.") + 1 :][:9] == [
        "1 minute left.",
        "30 seconds left.",
        "10 seconds left.",
        *COUNT,
        f"{PACK_OFF} Press Space when it is off.",
    ]
    repeats = rest.count("Take the pack off now. Press Space when it is off.")
    assert repeats == 2  # every 10 seconds until Space, 22 s after the end
    assert "Step 2 of 2: Knee rolls. Get ready, 10 seconds." in rest
    assert the_record(home).status == "completed"
    assert ("heat", "done") in outcomes(home)


def test_n_skips_the_pack_and_it_is_recorded_as_skipped(home: Path) -> None:
    run = Run(home, plan_of(HEAT), [(1, "n")], checks=False)()
    said = run.after("Press Space when the pack is ready")
    assert said[0] == "Step 2 of 2: Knee rolls. Get ready, 10 seconds."  # no word of the pack
    assert "Heat pack on, 10 minutes." not in said
    assert outcomes(home)[:2] == [("prepare", "skipped"), ("heat", "skipped")]
    assert "Skipped: Heat pack." in said


def test_a_safety_stop_asks_pain_and_leg_then_gives_the_advice(home: Path) -> None:
    script = [(0, ""), (0, "enter"), (40, "!"), (0, "7"), (0, "4")]
    run = Run(home, plan_of(STRETCH), script)()
    said = run.after("Left side. Hold 30 seconds, rep 1 of 2.")
    stop = said[said.index("You stopped. How is it right now?") :]
    assert stop[:3] == [
        "You stopped. How is it right now?",
        "Stretches. Enter alone skips a question; Escape skips the rest.",
        "Question 1 of 2: How bad is your pain right now? 0 = none, 10 = worst. Type a number, "
        "then Enter. Enter alone skips.",
    ]
    assert "Pain: 7 out of 10." in stop and "Leg: Below the knee." in stop
    advice = stop[stop.index("SESSION STOPPED") :]
    assert advice[1:3] == [
        "You stopped during: Knee to chest.",
        "Knee to chest is left out of this routine from its next session on. Once a clinician "
        "has seen it, put it back from home: highlight the routine and press c.",
    ]
    assert [line[3:] for line in advice[3:7]] == list(STOP_ADVICE)
    assert see_a_doctor_text() in advice and advice[-1] == EMERGENCY_ADVICE
    record = the_record(home)
    assert (record.status, record.stop_step_name) == ("stopped", "Knee to chest")
    assert (record.pain_after, record.leg_after) == (7, "below_knee")

    again = Run(home, plan_of(STRETCH), checks=False)()  # the next session leaves it out
    assert (
        "Left out after a safety stop: Knee to chest. Put it back from home (c) once a "
        "clinician has seen it." in again.lines
    )
    assert "Step 1 of 1: Pelvic tilt. Get ready, 5 seconds." in again.lines


def test_a_safety_stop_with_a_pack_on_says_take_it_off_first(home: Path) -> None:
    script = [(0, ""), (0, "escape"), (0, "space"), (20, "!"), (0, ""), (0, "escape")]
    run = Run(home, plan_of(HEAT), script)()
    said = run.after("Heat pack on, 10 minutes.")
    assert said[:2] == ["You stopped. How is it right now?", TAKE_THE_PACK_OFF]
    assert said[said.index("SESSION STOPPED") + 1] == TAKE_THE_PACK_OFF
    assert "Pain: skipped." in said and "The other questions are skipped." in said


def test_the_check_in_after(home: Path) -> None:
    script = [(0, "5"), (0, "enter"), (95, "3"), (0, "1"), (0, "2"), (0, "easier than Monday")]
    run = Run(home, plan_of(WALK), script)()
    said = run.after("Routine complete. Well done.")
    assert said[:2] == [
        "How was it?",
        "Walk. Enter alone skips a question; Escape skips the rest.",
    ]
    assert "Question 3 of 4: How did it feel?" in said
    assert "It felt: About right." in said
    assert "Question 4 of 4: Anything to note? Type it, then Enter. Enter alone finishes." in said
    assert said[-1] == "Pain: 5 out of 10 before, 3 out of 10 after. Felt down to: back only after."
    record = the_record(home)
    assert (record.pain_before, record.leg_before) == (5, None)
    assert (record.pain_after, record.leg_after, record.feel) == (3, "back", "about_right")
    assert record.note == "easier than Monday"


def test_a_wrong_pain_is_asked_again(home: Path) -> None:
    run = Run(home, plan_of(WALK), [(0, "11"), (0, "?"), (0, "four"), (0, "4"), (0, "9")])()
    said = run.lines
    wrong = "Type a whole number from 0 to 10, or press Enter alone to skip."
    assert said.count(wrong) == 2
    assert "End of the help." in said
    assert "Press a number from 1 to 5, or Enter to skip." in said  # 9: not an answer
    assert "Pain: 4 out of 10." in said


def test_a_signal_ends_it_as_interrupted(home: Path) -> None:
    sigterm = Ended("the app was told to end (SIGTERM)", 143)
    run = Run(home, plan_of(STRETCH), [(20, sigterm)], checks=False)()
    assert run.code == 143
    assert run.lines[-1] == (
        "Session interrupted: the app was told to end (SIGTERM). What you did so far is kept."
    )
    record = the_record(home)
    assert (record.status, record.stop_reason) == (
        "interrupted",
        "the app was told to end (SIGTERM)",
    )
    assert record.segments_done == 1 and record.active_seconds == 20  # the get-ready, 15 s held


def test_answers_given_before_the_input_closed_are_kept(home: Path) -> None:
    run = Run(home, plan_of(WALK), [(0, ""), (0, "enter"), (95, "2")])()
    assert run.code == 0
    assert run.lines[-1] == "Ended: the input was closed. Your answers so far are kept."
    record = the_record(home)
    assert (record.status, record.pain_after) == ("completed", 2)


def test_the_sound_as_configured(home: Path) -> None:
    run = Run(home, plan_of(WALK), checks=False, sound="speech", styled=True)()
    assert run.speaker.said[0] == "Go"
    assert run.speaker.said[-1] == "Routine complete. Well done."
    assert run.text.count("\a") == 4  # 3, 2, 1 and the end
    quiet = Run(home, plan_of(WALK), checks=False, sound="off", styled=True)()
    assert quiet.speaker.said == [] and "\a" not in quiet.text


def test_text_from_the_routine_file_never_drives_the_terminal(home: Path) -> None:
    sneaky = WALK.replace(
        'name = "Walk"\nkind', 'name = "Walk\\u001b[2J\\u001b]2;owned\\u0007"\nkind'
    )
    run = Run(home, plan_of(sneaky), checks=False)()
    assert "\x1b" not in run.text and "\a" not in run.text
    assert "Step 1 of 1: Walk [2J ]2;owned. Go, 1 minute 30 seconds." in run.lines
