"""Every sentence the bot says about people, links and errors. Wording changes live here.

Constants are marked with `N_` (English, for extraction) and translated where they are said:
`_(texts.NOT_FOUND)`; the functions say their sentence in the current language."""

from __future__ import annotations

from html import escape

from domain.catalog.overview import CatalogCounts
from domain.model import Coach
from i18n import N_, _

INVALID_LINK = N_("Sorry, this link is not valid. Please ask your coach for a fresh one.")
TOO_MANY_LINKS = N_(
    "Too many links that did not work. Please wait {minutes} min and try again, or ask your "
    "coach for a fresh link."
)
SOMETHING_WENT_WRONG = N_(
    "Something went wrong on our side, and nothing was changed. Please try again in a moment."
)
NOT_A_COACH = N_(
    "That command is for coaches. If you coach and want to sell packages here, send /becomecoach."
)
NOT_FOUND = N_("I couldn't find that. It may have been deleted.")
CHANGED_MEANWHILE = N_(
    "This was changed in another chat while you were editing it, so your changes were not "
    "saved. Open it again to see the latest version."
)
NOT_ALLOWED = N_("Sorry, only an administrator can do that.")
REGISTRATION_CLOSED = N_(
    "Coach registration is closed on this bot. Ask the bot's owner to add you as a coach."
)
NOTHING_TO_CANCEL = N_("There is nothing to cancel. Send /help to see what you can do.")
CANCELLED = N_("Cancelled. Nothing was changed.")
USE_BUTTONS = N_("Please answer the question above (or use its buttons), or send /cancel to stop.")
FLOW_GONE = N_("That draft is no longer open, so nothing was saved. Start again any time.")


def try_again(reason: str) -> str:
    """A typed answer was refused: why, and how to go on."""
    return _("Sorry, {reason}. Please try again, or send /cancel to stop.").format(
        reason=escape(reason)
    )


def busy_in_flow(label: str) -> str:
    """Another command or flow inside a flow: one flow at a time (`label` already said)."""
    # i18n: {label} names the open flow, e.g. "creating a series (/newseries)"
    return _(
        "You are in the middle of {label}: answer the question above, "
        "or send /cancel to leave it before starting anything else."
    ).format(label=label)


UNKNOWN_COMMAND = N_("I don't know that command. /help lists what you can do.")
UNEXPECTED_TEXT = N_("I'm not sure what to do with that. /help lists what you can do.")
STALE_BUTTON = N_("This button is out of date.")
FLOW_TIMED_OUT = N_(
    "I stopped waiting for an answer, so nothing was changed. Start again any time."
)

CLIENT_WELCOME = N_(
    "Hi {name}! I help you book sessions with your coach.\n\n"
    "• Your coach's booking page link shows the packages they offer.\n"
    "• After you get a package, you receive a private <b>access link</b>: open it any time to "
    "see how many sessions are left and to book them. Keep it to yourself — whoever has it "
    "can use it.\n\n"
    "Send /timezone to see times in your own time zone, /help for everything else."
)

CLIENT_HELP = N_(
    "<b>What you can do</b>\n"
    "• Open your coach's booking-page link to see their packages.\n"
    "• Open your access link to see what is left in your package and book sessions.\n"
    "/mypackages — the packages you got or opened by link\n"
    "/timezone — choose your time zone (now: {zone})\n"
    "/language — choose your language\n"
    "/cancel — leave whatever you are doing\n"
    "/becomecoach — sell your own packages (if the bot allows it)"
)

COACH_HELP = N_(
    "<b>Coach commands</b>\n"
    "/start — your coach home and booking-page link\n"
    "/newservice — create a 1:1 service (a session type your packages sell)\n"
    "/services — your services: view, edit, hide, delete\n"
    "/newseries — create a group series with a capacity, then add its dates\n"
    "/series — your series: dates with seats taken, add or remove dates, edit, hide, delete\n"
    "/newpackage — bundle sessions of your services and series into a package\n"
    "/packages — your packages: edit, clone, hide, delete, grant, get their links\n"
    "/sold — packages you sold: usage, access links, expiry, revoke, history\n"
    "/mypackages — packages you got yourself or opened by link\n"
    "/availability — weekly working hours, days off, and the booking rules (minimum notice, "
    "horizon, buffer, slot step, cancellation window)\n"
    "/schedule — your booked sessions by day, a week at a time: move or cancel one, or "
    "mark a started one as a no-show\n"
    "/calendar — connect your own calendars: their busy times are never offered to "
    "clients, and one of them can receive your bookings\n"
    "/timezone — your time zone (now: {zone}); times you type are read in it\n"
    "/language — choose your language\n"
    "/cancel — leave whatever you are doing\n"
    "/help — this list"
)

ADMIN_HELP = N_("<b>Admin</b>\n/setplan &lt;coach user id&gt; &lt;free|growth|pro&gt;")

SETPLAN_USAGE = N_(
    "Usage: /setplan &lt;coach user id&gt; &lt;free|growth|pro&gt;, e.g. /setplan 12345 growth"
)

TIMEZONE_ASK = N_(
    "Your time zone is now <b>{zone}</b>.\nChoose a new one below, or type its IANA name "
    "(for example <code>Europe/Berlin</code> or <code>America/Sao_Paulo</code>). /cancel to stop."
)
TIMEZONE_SET = N_("Done: times are now shown in <b>{zone}</b> (local time there: {local}).")
TIMEZONE_BAD = N_("Sorry, {reason}. Type an IANA name such as Europe/Berlin, or pick a button.")


def coach_home(coach: Coach, booking_link: str, counts: CatalogCounts) -> str:
    # i18n: {plan} is the plan's name as /setplan knows it (free, growth, pro): not translated
    return _(
        "<b>Coach home</b> — {name}\n"
        "Plan: {plan} · Time zone: {zone}\n"
        "Services: {services} · Series: {series} · Packages: {packages}\n\n"
        "Your booking page (share it with clients):\n{link}"
    ).format(
        name=escape(coach.display_name),
        plan=coach.plan.value,
        zone=coach.timezone,
        services=counts.services,
        series=counts.series,
        packages=counts.packages,
        link=booking_link,
    )


def became_coach(coach: Coach, created: bool) -> str:
    if created:
        text = _("You are now a coach, {name}! Send /start for your coach home.")
    else:
        text = _("You are already a coach, {name}! Send /start for your coach home.")
    return text.format(name=escape(coach.display_name))


def plan_set(coach: Coach) -> str:
    return _("{name} ({user_id}) is now on the {plan} plan.").format(
        name=escape(coach.display_name), user_id=coach.user_id, plan=coach.plan.value
    )


# Why an input was refused, shared by every feature (parsing, money, time zones, accounts);
# keyed by the code the domain's InvalidInput names (see bot.kit.reasons). A date placeholder's
# strftime spec ("{latest:%d.%m.%Y}") is written in the language of the reader (`i18n.when`).
REASONS: dict[str, str] = {
    "price_negative": N_("a price cannot be negative"),
    "time_of_day_invalid": N_("{hour}:{minute:02d} is not a time of day"),
    "whole_number_out_of_range": N_("type a whole number from {lo} to {hi}"),
    "duration_unreadable": N_("type minutes like 60 or 90 min, or hours like 1h30"),
    "start_unreadable": N_("type a date and time like 01.12.2026 18:00"),
    "start_not_real": N_("“{value}” is not a real date and time"),
    "start_passed": N_("that time has already passed: type a time from now to {latest:%d.%m.%Y}"),
    "start_too_far": N_(
        "that is more than 5 years ahead: type a time from now to {latest:%d.%m.%Y}"
    ),
    "time_skipped_by_dst": N_(
        "{moment:%a %d.%m.%Y %H:%M} does not exist in {zone}: "
        "the clocks jump forward then; pick another time"
    ),
    "schedule_unreadable": N_("type it like: every Tuesday 18:00 for 8 weeks"),
    "schedule_weeks_out_of_range": N_("repeat for 1 to {limit} weeks"),
    "weekday_unreadable": N_("“{value}” is not a weekday"),
    "offset_unreadable": N_("“{value}” is not like 7d, 24h or 30m"),
    "offset_zero": N_("“{value}” is zero: a reminder needs time before"),
    "offset_too_long": N_("“{value}” is more than 365 days"),
    "price_unreadable": N_("“{value}” is not an amount (e.g. 49.90)"),
    "price_whole_only": N_("{currency} has no fractions: type a whole number"),
    "price_whole_only_or_thousands": N_(
        "{currency} has no fractions: type a whole number (write a thousand as 1000 or 1 000)"
    ),
    "price_too_many_decimals": N_("{currency} has at most {decimals} decimals"),
    "price_too_many_decimals_or_thousands": N_(
        "{currency} has at most {decimals} decimals (write a thousand as 1000 or 1 000)"
    ),
    "price_too_high": N_("at most {limit} {currency}"),
    "currency_unsupported": N_("“{value}” is not supported; choose one of {choices}"),
    "timezone_unknown": N_("“{value}” is not a time zone I know (try Europe/Berlin)"),
    "timezone_unloadable": N_("“{value}” cannot be loaded"),
    "user_id_invalid": N_("a Telegram user id is a positive number of up to 16 digits"),
    "plan_unknown": N_("plan must be free, growth or pro"),
}
