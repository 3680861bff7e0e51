"""The coach's cancellation policy, through the real Application: the package view says the
rule before anyone cancels; with late cancel on, a client in another time zone cancels inside
the window and the session counts as used; the coach is told."""

from __future__ import annotations

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


async def _coach_allows_late_cancel(harness: BotHarness) -> None:
    api = harness.api
    api.send_text(COACH, "/availability")
    menu = await api.next_message(COACH, "Your availability")
    assert "Inside the window: clients cannot cancel; only you can" in menu.content
    api.press_button(COACH, "🔓 Allow late cancel (session used)")
    menu = await api.next_message(COACH, "clients can cancel late")
    assert "Inside the window: clients can cancel late, and the session counts as used" in (
        menu.content
    )
    assert "🔒 No cancelling inside the window" in menu.button_labels
    api.press_button(COACH, "✅ Done")
    await api.next_message(COACH, "Your availability is saved")


async def test_a_client_abroad_cancels_late_and_the_session_is_used(harness: BotHarness) -> None:
    api, shop = harness.api, await working_shop(harness)
    package = await package_of(shop, ItemKind.SERVICE, shop.yoga_id, 3, "Three yoga")
    view = await gets_package(shop, CLIENT, "Cleo", package, "Europe/Berlin")
    # Thu 26 Nov 10:00 UTC is 11:00 in Berlin: 22 h ahead, inside the 24 h window.
    await book_one(shop, CLIENT, "Yoga", "Thu 26 Nov", "11:00")
    screen = await back_to_package(shop, CLIENT, "Three yoga")
    assert "Yoga, Thu 26 Nov 11:00 — too late to cancel or move" in screen.content
    assert "after that only your coach can" in screen.content
    assert not [label for label in screen.button_labels if label.startswith("✖")]
    assert view.message_id != screen.message_id

    await _coach_allows_late_cancel(harness)

    screen = await back_to_package(shop, CLIENT, "Three yoga")
    assert "Yoga, Thu 26 Nov 11:00 — a cancel now is late: the session counts as used" in (
        screen.content
    )
    assert "after that you can still cancel, but the session counts as used" in screen.content
    api.press_button(CLIENT, "✖ Late cancel Thu 26 Nov 11:00")
    question = await api.next_message(CLIENT, "Cancel Yoga on Thu 26 Nov 11:00")
    assert "late?" in question.content and "counts as used" in question.content
    api.press_button(CLIENT, "✅ Yes, cancel it")
    gone = await api.next_message(CLIENT, "Cancelled:")
    assert gone.content == (
        "Cancelled: Yoga, Thu 26 Nov 11:00 (Europe/Berlin). "
        "It was a late cancel: the session counts as used."
    )
    assert is_calendar(await api.next_message(CLIENT, is_calendar))
    told = await api.next_message(COACH, "Cleo cancelled late")
    assert told.content == "Cleo cancelled late Yoga: Thu 26 Nov 10:00 (UTC)."
    screen = await back_to_package(shop, CLIENT, "Three yoga")
    assert "Yoga (1:1): 2 of 3 left" in screen.content  # the unit stays used
    assert "Upcoming sessions" not in screen.content
