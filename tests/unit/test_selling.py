"""Selling use cases on the in-memory ports: buying, paying once, granting, access links,
/mypackages and the coach's desk."""

from datetime import UTC, datetime, timedelta

import pytest

from domain.catalog.drafts import (
    PackageDraft,
    draft_add_item,
    draft_set_price,
    draft_set_title,
    draft_set_validity,
)
from domain.catalog.model import ItemKind, Package
from domain.catalog.packages import create_package, delete_package, update_package
from domain.catalog.services import ServiceDraft, create_service, delete_service
from domain.errors import InvalidInput, NotFound
from domain.model import Plan
from domain.selling.access import my_packages, open_by_token, open_held
from domain.selling.desk import (
    change_expiry,
    fingerprint,
    revoke_link,
    sold_history,
    sold_package,
    sold_packages,
)
from domain.selling.errors import (
    CheckoutRefused,
    NothingToSell,
    PaymentUnavailable,
    PriceChanged,
    UnknownPayment,
)
from domain.selling.model import EventKind, SaleKind, SoldFilter, SoldStatus
from domain.selling.purchases import (
    Payment,
    buy_free,
    check_pre_checkout,
    grant,
    record_payment,
    start_invoice,
)
from domain.selling.tokens import invoice_payload
from tests.unit.fakes import FakeUnitOfWork, seed_coach

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
COACH, CLIENT, FRIEND, OTHER_COACH = 1, 2, 3, 4


class Shop:
    """A growth-plan coach with a 1:1 service and packages built on demand."""

    def __init__(self) -> None:
        self.uow = FakeUnitOfWork()
        seed_coach(self.uow, COACH, Plan.GROWTH)
        seed_coach(self.uow, OTHER_COACH, Plan.GROWTH)

    async def package(
        self, price: str = "0", currency: str = "XTR", validity: str | None = None
    ) -> Package:
        service = await create_service(self.uow, COACH, ServiceDraft("Yoga", "", 60))
        assert service.id is not None
        self.service_id = service.id
        draft = PackageDraft()
        draft_set_title(draft, "Five yoga")
        draft_add_item(draft, ItemKind.SERVICE, service.id, "5")
        draft_set_price(draft, price, currency)
        draft_set_validity(draft, validity, Plan.GROWTH)
        return await create_package(self.uow, COACH, draft, NOW)

    async def paid(self, package: Package, charge: str = "ch-1"):  # type: ignore[no-untyped-def]
        pending = await start_invoice(
            self.uow, CLIENT, "Cleo", package.public_id, "k1", False, NOW
        )
        assert pending is not None
        payment = Payment(
            invoice_payload(pending.key), package.price_minor, package.currency, charge, ""
        )
        return await record_payment(self.uow, CLIENT, "Cleo", payment, NOW)


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
    await delete_service(shop.uow, COACH, shop.service_id, NOW)
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


async def test_pre_checkout_refuses_unknown_changed_and_deleted() -> None:
    shop = Shop()
    package = await shop.package("150")
    pending = await start_invoice(shop.uow, CLIENT, "Cleo", package.public_id, "r", False, NOW)
    assert pending is not None
    payload = invoice_payload(pending.key)
    await check_pre_checkout(shop.uow, payload, 150, "XTR")
    for bad_payload, total, currency in (
        ("pp_" + "x" * 22, 150, "XTR"),
        ("garbage", 150, "XTR"),
        (payload, 151, "XTR"),
        (payload, 150, "EUR"),
    ):
        with pytest.raises(CheckoutRefused):
            await check_pre_checkout(shop.uow, bad_payload, total, currency)
    await delete_package(shop.uow, COACH, package.id, NOW)  # type: ignore[arg-type]
    with pytest.raises(CheckoutRefused, match="no longer sold"):
        await check_pre_checkout(shop.uow, payload, 150, "XTR")


async def test_a_payment_is_recorded_once_per_charge_id() -> None:
    shop = Shop()
    package = await shop.package("150")
    sale = await shop.paid(package, "charge-1")
    assert sale is not None and sale.sold.charge_id == "charge-1"
    assert sale.sold.kind is SaleKind.PAID and sale.sold.price_minor == 150
    pending = next(iter(shop.uow.pending.rows.values()))
    again = Payment(invoice_payload(pending.key), 150, "XTR", "charge-1", "")
    assert await record_payment(shop.uow, CLIENT, "Cleo", again, NOW) is None
    with pytest.raises(UnknownPayment):
        await record_payment(shop.uow, CLIENT, "Cleo", Payment("x", 1, "XTR", "c2", ""), NOW)


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


async def test_link_opened_from_another_account_shows_the_same_and_lists_it() -> None:
    shop = Shop()
    package = await shop.package()
    sale = await buy_free(shop.uow, CLIENT, "Cleo", package.public_id, "r", NOW)
    assert sale is not None
    shop.uow.sold.use(sale.sold.id, 0, 2)  # type: ignore[arg-type]
    view = await open_by_token(shop.uow, FRIEND, "Finn", sale.sold.access_token, NOW)
    assert view.sold.items[0].left == 3 and view.status is SoldStatus.ACTIVE
    assert not view.for_coach and view.zone == "Europe/Berlin"  # the coach's: Finn has none
    mine, _ = await my_packages(shop.uow, FRIEND, 1, 5, NOW)
    assert [line.sold.id for line in mine.items] == [sale.sold.id]
    assert (await open_held(shop.uow, FRIEND, sale.sold.id, NOW)).sold.id == sale.sold.id  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        await open_held(shop.uow, OTHER_COACH, sale.sold.id, NOW)  # type: ignore[arg-type]


async def test_granted_package_belongs_to_its_first_holder_not_the_coach() -> None:
    shop = Shop()
    package = await shop.package()
    sale = await grant(shop.uow, COACH, package.id, "", "g", NOW)  # type: ignore[arg-type]
    assert sale is not None
    coach_view = await open_by_token(shop.uow, COACH, "C", sale.sold.access_token, NOW)
    assert coach_view.for_coach and coach_view.sold.client_id is None
    await open_by_token(shop.uow, CLIENT, "Cleo", sale.sold.access_token, NOW)
    await open_by_token(shop.uow, FRIEND, "Finn", sale.sold.access_token, NOW)
    stored = await shop.uow.sold.get(sale.sold.id)  # type: ignore[arg-type]
    assert stored is not None and stored.client_id == CLIENT


@pytest.mark.parametrize("token", ["", "short", "a" * 42, "a" * 44, "!" * 43])
async def test_malformed_tokens_are_refused_without_a_lookup(token: str) -> None:
    shop = Shop()
    with pytest.raises(NotFound):
        await open_by_token(shop.uow, CLIENT, "Cleo", token, NOW)
    assert shop.uow.users.rows.get(CLIENT) is None  # nothing was even registered


async def test_status_follows_expiry_and_usage() -> None:
    shop = Shop()
    package = await shop.package(validity="5")
    sale = await buy_free(shop.uow, CLIENT, "Cleo", package.public_id, "r", NOW)
    assert sale is not None and sale.sold.id is not None
    token = sale.sold.access_token
    later = NOW + timedelta(days=5)
    assert (await open_by_token(shop.uow, CLIENT, "C", token, later)).status is SoldStatus.EXPIRED
    shop.uow.sold.use(sale.sold.id, 0, 5)
    assert (await open_by_token(shop.uow, CLIENT, "C", token, NOW)).status is SoldStatus.USED_UP


async def test_coach_changes_the_expiry_and_holders_are_to_be_told() -> None:
    shop = Shop()
    package = await shop.package(validity="5")
    sale = await buy_free(shop.uow, CLIENT, "Cleo", package.public_id, "r", NOW)
    assert sale is not None and sale.sold.id is not None
    sold_id = sale.sold.id
    new = NOW + timedelta(days=40)
    change = await change_expiry(shop.uow, COACH, sold_id, new, NOW)
    assert change.changed and change.notify == [CLIENT] and change.sold.expires_at == new
    twice = await change_expiry(shop.uow, COACH, sold_id, new, NOW)
    assert not twice.changed and twice.notify == []
    removed = await change_expiry(shop.uow, COACH, sold_id, None, NOW)
    assert removed.changed and removed.sold.expires_at is None
    with pytest.raises(NotFound):
        await change_expiry(shop.uow, OTHER_COACH, sold_id, None, NOW)
    _, events = await sold_history(shop.uow, COACH, sold_id)
    assert [(e.kind, e.expires_at) for e in events] == [
        (EventKind.PURCHASED, None),
        (EventKind.EXPIRY_CHANGED, new),
        (EventKind.EXPIRY_CHANGED, None),
    ]


async def test_revoking_kills_the_old_token_once_and_keeps_only_the_client() -> None:
    shop = Shop()
    package = await shop.package()
    sale = await buy_free(shop.uow, CLIENT, "Cleo", package.public_id, "r", NOW)
    assert sale is not None and sale.sold.id is not None
    old = sale.sold.access_token
    await open_by_token(shop.uow, FRIEND, "Finn", old, NOW)
    print_ = fingerprint(sale.sold)
    change = await revoke_link(shop.uow, COACH, sale.sold.id, print_, NOW)
    assert change.changed and change.sold.access_token != old
    again = await revoke_link(shop.uow, COACH, sale.sold.id, print_, NOW)
    assert not again.changed and again.sold.access_token == change.sold.access_token
    with pytest.raises(NotFound):
        await open_by_token(shop.uow, FRIEND, "Finn", old, NOW)
    assert await shop.uow.sold.count_held(FRIEND) == 0
    assert await shop.uow.sold.count_held(CLIENT) == 1
    view = await open_by_token(shop.uow, FRIEND, "Finn", change.sold.access_token, NOW)
    assert view.sold.id == sale.sold.id


async def test_desk_filters_and_scopes_to_the_coach() -> None:
    shop = Shop()
    short = await shop.package(validity="3")
    long = await shop.package(validity="300")
    forever = await shop.package()
    for n, package in enumerate((short, long, forever)):
        await buy_free(shop.uow, CLIENT, "Cleo", package.public_id, f"r{n}", NOW)
    used = await buy_free(shop.uow, CLIENT, "Cleo", forever.public_id, "r9", NOW)
    assert used is not None and used.sold.id is not None
    shop.uow.sold.use(used.sold.id, 0, 5)

    async def titles(which: SoldFilter, now: datetime = NOW) -> list[int]:
        page = await sold_packages(shop.uow, COACH, which, 1, 10, now)
        return [line.sold.id for line in page.items]  # type: ignore[misc]

    assert await titles(SoldFilter.ALL) == [4, 3, 2, 1]
    assert await titles(SoldFilter.ACTIVE) == [3, 2, 1]
    assert await titles(SoldFilter.EXPIRING) == [1]
    assert await titles(SoldFilter.EXPIRED, NOW + timedelta(days=4)) == [1]
    assert await titles(SoldFilter.USED_UP) == [4]
    assert (await sold_packages(shop.uow, OTHER_COACH, SoldFilter.ALL, 1, 10, NOW)).total == 0
    with pytest.raises(NotFound):
        await sold_package(shop.uow, OTHER_COACH, 1, NOW)
