"""The coach's sold packages as one table (the Mini App's desk and its CSV export): the
filters of /sold, and a search by client name or package title."""

from __future__ import annotations

from datetime import datetime

from domain.catalog.access import require_coach
from domain.ports import UnitOfWork
from domain.selling.access import SoldLine
from domain.selling.model import SoldFilter

TABLE_MAX = 5000  # rows one table or export holds (the newest)


def matches(line: SoldLine, query: str) -> bool:
    """Whether the search finds the line: case-insensitive, in the client's name or title."""
    wanted = query.strip().casefold()
    sold = line.sold
    return not wanted or wanted in sold.client_name.casefold() or wanted in sold.title.casefold()


async def sold_table(
    uow: UnitOfWork, coach_id: int, which: SoldFilter, query: str, now: datetime
) -> list[SoldLine]:
    """The coach gets their sold packages, newest first, filtered and searched."""
    async with uow:
        await require_coach(uow, coach_id)
        found = await uow.sold.list_for_coach(coach_id, which, now, 0, TABLE_MAX)
    lines = [SoldLine(sold, sold.status(now)) for sold in found]
    return [line for line in lines if matches(line, query)]
