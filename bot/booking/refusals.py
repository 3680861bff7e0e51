"""Chat text for every booking refusal (the domain names them; only bot/ words them)."""

from __future__ import annotations

from domain.booking import errors

REFUSALS: dict[type[errors.BookingRefused], str] = {
    errors.PackageExpired: "This package has expired, so nothing more can be booked with it.",
    errors.PackageNotActive: "This package is no longer active. Please contact your coach.",
    errors.NothingLeftToBook: "There are no sessions left for this in your package.",
    errors.ItemNoLongerOffered: "Your coach no longer offers this, so it cannot be booked.",
    errors.SlotTaken: "Sorry, that time is no longer free. Please pick another one.",
    errors.SeriesFull: "Sorry, that date is full. Please pick another one.",
    errors.OccurrenceUnavailable: "That date can no longer be booked. Please pick another one.",
    errors.AlreadyBooked: "You already have a seat on that date.",
    errors.BookingNotActive: "That session was already cancelled or closed.",
    errors.NotStartedYet: "A session can be marked as a no-show only once it has started.",
    errors.CannotReschedule: "A group seat cannot be moved: cancel it and book another date.",
}

# Why booking refused an input (hours, days off, settings), by the code the domain names.
REASONS: dict[str, str] = {}


def refusal_text(error: errors.BookingRefused) -> str:
    if isinstance(error, errors.TooLateToCancel):
        return (
            f"It is too late to cancel or move this session: that closes {error.window_hours} h "
            "before it starts. Please contact your coach."
        )
    return REFUSALS.get(type(error), "Sorry, that cannot be booked. Nothing was changed.")
