"""The vacation button and pausing, through the real chat: the coach declares dates away
in /availability, sees what it will do, confirms once; those days take no bookings, the
session booked inside is listed for /schedule, the client (in New York) is told once with
the new expiry in their zone, and the expiry reminders follow. Then the coach pauses the
package (nothing bookable, no expiry reminders) and resumes it two days later (expiry
two days later)."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.reminders.model import ReminderKind
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.e2e.holder_steps import book_one, working_shop
from tests.e2e.policy_steps import (
    access_payload,
    client_pays,
    desk_of,
    pressed_again,
    yoga_for,
)
from tests.e2e.selling_seed import Shop


async def _expiry_reminders(shop: Shop, sold_id: int) -> set[datetime]:
    async with shop.uow() as uow:
        found = await uow.reminders.for_packages([sold_id])
    return {r.plan.event_at for r in found if r.plan.kind is ReminderKind.EXPIRY and r.pending}


async def _sold_id(shop: Shop) -> int:
    async with shop.uow() as uow:
        [line] = await uow.sold.list_held(CLIENT, 0, 5)
    return line.stored_id


async def test_time_away_extends_packages_once_and_lists_the_sessions_inside(
    harness: BotHarness,
) -> None:
    api, shop = harness.api, await working_shop(harness)
    package = await yoga_for(shop, "Month of yoga", "90", "XTR", "30")
    got = await client_pays(shop, package, "stx-away", zone="America/New_York")
    api.open_deep_link(CLIENT, access_payload(got.content))
    await api.next_message(CLIENT, "Month of yoga — from Anna")
    await book_one(shop, CLIENT, "Yoga", "Sat 28 Nov", "10:00")
    await api.next_message(COACH, "Cleo booked")
    sold_id = await _sold_id(shop)
    assert await _expiry_reminders(shop, sold_id) == {datetime.fromisoformat("2026-12-25T12:00Z")}

    api.send_text(COACH, "/availability")
    await api.next_message(COACH, "Your availability")
    api.press_button(COACH, "🏖 Time away")
    await api.next_message(COACH, "When are you away?")
    api.send_text(COACH, "29.11.2026 - 27.11.2026")
    await api.next_message(COACH, "Sorry, the last day comes before the first")
    api.send_text(COACH, "27.11.2026 - 29.11.2026")
    question = await api.next_message(COACH, "Away Fri 27 Nov 2026 – Sun 29 Nov 2026 (3 days)")
    assert "1 active package with an expiry will be extended by 3 days" in question.content
    assert "Sat 28 Nov 2026, 15:00 Yoga — Cleo" in question.content  # the coach's zone (UTC)
    api.press_button(COACH, "✅ Yes, I'm away")
    done = await api.next_message(COACH, "Saved: away")
    assert "1 package extended by 3 days" in done.content
    assert done.button_labels == ["🗓 Sat 28 Nov 2026, 15:00 Yoga"]
    told = await api.next_message(CLIENT, "Anna is away Fri 27 Nov 2026 – Sun 29 Nov 2026")
    assert "Valid until Mon 28 Dec 2026, 07:00 (America/New_York)" in told.content

    stale = ("Already done.", "This button is out of date.")  # the flow ended with the press
    await pressed_again(shop, COACH, question, "✅ Yes, I'm away", *stale)
    assert [m.content for m in api.messages(CLIENT)].count(told.content) == 1
    assert await _expiry_reminders(shop, sold_id) == {datetime.fromisoformat("2026-12-28T12:00Z")}

    api.press_button(COACH, "🗓 Sat 28 Nov 2026, 15:00 Yoga")  # to move or cancel it
    await api.next_message(COACH, "Yoga")

    api.open_deep_link(CLIENT, access_payload(got.content))
    await api.next_message(CLIENT, "Month of yoga — from Anna")
    api.press_button(CLIENT, "📅 Book Yoga")
    days = await api.next_message(CLIENT, "pick a day")
    assert "Sat 28 Nov" not in days.button_labels and "Fri 27 Nov" not in days.button_labels


async def test_a_paused_package_waits_and_resumes_with_the_paused_time(
    harness: BotHarness,
) -> None:
    api, shop = harness.api, await working_shop(harness)
    package = await yoga_for(shop, "Pausable", "90", "XTR", "30")
    got = await client_pays(shop, package, "stx-pause", zone="America/New_York")
    sold_id = await _sold_id(shop)
    await desk_of(shop, "Pausable")
    api.press_button(COACH, "⏸ Pause")
    paused = await api.next_message(COACH, "Paused: its expiry waits")
    assert "Status: paused" in paused.content and "▶ Resume" in paused.button_labels
    await api.next_message(CLIENT, "Anna paused your package Pausable")
    assert await _expiry_reminders(shop, sold_id) == set()
    api.open_deep_link(CLIENT, access_payload(got.content))
    view = await api.next_message(CLIENT, "Pausable — from Anna")
    assert "📅 Book Yoga" not in view.button_labels

    harness.clock.now += timedelta(days=2)
    await desk_of(shop, "Pausable")
    api.press_button(COACH, "▶ Resume")
    resumed = await api.next_message(COACH, "Resumed: the paused time was added")
    assert "Valid until Sun 27 Dec 2026, 12:00 (UTC)" in resumed.content
    told = await api.next_message(CLIENT, "Anna resumed your package Pausable")
    assert "Valid until Sun 27 Dec 2026, 07:00 (America/New_York)" in told.content
    assert await _expiry_reminders(shop, sold_id) == {datetime.fromisoformat("2026-12-27T12:00Z")}
    assert "Status: active" in (await desk_of(shop, "Pausable")).content
    api.press_button(COACH, "📜 History")
    history = await api.next_message(COACH, "History of Pausable")
    assert "paused" in history.content and "resumed" in history.content
