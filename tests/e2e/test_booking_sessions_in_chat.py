"""From the access-link view: group seats until full, moving a session, the coach booking
from the client's link, and cancelling too late — through the real Application."""

from __future__ import annotations

from domain.catalog.model import ItemKind
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.e2e.holder_steps import (
    back_to_package,
    book_one,
    gets_package,
    is_calendar,
    package_of,
    small_class,
    working_shop,
)
from tests.e2e.selling_seed import access_payload

FRIEND = 3003


async def test_group_seats_until_full_and_a_full_date_says_so(harness: BotHarness) -> None:
    api, shop = harness.api, await working_shop(harness)
    circle = await small_class(shop, 1, "2026-12-03 18:00")
    package = await package_of(shop, ItemKind.SERIES, circle, 2, "Circle pass")
    await gets_package(shop, CLIENT, "Cleo", package)
    await gets_package(shop, FRIEND, "Finn", package)
    for user in (CLIENT, FRIEND):  # both reach the summary of the one seat left
        api.press_button(user, "📅 Book Circle")
        dates = await api.next_message(user, "pick a date")
        assert dates.button_labels[0] == "Thu 3 Dec 18:00 · 1 left"
        api.press_button(user, "Thu 3 Dec 18:00 · 1 left")
        await api.next_message(user, "Book Circle on Thu 3 Dec 18:00 (UTC)?")
    api.press_button(CLIENT, "✅ Confirm")
    booked = await api.next_message(CLIENT, "Booked:")
    assert booked.content == "Booked: Circle, Thu 3 Dec 18:00 (UTC)"
    assert is_calendar(await api.next_message(CLIENT, is_calendar))
    assert "Cleo booked Circle" in (await api.next_message(COACH, "booked")).content

    api.press_button(FRIEND, "✅ Confirm")
    full = await api.next_message(FRIEND, "full")
    assert full.content.startswith("Sorry, that date is full. Please pick another one.")
    assert full.button_labels[0] == "Thu 3 Dec 18:00 · full"  # fresh dates, one step back
    api.press_button(FRIEND, "📦 Back to the package")
    await api.next_message(FRIEND, "Circle pass — from Anna")
    api.press_button(FRIEND, "📅 Book Circle")
    await api.next_message(FRIEND, "Full dates are marked")
    api.press_button(FRIEND, "Thu 3 Dec 18:00 · full")
    again = await api.next_message(FRIEND, "Sorry, that date is full")
    assert "pick a date" in again.content
    screen = await back_to_package(shop, CLIENT, "Circle pass")
    assert "Circle (group): 1 of 2 left" in screen.content
    assert "🕑 Move" not in screen.button_labels  # a seat is cancelled, not moved


async def test_a_session_is_moved_and_the_coach_is_told(harness: BotHarness) -> None:
    api, shop = harness.api, await working_shop(harness)
    package = await package_of(shop, ItemKind.SERVICE, shop.yoga_id, 3, "Three yoga")
    await gets_package(shop, CLIENT, "Cleo", package)
    first = await book_one(shop, CLIENT, "Yoga", "Fri 27 Nov", "09:00")
    booked_ics = await api.next_message(CLIENT, is_calendar)
    await back_to_package(shop, CLIENT, "Three yoga")
    api.press_button(CLIENT, "🕑 Move")
    await api.next_message(CLIENT, "Move Yoga: pick a day")
    api.press_button(CLIENT, "Sat 28 Nov")
    await api.next_message(CLIENT, "Move Yoga: pick a time on Sat 28 Nov")
    api.press_button(CLIENT, "10:00")
    await api.next_message(CLIENT, "Move Yoga from Fri 27 Nov 09:00 to Sat 28 Nov 10:00 (UTC)?")
    api.press_button(CLIENT, "✅ Confirm")
    moved = await api.next_message(CLIENT, "Moved:")
    assert moved.content == "Moved: Yoga, now Sat 28 Nov 10:00 (UTC)"
    moved_ics = await api.next_message(CLIENT, is_calendar)
    assert moved_ics.document and booked_ics.document
    assert moved_ics.document["file_name"] == booked_ics.document["file_name"]  # same event
    assert (await api.next_message(COACH, "Cleo moved")).content == (
        "Cleo moved Yoga: Sat 28 Nov 10:00 (UTC)."
    )
    screen = await back_to_package(shop, CLIENT, "Three yoga")
    assert "Yoga, Sat 28 Nov 10:00" in screen.content and "Fri 27 Nov" not in screen.content
    assert "Yoga (1:1): 2 of 3 left" in screen.content
    assert first.message_id != screen.message_id


async def test_the_coach_books_from_the_clients_link_and_the_client_is_told(
    harness: BotHarness,
) -> None:
    api, shop = harness.api, await working_shop(harness)
    package = await package_of(shop, ItemKind.SERVICE, shop.yoga_id, 3, "Three yoga")
    await gets_package(shop, CLIENT, "Cleo", package, "Europe/Berlin")
    link = next(m for m in api.messages(CLIENT) if "You now have" in m.content)
    api.open_deep_link(COACH, access_payload(link.text or ""))
    seen = await api.next_message(COACH, "Three yoga — from Anna")
    assert seen.button_labels == ["📅 Book Yoga", "🗂 Manage"]
    booked = await book_one(shop, COACH, "Yoga", "Sat 28 Nov", "12:00")
    assert booked.content == "Booked: Yoga, Sat 28 Nov 12:00 (UTC)"  # the coach's zone
    told = await api.next_message(CLIENT, "Your coach booked")
    assert told.content == "Your coach booked Yoga: Sat 28 Nov 13:00 (Europe/Berlin)."
    assert is_calendar(await api.next_message(CLIENT, is_calendar))


async def test_inside_the_window_it_is_too_late_to_cancel(harness: BotHarness) -> None:
    api, shop = harness.api, await working_shop(harness)
    package = await package_of(shop, ItemKind.SERVICE, shop.yoga_id, 3, "Three yoga")
    await gets_package(shop, CLIENT, "Cleo", package)
    await book_one(shop, CLIENT, "Yoga", "Thu 26 Nov", "10:00")  # 22 h ahead; window 24 h
    screen = await back_to_package(shop, CLIENT, "Three yoga")
    assert "Yoga, Thu 26 Nov 10:00 — too late to cancel or move" in screen.content
    assert not [label for label in screen.button_labels if label.startswith("✖")]
    book = str(screen.buttons[0]["callback_data"])  # bk:b:<sold>:<item>:0
    sold = book.split(":")[2]
    api.press_callback(CLIENT, f"bk:xok:{sold}:1:0", screen.message_id)  # forged
    refused = await api.next_message(CLIENT, "too late to cancel")
    assert "Please contact your coach" in refused.content
    assert "Yoga (1:1): 2 of 3 left" in refused.content  # nothing changed


async def test_forged_booking_buttons_find_nothing_and_change_nothing(
    harness: BotHarness,
) -> None:
    api, shop = harness.api, await working_shop(harness)
    package = await package_of(shop, ItemKind.SERVICE, shop.yoga_id, 3, "Three yoga")
    view = await gets_package(shop, CLIENT, "Cleo", package)
    _, _, sold, item, _ = str(view.buttons[0]["callback_data"]).split(":")
    api.user(FRIEND, first_name="Finn")
    api.send_text(FRIEND, "/start")
    await api.next_message(FRIEND, "I help you book sessions")
    forged = [
        (FRIEND, f"bk:b:{sold}:{item}:0"),  # not a holder of this package
        (FRIEND, f"bk:ok:{sold}:{item}:29410560"),
        (CLIENT, f"bk:b:{sold}:{item}"),  # malformed
        (CLIENT, f"bk:zz:{sold}:{item}:0"),
        (CLIENT, f"bk:c:{sold}:{item}:99999999999"),  # longer than any time
        (CLIENT, f"bk:t:{sold}:{item}:20261399"),  # no such day
        (CLIENT, f"bk:b:{sold}:{int(item) + 50}:0"),  # no such item
    ]
    for user, data in forged:
        api.press_callback(user, data)
        answer = await api.next_message(user, "I couldn't find that")
        assert answer.content == "I couldn't find that. It may have been deleted.", data
    api.press_button(CLIENT, "📅 Book Yoga", view.message_id)
    assert "pick a day" in (await api.next_message(CLIENT, "pick a day")).content
    assert not [m for m in api.messages(COACH) if "booked" in m.content]  # nothing booked


async def test_the_coach_cancels_from_sold_any_time_and_the_client_is_told(
    harness: BotHarness,
) -> None:
    api, shop = harness.api, await working_shop(harness)
    package = await package_of(shop, ItemKind.SERVICE, shop.yoga_id, 3, "Three yoga")
    await gets_package(shop, CLIENT, "Cleo", package)
    await book_one(shop, CLIENT, "Yoga", "Thu 26 Nov", "10:00")  # inside the client's window
    api.send_text(COACH, "/sold")
    await api.next_message(COACH, "1. Cleo — Three yoga")
    api.press_button(COACH, "1. Three yoga")
    await api.next_message(COACH, "Status: active")
    api.press_button(COACH, "📅 Sessions: book, cancel, move")
    screen = await api.next_message(COACH, "Upcoming sessions")
    assert "too late" not in screen.content  # the window does not bind the coach
    api.press_button(COACH, "✖ Cancel Thu 26 Nov 10:00")
    await api.next_message(COACH, "Cancel Yoga on Thu 26 Nov 10:00 (UTC)?")
    api.press_button(COACH, "✅ Yes, cancel it")
    gone = await api.next_message(COACH, "Cancelled:")
    assert gone.content == "Cancelled: Yoga, Thu 26 Nov 10:00 (UTC). It is back in the package."
    told = await api.next_message(CLIENT, "Your coach cancelled")
    assert told.content == "Your coach cancelled Yoga: Thu 26 Nov 10:00 (UTC)."
    cancelled_ics = await api.next_message(CLIENT, is_calendar)
    assert cancelled_ics.document is not None
