"""Coach journeys of the /sold desk: granting, expiry changes the client hears about,
revoking a link, history, filters; and a client's /mypackages."""

from __future__ import annotations

from datetime import timedelta

from domain.selling.rules import EXTEND_MAX_DAYS
from tests.e2e.conftest import CLIENT, COACH, OTHER_COACH, BotHarness
from tests.e2e.selling_seed import Shop, access_payload, given_a_shop


async def _buy(harness: BotHarness, shop: Shop, title: str, validity: str | None) -> str:
    """The client gets a free package; its access payload."""
    api = harness.api
    package = await shop.package(title, validity=validity)
    api.open_deep_link(CLIENT, f"p_{package.public_id}")
    await api.next_message(CLIENT, f"All about {title.lower()}")
    api.press_button(CLIENT, "🎁 Get it")
    got = await api.next_message(CLIENT, f"You now have {title}")
    await api.next_message(COACH, "New sale")
    return access_payload(got.content)


async def test_grant_gives_the_coach_a_link_that_opens_the_package(harness: BotHarness) -> None:
    api, shop = harness.api, await given_a_shop(harness)
    package = await shop.package("Cash deal", "30", "EUR", validity="10")
    api.open_deep_link(COACH, f"p_{package.public_id}")
    page = await api.next_message(COACH, "All about cash deal")
    assert page.button_labels == ["🎁 Grant", "🔗 Link"]
    api.press_button(COACH, "🎁 Grant")
    await api.next_message(COACH, "Type a note")
    api.send_text(COACH, "paid cash on Monday")
    granted = await api.next_message(COACH, "Granted Cash deal")
    assert "Valid until Sat 05 Dec 2026, 12:00 (UTC)" in granted.content
    payload = access_payload(granted.content)

    api.open_deep_link(CLIENT, payload)
    await api.next_message(CLIENT, "Cash deal — from Anna")
    api.send_text(COACH, "/sold")
    desk = await api.next_message(COACH, "Sold packages")
    assert "Test User — Cash deal" in desk.content and "7 of 7 left" in desk.content
    api.press_button(COACH, "1. Cash deal")
    detail = await api.next_message(COACH, "granted by you: paid cash on Monday")
    assert "Status: active" in detail.content


async def test_expiry_extended_and_removed_the_client_is_told(harness: BotHarness) -> None:
    api, shop = harness.api, await given_a_shop(harness)
    payload = await _buy(harness, shop, "Month", "30")
    api.send_text(COACH, "/sold")
    await api.next_message(COACH, "Sold packages")
    api.press_button(COACH, "1. Month")
    await api.next_message(COACH, "Valid until Fri 25 Dec 2026")
    api.press_button(COACH, "⏳ Change expiry")
    await api.next_message(COACH, "Choose how to change it")
    api.press_button(COACH, "➕ Extend")
    await api.next_message(COACH, "Extend by how many days")
    api.send_text(COACH, "zero")
    await api.next_message(COACH, f"type a whole number from 1 to {EXTEND_MAX_DAYS}")
    api.send_text(COACH, "7")
    question = await api.next_message(COACH, "Change the expiry of Month")
    assert "New: Valid until Fri 01 Jan 2027, 12:00 (UTC)" in question.content
    api.press_button(COACH, "✅ Yes, change it")
    api.press_button(COACH, "✅ Yes, change it", question.message_id)  # twice: told once
    told = await api.next_message(CLIENT, "now valid until Fri 01 Jan 2027, 12:00 (UTC)")
    await api.next_message(COACH, "Expiry changed; the client was told.")
    await api.next_message(COACH, "It already was so.")
    assert [m.content for m in api.messages(CLIENT)].count(told.content) == 1

    api.press_button(COACH, "⏳ Change expiry")
    await api.next_message(COACH, "Choose how to change it")
    api.press_button(COACH, "♾ Remove the limit")
    await api.next_message(COACH, "New: No expiry")
    api.press_button(COACH, "✅ Yes, change it")
    await api.next_message(CLIENT, "Month from Anna no longer expires")
    api.open_deep_link(CLIENT, payload)
    view = await api.next_message(CLIENT, "Month — from Anna")
    assert "No expiry" in view.content

    api.press_button(COACH, "📜 History")
    history = await api.next_message(COACH, "History of Month")
    assert "bought" in history.content and "expiry set to Fri 01 Jan 2027" in history.content
    assert history.content.count("expiry") == 2 and "expiry removed" in history.content


async def test_new_expiry_date_typed_in_the_coachs_zone(harness: BotHarness) -> None:
    api, shop = harness.api, await given_a_shop(harness)
    await _buy(harness, shop, "Dated", None)
    api.send_text(COACH, "/sold")
    await api.next_message(COACH, "Sold packages")
    api.press_button(COACH, "1. Dated")
    await api.next_message(COACH, "No expiry")
    api.press_button(COACH, "⏳ Change expiry")
    await api.next_message(COACH, "Choose how to change it")
    api.press_button(COACH, "📅 New date")
    await api.next_message(COACH, "Type the new expiry date")
    api.send_text(COACH, "01.01.2020")
    await api.next_message(COACH, "already passed")
    api.send_text(COACH, "31.12.2026")
    await api.next_message(COACH, "New: Valid until Thu 31 Dec 2026, 23:59 (UTC)")
    api.press_button(COACH, "✅ Yes, change it")
    await api.next_message(CLIENT, "now valid until Thu 31 Dec 2026, 23:59 (UTC)")


async def test_revoked_link_is_refused_and_the_new_one_works(harness: BotHarness) -> None:
    api, shop = harness.api, await given_a_shop(harness)
    old = await _buy(harness, shop, "Secret", None)
    api.send_text(COACH, "/sold")
    await api.next_message(COACH, "Sold packages")
    api.press_button(COACH, "1. Secret")
    await api.next_message(COACH, "Status: active")
    api.press_button(COACH, "♻️ Revoke link")
    question = await api.next_message(COACH, "Revoke the access link")
    api.press_button(COACH, "♻️ Yes, revoke it")
    api.press_button(COACH, "♻️ Yes, revoke it", question.message_id)
    shown = await api.next_message(COACH, "The old link no longer works")
    new = access_payload(shown.content)
    assert new != old
    api.open_deep_link(CLIENT, old)
    await api.next_message(CLIENT, "this link is not valid")
    api.open_deep_link(CLIENT, new)
    await api.next_message(CLIENT, "Secret — from Anna")
    api.press_button(COACH, "◀ Back")
    await api.next_message(COACH, "Status: active")
    api.press_button(COACH, "🔗 Access link")
    link = await api.next_message(COACH, "Access link of Secret")
    assert access_payload(link.content) == new  # the double press made one new link


async def test_desk_filters_pages_and_stays_the_coachs_own(harness: BotHarness) -> None:
    api, shop = harness.api, await given_a_shop(harness)
    await _buy(harness, shop, "Short", "3")
    for n in range(5):
        await _buy(harness, shop, f"Long {n}", None)
    api.send_text(COACH, "/sold")
    first = await api.next_message(COACH, "Sold packages · All (6) · page 1 of 2")
    assert "Long 4" in first.content and "Short" not in first.content
    api.press_button(COACH, "▶")
    await api.next_message(COACH, "page 2 of 2")
    api.press_button(COACH, "Expiring ≤ 7 d")
    expiring = await api.next_message(COACH, "Expiring ≤ 7 d (1)")
    assert "Short" in expiring.content
    harness.clock.now += timedelta(days=4)
    api.press_button(COACH, "Expired")
    assert "Short" in (await api.next_message(COACH, "Expired (1)")).content
    api.send_text(OTHER_COACH, "/sold")
    await api.next_message(OTHER_COACH, "All (0)")
    api.press_callback(OTHER_COACH, "sold:v:1")
    await api.next_message(OTHER_COACH, "couldn't find that")
    api.press_callback(COACH, "sold:set:1:99999999999:y")
    await api.next_message(COACH, "in the past or too far ahead")


async def test_mypackages_is_paged_and_explains_itself_when_empty(harness: BotHarness) -> None:
    api, shop = harness.api, await given_a_shop(harness)
    api.send_text(CLIENT, "/mypackages")
    await api.next_message(CLIENT, "You have no packages yet")
    for n in range(6):
        await _buy(harness, shop, f"Pack {n}", None)
    api.send_text(CLIENT, "/mypackages")
    first = await api.next_message(CLIENT, "Your packages (6) · page 1 of 2")
    assert first.button_labels[0] == "1. Pack 5" and first.button_labels[-1] == "▶"
    api.press_button(CLIENT, "▶")
    second = await api.next_message(CLIENT, "page 2 of 2")
    api.press_button(CLIENT, "6. Pack 0", second.message_id)
    await api.next_message(CLIENT, "Pack 0 — from Anna")
    commands = [c["command"] for c in api.commands()]
    assert "mypackages" in commands
    api.send_text(CLIENT, "/help")
    assert "/mypackages" in (await api.next_message(CLIENT, "What you can do")).content
