"""Every sentence about a payment that is no sale (rule 16): to the payer, to the coach, and
on the coach's /sold desk."""

from __future__ import annotations

from html import escape

from bot.selling.texts import UNRECORDED_PAYMENT, when
from domain.errors import InvalidInput
from domain.money import format_amount
from domain.selling.model import PaymentIssue
from domain.selling.payments import Attention


def amount(minor: int | None, currency: str) -> str:
    """The amount as prices are shown; a currency we do not sell in, in minor units."""
    if minor is None:
        return "no invoice"
    try:
        return format_amount(minor, currency)
    except InvalidInput:
        return f"{minor} {escape(currency)} (minor units)"


def _paid(issue: PaymentIssue) -> str:
    return amount(issue.paid_minor, issue.paid_currency)


def _invoiced(issue: PaymentIssue) -> str:
    return amount(issue.expected_minor, issue.expected_currency)


def to_payer(issue: PaymentIssue, coach_name: str | None) -> str:
    """What the payer hears: the money arrived, no package yet, the coach knows."""
    charge = escape(issue.charge_id)
    if coach_name is None:
        return UNRECORDED_PAYMENT.format(charge=charge)
    return (
        f"⚠️ Your payment went through, but {_paid(issue)} is not what the invoice for "
        f"<b>{escape(issue.title)}</b> asked ({_invoiced(issue)}), so I have not given you "
        f"the package. <b>{escape(coach_name)}</b> has been told and will sort it out with "
        f"you.\nPayment id: <code>{charge}</code>"
    )


def to_coach(issue: PaymentIssue, payer_name: str) -> str:
    """What the coach hears: who paid what for which invoice; nothing was sold."""
    return (
        f"⚠️ A payment needs your attention: <b>{escape(payer_name)}</b> paid {_paid(issue)} "
        f"for <b>{escape(issue.title)}</b>, whose invoice was {_invoiced(issue)}. No package "
        "was given: please sort it out with them (you can give the package with 🎁 Grant). "
        f"/sold lists such payments.\nPayment id: <code>{escape(issue.charge_id)}</code>"
    )


def desk_block(attention: Attention, zone: str) -> str:
    """The lines on top of /sold while payments need attention; empty when none do."""
    if not attention.total:
        return ""
    lines = [f"⚠️ <b>Payments needing attention ({attention.total})</b> — no package given:"]
    lines += [
        f"• {when(i.received_at, zone)}: {_paid(i)} for {escape(i.title)} (invoice "
        f"{_invoiced(i)}), payment id <code>{escape(i.charge_id)}</code>"
        for i in attention.newest
    ]
    if attention.total > len(attention.newest):
        lines.append(f"…and {attention.total - len(attention.newest)} earlier")
    return "\n".join(lines)
