"""Deleting what is kept only for a while, each through an index (migration 0013): claimed
button presses, unpaid invoices' pending purchases, and coach digests with nothing sent.
Apart from the repositories that write these rows, so pruning changes none of them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Delete, delete
from sqlalchemy.ext.asyncio import AsyncSession

from persistence.models import ButtonPressRow, CoachDigestRow, PendingPurchaseRow


class SqlRetention:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _count(self, statement: Delete) -> int:
        result = cast(CursorResult[Any], await self._session.execute(statement))
        return result.rowcount

    async def forget_presses_before(self, before: datetime) -> int:
        return await self._count(delete(ButtonPressRow).where(ButtonPressRow.pressed_at < before))

    async def forget_pending_before(self, before: datetime) -> int:
        return await self._count(
            delete(PendingPurchaseRow).where(PendingPurchaseRow.created_at < before)
        )

    async def forget_unsent_digests_before(self, before: date) -> int:
        # Sent digests stay as the record of what coaches got; the partial index
        # ix_coach_digest_unsent_day holds only the rows this deletes.
        return await self._count(
            delete(CoachDigestRow).where(
                CoachDigestRow.sent_at.is_(None), CoachDigestRow.day < before
            )
        )
