"""Chat text for every booking refusal (the domain names them; only bot/ words them)."""

from __future__ import annotations

from domain.booking import errors
from i18n import N_, _

REFUSALS: dict[type[errors.BookingRefused], str] = {
    errors.PackageExpired: N_("This package has expired, so nothing more can be booked with it."),
    errors.PackagePaused: N_(
        "Your coach paused this package, so nothing can be booked with it "
        "until they resume it. Its expiry waits too."
    ),
    errors.PackageRefunded: N_("This package was refunded, so it can no longer be used."),
    errors.NothingLeftToBook: N_("There are no sessions left for this in your package."),
    errors.ItemNoLongerOffered: N_("Your coach no longer offers this, so it cannot be booked."),
    errors.SlotTaken: N_("Sorry, that time is no longer free. Please pick another one."),
    errors.SeriesFull: N_("Sorry, that date is full. Please pick another one."),
    errors.OccurrenceUnavailable: N_(
        "That date can no longer be booked. Please pick another one."
    ),
    errors.AlreadyBooked: N_("You already have a seat on that date."),
    errors.BookingNotActive: N_("That session was already cancelled or closed."),
    errors.NotStartedYet: N_("A session can be marked as a no-show only once it has started."),
    errors.CannotReschedule: N_("A group seat cannot be moved: cancel it and book another date."),
    errors.DateNotFull: N_("That date has a free seat: book it instead of waiting."),
    errors.AlreadyWaiting: N_("You are already on the waitlist for that date."),
    errors.OfferLapsed: N_(
        "Sorry, that offer is no longer open: the seat went to the next in line."
    ),
    errors.WeeksNotFree: N_(
        "Sorry, some of those weeks are no longer free, so nothing was booked."
    ),
}

# Why booking refused an input (hours, days off, settings), by the code the domain names.
REASONS: dict[str, str] = {
    "hours_unreadable": N_("type hours like 09:00-12:00, 14:00-18:00, or off"),
    "hours_range_unreadable": N_("“{value}” is not like 09:00-12:00"),
    "hours_too_many_ranges": N_("at most {limit} ranges a day"),
    "hours_backwards": N_("{range} does not run forward within one day"),
    "hours_too_short": N_("{range} is shorter than 15 minutes"),
    "hours_overlap": N_("{first} and {second} overlap"),
    "weekday_unknown": N_("pick a weekday from Monday to Sunday"),
    "days_off_unreadable": N_("type a date like 24.12.2026, or 24.12.2026 - 2.1.2027"),
    "date_not_real": N_("“{value}” is not a real date"),
    "days_off_reversed": N_("the last day comes before the first"),
    "days_off_over": N_("those days are already over"),
    "days_off_too_far": N_("days off can be set up to {latest:%d.%m.%Y}"),
    "days_off_too_long": N_("at most {limit} days at once"),
    "days_off_too_many": N_("at most {limit} days-off ranges at a time"),
    "setting_unknown": N_("there is no such setting"),
    "setting_unreadable": N_("type a whole number, optionally with d, h or m"),
    "horizon_not_whole_days": N_("the horizon is a whole number of days"),
    "notice_out_of_range": N_("minimum notice is from 0 to 30 days"),
    "horizon_out_of_range": N_("the booking horizon is from 1 to 365 days"),
    "buffer_out_of_range": N_("the buffer is from 0 to 240 minutes"),
    "step_out_of_range": N_("the slot step is from 5 to 240 minutes"),
    "step_not_multiple_of_5": N_("the slot step is a multiple of 5 minutes"),
    "cancel_window_out_of_range": N_("the cancellation window is from 0 to 30 days"),
    "weeks_out_of_range": N_("pick from 1 to {limit} weeks"),
    "week_empty": N_("type one line per day or days, like Mon-Fri 09:00-12:00, 14:00-18:00"),
    "week_too_many_lines": N_("at most {limit} lines"),
    "week_line_unreadable": N_("“{value}” is not like Mon-Fri 09:00-12:00"),
    "week_day_unknown": N_("“{value}” is not a weekday (Mon, Tue, … or Monday, Tuesday, …)"),
    "week_day_twice": N_("{day} is named twice"),
}


def refusal_text(error: errors.BookingRefused) -> str:
    if isinstance(error, errors.TooLateToCancel):
        return _(
            "It is too late to cancel or move this session: that closes {hours} h "
            "before it starts. Please contact your coach."
        ).format(hours=error.window_hours)
    known = REFUSALS.get(type(error))
    return _(known) if known else _("Sorry, that cannot be booked. Nothing was changed.")
