"""Selling rules: expiry, typed expiry changes and the invalid-link throttle."""

from datetime import UTC, datetime, timedelta

import pytest

from domain.errors import InvalidInput
from domain.selling.rules import (
    EXTEND_MAX_DAYS,
    expires_at,
    extended,
    parse_extension,
    parse_new_expiry,
)
from domain.selling.throttle import InvalidLinkThrottle
from tests.unit.worded import refused

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def test_expiry_is_purchase_time_plus_validity_days() -> None:
    assert expires_at(NOW, 30) == NOW + timedelta(days=30)
    assert expires_at(NOW, None) is None


def test_a_typed_date_means_the_end_of_that_day_in_the_coachs_zone() -> None:
    moment = parse_new_expiry("31.12.2026", "Europe/Berlin", NOW)
    assert moment == datetime(2026, 12, 31, 22, 59, tzinfo=UTC)
    assert parse_new_expiry("2026-12-01 09:30", "UTC", NOW) == datetime(
        2026, 12, 1, 9, 30, tzinfo=UTC
    )
    for bad in ("yesterday", "2026-11-01", "32.12.2026"):
        with pytest.raises(InvalidInput):
            parse_new_expiry(bad, "UTC", NOW)


def test_extending_counts_from_the_current_expiry_or_from_now() -> None:
    week = parse_extension("7")
    assert extended(NOW + timedelta(days=2), week, NOW) == NOW + timedelta(days=9)
    assert extended(NOW - timedelta(days=2), week, NOW) == NOW + week
    assert extended(None, week, NOW) == NOW + week
    for bad in ("0", "-1", str(EXTEND_MAX_DAYS + 1), "seven"):
        with pytest.raises(InvalidInput):
            parse_extension(bad)


def test_the_days_offered_are_the_days_an_extension_may_reach_and_no_more() -> None:
    most = parse_extension(str(EXTEND_MAX_DAYS))
    assert extended(None, most, NOW) == NOW + timedelta(days=EXTEND_MAX_DAYS)
    with refused(match="extended by at most 1800 days"):
        extended(NOW + timedelta(days=30), most, NOW)  # never silently shortened
    with refused(match=f"at most {EXTEND_MAX_DAYS} days from today"):
        extended(NOW + timedelta(days=EXTEND_MAX_DAYS), timedelta(days=1), NOW)


def test_more_than_ten_invalid_links_in_ten_minutes_means_waiting() -> None:
    throttle = InvalidLinkThrottle()
    for n in range(10):
        throttle.failed(7, NOW + timedelta(seconds=n))
    assert throttle.wait(7, NOW + timedelta(seconds=10)) is None
    throttle.failed(7, NOW + timedelta(seconds=10))
    wait = throttle.wait(7, NOW + timedelta(seconds=11))
    assert wait == timedelta(minutes=10) - timedelta(seconds=11)
    assert throttle.wait(8, NOW) is None  # only that person
    assert throttle.wait(7, NOW + timedelta(minutes=10, seconds=1)) is None
