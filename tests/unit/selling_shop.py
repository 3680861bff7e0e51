"""A growth-plan coach on the in-memory ports, selling packages in the unit tests."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.catalog.drafts import (
    PackageDraft,
    draft_add_item,
    draft_set_price,
    draft_set_title,
    draft_set_validity,
)
from domain.catalog.model import ItemKind, Package
from domain.catalog.packages import create_package
from domain.catalog.services import ServiceDraft, create_service
from domain.model import Plan
from domain.selling.payments import Flagged, Payment, record_payment
from domain.selling.purchases import Sale, start_invoice
from domain.selling.tokens import invoice_payload
from tests.unit.booking_fakes import BookingFakeUnitOfWork
from tests.unit.fakes import seed_coach

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
COACH, CLIENT, FRIEND, OTHER_COACH = 1, 2, 3, 4


class Shop:
    """A growth-plan coach with a 1:1 service and packages built on demand; the store
    booking reads too, so a holder can see the package as the bot shows it."""

    def __init__(self) -> None:
        self.uow = BookingFakeUnitOfWork()
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

    async def paid(self, package: Package, charge: str = "ch-1") -> Sale | None:
        pending = await start_invoice(
            self.uow, CLIENT, "Cleo", package.public_id, "k1", False, NOW
        )
        assert pending is not None
        payment = Payment(
            invoice_payload(pending.key), package.price_minor, package.currency, charge, ""
        )
        sale = await record_payment(self.uow, CLIENT, "Cleo", payment, NOW)
        assert not isinstance(sale, Flagged), "paid as invoiced"
        return sale
