"""Use cases of a coach's group series (their dated occurrences are in `dates`, re-exported
here). What a series shares with a service is written once in `entries`."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from domain.catalog.access import own_series
from domain.catalog.dates import (
    SeriesOverview,
    add_occurrence,
    add_recurring_occurrences,
    list_occurrences,
    remove_occurrence,
    series_overview,
)
from domain.catalog.entries import (
    DeleteCheck,
    Deleted,
    EntryKind,
    add_entry,
    delete_check,
    delete_entry,
    edit_entry,
    entry_usage,
    get_entry,
    list_entries,
    set_common_field,
    set_entry_hidden,
)
from domain.catalog.model import ItemKind, Series, Usage
from domain.catalog.rules import (
    CAPACITY_MAX,
    CAPACITY_MIN,
    validate_capacity,
    validate_description,
    validate_duration,
    validate_title,
)
from domain.errors import InvalidInput
from domain.pagination import Page
from domain.parsing import parse_positive_int
from domain.ports import UnitOfWork

# The dates of a series live in `dates`; importable from here as before.
__all__ = [
    "SeriesOverview",
    "add_occurrence",
    "add_recurring_occurrences",
    "list_occurrences",
    "remove_occurrence",
    "series_overview",
]

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


async def series_delete_check(
    uow: UnitOfWork, coach_id: int, series_id: int
) -> DeleteCheck[Series]:
    """The coach is asked before a delete: the series, and what the delete would touch."""
    return await delete_check(uow, SERIES, coach_id, series_id)


async def delete_series(
    uow: UnitOfWork, coach_id: int, series_id: int, now: datetime
) -> Deleted[Series]:
    """The coach deletes a series: it leaves every package and sold package (rule 6).
    Packages it was the only item of are hidden."""
    return await delete_entry(uow, SERIES, coach_id, series_id, now)


async def _capacity_for(uow: UnitOfWork, series_id: int, text: str, now: datetime) -> int:
    capacity = parse_capacity(text)
    upcoming = [o for o in await uow.series.occurrences(series_id) if o.starts_at > now]
    booked = max((o.seats_taken for o in upcoming), default=0)
    if capacity < booked:
        raise InvalidInput("capacity", "capacity_below_booked", booked=booked)
    return capacity
