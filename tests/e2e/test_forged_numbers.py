"""Forged or stale buttons carrying numbers no screen ever offered (a week far beyond the
horizon, an id past a 32-bit column): one short answer, nothing changed, no traceback."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.booking.holder_changes import book_session
from domain.booking.model import OneToOne
from domain.catalog.model import ItemKind
from tests.e2e.booking_steps import client_holding, client_holds_lessons
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.e2e.holder_steps import (
    back_to_package,
    book_one,
    gets_package,
    package_of,
    working_shop,
)

HUGE_ID = "99999999999"  # past PostgreSQL's INTEGER
FRIDAY_9 = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


def _went_wrong(harness: BotHarness, user: int) -> list[str]:
    return [m.content for m in harness.api.outputs(user) if "went wrong" in m.content]


async def test_a_holder_pressing_forged_weeks_and_ids_is_told_and_nothing_changes(
    harness: BotHarness,
) -> None:
    api, shop = harness.api, await working_shop(harness)
    package = await package_of(shop, ItemKind.SERVICE, shop.yoga_id, 3, "Three yoga")
    await gets_package(shop, CLIENT, "Cleo", package)
    await book_one(shop, CLIENT, "Yoga", "Fri 27 Nov", "10:00")
    screen = await back_to_package(shop, CLIENT, "Three yoga")
    _, _, sold, item, _ = str(screen.buttons[0]["callback_data"]).split(":")
    move = screen.button("🕑 Move")
    assert move is not None
    session = str(move["callback_data"]).split(":")[3]
    forged = (
        f"bk:w:{sold}:{item}:600000",
        f"bk:mw:{sold}:{session}:600000",
        f"bk:w:{sold}:{item}:54",
        f"bk:gc:{sold}:{item}:{HUGE_ID}",
        f"bk:b:{HUGE_ID}:{item}:0",
        f"bk:v:{sold}:0:{HUGE_ID}",
        f"bk:c:{sold}:{item}:{HUGE_ID}",
    )
    for data in forged:
        api.press_callback(CLIENT, data)
        await api.next_message(CLIENT, "I couldn't find that")
    assert _went_wrong(harness, CLIENT) == []
    again = await back_to_package(shop, CLIENT, "Three yoga")
    assert "Yoga (1:1): 2 of 3 left" in again.content


async def test_a_coach_pressing_forged_move_weeks_and_ids_is_told_and_nothing_changes(
    harness: BotHarness,
) -> None:
    api = harness.api
    token, item = await client_holds_lessons(harness)
    assert harness.app is not None
    holder, make_uow = await client_holding(harness, token), harness.app.deps.uow_factory
    booking = (
        await book_session(make_uow(), holder, OneToOne(item, FRIDAY_9), harness.clock.now)
    ).done
    api.send_text(COACH, "/schedule")
    await api.next_message(COACH, "Your schedule")
    for data in (
        f"mv:d:{booking.id}:600000:0",
        f"mv:ok:{HUGE_ID}:1:0",
        f"mv:f:{booking.id}:0:{HUGE_ID}",
        f"sch:s:{HUGE_ID}:0",
        f"sch:w:{HUGE_ID}",
        f"sold:ext:{HUGE_ID}",
        f"sell:grant:{HUGE_ID}",
    ):
        api.press_callback(COACH, data)
        await api.next_message(COACH, "I couldn't find that")
    assert _went_wrong(harness, COACH) == []
