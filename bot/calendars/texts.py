"""What /calendar says. Addresses and passwords are never shown back: a source is named by
its host (and user name for CalDAV)."""

from __future__ import annotations

from domain.calendars.model import ReadError
from i18n import N_, ngettext

DISABLED = N_(
    "Calendar connections are disabled on this bot: its operator has not set "
    "CALENDAR_SECRET_KEY, the key that keeps calendar addresses and passwords encrypted."
)
HEAD = N_(
    "📅 <b>Your calendars</b>\n"
    "Busy times in your own calendars are never offered to clients. They are read every "
    "{minutes} minutes, so a change you make there blocks bookings from the next read on."
)
NONE_YET = N_("No calendar connected yet.")
KIND_ICS = N_("calendar address")
KIND_CALDAV = "CalDAV"
SOURCE = "{number}. <b>{label}</b> ({kind})"
INDENT = "   "  # a source's detail lines, under its name
NEVER_READ = N_("not read yet")
LAST_READ = N_("last read {when} · {busy}")
LAST_ERROR = N_("⚠️ last try failed: {reason}")
RECEIVES = N_("📥 bookings are written to “{name}”")
BLOCKS = N_("blocks time: {names}")

# i18n: button
ADD_ICS = N_("➕ Calendar address (iCal)")
# i18n: button
ADD_CALDAV = N_("➕ CalDAV account")
# i18n: button
DISCONNECT = N_("✖ Disconnect {label}")
# i18n: button
DONE = N_("✅ Done")
# i18n: button
BACK = N_("◀ Back")
# i18n: button
YES_DISCONNECT = N_("Yes, disconnect")

ASK_URL = N_(
    "Paste your calendar's secret address in iCal format (it starts with https:// and "
    "usually ends with .ics). In Google Calendar: Settings → your calendar → Integrate "
    "calendar → “Secret address in iCal format”. /cancel to stop."
)
ASK_SERVER = N_(
    "Your CalDAV server address, e.g. <code>https://caldav.fastmail.com/</code>, "
    "<code>https://caldav.icloud.com/</code> or your Nextcloud's "
    "<code>https://cloud.example.com/remote.php/dav/</code>. /cancel to stop."
)
ASK_USER = N_("Your user name on that server (often your e-mail address).")
ASK_PASSWORD = N_(
    "An app password for the bot (not your main password: create one in your account's "
    "security settings). I delete your message right after reading it."
)
READING = N_("Reading your calendar…")


def connected(label: str, busy_count: int, days: int) -> str:
    return ngettext(
        "Connected {label}: {busy} read for the next {count} day.",
        "Connected {label}: {busy} read for the next {count} days.",
        days,
    ).format(label=label, busy=busy_times(busy_count), count=days)


NOT_CONNECTED = N_("I could not read that calendar: {reason}. Check it and send it again.")


def choose(count: int, label: str) -> str:
    return ngettext(
        "Found {count} calendar on {label}. Choose which ones block time (🚫) and the one "
        "that receives your bookings (📥), then save.",
        "Found {count} calendars on {label}. Choose which ones block time (🚫) and the one "
        "that receives your bookings (📥), then save.",
        count,
    ).format(count=count, label=label)


NO_CALENDARS = N_("That account has no calendars I can use.")
BLOCKING_ON = "🚫 {name}"
BLOCKING_OFF = "◻ {name}"
TARGET_ON = "📥 {name}"
TARGET_OFF = "📥? {name}"
# i18n: button
SAVE = N_("💾 Save")
CONFIRM_DISCONNECT = N_(
    "Disconnect <b>{label}</b>? Its busy times stop blocking bookings at once, and new "
    "bookings are no longer written to it."
)
DISCONNECTED = N_("Disconnected {label}.")
STOPPED = N_("Stopped. Your calendars are as they were.")
BYE = N_("Your calendars are saved.")


def busy_times(count: int) -> str:
    return ngettext("{count} busy time", "{count} busy times", count).format(count=count)


READ_ERRORS: dict[ReadError, str] = {
    ReadError.UNREACHABLE: N_("the server could not be reached"),
    ReadError.TIMEOUT: N_("the server took too long to answer"),
    ReadError.TOO_LARGE: N_("the calendar is larger than 5 MB"),
    ReadError.NOT_A_CALENDAR: N_("the address does not give a calendar"),
    ReadError.REFUSED_ADDRESS: N_(
        "only public https:// addresses can be used (not local or private networks)"
    ),
    ReadError.HTTP_STATUS: N_("the server answered with an error"),
    ReadError.AUTH: N_("the server refused the user name or password"),
    ReadError.NO_KEY: N_("the bot's calendar key changed; connect this calendar again"),
}

# Why connecting was refused, by the code the domain names.
REASONS: dict[str, str] = {
    "calendar_url_not_https": N_("the address must start with https://"),
    "calendars_too_many": N_("you can connect at most {limit} calendars"),
    "calendar_target_taken": N_("another calendar already receives your bookings"),
}
