"""Use cases of a coach's 1:1 services: create, list, edit, hide, delete."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

from domain.catalog.access import own_service, require_coach
from domain.catalog.model import ItemKind, Series, Service, Usage
from domain.catalog.rules import validate_description, validate_duration, validate_title
from domain.errors import InvalidInput
from domain.pagination import Page, fetch_page
from domain.parsing import parse_duration_minutes
from domain.ports import UnitOfWork

SERVICE_FIELDS = ("title", "description", "duration")  # what `update_service` edits


@dataclass(frozen=True)
class ServiceDraft:
    """What the coach typed, step by step; `create_service` validates it again."""

    title: str
    description: str
    duration_minutes: int
    hidden: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ServiceDraft:
        """A missing `hidden` (drafts saved before it existed) means visible."""
        return cls(
            str(data["title"]),
            str(data["description"]),
            int(data["duration_minutes"]),
            bool(data.get("hidden", False)),
        )


def set_common_field(item: Service | Series, field: str, text: str) -> None:
    """Parse and validate one typed title/description/duration into a service or series."""
    if field == "title":
        item.title = validate_title(text)
    elif field == "description":
        item.description = validate_description(text)
    elif field == "duration":
        item.duration_minutes = parse_duration_minutes(text)
    else:
        raise InvalidInput("field", f"“{field[:32]}” cannot be edited")


async def create_service(uow: UnitOfWork, coach_id: int, draft: ServiceDraft) -> Service:
    """The coach gets a new 1:1 service in their catalog."""
    service = Service(
        id=None,
        coach_id=coach_id,
        title=validate_title(draft.title),
        description=validate_description(draft.description),
        duration_minutes=validate_duration(draft.duration_minutes),
        hidden=draft.hidden,
    )
    async with uow:
        await require_coach(uow, coach_id)
        service = await uow.services.add(service)
        await uow.commit()
    return service


async def list_services(
    uow: UnitOfWork, coach_id: int, page: int = 1, per_page: int = 10
) -> Page[Service]:
    """The coach gets one page of their services, hidden ones included."""
    async with uow:
        await require_coach(uow, coach_id)
        return await fetch_page(
            lambda: uow.services.count(coach_id),
            lambda offset, limit: uow.services.list(coach_id, offset, limit),
            page,
            per_page,
        )


async def get_service(uow: UnitOfWork, coach_id: int, service_id: int) -> Service:
    """The coach gets one of their services."""
    async with uow:
        return await own_service(uow, coach_id, service_id)


async def update_service(
    uow: UnitOfWork, coach_id: int, service_id: int, field: str, text: str
) -> Service:
    """The coach changes one field (title, description or duration) of their service."""
    async with uow:
        service = await own_service(uow, coach_id, service_id)
        set_common_field(service, field, text)
        await uow.services.save(service)
        await uow.commit()
    return service


async def set_service_hidden(
    uow: UnitOfWork, coach_id: int, service_id: int, hidden: bool
) -> Service:
    """The coach hides or shows a service; packages that contain it still book it (rule 7)."""
    async with uow:
        service = await own_service(uow, coach_id, service_id)
        service.hidden = hidden
        await uow.services.save(service)
        await uow.commit()
    return service


async def service_usage(uow: UnitOfWork, coach_id: int, service_id: int) -> Usage:
    """The coach learns how many packages and sold packages a delete would touch, and how
    many packages it is the only item of."""
    async with uow:
        await own_service(uow, coach_id, service_id)
        usage = await uow.services.usage(service_id)
        left_empty = await packages_only_of(uow, coach_id, ItemKind.SERVICE, service_id)
    return replace(usage, packages_left_empty=len(left_empty))


async def delete_service(uow: UnitOfWork, coach_id: int, service_id: int, now: datetime) -> int:
    """The coach deletes a service: it leaves every package and sold package (rule 6).
    Packages it was the only item of are hidden, never left listed with nothing inside;
    returns how many."""
    async with uow:
        await own_service(uow, coach_id, service_id)
        left_empty = await packages_only_of(uow, coach_id, ItemKind.SERVICE, service_id)
        await uow.services.delete(service_id, now)
        await hide_packages(uow, coach_id, left_empty)
        await uow.commit()
    return len(left_empty)


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
