"""The one status rule of a sold package: expired from its expiry on (expired wins), used up
when no item still offered has a session left, else active."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from domain.catalog.model import ItemKind
from domain.selling.model import SoldItem, SoldStatus
from tests.unit.booking_fakes import a_sold_package

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
LESSON = SoldItem(ItemKind.SERVICE, 1, "Lesson", 2, used=1, id=11)


def test_a_package_is_expired_from_its_expiry_on_and_expired_wins_over_used_up() -> None:
    sold = a_sold_package(1, 10, 20, "Starter", [LESSON], expires_at=NOW)
    assert sold.status(NOW - timedelta(seconds=1)) is SoldStatus.ACTIVE
    assert sold.status(NOW) is SoldStatus.EXPIRED and sold.has_expired(NOW)
    used_up = replace(sold, items=[replace(LESSON, used=2)])
    assert used_up.status(NOW - timedelta(seconds=1)) is SoldStatus.USED_UP
    assert used_up.status(NOW) is SoldStatus.EXPIRED


def test_only_items_still_offered_keep_a_package_active() -> None:
    removed = a_sold_package(1, 10, 20, "Starter", [replace(LESSON, removed=True)])
    assert removed.status(NOW) is SoldStatus.USED_UP and not removed.has_expired(NOW)
    assert removed.item(11) == replace(LESSON, removed=True) and removed.item(12) is None
