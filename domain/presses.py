"""A button that creates, changes or deletes acts once, however fast it is pressed twice.

The press (chat, message, button data) is claimed in the database before the action; the
second press of the same button on the same message finds it claimed. A failed action
releases its claim, so the button can be pressed again. A claim counts for `KEPT_FOR`
(Telegram redelivers an update within minutes, people double-tap within seconds): a press of
a button claimed longer ago is a new claim, and the pruning job (jobs/pruning.py) deletes
older claims through an index, so the table holds about one day of presses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.ports import UnitOfWork

KEPT_FOR = timedelta(days=1)


@dataclass(frozen=True)
class Press:
    chat_id: int
    message_id: int
    data: str


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
