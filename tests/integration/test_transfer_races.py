"""A transfer pressed twice at once (two confirmations of one question) issues one new
link; the old one is dead and nobody holds the package. SQLite and PostgreSQL alike."""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncEngine

from domain.selling.transfers import transfer_package
from tests.integration.booking_seed import NOW
from tests.integration.catalog_seed import ANNA, MakeUow
from tests.integration.test_refund_races import CLEO, _paid


async def test_two_transfers_at_once_issue_one_new_link(
    make_uow: MakeUow, engine: AsyncEngine
) -> None:
    _, sold = await _paid(make_uow, engine)
    fingerprint = sold.token[:8]
    results = await asyncio.gather(
        transfer_package(make_uow(), ANNA, sold.id, fingerprint, NOW),
        transfer_package(make_uow(), ANNA, sold.id, fingerprint, NOW),
    )
    assert sorted(r.changed for r in results) == [False, True]
    async with make_uow() as uow:
        assert await uow.sold.by_token(sold.token) is None
        stored = await uow.sold.get(sold.id)
        assert stored is not None and stored.client_id is None
        assert await uow.sold.holders(sold.id) == []
        kinds = [e.kind.value for e in await uow.sold.events(sold.id)]
    assert kinds.count("transferred") == 1
    assert [r.tell for r in results if r.changed][0][0].user_id == CLEO
