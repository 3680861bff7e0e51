"""/sold → one sold package → 👥 Who has the link: the holders, and removing one of them
(confirmed first) without revoking the link.

Callback data `sold:w:<id>` and `sold:hr:<id>:<user>[:y]`, routed by bot/selling/desk.py.
"""

from __future__ import annotations

import re

from telegram import Update

from bot.kit.context import BotContext
from bot.kit.replies import show, user_id
from bot.selling import desk_holder_views as views
from domain.selling.desk import sold_package
from domain.selling.holders import link_holder, remove_holder

_ID = r"(?P<id>[0-9]{1,9})"
_USER = r"(?P<user>[0-9]{1,16})"


async def holders(update: Update, context: BotContext, m: re.Match[str], note: str = "") -> None:
    """The coach sees who holds the link, since when, with a Remove button each."""
    view = await sold_package(
        context.uow(write=False), user_id(update), int(m["id"]), context.now()
    )
    await show(update, *views.holders_screen(view.sold, view.holders, view.zone, note))


async def remove(update: Update, context: BotContext, m: re.Match[str]) -> None:
    """Asks before removing a holder; once confirmed, removes them (pressed twice: once)."""
    coach, sold_id, holder_id = user_id(update), int(m["id"]), int(m["user"])
    if not m["yes"]:
        sold, holder = await link_holder(context.uow(write=False), coach, sold_id, holder_id)
        if holder is None:
            await holders(update, context, m, "They no longer hold it.")
            return
        await show(update, *views.remove_question(sold, holder))
        return
    removal = await remove_holder(
        context.uow(), coach, sold_id, holder_id, context.now(), context.reminders
    )
    await holders(update, context, m, views.removed_note(removal.name, removal.removed))


ROUTES = [
    (re.compile(rf"sold:w:{_ID}"), holders),
    (re.compile(rf"sold:hr:{_ID}:{_USER}(?P<yes>:y)?"), remove),
]
