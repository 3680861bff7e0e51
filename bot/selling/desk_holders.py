"""/sold → one sold package → 👥 Who has the link: the holders, and removing one of them
(confirmed first) without revoking the link.

Its buttons (bot/selling/buttons.py) are routed with /sold's, in bot/selling/desk.py.
"""

from __future__ import annotations

from telegram import Update

from bot.kit.context import BotContext
from bot.kit.replies import Route, show, user_id
from bot.selling import buttons as kinds
from bot.selling import desk_holder_views as views
from domain.selling.access import SoldView
from domain.selling.desk import sold_package
from domain.selling.holders import link_holder, remove_holder
from i18n import _


async def holders(update: Update, context: BotContext, sold_id: int) -> None:
    """The coach sees who holds the link, since when, with a Remove button each."""
    view = await sold_package(context.uow(write=False), user_id(update), sold_id, context.now())
    await _holders(update, view)


async def remove(update: Update, context: BotContext, press: kinds.RemoveHolder) -> None:
    """Asks before removing a holder; once confirmed, removes them (pressed twice: once)."""
    coach, sold_id, holder_id, now = user_id(update), press.sold, press.user, context.now()
    if not press.yes:
        view, holder = await link_holder(context.uow(write=False), coach, sold_id, holder_id, now)
        if holder is None:
            await _holders(update, view, _("They no longer hold it."))
            return
        await show(update, *views.remove_question(view.sold, holder))
        return
    removal = await remove_holder(context.uow(), coach, sold_id, holder_id, now, context.reminders)
    await _holders(update, removal.view, views.removed_note(removal.name, removal.removed))


async def _holders(update: Update, view: SoldView, note: str = "") -> None:
    await show(update, *views.holders_screen(view.sold, view.holders, view.zone, note))


ROUTES = (
    Route(kinds.HOLDERS, holders),
    Route(kinds.REMOVE_HOLDER, remove),
    Route(kinds.REMOVE_HOLDER_YES, remove),
)
