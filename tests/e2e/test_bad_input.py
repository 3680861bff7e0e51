"""Bad input found by probing the bot as a hostile or clumsy person would: each gets a clear
answer, nothing is stored, and the flow stays usable."""

from __future__ import annotations

from domain.catalog.packages import list_packages
from tests.e2e.conftest import COACH, BotHarness
from tests.e2e.test_services import given_a_package, given_services, services_of


async def test_titles_that_show_as_nothing_are_refused_and_nul_never_reaches_the_database(
    harness: BotHarness,
) -> None:
    api = harness.api
    api.send_text(COACH, "/newservice")
    await api.next_message(COACH, "What is its title?")
    for invisible in ("\u200b\u200b", "\u202e", "\x00"):
        api.send_text(COACH, invisible)
        await api.next_message(COACH, "Sorry, the title cannot be empty")
    api.send_text(COACH, "Yo\x00ga\u200b")
    await api.next_message(COACH, "description of the service")
    api.send_text(COACH, "Calm\x00 and slow")
    await api.next_message(COACH, "How long is one session?")
    api.press_button(COACH, "1 h")
    await api.next_message(COACH, "Hide this service")
    api.press_button(COACH, "👁 No, show it")
    summary = await api.next_message(COACH, "please check")
    assert "\x00" not in summary.content and "Calm and slow" in summary.content
    api.press_button(COACH, "✅ Save")
    await api.next_message(COACH, "Saved.")
    assert await services_of(harness) == [("Yoga", False)]


async def start_new_service(harness: BotHarness, title: str = "Yoga") -> None:
    """/newservice answered up to the duration question."""
    api = harness.api
    api.send_text(COACH, "/newservice")
    await api.next_message(COACH, "What is its title?")
    api.send_text(COACH, title)
    await api.next_message(COACH, "description of the service")
    api.send_text(COACH, "/skip")
    await api.next_message(COACH, "How long is one session?")


async def test_a_button_with_empty_or_unknown_data_is_out_of_date_and_changes_nothing(
    harness: BotHarness,
) -> None:
    api = harness.api
    await start_new_service(harness)
    for data in ("", "zz:1", "svcf:nonsense"):
        query = api.press_callback(COACH, data)
        await api.wait_for_call(
            "answerCallbackQuery",
            lambda p, q=query: p["callback_query_id"] == q and "out of date" in p.get("text", ""),
        )
    api.send_text(COACH, "45")  # the service flow is still open, at the same step
    await api.next_message(COACH, "Hide this service")
    assert not any("New package" in m.content for m in api.outputs(COACH))


async def test_forged_button_values_are_validated_like_typed_ones(harness: BotHarness) -> None:
    api = harness.api
    await start_new_service(harness)
    api.press_callback(COACH, "svcf:dur:10")
    again = await api.next_message(COACH, "Sorry, a session lasts from 15 minutes to 8 hours")
    assert "1 h" in again.button_labels
    api.press_button(COACH, "1 h")
    await api.next_message(COACH, "Hide this service")
    api.press_callback(COACH, "svcf:hidden:7")
    api.press_button(COACH, "👁 No, show it")
    await api.next_message(COACH, "please check")
    api.press_button(COACH, "✅ Save")
    await api.next_message(COACH, "Saved.")
    assert await services_of(harness) == [("Yoga", False)]


async def packages_titled(harness: BotHarness) -> list[str]:
    assert harness.app is not None
    page = await list_packages(harness.app.deps.uow_factory(), COACH, 1, 100)
    return sorted(s.package.title for s in page.items)


async def given_a_package_screen(harness: BotHarness) -> None:
    """The coach has one package "Orig" and its screen open (from /packages)."""
    api = harness.api
    [service_id] = await given_services(harness, "Yoga")
    await given_a_package(harness, "Orig", service_id)
    api.send_text(COACH, "/packages")
    await api.next_message(COACH, "Your packages (1)")
    api.press_button(COACH, "1. Orig")
    await api.next_message(COACH, "Orig")


async def test_a_double_tap_on_clone_makes_one_copy(harness: BotHarness) -> None:
    api = harness.api
    await given_a_package_screen(harness)
    api.press_button(COACH, "📄 Clone")
    second = api.press_button(COACH, "📄 Clone")
    await api.next_message(COACH, "Created Orig (copy)")
    await api.wait_for_call(
        "answerCallbackQuery",
        lambda p: p["callback_query_id"] == second and "Already done" in p.get("text", ""),
    )
    assert await packages_titled(harness) == ["Orig", "Orig (copy)"]
    api.press_button(COACH, "✖ Cancel")
    await api.next_message(COACH, "Cancelled")


async def test_a_double_tap_on_delete_deletes_once_and_says_so(harness: BotHarness) -> None:
    api = harness.api
    await given_a_package_screen(harness)
    api.press_button(COACH, "🗑 Delete")
    await api.next_message(COACH, "Delete Orig?")
    api.press_button(COACH, "Yes, delete it")
    second = api.press_button(COACH, "Yes, delete it")
    await api.next_message(COACH, "Deleted Orig")
    await api.wait_for_call(
        "answerCallbackQuery",
        lambda p: p["callback_query_id"] == second and "Already done" in p.get("text", ""),
    )
    assert await packages_titled(harness) == []
    assert not any("couldn't find" in m.content for m in api.outputs(COACH))


async def test_a_double_tap_on_deleting_a_service_deletes_once(harness: BotHarness) -> None:
    api = harness.api
    await given_services(harness, "Yoga")
    api.send_text(COACH, "/services")
    await api.next_message(COACH, "Your services")
    api.press_button(COACH, "1. Yoga")
    await api.next_message(COACH, "Yoga")
    api.press_button(COACH, "🗑 Delete")
    await api.next_message(COACH, "Delete Yoga?")
    api.press_button(COACH, "🗑 Delete")
    second = api.press_button(COACH, "🗑 Delete")
    await api.next_message(COACH, "Deleted Yoga")
    await api.wait_for_call(
        "answerCallbackQuery",
        lambda p: p["callback_query_id"] == second and "Already done" in p.get("text", ""),
    )
    assert not any("couldn't find" in m.content for m in api.outputs(COACH))
