"""A coach's 1:1 services."""

from __future__ import annotations

import builtins
from datetime import datetime

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.catalog.model import ItemKind, Service, Usage
from persistence.models import ServiceRow
from persistence.repositories.catalog import usage_of, withdraw_everywhere


def _service(row: ServiceRow) -> Service:
    return Service(
        id=row.id,
        coach_id=row.coach_id,
        title=row.title,
        description=row.description,
        duration_minutes=row.duration_minutes,
        hidden=row.hidden,
        deleted_at=row.deleted_at,
    )


def _owned(coach_id: int) -> tuple[ColumnElement[bool], ...]:
    return ServiceRow.coach_id == coach_id, ServiceRow.deleted_at.is_(None)


class SqlServices:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _row(self, coach_id: int, service_id: int | None) -> ServiceRow | None:
        stmt = select(ServiceRow).where(*_owned(coach_id), ServiceRow.id == service_id)
        return await self._session.scalar(stmt)

    async def add(self, service: Service) -> Service:
        row = ServiceRow(
            coach_id=service.coach_id,
            title=service.title,
            description=service.description,
            duration_minutes=service.duration_minutes,
            hidden=service.hidden,
        )
        self._session.add(row)
        await self._session.flush()
        return _service(row)

    async def get(self, coach_id: int, service_id: int) -> Service | None:
        row = await self._row(coach_id, service_id)
        return _service(row) if row else None

    async def list(
        self, coach_id: int, offset: int = 0, limit: int | None = None
    ) -> builtins.list[Service]:
        stmt = (
            select(ServiceRow)
            .where(*_owned(coach_id))
            .order_by(ServiceRow.id)
            .offset(offset)
            .limit(limit)
        )
        return [_service(row) for row in await self._session.scalars(stmt)]

    async def count(self, coach_id: int) -> int:
        stmt = select(func.count(ServiceRow.id)).where(*_owned(coach_id))
        return await self._session.scalar(stmt) or 0

    async def save(self, service: Service) -> None:
        """Overwrite the editable fields; LookupError if it is gone or not the coach's."""
        row = await self._row(service.coach_id, service.id)
        if row is None:
            raise LookupError(f"service {service.id} does not exist")
        row.title = service.title
        row.description = service.description
        row.duration_minutes = service.duration_minutes
        row.hidden = service.hidden
        await self._session.flush()

    async def usage(self, service_id: int) -> Usage:
        return await usage_of(self._session, ItemKind.SERVICE, service_id)

    async def delete(self, service_id: int, now: datetime) -> None:
        await self._session.execute(
            update(ServiceRow)
            .where(ServiceRow.id == service_id, ServiceRow.deleted_at.is_(None))
            .values(deleted_at=now)
        )
        await withdraw_everywhere(self._session, ItemKind.SERVICE, service_id, now)
