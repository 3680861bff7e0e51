"""What a bulk message needs to know of its receivers besides their zone: the language each
reads (their choice, else their Telegram's), read once per batch."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class Languages(Protocol):
    async def languages(self, ids: Iterable[int]) -> dict[int, str]:
        """The language of each of `ids` (every one present): unknown people read English."""
        ...
