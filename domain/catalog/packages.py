"""Use cases of a coach's packages: create, edit, clone, hide, delete, list.

Sold packages are snapshots, so nothing here ever changes one (rule 3).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.catalog.access import is_live_and_owned, own_package, require_coach
from domain.catalog.drafts import PackageDraft, check_draft
from domain.catalog.model import ItemKind, Package, PackageItem
from domain.catalog.rules import clone_title, new_public_id
from domain.errors import InvalidInput
from domain.pagination import Page, fetch_page
from domain.ports import UnitOfWork


@dataclass(frozen=True)
class PackageSummary:
    """A package in the coach's list, with how many were sold."""

    package: Package
    sold: int


async def create_package(
    uow: UnitOfWork, coach_id: int, draft: PackageDraft, now: datetime
) -> Package:
    """The coach gets a new package with its own public link."""
    async with uow:
        coach = await require_coach(uow, coach_id)
        clean = check_draft(draft, coach.plan)
        items = await _own_items(uow, coach_id, clean.items)
        package = await uow.packages.add(
            _package(coach_id, clean, items, await _fresh_public_id(uow), now)
        )
        await uow.commit()
    return package


async def get_package(uow: UnitOfWork, coach_id: int, package_id: int) -> Package:
    """The coach gets one of their packages."""
    async with uow:
        return await own_package(uow, coach_id, package_id)


async def package_draft(uow: UnitOfWork, coach_id: int, package_id: int) -> PackageDraft:
    """The coach gets a draft holding the package, to change its items step by step."""
    return PackageDraft.of(await get_package(uow, coach_id, package_id))


async def update_package(
    uow: UnitOfWork, coach_id: int, package_id: int, draft: PackageDraft
) -> Package:
    """The coach replaces every field and item of a package; sold ones keep their snapshot."""
    async with uow:
        coach = await require_coach(uow, coach_id)
        package = await own_package(uow, coach_id, package_id)
        clean = check_draft(draft, coach.plan)
        package.items = await _own_items(uow, coach_id, clean.items)
        _copy_fields(clean, package)
        if draft.version is not None:  # saved only if nobody saved since the edit began
            package.version = draft.version
        await uow.packages.save(package)
        await uow.commit()
    return package


async def clone_package(uow: UnitOfWork, coach_id: int, package_id: int, now: datetime) -> Package:
    """The coach gets an independent copy of a package titled "<title> (copy)" (rule 4)."""
    async with uow:
        coach = await require_coach(uow, coach_id)
        package = await own_package(uow, coach_id, package_id)
        draft = PackageDraft.of(package)
        draft.title = clone_title(package.title)
        clean = check_draft(draft, coach.plan)
        copy = _package(coach_id, clean, clean.items, await _fresh_public_id(uow), now)
        copy = await uow.packages.add(copy)
        await uow.commit()
    return copy


async def set_package_hidden(
    uow: UnitOfWork, coach_id: int, package_id: int, hidden: bool
) -> Package:
    """The coach hides or shows a package on the booking page; its link still works (rule 5)."""
    async with uow:
        package = await own_package(uow, coach_id, package_id)
        package.hidden = hidden
        await uow.packages.save(package)
        await uow.commit()
    return package


async def delete_package(
    uow: UnitOfWork, coach_id: int, package_id: int, now: datetime
) -> Package:
    """The coach deletes a package; what was sold keeps working (rule 3). Returns the
    package as it was."""
    async with uow:
        package = await own_package(uow, coach_id, package_id)
        await uow.packages.delete(package_id, now)
        await uow.commit()
    return package


async def list_packages(
    uow: UnitOfWork, coach_id: int, page: int = 1, per_page: int = 10
) -> Page[PackageSummary]:
    """The coach gets one page of their packages, each with how many were sold."""
    async with uow:
        await require_coach(uow, coach_id)
        found = await fetch_page(
            lambda: uow.packages.count(coach_id),
            lambda offset, limit: uow.packages.list(coach_id, offset, limit),
            page,
            per_page,
        )
        sold = await uow.packages.count_sold([p.id for p in found.items if p.id is not None])
    items = [PackageSummary(p, sold.get(p.id or 0, 0)) for p in found.items]
    return Page(items=items, page=found.page, pages=found.pages, total=found.total)


def _copy_fields(draft: PackageDraft, package: Package) -> None:
    package.title = draft.title
    package.description = draft.description
    package.price_minor, package.currency = draft.price()
    package.validity_days = draft.validity_days
    package.hidden = draft.hidden


def _package(
    coach_id: int, clean: PackageDraft, items: list[PackageItem], public_id: str, now: datetime
) -> Package:
    price_minor, currency = clean.price()
    return Package(
        id=None,
        coach_id=coach_id,
        public_id=public_id,
        title=clean.title,
        description=clean.description,
        price_minor=price_minor,
        currency=currency,
        hidden=clean.hidden,
        validity_days=clean.validity_days,
        items=items,
        created_at=now,
    )


async def _own_items(
    uow: UnitOfWork, coach_id: int, items: list[PackageItem]
) -> list[PackageItem]:
    """Each item must be the coach's own live service or series; titles are refreshed."""
    return [await _own_item(uow, coach_id, item) for item in items]


async def _own_item(uow: UnitOfWork, coach_id: int, item: PackageItem) -> PackageItem:
    found = (
        await uow.services.get(coach_id, item.ref_id)
        if item.kind is ItemKind.SERVICE
        else await uow.series.get(coach_id, item.ref_id)
    )
    if found is None or not is_live_and_owned(found, coach_id):
        if item.title:
            raise InvalidInput("items", "item_gone", title=item.title)
        raise InvalidInput("items", "item_gone_untitled", kind=item.kind.value)
    return PackageItem(item.kind, item.ref_id, item.quantity, found.title)


async def _fresh_public_id(uow: UnitOfWork) -> str:
    public_id = new_public_id()
    while await uow.packages.by_public_id(public_id) is not None:  # pragma: no cover - 2**64
        public_id = new_public_id()
    return public_id
