"""Messages a new sold package sends: the access link to its buyer, the notice to its coach."""

from __future__ import annotations

import logging

from telegram.error import TelegramError

from bot.kit.context import BotContext
from bot.kit.deeplinks import LinkKind, link
from bot.selling import texts
from bot.selling.views import open_keyboard
from domain.selling.purchases import Sale

log = logging.getLogger(__name__)


def access_url(context: BotContext, token: str) -> str:
    return link(context.bot_username, LinkKind.ACCESS, token)


async def announce_sale(context: BotContext, sale: Sale) -> None:
    """The buyer gets the contents, expiry (their zone) and access link; the coach a notice.
    The sale is already stored: a coach who blocked the bot does not undo it."""
    sold, buyer = sale.sold, sale.buyer
    assert sold.id is not None and buyer is not None
    zone = buyer.timezone or sale.coach.timezone
    url = access_url(context, sold.access_token)
    await context.bot.send_message(
        buyer.telegram_id,
        texts.access_message(sold, sale.coach.display_name, zone, url),
        reply_markup=open_keyboard(sold.id),
    )
    try:
        await context.bot.send_message(
            sale.coach.user_id, texts.sale_notice(sold, buyer.first_name)
        )
    except TelegramError as exc:
        log.warning("could not tell coach %s about sale %s: %s", sale.coach.user_id, sold.id, exc)
