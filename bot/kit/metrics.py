"""What the bot counts for /metrics (Prometheus): updates by kind, how long handling took,
and handler errors. Kinds are Telegram's update field names; nothing personal is labelled."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from prometheus_client import Counter, Histogram
from telegram import Update

UPDATES = Counter("packages_bot_updates", "updates handled, by kind", ["kind"])
HANDLING = Histogram(
    "packages_bot_handler_seconds",
    "time from taking an update to having handled it, by kind",
    ["kind"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
ERRORS = Counter("packages_bot_handler_errors", "updates whose handler failed")
KINDS = (
    "message", "edited_message", "callback_query", "pre_checkout_query", "shipping_query",
    "inline_query", "chosen_inline_result", "my_chat_member", "chat_member", "poll",
    "poll_answer", "chat_join_request", "channel_post", "edited_channel_post",
)  # fmt: skip


def kind_of(update: object) -> str:
    """The update's kind (its payload field), `other` for anything else."""
    if not isinstance(update, Update):
        return "other"
    return next((kind for kind in KINDS if getattr(update, kind, None) is not None), "other")


@asynccontextmanager
async def measured(update: object) -> AsyncIterator[None]:
    kind = kind_of(update)
    started = time.perf_counter()
    try:
        yield
    finally:
        HANDLING.labels(kind).observe(time.perf_counter() - started)
        UPDATES.labels(kind).inc()
