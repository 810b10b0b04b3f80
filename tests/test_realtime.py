"""The shared real-time clock: never goes back, runs at its speed, jumps ahead on request."""

from __future__ import annotations

import pytest

from game import realtime
from game.engine.clock import Clock
from game.realtime import RealClock


class FakeMonotonic:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def mono(monkeypatch: pytest.MonkeyPatch) -> FakeMonotonic:
    fake = FakeMonotonic()
    monkeypatch.setattr(realtime.time, "monotonic", fake)
    return fake


def test_reads_elapsed_real_time_from_zero(mono: FakeMonotonic) -> None:
    clock = RealClock()
    assert isinstance(clock, Clock)
    assert clock.now() == 0.0
    mono.t += 2.5
    assert clock.now() == 2.5


def test_speed_scales_real_time(mono: FakeMonotonic) -> None:
    clock = RealClock(40.0)
    mono.t += 0.5
    assert clock.now() == 20.0
    with pytest.raises(ValueError, match="positive"):
        RealClock(0)


def test_advance_jumps_ahead_but_never_back(mono: FakeMonotonic) -> None:
    clock = RealClock()
    mono.t += 1.0
    assert clock.advance(9.0) == 10.0
    assert clock.advance(-5.0) == 10.0
    assert clock.advance(float("nan")) == 10.0
    mono.t += 1.0
    assert clock.now() == 11.0
