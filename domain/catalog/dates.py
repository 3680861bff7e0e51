"""Use cases of the dated meetings (occurrences) of a coach's series: adding one date or a
weekly schedule in the coach's time zone, the series with its upcoming dates, removing one.
Each screen of the bot gets what it shows from one of these, in one transaction."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from domain.catalog.access import own_series, require_coach
from domain.catalog.model import Occurrence, Series
from domain.errors import InvalidInput, NotFound
from domain.parsing import parse_local_datetime, parse_recurrence
from domain.ports import UnitOfWork

_EVER = datetime.min.replace(tzinfo=UTC)  # "after _EVER": every meeting
_WEEKLY = re.compile(r"^\s*every\b|\bweeks?\b", re.IGNORECASE)  # a schedule, not one date


@dataclass(frozen=True)
class AddedDates:
    """The meetings just added (times already met at are skipped), and the coach's zone."""

    added: list[Occurrence]
    timezone: str


@dataclass(frozen=True)
class SeriesOverview:
    """One series as its screen shows it: upcoming meetings, in the coach's time zone."""

    series: Series
    upcoming: list[Occurrence]
    timezone: str


@dataclass(frozen=True)
class DateRemoval:
    """What removing a date did: not `removed` when clients have a seat in it and the coach
    did not confirm yet; `after` is the series as its screen shows it now."""

    occurrence: Occurrence
    removed: bool
    after: SeriesOverview


async def add_dates(
    uow: UnitOfWork, coach_id: int, series_id: int, text: str, now: datetime
) -> AddedDates:
    """The coach adds one meeting ("Fri 18:00") or weekly ones ("every Tuesday 18:00 for 8
    weeks"), typed in their own time zone."""
    return await _add(uow, coach_id, series_id, text, now, weekly=bool(_WEEKLY.search(text)))


async def add_occurrence(
    uow: UnitOfWork, coach_id: int, series_id: int, text: str, now: datetime
) -> Occurrence:
    """The coach adds one meeting, typed as a date and time in their own time zone."""
    return (await _add(uow, coach_id, series_id, text, now, weekly=False)).added[0]


async def add_recurring_occurrences(
    uow: UnitOfWork, coach_id: int, series_id: int, text: str, now: datetime
) -> list[Occurrence]:
    """The coach adds weekly meetings ("every Tuesday 18:00 for 8 weeks"); times the series
    already meets at are skipped, so only the new meetings are returned."""
    return (await _add(uow, coach_id, series_id, text, now, weekly=True)).added


async def _add(
    uow: UnitOfWork, coach_id: int, series_id: int, text: str, now: datetime, weekly: bool
) -> AddedDates:
    async with uow:
        coach = await require_coach(uow, coach_id)
        await own_series(uow, coach_id, series_id)
        if weekly:
            starts = parse_recurrence(text, coach.timezone, now)
        else:
            starts = [parse_local_datetime(text, coach.timezone, now)]
        added = await uow.series.add_occurrences(series_id, starts)
        if not added and not weekly:
            raise InvalidInput("start", "date_already_in_series")
        await uow.commit()
    return AddedDates(added, coach.timezone)


async def series_overview(
    uow: UnitOfWork, coach_id: int, series_id: int, now: datetime
) -> SeriesOverview:
    """The coach gets one of their series with its meetings after `now`."""
    async with uow:
        coach = await require_coach(uow, coach_id)
        series = await own_series(uow, coach_id, series_id)
        occurrences = await uow.series.occurrences(series_id)
    return _overview(series, occurrences, coach.timezone, now)


def _overview(
    series: Series, occurrences: list[Occurrence], timezone: str, now: datetime
) -> SeriesOverview:
    return SeriesOverview(series, [o for o in occurrences if o.starts_at > now], timezone)


async def list_occurrences(
    uow: UnitOfWork, coach_id: int, series_id: int, after: datetime | None = None
) -> list[Occurrence]:
    """The coach gets the meetings of a series in start order (only later than `after`)."""
    async with uow:
        await own_series(uow, coach_id, series_id)
        occurrences = await uow.series.occurrences(series_id)
    return [o for o in occurrences if after is None or o.starts_at > after]


async def remove_occurrence(
    uow: UnitOfWork, coach_id: int, series_id: int, occurrence_id: int
) -> int:
    """The coach removes one meeting; returns how many clients had a seat in it."""
    removal = await remove_date(uow, coach_id, series_id, occurrence_id, _EVER, confirmed=True)
    return removal.occurrence.seats_taken


async def remove_date(
    uow: UnitOfWork,
    coach_id: int,
    series_id: int,
    occurrence_id: int,
    now: datetime,
    confirmed: bool,
    before_removal: Callable[[], Awaitable[None]] | None = None,
) -> DateRemoval:
    """The coach removes one meeting; one that clients have a seat in only once `confirmed`
    (otherwise nothing changes and the bot asks first). `after`: meetings after `now`.
    `before_removal` runs in the same transaction just before (booking cancels the seats)."""
    async with uow:
        coach = await require_coach(uow, coach_id)
        series = await own_series(uow, coach_id, series_id)
        occurrences = await uow.series.occurrences(series_id)
        found = [o for o in occurrences if o.id == occurrence_id]
        if not found:
            raise NotFound()
        removed = confirmed or not found[0].seats_taken
        if removed:
            if before_removal is not None:
                await before_removal()
            await uow.series.remove_occurrence(series_id, occurrence_id)
            await uow.commit()
            occurrences = [o for o in occurrences if o.id != occurrence_id]
    after = _overview(series, occurrences, coach.timezone, now)
    return DateRemoval(found[0], removed, after)
