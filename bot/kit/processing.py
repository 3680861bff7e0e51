"""How updates run: concurrently across people, one at a time per person.

PTB's `concurrent_updates=True` runs every update at once, which breaks a conversation when
one person's two updates overlap. `PerUserProcessor` queues each person's updates (or a chat's,
when an update has no user) behind each other in arrival order, while different people run
side by side, at most `max_concurrent_updates` handlers at a time.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

MAX_CONCURRENT_UPDATES = 256
# Updates admitted at once, running or queued behind their user's earlier ones. PTB's own
# semaphore counts these; it only protects memory from a flood.
MAX_ADMITTED_UPDATES = 4096
# First contacts running at once. During a burst of newcomers they wait for Telegram's rate
# limit anyway; capping them leaves the database and the slots to people mid-conversation.
MAX_NEWCOMERS = 64


def ordering_key(update: object) -> int | None:
    """Whose updates must stay in order: the user's, else the chat's; None runs freely."""
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return update.effective_user.id
    if update.effective_chat is not None:
        return update.effective_chat.id
    return None


class _Turn:
    """One key's FIFO lock and how many updates hold or wait for it."""

    __slots__ = ("lock", "waiting")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.waiting = 0


class PerUserProcessor(BaseUpdateProcessor):
    """Ordered per user, concurrent across users, bounded in total.

    A user's turn is taken before a running slot, so one person sending many updates waits in
    their own queue without holding slots others need. The turn of a key nobody waits for any
    more is dropped, so memory follows the people active right now, not all ever seen.
    Updates of people `known(key)` says the bot is already talking to skip the newcomers'
    queue, so a burst of first contacts does not hold up someone's second step.
    """

    def __init__(
        self,
        max_concurrent_updates: int = MAX_CONCURRENT_UPDATES,
        max_admitted_updates: int = MAX_ADMITTED_UPDATES,
        known: Callable[[int], bool] | None = None,
        max_newcomers: int = MAX_NEWCOMERS,
    ) -> None:
        super().__init__(max(max_admitted_updates, max_concurrent_updates))
        self._running = asyncio.BoundedSemaphore(max_concurrent_updates)
        self._newcomers = asyncio.BoundedSemaphore(max_newcomers)
        self._known = known
        self._turns: dict[int, _Turn] = {}

    @property
    def active_keys(self) -> int:
        """How many users or chats have an update running or queued."""
        return len(self._turns)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = ordering_key(update)
        if key is None:
            async with self._running:
                await coroutine
            return
        turn = self._turns.get(key)
        if turn is None:
            turn = self._turns[key] = _Turn()
        turn.waiting += 1
        try:
            # asyncio.Lock wakes its waiters first come, first served: arrival order is kept.
            async with turn.lock:
                if self._known is None or self._known(key):
                    async with self._running:
                        await coroutine
                else:
                    async with self._newcomers, self._running:
                        await coroutine
        finally:
            turn.waiting -= 1
            if turn.waiting == 0:
                del self._turns[key]
            if inspect.iscoroutine(coroutine) and inspect.getcoroutinestate(coroutine) == (
                inspect.CORO_CREATED
            ):
                coroutine.close()  # cancelled while queued: it never ran

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None
