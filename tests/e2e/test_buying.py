"""Client journeys of buying: a free package, Telegram Stars, a card currency without a
provider, and what the access link shows to whoever opens it."""

from __future__ import annotations

from datetime import timedelta

from domain.accounts import set_timezone
from domain.catalog.drafts import PackageDraft, draft_set_price, draft_set_title
from domain.catalog.packages import delete_package, update_package
from domain.catalog.series import SERIES
from domain.catalog.services import SERVICES
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.e2e.selling_seed import access_payload, given_a_shop

FRIEND = 3003


async def test_free_package_link_opened_from_a_second_account_shows_the_same(
    harness: BotHarness,
) -> None:
    api, shop = harness.api, await given_a_shop(harness)
    package = await shop.package("Taster", validity="30")
    api.user(CLIENT, first_name="Cleo")
    await set_timezone(shop.uow(), CLIENT, "Cleo", "Europe/Berlin")
    api.open_deep_link(CLIENT, f"p_{package.public_id}")
    page = await api.next_message(CLIENT, "All about taster")
    assert page.button_labels == ["🎁 Get it"]
    api.press_button(CLIENT, "🎁 Get it")
    second = api.press_button(CLIENT, "🎁 Get it", page.message_id)  # a quick second tap
    got = await api.next_message(CLIENT, "You now have Taster")
    assert (
        "Yoga (1:1): 5 of 5 left" in got.content and "Bootcamp (group): 2 of 2 left" in got.content
    )
    assert "Valid until Fri 25 Dec 2026, 13:00 (Europe/Berlin)" in got.content
    assert got.button_labels == ["📦 Open package"]
    notice = await api.next_message(COACH, "New sale")
    assert "Cleo got Taster (free)" in notice.content

    payload = access_payload(got.content)
    api.open_deep_link(FRIEND, payload)
    seen = await api.next_message(FRIEND, "Taster — from Anna")
    assert "Yoga (1:1): 5 of 5 left" in seen.content and "Status: active" in seen.content
    assert "Valid until Fri 25 Dec 2026, 12:00 (UTC)" in seen.content  # the coach's zone
    assert str(CLIENT) not in seen.content and "Cleo" not in seen.content
    api.press_button(CLIENT, "📦 Open package")
    again = await api.next_message(CLIENT, "Taster — from Anna")
    assert again.content == seen.content.replace("12:00 (UTC)", "13:00 (Europe/Berlin)")
    await api.wait_for_call("answerCallbackQuery", lambda p: p["callback_query_id"] == second)
    assert api.callback_answers[second].get("text") == "Already done — see /mypackages."
    assert [m.content for m in api.messages(CLIENT)].count(got.content) == 1

    api.send_text(FRIEND, "/mypackages")
    mine = await api.next_message(FRIEND, "Your packages (1)")
    assert "Taster — 7 of 7 left · until Fri 25 Dec 2026" in mine.content


async def test_stars_invoice_paid_once_even_when_telegram_redelivers(harness: BotHarness) -> None:
    api, shop = harness.api, await given_a_shop(harness)
    package = await shop.package("Star pack", "150", "XTR")
    api.open_deep_link(CLIENT, f"p_{package.public_id}")
    await api.next_message(CLIENT, "All about star pack")
    api.press_button(CLIENT, "💳 Buy for 150 ⭐")
    invoice = await api.next_message(CLIENT, lambda m: m.invoice is not None)
    assert invoice.invoice is not None
    assert (invoice.invoice["currency"], invoice.invoice["total_amount"]) == ("XTR", 150)
    assert not invoice.invoice.get("provider_token")
    assert invoice.invoice["payload"].startswith("pp_")

    answer = await api.pay_invoice(CLIENT, invoice, "tg-charge-1")
    assert answer["ok"] is True
    api.successful_payment(CLIENT, invoice.invoice["payload"], 150, "XTR", "tg-charge-1")
    got = await api.next_message(CLIENT, "You now have Star pack")
    await api.next_message(COACH, "got Star pack (150 ⭐)")
    api.send_text(CLIENT, "/mypackages")
    mine = await api.next_message(CLIENT, "Your packages")
    assert "Your packages (1)" in mine.content
    assert [m.content for m in api.messages(CLIENT)].count(got.content) == 1
    api.send_text(COACH, "/sold")
    desk = await api.next_message(COACH, "Sold packages")
    assert "All (1)" in desk.content


async def test_package_deleted_between_invoice_and_checkout_is_refused(
    harness: BotHarness,
) -> None:
    api, shop = harness.api, await given_a_shop(harness)
    package = await shop.package("Gone soon", "20", "XTR")
    api.open_deep_link(CLIENT, f"p_{package.public_id}")
    await api.next_message(CLIENT, "All about gone soon")
    api.press_button(CLIENT, "💳 Buy for 20 ⭐")
    invoice = await api.next_message(CLIENT, lambda m: m.invoice is not None)
    assert package.id is not None
    await delete_package(shop.uow(), COACH, package.id, harness.clock.now)
    answer = await api.pay_invoice(CLIENT, invoice, "tg-charge-2")
    assert answer["ok"] is False and "no longer sold" in answer["error_message"]
    forged = api.pre_checkout(CLIENT, "pp_" + "x" * 22, 20, "XTR")
    await api.wait_for_call(
        "answerPreCheckoutQuery", lambda p: p["pre_checkout_query_id"] == forged
    )
    assert api.pre_checkout_answers[forged]["ok"] is False


async def test_card_currency_without_provider_points_to_the_coach(harness: BotHarness) -> None:
    api, shop = harness.api, await given_a_shop(harness)
    package = await shop.package("Euro pack", "49.90", "EUR")
    api.open_deep_link(CLIENT, f"p_{package.public_id}")
    await api.next_message(CLIENT, "All about euro pack")
    api.press_button(CLIENT, "💳 Buy for 49.90 EUR")
    told = await api.next_message(CLIENT, "can't be paid for in Telegram")
    assert "contact Anna" in told.content


async def test_card_currency_with_a_provider_token_sends_an_invoice(harness: BotHarness) -> None:
    await harness.stop()
    await harness.start(payment_provider_token="provider:TEST")
    api, shop = harness.api, await given_a_shop(harness)
    package = await shop.package("Euro pack", "49.90", "EUR")
    api.open_deep_link(CLIENT, f"p_{package.public_id}")
    await api.next_message(CLIENT, "All about euro pack")
    api.press_button(CLIENT, "💳 Buy for 49.90 EUR")
    invoice = await api.next_message(CLIENT, lambda m: m.invoice is not None)
    assert invoice.invoice is not None
    assert (invoice.invoice["currency"], invoice.invoice["total_amount"]) == ("EUR", 4990)
    assert invoice.invoice["provider_token"] == "provider:TEST"


async def test_sold_package_keeps_its_snapshot_and_deleted_items_say_so(
    harness: BotHarness,
) -> None:
    api, shop = harness.api, await given_a_shop(harness)
    package = await shop.package("Keep me")
    api.open_deep_link(CLIENT, f"p_{package.public_id}")
    await api.next_message(CLIENT, "All about keep me")
    api.press_button(CLIENT, "🎁 Get it")
    payload = access_payload((await api.next_message(CLIENT, "You now have")).content)

    assert package.id is not None
    draft = PackageDraft.of(package)
    draft_set_title(draft, "Renamed")
    draft_set_price(draft, "99", "XTR")
    await update_package(shop.uow(), COACH, package.id, draft)
    await SERVICES.delete(shop.uow(), COACH, shop.yoga_id, harness.clock.now)

    api.open_deep_link(CLIENT, payload)
    seen = await api.next_message(CLIENT, "Keep me — from Anna")
    assert "Renamed" not in seen.content
    assert "Yoga (1:1): no longer offered" in seen.content
    assert "Bootcamp (group): 2 of 2 left" in seen.content


async def test_bad_links_get_one_answer_and_too_many_mean_waiting(harness: BotHarness) -> None:
    api = harness.api
    for payload in ("a_" + "x" * 43, "a_short", "a_" + "y" * 44, "zz", "p_nope"):
        api.open_deep_link(CLIENT, payload)
        told = await api.next_message(CLIENT)
        assert (
            told.content == "Sorry, this link is not valid. Please ask your coach for a fresh one."
        )
    for _ in range(6):
        api.open_deep_link(CLIENT, "a_" + "z" * 43)
        await api.next_message(CLIENT, "not valid")
    api.open_deep_link(CLIENT, "a_" + "q" * 43)
    wait = await api.next_message(CLIENT, "Too many links")
    assert "wait 10 min" in wait.content
    harness.clock.now += timedelta(minutes=10, seconds=1)
    api.open_deep_link(CLIENT, "a_" + "q" * 43)
    await api.next_message(CLIENT, "not valid")
    api.open_deep_link(FRIEND, "a_" + "q" * 43)
    await api.next_message(FRIEND, "not valid")


async def test_an_emptied_package_has_no_button_and_a_forged_one_sells_nothing(
    harness: BotHarness,
) -> None:
    api, shop = harness.api, await given_a_shop(harness)
    package = await shop.package("Emptied")
    await SERVICES.delete(shop.uow(), COACH, shop.yoga_id, harness.clock.now)
    await SERIES.delete(shop.uow(), COACH, shop.camp_id, harness.clock.now)
    api.open_deep_link(CLIENT, f"p_{package.public_id}")
    page = await api.next_message(CLIENT, "nothing left in it")
    assert page.buttons == []
    api.press_callback(CLIENT, f"get:{package.public_id}")
    await api.next_message(CLIENT, "nothing left in it, so it is not available")
    api.send_text(CLIENT, "/mypackages")
    await api.next_message(CLIENT, "You have no packages yet")


async def test_a_payment_that_matches_nothing_is_not_called_nothing(harness: BotHarness) -> None:
    api = harness.api
    api.successful_payment(CLIENT, "pp_" + "x" * 22, 150, "XTR", "tg-charge-lost")
    told = await api.next_message(CLIENT, "Your payment went through")
    assert "tg-charge-lost" in told.content and "nothing was changed" not in told.content
