"""The coach's /sold desk: the filtered list, one sold package, its expiry and link screens,
and its history."""

from __future__ import annotations

from datetime import datetime
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.booking.holder_views import data as package_data
from bot.catalog.shared_views import button
from bot.selling import buttons as kinds
from bot.selling import texts
from bot.selling.desk_holder_views import holders_line
from bot.selling.policy_buttons import policy_rows
from bot.selling.views import numbered_rows, yes_or_no
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
from i18n import N_, _

PER_PAGE = 5
FILTERS = {
    # i18n: button
    SoldFilter.ALL: N_("All"),
    # i18n: button
    SoldFilter.ACTIVE: N_("Active"),
    # i18n: button
    SoldFilter.EXPIRING: N_("Expiring ≤ 7 d"),
    # i18n: button
    SoldFilter.EXPIRED: N_("Expired"),
    # i18n: button
    SoldFilter.USED_UP: N_("Used up"),
}
NOT_OPENED = N_("not opened yet")


def client(sold: SoldPackage) -> str:
    return escape(sold.client_name) if sold.client_id is not None else _(NOT_OPENED)


def question(
    sold: SoldPackage, text: str, yes: InlineKeyboardButton, **more: str
) -> tuple[str, InlineKeyboardMarkup]:
    """The coach is asked about one sold package: `text` (translated) names its {title} and
    {client} (and `more`); its yes, then ✖ No back to the package."""
    text = text.format(title=escape(sold.title), client=client(sold), **more)
    return text, yes_or_no(yes, kinds.DETAIL.pack(sold=sold.stored_id))


def list_text(page: Page[SoldLine], which: SoldFilter, zone: str) -> str:
    shown = _(FILTERS[which])
    if page.pages > 1:
        header = _("<b>Sold packages</b> · {filter} ({total}) · page {page} of {pages}").format(
            filter=shown, total=page.total, page=page.page, pages=page.pages
        )
    else:
        header = _("<b>Sold packages</b> · {filter} ({total})").format(
            filter=shown, total=page.total
        )
    if not page.items:
        return _("{header}\n\nNothing here yet.").format(header=header)
    first = (page.page - 1) * PER_PAGE + 1
    entries = [_entry(n, line, zone) for n, line in enumerate(page.items, start=first)]
    return "\n\n".join([header, *entries])


def _entry(number: int, line: SoldLine, zone: str) -> str:
    sold = line.sold
    expiry = (
        _("no expiry")
        if sold.expires_at is None
        else _("until {date}").format(date=texts.day(sold.expires_at, zone))
    )
    return (
        f"{number}. {client(sold)} — <b>{escape(sold.title)}</b>\n"
        f"{texts.left_text(sold)} · {expiry} · {texts.status(line.status)}"
    )


def list_keyboard(page: Page[SoldLine], which: SoldFilter) -> InlineKeyboardMarkup:
    rows = numbered_rows(
        page,
        PER_PAGE,
        lambda sold: kinds.DETAIL.pack(sold=sold),
        lambda n: kinds.LIST.pack(which=which.value, page=n),
    )
    names = [(f, ("• " if f is which else "") + _(label)) for f, label in FILTERS.items()]
    first = [button(label, kinds.LIST.pack(which=f.value, page=1)) for f, label in names]
    rows += [first[:3], first[3:]]
    return InlineKeyboardMarkup(rows)


def detail_text(view: SoldView, note: str = "") -> str:
    sold, zone = view.sold, view.zone
    lines = [
        f"<b>{escape(sold.title)}</b> — {client(sold)}",
        _("{paid} · got {date}").format(
            paid=texts.paid_text(sold), date=texts.when(sold.purchased_at, zone)
        ),
        "",
        "\n".join(_usage(i) for i in sold.items),
        "",
        _("Status: {status}").format(status=texts.status(view.status)),
        texts.expiry_line(sold.expires_at, zone),
        holders_line(sold, view.holders, zone),
    ]
    text = "\n".join(lines)
    return f"{text}\n\n<i>{note}</i>" if note else text


def _usage(item: SoldItem) -> str:
    line = texts.item_line(item)
    return line if item.removed else _("{line} ({used} used)").format(line=line, used=item.used)


def detail_keyboard(sold: SoldPackage) -> InlineKeyboardMarkup:
    sid = sold.stored_id
    return InlineKeyboardMarkup(
        [
            [
                # i18n: button
                button(_("🔗 Access link"), kinds.LINK.pack(sold=sid)),
                # i18n: button
                button(_("📜 History"), kinds.HISTORY.pack(sold=sid)),
            ],
            [
                # i18n: button
                button(_("⏳ Change expiry"), kinds.EXPIRY_MENU.pack(sold=sid)),
                # i18n: button
                button(_("♻️ Revoke link"), kinds.REVOKE_ASK.pack(sold=sid)),
            ],
            # i18n: button
            [button(_("👥 Who has the link"), kinds.HOLDERS.pack(sold=sid))],
            # i18n: button
            [button(_("📅 Sessions: book, cancel, move"), package_data("v", sid))],
            *policy_rows(sold),
            # i18n: button
            [button(_("◀ Sold packages"), kinds.LIST.pack(which=SoldFilter.ALL.value, page=1))],
        ]
    )


def expiry_menu(sold: SoldPackage, zone: str) -> tuple[str, InlineKeyboardMarkup]:
    text = _(
        "Expiry of <b>{title}</b>: {expiry}.\n"
        "Choose how to change it; you confirm before anything changes, and the client is told."
    ).format(title=escape(sold.title), expiry=texts.expiry_line(sold.expires_at, zone))
    rows = [
        [
            # i18n: button
            button(_("📅 New date"), kinds.NEW_DATE.pack(sold=sold.stored_id)),
            # i18n: button
            button(_("➕ Extend"), kinds.EXTEND.pack(sold=sold.stored_id)),
        ]
    ]
    if sold.expires_at is not None:
        # i18n: button
        rows.append([button(_("♾ Remove the limit"), kinds.expiry_data(sold.stored_id, None))])
    # i18n: button
    rows.append([button(_("◀ Back"), kinds.DETAIL.pack(sold=sold.stored_id))])
    return text, InlineKeyboardMarkup(rows)


def expiry_question(sold: SoldPackage, new: datetime | None, zone: str) -> str:
    old = texts.expiry_line(sold.expires_at, zone)
    target = texts.expiry_line(new, zone)
    return _(
        "Change the expiry of <b>{title}</b> ({client})?\n"
        "Now: {old}\nNew: {new}\n\nThe client will be told."
    ).format(title=escape(sold.title), client=client(sold), old=old, new=target)


def confirm_expiry(sold: SoldPackage, new: datetime | None) -> InlineKeyboardMarkup:
    return yes_or_no(
        # i18n: button
        button(_("✅ Yes, change it"), kinds.expiry_data(sold.stored_id, new, yes=True)),
        kinds.DETAIL.pack(sold=sold.stored_id),
    )


def revoke_question(sold: SoldPackage, fingerprint: str) -> tuple[str, InlineKeyboardMarkup]:
    if sold.kind is SaleKind.GRANT:
        then = _(
            "You get a new link to forward. Until someone opens it the package has no "
            "client; the first person to open it becomes the client."
        )
    else:
        then = _(
            "The bot sends the new link to the buyer, {client}, who gets the package "
            "back by opening it. You get the new link too."
        ).format(client=client(sold))
    text = _(
        "Revoke the access link of <b>{title}</b> ({client})?\n\n"
        "The current link stops working at once, for everyone who has it. Everyone who "
        "opened it loses the package, the client too: it leaves their /mypackages and their "
        "old buttons stop working (sessions already booked stay booked).\n\n{then}"
    )
    yes = button(
        # i18n: button
        _("♻️ Yes, revoke it"),
        kinds.REVOKE.pack(sold=sold.stored_id, fingerprint=fingerprint),
    )
    return question(sold, text, yes, then=then)


def link_text(sold: SoldPackage, url: str) -> str:
    return _(
        "Access link of <b>{title}</b> ({client}) — forward it to the "
        "client; whoever has it can use it:\n{url}"
    ).format(title=escape(sold.title), client=client(sold), url=url)


def revoked_text(sold: SoldPackage, url: str, sent: bool | None) -> str:
    """After revoking: `sent` whether the bot got the new link to the buyer (None: a grant,
    or a second press)."""
    title = escape(sold.title)
    if sold.kind is SaleKind.GRANT:
        then = _("Forward it to the client: the first person to open it becomes the client.")
    elif sent is False:
        then = _("The bot could not reach {client}: forward it yourself.").format(
            client=client(sold)
        )
    else:
        then = _("The bot sent it to {client}.").format(client=client(sold))
    return _(
        "The old link no longer works and nobody holds the package now. New access link of "
        "<b>{title}</b>:\n{url}\n\n{then}"
    ).format(title=title, url=url, then=then)


def history_text(sold: SoldPackage, events: list[SaleEvent], zone: str) -> str:
    lines = [
        _("<b>History of {title}</b> ({client})").format(
            title=escape(sold.title), client=client(sold)
        ),
        "",
    ]
    lines += [f"{texts.when(e.at, zone)} — {_event(e, zone)}" for e in events]
    return "\n".join(lines)


EVENTS = {
    EventKind.PURCHASED: N_("bought"),
    EventKind.GRANTED: N_("granted"),
    EventKind.LINK_REVOKED: N_("access link revoked, new link issued"),
    EventKind.HOLDER_REMOVED: N_("removed a holder"),
    EventKind.BOOKED: N_("session booked"),
    EventKind.REFUNDED: N_("refunded; its sessions to come were cancelled"),
    EventKind.TRANSFERRED: N_("transferred, new access link issued"),
    EventKind.PAUSED: N_("paused"),
    EventKind.RESUMED: N_("resumed"),
    EventKind.ABSENCE: N_("extended for your time away"),
}


def _event(event: SaleEvent, zone: str) -> str:
    if event.kind is EventKind.EXPIRY_CHANGED:
        if event.expires_at is None:
            return _("expiry removed")
        return _("expiry set to {date}").format(date=texts.when(event.expires_at, zone))
    what = _(EVENTS[event.kind])
    if event.note:
        return _("{event} ({note})").format(event=what, note=escape(event.note))
    return what


def back_keyboard(sold: SoldPackage) -> InlineKeyboardMarkup:
    # i18n: button
    return InlineKeyboardMarkup([[button(_("◀ Back"), kinds.DETAIL.pack(sold=sold.stored_id))]])
