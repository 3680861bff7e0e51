"""Storage ports of the catalog. Every read is scoped to the owning coach, except
`Packages.by_public_id` (deep links) which any user may follow.

Soft-deleted rows are invisible to every method here.
"""

from __future__ import annotations

import builtins
from datetime import datetime
from typing import Protocol

from domain.catalog.model import Occurrence, Package, Series, Service, Usage


class Services(Protocol):
    async def add(self, service: Service) -> Service: ...

    async def get(self, coach_id: int, service_id: int) -> Service | None: ...

    async def list(
        self, coach_id: int, offset: int = 0, limit: int | None = None
    ) -> builtins.list[Service]: ...

    async def count(self, coach_id: int) -> int: ...

    async def save(self, service: Service) -> None: ...

    async def usage(self, service_id: int) -> Usage: ...

    async def delete(self, service_id: int, now: datetime) -> None:
        """Soft-delete; drop it from every package's items and every sold package's
        bookable entitlements (booked sessions stay booked)."""
        ...


class SeriesCatalog(Protocol):
    async def add(self, series: Series) -> Series: ...

    async def get(self, coach_id: int, series_id: int) -> Series | None: ...

    async def list(
        self, coach_id: int, offset: int = 0, limit: int | None = None
    ) -> builtins.list[Series]: ...

    async def count(self, coach_id: int) -> int: ...

    async def save(self, series: Series) -> None: ...

    async def usage(self, series_id: int) -> Usage: ...

    async def delete(self, series_id: int, now: datetime) -> None:
        """Like `Services.delete`, for a series."""
        ...

    async def add_occurrences(
        self, series_id: int, starts: builtins.list[datetime]
    ) -> builtins.list[Occurrence]: ...

    async def occurrences(self, series_id: int) -> builtins.list[Occurrence]:
        """All occurrences in start order, with `seats_taken` counted from bookings."""
        ...

    async def remove_occurrence(self, series_id: int, occurrence_id: int) -> None: ...

    async def change_capacity(self, series_id: int, capacity: int, now: datetime) -> None:
        """Set the capacity of the series and of its meetings after `now`. Raises InvalidInput
        if one of them has more seats taken, even when the seat was taken a moment ago by a
        concurrent booking (the database checks seats against capacity on each meeting)."""
        ...


class Packages(Protocol):
    async def add(self, package: Package) -> Package: ...

    async def get(self, coach_id: int, package_id: int) -> Package | None: ...

    async def by_public_id(self, public_id: str) -> Package | None: ...

    async def list(
        self, coach_id: int, offset: int = 0, limit: int | None = None
    ) -> builtins.list[Package]: ...

    async def list_visible(self, coach_id: int) -> builtins.list[Package]: ...

    async def count(self, coach_id: int) -> int: ...

    async def save(self, package: Package) -> None:
        """Overwrite fields and replace the items, if the stored version is still
        `package.version` (then bump it); else ChangedMeanwhile, also when the other save
        runs concurrently."""
        ...

    async def delete(self, package_id: int, now: datetime) -> None: ...

    async def count_sold(self, package_ids: builtins.list[int]) -> dict[int, int]: ...
