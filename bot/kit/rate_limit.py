"""Telegram's 30 messages per second, shared fairly during a burst.

PTB's `AIORateLimiter` queues every message in arrival order: when 300 people open a link at
once, someone pressing their second button waits behind all first answers still queued.
`PriorityRateLimiter` keeps the same overall rate but lets messages to chats the bot has
already answered go first, so a conversation in progress keeps moving while newcomers wait.
Bulk messages (reminders, digests) say so with `rate_limit_args=Bulk(retries)` and wait
behind every reply.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
from collections import OrderedDict
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest
from telegram.ext import AIORateLimiter

log = logging.getLogger("packages-bot")

JSONDict = dict[str, Any]
ANSWERED, FIRST_CONTACT, BULK = 0, 1, 2
# Chats answered lately, most recent kept: at 30 messages a second 10,000 chats is at least
# five minutes of replies, longer than a burst lasts. Measured 107 bytes each (1 MB in all).
REMEMBERED_CHATS = 10_000
MAX_RETRIES = 3


def _answered_before(exc: BadRequest) -> bool:
    message = exc.message.lower()
    return "query is too old" in message or "query id is invalid" in message


class Bulk(int):
    """`rate_limit_args` of a bulk message: how often a 429 is retried (as for any message)
    and that the message waits behind every reply and first answer."""


def _chat_key(chat_id: object) -> int | str | None:
    if chat_id is None:
        return None
    try:
        return int(chat_id)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return str(chat_id)  # "@channelusername"


class PriorityGate:
    """A leaky bucket: up to `rate` passes per second after a burst of `rate`; waiters leave
    by (priority, arrival)."""

    def __init__(self, rate: float) -> None:
        self._rate = rate
        self._capacity = rate
        self._level = 0.0
        self._last = 0.0
        self._waiters: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._timer: asyncio.TimerHandle | None = None

    def _leak(self, now: float) -> None:
        self._level = max(0.0, self._level - (now - self._last) * self._rate)
        self._last = now

    async def acquire(self, priority: int) -> None:
        loop = asyncio.get_running_loop()
        self._leak(loop.time())
        if not self._waiters and self._level + 1 <= self._capacity:
            self._level += 1
            return
        future: asyncio.Future[None] = loop.create_future()
        heapq.heappush(self._waiters, (priority, next(self._order), future))
        self._wake()
        await future

    def _wake(self) -> None:
        loop = asyncio.get_running_loop()
        self._leak(loop.time())
        while self._waiters and self._level + 1 <= self._capacity:
            future = heapq.heappop(self._waiters)[2]
            if not future.done():  # a cancelled waiter takes no capacity
                future.set_result(None)
                self._level += 1
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._waiters:
            delay = (self._level + 1 - self._capacity) / self._rate
            self._timer = loop.call_later(max(delay, 0.001), self._wake)


class PriorityRateLimiter(AIORateLimiter):
    """AIORateLimiter (429 retries, group limits) whose overall limit favours answered chats."""

    def __init__(
        self,
        overall_max_rate: float = 30,
        max_retries: int = MAX_RETRIES,
        remembered: int = REMEMBERED_CHATS,
    ) -> None:
        super().__init__(overall_max_rate=0, max_retries=max_retries)
        self._gate = PriorityGate(overall_max_rate)
        self._answered: OrderedDict[int | str, None] = OrderedDict()
        self._remembered = remembered

    @property
    def remembered_chats(self) -> int:
        return len(self._answered)

    def answered(self, chat_id: int | str) -> bool:
        """Whether the bot has sent this chat a message lately (the last `remembered` chats)."""
        return chat_id in self._answered

    def priority(self, chat_id: int | str) -> int:
        """Chats the bot already answered go before first contacts."""
        return ANSWERED if chat_id in self._answered else FIRST_CONTACT

    def _remember(self, chat_id: int | str) -> None:
        self._answered[chat_id] = None
        self._answered.move_to_end(chat_id)
        if len(self._answered) > self._remembered:
            self._answered.popitem(last=False)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        chat_id = _chat_key(data.get("chat_id"))
        if chat_id is not None and not data.get("allow_paid_broadcast", False):
            bulk = isinstance(rate_limit_args, Bulk)
            await self._gate.acquire(BULK if bulk else self.priority(chat_id))
        try:
            result = await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        except BadRequest as exc:
            if endpoint != "answerCallbackQuery" or not _answered_before(exc):
                raise
            # Telegram takes one answer per press, within minutes: a press handled again
            # after a restart (bot/kit/inbox.py) was answered before. Its handler goes on.
            log.info("a pressed button could not be answered any more: %s", exc.message)
            return True
        if chat_id is not None:
            self._remember(chat_id)
        return result
