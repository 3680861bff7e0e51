"""Ports: what the use cases need from storage, as small Protocols.

`persistence/` implements them with SQLAlchemy; unit tests use in-memory fakes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from domain.catalog.ports import Packages, SeriesCatalog, Services
from domain.model import Coach, User
from domain.reminders.ports import Reminders
from domain.selling.ports import PaymentIssues, PendingPurchases, SoldPackages
from domain.transaction import Transaction


class Users(Protocol):
    async def get(self, telegram_id: int) -> User | None: ...

    async def add(self, user: User) -> None:
        """Insert; if a concurrent update inserted this person first, theirs stays."""
        ...

    async def save(self, user: User) -> None:
        """Stores the name and time zone; a known language is never turned back to None."""
        ...

    async def languages(self, ids: Iterable[int]) -> dict[int, str]:
        """The language of each of `ids` (every one present): unknown people read English."""
        ...

    async def set_language(self, user_id: int, language: str) -> None:
        """Stores the person's language, registering them (no name yet) if they are new."""
        ...


class Coaches(Protocol):
    async def get(self, user_id: int) -> Coach | None: ...

    async def by_slug(self, slug: str) -> Coach | None: ...

    async def add(self, coach: Coach) -> None:
        """Insert; if this user became a coach concurrently, that profile stays (`get` it)."""
        ...

    async def save(self, coach: Coach) -> None: ...

    async def all_user_ids(self) -> list[int]: ...


class ButtonPresses(Protocol):
    """Buttons already acted on: a press is claimed once, whatever Telegram redelivers."""

    async def claim(
        self, chat_id: int, message_id: int, data: str, now: datetime, older_than: datetime
    ) -> bool:
        """Claims the press at `now`, unless it is claimed already at or after `older_than`."""
        ...

    async def release(self, chat_id: int, message_id: int, data: str) -> None: ...

    async def claimed(self, chat_id: int, message_id: int, data: str, since: datetime) -> bool:
        """Whether the press is claimed at or after `since`."""
        ...


class UnitOfWork(Transaction, Protocol):
    """The repositories of one transaction."""

    users: Users
    coaches: Coaches
    services: Services
    series: SeriesCatalog
    packages: Packages
    sold: SoldPackages
    pending: PendingPurchases
    payment_issues: PaymentIssues
    presses: ButtonPresses
    reminders: Reminders
