"""Every flow keeps a typed state (flows.typed_step): a state that vanished or no longer
loads ends the flow with a word, stores nothing, and leaves the person free."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from domain.booking.coach_availability import get_availability
from tests.e2e.booking_steps import coach_in_berlin
from tests.e2e.conftest import COACH, BotHarness
from tests.e2e.test_services import given_services, services_of

GONE = "That draft is no longer open, so nothing was saved."


def flow_state(harness: BotHarness, name: str) -> dict[str, object]:
    assert harness.app is not None
    state = harness.app.user_data[COACH][f"flow:{name}"]
    assert isinstance(state, dict)
    return state


async def until(condition: Callable[[], bool]) -> None:
    """The step stores its state after its reply is sent: wait for it (at most 5 s)."""
    for _ in range(500):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the flow state never got there")


async def test_a_new_service_draft_that_does_not_load_ends_the_flow(harness: BotHarness) -> None:
    api = harness.api
    api.send_text(COACH, "/newservice")
    await api.next_message(COACH, "What is its title?")
    api.send_text(COACH, "Yoga")
    await api.next_message(COACH, "description of the service")
    await until(lambda: flow_state(harness, "new_service")["title"] == "Yoga")  # stored
    flow_state(harness, "new_service")["duration_minutes"] = "soon"  # garbled meanwhile
    api.send_text(COACH, "Stretching")
    await api.next_message(COACH, GONE)
    assert harness.app is not None and "flow:new_service" not in harness.app.user_data[COACH]
    api.send_text(COACH, "/services")  # no flow open: not "you are in the middle of …"
    await api.next_message(COACH, "You have no services yet")
    assert await services_of(harness) == []


async def test_an_edit_whose_state_vanished_changes_nothing(harness: BotHarness) -> None:
    api = harness.api
    await given_services(harness, "Yoga")
    api.send_text(COACH, "/services")
    await api.next_message(COACH, "Your services (1)")
    api.press_button(COACH, "1. Yoga")
    await api.next_message(COACH, "Duration: 1 h")
    api.press_button(COACH, "✏️ Title")
    await api.next_message(COACH, "Type the new title")
    assert flow_state(harness, "edit_service")["field"] == "title"
    assert harness.app is not None
    harness.app.user_data[COACH].pop("flow:edit_service")  # e.g. lost in a crash
    api.send_text(COACH, "Pilates")
    await api.next_message(COACH, GONE)
    api.send_text(COACH, "Pilates")  # the flow ended: not taken as a title now
    api.send_text(COACH, "/services")
    await api.next_message(COACH, "1. Yoga")
    assert await services_of(harness) == [("Yoga", False)]


async def test_an_availability_screen_whose_state_is_garbled_changes_nothing(
    harness: BotHarness,
) -> None:
    api = harness.api
    await coach_in_berlin(harness)
    api.send_text(COACH, "/availability")
    await api.next_message(COACH, "Your availability")
    api.press_button(COACH, "Mon")
    await api.next_message(COACH, "Working hours on Monday")
    await until(lambda: flow_state(harness, "availability") == {"field": "day", "weekday": 0})
    flow_state(harness, "availability")["weekday"] = "Monday"  # garbled meanwhile
    api.send_text(COACH, "9-12")
    await api.next_message(COACH, GONE)
    assert harness.app is not None and "flow:availability" not in harness.app.user_data[COACH]
    api.send_text(COACH, "9-12")  # the flow ended: not taken as hours now
    api.send_text(COACH, "/availability")
    menu = await api.next_message(COACH, "Your availability")
    assert "Mon: off" in menu.content
    _coach, availability = await get_availability(harness.app.deps.uow_factory(), COACH)
    assert availability.ranges_on(0) == ()
