"""How long one free-slot computation takes for a busy coach (prints numbers; no pass/fail).

Run: .venv/bin/python -m benchmarks.slots
The picker recomputes slots on every day/week press, so this is the cost of one press.
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime, timedelta

from domain.booking.availability import Availability, BookingSettings, TimeRange
from domain.booking.slots import Busy, SlotQuery, free_slots

ZONE = "Europe/Berlin"
NOW = datetime(2027, 3, 1, 7, 0, tzinfo=UTC)  # the horizon crosses the March DST change


def busy_coach(step: int, horizon: int) -> tuple[Availability, list[Busy]]:
    hours = (TimeRange(8 * 60, 12 * 60), TimeRange(13 * 60, 19 * 60))
    settings = BookingSettings(step_minutes=step, horizon_days=horizon, buffer_minutes=15)
    availability = Availability(1, dict.fromkeys(range(6), hours), (), settings)
    busy = [
        Busy(start, start + timedelta(hours=1))
        for day in range(horizon)
        for start in (NOW + timedelta(days=day, hours=h) for h in (2, 5, 8))
    ]
    return availability, busy


def measure(step: int, horizon: int, runs: int = 20) -> None:
    availability, busy = busy_coach(step, horizon)
    query = SlotQuery(timedelta(hours=1), NOW)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        slots = free_slots(availability, ZONE, busy, query)
        timings.append((time.perf_counter() - started) * 1000)
    print(
        f"step {step:>2} min, horizon {horizon:>3} d, {len(busy):>4} bookings: "
        f"{len(slots):>5} slots, median {statistics.median(timings):6.1f} ms, "
        f"max {max(timings):6.1f} ms"
    )


if __name__ == "__main__":
    for step, horizon in ((30, 60), (5, 60), (15, 365)):
        measure(step, horizon)
