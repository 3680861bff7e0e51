"""What clients see through deep links: a coach's booking page and one package."""

from __future__ import annotations

from domain.catalog.model import Package
from domain.catalog.rules import is_public_id
from domain.errors import NotFound
from domain.model import Coach
from domain.ports import UnitOfWork


async def package_for_link(uow: UnitOfWork, public_id: str) -> Package:
    """Anyone with a `p_<id>` link gets the package, hidden or not (rule 5), unless deleted."""
    if not is_public_id(public_id):
        raise NotFound()
    async with uow:
        package = await uow.packages.by_public_id(public_id)
    if package is None or package.deleted_at is not None:
        raise NotFound()
    return package


async def booking_page(uow: UnitOfWork, slug: str) -> tuple[Coach, list[Package]]:
    """A client gets the coach's booking page: the visible packages that still hold items."""
    async with uow:
        coach = await uow.coaches.by_slug(slug)
        if coach is None:
            raise NotFound()
        packages = await uow.packages.list_visible(coach.user_id)
    # Deleting services can empty a package (rule 6): nothing in it is left to buy.
    return coach, [p for p in packages if p.items]
