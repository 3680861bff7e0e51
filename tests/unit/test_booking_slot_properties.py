"""Properties of free slots over random hours, bookings, buffers, zones and DST seasons."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.booking.availability import Availability, BookingSettings, TimeRange
from domain.booking.slots import Busy, SlotQuery, free_slots

ZONES = ["Europe/Berlin", "America/New_York", "Pacific/Auckland", "Asia/Kolkata", "UTC"]
FIVE = timedelta(minutes=5)


@st.composite
def day_ranges(draw: st.DrawFn) -> tuple[TimeRange, ...]:
    """0–3 non-overlapping ranges on a 15-minute grid."""
    edges = sorted(draw(st.sets(st.integers(0, 96), max_size=6)))
    pairs = list(zip(edges[::2], edges[1::2], strict=False))
    return tuple(TimeRange(a * 15, b * 15) for a, b in pairs if b > a)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Availability, str, list[Busy], SlotQuery]:
    zone = draw(st.sampled_from(ZONES))
    weekly = {day: draw(day_ranges()) for day in range(7)}
    rules = BookingSettings(
        notice=timedelta(hours=draw(st.integers(0, 24))),
        horizon_days=draw(st.integers(1, 10)),
        buffer_minutes=draw(st.sampled_from([0, 10, 15, 30])),
        step_minutes=draw(st.sampled_from([15, 30, 60])),
    )
    # Spring and autumn weeks of 2027 cover the DST changes of every zone above.
    start = datetime(2027, 3, 10, tzinfo=UTC)
    now = start + timedelta(minutes=draw(st.integers(0, 245 * 24 * 60)))
    busy = [
        Busy(start, start + timedelta(minutes=length))
        for start, length in draw(
            st.lists(
                st.tuples(
                    st.integers(0, 10 * 24 * 4).map(lambda q: now + q * timedelta(minutes=15)),
                    st.sampled_from([30, 45, 60, 90]),
                ),
                max_size=8,
            )
        )
    ]
    duration = timedelta(minutes=draw(st.sampled_from([15, 30, 60, 90])))
    return Availability(1, weekly, settings=rules), zone, busy, SlotQuery(duration, now)


def _is_working(availability: Availability, zone: ZoneInfo, moment: datetime) -> bool:
    reading = moment.astimezone(zone)
    minute = reading.hour * 60 + reading.minute
    ranges = availability.ranges_on(reading.weekday())
    return any(r.start <= minute < r.end for r in ranges)


@settings(max_examples=150)
@given(scenarios())
def test_no_slot_overlaps_a_booking_or_leaves_working_hours(
    scenario: tuple[Availability, str, list[Busy], SlotQuery],
) -> None:
    availability, zone, busy, query = scenario
    buffer = timedelta(minutes=availability.settings.buffer_minutes)
    slots = free_slots(availability, zone, busy, query)
    tz = ZoneInfo(zone)
    for start in slots:
        end = start + query.duration
        assert all(end + buffer <= b.start or start >= b.end + buffer for b in busy)
        checks = [start + n * FIVE for n in range(query.duration // FIVE)]
        assert all(_is_working(availability, tz, t) for t in [*checks, end - timedelta(minutes=1)])
        assert query.now + availability.settings.notice <= start
        assert start <= query.now + timedelta(days=availability.settings.horizon_days)
    assert slots == sorted(set(slots))
