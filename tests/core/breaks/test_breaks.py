"""The sit/stand break scheduler (core/breaks.py) on a fake wall clock: when a break is called,
snoozes and their limit, standing, skipping, pauses, holds, sleeps, working hours and clock changes."""

from __future__ import annotations

import datetime as dt

import pytest

from sessiontimer.core.base.clock import FAKE_EPOCH, FakeClock
from sessiontimer.core.breaks.events import (
    BreakCalled,
    BreakRecord,
    Event,
    OffHours,
    Phase,
    Recorded,
    SittingStarted,
    Snoozed,
    SnoozeRefused,
    StandingStarted,
)
from sessiontimer.core.breaks.settings import BreakSettings, WorkingHours
from sessiontimer.core.breaks.timer import BreakTimer

UTC = dt.UTC
SETTINGS = BreakSettings(sit=25 * 60, stand=3 * 60, snooze=5 * 60, max_snoozes=2)


def utc(epoch: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(epoch, UTC)


def timer(settings: BreakSettings = SETTINGS, clock: FakeClock | None = None) -> BreakTimer:
    return BreakTimer(settings, clock or FakeClock(), local=utc)


def at(hour: int, minute: int = 0) -> float:
    """Calendar seconds for 21 Nov 2026 at hour:minute UTC."""
    return dt.datetime(2026, 11, 21, hour, minute, tzinfo=UTC).timestamp()


def records(events: list[Event]) -> list[BreakRecord]:
    return [e.record for e in events if isinstance(e, Recorded)]


def kinds(events: list[Event]) -> list[str]:
    return [type(e).__name__ for e in events if not isinstance(e, Recorded)]


def test_a_break_is_called_when_the_sitting_period_ends_and_not_before() -> None:
    clock = FakeClock()
    t = timer(clock=clock)
    assert t.start() == [SittingStarted(1500, "start")]
    assert t.view().seconds == 1500
    clock.advance(1499.5)
    assert t.tick() == []
    assert t.view().seconds == 1
    assert t.phase is Phase.SITTING
    clock.advance(0.5)
    events = t.tick()
    assert kinds(events) == ["BreakCalled"]
    assert BreakCalled(snoozes=0, insist=False) in events
    assert records(events) == [BreakRecord(called_at=FAKE_EPOCH + 1500)]
    assert t.phase is Phase.DUE
    assert t.view().seconds is None


def test_a_late_tick_calls_the_break_once() -> None:
    clock = FakeClock()
    t = timer(clock=clock)
    t.start()
    clock.advance(1600)
    assert kinds(t.tick()) == ["BreakCalled"]
    assert t.tick() == []
    # the record says when it fell due, not when the tick noticed
    assert t.record == BreakRecord(called_at=FAKE_EPOCH + 1500)


def test_snoozes_up_to_the_limit_then_the_break_insists() -> None:
    clock = FakeClock()
    t = timer(clock=clock)
    t.start()
    clock.advance(1500)
    t.tick()
    events = t.snooze()
    assert Snoozed(seconds=300, left=1) in events
    assert t.phase is Phase.SNOOZED
    assert t.view().seconds == 300
    clock.advance(300)
    assert BreakCalled(snoozes=1, insist=False) in t.tick()
    assert Snoozed(seconds=300, left=0) in t.snooze()
    clock.advance(300)
    assert BreakCalled(snoozes=2, insist=True) in t.tick()
    events = t.snooze()
    assert events == [SnoozeRefused(allowed=2)]
    assert t.phase is Phase.DUE
    assert t.view().snoozes_left == 0
    # the record counts the snoozes and keeps the first call time
    assert t.record == BreakRecord(called_at=FAKE_EPOCH + 1500, snoozes=2)


def test_no_snoozes_allowed_means_every_call_insists() -> None:
    clock = FakeClock()
    t = timer(BreakSettings(sit=60, stand=60, snooze=60, max_snoozes=0), clock)
    t.start()
    clock.advance(60)
    assert BreakCalled(snoozes=0, insist=True) in t.tick()
    assert t.snooze() == [SnoozeRefused(allowed=0)]


def test_an_unanswered_break_is_called_again_more_often_once_it_insists() -> None:
    clock = FakeClock()
    t = timer(clock=clock)
    t.start()
    clock.advance(1500)
    t.tick()
    assert t.wake_in() == pytest.approx(120)
    clock.advance(119)
    assert t.tick() == []
    clock.advance(1)
    assert t.tick() == [BreakCalled(snoozes=0, insist=False, reminder=True)]
    t.snooze()
    t.snooze()  # refused: not due any more, so nothing happens
    clock.advance(300)
    t.tick()
    t.snooze()
    clock.advance(300)
    assert BreakCalled(snoozes=2, insist=True) in t.tick()
    assert t.wake_in() == pytest.approx(60)
    clock.advance(60)
    assert t.tick() == [BreakCalled(snoozes=2, insist=True, reminder=True)]


def test_skip_starts_the_sitting_period_over_and_is_recorded() -> None:
    clock = FakeClock()
    t = timer(clock=clock)
    t.start()
    clock.advance(1500)
    t.tick()
    t.snooze()
    clock.advance(10)
    events = t.skip()
    assert kinds(events) == ["SittingStarted"]
    assert SittingStarted(1500, "skipped") in events
    assert records(events) == [
        BreakRecord(
            called_at=FAKE_EPOCH + 1500,
            outcome="skipped",
            ended_at=FAKE_EPOCH + 1510,
            snoozes=1,
        )
    ]
    assert t.phase is Phase.SITTING
    assert t.view().seconds == 1500
    assert t.record is None


def test_standing_counts_down_then_sitting_starts_again() -> None:
    clock = FakeClock()
    t = timer(clock=clock)
    t.start()
    clock.advance(1500)
    t.tick()
    clock.advance(20)
    events = t.stand()
    assert StandingStarted(180, routine=False) in events
    assert t.phase is Phase.STANDING
    assert t.view().seconds == 180
    clock.advance(179)
    assert t.tick() == []
    clock.advance(1)
    events = t.tick()
    assert SittingStarted(1500, "stood") in events
    assert records(events) == [
        BreakRecord(
            called_at=FAKE_EPOCH + 1500,
            outcome="taken",
            ended_at=FAKE_EPOCH + 1700,
            standing_seconds=180,
        )
    ]
    assert t.view().seconds == 1500


def test_sitting_down_early_records_the_minutes_stood() -> None:
    clock = FakeClock()
    t = timer(clock=clock)
    t.start()
    clock.advance(1500)
    t.tick()
    t.stand()
    clock.advance(75)
    events = t.skip()
    assert SittingStarted(1500, "stood") in events
    (record,) = records(events)
    assert (record.outcome, record.standing_seconds) == ("taken", 75)


def test_a_break_can_be_taken_early() -> None:
    clock = FakeClock()
    t = timer(clock=clock)
    t.start()
    clock.advance(600)
    events = t.stand(routine=True)
    assert StandingStarted(180, routine=True) in events
    assert records(events) == [BreakRecord(called_at=FAKE_EPOCH + 600, routine=True)]


def test_the_desk_routine_holds_standing_until_it_ends() -> None:
    clock = FakeClock()
    t = timer(clock=clock)
    t.start()
    clock.advance(1500)
    t.tick()
    t.stand(routine=True)
    t.hold()  # the routine starts
    clock.advance(180)
    assert t.tick() == []  # the routine is still going: still standing
    assert t.phase is Phase.STANDING
    assert t.wake_in(display=False) is None  # nothing to wake for until the routine ends
    clock.advance(40)
    events = t.release()
    assert SittingStarted(1500, "stood") in events
    (record,) = records(events)
    assert (record.outcome, record.standing_seconds, record.routine) == ("taken", 220, True)


def test_a_short_desk_routine_leaves_the_rest_of_the_standing_period() -> None:
    clock = FakeClock()
    t = timer(clock=clock)
    t.start()
    clock.advance(1500)
    t.tick()
    t.stand(routine=True)
    t.hold()
    clock.advance(100)
    assert t.release() == []
    assert t.view().seconds == 80
    clock.advance(85)  # a late tick
    events = t.tick()
    (record,) = records(events)
    assert record.standing_seconds == 180


def test_a_break_falling_due_during_a_routine_waits_for_its_end() -> None:
    clock = FakeClock()
    t = timer(clock=clock)
    t.start()
    t.hold()
    clock.advance(1600)
    events = t.tick()
    assert kinds(events) == []  # not called
    assert t.phase is Phase.DUE
    assert t.view().held
    assert t.wake_in() is None
    clock.advance(300)
    assert kinds(t.release()) == ["BreakCalled"]
    assert t.view().held is False


def test_pause_freezes_the_timer_and_resume_goes_on_from_there() -> None:
    clock = FakeClock()
    t = timer(clock=clock)
    t.start()
    clock.advance(1000)
    t.pause()
    assert t.paused
    assert t.wake_in() is None
    clock.advance(3600)  # an hour's meeting
    assert t.tick() == []
    assert t.view().seconds == 500
    t.resume()
    assert t.view().seconds == 500
    clock.advance(500)
    assert kinds(t.tick()) == ["BreakCalled"]


def test_pause_at_a_break_calls_it_again_on_resume() -> None:
    clock = FakeClock()
    t = timer(clock=clock)
    t.start()
    clock.advance(1500)
    t.tick()
    t.toggle_pause()
    clock.advance(600)
    assert t.tick() == []  # no reminders during the meeting
    assert t.toggle_pause() == [BreakCalled(snoozes=0, insist=False, reminder=True)]


def test_a_sleep_longer_than_a_standing_period_is_a_break_taken() -> None:
    clock = FakeClock()
    t = timer(clock=clock)
    t.start()
    clock.advance(600)
    clock.sleep(1800)  # the laptop lid was shut for half an hour
    events = t.tick()
    assert SittingStarted(1500, "away") in events
    assert records(events) == [
        BreakRecord(called_at=FAKE_EPOCH + 600, outcome="away", ended_at=FAKE_EPOCH + 600)
    ]
    assert t.view().seconds == 1500
    assert kinds(events) == ["SittingStarted"]  # no break called on waking


def test_a_sleep_shorter_than_a_standing_period_still_counts_as_sitting_time() -> None:
    clock = FakeClock()
    t = timer(clock=clock)
    t.start()
    clock.advance(1400)
    clock.sleep(150)  # shorter than the 180 s standing period: not a break
    events = t.tick()
    assert kinds(events) == ["BreakCalled"]  # the wall clock passed the end of sitting
    assert records(events)[0].called_at == FAKE_EPOCH + 1500


def test_a_sleep_while_standing_ends_the_break_as_taken() -> None:
    clock = FakeClock()
    t = timer(clock=clock)
    t.start()
    clock.advance(1500)
    t.tick()
    t.stand()
    clock.advance(60)
    clock.sleep(3600)
    events = t.tick()
    (record,) = records(events)
    assert (record.outcome, record.standing_seconds) == ("taken", 60)
    assert SittingStarted(1500, "away") in events


def test_a_locked_screen_for_a_standing_period_is_a_break_taken() -> None:
    clock = FakeClock()
    t = timer(clock=clock)
    t.start()
    clock.advance(1500)
    t.tick()
    locked_at = clock.wall()
    clock.advance(100)
    assert t.away(locked_at) == []  # too short: the break is still due
    assert t.phase is Phase.DUE
    clock.advance(100)
    events = t.away(locked_at)
    assert SittingStarted(1500, "away") in events
    (record,) = records(events)
    assert record.outcome == "away"


def test_outside_working_hours_nothing_is_called() -> None:
    clock = FakeClock(epoch=at(17, 0))
    hours = WorkingHours(9 * 60, 17 * 60 + 30)
    t = timer(BreakSettings(sit=1500, stand=180, working_hours=hours), clock)
    t.start()
    clock.advance(1500)  # 17:25
    t.tick()
    clock.advance(60)  # 17:26, due and unanswered until 17:30
    t.tick()
    clock.advance(4 * 60)  # 17:30
    events = t.tick()
    assert kinds(events) == ["OffHours"]
    (record,) = records(events)
    assert record.outcome == "missed"
    assert t.view().resume_at == "09:00"
    assert t.view().seconds is None
    clock.advance(15 * 3600)  # 08:30 the next day
    assert t.tick() == []
    clock.advance(1800)  # 09:00
    assert t.tick() == [SittingStarted(1500, "hours")]


def test_working_hours_across_midnight() -> None:
    hours = WorkingHours(22 * 60, 6 * 60)  # a night shift
    clock = FakeClock(epoch=at(21, 50))
    t = timer(BreakSettings(sit=600, stand=60, working_hours=hours), clock)
    assert t.start() == [OffHours("22:00")]
    clock.advance(600)  # 22:00
    assert t.tick() == [SittingStarted(600, "hours")]
    clock.advance(6 * 3600 + 1800)  # 04:30 the next day: breaks keep being called
    t.tick()
    assert t.phase is Phase.DUE
    t.stand()
    clock.advance(60)
    t.tick()
    assert t.phase is Phase.SITTING
    clock.advance(3600)  # 05:31 ... still in hours (due)
    clock.advance(1800)  # 06:01
    t.tick()
    assert t.phase is Phase.OFF
    assert WorkingHours(22 * 60, 6 * 60).contains(utc(at(23, 59)))
    assert not WorkingHours(22 * 60, 6 * 60).contains(utc(at(12, 0)))


def test_standing_goes_on_past_the_end_of_working_hours() -> None:
    clock = FakeClock(epoch=at(17, 28))
    t = timer(BreakSettings(sit=60, stand=180, working_hours=WorkingHours(540, 1050)), clock)
    t.start()
    clock.advance(60)
    t.tick()
    t.stand()
    clock.advance(90)  # 17:30:30, past the end of the hours, still standing
    assert t.tick() == []
    assert t.phase is Phase.STANDING
    clock.advance(90)
    events = t.tick()
    assert kinds(events) == ["OffHours"]
    assert records(events)[0].standing_seconds == 180


def test_a_clock_change_moves_working_hours_but_not_the_periods() -> None:
    """The clocks go back an hour (or the user sets the clock): the countdown, on the wall clock,
    does not move; working hours are judged on the new local time."""
    clock = FakeClock(epoch=at(16, 50))
    t = timer(BreakSettings(sit=1500, stand=180, working_hours=WorkingHours(540, 1050)), clock)
    t.start()
    clock.advance(600)  # 17:00
    clock.set_calendar(at(16, 0))  # back an hour
    assert t.tick() == []
    assert t.view().seconds == 900
    clock.advance(900)  # 16:15 on the new clock: the break is called on time
    assert kinds(t.tick()) == ["BreakCalled"]
    clock.set_calendar(at(18, 0))  # forward past the end of the hours
    assert kinds(t.tick()) == ["OffHours"]


def test_daylight_saving_time_with_a_local_time_function() -> None:
    """The last Sunday of March in London: 01:00 UTC becomes 02:00 local. Working hours that start
    at 02:00 begin at 01:00 UTC that day."""
    change = dt.datetime(2026, 3, 29, 1, 0, tzinfo=UTC).timestamp()

    def london(epoch: float) -> dt.datetime:
        offset = 3600 if epoch >= change else 0
        return dt.datetime.fromtimestamp(epoch + offset, UTC).replace(tzinfo=None)

    clock = FakeClock(epoch=change - 1800)  # 00:30 local
    t = BreakTimer(
        BreakSettings(sit=600, stand=60, working_hours=WorkingHours(2 * 60, 6 * 60)),
        clock,
        local=london,
    )
    t.start()
    assert t.phase is Phase.OFF
    clock.advance(1799)
    assert t.tick() == []
    clock.advance(1)  # 01:00 UTC = 02:00 local
    assert t.tick() == [SittingStarted(600, "hours")]
    clock.advance(600)
    assert kinds(t.tick()) == ["BreakCalled"]  # exactly 600 wall seconds later


def test_wake_in_follows_the_display_or_only_the_deadline() -> None:
    clock = FakeClock()
    t = timer(clock=clock)
    t.start()
    clock.advance(0.25)
    assert t.wake_in(display=True) == pytest.approx(0.75)
    assert t.wake_in(display=False) == pytest.approx(1499.75)
    hours = BreakSettings(working_hours=WorkingHours(0, 1440 - 1))
    t2 = timer(hours, FakeClock(epoch=at(10, 0) + 15))
    t2.start()
    assert t2.wake_in(display=False) == pytest.approx(45)  # the next minute: working hours


def test_off_hours_cannot_be_paused_and_ends_a_pause() -> None:
    clock = FakeClock(epoch=at(17, 0))
    t = timer(BreakSettings(sit=1500, stand=180, working_hours=WorkingHours(540, 1050)), clock)
    t.start()
    t.pause()
    clock.advance(1800)
    t.tick()
    assert t.phase is Phase.OFF
    assert not t.paused
    t.pause()
    assert not t.paused


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"sit": 0}, "sit must be between 1 s and 4 h"),
        ({"stand": 4 * 3600 + 1}, "stand must be between 1 s and 4 h"),
        ({"max_snoozes": -1}, "max_snoozes"),
    ],
)
def test_settings_out_of_range_are_refused(changes: dict[str, int], message: str) -> None:
    settings = BreakSettings(**changes)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=message):
        BreakTimer(settings, FakeClock())


def test_working_hours_text() -> None:
    assert str(WorkingHours(9 * 60, 17 * 60 + 30)) == "09:00-17:30"
    with pytest.raises(ValueError):
        WorkingHours(600, 600)


def test_a_called_break_goes_quiet_during_a_routine_and_is_called_again_after() -> None:
    clock = FakeClock()
    t = timer(clock=clock)
    t.start()
    clock.advance(1500)
    t.tick()  # called; the user starts a routine instead of answering
    t.hold()
    assert t.wake_in() is None
    clock.advance(600)
    assert t.tick() == []  # no reminders during the routine
    assert t.release() == [BreakCalled(snoozes=0, insist=False)]


def test_nobody_answering_for_20_minutes_is_a_missed_break_and_it_goes_quiet() -> None:
    clock = FakeClock()
    t = timer(clock=clock)
    t.start()
    clock.advance(1500)
    t.tick()
    calls = 1
    for _ in range(9):  # reminders every 2 minutes up to 18 minutes
        clock.advance(120)
        calls += len([e for e in t.tick() if isinstance(e, BreakCalled)])
    assert calls == 10
    clock.advance(120)
    events = t.tick()
    assert kinds(events) == ["SittingStarted"]
    assert SittingStarted(1500, "missed") in events
    (record,) = records(events)
    assert (record.outcome, record.ended_at) == ("missed", FAKE_EPOCH + 1500 + 1200)


def test_a_lock_and_a_sleep_in_the_same_absence_count_once() -> None:
    clock = FakeClock()
    t = timer(clock=clock)
    t.start()
    clock.advance(600)
    locked_at = clock.wall()
    clock.advance(5)
    clock.sleep(3600)  # the desktop locks, then the laptop sleeps
    first = t.tick()
    assert [r.outcome for r in records(first)] == ["away"]
    clock.advance(10)
    assert t.away(locked_at) == []  # the unlock, seen by the lock poll: already counted
    assert t.view().seconds == 1490


def test_pausing_during_a_routine_keeps_a_due_break_due() -> None:
    clock = FakeClock()
    t = timer(clock=clock)
    t.start()
    t.hold()
    clock.advance(1600)
    t.tick()
    t.pause()
    t.release()
    assert kinds(t.resume()) == ["BreakCalled"]


def test_an_away_break_never_ends_before_it_was_called() -> None:
    clock = FakeClock()
    t = timer(clock=clock)
    t.start()
    clock.advance(1400)
    locked_at = clock.wall()
    clock.advance(400)  # the break fell due while the screen was locked
    t.tick()
    (record,) = records(t.away(locked_at))
    assert record.outcome == "away"
    assert record.ended_at is not None and record.ended_at >= record.called_at


def test_closing_ends_the_break_in_hand() -> None:
    clock = FakeClock()
    t = timer(clock=clock)
    t.start()
    assert t.close() == []  # sitting: nothing to store
    clock.advance(1500)
    t.tick()
    t.stand()
    clock.advance(50)
    (record,) = records(t.close())
    assert (record.outcome, record.standing_seconds) == ("taken", 50)
    t2 = timer(clock=clock)
    t2.start()
    clock.advance(1500)
    t2.tick()
    t2.snooze()
    (record,) = records(t2.close())
    assert (record.outcome, record.snoozes) == ("missed", 1)
