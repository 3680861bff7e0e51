"""The retention job's two steps keep their own cadence, and one failing never keeps the
other from running."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from domain.retention import INBOX_KEPT_FOR
from jobs.pruning import Prune

NOW = datetime(2026, 12, 2, 9, tzinfo=UTC)


class BrokenDatabase:
    opened = 0

    async def __aenter__(self) -> Any:
        BrokenDatabase.opened += 1
        raise ConnectionError("database away")

    async def __aexit__(self, *exc: object) -> None:
        return None


class Inbox:
    def __init__(self) -> None:
        self.pruned: list[timedelta] = []

    async def prune(self, retention: timedelta) -> int:
        self.pruned.append(retention)
        return 3


async def test_inbox_pruned_every_tick_from_the_hour_on_despite_a_failing_hourly_step() -> None:
    inbox = Inbox()
    prune = Prune(BrokenDatabase, lambda: NOW, inbox)  # type: ignore[arg-type]
    BrokenDatabase.opened = 0
    with pytest.raises(ConnectionError):
        await prune(None)  # type: ignore[arg-type]  # tick 0: the hourly step only
    for _ in range(5):
        await prune(None)  # type: ignore[arg-type]
    assert BrokenDatabase.opened == 1 and inbox.pruned == []
    with pytest.raises(ConnectionError):
        await prune(None)  # type: ignore[arg-type]  # tick 6: an hour on, both steps
    await prune(None)  # type: ignore[arg-type]
    assert BrokenDatabase.opened == 2 and inbox.pruned == [INBOX_KEPT_FOR] * 2
