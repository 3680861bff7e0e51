"""One bulk send through the bot (a reminder, a digest), turned into a Delivery the domain
understands (never raises for Telegram)."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import timedelta

from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.kit.rate_limit import MAX_RETRIES, Bulk
from domain.reminders.delivery import Delivery, DeliveryStatus

# Bulk messages wait behind every reply in the bot's rate limiter.
BULK_SEND = Bulk(MAX_RETRIES)

# Telegram answers these for a chat that can never receive the message.
GONE = ("chat not found", "user not found", "peer_id_invalid")


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
