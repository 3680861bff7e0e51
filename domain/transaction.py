"""The transaction every unit of work is: the one port all the others build on."""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self


class Transaction(Protocol):
    """One transaction. Leaving the block without `commit()` rolls back."""

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...
