"""What a coach reads about packages: details, the paged list, one package and its actions."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.catalog import buttons as kinds
from bot.catalog.shared_views import paging_row
from bot.selling.buttons import GRANT
from domain.catalog.drafts import PackageDraft
from domain.catalog.model import ItemKind, Package, PackageItem
from domain.catalog.packages import PackageSummary
from domain.money import format_amount
from domain.pagination import Page

PER_PAGE = 5

EMPTY_LIST = (
    "<b>Your packages</b>\n\nYou have no packages yet. A package bundles sessions of your "
    "services and series for one price.\nPress <b>New package</b> or send /newpackage to "
    "create one."
)
LIST_HINT = "Tap a package to view, edit, clone, hide, delete it or get its link."
STALE_BUTTON = "This button is out of date. Send /packages for the current list."
HIDDEN_NOTE = "Hidden: it is not on your booking page, but its direct link still works."
SHOWN_NOTE = "Visible: it is listed on your booking page."


def price_label(price_minor: int | None, currency: str | None) -> str:
    if price_minor is None or currency is None:
        return "not set"
    return "free" if price_minor == 0 else format_amount(price_minor, currency)


def validity_label(days: int | None) -> str:
    if days is None:
        return "no expiry"
    return f"valid {days} day{'s' if days != 1 else ''} after purchase"


def item_label(item: PackageItem) -> str:
    kind = "1:1" if item.kind is ItemKind.SERVICE else "group"
    title = escape(item.title) if item.title else f"a {item.kind.value}"
    return f"{item.quantity} × {title} ({kind})"


def items_inline(items: list[PackageItem], limit: int = 3) -> str:
    """A one-line digest for lists (full items are on the package's own screen), so a page
    of long packages stays far below Telegram's 4096 characters."""
    shown = ", ".join(item_label(i) for i in items[:limit]) or "no items"
    more = len(items) - limit
    return f"{shown} and {more} more" if more > 0 else shown


def items_block(items: list[PackageItem]) -> str:
    return "\n".join(f"• {item_label(i)}" for i in items) or "• (none yet)"


def details(draft: PackageDraft, *, for_coach: bool = True) -> str:
    """Every field of a package (or of a draft), as the coach or a client reads it."""
    lines = [f"<b>{escape(draft.title) or '(no title yet)'}</b>"]
    if draft.description:
        lines.append(escape(draft.description))
    lines += ["", "<b>Sessions</b>", items_block(draft.items), ""]
    lines.append(f"Price: {price_label(draft.price_minor, draft.currency)}")
    lines.append(f"Validity: {validity_label(draft.validity_days)}")
    if for_coach:
        lines.append(f"Hidden: {'yes (only its direct link sells it)' if draft.hidden else 'no'}")
    return "\n".join(lines)


def list_text(page: Page[PackageSummary]) -> str:
    if page.total == 0:
        return EMPTY_LIST
    header = f"<b>Your packages</b> ({page.total})"
    if page.pages > 1:
        header += f" · page {page.page} of {page.pages}"
    first = (page.page - 1) * PER_PAGE + 1
    entries = [_entry(n, summary) for n, summary in enumerate(page.items, start=first)]
    return "\n\n".join([header, *entries, LIST_HINT])


def _entry(number: int, summary: PackageSummary) -> str:
    p = summary.package
    flags = " · hidden" if p.hidden else ""
    return (
        f"{number}. <b>{escape(p.title)}</b> — {price_label(p.price_minor, p.currency)}{flags}\n"
        f"{items_inline(p.items)}\n{validity_label(p.validity_days)} · sold {summary.sold}"
    )


def list_keyboard(page: Page[PackageSummary]) -> InlineKeyboardMarkup:
    first = (page.page - 1) * PER_PAGE + 1
    rows = [
        [
            InlineKeyboardButton(
                f"{n}. {s.package.title}",
                callback_data=kinds.PACKAGE_VIEW.pack(package=s.package.id),
            )
        ]
        for n, s in enumerate(page.items, start=first)
    ]
    paging = paging_row(page, lambda n: kinds.PACKAGE_LIST.pack(page=n))
    if paging:
        rows.append(paging)
    rows.append([InlineKeyboardButton("➕ New package", callback_data=kinds.FORM_NEW.pack())])
    return InlineKeyboardMarkup(rows)


def package_text(package: Package, note: str = "") -> str:
    text = details(PackageDraft.of(package))
    if not package.items:
        text += "\n\n⚠️ Nothing is left in it, so clients cannot buy it. Edit its items."
    return f"{text}\n\n<i>{note}</i>" if note else text


def package_keyboard(package: Package) -> InlineKeyboardMarkup:
    pid = package.id
    hiding = (
        ("👁 Unhide", kinds.PACKAGE_SHOW) if package.hidden else ("🙈 Hide", kinds.PACKAGE_HIDE)
    )
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("✏️ Edit", callback_data=kinds.PACKAGE_EDIT.pack(package=pid)),
                InlineKeyboardButton(
                    "📄 Clone", callback_data=kinds.PACKAGE_CLONE.pack(package=pid)
                ),
            ],
            [
                InlineKeyboardButton(hiding[0], callback_data=hiding[1].pack(package=pid)),
                InlineKeyboardButton(
                    "🔗 Link", callback_data=kinds.PACKAGE_LINK.pack(package=pid)
                ),
            ],
            [
                InlineKeyboardButton("🎁 Grant", callback_data=GRANT.pack(package=pid)),
                InlineKeyboardButton(
                    "🗑 Delete", callback_data=kinds.PACKAGE_DELETE.pack(package=pid)
                ),
            ],
            [
                InlineKeyboardButton(
                    "◀ All packages", callback_data=kinds.PACKAGE_LIST.pack(page=1)
                )
            ],
        ]
    )


def link_text(package: Package, url: str) -> str:
    where = (
        "It is hidden from your booking page, but this link still opens it."
        if package.hidden
        else "It is also listed on your booking page."
    )
    return (
        f"Direct link to <b>{escape(package.title)}</b> — send it to a client:\n{url}\n\n{where}"
    )


def delete_question(package: Package) -> str:
    return (
        f"Delete <b>{escape(package.title)}</b>?\n\n"
        "Clients will no longer be able to buy it and its link will stop working. Packages "
        "already sold keep working exactly as they were bought.\n"
        "To stop selling it only for a while, hide it instead."
    )


def delete_keyboard(package: Package) -> InlineKeyboardMarkup:
    pid = package.id
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    "Yes, delete it",
                    callback_data=kinds.PACKAGE_DELETE_YES.pack(package=pid, yes="yes"),
                )
            ],
            [
                InlineKeyboardButton(
                    "🙈 Hide instead", callback_data=kinds.PACKAGE_HIDE.pack(package=pid)
                )
            ],
            [
                InlineKeyboardButton(
                    "No, keep it", callback_data=kinds.PACKAGE_VIEW.pack(package=pid)
                )
            ],
        ]
    )


def deleted_text(package: Package) -> str:
    return f"Deleted <b>{escape(package.title)}</b>. Packages already sold keep working."


def back_to_list() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton("◀ All packages", callback_data=kinds.PACKAGE_LIST.pack(page=1))]]
    )
