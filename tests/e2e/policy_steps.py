"""Story steps the policy journeys share (refunds, transfers, pauses, time away): a client
in Berlin who pays for a package of Yoga sessions through the real chat."""

from __future__ import annotations

from domain.accounts import set_timezone
from domain.catalog.drafts import (
    PackageDraft,
    draft_add_item,
    draft_set_price,
    draft_set_title,
    draft_set_validity,
)
from domain.catalog.model import ItemKind, Package
from domain.catalog.packages import create_package
from domain.model import Plan
from tests.e2e.conftest import CLIENT, COACH
from tests.e2e.selling_seed import ACCESS, Shop
from tests.support.fake_bot_api import SentMessage


async def yoga_for(shop: Shop, title: str, price: str, currency: str, days: str | None) -> Package:
    draft = PackageDraft()
    draft_set_title(draft, title)
    draft_add_item(draft, ItemKind.SERVICE, shop.yoga_id, "3")
    draft_set_price(draft, price, currency)
    draft_set_validity(draft, days, Plan.GROWTH)
    return await create_package(shop.uow(), COACH, draft, shop.harness.clock.now)


async def client_pays(
    shop: Shop, package: Package, charge: str, zone: str = "Europe/Berlin"
) -> SentMessage:
    """The client (in `zone`) buys the package through its invoice; "You now have …"."""
    api = shop.harness.api
    api.user(CLIENT, first_name="Cleo")
    await set_timezone(shop.uow(), CLIENT, "Cleo", zone)
    api.open_deep_link(CLIENT, f"p_{package.public_id}")
    await api.next_message(CLIENT, package.title)
    api.press_button(CLIENT, next(b for b in _labels(api.last_message(CLIENT)) if "Buy" in b))
    invoice = await api.next_message(CLIENT, lambda m: m.invoice is not None)
    answer = await api.pay_invoice(CLIENT, invoice, charge)
    assert answer["ok"] is True
    got = await api.next_message(CLIENT, f"You now have {package.title}")
    await api.next_message(COACH, "New sale")
    return got


def access_payload(text: str) -> str:
    found = ACCESS.search(text)
    assert found is not None, text
    return found[1]


async def desk_of(shop: Shop, title: str) -> SentMessage:
    """The coach opens the sold package on /sold."""
    api = shop.harness.api
    api.send_text(COACH, "/sold")
    await api.next_message(COACH, "Sold packages")
    api.press_button(COACH, f"1. {title}")
    return await api.next_message(COACH, f"{title} — ")


def _labels(message: SentMessage) -> list[str]:
    return message.button_labels
