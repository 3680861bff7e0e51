"""What the bot keeps in memory per person is bounded: user_data and chat_data only for people
in a flow, the rate limiter's answered chats, the bad-link throttle, per-user turns."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from telegram import Chat, Message, Update, User
from telegram.ext import ApplicationBuilder

from bot.kit.context import Deps, PackagesApplication
from bot.kit.processing import PerUserProcessor
from bot.kit.rate_limit import PriorityRateLimiter
from domain.selling.throttle import InvalidLinkThrottle

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
IN_A_FLOW = 7


def message_update(update_id: int, user_id: int) -> Update:
    user = User(id=user_id, first_name="U", is_bot=False)
    chat = Chat(id=user_id, type=Chat.PRIVATE)
    message = Message(message_id=update_id, date=NOW, chat=chat, from_user=user, text="hi")
    return Update(update_id=update_id, message=message)


async def _close() -> None:
    return None


def application() -> PackagesApplication:
    wiring: dict[str, Any] = {"deps": cast(Deps, None), "close_database": _close}
    app = (
        ApplicationBuilder()
        .application_class(PackagesApplication, kwargs=wiring)
        .token("1:TEST")
        .build()
    )
    return cast(PackagesApplication, app)


def test_only_people_in_a_flow_keep_user_data_and_chat_data() -> None:
    app = application()
    for user_id in range(1, 1001):  # what a handler reading context.user_data leaves behind
        assert app.user_data[user_id] == {} and app.chat_data[user_id] == {}
        if user_id == IN_A_FLOW:
            app.user_data[user_id]["flow:x"] = {"step": 1}
        app.forget_empty_data(message_update(user_id, user_id))
    assert dict(app.user_data) == {IN_A_FLOW: {"flow:x": {"step": 1}}}
    assert dict(app.chat_data) == {}


async def test_the_rate_limiter_remembers_only_the_latest_answered_chats() -> None:
    limiter = PriorityRateLimiter(overall_max_rate=1e9, remembered=100)
    await limiter.initialize()

    async def send(**_: object) -> bool:
        return True

    for chat_id in range(1, 1001):
        await limiter.process_request(send, (), {}, "sendMessage", {"chat_id": chat_id}, None)
    assert limiter.remembered_chats == 100
    assert limiter.answered(1000) and limiter.answered(901) and not limiter.answered(900)
    await limiter.shutdown()


def test_the_bad_link_throttle_forgets_the_longest_remembered_people() -> None:
    throttle = InvalidLinkThrottle(max_people=50)
    for user_id in range(1000):
        throttle.failed(user_id, NOW)
    assert throttle.people == 50
    for _ in range(11):  # the newest person is still throttled
        throttle.failed(999, NOW)
    assert throttle.wait(999, NOW + timedelta(seconds=1)) is not None


async def test_per_user_turns_end_with_the_last_update_of_that_user() -> None:
    processor = PerUserProcessor()

    async def handle() -> None:
        await asyncio.sleep(0)

    await asyncio.gather(
        *(processor.process_update(message_update(n, n), handle()) for n in range(1, 1001))
    )
    assert processor.active_keys == 0
