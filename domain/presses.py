"""A button that creates, changes or deletes acts once, however fast it is pressed twice.

The press (chat, message, button data) is claimed in the database in the same transaction as
the action: while the action runs, `pending` holds an `Acting` press, and the first writing
unit of work that commits claims it before committing (persistence/uow.py); if another press
claimed it first, that commit raises `PressedBefore` and the action is rolled back. So a
crash never leaves a claim without its action, nor an action without its claim. An action
that writes nothing claims the press after it returns (`claim_press`). A failed action
releases its claim, so the button can be pressed again. A claim counts for `KEPT_FOR`
(Telegram redelivers an update within minutes, people double-tap within seconds): a press of
a button claimed longer ago is a new claim, and the pruning job (jobs/pruning.py) deletes
older claims through an index, so the table holds about one day of presses.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.ports import ButtonPresses, UnitOfWork

KEPT_FOR = timedelta(days=1)


@dataclass(frozen=True)
class Press:
    chat_id: int
    message_id: int
    data: str


class PressedBefore(Exception):
    """The press was claimed by another press of the same button: this action is undone."""


@dataclass
class Acting:
    """A press whose action is running; `claimed` once a committed transaction claimed it."""

    press: Press
    now: datetime
    claimed: bool = False


pending: ContextVar[Acting | None] = ContextVar("press_pending", default=None)


async def claim_with_action(presses: ButtonPresses) -> None:
    """In the action's open unit of work, before it commits: claim the press being acted on
    (if any, and not claimed yet), or raise PressedBefore."""
    acting = pending.get()
    if acting is None or acting.claimed:
        return
    press, now = acting.press, acting.now
    if not await presses.claim(press.chat_id, press.message_id, press.data, now, now - KEPT_FOR):
        raise PressedBefore()
    acting.claimed = True


async def was_pressed(uow: UnitOfWork, press: Press, now: datetime) -> bool:
    """Whether this button on this message was acted on within `KEPT_FOR` (a read)."""
    async with uow:
        return await uow.presses.claimed(
            press.chat_id, press.message_id, press.data, now - KEPT_FOR
        )


async def claim_press(uow: UnitOfWork, press: Press, now: datetime) -> bool:
    """True for the first press of this button on this message, False for any later one
    within `KEPT_FOR` (an older claim no longer counts)."""
    async with uow:
        claimed = await uow.presses.claim(
            press.chat_id, press.message_id, press.data, now, now - KEPT_FOR
        )
        await uow.commit()
    return claimed


async def release_press(uow: UnitOfWork, press: Press) -> None:
    """The action failed and changed nothing: the button may be pressed again."""
    async with uow:
        await uow.presses.release(press.chat_id, press.message_id, press.data)
        await uow.commit()
