"""The same time every week, through the real Application: a client in New York picks a
time, repeats it weekly, sees the week that is not free and books the free ones in one go;
one calendar file; the coach is told once; cancelling one leaves the others. A week taken
between the plan and the press books nothing."""

from __future__ import annotations

from domain.catalog.model import ItemKind
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.e2e.holder_steps import (
    back_to_package,
    gets_package,
    is_calendar,
    package_of,
    working_shop,
)
from tests.e2e.selling_seed import Shop
from tests.support.fake_bot_api import SentMessage

FRIEND = 3003
NEW_YORK = "America/New_York"


async def _friend_takes_friday(shop: Shop, day: str, pages: int) -> None:
    """Another holder books 10:00 UTC on a Friday `pages` weeks ahead."""
    api = shop.harness.api
    api.press_button(FRIEND, "📅 Book Yoga")
    await api.next_message(FRIEND, "pick a day")
    for _ in range(pages):
        api.press_button(FRIEND, "▶")
        await api.next_message(FRIEND, "pick a day")
    api.press_button(FRIEND, day)
    await api.next_message(FRIEND, "pick a time")
    api.press_button(FRIEND, "10:00")
    await api.next_message(FRIEND, "Book Yoga on")
    api.press_button(FRIEND, "✅ Confirm")
    await api.next_message(FRIEND, "Booked:")
    api.press_button(FRIEND, "📦 Back to the package")
    await api.next_message(FRIEND, "— from Anna")


def _data(message: SentMessage, label: str) -> str:
    button = message.button(label)
    assert button is not None
    return str(button["callback_data"])


async def _four_weeks_from_friday(shop: Shop) -> SentMessage:
    """The client picks Fri 27 Nov 05:00 (New York; 10:00 UTC) and asks for 4 weeks."""
    api = shop.harness.api
    api.press_button(CLIENT, "📅 Book Yoga")
    await api.next_message(CLIENT, "pick a day")
    api.press_button(CLIENT, "Fri 27 Nov")
    await api.next_message(CLIENT, "pick a time")
    api.press_button(CLIENT, "05:00")
    summary = await api.next_message(CLIENT, "Book Yoga on Fri 27 Nov 05:00 (America/New_York)?")
    assert summary.button_labels == ["✅ Confirm", "◀ Back", "🔁 Repeat weekly"]
    api.press_button(CLIENT, "🔁 Repeat weekly")
    question = await api.next_message(CLIENT, "every week on Friday at 05:00")
    assert question.button_labels == [
        "2 weeks",
        "3 weeks",
        "4 weeks",
        "5 weeks",
        "◀ Back",
    ]  # fmt: skip  (5 sessions left)
    api.press_button(CLIENT, "4 weeks")
    return await api.next_message(CLIENT, "every week, 4 weeks")


async def test_a_client_abroad_books_the_free_weeks_in_one_go(harness: BotHarness) -> None:
    api, shop = harness.api, await working_shop(harness)
    package = await package_of(shop, ItemKind.SERVICE, shop.yoga_id, 5, "Five yoga")
    await gets_package(shop, FRIEND, "Finn", package)
    await _friend_takes_friday(shop, "Fri 04 Dec", 1)
    await gets_package(shop, CLIENT, "Cleo", package, NEW_YORK)

    plan = await _four_weeks_from_friday(shop)
    assert "✅ Fri 27 Nov 05:00\n❌ Fri 4 Dec 05:00 — not free\n✅ Fri 11 Dec 05:00\n" in (
        plan.content
    )
    assert "3 of 4 are free: book those?" in plan.content
    api.press_button(CLIENT, "✅ Book the 3 free weeks")
    booked = await api.next_message(CLIENT, "Booked 3 sessions")
    assert booked.content == (
        "Booked 3 sessions of Yoga, every week (times in America/New_York):\n"
        "• Fri 27 Nov 05:00\n• Fri 11 Dec 05:00\n• Fri 18 Dec 05:00\n"
        "Each one can be cancelled or moved on its own."
    )
    ics = await api.next_message(CLIENT, is_calendar)
    assert ics.document is not None and "weekly" in str(ics.document["file_name"])
    told = await api.next_message(COACH, "Cleo booked Yoga every week")
    assert told.content == (
        "Cleo booked Yoga every week: Fri 27 Nov 10:00, Fri 11 Dec 10:00, Fri 18 Dec 10:00 (UTC)."
    )
    assert is_calendar(await api.next_message(COACH, is_calendar))
    assert len([m for m in api.messages(COACH) if "Cleo booked" in m.content]) == 1

    again = api.press_callback(CLIENT, _data(plan, "✅ Book the 3 free weeks"), plan.message_id)
    await api.wait_for_call(
        "answerCallbackQuery",
        lambda p: p["callback_query_id"] == again and "Already done" in p.get("text", ""),
    )  # the same press again books nothing more

    screen = await back_to_package(shop, CLIENT, "Five yoga")
    assert "Yoga (1:1): 2 of 5 left" in screen.content
    api.press_button(CLIENT, "✖ Cancel Fri 11 Dec 05:00")
    await api.next_message(CLIENT, "Cancel Yoga on Fri 11 Dec 05:00")
    api.press_button(CLIENT, "✅ Yes, cancel it")
    await api.next_message(CLIENT, "Cancelled: Yoga, Fri 11 Dec 05:00")
    screen = await back_to_package(shop, CLIENT, "Five yoga")
    assert "Yoga, Fri 27 Nov 05:00" in screen.content
    assert "Yoga, Fri 18 Dec 05:00" in screen.content
    assert "Fri 11 Dec" not in screen.content and "Yoga (1:1): 3 of 5 left" in screen.content


async def test_a_week_taken_before_the_press_books_none(harness: BotHarness) -> None:
    api, shop = harness.api, await working_shop(harness)
    package = await package_of(shop, ItemKind.SERVICE, shop.yoga_id, 5, "Five yoga")
    await gets_package(shop, FRIEND, "Finn", package)
    await gets_package(shop, CLIENT, "Cleo", package, NEW_YORK)
    plan = await _four_weeks_from_friday(shop)
    assert "All 4 are free." in plan.content
    await _friend_takes_friday(shop, "Fri 11 Dec", 2)  # meanwhile

    api.press_button(CLIENT, "✅ Book all 4", plan.message_id)
    again = await api.next_message(CLIENT, "nothing was booked")
    assert again.content.startswith(
        "Sorry, some of those weeks are no longer free, so nothing was booked."
    )
    assert "❌ Fri 11 Dec 05:00 — not free" in again.content
    assert "✅ Book the 3 free weeks" in again.button_labels
    assert not [m for m in api.messages(COACH) if "Cleo booked" in m.content]
    api.press_button(CLIENT, "✅ Book the 3 free weeks", again.message_id)
    await api.next_message(CLIENT, "Booked 3 sessions")
