"""A button press is claimed once, also when two claims race (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

from domain.presses import Press, claim_press, release_press
from persistence.uow import SqlUnitOfWork

NOW = datetime(2026, 11, 26, 5, 0, tzinfo=UTC)
PRESS = Press(chat_id=1001, message_id=7, data="pkg:clone:3")


async def test_the_second_claim_of_a_press_fails_and_a_release_frees_it(
    make_uow: Callable[[], SqlUnitOfWork],
) -> None:
    assert await claim_press(make_uow(), PRESS, NOW)
    assert not await claim_press(make_uow(), PRESS, NOW)
    assert await claim_press(make_uow(), Press(1001, 8, PRESS.data), NOW)  # another message
    await release_press(make_uow(), PRESS)
    assert await claim_press(make_uow(), PRESS, NOW)


async def test_two_claims_racing_for_one_press_let_exactly_one_through(
    make_uow: Callable[[], SqlUnitOfWork],
) -> None:
    for message_id in range(20, 30):
        press = Press(1001, message_id, "svc:delok:1")
        results = await asyncio.gather(*(claim_press(make_uow(), press, NOW) for _ in range(2)))
        assert sorted(results) == [False, True]
