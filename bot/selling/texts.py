"""Every sentence the bot says about buying, access links and sold packages."""

from __future__ import annotations

from datetime import datetime
from html import escape

import i18n
from bot.catalog.packages_views import price_label
from domain.catalog.model import ItemKind
from domain.selling.model import SaleKind, SoldItem, SoldPackage, SoldStatus
from domain.selling.rules import left_summary
from domain.timezones import to_local
from i18n import N_, _

# i18n: button
GET_IT = N_("🎁 Get it")
# i18n: button
GRANT = N_("🎁 Grant")
# i18n: button
OPEN_PACKAGE = N_("📦 Open package")
ALREADY_DONE = N_("Already done — see /mypackages.")
INVOICE_ALREADY_SENT = N_("The invoice is already above.")
PRICE_CHANGED = N_("This package's price changed. Please open its link again.")
NOTHING_TO_SELL = N_("This package has nothing left in it, so it is not available right now.")
UNRECORDED_PAYMENT = N_(
    "Your payment went through, but I could not record your package. Please contact your "
    "coach with this payment id: <code>{charge}</code>"
)
CHECKOUT_FAILED = N_("Something went wrong on our side. Nothing was charged; please try again.")
EMPTY_MINE = N_(
    "<b>Your packages</b>\n\nYou have no packages yet. When you get a package or open an "
    "access link, it shows up here.\nYour coach's booking-page link shows what they offer."
)
STATUS = {
    SoldStatus.ACTIVE: N_("active"),
    SoldStatus.EXPIRED: N_("expired"),
    SoldStatus.USED_UP: N_("used up"),
    SoldStatus.PAUSED: N_("paused"),
    SoldStatus.REFUNDED: N_("refunded"),
}


def status(which: SoldStatus) -> str:
    """A sold package's status, in the current language."""
    return _(STATUS[which])


def when(moment: datetime, zone: str) -> str:
    return i18n.when(to_local(moment, zone), "%a %d %b %Y, %H:%M")


def day(moment: datetime, zone: str) -> str:
    return i18n.when(to_local(moment, zone), "%a %d %b %Y")


def buy_label(price_minor: int, currency: str) -> str:
    if price_minor == 0:
        return _(GET_IT)
    # i18n: button
    return _("💳 Buy for {price}").format(price=price_label(price_minor, currency))


def payment_unavailable(coach_name: str | None) -> str:
    if coach_name is None:
        return _(
            "This package can't be paid for in Telegram here. Please contact "
            "<b>your coach</b> to pay another way: they can give you the package directly."
        )
    return _(
        "This package can't be paid for in Telegram here. Please contact "
        "<b>{coach}</b> to pay another way: they can give you the package directly."
    ).format(coach=escape(coach_name))


def expiry_line(expires_at: datetime | None, zone: str) -> str:
    if expires_at is None:
        return _("No expiry")
    return _("Valid until {date} ({zone})").format(date=when(expires_at, zone), zone=zone)


def item_line(item: SoldItem) -> str:
    if item.kind is ItemKind.SERVICE:
        title = _("{title} (1:1)").format(title=escape(item.title))
    else:
        title = _("{title} (group)").format(title=escape(item.title))
    if item.removed:
        return _("• {item}: no longer offered").format(item=title)
    return _("• {item}: {left} of {quantity} left").format(
        item=title, left=item.left, quantity=item.quantity
    )


def items_block(items: list[SoldItem]) -> str:
    return "\n".join(item_line(i) for i in items) or _("• (nothing)")


def left_text(sold: SoldPackage) -> str:
    left, total = left_summary(sold.items)
    return _("{left} of {total} left").format(left=left, total=total)


def paid_text(sold: SoldPackage) -> str:
    if sold.kind is SaleKind.GRANT:
        if sold.note:
            return _("granted by you: {note}").format(note=escape(sold.note))
        return _("granted by you")
    return price_label(sold.price_minor, sold.currency)


def access_message(sold: SoldPackage, coach_name: str, zone: str, url: str) -> str:
    """What the buyer gets with a new package."""
    return _(
        "🎉 You now have <b>{title}</b> from {coach}.\n\n{items}\n{expiry}\n\n"
        "Your <b>access link</b> — open it any time to see what is left and to book. Keep it "
        "private: whoever has it can use it.\n{url}"
    ).format(
        title=escape(sold.title),
        coach=escape(coach_name),
        items=items_block(sold.items),
        expiry=expiry_line(sold.expires_at, zone),
        url=url,
    )


def sale_notice(sold: SoldPackage, buyer_name: str) -> str:
    """What the coach gets when a client buys."""
    return _(
        "💰 New sale: <b>{buyer}</b> got <b>{title}</b> ({paid}). "
        "Send /sold to see your sold packages."
    ).format(buyer=escape(buyer_name), title=escape(sold.title), paid=paid_text(sold))


def granted_message(sold: SoldPackage, zone: str, url: str) -> str:
    return _(
        "🎁 Granted <b>{title}</b>.\n{items}\n{expiry}\n\n"
        "Send this access link to your client (whoever has it can use it):\n{url}"
    ).format(
        title=escape(sold.title),
        items=items_block(sold.items),
        expiry=expiry_line(sold.expires_at, zone),
        url=url,
    )


def expiry_told(sold: SoldPackage, coach_name: str, zone: str) -> str:
    """What holders hear when the coach moves or removes the expiry."""
    if sold.expires_at is None:
        return _("ℹ️ Your package <b>{title}</b> from {coach} no longer expires.").format(
            title=escape(sold.title), coach=escape(coach_name)
        )
    return _(
        "ℹ️ Your package <b>{title}</b> from {coach} is now valid until {date} ({zone})."
    ).format(
        title=escape(sold.title),
        coach=escape(coach_name),
        date=when(sold.expires_at, zone),
        zone=zone,
    )


def new_link_told(sold: SoldPackage, coach_name: str, url: str) -> str:
    """What a buyer gets when the coach revokes their package's access link."""
    return _(
        "🔐 {coach} replaced the access link of <b>{title}</b>. "
        "The old link and the buttons it gave no longer work, on every account that opened "
        "it. Here is your <b>new access link</b> — open it to see the package and book "
        "again, and keep it private:\n{url}"
    ).format(coach=escape(coach_name), title=escape(sold.title), url=url)


# Why selling refused an input, by the code the domain names (see bot.kit.reasons).
REASONS: dict[str, str] = {
    "note_too_long": N_("a note has at most {limit} characters"),
    "expiry_out_of_reach": N_("that date is in the past or too far ahead"),
    "extension_too_long": N_(
        "an expiry can be at most {limit} days from today, "
        "so this one can be extended by at most {room} days"
    ),
}

# What Telegram shows when a payment is refused before charging, by the domain's code.
CHECKOUT_REFUSALS: dict[str, str] = {
    "invoice_unknown": N_("This invoice is no longer valid. Please open the package again."),
    "package_not_sold": N_("This package is no longer sold. Nothing was charged."),
    "price_changed": N_(
        "The price of this package changed. Please open it again. Nothing was charged."
    ),
}
