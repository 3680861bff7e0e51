"""Every sentence the bot says about people, links and errors. Wording changes live here."""

from __future__ import annotations

from html import escape

from domain.catalog.overview import CatalogCounts
from domain.model import Coach

INVALID_LINK = "Sorry, this link is not valid. Please ask your coach for a fresh one."
TOO_MANY_LINKS = (
    "Too many links that did not work. Please wait {minutes} min and try again, or ask your "
    "coach for a fresh link."
)
SOMETHING_WENT_WRONG = (
    "Something went wrong on our side, and nothing was changed. Please try again in a moment."
)
NOT_A_COACH = (
    "That command is for coaches. If you coach and want to sell packages here, send /becomecoach."
)
NOT_FOUND = "I couldn't find that. It may have been deleted."
CHANGED_MEANWHILE = (
    "This was changed in another chat while you were editing it, so your changes were not "
    "saved. Open it again to see the latest version."
)
NOT_ALLOWED = "Sorry, only an administrator can do that."
REGISTRATION_CLOSED = (
    "Coach registration is closed on this bot. Ask the bot's owner to add you as a coach."
)
NOTHING_TO_CANCEL = "There is nothing to cancel. Send /help to see what you can do."
CANCELLED = "Cancelled. Nothing was changed."
USE_BUTTONS = "Please answer the question above (or use its buttons), or send /cancel to stop."
FLOW_GONE = "That draft is no longer open, so nothing was saved. Start again any time."


def busy_in_flow(label: str) -> str:
    """Another command or flow inside a flow: one flow at a time."""
    return (
        f"You are in the middle of {label}: answer the question above, "
        "or send /cancel to leave it before starting anything else."
    )


UNKNOWN_COMMAND = "I don't know that command. /help lists what you can do."
UNEXPECTED_TEXT = "I'm not sure what to do with that. /help lists what you can do."
STALE_BUTTON = "This button is out of date."
FLOW_TIMED_OUT = "I stopped waiting for an answer, so nothing was changed. Start again any time."

CLIENT_WELCOME = (
    "Hi {name}! I help you book sessions with your coach.\n\n"
    "• Your coach's booking page link shows the packages they offer.\n"
    "• After you get a package, you receive a private <b>access link</b>: open it any time to "
    "see how many sessions are left and to book them. Keep it to yourself — whoever has it "
    "can use it.\n\n"
    "Send /timezone to see times in your own time zone, /help for everything else."
)

CLIENT_HELP = (
    "<b>What you can do</b>\n"
    "• Open your coach's booking-page link to see their packages.\n"
    "• Open your access link to see what is left in your package and book sessions.\n"
    "/mypackages — the packages you got or opened by link\n"
    "/timezone — choose your time zone (now: {zone})\n"
    "/language — choose your language\n"
    "/cancel — leave whatever you are doing\n"
    "/becomecoach — sell your own packages (if the bot allows it)"
)

COACH_HELP = (
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

ADMIN_HELP = "\n\n<b>Admin</b>\n/setplan &lt;coach user id&gt; &lt;free|growth|pro&gt;"

SETPLAN_USAGE = (
    "Usage: /setplan &lt;coach user id&gt; &lt;free|growth|pro&gt;, e.g. /setplan 12345 growth"
)

TIMEZONE_ASK = (
    "Your time zone is now <b>{zone}</b>.\nChoose a new one below, or type its IANA name "
    "(for example <code>Europe/Berlin</code> or <code>America/Sao_Paulo</code>). /cancel to stop."
)
TIMEZONE_SET = "Done: times are now shown in <b>{zone}</b> (local time there: {local})."
TIMEZONE_BAD = "Sorry, {reason}. Type an IANA name such as Europe/Berlin, or pick a button."


def coach_home(coach: Coach, booking_link: str, counts: CatalogCounts) -> str:
    return (
        f"<b>Coach home</b> — {escape(coach.display_name)}\n"
        f"Plan: {coach.plan.value} · Time zone: {coach.timezone}\n"
        f"Services: {counts.services} · Series: {counts.series} · "
        f"Packages: {counts.packages}\n\n"
        f"Your booking page (share it with clients):\n{booking_link}"
    )


def became_coach(coach: Coach, created: bool) -> str:
    first = "You are now a coach" if created else "You are already a coach"
    return f"{first}, {escape(coach.display_name)}! Send /start for your coach home."


def plan_set(coach: Coach) -> str:
    return f"{escape(coach.display_name)} ({coach.user_id}) is now on the {coach.plan.value} plan."


# Why an input was refused, shared by every feature (parsing, money, time zones, accounts);
# keyed by the code the domain's InvalidInput names (see bot.kit.reasons).
REASONS: dict[str, str] = {
    "price_negative": "a price cannot be negative",
    "time_of_day_invalid": "{hour}:{minute:02d} is not a time of day",
    "whole_number_out_of_range": "type a whole number from {lo} to {hi}",
    "duration_unreadable": "type minutes like 60 or 90 min, or hours like 1h30",
    "start_unreadable": "type a date and time like 01.12.2026 18:00",
    "start_not_real": "“{value}” is not a real date and time",
    "start_passed": "that time has already passed: type a time from now to {latest:%d.%m.%Y}",
    "start_too_far": "that is more than 5 years ahead: type a time from now to {latest:%d.%m.%Y}",
    "time_skipped_by_dst": (
        "{moment:%a %d.%m.%Y %H:%M} does not exist in {zone}: "
        "the clocks jump forward then; pick another time"
    ),
    "schedule_unreadable": "type it like: every Tuesday 18:00 for 8 weeks",
    "schedule_weeks_out_of_range": "repeat for 1 to {limit} weeks",
    "weekday_unreadable": "“{value}” is not a weekday",
    "offset_unreadable": "“{value}” is not like 7d, 24h or 30m",
    "offset_zero": "“{value}” is zero: a reminder needs time before",
    "offset_too_long": "“{value}” is more than 365 days",
    "price_unreadable": "“{value}” is not an amount (e.g. 49.90)",
    "price_whole_only": "{currency} has no fractions: type a whole number",
    "price_whole_only_or_thousands": (
        "{currency} has no fractions: type a whole number (write a thousand as 1000 or 1 000)"
    ),
    "price_too_many_decimals": "{currency} has at most {decimals} decimals",
    "price_too_many_decimals_or_thousands": (
        "{currency} has at most {decimals} decimals (write a thousand as 1000 or 1 000)"
    ),
    "price_too_high": "at most {limit} {currency}",
    "currency_unsupported": "“{value}” is not supported; choose one of {choices}",
    "timezone_unknown": "“{value}” is not a time zone I know (try Europe/Berlin)",
    "timezone_unloadable": "“{value}” cannot be loaded",
    "user_id_invalid": "a Telegram user id is a positive number of up to 16 digits",
    "plan_unknown": "plan must be free, growth or pro",
}
