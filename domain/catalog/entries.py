"""What the service and series use cases share. Both are catalog entries of the same shape
(a title, a description, a duration, hidden or not) stored the same way, so creating, listing,
editing, hiding, counting usage and deleting them is written once here; `services` and
`series` keep their public use cases and say only what differs."""

from __future__ import annotations

import builtins
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Generic, Protocol, TypeVar

from domain.catalog.access import require_coach
from domain.catalog.model import ItemKind, Series, Service, Usage
from domain.catalog.rules import validate_description, validate_title
from domain.errors import InvalidInput
from domain.pagination import Page, fetch_page
from domain.parsing import parse_duration_minutes
from domain.ports import UnitOfWork

EntryT = TypeVar("EntryT", Service, Series)


class Entries(Protocol[EntryT]):
    """What the `Services` and `SeriesCatalog` ports have in common."""

    async def add(self, entry: EntryT, /) -> EntryT: ...

    async def get(self, coach_id: int, entry_id: int, /) -> EntryT | None: ...

    async def list(
        self, coach_id: int, offset: int = 0, limit: int | None = None, /
    ) -> builtins.list[EntryT]: ...

    async def count(self, coach_id: int, /) -> int: ...

    async def save(self, entry: EntryT, /) -> None: ...

    async def usage(self, entry_id: int, /) -> Usage: ...

    async def delete(self, entry_id: int, now: datetime, /) -> None: ...


@dataclass(frozen=True)
class EntryKind(Generic[EntryT]):
    """One kind of entry: its name in package items, its port, and its ownership check."""

    item: ItemKind
    stored: Callable[[UnitOfWork], Entries[EntryT]]
    own: Callable[[UnitOfWork, int, int], Awaitable[EntryT]]


def set_common_field(entry: Service | Series, field: str, text: str) -> None:
    """Parse and validate one typed title/description/duration into a service or series."""
    if field == "title":
        entry.title = validate_title(text)
    elif field == "description":
        entry.description = validate_description(text)
    elif field == "duration":
        entry.duration_minutes = parse_duration_minutes(text)
    else:
        raise InvalidInput("field", "field_not_editable", value=field[:32])


async def add_entry(uow: UnitOfWork, kind: EntryKind[EntryT], entry: EntryT) -> EntryT:
    """Store an already validated new entry in its coach's catalog."""
    async with uow:
        await require_coach(uow, entry.coach_id)
        entry = await kind.stored(uow).add(entry)
        await uow.commit()
    return entry


async def list_entries(
    uow: UnitOfWork, kind: EntryKind[EntryT], coach_id: int, page: int, per_page: int
) -> Page[EntryT]:
    """One page of the coach's entries of this kind, hidden ones included."""
    async with uow:
        await require_coach(uow, coach_id)
        stored = kind.stored(uow)
        return await fetch_page(
            lambda: stored.count(coach_id),
            lambda offset, limit: stored.list(coach_id, offset, limit),
            page,
            per_page,
        )


async def get_entry(
    uow: UnitOfWork, kind: EntryKind[EntryT], coach_id: int, entry_id: int
) -> EntryT:
    """One of the coach's entries."""
    async with uow:
        return await kind.own(uow, coach_id, entry_id)


async def edit_entry(
    uow: UnitOfWork,
    kind: EntryKind[EntryT],
    coach_id: int,
    entry_id: int,
    change: Callable[[EntryT], Awaitable[None]],
) -> EntryT:
    """Apply `change` to one of the coach's entries and save it, in one transaction."""
    async with uow:
        entry = await kind.own(uow, coach_id, entry_id)
        await change(entry)
        await kind.stored(uow).save(entry)
        await uow.commit()
    return entry


async def set_entry_hidden(
    uow: UnitOfWork, kind: EntryKind[EntryT], coach_id: int, entry_id: int, hidden: bool
) -> EntryT:
    """Hide or show an entry; packages that contain it still book it (rule 7)."""

    async def change(entry: EntryT) -> None:
        entry.hidden = hidden

    return await edit_entry(uow, kind, coach_id, entry_id, change)


async def entry_usage(
    uow: UnitOfWork, kind: EntryKind[EntryT], coach_id: int, entry_id: int
) -> Usage:
    """How many packages and sold packages a delete would touch, and how many packages the
    entry is the only item of."""
    return (await delete_check(uow, kind, coach_id, entry_id)).usage


@dataclass(frozen=True)
class DeleteCheck(Generic[EntryT]):
    """What the coach is told before a delete: the entry and what the delete would touch."""

    entry: EntryT
    usage: Usage


async def delete_check(
    uow: UnitOfWork, kind: EntryKind[EntryT], coach_id: int, entry_id: int
) -> DeleteCheck[EntryT]:
    """The entry and its usage (see `entry_usage`), read in one transaction."""
    async with uow:
        entry = await kind.own(uow, coach_id, entry_id)
        usage = await kind.stored(uow).usage(entry_id)
        left_empty = await packages_only_of(uow, coach_id, kind.item, entry_id)
    return DeleteCheck(entry, replace(usage, packages_left_empty=len(left_empty)))


@dataclass(frozen=True)
class Deleted(Generic[EntryT]):
    """What a delete did: the entry as it was, and how many packages it left empty (hidden)."""

    entry: EntryT
    hidden_packages: int


async def delete_entry(
    uow: UnitOfWork, kind: EntryKind[EntryT], coach_id: int, entry_id: int, now: datetime
) -> Deleted[EntryT]:
    """Delete an entry: it leaves every package and sold package (rule 6). Packages it was
    the only item of are hidden, never left listed with nothing inside."""
    async with uow:
        entry = await kind.own(uow, coach_id, entry_id)
        left_empty = await packages_only_of(uow, coach_id, kind.item, entry_id)
        await kind.stored(uow).delete(entry_id, now)
        await hide_packages(uow, coach_id, left_empty)
        await uow.commit()
    return Deleted(entry, len(left_empty))


async def packages_only_of(
    uow: UnitOfWork, coach_id: int, kind: ItemKind, ref_id: int
) -> list[int]:
    """Ids of the coach's live packages whose every item is this service or series."""
    return [
        package.id
        for package in await uow.packages.list(coach_id)
        if package.id is not None
        and package.items
        and all((item.kind, item.ref_id) == (kind, ref_id) for item in package.items)
    ]


async def hide_packages(uow: UnitOfWork, coach_id: int, package_ids: list[int]) -> None:
    """Hide these packages, read again so the items a delete just withdrew stay withdrawn."""
    for package_id in package_ids:
        package = await uow.packages.get(coach_id, package_id)
        if package is not None and not package.hidden:
            package.hidden = True
            await uow.packages.save(package)
