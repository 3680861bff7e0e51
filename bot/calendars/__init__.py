"""/calendar: connecting the coach's outside calendars (feeds and CalDAV)."""

from bot.calendars.texts import REASONS
from bot.kit.reasons import add_reasons

add_reasons(REASONS)
