"""Client journeys through a coach's links (booking page `c_`, package `p_`) and the coach
home that leads into the lists."""

from __future__ import annotations

import re

from domain.catalog.drafts import (
    PackageDraft,
    draft_add_item,
    draft_set_description,
    draft_set_price,
    draft_set_title,
)
from domain.catalog.model import ItemKind, Package
from domain.catalog.packages import create_package, set_package_hidden
from domain.catalog.series import SeriesDraft, create_series
from domain.catalog.services import SERVICES, ServiceDraft, create_service
from tests.e2e.conftest import CLIENT, COACH, BotHarness

PAYLOAD = re.compile(r"\?start=([cp]_[A-Za-z0-9_-]+)")


async def given_packages(harness: BotHarness) -> dict[str, Package]:
    """Yoga (1:1) and Bootcamp (group); "Open class" on sale, "Secret deal" hidden, and
    "Old yoga" holding only a service that gets deleted."""
    assert harness.app is not None
    uow, now = harness.app.deps.uow_factory, harness.clock.now
    yoga = await create_service(uow(), COACH, ServiceDraft("Yoga", "", 60))
    old = await create_service(uow(), COACH, ServiceDraft("Old yoga", "", 60))
    camp = await create_series(uow(), COACH, SeriesDraft("Bootcamp", "", 12, 45))
    made = {}
    for title, items, price in (
        (
            "Open class",
            [(yoga.id, ItemKind.SERVICE, "5"), (camp.id, ItemKind.SERIES, "2")],
            "49.90",
        ),
        ("Secret deal", [(camp.id, ItemKind.SERIES, "10")], "19"),
        ("Old yoga pack", [(old.id, ItemKind.SERVICE, "3")], "0"),
    ):
        draft = PackageDraft()
        draft_set_title(draft, title)
        draft_set_description(draft, f"All about {title.lower()}")
        for ref_id, kind, quantity in items:
            assert ref_id is not None
            draft_add_item(draft, kind, ref_id, quantity)
        draft_set_price(draft, price, "EUR")
        made[title] = await create_package(uow(), COACH, draft, now)
    secret_id = made["Secret deal"].id
    assert secret_id is not None and old.id is not None
    await set_package_hidden(uow(), COACH, secret_id, True)
    await SERVICES.delete(uow(), COACH, old.id, now)
    return made


async def test_client_sees_the_booking_page_and_a_hidden_package_by_its_link(
    harness: BotHarness,
) -> None:
    api = harness.api
    api.send_text(COACH, "/start")
    home = await api.next_message(COACH, "Coach home")
    booking = PAYLOAD.search(home.content)
    assert booking is not None and booking[1].startswith("c_")
    await given_packages(harness)

    api.open_deep_link(CLIENT, booking[1])
    page = await api.next_message(CLIENT, "packages")
    assert "Open class — 49.90 EUR" in page.content
    assert "5 × Yoga (1:1), 2 × Bootcamp (group)" in page.content
    assert "Secret deal" not in page.content and "Old yoga" not in page.content
    assert page.button_labels == ["Open class"]
    api.press_button(CLIENT, "Open class")
    details = await api.next_message(CLIENT, "All about open class")
    assert "Price: 49.90 EUR" in details.content and "Validity: no expiry" in details.content
    assert "Hidden" not in details.content
    assert details.button_labels == ["💳 Buy for 49.90 EUR"]

    api.send_text(COACH, "/packages")
    await api.next_message(COACH, "Your packages (3)")
    api.press_button(COACH, "2. Secret deal")
    await api.next_message(COACH, "Hidden: yes")
    api.press_button(COACH, "🔗 Link")
    secret_link = PAYLOAD.search((await api.next_message(COACH, "Direct link")).content)
    assert secret_link is not None

    api.open_deep_link(CLIENT, secret_link[1])
    secret = await api.next_message(CLIENT, "Secret deal")
    assert "10 × Bootcamp (group)" in secret.content and "Price: 19.00 EUR" in secret.content
    assert secret.button_labels == ["💳 Buy for 19.00 EUR"]  # a hidden package still sells

    api.send_text(COACH, "/packages")
    await api.next_message(COACH, "Your packages (3)")
    api.press_button(COACH, "3. Old yoga pack")
    emptied = await api.next_message(COACH, "clients cannot buy it")
    assert "(none yet)" in emptied.content
    api.press_button(COACH, "🔗 Link")
    old_link = PAYLOAD.search((await api.next_message(COACH, "Direct link")).content)
    assert old_link is not None
    api.open_deep_link(CLIENT, old_link[1])
    await api.next_message(CLIENT, "not available right now")

    api.open_deep_link(CLIENT, "p_xxx")
    await api.next_message(CLIENT, "this link is not valid")


async def test_a_deleted_package_link_is_no_longer_valid(harness: BotHarness) -> None:
    api = harness.api
    api.send_text(COACH, "/start")
    await api.next_message(COACH, "Coach home")
    made = await given_packages(harness)
    api.send_text(COACH, "/packages")
    await api.next_message(COACH, "Your packages (3)")
    api.press_button(COACH, "1. Open class")
    await api.next_message(COACH, "Open class")
    api.press_button(COACH, "🗑 Delete")
    question = await api.next_message(COACH, "Delete Open class?")
    assert "already sold keep working" in question.content
    api.press_button(COACH, "Yes, delete it")
    await api.next_message(COACH, "Deleted Open class. Packages already sold keep working.")

    api.open_deep_link(CLIENT, f"p_{made['Open class'].public_id}")
    await api.next_message(CLIENT, "this link is not valid")
    api.send_text(COACH, "/packages")
    rest = await api.next_message(COACH, "Your packages (2)")
    assert "Open class" not in rest.content


async def test_coach_home_counts_the_catalog_and_leads_to_the_packages(
    harness: BotHarness,
) -> None:
    api = harness.api
    api.send_text(COACH, "/start")
    empty = await api.next_message(COACH, "Coach home")
    assert "Services: 0 · Series: 0 · Packages: 0" in empty.content
    assert [b["callback_data"] for b in empty.buttons] == [
        "svc:list:1",
        "ser:list:1",
        "pkg:list:1",
    ]
    await given_packages(harness)

    api.send_text(COACH, "/start")
    home = await api.next_message(COACH, "Coach home")
    assert "Services: 1 · Series: 1 · Packages: 3" in home.content
    api.press_button(COACH, "Packages (3)")
    listed = await api.next_message(COACH, "Your packages (3)")
    assert "Open class — 49.90 EUR" in listed.content
    assert "Secret deal — 19.00 EUR · hidden" in listed.content
    assert listed.message_id == home.message_id


async def test_long_catalogs_are_paged_for_clients_and_coaches(harness: BotHarness) -> None:
    api = harness.api
    api.send_text(COACH, "/start")
    home = await api.next_message(COACH, "Coach home")
    booking = PAYLOAD.search(home.content)
    assert booking is not None
    assert harness.app is not None
    uow = harness.app.deps.uow_factory
    services = [
        await create_service(uow(), COACH, ServiceDraft(f"S{n}", "", 60)) for n in range(4)
    ]
    for number in range(1, 7):
        draft = PackageDraft()
        draft_set_title(draft, f"Pack {number}")
        for service in services[: 4 if number == 1 else 1]:
            assert service.id is not None
            draft_add_item(draft, ItemKind.SERVICE, service.id, "1")
        draft_set_price(draft, "10", "USD")
        await create_package(uow(), COACH, draft, harness.clock.now)

    api.open_deep_link(CLIENT, booking[1])
    first = await api.next_message(CLIENT, "(page 1 of 2)")
    assert "1 × S0 (1:1), 1 × S1 (1:1), 1 × S2 (1:1) and 1 more" in first.content
    assert first.button_labels == [f"Pack {n}" for n in range(1, 6)] + ["▶"]
    api.press_button(CLIENT, "▶")
    second = await api.next_message(CLIENT, "(page 2 of 2)")
    assert second.message_id == first.message_id and "Pack 6" in second.content
    assert second.button_labels == ["Pack 6", "◀"]

    api.send_text(COACH, "/packages")
    mine = await api.next_message(COACH, "Your packages (6) · page 1 of 2")
    assert "Pack 6" not in mine.content
    api.press_button(COACH, "▶")
    last = await api.next_message(COACH, "page 2 of 2")
    assert "6. Pack 6 — 10.00 USD" in last.content and last.message_id == mine.message_id
