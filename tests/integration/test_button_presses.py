"""A button press is claimed once, also when two claims race (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

from domain.model import User
from domain.presses import (
    Acting,
    Press,
    PressedBefore,
    claim_press,
    pending,
    release_press,
    was_pressed,
)
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


async def _act(make_uow: Callable[[], SqlUnitOfWork], press: Press, user_id: int) -> str:
    """An action (a new user) run as a once route runs it: its press pending while it runs."""
    token = pending.set(Acting(press, NOW))
    try:
        async with make_uow() as uow:
            await uow.users.add(User(user_id, f"u{user_id}"))
            await uow.commit()
        return "acted"
    except PressedBefore:
        return "pressed before"
    finally:
        pending.reset(token)


async def _users(make_uow: Callable[[], SqlUnitOfWork], ids: range) -> list[int]:
    async with make_uow() as uow:
        return [i for i in ids if await uow.users.get(i) is not None]


async def test_the_press_is_claimed_in_the_transaction_of_its_action(
    make_uow: Callable[[], SqlUnitOfWork],
) -> None:
    press = Press(1001, 40, "pkg:clone:3")
    token = pending.set(Acting(press, NOW))
    try:
        async with make_uow() as uow:  # the action fails before it commits: nothing claimed
            await uow.users.add(User(5001, "Dan"))
    finally:
        pending.reset(token)
    assert not await was_pressed(make_uow(), press, NOW)
    assert await _act(make_uow, press, 5002) == "acted"
    assert await was_pressed(make_uow(), press, NOW)
    assert await _users(make_uow, range(5001, 5003)) == [5002]


async def test_two_presses_acting_at_once_commit_one_action(
    make_uow: Callable[[], SqlUnitOfWork],
) -> None:
    for message_id in range(50, 56):
        press = Press(1001, message_id, "ser:rmok:1")
        first, second = 6000 + 2 * message_id, 6001 + 2 * message_id
        outcomes = await asyncio.gather(
            _act(make_uow, press, first), _act(make_uow, press, second)
        )
        assert sorted(outcomes) == ["acted", "pressed before"]
        assert len(await _users(make_uow, range(first, second + 1))) == 1
