"""What a read of a source changes in its state, and when the coach is told: once when it
starts failing, once when it recovers (never on every sweep). Pure."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from enum import StrEnum

from domain.calendars.model import CalendarSource, ReadError


class Notice(StrEnum):
    FAILING = "failing"
    RECOVERED = "recovered"


def after_read(
    source: CalendarSource,
    now: datetime,
    busy_count: int | None,
    validators: tuple[str | None, str | None] | None = None,
) -> tuple[CalendarSource, Notice | None]:
    """A successful read: `busy_count` None means "not modified" (the busy times stay)."""
    changed = replace(
        source,
        last_read_at=now,
        last_error=None,
        failing=False,
        busy_count=source.busy_count if busy_count is None else busy_count,
    )
    if validators is not None:
        changed.etag, changed.last_modified = validators
    return changed, (Notice.RECOVERED if source.failing else None)


def after_failure(
    source: CalendarSource, error: ReadError
) -> tuple[CalendarSource, Notice | None]:
    """A failed read: the last good busy times stay in force; the coach is told once."""
    changed = replace(source, last_error=error, failing=True)
    return changed, (None if source.failing else Notice.FAILING)
