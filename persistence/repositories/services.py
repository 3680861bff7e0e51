"""A coach's 1:1 services."""

from __future__ import annotations

from domain.catalog.model import ItemKind, Service
from persistence.models import ServiceRow
from persistence.repositories.catalog import SqlEntries


class SqlServices(SqlEntries[ServiceRow, Service]):
    row_type = ServiceRow
    entry_type = Service
    kind = ItemKind.SERVICE
    fields = ("title", "description", "duration_minutes", "hidden")
