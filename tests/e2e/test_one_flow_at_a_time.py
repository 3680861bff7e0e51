"""One flow at a time: every entry command typed inside every flow says which flow is open
and how to leave it, starts nothing, and the open flow still takes its answer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from tests.e2e.conftest import COACH, BotHarness
from tests.e2e.test_packages import given_a_catalog

ENTRY_COMMANDS = ("/timezone", "/newservice", "/newseries", "/newpackage", "/availability")


async def open_timezone(harness: BotHarness) -> None:
    harness.api.send_text(COACH, "/timezone")
    await harness.api.next_message(COACH, "Choose a new one below")


async def open_new_service(harness: BotHarness) -> None:
    harness.api.send_text(COACH, "/newservice")
    await harness.api.next_message(COACH, "New service. What is its title?")


async def open_new_series(harness: BotHarness) -> None:
    harness.api.send_text(COACH, "/newseries")
    await harness.api.next_message(COACH, "New series. What is its title?")


async def open_new_package(harness: BotHarness) -> None:
    harness.api.send_text(COACH, "/newpackage")
    await harness.api.next_message(COACH, "What is it called?")


async def open_series_dates(harness: BotHarness) -> None:
    harness.api.send_text(COACH, "/series")
    await harness.api.next_message(COACH, "Your series")
    harness.api.press_button(COACH, "1. Bootcamp")
    await harness.api.next_message(COACH, "Upcoming dates")
    harness.api.press_button(COACH, "➕ Add dates")
    await harness.api.next_message(COACH, "Add dates to Bootcamp")


async def open_edit_service(harness: BotHarness) -> None:
    harness.api.send_text(COACH, "/services")
    await harness.api.next_message(COACH, "Your services")
    harness.api.press_button(COACH, "1. Yoga")
    await harness.api.next_message(COACH, "Duration")
    harness.api.press_button(COACH, "✏️ Title")
    await harness.api.next_message(COACH, "Type the new title")


async def open_availability(harness: BotHarness) -> None:
    harness.api.send_text(COACH, "/availability")
    await harness.api.next_message(COACH, "Your availability")
    harness.api.press_button(COACH, "Mon")
    await harness.api.next_message(COACH, "Working hours on Monday")


FLOWS: dict[str, tuple[Callable[[BotHarness], Awaitable[None]], str]] = {
    "choosing your time zone (/timezone)": (open_timezone, "Europe/Berlin"),
    "creating a service (/newservice)": (open_new_service, "Pilates"),
    "creating a series (/newseries)": (open_new_series, "Run club"),
    "a package form (/newpackage)": (open_new_package, "Ten classes"),
    "adding dates to a series": (open_series_dates, "2027-01-05 18:00"),
    "editing a service": (open_edit_service, "Yoga flow"),
    "setting your availability (/availability)": (open_availability, "09:00-12:00"),
}
NEXT_QUESTION = {
    "Europe/Berlin": "times are now shown in Europe/Berlin",
    "Pilates": "description of the service",
    "Run club": "description of the series",
    "Ten classes": "Describe it",
    "2027-01-05 18:00": "Added 1 date",
    "Yoga flow": "Saved.",
    "09:00-12:00": "Mon: 09:00–12:00",
}


async def test_every_entry_command_inside_every_flow_names_the_open_flow(
    harness: BotHarness,
) -> None:
    api = harness.api
    await given_a_catalog(harness)
    for label, (open_flow, answer) in FLOWS.items():
        await open_flow(harness)
        for command in ENTRY_COMMANDS:
            api.send_text(COACH, command)
            busy = await api.next_message(COACH, "You are in the middle of")
            assert label in busy.content and "/cancel" in busy.content, (label, command)
        api.send_text(COACH, answer)  # the open flow still takes its answer
        await api.next_message(COACH, NEXT_QUESTION[answer])
        api.send_text(COACH, "/cancel")
        await api.next_message(
            COACH,
            lambda m: (
                "Cancel" in m.content or "Stopped" in m.content or "nothing to cancel" in m.content
            ),
        )


async def test_a_button_that_starts_another_flow_is_refused_inside_a_flow(
    harness: BotHarness,
) -> None:
    api = harness.api
    await given_a_catalog(harness)
    await open_new_service(harness)
    query = api.press_callback(COACH, "np:new")
    await api.wait_for_call(
        "answerCallbackQuery",
        lambda p: (
            p["callback_query_id"] == query
            and "creating a service (/newservice)" in p.get("text", "")
        ),
    )
    api.send_text(COACH, "Pilates")
    await api.next_message(COACH, "description of the service")
