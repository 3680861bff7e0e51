"""Who may touch what (rule 13), inside an open unit of work.

Someone else's id and a missing id raise the same NotFound, so ids leak nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, TypeVar

from domain.catalog.model import Package, Series, Service
from domain.errors import NotACoach, NotFound
from domain.model import Coach
from domain.ports import UnitOfWork


class _Owned(Protocol):
    @property
    def coach_id(self) -> int: ...

    @property
    def deleted_at(self) -> datetime | None: ...


OwnedT = TypeVar("OwnedT", bound=_Owned)


def is_live_and_owned(item: _Owned | None, coach_id: int) -> bool:
    """Repositories already scope by coach and hide deleted rows; this is the belt to that."""
    return item is not None and item.coach_id == coach_id and item.deleted_at is None


async def require_coach(uow: UnitOfWork, coach_id: int) -> Coach:
    coach = await uow.coaches.get(coach_id)
    if coach is None:
        raise NotACoach()
    return coach


async def own_service(uow: UnitOfWork, coach_id: int, service_id: int) -> Service:
    await require_coach(uow, coach_id)
    return _owned(await uow.services.get(coach_id, service_id), coach_id)


async def own_series(uow: UnitOfWork, coach_id: int, series_id: int) -> Series:
    await require_coach(uow, coach_id)
    return _owned(await uow.series.get(coach_id, series_id), coach_id)


async def own_package(uow: UnitOfWork, coach_id: int, package_id: int) -> Package:
    await require_coach(uow, coach_id)
    return _owned(await uow.packages.get(coach_id, package_id), coach_id)


def _owned(item: OwnedT | None, coach_id: int) -> OwnedT:
    if item is None or not is_live_and_owned(item, coach_id):
        raise NotFound()
    return item
