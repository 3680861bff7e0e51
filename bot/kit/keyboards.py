"""Inline keyboards and strict callback-data formats (Telegram allows 64 bytes)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from domain.timezones import COMMON_TIMEZONES

TZ_PREFIX = "tz:"


def timezone_choices() -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(zone, callback_data=f"{TZ_PREFIX}{zone}") for zone in COMMON_TIMEZONES
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return InlineKeyboardMarkup(rows)
