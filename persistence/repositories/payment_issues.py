"""Payments needing attention (rule 16): kept once per Telegram charge id, by the database."""

from __future__ import annotations

import builtins
from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.selling.model import PaymentIssue
from persistence.models import PaymentIssueRow
from persistence.repositories.rows import domain_of
from persistence.upsert import insert_or_ignore


def _issue_of(row: PaymentIssueRow) -> PaymentIssue:
    return domain_of(PaymentIssue, row, charge_id=row.telegram_charge_id)


class SqlPaymentIssues:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, issue: PaymentIssue) -> PaymentIssue | None:
        stmt = insert_or_ignore(self._session, PaymentIssueRow).values(
            telegram_charge_id=issue.charge_id,
            provider_charge_id=issue.provider_charge_id,
            payer_id=issue.payer_id,
            coach_id=issue.coach_id,
            title=issue.title,
            expected_minor=issue.expected_minor,
            expected_currency=issue.expected_currency,
            paid_minor=issue.paid_minor,
            paid_currency=issue.paid_currency,
            received_at=issue.received_at,
        )
        row = await self._session.scalar(stmt.returning(PaymentIssueRow))
        return None if row is None else _issue_of(row)

    async def known_charges(self, charge_ids: Collection[str]) -> set[str]:
        column = PaymentIssueRow.telegram_charge_id
        found = await self._session.scalars(select(column).where(column.in_(list(charge_ids))))
        return set(found)

    async def count_for_coach(self, coach_id: int) -> int:
        stmt = select(func.count()).where(PaymentIssueRow.coach_id == coach_id)
        return await self._session.scalar(stmt) or 0

    async def list_for_coach(self, coach_id: int, limit: int) -> builtins.list[PaymentIssue]:
        stmt = (
            select(PaymentIssueRow)
            .where(PaymentIssueRow.coach_id == coach_id)
            .order_by(PaymentIssueRow.id.desc())
            .limit(limit)
        )
        return [_issue_of(row) for row in await self._session.scalars(stmt)]
