"""Refunds from the coach's desk: a Stars payment refunded through Telegram exactly once,
the package withdrawn (link dead, sessions to come cancelled with their calendar files, both
sides told, the client in their own zone); Telegram's refusal shown and nothing changed; a
card refund recorded."""

from __future__ import annotations

from bot.kit.texts import INVALID_LINK
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.e2e.holder_steps import book_one, is_calendar, working_shop
from tests.e2e.policy_steps import access_payload, client_pays, desk_of, yoga_for


async def test_stars_refund_withdraws_the_package_once(harness: BotHarness) -> None:
    api, shop = harness.api, await working_shop(harness)
    package = await yoga_for(shop, "Star yoga", "150", "XTR", "30")
    got = await client_pays(shop, package, "stx-refund-1")
    payload = access_payload(got.content)
    api.open_deep_link(CLIENT, payload)
    await api.next_message(CLIENT, "Star yoga — from Anna")
    await book_one(shop, CLIENT, "Yoga", "Fri 27 Nov", "10:00")
    await api.next_message(COACH, "Cleo booked")

    detail = await desk_of(shop, "Star yoga")
    assert "💸 Refund" in detail.button_labels
    api.press_button(COACH, "💸 Refund")
    question = await api.next_message(COACH, "Refund Star yoga")
    assert "Telegram returns 150 ⭐ to Cleo at once" in question.content
    api.press_button(COACH, "💸 Yes, refund 150 ⭐")
    done = await api.next_message(COACH, "is refunded")
    assert "Telegram returned 150 ⭐ to Cleo" in done.content
    assert "Yoga, Fri 27 Nov 2026, 09:00" in done.content  # the coach's zone (UTC)
    assert api.star_refunds == [{"user_id": CLIENT, "telegram_payment_charge_id": "stx-refund-1"}]

    told = await api.next_message(CLIENT, "refunded Star yoga")
    assert "150 ⭐ went back to your Telegram Stars balance" in told.content
    assert "Yoga, Fri 27 Nov 2026, 10:00" in told.content  # the client's zone
    assert "(times in Europe/Berlin)" in told.content
    client_ics = await api.next_message(CLIENT, is_calendar)
    assert client_ics.document is not None
    coach_ics = await api.next_message(COACH, is_calendar)
    assert coach_ics.document is not None

    yes = question.button("💸 Yes, refund 150 ⭐")
    assert yes is not None
    api.press_callback(COACH, str(yes["callback_data"]), question.message_id)
    await api.wait_for_call("answerCallbackQuery", lambda p: p.get("text") == "Already done.")
    assert len(api.star_refunds) == 1

    api.open_deep_link(CLIENT, payload)
    await api.next_message(CLIENT, INVALID_LINK)
    again = await desk_of(shop, "Star yoga")
    assert "Status: refunded" in again.content and "💸 Refund" not in again.button_labels


async def test_telegrams_refusal_is_shown_and_changes_nothing(harness: BotHarness) -> None:
    api, shop = harness.api, await working_shop(harness)
    package = await yoga_for(shop, "Old yoga", "80", "XTR", None)
    got = await client_pays(shop, package, "stx-refund-2")
    api.star_refunds.append({"user_id": CLIENT, "telegram_payment_charge_id": "stx-refund-2"})

    await desk_of(shop, "Old yoga")
    api.press_button(COACH, "💸 Refund")
    await api.next_message(COACH, "Refund Old yoga")
    api.press_button(COACH, "💸 Yes, refund 80 ⭐")
    refused = await api.next_message(COACH, "This payment was already refunded. Nothing changed.")
    assert refused.button_labels == ["◀ Back"]

    api.star_refunds.clear()
    api.fail("refundStarPayment", error_code=400, description="Bad Request: REFUND_TOO_OLD")
    again = await desk_of(shop, "Old yoga")
    assert "Status: active" in again.content
    api.press_button(COACH, "💸 Refund")
    await api.next_message(COACH, "Refund Old yoga")
    api.press_button(COACH, "💸 Yes, refund 80 ⭐")
    await api.next_message(COACH, "Telegram refused the refund: Refund_too_old. Nothing changed.")
    api.open_deep_link(CLIENT, access_payload(got.content))
    await api.next_message(CLIENT, "Old yoga — from Anna")  # the link still works


async def test_a_card_refund_is_recorded_and_withdraws_the_package(harness: BotHarness) -> None:
    await harness.stop()
    await harness.start(payment_provider_token="provider:TEST")
    api, shop = harness.api, await working_shop(harness)
    package = await yoga_for(shop, "Card yoga", "49.90", "EUR", "30")
    got = await client_pays(shop, package, "card-charge-1")
    await desk_of(shop, "Card yoga")
    api.press_button(COACH, "💸 Refund")
    question = await api.next_message(COACH, "Refund Card yoga")
    assert "with your payment provider first" in question.content
    api.press_button(COACH, "💸 I refunded it: record it")
    done = await api.next_message(COACH, "is refunded")
    assert "Recorded your refund of 49.90 EUR" in done.content
    assert api.star_refunds == []
    await api.next_message(CLIENT, "Your payment of 49.90 EUR was refunded")
    api.open_deep_link(CLIENT, access_payload(got.content))
    await api.next_message(CLIENT, INVALID_LINK)
