"""Use cases of a coach's group series and their dated occurrences. What a series shares
with a service is written once in `entries`."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from domain.catalog.access import own_series, require_coach
from domain.catalog.entries import (
    Deleted,
    EntryKind,
    add_entry,
    delete_entry,
    edit_entry,
    entry_usage,
    get_entry,
    list_entries,
    set_common_field,
    set_entry_hidden,
)
from domain.catalog.model import ItemKind, Occurrence, Series, Usage
from domain.catalog.rules import (
    CAPACITY_MAX,
    CAPACITY_MIN,
    validate_capacity,
    validate_description,
    validate_duration,
    validate_title,
)
from domain.errors import InvalidInput, NotFound
from domain.pagination import Page
from domain.parsing import parse_local_datetime, parse_positive_int, parse_recurrence
from domain.ports import UnitOfWork

SERIES: EntryKind[Series] = EntryKind(ItemKind.SERIES, lambda uow: uow.series, own_series)


@dataclass(frozen=True)
class SeriesDraft:
    """What the coach typed, step by step; `create_series` validates it again."""

    title: str
    description: str
    capacity: int
    duration_minutes: int
    hidden: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SeriesDraft:
        """A missing `hidden` (drafts saved before it existed) means visible."""
        return cls(
            str(data["title"]),
            str(data["description"]),
            int(data["capacity"]),
            int(data["duration_minutes"]),
            bool(data.get("hidden", False)),
        )


def parse_capacity(text: str) -> int:
    """Seats per meeting typed by the coach, 1..500."""
    return parse_positive_int(text, "capacity", CAPACITY_MIN, CAPACITY_MAX)


async def create_series(uow: UnitOfWork, coach_id: int, draft: SeriesDraft) -> Series:
    """The coach gets a new group series (no dates yet) in their catalog."""
    series = Series(
        id=None,
        coach_id=coach_id,
        title=validate_title(draft.title),
        description=validate_description(draft.description),
        capacity=validate_capacity(draft.capacity),
        duration_minutes=validate_duration(draft.duration_minutes),
        hidden=draft.hidden,
    )
    return await add_entry(uow, SERIES, series)


async def list_series(
    uow: UnitOfWork, coach_id: int, page: int = 1, per_page: int = 10
) -> Page[Series]:
    """The coach gets one page of their series, hidden ones included."""
    return await list_entries(uow, SERIES, coach_id, page, per_page)


async def get_series(uow: UnitOfWork, coach_id: int, series_id: int) -> Series:
    """The coach gets one of their series."""
    return await get_entry(uow, SERIES, coach_id, series_id)


async def update_series(
    uow: UnitOfWork, coach_id: int, series_id: int, field: str, text: str, now: datetime
) -> Series:
    """The coach changes one field (title, description, duration, capacity) of a series."""

    async def change(series: Series) -> None:
        if field == "capacity":
            series.capacity = await _capacity_for(uow, series_id, text, now)
            await uow.series.change_capacity(series_id, series.capacity, now)
        else:
            set_common_field(series, field, text)

    return await edit_entry(uow, SERIES, coach_id, series_id, change)


async def set_series_hidden(
    uow: UnitOfWork, coach_id: int, series_id: int, hidden: bool
) -> Series:
    """The coach hides or shows a series; packages that contain it still book it (rule 7)."""
    return await set_entry_hidden(uow, SERIES, coach_id, series_id, hidden)


async def series_usage(uow: UnitOfWork, coach_id: int, series_id: int) -> Usage:
    """The coach learns how many packages and sold packages a delete would touch, and how
    many packages it is the only item of."""
    return await entry_usage(uow, SERIES, coach_id, series_id)


async def delete_series(
    uow: UnitOfWork, coach_id: int, series_id: int, now: datetime
) -> Deleted[Series]:
    """The coach deletes a series: it leaves every package and sold package (rule 6).
    Packages it was the only item of are hidden."""
    return await delete_entry(uow, SERIES, coach_id, series_id, now)


async def add_occurrence(
    uow: UnitOfWork, coach_id: int, series_id: int, text: str, now: datetime
) -> Occurrence:
    """The coach adds one meeting, typed as a date and time in their own time zone."""
    async with uow:
        coach = await require_coach(uow, coach_id)
        await own_series(uow, coach_id, series_id)
        start = parse_local_datetime(text, coach.timezone, now)
        added = await uow.series.add_occurrences(series_id, [start])
        if not added:
            raise InvalidInput("start", "the series already meets at that time")
        await uow.commit()
    return added[0]


async def add_recurring_occurrences(
    uow: UnitOfWork, coach_id: int, series_id: int, text: str, now: datetime
) -> list[Occurrence]:
    """The coach adds weekly meetings ("every Tuesday 18:00 for 8 weeks"); times the series
    already meets at are skipped, so only the new meetings are returned."""
    async with uow:
        coach = await require_coach(uow, coach_id)
        await own_series(uow, coach_id, series_id)
        starts = parse_recurrence(text, coach.timezone, now)
        added = await uow.series.add_occurrences(series_id, starts)
        await uow.commit()
    return added


@dataclass(frozen=True)
class SeriesOverview:
    """One series as its screen shows it: upcoming meetings, in the coach's time zone."""

    series: Series
    upcoming: list[Occurrence]
    timezone: str


async def series_overview(
    uow: UnitOfWork, coach_id: int, series_id: int, now: datetime
) -> SeriesOverview:
    """The coach gets one of their series with its meetings after `now`."""
    async with uow:
        coach = await require_coach(uow, coach_id)
        series = await own_series(uow, coach_id, series_id)
        occurrences = await uow.series.occurrences(series_id)
    upcoming = [o for o in occurrences if o.starts_at > now]
    return SeriesOverview(series, upcoming, coach.timezone)


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
    async with uow:
        await own_series(uow, coach_id, series_id)
        found = [o for o in await uow.series.occurrences(series_id) if o.id == occurrence_id]
        if not found:
            raise NotFound()
        await uow.series.remove_occurrence(series_id, occurrence_id)
        await uow.commit()
    return found[0].seats_taken


async def _capacity_for(uow: UnitOfWork, series_id: int, text: str, now: datetime) -> int:
    capacity = parse_capacity(text)
    upcoming = [o for o in await uow.series.occurrences(series_id) if o.starts_at > now]
    booked = max((o.seats_taken for o in upcoming), default=0)
    if capacity < booked:
        raise InvalidInput("capacity", f"{booked} clients already have a seat in one meeting")
    return capacity
