"""Booking from the access-link view, through the real Application and the fake Bot API:
one message that edits itself from the package to "Booked:", then the .ics."""

from __future__ import annotations

from domain.booking.access import ByHolder
from domain.booking.holder_changes import book_session
from domain.booking.model import OneToOne
from domain.catalog.model import ItemKind
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.e2e.holder_steps import (
    back_to_package,
    book_one,
    gets_package,
    is_calendar,
    package_of,
    working_shop,
)

FRIEND = 3003


async def test_three_sessions_booked_the_fourth_refused_one_cancelled_and_booked_again(
    harness: BotHarness,
) -> None:
    api, shop = harness.api, await working_shop(harness)
    package = await package_of(shop, ItemKind.SERVICE, shop.yoga_id, 3, "Three yoga")
    view = await gets_package(shop, CLIENT, "Cleo", package, "Europe/Berlin")
    assert "Yoga (1:1): 3 of 3 left" in view.content
    assert view.button_labels == ["📅 Book Yoga", "🎁 Transfer to someone else"]

    api.press_button(CLIENT, "📅 Book Yoga")
    days = await api.next_message(CLIENT, "pick a day")
    assert days.message_id == view.message_id  # the same message, edited
    assert "Times in Europe/Berlin" in days.content
    assert days.button_labels[:4] == ["Thu 26 Nov", "Fri 27 Nov", "Sat 28 Nov", "Sun 29 Nov"]
    api.press_button(CLIENT, "▶")
    later = await api.next_message(CLIENT, "week of Mon 30 Nov")
    assert later.button_labels[0] == "Mon 30 Nov" and "◀" in later.button_labels
    api.press_button(CLIENT, "Mon 30 Nov")
    times = await api.next_message(CLIENT, "pick a time on Mon 30 Nov (times in Europe/Berlin)")
    assert times.button_labels[:4] == ["10:00", "10:30", "11:00", "11:30"]  # 09:00 UTC
    assert len(times.reply_markup["inline_keyboard"][0]) == 4  # type: ignore[index]
    api.press_button(CLIENT, "10:00")
    summary = await api.next_message(CLIENT, "Book Yoga on Mon 30 Nov 10:00 (Europe/Berlin)?")
    assert summary.button_labels == ["✅ Confirm", "◀ Back", "🔁 Repeat weekly"]
    api.press_button(CLIENT, "✅ Confirm")
    booked = await api.next_message(CLIENT, "Booked:")
    assert booked.content == "Booked: Yoga, Mon 30 Nov 10:00 (Europe/Berlin)"
    assert booked.message_id == view.message_id
    assert is_calendar(await api.next_message(CLIENT, is_calendar))
    told = await api.next_message(COACH, "Cleo booked")
    assert told.content == "Cleo booked Yoga: Mon 30 Nov 09:00 (UTC)."  # the coach's zone
    assert is_calendar(await api.next_message(COACH, is_calendar))

    screen = await back_to_package(shop, CLIENT, "Three yoga")
    assert "Yoga (1:1): 2 of 3 left" in screen.content
    assert "Yoga, Mon 30 Nov 10:00" in screen.content
    second = await book_one(shop, CLIENT, "Yoga", "Fri 27 Nov", "12:00")
    # two screens of the package are open; the last session goes on one of them
    api.press_button(CLIENT, "📦 Back to the package", second.message_id)
    first = await api.next_message(CLIENT, "1 of 3 left")
    api.press_button(CLIENT, "📦 Back to the package", second.message_id)
    other = await api.next_message(CLIENT, "1 of 3 left")
    api.press_button(CLIENT, "📅 Book Yoga", first.message_id)
    await api.next_message(CLIENT, "pick a day")
    api.press_button(CLIENT, "Fri 27 Nov", first.message_id)
    await api.next_message(CLIENT, "pick a time")
    api.press_button(CLIENT, "16:00", first.message_id)
    await api.next_message(CLIENT, "Book Yoga on Fri 27 Nov 16:00")
    assert other.message_id > first.message_id
    await book_one(shop, CLIENT, "Yoga", "Fri 27 Nov", "14:00")
    api.press_button(CLIENT, "✅ Confirm", first.message_id)  # the fourth
    refused = await api.next_message(CLIENT, "no sessions left")
    assert refused.message_id == first.message_id  # said at the confirm step, in place
    assert refused.content.startswith("There are no sessions left for this in your package.")
    assert "Yoga (1:1): 0 of 3 left" in refused.content
    assert "📅 Book Yoga" not in refused.button_labels

    api.press_button(CLIENT, "✖ Cancel Fri 27 Nov 12:00")
    await api.next_message(CLIENT, "Cancel Yoga on Fri 27 Nov 12:00 (Europe/Berlin)?")
    api.press_button(CLIENT, "✅ Yes, cancel it")
    gone = await api.next_message(CLIENT, "Cancelled:")
    assert "It is back in the package." in gone.content
    assert is_calendar(await api.next_message(CLIENT, is_calendar))
    assert (await api.next_message(COACH, "Cleo cancelled")).content.endswith("11:00 (UTC).")
    again = await back_to_package(shop, CLIENT, "Three yoga")
    assert "Yoga (1:1): 1 of 3 left" in again.content
    booked = await book_one(shop, CLIENT, "Yoga", "Fri 27 Nov", "12:00")
    assert booked.content == "Booked: Yoga, Fri 27 Nov 12:00 (Europe/Berlin)"
    last = await back_to_package(shop, CLIENT, "Three yoga")
    assert "Yoga (1:1): 0 of 3 left" in last.content


async def test_double_tap_on_confirm_books_once(harness: BotHarness) -> None:
    api, shop = harness.api, await working_shop(harness)
    package = await package_of(shop, ItemKind.SERVICE, shop.yoga_id, 3, "Three yoga")
    await gets_package(shop, CLIENT, "Cleo", package)
    api.press_button(CLIENT, "📅 Book Yoga")
    await api.next_message(CLIENT, "pick a day")
    api.press_button(CLIENT, "Fri 27 Nov")
    await api.next_message(CLIENT, "pick a time")
    api.press_button(CLIENT, "09:00")
    summary = await api.next_message(CLIENT, "Book Yoga on")
    api.press_button(CLIENT, "✅ Confirm", summary.message_id)
    second = api.press_callback(CLIENT, summary.buttons[0]["callback_data"], summary.message_id)
    await api.next_message(CLIENT, "Booked:")
    await api.wait_for_call("answerCallbackQuery", lambda p: p["callback_query_id"] == second)
    assert api.callback_answers[second].get("text") == "Already done."
    screen = await back_to_package(shop, CLIENT, "Three yoga")
    assert "Yoga (1:1): 2 of 3 left" in screen.content
    assert screen.content.count("Yoga, Fri 27 Nov 09:00") == 1
    coach_saw = [m.content for m in api.messages(COACH)]
    assert sum("Cleo booked" in c for c in coach_saw) == 1
    assert sum(is_calendar(m) for m in api.messages(COACH)) == 1


async def test_a_time_taken_between_pick_and_confirm_is_said_and_fresh_times_shown(
    harness: BotHarness,
) -> None:
    api, shop = harness.api, await working_shop(harness)
    package = await package_of(shop, ItemKind.SERVICE, shop.yoga_id, 3, "Three yoga")
    await gets_package(shop, CLIENT, "Cleo", package)
    rival = await gets_package(shop, FRIEND, "Finn", package)
    api.press_button(CLIENT, "📅 Book Yoga")
    await api.next_message(CLIENT, "pick a day")
    api.press_button(CLIENT, "Fri 27 Nov")
    await api.next_message(CLIENT, "pick a time")
    api.press_button(CLIENT, "09:00")
    await api.next_message(CLIENT, "Book Yoga on Fri 27 Nov 09:00 (UTC)?")
    sold_id = int(rival.buttons[0]["callback_data"].split(":")[2])
    item = int(rival.buttons[0]["callback_data"].split(":")[3])
    start = harness.clock.now.replace(day=27, hour=9)
    taken = OneToOne(item, start)
    await book_session(shop.uow(), ByHolder(FRIEND, sold_id), taken, harness.clock.now)

    api.press_button(CLIENT, "✅ Confirm")
    fresh = await api.next_message(CLIENT, "no longer free")
    assert fresh.content.startswith("Sorry, that time is no longer free. Please pick another one.")
    assert "pick a time on Fri 27 Nov" in fresh.content
    assert "09:00" not in fresh.button_labels and "10:00" in fresh.button_labels
    api.press_button(CLIENT, "10:00")
    await api.next_message(CLIENT, "Book Yoga on Fri 27 Nov 10:00 (UTC)?")
    api.press_button(CLIENT, "✅ Confirm")
    assert (await api.next_message(CLIENT, "Booked:")).content.endswith("10:00 (UTC)")
