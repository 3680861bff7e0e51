"""Use cases of a coach's group series (their dated occurrences are in `dates`, re-exported
here). What a series shares with a service is written once in `entries`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.catalog.access import own_series
from domain.catalog.dates import (
    SeriesOverview,
    add_occurrence,
    add_recurring_occurrences,
    list_occurrences,
    remove_occurrence,
    series_overview,
)
from domain.catalog.entries import EntryDraft, EntryKind, set_common_field, validated_common
from domain.catalog.model import ItemKind, Series
from domain.catalog.rules import (
    CAPACITY_MAX,
    CAPACITY_MIN,
    validate_capacity,
)
from domain.errors import InvalidInput
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
class SeriesDraft(EntryDraft):
    """What the coach typed, step by step; `create_series` validates it again."""

    capacity: int
    duration_minutes: int
    hidden: bool = False


def parse_capacity(text: str) -> int:
    """Seats per meeting typed by the coach, 1..500."""
    return parse_positive_int(text, "capacity", CAPACITY_MIN, CAPACITY_MAX)


async def create_series(uow: UnitOfWork, coach_id: int, draft: SeriesDraft) -> Series:
    """The coach gets a new group series (no dates yet) in their catalog."""
    checked = validated_common(draft, capacity=lambda: validate_capacity(draft.capacity))
    series = Series(id=None, coach_id=coach_id, **checked)
    return await SERIES.add(uow, series)


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

    return await SERIES.edit(uow, coach_id, series_id, change)


async def _capacity_for(uow: UnitOfWork, series_id: int, text: str, now: datetime) -> int:
    capacity = parse_capacity(text)
    upcoming = [o for o in await uow.series.occurrences(series_id) if o.starts_at > now]
    booked = max((o.seats_taken for o in upcoming), default=0)
    if capacity < booked:
        raise InvalidInput("capacity", "capacity_below_booked", booked=booked)
    return capacity
