"""What a client reads through a coach's links: the booking page and one package."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.catalog.buttons import SHOP_PACKAGE, SHOP_PAGE
from bot.catalog.packages_views import details, items_inline, price_label, validity_label
from bot.catalog.shared_views import paging_row
from domain.catalog.drafts import PackageDraft
from domain.catalog.model import Package
from domain.model import Coach
from domain.pagination import Page
from i18n import N_, _

PER_PAGE = 5
NOTHING_ON_SALE = N_("There are no packages on sale right now. Please check back later.")
NOT_AVAILABLE = N_("This package has nothing left in it, so it is not available right now.")


def booking_page(coach: Coach, page: Page[Package]) -> str:
    name = escape(coach.display_name)
    # i18n: the heading of a coach's booking page; {name} is the coach's name
    head = _("<b>{name}</b> — packages").format(name=name)
    if not page.items:
        return f"{head}\n\n{_(NOTHING_ON_SALE)}"
    if page.pages > 1:
        head = _("<b>{name}</b> — packages (page {page} of {pages})").format(
            name=name, page=page.page, pages=page.pages
        )
    entries = [
        f"<b>{escape(p.title)}</b> — {price_label(p.price_minor, p.currency)}\n"
        f"{items_inline(p.items)} · {validity_label(p.validity_days)}"
        for p in page.items
    ]
    return "\n\n".join([head, *entries, _("Tap a package to see its details.")])


def booking_keyboard(slug: str, page: Page[Package]) -> InlineKeyboardMarkup | None:
    """Public ids in the data: having the button is having the package's link anyway, and
    integer ids would let anyone walk through hidden packages."""
    rows = [
        [InlineKeyboardButton(p.title, callback_data=SHOP_PACKAGE.pack(public_id=p.public_id))]
        for p in page.items
    ]
    paging = paging_row(page, lambda n: SHOP_PAGE.pack(slug=slug, page=n))
    if paging:
        rows.append(paging)
    return InlineKeyboardMarkup(rows) if rows else None


def package_page(package: Package) -> str:
    text = details(PackageDraft.of(package), for_coach=False)
    return f"{text}\n\n{_(NOT_AVAILABLE)}" if not package.items else text
