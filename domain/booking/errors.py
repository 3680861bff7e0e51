"""Why a booking, cancellation or reschedule was refused. Nothing was changed."""

from datetime import datetime

from domain.errors import DomainError


class BookingRefused(DomainError):
    """A booking rule refused the action."""


class PackageExpired(BookingRefused):
    """The sold package has expired (or the session would start after it expires)."""


class PackagePaused(BookingRefused):
    """The coach paused the sold package: nothing can be booked until it is resumed."""


class PackageRefunded(BookingRefused):
    """The sold package was refunded: it is withdrawn."""


class NothingLeftToBook(BookingRefused):
    """Every session of this item is used."""


class ItemNoLongerOffered(BookingRefused):
    """The coach deleted this service or series: it cannot be booked any more."""


class SlotTaken(BookingRefused):
    """That time is not (or no longer) a free slot."""


class SeriesFull(BookingRefused):
    """The occurrence has no free seat."""


class OccurrenceUnavailable(BookingRefused):
    """The occurrence has started, was removed, or starts after the package expires."""


class AlreadyBooked(BookingRefused):
    """This package already holds a seat in that occurrence."""


class DateNotFull(BookingRefused):
    """The date has a free seat: book it instead of waiting."""


class AlreadyWaiting(BookingRefused):
    """This package is already on that date's waitlist."""


class OfferLapsed(BookingRefused):
    """The seat offer is no longer open: taken, declined, or its hold ran out."""


class WeeksNotFree(BookingRefused):
    """Some of the weekly times asked for are not free: nothing was booked."""

    def __init__(self, starts: tuple[datetime, ...] = ()) -> None:
        super().__init__(starts)
        self.starts = starts


class TooLateToCancel(BookingRefused):
    """The cancellation window has begun: only the coach can cancel now."""

    def __init__(self, window_hours: int) -> None:
        super().__init__(window_hours)
        self.window_hours = window_hours


class BookingNotActive(BookingRefused):
    """The session was already cancelled or marked as a no-show."""


class NotStartedYet(BookingRefused):
    """A no-show can be marked only once the session has started."""


class CannotReschedule(BookingRefused):
    """Only a 1:1 session can move to another time; a group seat is cancelled and rebooked."""
