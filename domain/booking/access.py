"""Who acts on a sold package: a person on its holder list (whoever opened its access
link), or its coach."""

from __future__ import annotations

from dataclasses import dataclass

from domain.booking.uow import BookingUnitOfWork
from domain.errors import NotFound
from domain.selling.model import SoldPackage


@dataclass(frozen=True)
class ByCoach:
    """The coach, acting on one of their own sold packages."""

    coach_id: int
    sold_package_id: int


@dataclass(frozen=True)
class ByHolder:
    """Someone acting from a button on a sold package's view: its coach, or a person on
    the package's holder list (whoever opened its access link)."""

    user_id: int
    sold_package_id: int


Access = ByCoach | ByHolder


def client_side(access: Access, package: SoldPackage) -> bool:
    """Whether the cancellation window binds this access (everyone but the coach)."""
    if isinstance(access, ByCoach):
        return False
    return not (isinstance(access, ByHolder) and access.user_id == package.coach_id)


async def holding(uow: BookingUnitOfWork, access: Access, lock: bool = False) -> SoldPackage:
    """The sold package behind the access; NotFound for an unknown package, another
    coach's package or someone not holding it (indistinguishable on purpose).

    An action (book, cancel, move) passes `lock`, first in its transaction: the package
    stays held as checked until it commits, whatever a concurrent revocation does (rule 15).
    """
    if isinstance(access, ByCoach):
        package = await uow.bookings.package(access.sold_package_id, lock)
        if package is not None and package.coach_id != access.coach_id:
            package = None
    else:
        package = await uow.bookings.package(access.sold_package_id, lock)
        if package is not None and not await _holds(uow, package, access.user_id):
            package = None
    if package is None:
        raise NotFound("sold package")
    return package


async def _holds(uow: BookingUnitOfWork, package: SoldPackage, user_id: int) -> bool:
    return user_id == package.coach_id or await uow.sold.is_holder(package.stored_id, user_id)
