"""What a reminder is: a planned message about a sold package or a booked session."""

from __future__ import annotations

from dataclasses import KW_ONLY, Field, dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, ClassVar, Protocol, TypeVar

# How long after expiry the "expired with N unused" notice still makes sense to send.
EXPIRED_NOTICE_WINDOW = timedelta(days=7)


class ReminderKind(StrEnum):
    EXPIRY = "expiry"  # before a sold package expires, while sessions remain
    EXPIRED = "expired"  # when it expired with sessions unused
    SESSION = "session"  # before a booked session (to the client and to the coach)


class Outcome(StrEnum):
    SENT = "sent"
    UNDELIVERABLE = "undeliverable"  # the person blocked the bot: never retried
    FAILED = "failed"  # network errors until the retry limit: the last error is kept
    SKIPPED = "skipped"  # no longer meaningful when its turn came (late, used up, moved)


@dataclass(frozen=True)
class PlannedReminder:
    """One message to send at `due_at` about the moment `event_at`.

    It is worth sending until `stale_at`: the due time of the next reminder about the same
    moment, or the moment itself for the last one (the catch-up rule, see README).
    """

    kind: ReminderKind
    recipient_id: int
    sold_package_id: int
    session_id: int | None
    title: str
    event_at: datetime
    due_at: datetime
    stale_at: datetime

    @property
    def key(self) -> str:
        """Stable identity: planning the same reminder twice gives the same key."""
        session = "-" if self.session_id is None else str(self.session_id)
        return (
            f"{self.kind}:{self.sold_package_id}:{session}:{self.recipient_id}:"
            f"{_stamp(self.event_at)}:{_stamp(self.due_at)}"
        )


@dataclass(frozen=True)
class Delivery:
    """Where a delivery stands, for a reminder and a coach digest alike (`outcome` None: still
    to send). Each kind declares its identity and `next_attempt_at` (positional); these
    follow, by keyword. See `Attempted` for what the delivery engine reads."""

    _: KW_ONLY
    attempts: int = 0
    outcome: Outcome | None = None
    sent_at: datetime | None = None
    last_error: str | None = None


@dataclass(frozen=True)
class Reminder(Delivery):
    """A stored reminder and where its delivery stands."""

    id: int
    plan: PlannedReminder
    next_attempt_at: datetime

    @property
    def key(self) -> str:
        return self.plan.key

    @property
    def pending(self) -> bool:
        return self.outcome is None

    def settled(self, outcome: Outcome, now: datetime, error: str | None = None) -> Reminder:
        return settle(self, outcome, now, error)


class Attempted(Protocol):
    """A reminder or a coach digest: a frozen dataclass with where its delivery stands
    (`next_attempt_at`, `attempts`, `outcome`, `sent_at`, `last_error`)."""

    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    @property
    def next_attempt_at(self) -> datetime: ...

    @property
    def attempts(self) -> int: ...

    @property
    def outcome(self) -> Outcome | None: ...

    @property
    def sent_at(self) -> datetime | None: ...

    @property
    def last_error(self) -> str | None: ...


A = TypeVar("A", bound=Attempted)


def settle(item: A, outcome: Outcome, now: datetime, error: str | None = None) -> A:
    """Delivery ended with `outcome` (the error kept, if any): never attempted again."""
    return replace(
        item,
        outcome=outcome,
        sent_at=now if outcome is Outcome.SENT else None,
        next_attempt_at=now,
        last_error=error if error is not None else item.last_error,
    )


def _stamp(moment: datetime) -> str:
    return f"{int(moment.timestamp())}"
