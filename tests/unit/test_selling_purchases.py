"""Buying use cases on the in-memory ports: free, invoiced, paid once, granted."""

from datetime import timedelta

import pytest

from domain.catalog.drafts import (
    PackageDraft,
    draft_set_title,
)
from domain.catalog.model import Package
from domain.catalog.packages import delete_package, update_package
from domain.catalog.services import SERVICES
from domain.errors import InvalidInput, NotFound
from domain.retention import PENDING_KEPT_FOR
from domain.selling.errors import (
    CheckoutRefused,
    NothingToSell,
    PaymentUnavailable,
    PriceChanged,
)
from domain.selling.model import EventKind, SaleKind
from domain.selling.payments import Flagged, Payment, record_payment
from domain.selling.purchases import (
    PAYABLE_FOR,
    buy_free,
    check_pre_checkout,
    grant,
    start_invoice,
)
from domain.selling.tokens import invoice_payload
from tests.unit.selling_shop import CLIENT, COACH, NOW, OTHER_COACH, Shop


async def test_free_package_is_sold_at_once_with_a_snapshot_and_a_secret_link() -> None:
    shop = Shop()
    package = await shop.package(validity="30")
    sale = await buy_free(shop.uow, CLIENT, "Cleo", package.public_id, "req-1", NOW)
    assert sale is not None and sale.buyer is not None and sale.coach.user_id == COACH
    sold = sale.sold
    assert (sold.title, sold.kind, sold.client_id) == ("Five yoga", SaleKind.FREE, CLIENT)
    assert sold.expires_at == NOW + timedelta(days=30)
    assert [(i.title, i.quantity, i.used) for i in sold.items] == [("Yoga", 5, 0)]
    assert len(sold.access_token) == 43
    events = await shop.uow.sold.events(sold.id)  # type: ignore[arg-type]
    assert [e.kind for e in events] == [EventKind.PURCHASED]


async def test_the_same_button_twice_sells_once() -> None:
    shop = Shop()
    package = await shop.package()
    first = await buy_free(shop.uow, CLIENT, "Cleo", package.public_id, "req-1", NOW)
    again = await buy_free(shop.uow, CLIENT, "Cleo", package.public_id, "req-1", NOW)
    assert first is not None and again is None
    assert await shop.uow.sold.count_held(CLIENT) == 1


async def test_paid_package_cannot_be_taken_free_and_free_cannot_be_invoiced() -> None:
    shop = Shop()
    paid = await shop.package("150")
    with pytest.raises(PriceChanged):
        await buy_free(shop.uow, CLIENT, "Cleo", paid.public_id, "r", NOW)
    free = await shop.package("0")
    with pytest.raises(PriceChanged):
        await start_invoice(shop.uow, CLIENT, "Cleo", free.public_id, "r", False, NOW)


async def test_deleted_unknown_or_emptied_packages_are_not_sold() -> None:
    shop = Shop()
    package = await shop.package()
    for public_id in ("nope", "bad id!"):
        with pytest.raises(NotFound):
            await buy_free(shop.uow, CLIENT, "Cleo", public_id, "r", NOW)
    await SERVICES.delete(shop.uow, COACH, shop.service_id, NOW)
    with pytest.raises(NothingToSell):
        await buy_free(shop.uow, CLIENT, "Cleo", package.public_id, "r", NOW)
    await delete_package(shop.uow, COACH, package.id, NOW)  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        await buy_free(shop.uow, CLIENT, "Cleo", package.public_id, "r", NOW)


@pytest.mark.parametrize(
    ("price", "currency", "provider", "ok"),
    [
        ("1", "XTR", False, True),
        ("25000", "XTR", False, True),
        ("25001", "XTR", False, False),
        ("49.90", "EUR", False, False),
        ("49.90", "EUR", True, True),
    ],
)
async def test_invoices_only_where_telegram_can_take_the_payment(
    price: str, currency: str, provider: bool, ok: bool
) -> None:
    shop = Shop()
    package = await shop.package(price, currency)
    if ok:
        pending = await start_invoice(
            shop.uow, CLIENT, "Cleo", package.public_id, "r", provider, NOW
        )
        assert pending is not None and pending.snapshot.price_minor == package.price_minor
        return
    with pytest.raises(PaymentUnavailable) as refused:
        await start_invoice(shop.uow, CLIENT, "Cleo", package.public_id, "r", provider, NOW)
    assert refused.value.coach_name == f"Coach {COACH}"


async def _invoiced() -> tuple[Shop, Package, str]:
    """A shop whose client was sent an invoice for a 150-star package; its payload."""
    shop = Shop()
    package = await shop.package("150")
    pending = await start_invoice(shop.uow, CLIENT, "Cleo", package.public_id, "r", False, NOW)
    assert pending is not None
    return shop, package, invoice_payload(pending.key)


async def test_pre_checkout_refuses_unknown_changed_and_deleted() -> None:
    shop, package, payload = await _invoiced()
    await check_pre_checkout(shop.uow, payload, 150, "XTR", NOW)
    for bad_payload, total, currency in (
        ("pp_" + "x" * 22, 150, "XTR"),
        ("garbage", 150, "XTR"),
        (payload, 151, "XTR"),
        (payload, 150, "EUR"),
    ):
        with pytest.raises(CheckoutRefused):
            await check_pre_checkout(shop.uow, bad_payload, total, currency, NOW)
    await delete_package(shop.uow, COACH, package.id, NOW)  # type: ignore[arg-type]
    with pytest.raises(CheckoutRefused, match="package_not_sold"):
        await check_pre_checkout(shop.uow, payload, 150, "XTR", NOW)


async def test_pre_checkout_refuses_an_invoice_older_than_it_may_be_paid() -> None:
    shop, _, payload = await _invoiced()
    await check_pre_checkout(shop.uow, payload, 150, "XTR", NOW + PAYABLE_FOR)
    with pytest.raises(CheckoutRefused, match="invoice_unknown"):
        late = NOW + PAYABLE_FOR + timedelta(seconds=1)
        await check_pre_checkout(shop.uow, payload, 150, "XTR", late)
    # the pruning job keeps it longer: a payment accepted in time always finds it
    assert PENDING_KEPT_FOR >= PAYABLE_FOR + timedelta(days=1)


async def test_a_payment_is_recorded_once_per_charge_id() -> None:
    shop = Shop()
    package = await shop.package("150")
    sale = await shop.paid(package, "charge-1")
    assert sale is not None and sale.sold.charge_id == "charge-1"
    assert sale.sold.kind is SaleKind.PAID and sale.sold.price_minor == 150
    pending = next(iter(shop.uow.pending.rows.values()))
    again = Payment(invoice_payload(pending.key), 150, "XTR", "charge-1", "")
    assert await record_payment(shop.uow, CLIENT, "Cleo", again, NOW) is None
    unknown = await record_payment(shop.uow, CLIENT, "Cleo", Payment("x", 1, "XTR", "c2", ""), NOW)
    assert isinstance(unknown, Flagged) and unknown.coach is None
    assert unknown.issue.charge_id == "c2" and unknown.issue.expected_minor is None


async def test_a_payment_that_differs_from_its_invoice_is_flagged_once_never_sold() -> None:
    shop = Shop()
    package = await shop.package("150")
    pending = await start_invoice(shop.uow, CLIENT, "Cleo", package.public_id, "r", False, NOW)
    assert pending is not None
    payload = invoice_payload(pending.key)
    for amount, currency, charge in ((1, "XTR", "short"), (150, "EUR", "euro")):
        payment = Payment(payload, amount, currency, charge, "")
        flagged = await record_payment(shop.uow, CLIENT, "Cleo", payment, NOW)
        assert isinstance(flagged, Flagged) and flagged.coach is not None
        assert flagged.coach.user_id == COACH and flagged.payer.telegram_id == CLIENT
        issue = flagged.issue
        assert (issue.paid_minor, issue.paid_currency) == (amount, currency)
        assert (issue.expected_minor, issue.expected_currency, issue.title) == (
            150,
            "XTR",
            "Five yoga",
        )
        assert await record_payment(shop.uow, CLIENT, "Cleo", payment, NOW) is None
    assert shop.uow.sold.rows["sold"] == {}
    assert sorted(shop.uow.payment_issues.rows) == ["euro", "short"]


async def test_package_edited_after_the_invoice_sells_the_snapshot() -> None:
    shop = Shop()
    package = await shop.package("150")
    pending = await start_invoice(shop.uow, CLIENT, "Cleo", package.public_id, "r", False, NOW)
    assert pending is not None
    draft = PackageDraft.of(package)
    draft_set_title(draft, "Renamed")
    await update_package(shop.uow, COACH, package.id, draft)  # type: ignore[arg-type]
    payment = Payment(invoice_payload(pending.key), 150, "XTR", "c", "")
    sale = await record_payment(shop.uow, CLIENT, "Cleo", payment, NOW)
    assert sale is not None and sale.sold.title == "Five yoga"


async def test_grant_counts_validity_from_the_grant_and_keeps_the_note() -> None:
    shop = Shop()
    package = await shop.package("49.90", "EUR", validity="10")
    later = NOW + timedelta(days=3)
    sale = await grant(shop.uow, COACH, package.id, "  paid  cash ", "g1", later)  # type: ignore[arg-type]
    assert sale is not None and sale.buyer is None
    assert sale.sold.kind is SaleKind.GRANT and sale.sold.note == "paid cash"
    assert sale.sold.expires_at == later + timedelta(days=10) and sale.sold.client_id is None
    with pytest.raises(NotFound):
        await grant(shop.uow, OTHER_COACH, package.id, "", "g2", NOW)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        await grant(shop.uow, COACH, package.id, "x" * 201, "g3", NOW)  # type: ignore[arg-type]
