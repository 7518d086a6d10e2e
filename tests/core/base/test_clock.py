"""The two time bases (DESIGN.md section 1): monotonic stops while asleep, wall keeps counting."""

from __future__ import annotations

import time

import pytest

from sessiontimer.core.base.clock import Clock, FakeClock, SystemClock


def test_fake_clock_starts_both_time_bases_at_start() -> None:
    clock = FakeClock()
    assert (clock.monotonic(), clock.wall()) == (1000.0, 1000.0)
    assert FakeClock(start=5).monotonic() == 5.0


def test_advance_moves_both_clocks() -> None:
    clock = FakeClock()
    clock.advance(2.5)
    assert (clock.monotonic(), clock.wall()) == (1002.5, 1002.5)


def test_sleep_is_a_suspended_laptop_wall_moves_monotonic_does_not() -> None:
    clock = FakeClock()
    clock.sleep(600)
    assert clock.monotonic() == 1000.0
    assert clock.wall() == 1600.0


def test_fake_clock_never_goes_back() -> None:
    clock = FakeClock()
    with pytest.raises(ValueError):
        clock.advance(-1)
    with pytest.raises(ValueError):
        clock.sleep(-1)


def test_system_clock_counts_forward_on_both_time_bases() -> None:
    clock: Clock = SystemClock()
    mono, wall = clock.monotonic(), clock.wall()
    time.sleep(0.01)
    assert clock.monotonic() - mono >= 0.009
    assert clock.wall() - wall >= 0.009


@pytest.mark.skipif(not hasattr(time, "CLOCK_BOOTTIME"), reason="no CLOCK_BOOTTIME here")
def test_system_wall_clock_is_boottime_where_it_exists() -> None:
    boottime = time.clock_gettime(time.CLOCK_BOOTTIME)
    assert SystemClock().wall() == pytest.approx(boottime, abs=1.0)


def test_epoch_is_calendar_time() -> None:
    import time

    assert abs(SystemClock().epoch() - time.time()) < 5
    clock = FakeClock()
    start = clock.epoch()
    clock.advance(10)
    clock.sleep(3600)
    assert clock.epoch() == start + 3610
