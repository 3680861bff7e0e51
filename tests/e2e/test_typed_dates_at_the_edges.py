"""Dates typed at the ends of the calendar (year 0001, 31.12.9999), in zones either side of
UTC: refused with the range that is allowed, nothing changed, no traceback."""

from __future__ import annotations

from domain.accounts import set_timezone
from domain.booking.coach_availability import get_availability
from domain.selling.rules import EXTEND_MAX_DAYS
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.e2e.selling_seed import given_a_shop


def _went_wrong(harness: BotHarness) -> list[str]:
    return [m.content for m in harness.api.outputs(COACH) if "went wrong" in m.content]


async def test_an_expiry_in_year_1_or_9999_is_refused_naming_the_range(
    harness: BotHarness,
) -> None:
    api, shop = harness.api, await given_a_shop(harness)
    package = await shop.package("Dated", validity=None)
    api.open_deep_link(CLIENT, f"p_{package.public_id}")
    await api.next_message(CLIENT, "All about dated")
    api.press_button(CLIENT, "🎁 Get it")
    await api.next_message(CLIENT, "You now have Dated")
    for zone, typed in (
        ("Europe/Berlin", "01.01.0001 00:30"),  # east of UTC: before year 1 in UTC
        ("America/New_York", "9999-12-31 23:59"),  # west of UTC: after year 9999 in UTC
    ):
        await set_timezone(shop.uow(), COACH, "Anna", zone)
        api.send_text(COACH, "/sold")
        api.press_button(COACH, "1. Dated", (await api.next_message(COACH, "Sold")).message_id)
        await api.next_message(COACH, "No expiry")
        api.press_button(COACH, "⏳ Change expiry")
        await api.next_message(COACH, "Choose how to change it")
        api.press_button(COACH, "📅 New date")
        await api.next_message(COACH, "Type the new expiry date")
        api.send_text(COACH, typed)
        refused = await api.next_message(COACH, "Sorry, that")
        assert "type a time from now to " in refused.content
        api.send_text(COACH, "/cancel")
        await api.next_message(COACH, "")
    assert _went_wrong(harness) == []


async def test_a_day_off_in_year_9999_is_refused_naming_the_last_allowed_day(
    harness: BotHarness,
) -> None:
    api = harness.api
    api.send_text(COACH, "/availability")
    await api.next_message(COACH, "Your availability")
    api.press_button(COACH, "➕ Days off")
    await api.next_message(COACH, "Which days are you off?")
    api.send_text(COACH, "31.12.9999")
    await api.next_message(COACH, "Sorry, days off can be set up to ")
    assert harness.app is not None
    _, saved = await get_availability(harness.app.deps.uow_factory(), COACH)
    assert saved.days_off == ()


async def test_extend_by_states_its_one_limit_and_refuses_rather_than_shortens(
    harness: BotHarness,
) -> None:
    api, shop = harness.api, await given_a_shop(harness)
    package = await shop.package("Month", validity="30")
    api.open_deep_link(CLIENT, f"p_{package.public_id}")
    await api.next_message(CLIENT, "All about month")
    api.press_button(CLIENT, "🎁 Get it")
    await api.next_message(CLIENT, "You now have Month")
    api.send_text(COACH, "/sold")
    api.press_button(COACH, "1. Month", (await api.next_message(COACH, "Sold")).message_id)
    api.press_button(
        COACH, "⏳ Change expiry", (await api.next_message(COACH, "Month")).message_id
    )
    await api.next_message(COACH, "Choose how to change it")
    api.press_button(COACH, "➕ Extend")
    asked = await api.next_message(COACH, "Extend by how many days?")
    assert f"from 1 to {EXTEND_MAX_DAYS}" in asked.content
    api.send_text(COACH, str(EXTEND_MAX_DAYS))  # 30 days are left: this would pass the limit
    await api.next_message(COACH, "so this one can be extended by at most 1800 days")
    api.send_text(COACH, "1800")
    await api.next_message(COACH, "New: Valid until")
