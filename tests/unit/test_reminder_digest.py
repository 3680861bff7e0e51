"""The coach digest's rules: what it lists, when a local day's digest is due (DST included),
the catch-up rule, and where a delivery stands after an attempt."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.reminders.digest import (
    BookedSession,
    DaySession,
    DigestCoach,
    DigestRun,
    ExpiringFacts,
    build_digest,
    digest_moment,
    due_day,
    local_day,
    still_due,
)
from domain.reminders.engine import Delivery, DeliveryStatus, RetryPolicy, after_delivery
from domain.reminders.model import Outcome

COACH, OTHER = 10, 11
BERLIN = DigestCoach(COACH, "Europe/Berlin")
DAY = date(2026, 12, 14)  # a Monday; Berlin is UTC+1
NOW = datetime(2026, 12, 14, 7, 0, tzinfo=UTC)  # 08:00 in Berlin


def sold(n: int, expires_at: datetime | None, left: int = 3, **changes: object) -> ExpiringFacts:
    values: dict[str, object] = {
        "sold_package_id": n,
        "coach_id": COACH,
        "client_name": f"Client {n}",
        "title": "Starter",
        "expires_at": expires_at,
        "sessions_left": left,
    }
    values.update(changes)
    return ExpiringFacts(**values)  # type: ignore[arg-type]


def booked(
    at: datetime, title: str = "Private lesson", client: str | None = "Bea", **changes: object
) -> BookedSession:
    values: dict[str, object] = {
        "coach_id": COACH,
        "starts_at": at,
        "title": title,
        "client_name": client,
    }
    values.update(changes)
    return BookedSession(**values)  # type: ignore[arg-type]


def test_the_digest_lists_packages_expiring_within_7_days_with_sessions_left_soonest_first() -> (
    None
):
    packages = [
        sold(1, NOW + timedelta(days=6)),
        sold(2, NOW + timedelta(days=1)),
        sold(3, NOW + timedelta(days=7)),  # exactly 7 days ahead: still listed
        sold(4, NOW + timedelta(days=7, seconds=1)),  # beyond the week
        sold(5, NOW),  # expiring this very moment: already expired
        sold(6, NOW + timedelta(days=2), left=0),  # used up
        sold(7, None),  # never expires
        sold(8, NOW + timedelta(days=3), coach_id=OTHER),  # another coach's
    ]
    digest = build_digest(BERLIN, DAY, NOW, packages, [])
    assert [p.sold_package_id for p in digest.expiring] == [2, 1, 3]
    assert not digest.empty and digest.sessions == ()


def test_the_digest_lists_the_coachs_sessions_of_that_local_day_grouped_by_time() -> None:
    # The Berlin day of 14 Dec runs from 13 Dec 23:00 UTC to 14 Dec 23:00 UTC.
    first = datetime(2026, 12, 13, 23, 0, tzinfo=UTC)  # 00:00 in Berlin
    last = datetime(2026, 12, 14, 22, 59, tzinfo=UTC)  # 23:59 in Berlin
    yoga = datetime(2026, 12, 14, 17, 0, tzinfo=UTC)
    sessions = [
        booked(yoga, "Yoga", "Ann"),
        booked(last),
        booked(yoga, "Yoga", None),
        booked(first, client="Cy"),
        booked(datetime(2026, 12, 14, 23, 0, tzinfo=UTC)),  # 00:00 the next Berlin day
        booked(datetime(2026, 12, 13, 22, 59, tzinfo=UTC)),  # 23:59 the day before
        booked(yoga, coach_id=OTHER),
    ]
    digest = build_digest(BERLIN, DAY, NOW, [], sessions)
    assert digest.sessions == (
        DaySession(first, "Private lesson", ("Cy",)),
        DaySession(yoga, "Yoga", ("Ann", None)),
        DaySession(last, "Private lesson", ("Bea",)),
    )


def test_nothing_to_tell_is_an_empty_digest() -> None:
    later = [sold(1, NOW + timedelta(days=9))]
    other_day = [booked(NOW + timedelta(days=1))]
    assert build_digest(BERLIN, DAY, NOW, later, other_day).empty


def test_the_digest_is_due_from_the_hour_in_the_coachs_zone_until_local_midnight() -> None:
    eight = datetime(2026, 12, 14, 7, 0, tzinfo=UTC)
    assert due_day(eight - timedelta(seconds=1), "Europe/Berlin", 8) is None
    assert due_day(eight, "Europe/Berlin", 8) == DAY
    assert due_day(datetime(2026, 12, 14, 22, 59, tzinfo=UTC), "Europe/Berlin", 8) == DAY
    # After local midnight the missed day is never due again; the new one waits for 08:00.
    assert due_day(datetime(2026, 12, 14, 23, 0, tzinfo=UTC), "Europe/Berlin", 8) is None
    assert due_day(eight, "UTC", 8) is None and due_day(eight, "UTC", 7) == DAY


def test_an_auckland_coachs_morning_is_the_previous_evening_in_utc() -> None:
    # 26 Nov 08:00 in Auckland (NZDT, UTC+13) is 25 Nov 19:00 UTC.
    at = datetime(2026, 11, 25, 19, 0, tzinfo=UTC)
    assert digest_moment(date(2026, 11, 26), "Pacific/Auckland", 8) == at
    assert due_day(at - timedelta(minutes=1), "Pacific/Auckland", 8) is None
    assert due_day(at, "Pacific/Auckland", 8) == date(2026, 11, 26)
    assert local_day(date(2026, 11, 26), "Pacific/Auckland") == (
        datetime(2026, 11, 25, 11, 0, tzinfo=UTC),
        datetime(2026, 11, 26, 11, 0, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    ("zone", "day", "hour", "due_at", "day_hours"),
    [
        # Spring forward: 02:00 does not exist; the digest comes when the clocks jump.
        ("Europe/Berlin", date(2026, 3, 29), 2, datetime(2026, 3, 29, 1, 0, tzinfo=UTC), 23),
        ("Europe/Berlin", date(2026, 3, 29), 8, datetime(2026, 3, 29, 6, 0, tzinfo=UTC), 23),
        # Fall back: 02:00 happens twice; the first one counts.
        ("Europe/Berlin", date(2026, 10, 25), 2, datetime(2026, 10, 25, 0, 0, tzinfo=UTC), 25),
        ("Europe/Berlin", date(2026, 10, 25), 8, datetime(2026, 10, 25, 7, 0, tzinfo=UTC), 25),
        ("America/New_York", date(2026, 3, 8), 2, datetime(2026, 3, 8, 7, 0, tzinfo=UTC), 23),
        ("America/New_York", date(2026, 11, 1), 1, datetime(2026, 11, 1, 5, 0, tzinfo=UTC), 25),
        ("America/New_York", date(2026, 11, 1), 8, datetime(2026, 11, 1, 13, 0, tzinfo=UTC), 25),
        ("Pacific/Auckland", date(2026, 9, 27), 2, datetime(2026, 9, 26, 14, 0, tzinfo=UTC), 23),
        ("Pacific/Auckland", date(2026, 4, 5), 2, datetime(2026, 4, 4, 13, 0, tzinfo=UTC), 25),
    ],
)
def test_on_a_dst_day_the_digest_is_due_once_from_one_moment(
    zone: str, day: date, hour: int, due_at: datetime, day_hours: int
) -> None:
    start, end = local_day(day, zone)
    assert end - start == timedelta(hours=day_hours)
    assert digest_moment(day, zone, hour) == due_at
    # Every five minutes through that local day: not due before the moment, then that day
    # (one key, so one digest) until midnight.
    answers = []
    moment = start
    while moment < end:
        answers.append((moment >= due_at, due_day(moment, zone, hour)))
        moment += timedelta(minutes=5)
    assert {due for is_due, due in answers if is_due} == {day}
    assert {due for is_due, due in answers if not is_due} == {None}


def test_a_claimed_digest_is_still_due_only_on_its_own_local_day() -> None:
    run = DigestRun(COACH, DAY, NOW)
    start, end = local_day(DAY, "Europe/Berlin")
    assert still_due(run, "Europe/Berlin", NOW)
    assert still_due(run, "Europe/Berlin", end - timedelta(seconds=1))
    assert not still_due(run, "Europe/Berlin", end)
    assert not still_due(run, "Europe/Berlin", start - timedelta(seconds=1))


def test_after_an_attempt_403_is_final_429_waits_and_network_errors_back_off_then_fail() -> None:
    run = DigestRun(COACH, DAY, NOW)
    policy = RetryPolicy(max_attempts=3, backoff=timedelta(seconds=30))
    sent = after_delivery(run, Delivery(DeliveryStatus.DELIVERED), NOW, policy)
    assert (sent.outcome, sent.sent_at) == (Outcome.SENT, NOW)
    blocked = after_delivery(run, Delivery(DeliveryStatus.BLOCKED, error="Forbidden"), NOW, policy)
    assert (blocked.outcome, blocked.last_error, blocked.sent_at) == (
        Outcome.UNDELIVERABLE,
        "Forbidden",
        None,
    )
    slow = Delivery(DeliveryStatus.RATE_LIMITED, timedelta(seconds=7), "Flood control")
    waited = after_delivery(run, slow, NOW, policy)
    assert (waited.outcome, waited.attempts) == (None, 0)
    assert waited.next_attempt_at == NOW + timedelta(seconds=7)
    error = Delivery(DeliveryStatus.ERROR, error="NetworkError: reset")
    first = after_delivery(run, error, NOW, policy)
    second = after_delivery(first, error, NOW, policy)
    third = after_delivery(second, error, NOW, policy)
    assert [(r.outcome, r.attempts) for r in (first, second, third)] == [
        (None, 1),
        (None, 2),
        (Outcome.FAILED, 3),
    ]
    assert first.next_attempt_at == NOW + timedelta(seconds=30)
    assert second.next_attempt_at == NOW + timedelta(seconds=60)
    assert third.last_error == "NetworkError: reset"
