"""The jobs' outbox: bulk messages (reminders, digests) sent through the bot, paced and
turned into a Delivery the domain understands (never raises for Telegram)."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import timedelta

from aiolimiter import AsyncLimiter
from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.ext import ExtBot

from bot.kit.rate_limit import MAX_RETRIES, Bulk
from domain.reminders.engine import Delivery, DeliveryStatus

# Bulk messages wait behind every reply in the bot's rate limiter.
BULK_SEND = Bulk(MAX_RETRIES)

# Telegram answers these for a chat that can never receive the message.
GONE = ("chat not found", "user not found", "peer_id_invalid")


class TelegramOutbox:
    """Sends bulk messages through the Application's bot (and its rate limiter, where they
    wait behind replies), at most `max_per_second` of them for all bulk jobs together,
    leaving the rest of Telegram's rate to replies."""

    def __init__(self, bot: ExtBot, max_per_second: int) -> None:  # type: ignore[type-arg]
        self._bot = bot
        self._rate = max_per_second
        self._limiter = AsyncLimiter(max_per_second, 1)

    async def ready(self, count: int) -> None:
        while count > 0:  # the limiter hands out at most one second's worth at a time
            chunk = min(count, self._rate)
            await self._limiter.acquire(chunk)
            count -= chunk

    async def send(
        self, chat_id: int, text: str, buttons: InlineKeyboardMarkup | None
    ) -> Delivery:
        message = self._bot.send_message(
            chat_id, text, reply_markup=buttons, rate_limit_args=BULK_SEND
        )
        return await attempt(message)


async def attempt(send: Awaitable[object]) -> Delivery:
    """Await the send: 403 or a gone chat is BLOCKED, 429 RATE_LIMITED with Telegram's delay,
    any other Telegram or network error ERROR (retried later by the caller's policy)."""
    try:
        await send
    except Forbidden as exc:
        return Delivery(DeliveryStatus.BLOCKED, error=exc.message)
    except RetryAfter as exc:
        return Delivery(DeliveryStatus.RATE_LIMITED, _seconds(exc), exc.message)
    except BadRequest as exc:
        gone = any(words in exc.message.lower() for words in GONE)
        return Delivery(
            DeliveryStatus.BLOCKED if gone else DeliveryStatus.ERROR, error=exc.message
        )
    except TelegramError as exc:  # NetworkError, TimedOut and the rest
        return Delivery(DeliveryStatus.ERROR, error=f"{type(exc).__name__}: {exc.message}")
    return Delivery(DeliveryStatus.DELIVERED)


def _seconds(exc: RetryAfter) -> timedelta:
    value = exc.retry_after
    return value if isinstance(value, timedelta) else timedelta(seconds=value)
