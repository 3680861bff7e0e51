"""The coach's catalog at a glance: counts for the home screen, choices for a package."""

from __future__ import annotations

from dataclasses import dataclass

from domain.catalog.access import require_coach
from domain.catalog.model import ItemKind
from domain.ports import UnitOfWork


@dataclass(frozen=True)
class CatalogCounts:
    services: int
    series: int
    packages: int


@dataclass(frozen=True)
class ItemChoice:
    """A service or series the coach can put into a package."""

    kind: ItemKind
    ref_id: int
    title: str
    hidden: bool


async def catalog_counts(uow: UnitOfWork, coach_id: int) -> CatalogCounts:
    """The coach gets how many services, series and packages they have."""
    async with uow:
        await require_coach(uow, coach_id)
        return CatalogCounts(
            services=await uow.services.count(coach_id),
            series=await uow.series.count(coach_id),
            packages=await uow.packages.count(coach_id),
        )


async def choices_for_items(uow: UnitOfWork, coach_id: int) -> list[ItemChoice]:
    """The coach gets every service, then every series, they can add to a package; hidden
    ones too, since packages still book them (rule 7)."""
    async with uow:
        await require_coach(uow, coach_id)
        services = await uow.services.list(coach_id)
        series = await uow.series.list(coach_id)
    return [
        *(
            ItemChoice(ItemKind.SERVICE, s.id, s.title, s.hidden)
            for s in services
            if s.id is not None
        ),
        *(
            ItemChoice(ItemKind.SERIES, s.id, s.title, s.hidden)
            for s in series
            if s.id is not None
        ),
    ]
