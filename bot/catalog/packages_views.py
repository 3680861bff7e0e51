"""What a coach reads about packages: details, the paged list, one package and its actions."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from babel.numbers import format_currency
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

import i18n
from bot.catalog import buttons as kinds
from bot.catalog.shared_views import button, list_header, paging_row
from bot.selling.buttons import GRANT
from domain.catalog.drafts import PackageDraft
from domain.catalog.model import ItemKind, Package, PackageItem
from domain.catalog.packages import PackageSummary
from domain.money import currency as currency_of
from domain.money import format_amount
from domain.pagination import Page
from i18n import N_, _, ngettext

PER_PAGE = 5

EMPTY_LIST = N_(
    "<b>Your packages</b>\n\nYou have no packages yet. A package bundles sessions of your "
    "services and series for one price.\nPress <b>New package</b> or send /newpackage to "
    "create one."
)
LIST_HINT = N_("Tap a package to view, edit, clone, hide, delete it or get its link.")
STALE_BUTTON = N_("This button is out of date. Send /packages for the current list.")
HIDDEN_NOTE = N_("Hidden: it is not on your booking page, but its direct link still works.")
SHOWN_NOTE = N_("Visible: it is listed on your booking page.")


def price_label(price_minor: int | None, currency: str | None) -> str:
    if price_minor is None or currency is None:
        # i18n: a package's price that is not set yet ("Price: not set")
        return _("not set")
    # i18n: a package's price of 0 ("Price: free")
    return _("free") if price_minor == 0 else money(price_minor, currency)


def money(minor: int, code: str) -> str:
    """An amount as the current language writes it with Babel ("49,90 €" in German); English
    keeps the bot's own "49.90 EUR", and Stars stay "150 ⭐" everywhere."""
    language = i18n.current()
    if language == i18n.DEFAULT or code == "XTR":
        return format_amount(minor, code)
    cur = currency_of(code)
    return format_currency(Decimal(minor).scaleb(-cur.exponent), cur.code, locale=language)


def validity_label(days: int | None) -> str:
    if days is None:
        return _("no expiry")
    return ngettext(
        "valid {count} day after purchase", "valid {count} days after purchase", days
    ).format(count=days)


def item_label(item: PackageItem) -> str:
    # i18n: a package item's kind: "1:1" (a service) or "group" (a series)
    kind = "1:1" if item.kind is ItemKind.SERVICE else _("group")
    title = escape(item.title) if item.title else _untitled(item.kind)
    return f"{item.quantity} × {title} ({kind})"


def _untitled(kind: ItemKind) -> str:
    """An item whose title is not known (it left the catalog): "3 × a service (1:1)"."""
    # i18n: in place of an item's title: "3 × a service (1:1)"
    return _("a service") if kind is ItemKind.SERVICE else _("a series")


def items_inline(items: list[PackageItem], limit: int = 3) -> str:
    """A one-line digest for lists (full items are on the package's own screen), so a page
    of long packages stays far below Telegram's 4096 characters."""
    shown = ", ".join(item_label(i) for i in items[:limit]) or _("no items")
    more = len(items) - limit
    if more <= 0:
        return shown
    return ngettext("{items} and {count} more", "{items} and {count} more", more).format(
        items=shown, count=more
    )


def items_block(items: list[PackageItem]) -> str:
    return "\n".join(f"• {item_label(i)}" for i in items) or "• " + _("(none yet)")


def details(draft: PackageDraft, *, for_coach: bool = True) -> str:
    """Every field of a package (or of a draft), as the coach or a client reads it."""
    title = escape(draft.title) or _("(no title yet)")
    lines = [f"<b>{title}</b>"]
    if draft.description:
        lines.append(escape(draft.description))
    sessions = _("Sessions")  # a heading: the package's items
    lines += ["", f"<b>{sessions}</b>", items_block(draft.items), ""]
    lines.append(_("Price: {price}").format(price=price_label(draft.price_minor, draft.currency)))
    lines.append(_("Validity: {validity}").format(validity=validity_label(draft.validity_days)))
    if for_coach:
        lines.append(
            _("Hidden: yes (only its direct link sells it)") if draft.hidden else _("Hidden: no")
        )
    return "\n".join(lines)


def list_text(page: Page[PackageSummary]) -> str:
    if page.total == 0:
        return _(EMPTY_LIST)
    header = list_header(_("Your packages"), page)
    first = (page.page - 1) * PER_PAGE + 1
    entries = [_entry(n, summary) for n, summary in enumerate(page.items, start=first)]
    return "\n\n".join([header, *entries, _(LIST_HINT)])


def _entry(number: int, summary: PackageSummary) -> str:
    p = summary.package
    flags = " · " + _("hidden") if p.hidden else ""
    sold = _("sold {count}").format(count=summary.sold)
    return (
        f"{number}. <b>{escape(p.title)}</b> — {price_label(p.price_minor, p.currency)}{flags}\n"
        f"{items_inline(p.items)}\n{validity_label(p.validity_days)} · {sold}"
    )


def list_keyboard(page: Page[PackageSummary]) -> InlineKeyboardMarkup:
    first = (page.page - 1) * PER_PAGE + 1
    rows = [
        [button(f"{n}. {s.package.title}", kinds.PACKAGE_VIEW.pack(package=s.package.id))]
        for n, s in enumerate(page.items, start=first)
    ]
    paging = paging_row(page, lambda n: kinds.PACKAGE_LIST.pack(page=n))
    if paging:
        rows.append(paging)
    # i18n: button
    rows.append([button(_("➕ New package"), kinds.FORM_NEW.pack())])
    return InlineKeyboardMarkup(rows)


def package_text(package: Package, note: str = "") -> str:
    text = details(PackageDraft.of(package))
    if not package.items:
        text += "\n\n" + _("⚠️ Nothing is left in it, so clients cannot buy it. Edit its items.")
    return f"{text}\n\n<i>{note}</i>" if note else text


def package_keyboard(package: Package) -> InlineKeyboardMarkup:
    pid = package.id
    hiding = (
        # i18n: button
        (_("👁 Unhide"), kinds.PACKAGE_SHOW)
        if package.hidden
        # i18n: button
        else (_("🙈 Hide"), kinds.PACKAGE_HIDE)
    )
    return InlineKeyboardMarkup(
        [
            [
                # i18n: button
                button(_("✏️ Edit"), kinds.PACKAGE_EDIT.pack(package=pid)),
                # i18n: button
                button(_("📄 Clone"), kinds.PACKAGE_CLONE.pack(package=pid)),
            ],
            [button(hiding[0], hiding[1].pack(package=pid)), link_button(pid)],
            [
                # i18n: button
                button(_("🎁 Grant"), GRANT.pack(package=pid)),
                # i18n: button
                button(_("🗑 Delete"), kinds.PACKAGE_DELETE.pack(package=pid)),
            ],
            back_row(),
        ]
    )


def link_button(package_id: int | None) -> InlineKeyboardButton:
    """The package's direct link, under a package and under "Saved"."""
    # i18n: button
    return button(_("🔗 Link"), kinds.PACKAGE_LINK.pack(package=package_id))


def back_row() -> list[InlineKeyboardButton]:
    # i18n: button
    return [button(_("◀ All packages"), kinds.PACKAGE_LIST.pack(page=1))]


def link_text(package: Package, url: str) -> str:
    where = (
        _("It is hidden from your booking page, but this link still opens it.")
        if package.hidden
        else _("It is also listed on your booking page.")
    )
    return _("Direct link to <b>{title}</b> — send it to a client:\n{url}\n\n{where}").format(
        title=escape(package.title), url=url, where=where
    )


def delete_question(package: Package) -> str:
    return _(
        "Delete <b>{title}</b>?\n\n"
        "Clients will no longer be able to buy it and its link will stop working. Packages "
        "already sold keep working exactly as they were bought.\n"
        "To stop selling it only for a while, hide it instead."
    ).format(title=escape(package.title))


def delete_keyboard(package: Package) -> InlineKeyboardMarkup:
    pid = package.id
    return InlineKeyboardMarkup(
        [
            # i18n: button
            [button(_("Yes, delete it"), kinds.PACKAGE_DELETE_YES.pack(package=pid, yes="yes"))],
            # i18n: button
            [button(_("🙈 Hide instead"), kinds.PACKAGE_HIDE.pack(package=pid))],
            # i18n: button
            [button(_("No, keep it"), kinds.PACKAGE_VIEW.pack(package=pid))],
        ]
    )


def deleted_text(package: Package) -> str:
    return _("Deleted <b>{title}</b>. Packages already sold keep working.").format(
        title=escape(package.title)
    )


def back_to_list() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([back_row()])
