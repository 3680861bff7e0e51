"""The coach home's buttons into the catalog lists (services, series, packages)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo

from bot.catalog.buttons import PACKAGE_LIST, SERIES, SERVICE
from bot.kit.commands import desk_url
from domain.catalog.overview import CatalogCounts
from i18n import _


def coach_home_keyboard(counts: CatalogCounts, web_base_url: str = "") -> InlineKeyboardMarkup:
    """The catalog's lists; with WEB_BASE_URL the Mini App's desk too."""
    # i18n: button
    desk = [InlineKeyboardButton(_("🗓 Desk"), web_app=WebAppInfo(desk_url(web_base_url)))]
    return InlineKeyboardMarkup(
        [
            *([desk] if web_base_url else []),
            [
                InlineKeyboardButton(
                    # i18n: button
                    _("Services ({count})").format(count=counts.services),
                    callback_data=SERVICE.list.pack(page=1),
                ),
                InlineKeyboardButton(
                    # i18n: button
                    _("Series ({count})").format(count=counts.series),
                    callback_data=SERIES.list.pack(page=1),
                ),
            ],
            [
                InlineKeyboardButton(
                    # i18n: button
                    _("Packages ({count})").format(count=counts.packages),
                    callback_data=PACKAGE_LIST.pack(page=1),
                )
            ],
        ]
    )
