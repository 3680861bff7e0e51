"""Chat text for every booking refusal (the domain names them; only bot/ words them)."""

from __future__ import annotations

from domain.booking import errors

REFUSALS: dict[type[errors.BookingRefused], str] = {
    errors.PackageExpired: "This package has expired, so nothing more can be booked with it.",
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
REASONS: dict[str, str] = {
    "hours_unreadable": "type hours like 09:00-12:00, 14:00-18:00, or off",
    "hours_range_unreadable": "“{value}” is not like 09:00-12:00",
    "hours_too_many_ranges": "at most {limit} ranges a day",
    "hours_backwards": "{range} does not run forward within one day",
    "hours_too_short": "{range} is shorter than 15 minutes",
    "hours_overlap": "{first} and {second} overlap",
    "weekday_unknown": "pick a weekday from Monday to Sunday",
    "days_off_unreadable": "type a date like 24.12.2026, or 24.12.2026 - 2.1.2027",
    "date_not_real": "“{value}” is not a real date",
    "days_off_reversed": "the last day comes before the first",
    "days_off_over": "those days are already over",
    "days_off_too_far": "days off can be set up to {latest:%d.%m.%Y}",
    "days_off_too_long": "at most {limit} days at once",
    "days_off_too_many": "at most {limit} days-off ranges at a time",
    "setting_unknown": "there is no such setting",
    "setting_unreadable": "type a whole number, optionally with d, h or m",
    "horizon_not_whole_days": "the horizon is a whole number of days",
    "notice_out_of_range": "minimum notice is from 0 to 30 days",
    "horizon_out_of_range": "the booking horizon is from 1 to 365 days",
    "buffer_out_of_range": "the buffer is from 0 to 240 minutes",
    "step_out_of_range": "the slot step is from 5 to 240 minutes",
    "step_not_multiple_of_5": "the slot step is a multiple of 5 minutes",
    "cancel_window_out_of_range": "the cancellation window is from 0 to 30 days",
    "week_empty": "type one line per day or days, like Mon-Fri 09:00-12:00, 14:00-18:00",
    "week_too_many_lines": "at most {limit} lines",
    "week_line_unreadable": "“{value}” is not like Mon-Fri 09:00-12:00",
    "week_day_unknown": "“{value}” is not a weekday (Mon, Tue, … or Monday, Tuesday, …)",
    "week_day_twice": "{day} is named twice",
}


def refusal_text(error: errors.BookingRefused) -> str:
    if isinstance(error, errors.TooLateToCancel):
        return (
            f"It is too late to cancel or move this session: that closes {error.window_hours} h "
            "before it starts. Please contact your coach."
        )
    return REFUSALS.get(type(error), "Sorry, that cannot be booked. Nothing was changed.")
