"""Selling rules: expiry (rule 8), what Telegram can invoice, snapshots."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from domain.catalog.model import Package
from domain.errors import InvalidInput
from domain.parsing import MAX_AHEAD, parse_local_datetime, parse_positive_int
from domain.selling.model import Snapshot, SoldItem

STARS = "XTR"
STARS_MIN = 1
STARS_MAX = 25_000
# How far ahead any expiry may lie (typed, carried by a button or extended): one limit, so
# "extend by" offers exactly the days a typed date could reach.
EXTEND_MAX_DAYS = MAX_AHEAD.days
EXPIRING_WITHIN = timedelta(days=7)


def expires_at(start: datetime, validity_days: int | None) -> datetime | None:
    """Purchase (or grant) time + validity days, fixed at that moment; None when unlimited."""
    return None if validity_days is None else start + timedelta(days=validity_days)


def snapshot(package: Package) -> Snapshot:
    """What the buyer gets, frozen now: later edits of the package never reach it."""
    assert package.id is not None
    return Snapshot(
        package_id=package.id,
        public_id=package.public_id,
        coach_id=package.coach_id,
        title=package.title,
        description=package.description,
        price_minor=package.price_minor,
        currency=package.currency,
        validity_days=package.validity_days,
        items=tuple(SoldItem(i.kind, i.ref_id, i.title, i.quantity) for i in package.items),
    )


def needs_provider(currency: str) -> bool:
    """Telegram Stars need no payment provider; every other currency does."""
    return currency != STARS


def invoiceable(price_minor: int, currency: str, has_provider: bool) -> bool:
    """Whether Telegram can take this payment here: Stars 1..25000, others need a provider."""
    if currency == STARS:
        return STARS_MIN <= price_minor <= STARS_MAX
    return has_provider and price_minor > 0


def parse_new_expiry(text: str, timezone: str, now: datetime) -> datetime:
    """A typed date ("2026-12-31", "31.12.2026", end of that day) or date and time, in the
    coach's zone; it must be in the future."""
    clean = text.strip()
    if len(clean) <= 10:
        clean += " 23:59"
    try:
        return parse_local_datetime(clean, timezone, now)
    except InvalidInput as exc:
        raise InvalidInput("expiry", exc.code, **exc.values) from exc


def expiry_from_timestamp(seconds: int, now: datetime) -> datetime:
    """A new expiry carried by a confirm button: like a typed one, future and within reach."""
    moment = datetime.fromtimestamp(seconds, UTC)
    if not now < moment <= now + MAX_AHEAD:
        raise InvalidInput("expiry", "expiry_out_of_reach")
    return moment


def parse_extension(text: str) -> timedelta:
    """A number of days to extend by, 1..EXTEND_MAX_DAYS."""
    return timedelta(days=parse_positive_int(text, "days", 1, EXTEND_MAX_DAYS))


def extended(current: datetime | None, by: timedelta, now: datetime) -> datetime:
    """The expiry moved by `by` from the current one (from now when it has passed or is
    unset); refused past EXTEND_MAX_DAYS from now, naming the days still possible."""
    base = current if current is not None and current > now else now
    if not fits(current, by, now):
        room = max((now + MAX_AHEAD - base).days, 0)
        raise InvalidInput("days", "extension_too_long", limit=EXTEND_MAX_DAYS, room=room)
    return base + by


def fits(current: datetime | None, by: timedelta, now: datetime) -> bool:
    """Whether extending by `by` stays within EXTEND_MAX_DAYS from now."""
    base = current if current is not None and current > now else now
    return base + by <= now + MAX_AHEAD


def left_summary(items: Iterable[SoldItem]) -> tuple[int, int]:
    """(sessions left, sessions in total) over the items still offered."""
    live = [i for i in items if not i.removed]
    return sum(i.left for i in live), sum(i.quantity for i in live)
