"""Selling use cases leave the expiry reminders the package calls for, in their transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from domain.booking.holder import open_package
from domain.reminders.model import Outcome
from domain.selling.desk import change_expiry, fingerprint, revoke_link
from domain.selling.payments import Payment, record_payment
from domain.selling.purchases import buy_free, grant, start_invoice
from domain.selling.tokens import invoice_payload
from tests.unit.reminder_hook_fakes import OFFSETS, LiveReminders, expiry_rows, rows, sold_facts
from tests.unit.selling_shop import CLIENT, COACH, FRIEND, NOW, Shop

DAY = timedelta(days=1)


def reminding_shop() -> tuple[Shop, LiveReminders]:
    shop = Shop()
    reminders = sold_facts(shop.uow)
    shop.uow.reminders = reminders  # type: ignore[attr-defined]
    return shop, reminders


async def test_a_free_time_limited_package_gets_its_expiry_reminders() -> None:
    shop, reminders = reminding_shop()
    package = await shop.package(validity="30")
    sale = await buy_free(shop.uow, CLIENT, "Cleo", package.public_id, "r", NOW, OFFSETS)
    assert sale is not None
    assert rows(reminders) == expiry_rows(CLIENT, NOW + 30 * DAY)
    again = await buy_free(shop.uow, CLIENT, "Cleo", package.public_id, "r", NOW, OFFSETS)
    assert again is None and len(reminders.rows) == 3


async def test_a_package_without_expiry_gets_none() -> None:
    shop, reminders = reminding_shop()
    package = await shop.package()
    assert await buy_free(shop.uow, CLIENT, "Cleo", package.public_id, "r", NOW, OFFSETS)
    assert reminders.rows == {}


async def test_a_recorded_payment_gets_expiry_reminders() -> None:
    shop, reminders = reminding_shop()
    package = await shop.package(price="100", validity="10")
    pending = await start_invoice(shop.uow, CLIENT, "Cleo", package.public_id, "k", False, NOW)
    assert pending is not None
    payment = Payment(invoice_payload(pending.key), 100, "XTR", "ch-1", "")
    assert await record_payment(shop.uow, CLIENT, "Cleo", payment, NOW, OFFSETS)
    assert rows(reminders) == expiry_rows(CLIENT, NOW + 10 * DAY)


async def test_a_grant_is_reminded_once_someone_opens_its_link() -> None:
    shop, reminders = reminding_shop()
    package = await shop.package(validity="10")
    sale = await grant(shop.uow, COACH, package.id or 0, "", "g", NOW, OFFSETS)
    assert sale is not None
    assert reminders.rows == {}
    later = NOW + DAY
    await open_package(shop.uow, CLIENT, "Cleo", sale.sold.access_token, later, OFFSETS)
    assert rows(reminders) == expiry_rows(CLIENT, NOW + 10 * DAY)
    await open_package(shop.uow, CLIENT + 1, "Ada", sale.sold.access_token, later, OFFSETS)
    assert rows(reminders) == expiry_rows(CLIENT, NOW + 10 * DAY)


async def test_expiry_moved_then_removed_replans_and_keeps_what_was_sent() -> None:
    shop, reminders = reminding_shop()
    package = await shop.package(validity="30")
    sale = await buy_free(shop.uow, CLIENT, "Cleo", package.public_id, "r", NOW, OFFSETS)
    assert sale is not None and sale.sold.id is not None
    first = min(reminders.rows.values(), key=lambda r: r.plan.due_at)
    reminders.rows[first.id] = replace(first, outcome=Outcome.SENT, sent_at=NOW + 23 * DAY)
    later = NOW + 40 * DAY
    await change_expiry(shop.uow, COACH, sale.sold.id, later, NOW + 23 * DAY, OFFSETS)
    sent = {(first.plan.kind, CLIENT, None, first.plan.due_at)}
    assert rows(reminders) == sent | expiry_rows(CLIENT, later)
    await change_expiry(shop.uow, COACH, sale.sold.id, None, NOW + 24 * DAY, OFFSETS)
    assert rows(reminders) == sent


async def test_revoking_the_link_keeps_the_reminders() -> None:
    shop, reminders = reminding_shop()
    package = await shop.package(validity="30")
    sale = await buy_free(shop.uow, CLIENT, "Cleo", package.public_id, "r", NOW, OFFSETS)
    assert sale is not None and sale.sold.id is not None
    before = rows(reminders)
    assert (await revoke_link(shop.uow, COACH, sale.sold.id, fingerprint(sale.sold), NOW)).changed
    assert rows(reminders) == before


async def test_a_revoked_grant_is_reminded_to_whoever_opens_the_new_link() -> None:
    shop, reminders = reminding_shop()
    package = await shop.package(validity="10")
    sale = await grant(shop.uow, COACH, package.id or 0, "", "g", NOW, OFFSETS)
    assert sale is not None and sale.sold.id is not None
    stranger = FRIEND
    await open_package(shop.uow, stranger, "Finn", sale.sold.access_token, NOW, OFFSETS)
    assert rows(reminders) == expiry_rows(stranger, NOW + 10 * DAY)
    change = await revoke_link(shop.uow, COACH, sale.sold.id, fingerprint(sale.sold), NOW, OFFSETS)
    assert reminders.rows == {}
    await open_package(shop.uow, CLIENT, "Cleo", change.sold.access_token, NOW, OFFSETS)
    assert rows(reminders) == expiry_rows(CLIENT, NOW + 10 * DAY)
