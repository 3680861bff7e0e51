"""What reading a coach's calendar costs (prints numbers; no pass/fail).

Run: .venv/bin/python -m benchmarks.calendar_sync

1. Expanding a feed of 2,000 events, each weekly over five years (a recurring-heavy calendar
   as Google publishes it), over a 60-day horizon: parsing + recurrence expansion + busy time.
2. Free-slot computation over 60 days with 300 busy intervals from a calendar, next to the
   same computation without them, in the same run.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.booking.availability import Availability, BookingSettings, TimeRange
from domain.booking.slots import Busy, SlotQuery, free_slots
from domain.calendars.busy import busy_from
from persistence.calendars.feed import occurrences

ZONE = "Europe/Berlin"
NOW = datetime(2027, 3, 1, 7, 0, tzinfo=UTC)  # the horizon crosses the March DST change
FIRST = NOW - timedelta(days=365 * 2)  # the series began two years ago, run five


def feed(events: int) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN", "X-WR-TIMEZONE:" + ZONE]
    for n in range(events):
        start = FIRST + timedelta(days=n % 7, hours=8 + n % 10, minutes=15 * (n % 4))
        lines += [
            "BEGIN:VEVENT",
            f"UID:event-{n}@bench",
            "DTSTAMP:20260101T000000Z",
            f"DTSTART;TZID={ZONE}:{start.astimezone(ZoneInfo(ZONE)):%Y%m%dT%H%M%S}",
            "DURATION:PT45M",
            "RRULE:FREQ=WEEKLY;COUNT=260",
            f"SUMMARY:Event {n}",
            "END:VEVENT",
        ]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


def timed(work: Callable[[], object], runs: int) -> tuple[object, list[float]]:
    timings, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        timings.append((time.perf_counter() - started) * 1000)
    return result, timings


def expansion(events: int = 2000, days: int = 60, runs: int = 3) -> None:
    body = feed(events)
    window = (NOW, NOW + timedelta(days=days))
    zone = ZoneInfo(ZONE)
    result, timings = timed(lambda: busy_from(occurrences(body, *window), zone, window), runs)
    assert isinstance(result, list)
    print(
        f"feed of {events} weekly events ({len(body) // 1024} KiB), {days}-day horizon: "
        f"{len(result)} busy intervals after merging, median {statistics.median(timings):.0f} ms,"
        f" max {max(timings):.0f} ms"
    )


def slots(busy_count: int = 300, days: int = 60, runs: int = 20) -> None:
    hours = (TimeRange(8 * 60, 12 * 60), TimeRange(13 * 60, 19 * 60))
    settings = BookingSettings(step_minutes=15, horizon_days=days, buffer_minutes=15)
    availability = Availability(1, dict.fromkeys(range(6), hours), (), settings)
    spacing = timedelta(days=days) / busy_count
    busy = [
        Busy(NOW + spacing * n, NOW + spacing * n + timedelta(minutes=50))
        for n in range(busy_count)
    ]
    query = SlotQuery(timedelta(hours=1), NOW)
    cases: list[tuple[str, list[Busy]]] = [
        ("without busy times", []),
        (f"with {busy_count} busy times", busy),
    ]
    for label, given in cases:

        def compute(given: list[Busy] = given) -> list[datetime]:
            return free_slots(availability, ZONE, given, query)

        found, timings = timed(compute, runs)
        assert isinstance(found, list)
        print(
            f"free slots over {days} days {label:>22}: {len(found):>4} slots, "
            f"median {statistics.median(timings):5.1f} ms, max {max(timings):5.1f} ms"
        )


if __name__ == "__main__":
    expansion()
    slots()
