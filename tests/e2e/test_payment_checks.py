"""Payments that are not what their invoice asked (rule 16), and Stars payments whose
`successful_payment` never reached the bot (reconciliation): each charge id counts once."""

from __future__ import annotations

import asyncio
import logging

import pytest

from jobs.reconcile import INTERVAL_SECONDS, RECONCILE_JOB
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.e2e.selling_seed import given_a_shop
from tests.support.fake_bot_api import FakeBotApi, SentMessage


async def _invoice(harness: BotHarness, title: str, price: str) -> SentMessage:
    api, shop = harness.api, await given_a_shop(harness)
    package = await shop.package(title, price, "XTR")
    api.user(CLIENT, first_name="Cleo")
    api.open_deep_link(CLIENT, f"p_{package.public_id}")
    await api.next_message(CLIENT, f"All about {title.lower()}")
    api.press_button(CLIENT, f"💳 Buy for {price} ⭐")
    invoice = await api.next_message(CLIENT, lambda m: m.invoice is not None)
    assert invoice.invoice is not None
    return invoice


async def _reconcile(harness: BotHarness) -> None:
    """Run the registered reconciliation job now, as its schedule would."""
    app = harness.app
    assert app is not None and app.job_queue is not None
    (job,) = app.job_queue.get_jobs_by_name(RECONCILE_JOB)
    assert job.job.trigger.interval_length == INTERVAL_SECONDS
    assert job.job.max_instances == 1 and job.job.coalesce  # one reconciliation at a time
    await job.run(app)


def _count(api: FakeBotApi, chat: int, text: str) -> int:
    return sum(text in m.content for m in api.outputs(chat))


async def test_a_payment_that_differs_from_its_invoice_is_kept_for_the_coach_never_sold(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    api = harness.api
    invoice = await _invoice(harness, "Star pack", "50")
    payload = invoice.invoice["payload"]  # type: ignore[index]
    caplog.set_level(logging.WARNING)
    api.successful_payment(CLIENT, payload, 1, "XTR", "tg-short")
    told = await api.next_message(CLIENT, "Your payment went through")
    assert "1 ⭐ is not what the invoice for Star pack asked (50 ⭐)" in told.content
    assert "Anna has been told" in told.content and "tg-short" in told.content
    notice = await api.next_message(COACH, "A payment needs your attention")
    assert "Cleo paid 1 ⭐ for Star pack, whose invoice was 50 ⭐" in notice.content
    api.successful_payment(CLIENT, payload, 50, "EUR", "tg-euro")
    await api.next_message(CLIENT, "0.50 EUR is not what the invoice")
    await api.next_message(COACH, "paid 0.50 EUR for Star pack")
    api.successful_payment(CLIENT, payload, 1, "XTR", "tg-short")  # Telegram redelivers

    api.send_text(CLIENT, "/mypackages")
    await api.next_message(CLIENT, "You have no packages yet")
    api.send_text(COACH, "/sold")
    desk = await api.next_message(COACH, "Sold packages")
    assert "Payments needing attention (2)" in desk.content and "All (0)" in desk.content
    assert "1 ⭐ for Star pack (invoice 50 ⭐), payment id tg-short" in desk.content
    assert _count(api, COACH, "needs your attention") == 2
    assert _count(api, CLIENT, "Your payment went through") == 2
    logged = [r for r in caplog.records if "tg-short" in r.getMessage()]
    assert len(logged) == 1 and logged[0].levelno == logging.WARNING
    assert "paid 1 XTR for an invoice of 50 XTR" in logged[0].getMessage()
    assert api.token not in caplog.text and payload not in caplog.text


async def test_a_stars_payment_whose_update_was_lost_is_completed_once_by_reconciliation(
    harness: BotHarness,
) -> None:
    api = harness.api
    invoice = await _invoice(harness, "Star pack", "150")
    payload = invoice.invoice["payload"]  # type: ignore[index]
    api.star_payment(CLIENT, payload, 150, "tg-lost")  # charged; the update never arrives
    api.star_payment(CLIENT, payload, 3, "tg-lost-short")  # and one that is no sale

    api.successful_payment(CLIENT, payload, 150, "XTR", "tg-lost")  # a late redelivery
    await asyncio.gather(_reconcile(harness), _reconcile(harness))
    await api.next_message(CLIENT, "You now have Star pack")
    await api.next_message(COACH, "got Star pack (150 ⭐)")
    await api.next_message(CLIENT, "3 ⭐ is not what the invoice")
    await api.next_message(COACH, "paid 3 ⭐ for Star pack")
    await _reconcile(harness)

    api.send_text(CLIENT, "/mypackages")
    await api.next_message(CLIENT, "Your packages (1)")
    api.send_text(COACH, "/sold")
    desk = await api.next_message(COACH, "Sold packages")
    assert "All (1)" in desk.content and "Payments needing attention (1)" in desk.content
    assert _count(api, CLIENT, "You now have Star pack") == 1
    assert _count(api, COACH, "got Star pack") == 1
    assert _count(api, CLIENT, "is not what the invoice") == 1


async def test_stars_paid_through_telegram_are_in_the_ledger_and_reconciling_adds_nothing(
    harness: BotHarness,
) -> None:
    api = harness.api
    invoice = await _invoice(harness, "Star pack", "150")
    assert (await api.pay_invoice(CLIENT, invoice, "tg-paid"))["ok"] is True
    await api.next_message(CLIENT, "You now have Star pack")
    assert [t["id"] for t in api.star_transactions] == ["tg-paid"]
    await _reconcile(harness)
    api.send_text(CLIENT, "/mypackages")
    await api.next_message(CLIENT, "Your packages (1)")
    assert _count(api, CLIENT, "You now have Star pack") == 1
