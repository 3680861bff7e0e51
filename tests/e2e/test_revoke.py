"""Revoking an access link and removing a holder (rule 15), through the real chat: every
holder loses the package, old buttons included; a buyer gets the new link from the bot; a
grant goes to whoever opens the new link first; the coach sees and removes holders."""

from __future__ import annotations

from domain.catalog.model import ItemKind, Package
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.e2e.holder_steps import package_of, working_shop
from tests.e2e.selling_seed import Shop, access_payload
from tests.support.fake_bot_api import SentMessage

FRIEND = 3003
NOT_FOUND = "couldn't find that"


async def _bought(shop: Shop, package: Package) -> str:
    """The client takes the free package; its access payload."""
    api = shop.harness.api
    api.user(CLIENT, first_name="Cleo")
    api.open_deep_link(CLIENT, f"p_{package.public_id}")
    await api.next_message(CLIENT, package.title)
    api.press_button(CLIENT, "🎁 Get it")
    got = await api.next_message(CLIENT, f"You now have {package.title}")
    await api.next_message(COACH, "New sale")
    return access_payload(got.content)


async def _opens(shop: Shop, user: int, name: str, payload: str, title: str) -> SentMessage:
    api = shop.harness.api
    api.user(user, first_name=name)
    api.open_deep_link(user, payload)
    return await api.next_message(user, f"{title} — from Anna")


async def _at_confirm(shop: Shop, user: int, view: SentMessage) -> SentMessage:
    """Book → the first day → the first time: the summary with ✅ Confirm (not pressed)."""
    api = shop.harness.api
    api.press_button(user, "📅 Book Yoga", view.message_id)
    days = await api.next_message(user, "pick a day")
    api.press_button(user, days.button_labels[0], days.message_id)
    times = await api.next_message(user, "pick a time")
    api.press_button(user, times.button_labels[0], times.message_id)
    return await api.next_message(user, "Book Yoga on")


async def _desk(shop: Shop, title: str) -> SentMessage:
    api = shop.harness.api
    api.send_text(COACH, "/sold")
    await api.next_message(COACH, "Sold packages")
    api.press_button(COACH, f"1. {title}")
    return await api.next_message(COACH, "Status: active")


async def _revoke(shop: Shop, title: str, says: str) -> SentMessage:
    api = shop.harness.api
    await _desk(shop, title)
    api.press_button(COACH, "♻️ Revoke link")
    question = await api.next_message(COACH, "Revoke the access link")
    assert says in question.content
    api.press_button(COACH, "♻️ Yes, revoke it")
    return await api.next_message(COACH, "The old link no longer works")


async def _refused(shop: Shop, user: int, screen: SentMessage, label: str) -> None:
    api = shop.harness.api
    api.press_button(user, label, screen.message_id)
    await api.next_message(user, NOT_FOUND)


async def test_revoking_a_purchase_stops_the_buyers_old_buttons_and_sends_the_new_link(
    harness: BotHarness,
) -> None:
    api, shop = harness.api, await working_shop(harness)
    package = await package_of(shop, ItemKind.SERVICE, shop.yoga_id, 3, "Yoga trio")
    old = await _bought(shop, package)
    view = await _opens(shop, CLIENT, "Cleo", old, "Yoga trio")
    summary = await _at_confirm(shop, CLIENT, view)
    friend_view = await _opens(shop, FRIEND, "Finn", old, "Yoga trio")

    shown = await _revoke(shop, "Yoga trio", "The bot sends the new link to the buyer, Cleo")
    assert "The bot sent it to Cleo." in shown.content
    told = await api.next_message(CLIENT, "replaced the access link of Yoga trio")
    new = access_payload(told.content)
    assert new == access_payload(shown.content) != old

    await _refused(shop, CLIENT, summary, "✅ Confirm")  # the old Confirm no longer books
    await _refused(shop, FRIEND, friend_view, "📅 Book Yoga")
    for user in (CLIENT, FRIEND):
        api.send_text(user, "/mypackages")
        await api.next_message(user, "You have no packages yet")
    detail = await _desk(shop, "Yoga trio")
    assert "(0 used)" in detail.content and "Nobody holds the link now." in detail.content

    view = await _opens(shop, CLIENT, "Cleo", new, "Yoga trio")  # the buyer is back
    api.press_button(CLIENT, "✅ Confirm", (await _at_confirm(shop, CLIENT, view)).message_id)
    await api.next_message(CLIENT, "Booked:")


async def test_a_stranger_who_opened_a_grant_first_loses_it_and_the_next_opener_is_client(
    harness: BotHarness,
) -> None:
    api, shop = harness.api, await working_shop(harness)
    package = await package_of(shop, ItemKind.SERVICE, shop.yoga_id, 3, "Cash yoga")
    api.open_deep_link(COACH, f"p_{package.public_id}")
    await api.next_message(COACH, "Cash yoga")
    api.press_button(COACH, "🎁 Grant")
    await api.next_message(COACH, "Type a note")
    api.send_text(COACH, "paid cash")
    leaked = access_payload((await api.next_message(COACH, "Granted Cash yoga")).content)
    stranger_view = await _opens(shop, FRIEND, "Finn", leaked, "Cash yoga")  # first: client
    summary = await _at_confirm(shop, FRIEND, stranger_view)
    await _opens(shop, CLIENT, "Cleo", leaked, "Cash yoga")
    detail = await _desk(shop, "Cash yoga")
    assert "Cash yoga — Finn" in detail.content.splitlines()[0]

    shown = await _revoke(shop, "Cash yoga", "the first person to open it becomes the client")
    assert "the first person to open it becomes the client" in shown.content
    await _refused(shop, FRIEND, summary, "✅ Confirm")
    detail = await _desk(shop, "Cash yoga")
    assert "not opened yet" in detail.content and "(0 used)" in detail.content

    await _opens(shop, CLIENT, "Cleo", access_payload(shown.content), "Cash yoga")
    detail = await _desk(shop, "Cash yoga")
    assert "Cash yoga — Cleo" in detail.content.splitlines()[0]
    assert "Link held by: Cleo (since" in detail.content and "Finn" not in detail.content
    assert not [m for m in api.messages(FRIEND) if "access link" in m.content.lower()]


async def test_the_coach_sees_who_holds_the_link_and_removes_one_of_them(
    harness: BotHarness,
) -> None:
    api, shop = harness.api, await working_shop(harness)
    package = await package_of(shop, ItemKind.SERVICE, shop.yoga_id, 3, "Shared yoga")
    link = await _bought(shop, package)
    harness.clock.now = harness.clock.now.replace(hour=15, minute=30)
    friend_view = await _opens(shop, FRIEND, "Finn", link, "Shared yoga")
    summary = await _at_confirm(shop, FRIEND, friend_view)

    detail = await _desk(shop, "Shared yoga")
    assert "Link held by: Cleo (since" in detail.content and ", client)" in detail.content
    assert "Finn (since Wed 25 Nov 2026, 15:30)" in detail.content
    api.press_button(COACH, "👥 Who has the link")
    screen = await api.next_message(COACH, "Who has the link of Shared yoga")
    assert screen.button_labels == ["✖ Remove 1. Cleo", "✖ Remove 2. Finn", "◀ Back"]
    api.press_button(COACH, "✖ Remove 2. Finn")
    question = await api.next_message(COACH, "Remove Finn from Shared yoga?")
    assert "revoke the link to stop that" in question.content
    api.press_button(COACH, "✅ Yes, remove Finn")
    api.press_button(COACH, "✅ Yes, remove Finn", question.message_id)  # twice: once
    done = await api.next_message(COACH, "Finn no longer holds the package.")
    assert done.button_labels == ["✖ Remove 1. Cleo", "◀ Back"]
    await api.next_message(COACH, "Finn already did not hold it.")

    await _refused(shop, FRIEND, summary, "✅ Confirm")
    api.send_text(FRIEND, "/mypackages")
    await api.next_message(FRIEND, "You have no packages yet")
    api.press_button(COACH, "◀ Back")
    await api.next_message(COACH, "Status: active")
    api.press_button(COACH, "📅 Sessions: book, cancel, move")  # the coach's own view
    await api.next_message(COACH, "Shared yoga — from Anna")
    await _desk(shop, "Shared yoga")
    api.press_button(COACH, "📜 History")
    assert "removed a holder (Finn)" in (await api.next_message(COACH, "History of")).content
