"""Every sentence about a payment that is no sale (rule 16): to the payer, to the coach, and
on the coach's /sold desk."""

from __future__ import annotations

from html import escape

from bot.catalog.packages_views import money
from bot.selling.texts import UNRECORDED_PAYMENT, when
from domain.errors import InvalidInput
from domain.selling.model import PaymentIssue
from domain.selling.payments import Attention
from i18n import _, ngettext


def amount(minor: int | None, currency: str) -> str:
    """The amount as prices are shown; a currency we do not sell in, in minor units."""
    if minor is None:
        return _("no invoice")
    try:
        return money(minor, currency)
    except InvalidInput:
        return _("{amount} {currency} (minor units)").format(
            amount=minor, currency=escape(currency)
        )


def _paid(issue: PaymentIssue) -> str:
    return amount(issue.paid_minor, issue.paid_currency)


def _invoiced(issue: PaymentIssue) -> str:
    return amount(issue.expected_minor, issue.expected_currency)


def to_payer(issue: PaymentIssue, coach_name: str | None) -> str:
    """What the payer hears: the money arrived, no package yet, the coach knows."""
    charge = escape(issue.charge_id)
    if coach_name is None:
        return _(UNRECORDED_PAYMENT).format(charge=charge)
    return _(
        "⚠️ Your payment went through, but {paid} is not what the invoice for "
        "<b>{title}</b> asked ({invoiced}), so I have not given you "
        "the package. <b>{coach}</b> has been told and will sort it out with "
        "you.\nPayment id: <code>{charge}</code>"
    ).format(
        paid=_paid(issue),
        title=escape(issue.title),
        invoiced=_invoiced(issue),
        coach=escape(coach_name),
        charge=charge,
    )


def to_coach(issue: PaymentIssue, payer_name: str) -> str:
    """What the coach hears: who paid what for which invoice; nothing was sold."""
    return _(
        "⚠️ A payment needs your attention: <b>{payer}</b> paid {paid} "
        "for <b>{title}</b>, whose invoice was {invoiced}. No package "
        "was given: please sort it out with them (you can give the package with 🎁 Grant). "
        "/sold lists such payments.\nPayment id: <code>{charge}</code>"
    ).format(
        payer=escape(payer_name),
        paid=_paid(issue),
        title=escape(issue.title),
        invoiced=_invoiced(issue),
        charge=escape(issue.charge_id),
    )


def desk_block(attention: Attention, zone: str) -> str:
    """The lines on top of /sold while payments need attention; empty when none do."""
    if not attention.total:
        return ""
    lines = [
        _("⚠️ <b>Payments needing attention ({count})</b> — no package given:").format(
            count=attention.total
        )
    ]
    lines += [
        _(
            "• {date}: {paid} for {title} (invoice {invoiced}), payment id <code>{charge}</code>"
        ).format(
            date=when(i.received_at, zone),
            paid=_paid(i),
            title=escape(i.title),
            invoiced=_invoiced(i),
            charge=escape(i.charge_id),
        )
        for i in attention.newest
    ]
    earlier = attention.total - len(attention.newest)
    if earlier > 0:
        lines.append(
            ngettext("…and {count} earlier", "…and {count} earlier", earlier).format(count=earlier)
        )
    return "\n".join(lines)
