"""The /sold desk's holder screens: who holds a sold package's link, and removing one."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardMarkup

from bot.catalog.shared_views import button
from bot.selling import buttons as kinds
from bot.selling import texts
from bot.selling.views import yes_or_no
from domain.selling.model import Holder, SoldPackage
from i18n import N_, _, ngettext

SHOWN = 10
NOBODY = N_("Nobody holds the link now.")


def holders_line(sold: SoldPackage, holders: tuple[Holder, ...], zone: str) -> str:
    """The detail screen's line: who holds the link, since when."""
    if not holders:
        return _(NOBODY)
    names = ", ".join(_named(sold, h, zone) for h in holders[:SHOWN])
    more = len(holders) - SHOWN
    if more > 0:
        return ngettext(
            "Link held by: {names} and {count} more",
            "Link held by: {names} and {count} more",
            more,
        ).format(names=names, count=more)
    return _("Link held by: {names}").format(names=names)


def _named(sold: SoldPackage, holder: Holder, zone: str) -> str:
    since = texts.when(holder.since, zone)
    if holder.user_id == sold.client_id:
        return _("{name} (since {date}, client)").format(name=escape(holder.name), date=since)
    return _("{name} (since {date})").format(name=escape(holder.name), date=since)


def holders_screen(
    sold: SoldPackage, holders: tuple[Holder, ...], zone: str, note: str = ""
) -> tuple[str, InlineKeyboardMarkup]:
    lines = [_("<b>Who has the link of {title}</b>").format(title=escape(sold.title)), ""]
    if holders:
        lines += [f"{n}. {_named(sold, h, zone)}" for n, h in enumerate(holders, start=1)]
        lines += [
            "",
            _(
                "Removing someone takes the package from them at once: it leaves their "
                "/mypackages and their old buttons stop working. The link itself keeps working; "
                "to shut out everyone who has it, revoke it."
            ),
        ]
    else:
        lines.append(_(NOBODY))
    if note:
        lines += ["", f"<i>{note}</i>"]
    rows = [
        [
            button(
                # i18n: button
                _("✖ Remove {number}. {name}").format(number=n, name=h.name)[:60],
                kinds.remove_holder_data(sold.stored_id, h.user_id),
            )
        ]
        for n, h in enumerate(holders, start=1)
    ]
    # i18n: button
    rows.append([button(_("◀ Back"), kinds.DETAIL.pack(sold=sold.stored_id))])
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def remove_question(sold: SoldPackage, holder: Holder) -> tuple[str, InlineKeyboardMarkup]:
    name = escape(holder.name)
    text = _(
        "Remove {name} from <b>{title}</b>?\n\n"
        "It leaves {name}'s /mypackages at once and their old buttons stop working; sessions "
        "already booked stay booked. The link is not changed: if {name} still has it, they "
        "can open it again — revoke the link to stop that."
    ).format(name=name, title=escape(sold.title))
    yes = button(
        # i18n: button
        _("✅ Yes, remove {name}").format(name=holder.name)[:60],
        kinds.remove_holder_data(sold.stored_id, holder.user_id, yes=True),
    )
    return text, yes_or_no(yes, kinds.HOLDERS.pack(sold=sold.stored_id))


def removed_note(name: str, removed: bool) -> str:
    if removed:
        return _("{name} no longer holds the package.").format(name=escape(name))
    return _("{name} already did not hold it.").format(name=escape(name))
