"""Bad input found by probing the bot as a hostile or clumsy person would: each gets a clear
answer, nothing is stored, and the flow stays usable."""

from __future__ import annotations

from tests.e2e.conftest import COACH, BotHarness
from tests.e2e.test_services import services_of


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
