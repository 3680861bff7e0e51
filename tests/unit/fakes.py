"""In-memory fakes of the domain ports, for unit tests of use cases (no I/O)."""

from __future__ import annotations

import copy
from types import TracebackType
from typing import Self

from domain.model import Coach, User


class FakeUsers:
    def __init__(self) -> None:
        self.rows: dict[int, User] = {}

    async def get(self, telegram_id: int) -> User | None:
        return copy.deepcopy(self.rows.get(telegram_id))

    async def add(self, user: User) -> None:
        assert user.telegram_id not in self.rows
        self.rows[user.telegram_id] = copy.deepcopy(user)

    async def save(self, user: User) -> None:
        self.rows[user.telegram_id] = copy.deepcopy(user)


class FakeCoaches:
    def __init__(self, users: FakeUsers) -> None:
        self.rows: dict[int, Coach] = {}
        self._users = users

    async def get(self, user_id: int) -> Coach | None:
        return copy.deepcopy(self.rows.get(user_id))

    async def by_slug(self, slug: str) -> Coach | None:
        found = [c for c in self.rows.values() if c.slug == slug]
        return copy.deepcopy(found[0]) if found else None

    async def add(self, coach: Coach) -> None:
        self.rows[coach.user_id] = copy.deepcopy(coach)

    async def save(self, coach: Coach) -> None:
        self.rows[coach.user_id] = copy.deepcopy(coach)

    async def all_user_ids(self) -> list[int]:
        return sorted(self.rows)


class FakeUnitOfWork:
    """Shared state like a database; leaving a block rolls back to the last commit.

    Every attribute with a `rows` dict is a repository and takes part in the rollback.
    """

    def __init__(self) -> None:
        self.users = FakeUsers()
        self.coaches = FakeCoaches(self.users)
        self.commits = 0
        self._snapshot: dict[str, object] = {}

    def _repos(self) -> dict[str, object]:
        return {name: repo for name, repo in vars(self).items() if hasattr(repo, "rows")}

    async def __aenter__(self) -> Self:
        self._snapshot = {name: copy.deepcopy(repo.rows) for name, repo in self._repos().items()}
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for name, repo in self._repos().items():
            repo.rows = copy.deepcopy(self._snapshot[name])  # type: ignore[attr-defined]

    async def commit(self) -> None:
        self.commits += 1
        self._snapshot = {name: copy.deepcopy(repo.rows) for name, repo in self._repos().items()}
