"""Updates survive a crash: each is stored in the inbox before Telegram is told it arrived.

Polling: PTB's updater puts a fetched batch into `Application.update_queue` and confirms it
with the offset of its next getUpdates request. `InboxQueue.put` collects the batch and
stores it in one transaction right after; `InboxRequest`, the getUpdates request, waits for
that before it sends the offset, also for the last request a graceful stop makes. Webhook:
PTB answers Telegram's POST (200) once `put` has returned, and `put` returns once stored.

An update stored before (Telegram sent it again) is not queued again: it is queued or handled
already. On start, `replay` queues what a killed process left unhandled, oldest first, ahead
of anything new.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import Bot, Update
from telegram._utils.types import ODVInput
from telegram.ext import ApplicationBuilder
from telegram.request import BaseRequest, HTTPXRequest, RequestData

from persistence.inbox import InboxStore, Ticket

log = logging.getLogger("packages-bot")
# Answered updates are deleted by the retention job (jobs/pruning.py).
RETRY_SECONDS = (0.5, 1, 2, 5, 10, 30)


class InboxQueue(asyncio.Queue[object]):
    """The Application's update queue: an update is queued once it is stored."""

    def __init__(self, store: InboxStore) -> None:
        super().__init__()
        self._store = store
        self._received: list[Update] = []  # not stored yet
        self._storing: asyncio.Task[None] | None = None
        # stored and queued by this process, not answered yet: whether it was done before
        self._open: dict[int, bool] = {}
        self.polling = False  # set by InboxRequest: getUpdates confirms, not `put`'s return

    async def put(self, item: object) -> None:
        if not isinstance(item, Update):
            await super().put(item)  # PTB's own signals
            return
        self._received.append(item)
        storing = self._store_received()
        if not self.polling:
            await asyncio.shield(storing)

    def _store_received(self) -> asyncio.Task[None]:
        """The one task storing what was received; a caller cancelled (a stop) does not
        cancel it, so what was stored is also queued."""
        if self._storing is None or self._storing.done():
            self._storing = asyncio.get_running_loop().create_task(self._store_all())
        return self._storing

    async def stored(self) -> None:
        """Returns once everything received is stored and queued."""
        await asyncio.shield(self._store_received())

    async def _store_all(self) -> None:
        while self._received:
            batch, self._received = self._received, []
            added = await self._store_until_stored(batch)
            for update in batch:
                if update.update_id in added:
                    self._open[update.update_id] = False
                    self.put_nowait(update)

    async def _store_until_stored(self, batch: list[Update]) -> set[int]:
        """Keeps trying while the database is away: until it answers, nothing is confirmed
        to Telegram (polling waits; a webhook request times out and Telegram retries)."""
        rows = [(update.update_id, update.to_dict()) for update in batch]
        attempt = 0
        while True:
            try:
                return await self._store.add(rows)
            except Exception:
                delay = RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)]
                log.exception("cannot store %d update(s); retrying in %s s", len(rows), delay)
                await asyncio.sleep(delay)
                attempt += 1

    async def replay(self, bot: Bot) -> int:
        """Queues the updates stored but never answered (a crash), oldest first."""
        unfinished = await self._store.unfinished()
        for update_id, payload, done in unfinished:
            self._open[update_id] = done
            self.put_nowait(Update.de_json(payload, bot))
        if unfinished:
            log.warning("handling %d update(s) received before a crash", len(unfinished))
        return len(unfinished)

    def ticket(self, update: object) -> Ticket | None:
        """The inbox ticket of an update this queue stored, else None."""
        if isinstance(update, Update) and update.update_id in self._open:
            return self._store.ticket(update.update_id, self._open[update.update_id])
        return None

    async def finish(self, ticket: Ticket) -> None:
        """Marks the update answered (and done, unless its use case's transaction did)."""
        await self._store.finish(ticket)
        self._open.pop(ticket.update_id, None)


class InboxRequest(HTTPXRequest):
    """The getUpdates request (PTB's default for it: one connection): its offset confirms
    the updates fetched before, so it is sent only once they are stored."""

    def __init__(self, inbox: InboxQueue) -> None:
        super().__init__(connection_pool_size=1)
        self._inbox = inbox

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        self._inbox.polling = True
        await self._inbox.stored()
        timeouts = (read_timeout, write_timeout, connect_timeout, pool_timeout)
        return await super().do_request(url, method, request_data, *timeouts)


def with_inbox(
    builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any], store: InboxStore
) -> Any:
    """The builder, its update queue and getUpdates request storing updates first."""
    queue = InboxQueue(store)
    return builder.update_queue(queue).get_updates_request(InboxRequest(queue))
