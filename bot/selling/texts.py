"""Every sentence the bot says about buying, access links and sold packages."""

from __future__ import annotations

from datetime import datetime
from html import escape

from bot.catalog.packages_views import price_label
from domain.catalog.model import ItemKind
from domain.selling.model import SaleKind, SoldItem, SoldPackage, SoldStatus
from domain.selling.rules import left_summary
from domain.timezones import to_local

GET_IT = "🎁 Get it"
GRANT = "🎁 Grant"
OPEN_PACKAGE = "📦 Open package"
ALREADY_DONE = "Already done — see /mypackages."
INVOICE_ALREADY_SENT = "The invoice is already above."
PRICE_CHANGED = "This package's price changed. Please open its link again."
NOTHING_TO_SELL = "This package has nothing left in it, so it is not available right now."
UNRECORDED_PAYMENT = (
    "Your payment went through, but I could not record your package. Please contact your "
    "coach with this payment id: <code>{charge}</code>"
)
CHECKOUT_FAILED = "Something went wrong on our side. Nothing was charged; please try again."
EMPTY_MINE = (
    "<b>Your packages</b>\n\nYou have no packages yet. When you get a package or open an "
    "access link, it shows up here.\nYour coach's booking-page link shows what they offer."
)
STATUS = {
    SoldStatus.ACTIVE: "active",
    SoldStatus.EXPIRED: "expired",
    SoldStatus.USED_UP: "used up",
    SoldStatus.PAUSED: "paused",
    SoldStatus.REFUNDED: "refunded",
}


def when(moment: datetime, zone: str) -> str:
    return f"{to_local(moment, zone):%a %d %b %Y, %H:%M}"


def day(moment: datetime, zone: str) -> str:
    return f"{to_local(moment, zone):%a %d %b %Y}"


def buy_label(price_minor: int, currency: str) -> str:
    return GET_IT if price_minor == 0 else f"💳 Buy for {price_label(price_minor, currency)}"


def payment_unavailable(coach_name: str | None) -> str:
    return (
        "This package can't be paid for in Telegram here. Please contact "
        f"<b>{escape(coach_name or 'your coach')}</b> to pay another way: they can give you the "
        "package directly."
    )


def expiry_line(expires_at: datetime | None, zone: str) -> str:
    if expires_at is None:
        return "No expiry"
    return f"Valid until {when(expires_at, zone)} ({zone})"


def item_line(item: SoldItem) -> str:
    kind = "1:1" if item.kind is ItemKind.SERVICE else "group"
    title = f"{escape(item.title)} ({kind})"
    if item.removed:
        return f"• {title}: no longer offered"
    return f"• {title}: {item.left} of {item.quantity} left"


def items_block(items: list[SoldItem]) -> str:
    return "\n".join(item_line(i) for i in items) or "• (nothing)"


def left_text(sold: SoldPackage) -> str:
    left, total = left_summary(sold.items)
    return f"{left} of {total} left"


def paid_text(sold: SoldPackage) -> str:
    if sold.kind is SaleKind.GRANT:
        note = f": {escape(sold.note)}" if sold.note else ""
        return f"granted by you{note}"
    return price_label(sold.price_minor, sold.currency)


def access_message(sold: SoldPackage, coach_name: str, zone: str, url: str) -> str:
    """What the buyer gets with a new package."""
    return (
        f"🎉 You now have <b>{escape(sold.title)}</b> from {escape(coach_name)}.\n\n"
        f"{items_block(sold.items)}\n{expiry_line(sold.expires_at, zone)}\n\n"
        "Your <b>access link</b> — open it any time to see what is left and to book. Keep it "
        f"private: whoever has it can use it.\n{url}"
    )


def sale_notice(sold: SoldPackage, buyer_name: str) -> str:
    """What the coach gets when a client buys."""
    return (
        f"💰 New sale: <b>{escape(buyer_name)}</b> got <b>{escape(sold.title)}</b> "
        f"({paid_text(sold)}). Send /sold to see your sold packages."
    )


def granted_message(sold: SoldPackage, zone: str, url: str) -> str:
    return (
        f"🎁 Granted <b>{escape(sold.title)}</b>.\n{items_block(sold.items)}\n"
        f"{expiry_line(sold.expires_at, zone)}\n\n"
        f"Send this access link to your client (whoever has it can use it):\n{url}"
    )


def expiry_told(sold: SoldPackage, coach_name: str, zone: str) -> str:
    """What holders hear when the coach moves or removes the expiry."""
    what = (
        "no longer expires"
        if sold.expires_at is None
        else f"is now valid until {when(sold.expires_at, zone)} ({zone})"
    )
    return f"ℹ️ Your package <b>{escape(sold.title)}</b> from {escape(coach_name)} {what}."


def new_link_told(sold: SoldPackage, coach_name: str, url: str) -> str:
    """What a buyer gets when the coach revokes their package's access link."""
    return (
        f"🔐 {escape(coach_name)} replaced the access link of <b>{escape(sold.title)}</b>. "
        "The old link and the buttons it gave no longer work, on every account that opened "
        "it. Here is your <b>new access link</b> — open it to see the package and book "
        f"again, and keep it private:\n{url}"
    )


# Why selling refused an input, by the code the domain names (see bot.kit.reasons).
REASONS: dict[str, str] = {
    "note_too_long": "a note has at most {limit} characters",
    "expiry_out_of_reach": "that date is in the past or too far ahead",
    "extension_too_long": (
        "an expiry can be at most {limit} days from today, "
        "so this one can be extended by at most {room} days"
    ),
}

# What Telegram shows when a payment is refused before charging, by the domain's code.
CHECKOUT_REFUSALS: dict[str, str] = {
    "invoice_unknown": "This invoice is no longer valid. Please open the package again.",
    "package_not_sold": "This package is no longer sold. Nothing was charged.",
    "price_changed": (
        "The price of this package changed. Please open it again. Nothing was charged."
    ),
}
