"""Use cases of a coach's 1:1 services: create, list, edit, hide, delete. What a service
shares with a series is written once in `entries`."""

from __future__ import annotations

from dataclasses import dataclass

from domain.catalog.access import own_service
from domain.catalog.entries import EntryDraft, EntryKind, set_common_field, validated_common
from domain.catalog.model import ItemKind, Service
from domain.ports import UnitOfWork

SERVICES: EntryKind[Service] = EntryKind(ItemKind.SERVICE, lambda uow: uow.services, own_service)


@dataclass(frozen=True)
class ServiceDraft(EntryDraft):
    """What the coach typed, step by step; `create_service` validates it again."""

    duration_minutes: int
    hidden: bool = False


async def create_service(uow: UnitOfWork, coach_id: int, draft: ServiceDraft) -> Service:
    """The coach gets a new 1:1 service in their catalog."""
    return await SERVICES.add(uow, Service(id=None, coach_id=coach_id, **validated_common(draft)))


async def update_service(
    uow: UnitOfWork, coach_id: int, service_id: int, field: str, text: str
) -> Service:
    """The coach changes one field (title, description or duration) of their service."""

    async def change(service: Service) -> None:
        set_common_field(service, field, text)

    return await SERVICES.edit(uow, coach_id, service_id, change)
