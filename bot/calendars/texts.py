"""What /calendar says. Addresses and passwords are never shown back: a source is named by
its host (and user name for CalDAV)."""

from __future__ import annotations

from domain.calendars.model import ReadError

DISABLED = (
    "Calendar connections are disabled on this bot: its operator has not set "
    "CALENDAR_SECRET_KEY, the key that keeps calendar addresses and passwords encrypted."
)
HEAD = (
    "📅 <b>Your calendars</b>\n"
    "Busy times in your own calendars are never offered to clients. They are read every "
    "{minutes} minutes, so a change you make there blocks bookings from the next read on."
)
NONE_YET = "No calendar connected yet."
KIND_ICS = "calendar address"
KIND_CALDAV = "CalDAV"
SOURCE = "{number}. <b>{label}</b> ({kind})"
NEVER_READ = "   not read yet"
LAST_READ = "   last read {when} · {busy}"
LAST_ERROR = "   ⚠️ last try failed: {reason}"
RECEIVES = "   📥 bookings are written to “{name}”"
BLOCKS = "   blocks time: {names}"

ADD_ICS = "➕ Calendar address (iCal)"
ADD_CALDAV = "➕ CalDAV account"
DISCONNECT = "✖ Disconnect {label}"
DONE = "✅ Done"
BACK = "◀ Back"
YES_DISCONNECT = "Yes, disconnect"

ASK_URL = (
    "Paste your calendar's secret address in iCal format (it starts with https:// and "
    "usually ends with .ics). In Google Calendar: Settings → your calendar → Integrate "
    "calendar → “Secret address in iCal format”. /cancel to stop."
)
ASK_SERVER = (
    "Your CalDAV server address, e.g. <code>https://caldav.fastmail.com/</code>, "
    "<code>https://caldav.icloud.com/</code> or your Nextcloud's "
    "<code>https://cloud.example.com/remote.php/dav/</code>. /cancel to stop."
)
ASK_USER = "Your user name on that server (often your e-mail address)."
ASK_PASSWORD = (
    "An app password for the bot (not your main password: create one in your account's "
    "security settings). I delete your message right after reading it."
)
READING = "Reading your calendar…"
CONNECTED = "Connected {label}: {busy} read for the next {days} days."
NOT_CONNECTED = "I could not read that calendar: {reason}. Check it and send it again."
CHOOSE = (
    "Found {count} calendars on {label}. Choose which ones block time (🚫) and the one "
    "that receives your bookings (📥), then save."
)
NO_CALENDARS = "That account has no calendars I can use."
BLOCKING_ON = "🚫 {name}"
BLOCKING_OFF = "◻ {name}"
TARGET_ON = "📥 {name}"
TARGET_OFF = "📥? {name}"
SAVE = "💾 Save"
CONFIRM_DISCONNECT = (
    "Disconnect <b>{label}</b>? Its busy times stop blocking bookings at once, and new "
    "bookings are no longer written to it."
)
DISCONNECTED = "Disconnected {label}."
STOPPED = "Stopped. Your calendars are as they were."
BYE = "Your calendars are saved."


def busy_times(count: int) -> str:
    return "1 busy time" if count == 1 else f"{count} busy times"


READ_ERRORS: dict[ReadError, str] = {
    ReadError.UNREACHABLE: "the server could not be reached",
    ReadError.TIMEOUT: "the server took too long to answer",
    ReadError.TOO_LARGE: "the calendar is larger than 5 MB",
    ReadError.NOT_A_CALENDAR: "the address does not give a calendar",
    ReadError.REFUSED_ADDRESS: (
        "only public https:// addresses can be used (not local or private networks)"
    ),
    ReadError.HTTP_STATUS: "the server answered with an error",
    ReadError.AUTH: "the server refused the user name or password",
    ReadError.NO_KEY: "the bot's calendar key changed; connect this calendar again",
}

# Why connecting was refused, by the code the domain names.
REASONS: dict[str, str] = {
    "calendar_url_not_https": "the address must start with https://",
    "calendars_too_many": "you can connect at most {limit} calendars",
    "calendar_target_taken": "another calendar already receives your bookings",
}
