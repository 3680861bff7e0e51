"""The coach's /sold desk: the filtered list, one sold package, its expiry and link screens,
and its history."""

from __future__ import annotations

from datetime import datetime
from html import escape

from telegram import InlineKeyboardMarkup

from bot.catalog.shared_views import button
from bot.selling import buttons as kinds
from bot.selling import texts
from bot.selling.desk_holder_views import holders_line
from bot.selling.policy_buttons import policy_rows
from bot.selling.views import numbered_rows
from domain.pagination import Page
from domain.selling.access import SoldLine, SoldView
from domain.selling.model import (
    EventKind,
    SaleEvent,
    SaleKind,
    SoldFilter,
    SoldItem,
    SoldPackage,
)

PER_PAGE = 5
FILTERS = {
    SoldFilter.ALL: "All",
    SoldFilter.ACTIVE: "Active",
    SoldFilter.EXPIRING: "Expiring ≤ 7 d",
    SoldFilter.EXPIRED: "Expired",
    SoldFilter.USED_UP: "Used up",
}
NOT_OPENED = "not opened yet"


def client(sold: SoldPackage) -> str:
    return escape(sold.client_name) if sold.client_id is not None else NOT_OPENED


def list_text(page: Page[SoldLine], which: SoldFilter, zone: str) -> str:
    header = f"<b>Sold packages</b> · {FILTERS[which]} ({page.total})"
    if page.pages > 1:
        header += f" · page {page.page} of {page.pages}"
    if not page.items:
        return f"{header}\n\nNothing here yet."
    first = (page.page - 1) * PER_PAGE + 1
    entries = [_entry(n, line, zone) for n, line in enumerate(page.items, start=first)]
    return "\n\n".join([header, *entries])


def _entry(number: int, line: SoldLine, zone: str) -> str:
    sold = line.sold
    expiry = (
        "no expiry" if sold.expires_at is None else f"until {texts.day(sold.expires_at, zone)}"
    )
    return (
        f"{number}. {client(sold)} — <b>{escape(sold.title)}</b>\n"
        f"{texts.left_text(sold)} · {expiry} · {texts.STATUS[line.status]}"
    )


def list_keyboard(page: Page[SoldLine], which: SoldFilter) -> InlineKeyboardMarkup:
    rows = numbered_rows(
        page,
        PER_PAGE,
        lambda sold: kinds.DETAIL.pack(sold=sold),
        lambda n: kinds.LIST.pack(which=which.value, page=n),
    )
    names = [(f, ("• " if f is which else "") + label) for f, label in FILTERS.items()]
    first = [button(label, kinds.LIST.pack(which=f.value, page=1)) for f, label in names]
    rows += [first[:3], first[3:]]
    return InlineKeyboardMarkup(rows)


def detail_text(view: SoldView, note: str = "") -> str:
    sold, zone = view.sold, view.zone
    lines = [
        f"<b>{escape(sold.title)}</b> — {client(sold)}",
        f"{texts.paid_text(sold)} · got {texts.when(sold.purchased_at, zone)}",
        "",
        "\n".join(_usage(i) for i in sold.items),
        "",
        f"Status: {texts.STATUS[view.status]}",
        texts.expiry_line(sold.expires_at, zone),
        holders_line(sold, view.holders, zone),
    ]
    text = "\n".join(lines)
    return f"{text}\n\n<i>{note}</i>" if note else text


def _usage(item: SoldItem) -> str:
    line = texts.item_line(item)
    return line if item.removed else f"{line} ({item.used} used)"


def detail_keyboard(sold: SoldPackage) -> InlineKeyboardMarkup:
    sid = sold.stored_id
    return InlineKeyboardMarkup(
        [
            [
                button("🔗 Access link", kinds.LINK.pack(sold=sid)),
                button("📜 History", kinds.HISTORY.pack(sold=sid)),
            ],
            [
                button("⏳ Change expiry", kinds.EXPIRY_MENU.pack(sold=sid)),
                button("♻️ Revoke link", kinds.REVOKE_ASK.pack(sold=sid)),
            ],
            [button("👥 Who has the link", kinds.HOLDERS.pack(sold=sid))],
            [button("📅 Sessions: book, cancel, move", f"bk:v:{sid}:0:0")],
            *policy_rows(sold),
            [button("◀ Sold packages", kinds.LIST.pack(which=SoldFilter.ALL.value, page=1))],
        ]
    )


def expiry_menu(sold: SoldPackage, zone: str) -> tuple[str, InlineKeyboardMarkup]:
    text = (
        f"Expiry of <b>{escape(sold.title)}</b>: {texts.expiry_line(sold.expires_at, zone)}.\n"
        "Choose how to change it; you confirm before anything changes, and the client is told."
    )
    rows = [
        [
            button("📅 New date", kinds.NEW_DATE.pack(sold=sold.stored_id)),
            button("➕ Extend", kinds.EXTEND.pack(sold=sold.stored_id)),
        ]
    ]
    if sold.expires_at is not None:
        rows.append([button("♾ Remove the limit", kinds.expiry_data(sold.stored_id, None))])
    rows.append([button("◀ Back", kinds.DETAIL.pack(sold=sold.stored_id))])
    return text, InlineKeyboardMarkup(rows)


def expiry_question(sold: SoldPackage, new: datetime | None, zone: str) -> str:
    old = texts.expiry_line(sold.expires_at, zone)
    target = texts.expiry_line(new, zone)
    return (
        f"Change the expiry of <b>{escape(sold.title)}</b> ({client(sold)})?\n"
        f"Now: {old}\nNew: {target}\n\nThe client will be told."
    )


def confirm_expiry(sold: SoldPackage, new: datetime | None) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [button("✅ Yes, change it", kinds.expiry_data(sold.stored_id, new, yes=True))],
            [button("✖ No", kinds.DETAIL.pack(sold=sold.stored_id))],
        ]
    )


def revoke_question(sold: SoldPackage, fingerprint: str) -> tuple[str, InlineKeyboardMarkup]:
    if sold.kind is SaleKind.GRANT:
        then = (
            "You get a new link to forward. Until someone opens it the package has no "
            "client; the first person to open it becomes the client."
        )
    else:
        then = (
            f"The bot sends the new link to the buyer, {client(sold)}, who gets the package "
            "back by opening it. You get the new link too."
        )
    text = (
        f"Revoke the access link of <b>{escape(sold.title)}</b> ({client(sold)})?\n\n"
        "The current link stops working at once, for everyone who has it. Everyone who "
        "opened it loses the package, the client too: it leaves their /mypackages and their "
        "old buttons stop working (sessions already booked stay booked).\n\n" + then
    )
    keyboard = InlineKeyboardMarkup(
        [
            [
                button(
                    "♻️ Yes, revoke it",
                    kinds.REVOKE.pack(sold=sold.stored_id, fingerprint=fingerprint),
                )
            ],
            [button("✖ No", kinds.DETAIL.pack(sold=sold.stored_id))],
        ]
    )
    return text, keyboard


def link_text(sold: SoldPackage, url: str) -> str:
    return (
        f"Access link of <b>{escape(sold.title)}</b> ({client(sold)}) — forward it to the "
        f"client; whoever has it can use it:\n{url}"
    )


def revoked_text(sold: SoldPackage, url: str, sent: bool | None) -> str:
    """After revoking: `sent` whether the bot got the new link to the buyer (None: a grant,
    or a second press)."""
    title = escape(sold.title)
    if sold.kind is SaleKind.GRANT:
        then = "Forward it to the client: the first person to open it becomes the client."
    elif sent is False:
        then = f"The bot could not reach {client(sold)}: forward it yourself."
    else:
        then = f"The bot sent it to {client(sold)}."
    return (
        f"The old link no longer works and nobody holds the package now. New access link of "
        f"<b>{title}</b>:\n{url}\n\n{then}"
    )


def history_text(sold: SoldPackage, events: list[SaleEvent], zone: str) -> str:
    lines = [f"<b>History of {escape(sold.title)}</b> ({client(sold)})", ""]
    lines += [f"{texts.when(e.at, zone)} — {_event(e, zone)}" for e in events]
    return "\n".join(lines)


def _event(event: SaleEvent, zone: str) -> str:
    note = f" ({escape(event.note)})" if event.note else ""
    if event.kind is EventKind.EXPIRY_CHANGED:
        if event.expires_at is None:
            return "expiry removed"
        return f"expiry set to {texts.when(event.expires_at, zone)}"
    words = {
        EventKind.PURCHASED: "bought",
        EventKind.GRANTED: "granted",
        EventKind.LINK_REVOKED: "access link revoked, new link issued",
        EventKind.HOLDER_REMOVED: "removed a holder",
        EventKind.BOOKED: "session booked",
        EventKind.REFUNDED: "refunded; its sessions to come were cancelled",
        EventKind.TRANSFERRED: "transferred, new access link issued",
        EventKind.PAUSED: "paused",
        EventKind.RESUMED: "resumed",
        EventKind.ABSENCE: "extended for your time away",
    }
    return words[event.kind] + note


def back_keyboard(sold: SoldPackage) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[button("◀ Back", kinds.DETAIL.pack(sold=sold.stored_id))]])
