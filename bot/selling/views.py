"""Client-side screens of selling: the package page's buttons, a sold package seen through its
access link, and /mypackages."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.catalog.buttons import PACKAGE_LINK
from bot.catalog.shared_views import button, paging_row
from bot.selling import buttons as kinds
from bot.selling import texts
from domain.catalog.model import Package
from domain.pagination import Page
from domain.selling.access import SoldLine, SoldView
from domain.selling.model import SoldStatus
from i18n import _

PER_PAGE = 5


def package_keyboard(package: Package, viewer_id: int) -> InlineKeyboardMarkup | None:
    """Buy (or Get it) for clients; the coach's own actions for the coach; nothing when the
    package holds nothing."""
    if not package.items:
        return None
    if viewer_id == package.coach_id:
        return InlineKeyboardMarkup(
            [
                [
                    button(_(texts.GRANT), kinds.GRANT.pack(package=package.id)),
                    # i18n: button
                    button(_("🔗 Link"), PACKAGE_LINK.pack(package=package.id)),
                ]
            ]
        )
    label = texts.buy_label(package.price_minor, package.currency)
    how = kinds.GET if package.price_minor == 0 else kinds.BUY
    return InlineKeyboardMarkup([[button(label, how.pack(public_id=package.public_id))]])


def open_keyboard(sold_id: int) -> InlineKeyboardMarkup:
    label = _(texts.OPEN_PACKAGE)
    return InlineKeyboardMarkup([[button(label, kinds.OPEN_MINE.pack(sold=sold_id))]])


def sold_text(view: SoldView) -> str:
    """A sold package as anyone holding its link sees it (never who bought it)."""
    sold = view.sold
    lines = [
        _("<b>{title}</b> — from {coach}").format(
            title=escape(sold.title), coach=escape(view.coach.display_name)
        )
    ]
    if sold.description:
        lines.append(escape(sold.description))
    lines += [
        "",
        texts.items_block(sold.items),
        "",
        _("Status: {status}").format(status=texts.status(view.status)),
        texts.expiry_line(sold.expires_at, view.zone),
    ]
    return "\n".join(lines)


def mine_text(page: Page[SoldLine], zone: str) -> str:
    if page.total == 0:
        return _(texts.EMPTY_MINE)
    if page.pages > 1:
        header = _("<b>Your packages</b> ({total}) · page {page} of {pages}").format(
            total=page.total, page=page.page, pages=page.pages
        )
    else:
        header = _("<b>Your packages</b> ({total})").format(total=page.total)
    first = (page.page - 1) * PER_PAGE + 1
    entries = [
        f"{n}. <b>{escape(line.sold.title)}</b> — {texts.left_text(line.sold)} · "
        f"{_state(line, zone)}"
        for n, line in enumerate(page.items, start=first)
    ]
    return "\n".join([header, "", *entries, "", _("Tap one to open it.")])


def _state(line: SoldLine, zone: str) -> str:
    if line.status is not SoldStatus.ACTIVE or line.sold.expires_at is None:
        return texts.status(line.status)
    return _("until {date}").format(date=texts.day(line.sold.expires_at, zone))


def numbered_rows(
    page: Page[SoldLine],
    per_page: int,
    open_data: Callable[[int], str],
    page_data: Callable[[int], str],
) -> list[list[InlineKeyboardButton]]:
    """One numbered button per sold package (`open_data(its id)`), then ◀ ▶."""
    first = (page.page - 1) * per_page + 1
    rows = [
        [button(f"{n}. {line.sold.title}", open_data(line.sold.stored_id))]
        for n, line in enumerate(page.items, start=first)
    ]
    paging = paging_row(page, page_data)
    return [*rows, paging] if paging else rows


def mine_keyboard(page: Page[SoldLine]) -> InlineKeyboardMarkup | None:
    rows = numbered_rows(
        page,
        PER_PAGE,
        lambda sold: kinds.OPEN_MINE.pack(sold=sold),
        lambda n: kinds.MINE_PAGE.pack(page=n),
    )
    return InlineKeyboardMarkup(rows) if rows else None


def no_button(data: str) -> InlineKeyboardButton:
    """A question's ✖ No: back to the screen it was asked from (`data`)."""
    # i18n: button
    return button(_("✖ No"), data)


def yes_or_no(yes: InlineKeyboardButton, no_data: str) -> InlineKeyboardMarkup:
    """A question's keyboard: its yes, then ✖ No back to `no_data`."""
    return InlineKeyboardMarkup([[yes], [no_button(no_data)]])
