"""The priority rate limiter: the same overall rate, answered chats first during a burst."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

import pytest
from telegram.error import BadRequest

from bot.kit.rate_limit import ANSWERED, FIRST_CONTACT, Bulk, PriorityGate, PriorityRateLimiter


async def test_a_waiting_answered_chat_passes_before_earlier_first_contacts() -> None:
    gate = PriorityGate(rate=20)
    for _ in range(20):  # the burst allowance is used up at once
        await gate.acquire(FIRST_CONTACT)
    passed: list[str] = []

    async def wait(name: str, priority: int) -> None:
        await gate.acquire(priority)
        passed.append(name)

    newcomers = [asyncio.create_task(wait(f"new{i}", FIRST_CONTACT)) for i in range(5)]
    await asyncio.sleep(0)
    second_step = asyncio.create_task(wait("second step", ANSWERED))
    await asyncio.gather(*newcomers, second_step)
    assert passed[0] == "second step"
    assert passed[1:] == [f"new{i}" for i in range(5)]


async def test_the_gate_keeps_the_overall_rate() -> None:
    gate = PriorityGate(rate=50)
    loop = asyncio.get_running_loop()
    started = loop.time()
    await asyncio.gather(*(gate.acquire(FIRST_CONTACT) for _ in range(75)))
    # 50 pass at once, the next 25 at 50 per second
    assert loop.time() - started >= 0.45


async def test_a_cancelled_waiter_takes_no_capacity() -> None:
    gate = PriorityGate(rate=10)
    for _ in range(10):
        await gate.acquire(FIRST_CONTACT)
    cancelled = asyncio.create_task(gate.acquire(FIRST_CONTACT))
    await asyncio.sleep(0)
    cancelled.cancel()
    loop = asyncio.get_running_loop()
    started = loop.time()
    await gate.acquire(FIRST_CONTACT)
    await gate.acquire(FIRST_CONTACT)
    assert loop.time() - started < 0.35  # two tokens' time (0.2 s), not three


async def test_chats_become_answered_once_a_message_reached_them() -> None:
    limiter = PriorityRateLimiter(overall_max_rate=30)
    await limiter.initialize()

    async def send(**_: object) -> bool:
        return True

    assert limiter.priority(42) == FIRST_CONTACT
    await limiter.process_request(send, (), {}, "sendMessage", {"chat_id": 42}, None)
    assert limiter.priority(42) == ANSWERED
    assert limiter.priority(43) == FIRST_CONTACT
    await limiter.shutdown()


async def test_bulk_messages_wait_behind_replies_and_first_contacts() -> None:
    limiter = PriorityRateLimiter(overall_max_rate=5)
    await limiter.initialize()
    passed: list[str] = []

    async def send(name: str) -> bool:
        passed.append(name)
        return True

    async def request(name: str, chat_id: int, bulk: bool) -> None:
        args = Bulk(3) if bulk else None
        await limiter.process_request(send, (name,), {}, "sendMessage", {"chat_id": chat_id}, args)

    await request("earlier", 7, bulk=False)  # chat 7 has been answered before
    reminders = [asyncio.create_task(request(f"reminder{i}", 100 + i, True)) for i in range(8)]
    await asyncio.sleep(0)
    replies = [
        asyncio.create_task(request("reply", 7, False)),
        asyncio.create_task(request("first answer", 8, False)),
    ]
    await asyncio.gather(*reminders, *replies)
    # 5 pass at once (the burst: "earlier" and four reminders); then the replies go first
    assert passed[:5] == ["earlier", "reminder0", "reminder1", "reminder2", "reminder3"]
    assert passed[5:7] == ["reply", "first answer"]
    assert passed[7:] == [f"reminder{i}" for i in range(4, 8)]
    await limiter.shutdown()


async def test_a_press_answered_before_is_no_error_other_refusals_are() -> None:
    limiter = PriorityRateLimiter()
    await limiter.initialize()

    def refusing(message: str) -> Callable[[], Coroutine[Any, Any, bool]]:
        async def answer() -> bool:
            raise BadRequest(message)

        return answer

    too_old = "Query is too old and response timeout expired or query id is invalid"
    data = {"callback_query_id": "1"}
    assert await limiter.process_request(
        refusing(too_old), (), {}, "answerCallbackQuery", data, None
    )
    with pytest.raises(BadRequest):
        await limiter.process_request(
            refusing("Message_too_long"), (), {}, "answerCallbackQuery", data, None
        )
    with pytest.raises(BadRequest):
        await limiter.process_request(
            refusing(too_old), (), {}, "sendMessage", {"chat_id": 42}, None
        )
    await limiter.shutdown()
