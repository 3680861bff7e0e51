"""Waitlists of full group dates, through the real Application and its waitlist job: a client
in Berlin joins the line of a full date, the coach sees the line, a seat frees and is held
for her, she takes it; a hold that lapses goes to the next, who may say no; leaving the line."""

from __future__ import annotations

from datetime import timedelta

from domain.catalog.model import ItemKind, Package
from jobs.waitlist import WAITLIST_JOB
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.e2e.holder_steps import (
    back_to_package,
    gets_package,
    is_calendar,
    package_of,
    small_class,
    working_shop,
)
from tests.e2e.mini_app_steps import BASE, as_user, web_client
from tests.e2e.selling_seed import Shop
from tests.support.fake_bot_api import SentMessage

FRIEND, OTHER = 3003, 3004
BERLIN = "Europe/Berlin"


async def sweep(harness: BotHarness) -> None:
    """Run the registered waitlist job now, as its schedule would."""
    app = harness.app
    assert app is not None and app.job_queue is not None
    (job,) = app.job_queue.get_jobs_by_name(WAITLIST_JOB)
    await job.run(app)


async def _full_date(shop: Shop) -> Package:
    """Circle, one seat on Thu 3 Dec 18:00 UTC, taken by Finn; Cleo (Berlin) and Gus hold
    passes too."""
    circle = await small_class(shop, 1, "2026-12-03 18:00")
    package = await package_of(shop, ItemKind.SERIES, circle, 2, "Circle pass")
    await gets_package(shop, FRIEND, "Finn", package)
    api = shop.harness.api
    api.press_button(FRIEND, "📅 Book Circle")
    await api.next_message(FRIEND, "pick a date")
    api.press_button(FRIEND, "Thu 3 Dec 18:00 · 1 left")
    await api.next_message(FRIEND, "Book Circle on")
    api.press_button(FRIEND, "✅ Confirm")
    await api.next_message(FRIEND, "Booked:")
    await gets_package(shop, CLIENT, "Cleo", package, BERLIN)
    await gets_package(shop, OTHER, "Gus", package)
    return package


async def _joins(shop: Shop, user: int, when: str) -> SentMessage:
    api = shop.harness.api
    api.press_button(user, "📅 Book Circle")
    dates = await api.next_message(user, "pick a date")
    assert "You can join the waitlist of a full date." in dates.content
    assert dates.button_labels[:2] == [f"{when} · full", f"🕒 Join the waitlist · {when}"]
    api.press_button(user, f"🕒 Join the waitlist · {when}")
    return await api.next_message(user, "You are on the waitlist")


async def _finn_cancels(shop: Shop) -> None:
    api = shop.harness.api
    await back_to_package(shop, FRIEND, "Circle pass")
    api.press_button(FRIEND, "✖ Cancel Thu 3 Dec 18:00")
    await api.next_message(FRIEND, "Cancel Circle on Thu 3 Dec 18:00")
    api.press_button(FRIEND, "✅ Yes, cancel it")
    await api.next_message(FRIEND, "Cancelled:")


async def test_a_client_abroad_waits_is_offered_the_seat_and_takes_it(
    harness: BotHarness,
) -> None:
    api, shop = harness.api, await working_shop(harness)
    await _full_date(shop)
    joined = await _joins(shop, CLIENT, "Thu 3 Dec 19:00")
    assert joined.content == (
        "You are on the waitlist for Circle, Thu 3 Dec 19:00 (Europe/Berlin): number 1 in line. "
        "If a seat frees up you get an offer, and the seat is held for you for 2 h."
    )
    await _joins(shop, OTHER, "Thu 3 Dec 18:00")
    screen = await back_to_package(shop, CLIENT, "Circle pass")
    assert "Circle, Thu 3 Dec 19:00 — number 1 in line" in screen.content
    assert "✖ Leave waitlist · Thu 3 Dec 19:00" in screen.button_labels

    api.send_text(COACH, "/schedule")
    await api.next_message(COACH, "Your schedule")
    api.press_button(COACH, "▶")
    await api.next_message(COACH, "week of Mon 30 Nov")
    api.press_button(COACH, "Thu 03 Dec 18:00 · Circle")
    seat = await api.next_message(COACH, "Waitlist for this date")
    assert "Waitlist for this date: 1. Cleo · 2. Gus" in seat.content

    await _finn_cancels(shop)
    await sweep(harness)
    offer = await api.next_message(CLIENT, "A seat freed up")
    assert offer.content == (
        "🎟 A seat freed up: Circle, Thu 3 Dec 19:00 (Europe/Berlin).\n"
        "It is held for you until Wed 25 Nov 15:00. Taking it uses one session of your "
        "package; after that it goes to the next in line."
    )
    assert offer.button_labels == ["✅ Take the seat", "✖ No, thanks"]
    await back_to_package(shop, OTHER, "Circle pass")
    api.press_button(OTHER, "📅 Book Circle")  # the held seat is not free for others
    dates = await api.next_message(OTHER, "pick a date")
    assert dates.button_labels[0] == "Thu 3 Dec 18:00 · full"

    api.press_button(CLIENT, "✅ Take the seat", offer.message_id)
    booked = await api.next_message(CLIENT, "Booked:")
    assert booked.content == "Booked: Circle, Thu 3 Dec 19:00 (Europe/Berlin)"
    assert is_calendar(await api.next_message(CLIENT, is_calendar))
    told = await api.next_message(COACH, "Cleo booked")
    assert told.content == "Cleo booked Circle: Thu 3 Dec 18:00 (UTC)."
    screen = await back_to_package(shop, CLIENT, "Circle pass")
    assert "Circle (group): 1 of 2 left" in screen.content and "Waitlists" not in screen.content
    await sweep(harness)
    assert not [m for m in api.messages(OTHER) if "A seat freed up" in m.content]


async def test_a_lapsed_hold_goes_to_the_next_who_may_say_no(harness: BotHarness) -> None:
    api, shop = harness.api, await working_shop(harness)
    await _full_date(shop)
    await _joins(shop, CLIENT, "Thu 3 Dec 19:00")
    await _joins(shop, OTHER, "Thu 3 Dec 18:00")
    await _finn_cancels(shop)
    await sweep(harness)
    offer = await api.next_message(CLIENT, "A seat freed up")

    harness.clock.now += timedelta(hours=2)
    await sweep(harness)
    second = await api.next_message(OTHER, "A seat freed up")
    assert "held for you until Wed 25 Nov 16:00." in second.content
    api.press_button(CLIENT, "✅ Take the seat", offer.message_id)
    late = await api.next_message(CLIENT, "no longer open")
    assert late.content == (
        "Sorry, that offer is no longer open: the seat went to the next in line."
    )
    api.press_button(OTHER, "✖ No, thanks", second.message_id)
    await api.next_message(OTHER, "You let the seat go")
    screen = await back_to_package(shop, CLIENT, "Circle pass")
    assert "Circle (group): 2 of 2 left" in screen.content and "Waitlists" not in screen.content
    await back_to_package(shop, FRIEND, "Circle pass")
    api.press_button(FRIEND, "📅 Book Circle")  # nobody waits: the seat is free again
    dates = await api.next_message(FRIEND, "pick a date")
    assert dates.button_labels[0] == "Thu 3 Dec 18:00 · 1 left"


async def test_a_holder_leaves_the_line(harness: BotHarness) -> None:
    api, shop = harness.api, await working_shop(harness)
    await _full_date(shop)
    await _joins(shop, OTHER, "Thu 3 Dec 18:00")
    await _joins(shop, CLIENT, "Thu 3 Dec 19:00")
    screen = await back_to_package(shop, OTHER, "Circle pass")
    api.press_button(OTHER, "✖ Leave waitlist · Thu 3 Dec 18:00", screen.message_id)
    left = await api.next_message(OTHER, "You left the waitlist.")
    assert "Waitlists" not in left.content
    screen = await back_to_package(shop, CLIENT, "Circle pass")
    assert "Circle, Thu 3 Dec 19:00 — number 1 in line" in screen.content


async def test_a_raised_capacity_offers_the_new_seats_in_line_order(harness: BotHarness) -> None:
    api, shop = harness.api, await working_shop(harness)
    await _full_date(shop)
    await _joins(shop, CLIENT, "Thu 3 Dec 19:00")
    await _joins(shop, OTHER, "Thu 3 Dec 18:00")
    api.send_text(COACH, "/series")
    await api.next_message(COACH, "Your series (2)")
    api.press_button(COACH, "2. Circle")
    await api.next_message(COACH, "Thu 03 Dec 18:00 — 1/1")
    api.press_button(COACH, "✏️ Capacity")
    await api.next_message(COACH, "Type the new capacity")
    api.send_text(COACH, "2")
    await api.next_message(COACH, "Thu 03 Dec 18:00 — 1/2")
    await sweep(harness)
    offer = await api.next_message(CLIENT, "A seat freed up")
    assert "held for you until Wed 25 Nov 15:00" in offer.content  # Berlin
    assert not [m for m in api.messages(OTHER) if "A seat freed up" in m.content]  # one seat
    api.press_button(COACH, "✏️ Capacity")
    await api.next_message(COACH, "Type the new capacity")
    api.send_text(COACH, "3")
    await api.next_message(COACH, "Thu 03 Dec 18:00 — 2/3")  # the held seat counts
    await sweep(harness)
    assert "held for you until" in (await api.next_message(OTHER, "A seat freed up")).content


async def test_a_seat_freed_on_the_desk_is_held_as_long_as_the_settings_say(
    harness: BotHarness,
) -> None:
    """The desk's cancel is /schedule's: WAITLIST_HOLD_MINUTES holds the freed seat."""
    await harness.restart_with(web_base_url=BASE, waitlist_hold_minutes=30)
    api, shop = harness.api, await working_shop(harness)
    await _full_date(shop)
    await _joins(shop, CLIENT, "Thu 3 Dec 19:00")
    async with web_client(harness) as web:
        coach = as_user(harness, COACH)
        week = (await web.get("/api/desk/week", params={"week": 1}, headers=coach)).json()
        [finn] = [s for day in week["days"] for s in day["sessions"]]
        cancelled = await web.post(f"/api/desk/sessions/{finn['id']}/cancel", headers=coach)
        assert cancelled.json() == {"done": "cancel"}
    await sweep(harness)
    offer = await api.next_message(CLIENT, "A seat freed up")
    assert "It is held for you until Wed 25 Nov 13:30." in offer.content  # 30 min, Berlin
