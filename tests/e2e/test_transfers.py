"""Transfers: the client (in New York, the coach in UTC) hands what is left to a friend
from the package's view: a new link to forward, the old one dead for everyone, the coach
told, the history records it; the friend who opens the new link is the new client. The
coach transfers from /sold and the old client is told. A second press changes nothing."""

from __future__ import annotations

from bot.kit.texts import INVALID_LINK
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.e2e.holder_steps import working_shop
from tests.e2e.policy_steps import access_payload, client_pays, desk_of, yoga_for

FRIEND = 3003


async def test_the_client_transfers_what_is_left_to_a_friend(harness: BotHarness) -> None:
    api, shop = harness.api, await working_shop(harness)
    package = await yoga_for(shop, "Gift yoga", "90", "XTR", "30")
    got = await client_pays(shop, package, "stx-gift", zone="America/New_York")
    old = access_payload(got.content)
    api.open_deep_link(CLIENT, old)
    view = await api.next_message(CLIENT, "Gift yoga — from Anna")
    api.press_button(CLIENT, "🎁 Transfer to someone else")
    question = await api.next_message(CLIENT, "Transfer Gift yoga to someone else?")
    assert "you included" in question.content
    api.press_button(CLIENT, "🎁 Yes, transfer it")
    done = await api.next_message(CLIENT, "is ready to pass on")
    new = access_payload(done.content)
    assert new != old and done.message_id == view.message_id
    told = await api.next_message(COACH, "Cleo transferred Gift yoga to someone else")
    assert "the first person to open it becomes the client" in told.content

    yes = question.button("🎁 Yes, transfer it")
    assert yes is not None
    api.press_callback(CLIENT, str(yes["callback_data"]), question.message_id)
    await api.wait_for_call("answerCallbackQuery", lambda p: p.get("text") == "Already done.")

    api.open_deep_link(CLIENT, old)
    await api.next_message(CLIENT, INVALID_LINK)
    api.user(FRIEND, first_name="Finn")
    api.open_deep_link(FRIEND, new)
    friend = await api.next_message(FRIEND, "Gift yoga — from Anna")
    assert "🎁 Transfer to someone else" in friend.button_labels  # Finn is the client now
    detail = await desk_of(shop, "Gift yoga")
    assert "— Finn" in detail.content
    api.press_button(COACH, "📜 History")
    history = await api.next_message(COACH, "History of Gift yoga")
    assert "transferred, new access link issued (by the client)" in history.content


async def test_the_coach_transfers_and_the_old_client_is_told(harness: BotHarness) -> None:
    api, shop = harness.api, await working_shop(harness)
    package = await yoga_for(shop, "Desk yoga", "90", "XTR", None)
    got = await client_pays(shop, package, "stx-desk")
    await desk_of(shop, "Desk yoga")
    api.press_button(COACH, "🎁 Transfer")
    question = await api.next_message(COACH, "Transfer Desk yoga to someone else?")
    assert "the client included" in question.content
    api.press_button(COACH, "🎁 Yes, transfer it")
    done = await api.next_message(COACH, "is ready to pass on")
    assert access_payload(done.content) != access_payload(got.content)
    await api.next_message(CLIENT, "Anna transferred your package Desk yoga to someone else")
    api.open_deep_link(CLIENT, access_payload(got.content))
    await api.next_message(CLIENT, INVALID_LINK)
