"""The time-zone keyboard: one button per common zone, `tz:<IANA name>` on the codec."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.kit.callbacks import Callback, Word
from domain.timezones import COMMON_TIMEZONES

# Any IANA-shaped name reads (old keyboards may offer a zone no longer in the list); the
# zone itself is checked where it is saved, like a typed one.
ZONE = Callback("tz", lambda zone: zone, zone=Word(r"[A-Za-z][A-Za-z0-9_+\-/]{0,59}"))


def timezone_choices() -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(zone, callback_data=ZONE.pack(zone=zone)) for zone in COMMON_TIMEZONES
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return InlineKeyboardMarkup(rows)
