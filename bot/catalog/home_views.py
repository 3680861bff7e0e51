"""The coach home's buttons into the catalog lists (services, series, packages)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.catalog.buttons import SERIES, SERVICE
from domain.catalog.overview import CatalogCounts


def coach_home_keyboard(counts: CatalogCounts) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    f"Services ({counts.services})", callback_data=SERVICE.list.pack(page=1)
                ),
                InlineKeyboardButton(
                    f"Series ({counts.series})", callback_data=SERIES.list.pack(page=1)
                ),
            ],
            [InlineKeyboardButton(f"Packages ({counts.packages})", callback_data="pkg:list:1")],
        ]
    )
