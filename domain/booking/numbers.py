"""The coach's numbers: sessions booked per local week for the last `WEEKS` weeks, and
sales per month per currency (minor units) for the last `MONTHS` months."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.booking.uow import BookingUnitOfWork
from domain.booking.wallclock import first_instant
from domain.catalog.access import require_coach
from domain.selling.desk_table import TABLE_MAX
from domain.selling.model import SaleKind, SoldFilter

WEEKS = 12
MONTHS = 12


@dataclass(frozen=True)
class Numbers:
    zone: str
    weeks: list[tuple[date, int]]  # Monday of each local week, sessions starting in it
    sales: dict[str, list[tuple[str, int]]]  # currency: (yyyy-mm, total minor units)


def _months_back(today: date, count: int) -> list[str]:
    year, month, found = today.year, today.month, []
    for _ in range(count):
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(found))


async def coach_numbers(uow: BookingUnitOfWork, coach_id: int, now: datetime) -> Numbers:
    """The coach gets their weekly sessions and monthly sales (grants count as no sale)."""
    async with uow:
        coach = await require_coach(uow, coach_id)
        zone = ZoneInfo(coach.timezone)
        today = now.astimezone(zone).date()
        this_monday = today - timedelta(days=today.weekday())
        mondays = [this_monday - timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]
        start = first_instant(datetime.combine(mondays[0], time()), zone)
        end = first_instant(datetime.combine(this_monday + timedelta(weeks=1), time()), zone)
        sessions = await uow.bookings.for_coach(coach_id, start, end)
        sold = await uow.sold.list_for_coach(coach_id, SoldFilter.ALL, now, 0, TABLE_MAX)
    per_week = dict.fromkeys(mondays, 0)
    for booking in sessions:
        day = booking.starts_at.astimezone(zone).date()
        per_week[day - timedelta(days=day.weekday())] += 1
    months = _months_back(today, MONTHS)
    sales: dict[str, dict[str, int]] = {}
    for package in sold:
        month = f"{package.purchased_at.astimezone(zone):%Y-%m}"
        if package.kind is SaleKind.GRANT or package.price_minor == 0 or month not in months:
            continue
        totals = sales.setdefault(package.currency, dict.fromkeys(months, 0))
        totals[month] += package.price_minor
    return Numbers(
        coach.timezone,
        sorted(per_week.items()),
        {cur: sorted(totals.items()) for cur, totals in sorted(sales.items())},
    )
