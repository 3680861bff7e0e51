"""Story set-up for the selling journeys: a growth-plan coach with a 1:1 service, a group
series and packages made through the same use cases the chat uses."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.accounts import greet, set_plan
from domain.catalog.drafts import (
    PackageDraft,
    draft_add_item,
    draft_set_description,
    draft_set_price,
    draft_set_title,
    draft_set_validity,
)
from domain.catalog.model import ItemKind, Package
from domain.catalog.packages import create_package
from domain.catalog.series import SeriesDraft, create_series
from domain.catalog.services import ServiceDraft, create_service
from domain.model import Plan
from tests.e2e.conftest import ADMIN, COACH, BotHarness

ACCESS = re.compile(r"\?start=(a_[A-Za-z0-9_-]{43})")


@dataclass
class Shop:
    harness: BotHarness
    yoga_id: int
    camp_id: int

    async def package(
        self, title: str, price: str = "0", currency: str = "XTR", validity: str | None = None
    ) -> Package:
        """A package of 5 yoga sessions and 2 bootcamp seats."""
        draft = PackageDraft()
        draft_set_title(draft, title)
        draft_set_description(draft, f"All about {title.lower()}")
        draft_add_item(draft, ItemKind.SERVICE, self.yoga_id, "5")
        draft_add_item(draft, ItemKind.SERIES, self.camp_id, "2")
        draft_set_price(draft, price, currency)
        draft_set_validity(draft, validity, Plan.GROWTH)
        return await create_package(self.uow(), COACH, draft, self.harness.clock.now)

    def uow(self):  # type: ignore[no-untyped-def]
        assert self.harness.app is not None
        return self.harness.app.deps.uow_factory()


async def given_a_shop(harness: BotHarness) -> Shop:
    assert harness.app is not None
    deps, now = harness.app.deps, harness.clock.now
    await greet(deps.uow_factory(), COACH, "Anna", deps.policy, now)
    await set_plan(deps.uow_factory(), ADMIN, COACH, "growth", deps.policy)
    yoga = await create_service(deps.uow_factory(), COACH, ServiceDraft("Yoga", "", 60))
    camp = await create_series(deps.uow_factory(), COACH, SeriesDraft("Bootcamp", "", 12, 45))
    assert yoga.id is not None and camp.id is not None
    return Shop(harness, yoga.id, camp.id)


def access_payload(text: str) -> str:
    found = ACCESS.search(text)
    assert found is not None, f"no access link in {text!r}"
    return found[1]


async def extend_month_by_a_week(harness: BotHarness) -> None:
    """The coach extends the one sold package \"Month\" (valid until Fri 25 Dec 2026) by 7 days
    on /sold and confirms; the client is told."""
    api = harness.api
    api.send_text(COACH, "/sold")
    await api.next_message(COACH, "Sold packages")
    api.press_button(COACH, "1. Month")
    await api.next_message(COACH, "Valid until Fri 25 Dec 2026")
    api.press_button(COACH, "⏳ Change expiry")
    await api.next_message(COACH, "Choose how to change it")
    api.press_button(COACH, "➕ Extend")
    await api.next_message(COACH, "Extend by how many days")
    api.send_text(COACH, "7")
    await api.next_message(COACH, "Change the expiry of Month")
    api.press_button(COACH, "✅ Yes, change it")
    await api.next_message(COACH, "Expiry changed; the client was told.")
