"""What the service and series use cases share. Both are catalog entries of the same shape
(a title, a description, a duration, hidden or not) stored the same way, so creating, listing,
editing, hiding, counting usage and deleting them is written once here; `services` and
`series` keep their public use cases and say only what differs."""

from __future__ import annotations

import builtins
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime
from typing import Any, Generic, Protocol, Self, TypeVar

from domain.catalog.access import require_coach
from domain.catalog.model import ItemKind, Series, Service, Usage
from domain.catalog.rules import validate_description, validate_duration, validate_title
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


_CASTS: dict[str, Callable[[Any], Any]] = {"str": str, "int": int, "bool": bool}


@dataclass(frozen=True)
class EntryDraft:
    """What the coach typed for a new service or series, step by step, kept as plain JSON;
    its create use case validates it again. Each kind adds its own fields (str/int/bool)."""

    title: str
    description: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """Each field cast to its type. A missing field that has a default takes it: a
        missing `hidden` (drafts saved before it existed) means visible."""
        return cls(
            **{f.name: _CASTS[str(f.type)](data[f.name]) for f in fields(cls) if f.name in data}
        )


class Typed(Protocol):
    """The answers every kind's draft has."""

    @property
    def title(self) -> str: ...

    @property
    def description(self) -> str: ...

    @property
    def duration_minutes(self) -> int: ...

    @property
    def hidden(self) -> bool: ...


def validated_common(draft: Typed, **own: Callable[[], object]) -> dict[str, Any]:
    """A new entry's fields, validated in the order the coach answers them: title,
    description, the kind's own answers (`own`, each a check returning its value), duration;
    and its visibility."""
    return {
        "title": validate_title(draft.title),
        "description": validate_description(draft.description),
        **{name: check() for name, check in own.items()},
        "duration_minutes": validate_duration(draft.duration_minutes),
        "hidden": draft.hidden,
    }


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


@dataclass(frozen=True)
class DeleteCheck(Generic[EntryT]):
    """What the coach is told before a delete: the entry and what the delete would touch."""

    entry: EntryT
    usage: Usage


@dataclass(frozen=True)
class Deleted(Generic[EntryT]):
    """What a delete did: the entry as it was, and how many packages it left empty (hidden)."""

    entry: EntryT
    hidden_packages: int


@dataclass(frozen=True)
class EntryKind(Generic[EntryT]):
    """One kind of entry (its name in package items, its port, its ownership check) and the
    use cases every kind has; `services` and `series` publish them under their own names."""

    item: ItemKind
    stored: Callable[[UnitOfWork], Entries[EntryT]]
    own: Callable[[UnitOfWork, int, int], Awaitable[EntryT]]

    async def add(self, uow: UnitOfWork, entry: EntryT) -> EntryT:
        """The coach gets an already validated new entry in their catalog."""
        async with uow:
            await require_coach(uow, entry.coach_id)
            entry = await self.stored(uow).add(entry)
            await uow.commit()
        return entry

    async def page(
        self, uow: UnitOfWork, coach_id: int, page: int = 1, per_page: int = 10
    ) -> Page[EntryT]:
        """The coach gets one page of their entries of this kind, hidden ones included."""
        async with uow:
            await require_coach(uow, coach_id)
            stored = self.stored(uow)
            return await fetch_page(
                lambda: stored.count(coach_id),
                lambda offset, limit: stored.list(coach_id, offset, limit),
                page,
                per_page,
            )

    async def get(self, uow: UnitOfWork, coach_id: int, entry_id: int) -> EntryT:
        """The coach gets one of their entries."""
        async with uow:
            return await self.own(uow, coach_id, entry_id)

    async def edit(
        self,
        uow: UnitOfWork,
        coach_id: int,
        entry_id: int,
        change: Callable[[EntryT], Awaitable[None]],
    ) -> EntryT:
        """Apply `change` to one of the coach's entries and save it, in one transaction."""
        async with uow:
            entry = await self.own(uow, coach_id, entry_id)
            await change(entry)
            await self.stored(uow).save(entry)
            await uow.commit()
        return entry

    async def set_hidden(
        self, uow: UnitOfWork, coach_id: int, entry_id: int, hidden: bool
    ) -> EntryT:
        """The coach hides or shows an entry; packages that contain it still book it
        (rule 7)."""

        async def change(entry: EntryT) -> None:
            entry.hidden = hidden

        return await self.edit(uow, coach_id, entry_id, change)

    async def usage(self, uow: UnitOfWork, coach_id: int, entry_id: int) -> Usage:
        """The coach learns how many packages and sold packages a delete would touch, and
        how many packages the entry is the only item of."""
        return (await self.delete_check(uow, coach_id, entry_id)).usage

    async def delete_check(
        self, uow: UnitOfWork, coach_id: int, entry_id: int
    ) -> DeleteCheck[EntryT]:
        """The coach is asked before a delete: the entry, and what the delete would touch
        (see `usage`), read in one transaction."""
        async with uow:
            entry = await self.own(uow, coach_id, entry_id)
            usage = await self.stored(uow).usage(entry_id)
            left_empty = await packages_only_of(uow, coach_id, self.item, entry_id)
        return DeleteCheck(entry, replace(usage, packages_left_empty=len(left_empty)))

    async def delete(
        self, uow: UnitOfWork, coach_id: int, entry_id: int, now: datetime
    ) -> Deleted[EntryT]:
        """The coach deletes an entry: it leaves every package and sold package (rule 6).
        Packages it was the only item of are hidden, never left listed with nothing
        inside."""
        async with uow:
            entry = await self.own(uow, coach_id, entry_id)
            left_empty = await packages_only_of(uow, coach_id, self.item, entry_id)
            await self.stored(uow).delete(entry_id, now)
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
