"""The sold package's status has one rule: the SQL expression every query filters by
(`status_at`) gives, for every package and moment, what the domain's `SoldPackage.status`
gives for the same package as the one mapper loads it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.selling.model import SoldStatus
from persistence.db import session_factory
from persistence.models import EntitlementRow, SoldPackageRow
from persistence.repositories.sold import status_at
from tests.integration.catalog_seed import NOW, MakeUow
from tests.integration.test_selling_repositories import _add, _package, _sold, seeded

__all__ = ["seeded"]  # the autouse fixture that seeds coaches and the client


async def _set_items(engine: AsyncEngine, sold_id: int, **values: object) -> None:
    async with session_factory(engine)() as session:
        await session.execute(
            update(EntitlementRow)
            .where(EntitlementRow.sold_package_id == sold_id)
            .values(**values)
        )
        await session.commit()


async def test_sql_status_and_domain_status_agree_for_every_package_and_moment(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    package = await _package(make_uow)
    expiry = NOW + timedelta(days=2)
    ids = {}
    for name, expires_at in (
        ("open_ended", None), ("expiring", expiry), ("used_up", expiry), ("removed", expiry),
        ("used_up_open_ended", None), ("expired", NOW - timedelta(days=1)),
        ("refunded", expiry), ("paused", NOW - timedelta(days=1)),
    ):  # fmt: skip
        stored = await _add(make_uow, _sold(package, expires_at=expires_at))
        assert stored is not None and stored.id is not None
        ids[name] = stored.id
    await _set_items(engine, ids["used_up"], used=EntitlementRow.quantity)
    await _set_items(engine, ids["used_up_open_ended"], used=EntitlementRow.quantity)
    await _set_items(engine, ids["removed"], removed_at=NOW)
    async with session_factory(engine)() as session:
        for name, values in (
            ("refunded", {"refunded_at": NOW + timedelta(days=1)}),
            ("paused", {"paused_at": NOW - timedelta(days=2)}),
        ):
            stmt = update(SoldPackageRow).where(SoldPackageRow.id == ids[name]).values(**values)
            await session.execute(stmt)
        await session.commit()
    moments = (NOW, expiry - timedelta(seconds=1), expiry, expiry + timedelta(days=1))
    seen = set()
    for at in moments:
        async with session_factory(engine)() as session:
            stmt = select(SoldPackageRow.id, status_at(at))
            in_sql = {sold_id: SoldStatus(value) for sold_id, value in await session.execute(stmt)}
        async with make_uow() as uow:
            in_domain = {i: (await uow.sold.get(i)).status(at) for i in ids.values()}  # type: ignore[union-attr]
        assert in_sql == in_domain
        seen |= set(in_sql.values())
    assert seen == set(SoldStatus)
    assert in_domain[ids["used_up"]] is SoldStatus.EXPIRED  # expired wins over used up
    assert in_domain[ids["paused"]] is SoldStatus.PAUSED  # a paused clock: not expired
    assert in_domain[ids["refunded"]] is SoldStatus.REFUNDED
