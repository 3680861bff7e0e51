"""Messages a new sold package sends (the access link to its buyer, the notice to its coach)
and those of a payment needing attention (payer, coach, operator log)."""

from __future__ import annotations

import logging

from telegram.error import TelegramError

from bot.kit.context import BotContext
from bot.kit.deeplinks import LinkKind, link
from bot.selling import payment_texts, texts
from bot.selling.views import open_keyboard
from domain.selling.payments import Flagged
from domain.selling.purchases import Sale
from domain.timezones import viewer_zone
from i18n import speaking

log = logging.getLogger(__name__)


def access_url(context: BotContext, token: str) -> str:
    return link(context.bot_username, LinkKind.ACCESS, token)


async def announce_sale(context: BotContext, sale: Sale) -> None:
    """The buyer gets the contents, expiry (their zone) and access link; the coach a notice.
    The sale is already stored: a coach who blocked the bot does not undo it."""
    sold, buyer = sale.sold, sale.buyer
    assert sold.id is not None and buyer is not None
    zone = viewer_zone(buyer.timezone, sale.coach.timezone)
    url = access_url(context, sold.access_token)
    language = sale.languages
    with speaking(language[buyer.telegram_id]):
        text = texts.access_message(sold, sale.coach.display_name, zone, url)
        keyboard = open_keyboard(sold.id)
    await context.bot.send_message(buyer.telegram_id, text, reply_markup=keyboard)
    with speaking(language[sale.coach.user_id]):
        notice = texts.sale_notice(sold, buyer.first_name)
    try:
        await context.bot.send_message(sale.coach.user_id, notice)
    except TelegramError as exc:
        log.warning("could not tell coach %s about sale %s: %s", sale.coach.user_id, sold.id, exc)


async def announce_payment(context: BotContext, outcome: Sale | Flagged | None) -> None:
    """Whatever `record_payment` made of a payment, said to those it concerns (nothing when
    it was recorded before)."""
    if isinstance(outcome, Sale):
        await announce_sale(context, outcome)
    elif isinstance(outcome, Flagged):
        await flag_payment(context, outcome)


async def flag_payment(context: BotContext, flagged: Flagged) -> None:
    """A payment that is no sale: the operator's log, the coach and the payer are told."""
    issue, coach, payer = flagged.issue, flagged.coach, flagged.payer
    _log_issue(flagged)
    language = flagged.languages
    if coach is not None:
        with speaking(language[coach.user_id]):
            text = payment_texts.to_coach(issue, payer.first_name)
        try:
            await context.bot.send_message(coach.user_id, text)
        except TelegramError as exc:
            log.warning(
                "could not tell coach %s about payment %s: %s", coach.user_id, issue.charge_id, exc
            )
    name = coach.display_name if coach else None
    with speaking(language[payer.telegram_id]):
        text = payment_texts.to_payer(issue, name)
    await context.bot.send_message(payer.telegram_id, text)


def _log_issue(flagged: Flagged) -> None:
    issue, coach, payer = flagged.issue, flagged.coach, flagged.payer
    paid = f"{issue.paid_minor} {issue.paid_currency}"
    if coach is None:
        log.error(
            "payment %s from user %s (%s) names no pending purchase: kept, not sold",
            issue.charge_id,
            payer.telegram_id,
            paid,
        )
        return
    log.warning(
        "payment %s from user %s paid %s for an invoice of %s %s (coach %s, %r): kept, not sold",
        issue.charge_id,
        payer.telegram_id,
        paid,
        issue.expected_minor,
        issue.expected_currency,
        coach.user_id,
        issue.title,
    )
