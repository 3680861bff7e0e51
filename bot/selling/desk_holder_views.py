"""The /sold desk's holder screens: who holds a sold package's link, and removing one."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup

from bot.catalog.shared_views import button
from bot.selling import buttons as kinds
from bot.selling import texts
from domain.selling.model import Holder, SoldPackage

SHOWN = 10
NOBODY = "Nobody holds the link now."


def holders_line(sold: SoldPackage, holders: tuple[Holder, ...], zone: str) -> str:
    """The detail screen's line: who holds the link, since when."""
    if not holders:
        return NOBODY
    named = [_named(sold, h, zone) for h in holders[:SHOWN]]
    more = f" and {len(holders) - SHOWN} more" if len(holders) > SHOWN else ""
    return "Link held by: " + ", ".join(named) + more


def _named(sold: SoldPackage, holder: Holder, zone: str) -> str:
    client = ", client" if holder.user_id == sold.client_id else ""
    return f"{escape(holder.name)} (since {texts.when(holder.since, zone)}{client})"


def holders_screen(
    sold: SoldPackage, holders: tuple[Holder, ...], zone: str, note: str = ""
) -> tuple[str, InlineKeyboardMarkup]:
    lines = [f"<b>Who has the link of {escape(sold.title)}</b>", ""]
    if holders:
        lines += [f"{n}. {_named(sold, h, zone)}" for n, h in enumerate(holders, start=1)]
        lines += [
            "",
            "Removing someone takes the package from them at once: it leaves their "
            "/mypackages and their old buttons stop working. The link itself keeps working; "
            "to shut out everyone who has it, revoke it.",
        ]
    else:
        lines.append(NOBODY)
    if note:
        lines += ["", f"<i>{note}</i>"]
    rows = [
        [
            button(
                f"✖ Remove {n}. {h.name}"[:60], kinds.remove_holder_data(sold.stored_id, h.user_id)
            )
        ]
        for n, h in enumerate(holders, start=1)
    ]
    rows.append([button("◀ Back", kinds.DETAIL.pack(sold=sold.stored_id))])
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def remove_question(sold: SoldPackage, holder: Holder) -> tuple[str, InlineKeyboardMarkup]:
    name = escape(holder.name)
    text = (
        f"Remove {name} from <b>{escape(sold.title)}</b>?\n\n"
        f"It leaves {name}'s /mypackages at once and their old buttons stop working; sessions "
        f"already booked stay booked. The link is not changed: if {name} still has it, they "
        "can open it again — revoke the link to stop that."
    )
    keyboard = InlineKeyboardMarkup(
        [
            [
                button(
                    f"✅ Yes, remove {holder.name}"[:60],
                    kinds.remove_holder_data(sold.stored_id, holder.user_id, yes=True),
                )
            ],
            [button("✖ No", kinds.HOLDERS.pack(sold=sold.stored_id))],
        ]
    )
    return text, keyboard


def removed_note(name: str, removed: bool) -> str:
    if removed:
        return f"{escape(name)} no longer holds the package."
    return f"{escape(name)} already did not hold it."
