"""⏸ Pause / ▶ Resume on /sold's package screen: the expiry clock stops (nothing can be
booked meanwhile) and starts again with the paused time added; holders are told, each in
their zone (domain/selling/pausing.py). A repeat press finds it already so."""

from __future__ import annotations

import logging
from html import escape

from telegram import Update
from telegram.error import BadRequest, Forbidden
from telegram.ext import Application

from bot.kit.context import BotContext
from bot.kit.replies import Route, buttons, show, user_id
from bot.selling import desk_views
from bot.selling.buttons import PAUSE, RESUME
from bot.selling.texts import expiry_line
from domain.selling.model import SoldPackage
from domain.selling.pausing import CannotPause, PauseChange, pause_package, resume_package
from i18n import N_, _, speaking

log = logging.getLogger(__name__)

REFUSED = {
    "no_expiry": N_("This package has no expiry, so there is no clock to pause."),
    "not_active": N_(
        "Only an active package can be paused (this one is expired, used up or refunded)."
    ),
}
PAUSED = N_("Paused: its expiry waits and nothing can be booked until you resume it.")
RESUMED = N_("Resumed: the paused time was added to its expiry.")
ALREADY = N_("It already was so.")


def paused_told(sold: SoldPackage, coach_name: str) -> str:
    return _(
        "⏸ {coach} paused your package <b>{title}</b>: nothing "
        "can be booked with it until they resume it, and its expiry waits meanwhile. "
        "Sessions already booked stay booked."
    ).format(coach=escape(coach_name), title=escape(sold.title))


def resumed_told(sold: SoldPackage, coach_name: str, zone: str) -> str:
    return _("▶ {coach} resumed your package <b>{title}</b>. {expiry}.").format(
        coach=escape(coach_name),
        title=escape(sold.title),
        expiry=expiry_line(sold.expires_at, zone),
    )


async def pause(update: Update, context: BotContext, sold_id: int) -> None:
    """Pauses, shows the package again and tells its holders."""
    await _change(update, context, sold_id, resumed=False)


async def resume(update: Update, context: BotContext, sold_id: int) -> None:
    """Resumes, shows the package again and tells its holders."""
    await _change(update, context, sold_id, resumed=True)


async def _change(update: Update, context: BotContext, sold_id: int, resumed: bool) -> None:
    assert update.callback_query is not None
    use = resume_package if resumed else pause_package
    try:
        change = await use(
            context.uow(), user_id(update), sold_id, context.now(), context.reminders
        )
    except CannotPause as refused:
        await update.callback_query.answer(_(REFUSED[refused.code]), show_alert=True)
        return
    await update.callback_query.answer()
    note = _(ALREADY if not change.changed else RESUMED if resumed else PAUSED)
    view = change.view
    await show(update, desk_views.detail_text(view, note), desk_views.detail_keyboard(view.sold))
    await _tell(context, change, resumed)


async def _tell(context: BotContext, change: PauseChange, resumed: bool) -> None:
    sold, name = change.view.sold, change.view.coach.display_name
    for reader in change.readers:
        with speaking(reader.language):
            text = resumed_told(sold, name, reader.zone) if resumed else paused_told(sold, name)
        try:
            await context.bot.send_message(reader.user_id, text)
        except (Forbidden, BadRequest) as exc:
            log.info("could not tell a holder of a pause: %s", type(exc).__name__)


def add_handlers(app: Application) -> None:  # type: ignore[type-arg]
    # Every `ps:` press is read strictly by its kind (anything else is NotFound); each is
    # answered after its use case (a refusal as an alert).
    routes = Route(PAUSE, pause), Route(RESUME, resume)
    app.add_handler(buttons(*routes, family="ps", answer=False))
