"""Handlers stay thin: an update a coach's button sends opens one unit of work for what it
changes (reading and telling included), and a button that only reads opens no writer."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.kit.context import UowFactory
from domain.booking.holder_changes import book_session
from domain.booking.model import OneToOne
from domain.booking.uow import BookingUnitOfWork
from domain.catalog.model import ItemKind
from persistence.inbox import handling
from tests.e2e.booking_steps import client_holding, client_holds_lessons
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.e2e.holder_steps import (
    back_to_package,
    book_one,
    gets_package,
    package_of,
    working_shop,
)
from tests.e2e.selling_seed import Shop, access_payload, extend_month_by_a_week, given_a_shop
from tests.e2e.test_reminder_hooks import _buy_month
from tests.support.fake_bot_api import SentMessage

FRIDAY_9 = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
FRIEND = 3003


class Recorder:
    """The Application's unit-of-work factory, noting per update whether each is a writer."""

    def __init__(self, inner: UowFactory) -> None:
        self.inner = inner
        self.opened: dict[int, list[bool]] = defaultdict(list)

    def __call__(self, write: bool = True) -> BookingUnitOfWork:
        ticket = handling.get()
        if ticket is not None:
            self.opened[ticket.update_id].append(write)
        return self.inner(write)

    def only_update(self) -> list[bool]:
        [opened] = self.opened.values()
        return opened


def record(harness: BotHarness) -> Recorder:
    assert harness.app is not None
    recorder = Recorder(harness.app.deps.uow_factory)
    harness.app.deps = replace(harness.app.deps, uow_factory=recorder)
    return recorder


async def test_confirming_an_expiry_change_is_one_unit_of_work(harness: BotHarness) -> None:
    await _buy_month(harness)
    recorder = record(harness)
    await extend_month_by_a_week(harness)  # its last update: the coach confirms
    await harness.api.next_message(CLIENT, "now valid until Fri 01 Jan 2027")
    confirmed = list(recorder.opened.values())[-1]
    assert confirmed == [True]  # the change, the screen and whom to tell, in one


async def test_paging_the_schedule_opens_no_writer(harness: BotHarness) -> None:
    api = harness.api
    token, item = await client_holds_lessons(harness)
    holder = await client_holding(harness, token)
    assert harness.app is not None
    for week in (0, 1):
        start = FRIDAY_9 + timedelta(days=7 * week)
        choice = OneToOne(item, start)
        make_uow = harness.app.deps.uow_factory
        await book_session(make_uow(), holder, choice, harness.clock.now)
    api.send_text(COACH, "/schedule")
    await api.next_message(COACH, "Your schedule · week of Mon 23 Nov")

    recorder = record(harness)
    api.press_button(COACH, "▶")
    await api.next_message(COACH, "Fri 04 Dec")
    assert recorder.only_update() and not any(recorder.only_update())


def latest(recorder: Recorder) -> list[bool]:
    """The units of work the latest update opened (each: whether a writer)."""
    return recorder.opened[max(recorder.opened)]


async def each_one_read(
    harness: BotHarness, recorder: Recorder, steps: Iterable[tuple[str, str]], user: int = COACH
) -> None:
    """`user` presses each button (label, then what the screen it opens says): each screen
    comes from one read and no writer."""
    for label, shown in steps:
        harness.api.press_button(user, label)
        await harness.api.next_message(user, shown)
        assert latest(recorder) == [False]


async def _month_on_the_desk(harness: BotHarness) -> Recorder:
    """Cleo bought Month; the coach opens it on /sold, recorded from /sold on."""
    api = harness.api
    await _buy_month(harness)
    recorder = record(harness)
    api.send_text(COACH, "/sold")
    await api.next_message(COACH, "Sold packages")
    assert latest(recorder) == [True, False]  # the greeting, then the desk in one read
    api.press_button(COACH, "1. Month")
    await api.next_message(COACH, "Valid until Fri 25 Dec 2026")
    return recorder


async def test_the_sold_desk_its_filters_and_history_each_open_one_reader(
    harness: BotHarness,
) -> None:
    recorder = await _month_on_the_desk(harness)
    steps = (("📜 History", "History of"), ("◀ Back", "Valid until"))
    steps += (("◀ Sold packages", "All (1)"), ("Active", "Active (1)"))
    await each_one_read(harness, recorder, steps)  # the page, its zone and payments to look at


async def test_revoking_a_link_is_one_unit_of_work(harness: BotHarness) -> None:
    api = harness.api
    recorder = await _month_on_the_desk(harness)
    api.press_button(COACH, "♻️ Revoke link")
    await api.next_message(COACH, "Revoke the access link")
    api.press_button(COACH, "♻️ Yes, revoke it")
    await api.next_message(CLIENT, "replaced the access link of Month")
    await api.next_message(COACH, "The old link no longer works")
    assert latest(recorder) == [True]  # the new link, the screen and the buyer to tell


async def test_opening_a_link_and_removing_its_holder_are_one_unit_of_work_each(
    harness: BotHarness,
) -> None:
    api = harness.api
    await _buy_month(harness)
    [bought] = [m.content for m in api.messages(CLIENT) if "You now have Month" in m.content]
    link = access_payload(bought)
    recorder = record(harness)
    api.user(FRIEND, first_name="Finn")
    api.open_deep_link(FRIEND, link)
    await api.next_message(FRIEND, "Month — from Anna")
    assert latest(recorder) == [True]  # Finn holds it, and sees it, in one
    stale = await _holders_of_month(harness)
    screen = await _holders_of_month(harness)
    api.press_button(COACH, "✖ Remove 2. Finn", screen.message_id)
    await api.next_message(COACH, "Remove Finn from Month?")
    assert latest(recorder) == [False]
    api.press_button(COACH, "✅ Yes, remove Finn", screen.message_id)
    done = await api.next_message(COACH, "Finn no longer holds the package.")
    assert latest(recorder) == [True]  # the removal and the holders left, in one
    api.press_button(COACH, "✖ Remove 2. Finn", stale.message_id)
    gone = await api.next_message(COACH, "They no longer hold it.")
    assert gone.button_labels == done.button_labels == ["✖ Remove 1. Test User", "◀ Back"]
    assert latest(recorder) == [False]  # the holders as they are, in the same read


async def _holders_of_month(harness: BotHarness) -> SentMessage:
    api = harness.api
    api.send_text(COACH, "/sold")
    await api.next_message(COACH, "Sold packages")
    api.press_button(COACH, "1. Month")
    await api.next_message(COACH, "Valid until Fri 25 Dec 2026")
    api.press_button(COACH, "👥 Who has the link")
    return await api.next_message(COACH, "Who has the link of Month")


async def test_taking_a_free_package_is_one_unit_of_work(harness: BotHarness) -> None:
    api, shop = harness.api, await given_a_shop(harness)
    package = await shop.package("Month", validity="30")
    api.open_deep_link(CLIENT, f"p_{package.public_id}")
    await api.next_message(CLIENT, "All about month")
    recorder = record(harness)
    api.press_button(CLIENT, "🎁 Get it")
    await api.next_message(CLIENT, "You now have Month")
    await api.next_message(COACH, "New sale")
    assert recorder.only_update() == [True]  # the sale, and both sides' languages, in one


async def _cleo_holds_yoga(harness: BotHarness) -> Shop:
    shop = await working_shop(harness)
    package = await package_of(shop, ItemKind.SERVICE, shop.yoga_id, 3, "Three yoga")
    await gets_package(shop, CLIENT, "Cleo", package)
    return shop


async def test_a_holders_booking_confirm_is_one_writer(harness: BotHarness) -> None:
    api, shop = harness.api, await _cleo_holds_yoga(harness)
    recorder = record(harness)
    await book_one(shop, CLIENT, "Yoga", "Fri 27 Nov", "09:00")
    await api.next_message(COACH, "Cleo booked Yoga")
    # was it pressed before (a read); then the booking, the zone it is shown in and the
    # coach to tell (in their language), in one writer
    assert latest(recorder) == [False, True]


async def test_a_holder_cancelling_a_session_is_one_writer(harness: BotHarness) -> None:
    api, shop = harness.api, await _cleo_holds_yoga(harness)
    await book_one(shop, CLIENT, "Yoga", "Fri 27 Nov", "09:00")
    await back_to_package(shop, CLIENT, "Three yoga")
    recorder = record(harness)
    asked = ("✖ Cancel Fri 27 Nov 09:00", "Cancel Yoga on Fri 27 Nov 09:00")
    await each_one_read(harness, recorder, [asked], CLIENT)
    api.press_button(CLIENT, "✅ Yes, cancel it")
    await api.next_message(CLIENT, "Cancelled:")
    await api.next_message(COACH, "Cleo cancelled Yoga")
    assert latest(recorder) == [False, True]  # the press checked, then one writer


async def _friday_lesson_opened_on_the_schedule(harness: BotHarness) -> Recorder:
    """The client booked Friday 09:00; the coach opens it in /schedule (recorded from there)."""
    api = harness.api
    token, item = await client_holds_lessons(harness)
    assert harness.app is not None
    make_uow = harness.app.deps.uow_factory
    holder = await client_holding(harness, token)
    await book_session(make_uow(), holder, OneToOne(item, FRIDAY_9), harness.clock.now)
    api.send_text(COACH, "/schedule")
    await api.next_message(COACH, "Your schedule")
    recorder = record(harness)
    # the coach, the session and who waits for its date, in one read
    await each_one_read(harness, recorder, [("Fri 27 Nov 09:00 · Lesson", "Client:")])
    return recorder


async def test_the_coach_cancelling_from_the_schedule_is_one_unit_of_work(
    harness: BotHarness,
) -> None:
    api = harness.api
    recorder = await _friday_lesson_opened_on_the_schedule(harness)
    asked = ("✖ Cancel session", "Cancel Lesson on Fri 27 Nov 09:00?")
    await each_one_read(harness, recorder, [asked])
    api.press_button(COACH, "✅ Yes, cancel it")
    await api.next_message(COACH, "Cancelled. The client was told")
    await api.next_message(CLIENT, "Your coach cancelled Lesson")
    assert latest(recorder) == [True]  # the cancel, the session after it and the client


async def test_the_coach_moving_from_the_schedule_is_one_unit_of_work(
    harness: BotHarness,
) -> None:
    api = harness.api
    recorder = await _friday_lesson_opened_on_the_schedule(harness)
    steps = (("🕑 Move", "pick a day"), ("Sat 28 Nov", "pick a time"), ("10:00", "Move Lesson"))
    await each_one_read(harness, recorder, steps)  # the coach, the session and its free times
    api.press_button(COACH, "✅ Yes, move it")
    await api.next_message(COACH, "Moved to Sat 28 Nov 10:00. The client was told.")
    await api.next_message(CLIENT, "Your coach moved Lesson")
    assert latest(recorder) == [True]  # the move, the session after it and the client
