"""Use cases of a coach's 1:1 services: create, list, edit, hide, delete. What a service
shares with a series is written once in `entries`."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from domain.catalog.access import own_service
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
from domain.catalog.model import ItemKind, Service, Usage
from domain.catalog.rules import validate_description, validate_duration, validate_title
from domain.pagination import Page
from domain.ports import UnitOfWork

SERVICES: EntryKind[Service] = EntryKind(ItemKind.SERVICE, lambda uow: uow.services, own_service)


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
    return await add_entry(uow, SERVICES, service)


async def list_services(
    uow: UnitOfWork, coach_id: int, page: int = 1, per_page: int = 10
) -> Page[Service]:
    """The coach gets one page of their services, hidden ones included."""
    return await list_entries(uow, SERVICES, coach_id, page, per_page)


async def get_service(uow: UnitOfWork, coach_id: int, service_id: int) -> Service:
    """The coach gets one of their services."""
    return await get_entry(uow, SERVICES, coach_id, service_id)


async def update_service(
    uow: UnitOfWork, coach_id: int, service_id: int, field: str, text: str
) -> Service:
    """The coach changes one field (title, description or duration) of their service."""

    async def change(service: Service) -> None:
        set_common_field(service, field, text)

    return await edit_entry(uow, SERVICES, coach_id, service_id, change)


async def set_service_hidden(
    uow: UnitOfWork, coach_id: int, service_id: int, hidden: bool
) -> Service:
    """The coach hides or shows a service; packages that contain it still book it (rule 7)."""
    return await set_entry_hidden(uow, SERVICES, coach_id, service_id, hidden)


async def service_usage(uow: UnitOfWork, coach_id: int, service_id: int) -> Usage:
    """The coach learns how many packages and sold packages a delete would touch, and how
    many packages it is the only item of."""
    return await entry_usage(uow, SERVICES, coach_id, service_id)


async def service_delete_check(
    uow: UnitOfWork, coach_id: int, service_id: int
) -> DeleteCheck[Service]:
    """The coach is asked before a delete: the service, and what the delete would touch."""
    return await delete_check(uow, SERVICES, coach_id, service_id)


async def delete_service(
    uow: UnitOfWork, coach_id: int, service_id: int, now: datetime
) -> Deleted[Service]:
    """The coach deletes a service: it leaves every package and sold package (rule 6).
    Packages it was the only item of are hidden, never left listed with nothing inside."""
    return await delete_entry(uow, SERVICES, coach_id, service_id, now)
