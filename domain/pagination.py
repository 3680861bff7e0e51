"""One page of a long list, for paged keyboards."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """`page` is 1-based and always within 1..pages (an empty list is one empty page)."""

    items: list[T]
    page: int
    pages: int
    total: int

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def page_window(page: int, per_page: int, total: int) -> tuple[int, int, int]:
    """(page, pages, offset) with `page` clamped, so a list that shrank shows its last page."""
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    return page, pages, (page - 1) * per_page


def page_of(items: list[T], page: int, per_page: int) -> Page[T]:
    """One page of a list already in memory, clamped like every other page."""
    page, pages, offset = page_window(page, per_page, len(items))
    return Page(items[offset : offset + per_page], page, pages, len(items))


async def fetch_page(
    count: Callable[[], Awaitable[int]],
    fetch: Callable[[int, int], Awaitable[list[T]]],
    page: int,
    per_page: int,
) -> Page[T]:
    """Count, clamp, then fetch (offset, limit): the repositories' paging in one place."""
    total = await count()
    page, pages, offset = page_window(page, per_page, total)
    return Page(items=await fetch(offset, per_page), page=page, pages=pages, total=total)
