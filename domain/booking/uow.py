"""The unit of work booking needs: the catalog's plus availability, bookings and waitlists."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from domain.booking.ports import Availabilities, Bookings
from domain.booking.waitlist_ports import Waitlists
from domain.ports import UnitOfWork


class BookingUnitOfWork(UnitOfWork, Protocol):
    availability: Availabilities
    bookings: Bookings
    waitlist: Waitlists


P = ParamSpec("P")
T = TypeVar("T")
Step = Callable[Concatenate[BookingUnitOfWork, P], Awaitable[T]]


def own_transaction(step: Step[P, T]) -> Step[P, T]:
    """`step` (a change made inside its caller's open unit of work, which commits) as a use
    case of its own: it opens the unit of work, makes the change and commits it."""

    async def run(uow: BookingUnitOfWork, /, *args: P.args, **kwargs: P.kwargs) -> T:
        async with uow:
            done = await step(uow, *args, **kwargs)
            await uow.commit()
            return done

    functools.update_wrapper(run, step)  # its name and docstring
    return run
