"""In-memory fakes of the domain ports, for unit tests of use cases (no I/O)."""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from types import TracebackType
from typing import Generic, Self, TypeVar

from domain.catalog.model import ItemKind, Occurrence, Package, Series, Service, Usage
from domain.errors import ChangedMeanwhile, InvalidInput
from domain.model import DEFAULT_LANGUAGE, Coach, Plan, User
from tests.unit.selling_fakes import FakePaymentIssues, FakePendingPurchases, FakeSoldPackages


class FakeUsers:
    def __init__(self) -> None:
        self.rows: dict[int, User] = {}

    async def get(self, telegram_id: int) -> User | None:
        return copy.deepcopy(self.rows.get(telegram_id))

    async def add(self, user: User) -> None:
        assert user.telegram_id not in self.rows
        self.rows[user.telegram_id] = copy.deepcopy(user)

    async def save(self, user: User) -> None:
        known = self.rows.get(user.telegram_id)
        saved = copy.deepcopy(user)
        if saved.language is None and known is not None:
            saved.language = known.language
        self.rows[user.telegram_id] = saved

    async def languages(self, ids: Iterable[int]) -> dict[int, str]:
        rows = self.rows
        return {i: (rows[i].language if i in rows else None) or DEFAULT_LANGUAGE for i in ids}

    async def set_language(self, user_id: int, language: str) -> None:
        user = self.rows.setdefault(user_id, User(telegram_id=user_id, first_name=""))
        user.language = language


class FakeCoaches:
    def __init__(self, users: FakeUsers) -> None:
        self.rows: dict[int, Coach] = {}
        self._users = users

    async def get(self, user_id: int) -> Coach | None:
        return copy.deepcopy(self.rows.get(user_id))

    async def by_slug(self, slug: str) -> Coach | None:
        found = [c for c in self.rows.values() if c.slug == slug]
        return copy.deepcopy(found[0]) if found else None

    async def add(self, coach: Coach) -> None:
        self.rows[coach.user_id] = copy.deepcopy(coach)

    async def save(self, coach: Coach) -> None:
        self.rows[coach.user_id] = copy.deepcopy(coach)

    async def all_user_ids(self) -> list[int]:
        return sorted(self.rows)


Ref = tuple[ItemKind, int]


@dataclass
class FakeSale:
    """Stand-in for a sold package: which package it came from and what it can still book."""

    package_id: int
    refs: set[Ref] = field(default_factory=set)


class FakeSales:
    """Sold packages, only as far as the catalog ports see them (count_sold, usage, delete)."""

    def __init__(self) -> None:
        self.rows: dict[int, FakeSale] = {}
        self._ids = itertools.count(1)

    def sell(self, package: Package) -> int:
        """Test helper: record one purchase of `package` as it is now."""
        assert package.id is not None
        sale_id = next(self._ids)
        self.rows[sale_id] = FakeSale(package.id, {(i.kind, i.ref_id) for i in package.items})
        return sale_id

    def including(self, ref: Ref) -> int:
        return sum(ref in sale.refs for sale in self.rows.values())

    def withdraw(self, ref: Ref) -> None:
        for sale in self.rows.values():
            sale.refs.discard(ref)


class FakePackages:
    def __init__(self, sales: FakeSales) -> None:
        self.rows: dict[int, Package] = {}
        self._sales = sales
        self._ids = itertools.count(1)
        self.catalog: dict[ItemKind, _FakeCatalogRepo[Service] | _FakeCatalogRepo[Series]] = {}

    def _out(self, package: Package) -> Package:
        """Item titles come from the catalog, as a join would give them."""
        items = [replace(i, title=self._title(i.kind, i.ref_id, i.title)) for i in package.items]
        return replace(copy.deepcopy(package), items=items)

    def _title(self, kind: ItemKind, ref_id: int, default: str) -> str:
        found = self.catalog[kind].rows.get(ref_id) if kind in self.catalog else None
        return found.title if found is not None else default

    def _live(self, coach_id: int | None = None) -> list[Package]:
        return [
            p
            for _, p in sorted(self.rows.items())
            if p.deleted_at is None and coach_id in (None, p.coach_id)
        ]

    async def add(self, package: Package) -> Package:
        stored = replace(copy.deepcopy(package), id=next(self._ids))
        assert all(p.public_id != stored.public_id for p in self.rows.values())
        self.rows[stored.id] = stored  # type: ignore[index]
        return self._out(stored)

    async def get(self, coach_id: int, package_id: int) -> Package | None:
        found = [p for p in self._live(coach_id) if p.id == package_id]
        return self._out(found[0]) if found else None

    async def by_public_id(self, public_id: str) -> Package | None:
        found = [p for p in self._live() if p.public_id == public_id]
        return self._out(found[0]) if found else None

    async def list(
        self, coach_id: int, offset: int = 0, limit: int | None = None
    ) -> list[Package]:
        live = self._live(coach_id)
        end = None if limit is None else offset + limit
        return [self._out(p) for p in live[offset:end]]

    async def list_visible(self, coach_id: int) -> list[Package]:
        return [self._out(p) for p in self._live(coach_id) if not p.hidden]

    async def count(self, coach_id: int) -> int:
        return len(self._live(coach_id))

    async def save(self, package: Package) -> None:
        stored = self.rows.get(package.id or 0)
        if stored is None or stored.deleted_at is not None or stored.coach_id != package.coach_id:
            raise LookupError(f"package {package.id} does not exist")
        if stored.version != package.version:
            raise ChangedMeanwhile()
        package.version += 1
        self.rows[stored.id] = replace(  # type: ignore[index]
            copy.deepcopy(package), public_id=stored.public_id, created_at=stored.created_at
        )

    async def delete(self, package_id: int, now: datetime) -> None:
        self.rows[package_id].deleted_at = now

    async def count_sold(self, package_ids: list[int]) -> dict[int, int]:
        counts = dict.fromkeys(package_ids, 0)
        for sale in self._sales.rows.values():
            if sale.package_id in counts:
                counts[sale.package_id] += 1
        return counts

    def including(self, ref: Ref) -> int:
        return sum(any((i.kind, i.ref_id) == ref for i in p.items) for p in self._live())

    def withdraw(self, ref: Ref) -> None:
        """Rule 6: a deleted service or series leaves every package, deleted ones too."""
        for package in self.rows.values():
            package.items = [i for i in package.items if (i.kind, i.ref_id) != ref]


T = TypeVar("T", Service, Series)


class _FakeCatalogRepo(Generic[T]):
    kind: ItemKind

    def __init__(self, packages: FakePackages, sales: FakeSales) -> None:
        self.rows: dict[int, T] = {}
        self._packages = packages
        self._sales = sales
        self._ids = itertools.count(1)

    def _live(self, coach_id: int) -> list[T]:
        return [
            r
            for _, r in sorted(self.rows.items())
            if r.coach_id == coach_id and r.deleted_at is None
        ]

    async def add(self, item: T) -> T:
        stored = replace(copy.deepcopy(item), id=next(self._ids))
        self.rows[stored.id] = stored  # type: ignore[index]
        return copy.deepcopy(stored)

    async def get(self, coach_id: int, item_id: int) -> T | None:
        found = [r for r in self._live(coach_id) if r.id == item_id]
        return copy.deepcopy(found[0]) if found else None

    async def list(self, coach_id: int, offset: int = 0, limit: int | None = None) -> list[T]:
        end = None if limit is None else offset + limit
        return copy.deepcopy(self._live(coach_id)[offset:end])

    async def count(self, coach_id: int) -> int:
        return len(self._live(coach_id))

    async def save(self, item: T) -> None:
        stored = self.rows.get(item.id or 0)
        if stored is None or stored.deleted_at is not None or stored.coach_id != item.coach_id:
            raise LookupError(f"{self.kind} {item.id} does not exist")
        self.rows[stored.id] = copy.deepcopy(item)  # type: ignore[index]

    async def usage(self, item_id: int) -> Usage:
        ref = (self.kind, item_id)
        return Usage(
            packages=self._packages.including(ref), sold_packages=self._sales.including(ref)
        )

    async def delete(self, item_id: int, now: datetime) -> None:
        self.rows[item_id].deleted_at = now
        self._packages.withdraw((self.kind, item_id))
        self._sales.withdraw((self.kind, item_id))


class FakeServices(_FakeCatalogRepo[Service]):
    kind = ItemKind.SERVICE


class FakeOccurrences:
    """The occurrence table; a repo of its own so the unit of work rolls it back too."""

    def __init__(self) -> None:
        self.rows: dict[int, Occurrence] = {}
        self._ids = itertools.count(1)

    def add(self, series_id: int, starts_at: datetime) -> Occurrence:
        occurrence = Occurrence(next(self._ids), series_id, starts_at)
        self.rows[occurrence.id] = occurrence  # type: ignore[index]
        return copy.deepcopy(occurrence)


class FakeSeriesCatalog(_FakeCatalogRepo[Series]):
    kind = ItemKind.SERIES

    def __init__(self, packages: FakePackages, sales: FakeSales, table: FakeOccurrences) -> None:
        super().__init__(packages, sales)
        self._table = table

    async def add_occurrences(self, series_id: int, starts: list[datetime]) -> list[Occurrence]:
        """Like the real one: starts already there are skipped; only new ones come back."""
        assert all(start.tzinfo is not None for start in starts)
        taken = {o.starts_at for o in await self.occurrences(series_id)}
        return [self._table.add(series_id, s) for s in sorted(set(starts) - taken)]

    async def occurrences(self, series_id: int) -> list[Occurrence]:
        found = [o for o in self._table.rows.values() if o.series_id == series_id]
        return copy.deepcopy(sorted(found, key=lambda o: (o.starts_at, o.id)))

    async def change_capacity(self, series_id: int, capacity: int, now: datetime) -> None:
        """Like the real one's constraint: no upcoming meeting over the new capacity."""
        upcoming = [o for o in await self.occurrences(series_id) if o.starts_at > now]
        if any(o.seats_taken > capacity for o in upcoming):
            raise InvalidInput("capacity", "an upcoming meeting already has more clients")

    async def remove_occurrence(self, series_id: int, occurrence_id: int) -> None:
        occurrence = self._table.rows.get(occurrence_id)
        if occurrence is not None and occurrence.series_id == series_id:
            del self._table.rows[occurrence_id]


class FakeUnitOfWork:
    """Shared state like a database; leaving a block rolls back to the last commit.

    Every attribute with a `rows` dict is a repository and takes part in the rollback.
    """

    def __init__(self) -> None:
        self.users = FakeUsers()
        self.coaches = FakeCoaches(self.users)
        self.sales = FakeSales()
        self.occurrences = FakeOccurrences()
        self.packages = FakePackages(self.sales)
        self.services = FakeServices(self.packages, self.sales)
        self.series = FakeSeriesCatalog(self.packages, self.sales, self.occurrences)
        self.packages.catalog = {ItemKind.SERVICE: self.services, ItemKind.SERIES: self.series}
        self.sold = FakeSoldPackages(self.users)
        self.pending = FakePendingPurchases()
        self.payment_issues = FakePaymentIssues()
        self.commits = 0
        self.transactions = 0  # blocks entered: one use case, one transaction
        self._snapshot: dict[str, object] = {}

    def _repos(self) -> dict[str, object]:
        return {name: repo for name, repo in vars(self).items() if hasattr(repo, "rows")}

    async def __aenter__(self) -> Self:
        self.transactions += 1
        self._snapshot = {name: copy.deepcopy(repo.rows) for name, repo in self._repos().items()}
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for name, repo in self._repos().items():
            repo.rows = copy.deepcopy(self._snapshot[name])  # type: ignore[attr-defined]

    async def commit(self) -> None:
        self.commits += 1
        self._snapshot = {name: copy.deepcopy(repo.rows) for name, repo in self._repos().items()}


def seed_coach(
    uow: FakeUnitOfWork, user_id: int, plan: Plan = Plan.FREE, timezone: str = "Europe/Berlin"
) -> Coach:
    """Test helper: a committed coach (and their user), as if they had run /becomecoach."""
    coach = Coach(
        user_id=user_id,
        slug=f"coach-{user_id}",
        plan=plan,
        display_name=f"Coach {user_id}",
        timezone=timezone,
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    uow.users.rows[user_id] = User(user_id, coach.display_name, timezone)
    uow.coaches.rows[user_id] = copy.deepcopy(coach)
    return coach
