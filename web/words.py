"""The Mini App's words for its scripts, in the page's language: the page carries them as a
JSON object (`<script type="application/json" id="words">`), the scripts read them by key
and fill the named placeholders (`{title}`). A plural is sent as its forms by CLDR category
(`one`, `few`, `many`, `other`), chosen in the browser with `Intl.PluralRules`.

Built when a page is rendered (inside `speaking`), never at import."""

from __future__ import annotations

from collections.abc import Callable

from i18n import _, ngettext

Words = dict[str, str | dict[str, str]]


def plural(form: Callable[[int], str]) -> dict[str, str]:
    """The forms of a plural sentence (`form(n)` says it for n) by CLDR category: 1 is `one`,
    2 `few` (Russian), 5 `many` (Russian), 0 `other`; the script picks one for its count."""
    return {"one": form(1), "few": form(2), "many": form(5), "other": form(0)}


def shared() -> Words:
    """What every page's script may say (app.js)."""
    return {
        "reopen": _("Please open this page again from the chat."),
        "unavailable": _("This is not available."),
        "failed": _("Something went wrong. Please try again."),
    }


def picker() -> Words:
    """The day and time picker (picker.js `app.picker`) of the calendar and of the desk."""
    return {
        "Times_in": _("Times in {zone}"),
        "move_head": _("Move {title} from {when}"),
        "move_label": _("Move {title} on {when}"),
        "free_times": plural(
            lambda n: ngettext("{day}, {count} free time", "{day}, {count} free times", n)
        ),
        "free_dates": plural(lambda n: ngettext("{day}, {count} date", "{day}, {count} dates", n)),
        "nothing_free": _("{day}, nothing free"),
        "no_free_in": _("No free times in {month}."),
        "pick_time": _("Pick a time on {day} (times in {zone})"),
        "nothing_that_day": _("Nothing free that day any more."),
        "seats_left": plural(lambda n: ngettext("{count} left", "{count} left", n)),
        "time_label": _("{time} on {day}"),
        "confirm_move": _("Move {title} from {when} to {day} {time} ({zone})?"),
        # i18n: button
        "confirm": _("✅ Confirm"),
        "moved": _("Moved: {title}, now {when} ({zone})"),
        "ask_cancel": _("Cancel {title} on {when}?"),
    }


def calendar() -> Words:
    """The client's calendar (calendar.js)."""
    return {
        **shared(),
        **picker(),
        "left_of": _("{left} of {total} left"),
        "until": _("until {when}"),
        "times_in": _("times in {zone}"),
        # i18n: button
        "book": _("📅 Book"),
        "book_label": _("Book {title}"),
        "none_booked": _("No sessions booked yet."),
        # i18n: button
        "move": _("🕑 Move"),
        # i18n: button
        "cancel": _("✖ Cancel"),
        "cancel_label": _("Cancel {title} on {when}"),
        "feed_label": _("Subscribe to this package's sessions in your calendar"),
        "confirm_book": _("Book {title} on {day} {time} ({zone})?"),
        "booked": _("Booked: {title}, {when} ({zone})"),
        "cancelled": _("Cancelled: {title}, {when}."),
        "returned": _("It is back in the package."),
    }


def desk() -> Words:
    """The coach's desk (desk.js)."""
    return {
        **shared(),
        **picker(),
        "week_of": _("Week of {label} (times in {zone})"),
        "no_sessions": _("No sessions this week."),
        "open_session": _("Actions for {what}, {when}"),
        "seats_taken": _("{taken} of {capacity} seats taken"),
        "cancel_label": _("Cancel {what}, {when}"),
        "no_show_label": _("Mark {what}, {when} as a no-show"),
        "cancelled": _("Cancelled: {title}, {when}"),
        "no_show": _("Marked as a no-show: {title}, {when}"),
        "nothing_found": _("Nothing found."),
        "manage": _("Manage {title}"),
        "manage_of": _("Manage {title} of {client}"),
        "left_of": _("{left} of {total}"),
        "status_active": _("active"),
        "status_expired": _("expired"),
        "status_used_up": _("used up"),
        "status_paused": _("paused"),
        "status_refunded": _("refunded"),
        "expires": _("{what} — expires {when}"),
        "expires_never": _("{what} — expires never"),
        "expiry_changed": _("Expiry changed to {when}; the client was told."),
        "expiry_removed": _("Expiry changed to no limit; the client was told."),
        "unchanged": _("It already was so."),
        "ask_revoke": _(
            "Revoke the link of {title}? Everyone holding it loses the package; "
            "you get a new link."
        ),
        "new_link": _("New link: {link}"),
        "old_link_gone": _("The old link no longer works."),
        "export_failed": _("The export failed. Please try again."),
        "feed_rotated": _("Your calendar feed has a new address; the old one no longer works."),
    }


PAGES: dict[str, Callable[[], Words]] = {"calendar.html": calendar, "desk.html": desk}
