"""Selling in each reader's language, end to end over the fake Bot API: a German client buys
from a coach who reads Russian (each hears it in their own language), and a German holder is
told of an expiry change the English coach made on /sold (the desk stays English)."""

from __future__ import annotations

from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.e2e.selling_seed import extend_month_by_a_week, given_a_shop


async def test_a_german_client_buys_and_the_russian_coach_is_told_in_russian(
    harness: BotHarness,
) -> None:
    api, shop = harness.api, await given_a_shop(harness)
    package = await shop.package("Taster", validity="30")
    assert harness.app is not None
    async with harness.app.deps.uow_factory() as uow:
        await uow.users.set_language(COACH, "ru")
        await uow.commit()
    api.user(CLIENT, first_name="Klara", language_code="de-AT")

    api.open_deep_link(CLIENT, f"p_{package.public_id}")
    page = await api.next_message(CLIENT, "Taster")
    assert page.button_labels == ["🎁 Erhalten"]
    api.press_button(CLIENT, "🎁 Erhalten")
    got = await api.next_message(CLIENT, "Sie haben jetzt Taster von Anna")
    assert "Yoga (1:1): 5 von 5 übrig" in got.content
    assert "Bootcamp (Gruppe): 2 von 2 übrig" in got.content
    assert "Gültig bis Fr., 25. Dez. 2026, 12:00 (UTC)" in got.content
    assert "Zugangslink" in got.content and "access link" not in got.content
    assert got.button_labels == ["📦 Paket öffnen"]

    notice = await api.next_message(COACH, "Новая продажа")
    assert notice.content.startswith("💰 Новая продажа: Klara получает Taster (")
    assert notice.content.endswith("Отправьте /sold, чтобы посмотреть проданные пакеты.")


async def test_a_german_holder_hears_of_the_english_coachs_expiry_change_in_german(
    harness: BotHarness,
) -> None:
    api, shop = harness.api, await given_a_shop(harness)
    package = await shop.package("Month", validity="30")
    api.user(CLIENT, first_name="Klara", language_code="de")
    api.open_deep_link(CLIENT, f"p_{package.public_id}")
    await api.next_message(CLIENT, "Month")
    api.press_button(CLIENT, "🎁 Erhalten")
    await api.next_message(CLIENT, "Sie haben jetzt Month")
    await api.next_message(COACH, "New sale: Klara got Month")  # the coach reads English

    await extend_month_by_a_week(harness)  # the coach's /sold screens stay English
    told = await api.next_message(CLIENT, "Ihr Paket Month von Anna")
    assert told.content == (
        "ℹ️ Ihr Paket Month von Anna ist jetzt gültig bis Fr., 1. Jan. 2027, 12:00 (UTC)."
    )
