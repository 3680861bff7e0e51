"""Packages journeys: /newpackage step by step, /packages, edit, clone, hide, link, plans,
ownership, bad input, /cancel and restarts."""

from __future__ import annotations

from domain.catalog.series import SeriesDraft, create_series
from domain.catalog.services import ServiceDraft, create_service
from tests.e2e.conftest import ADMIN, CLIENT, COACH, OTHER_COACH, BotHarness
from tests.support.fake_bot_api import FakeBotApi


async def given_a_catalog(harness: BotHarness, coach: int = COACH) -> None:
    """The coach said /start (so they exist) and has a 1:1 service and a group series."""
    harness.api.send_text(coach, "/start")
    await harness.api.next_message(coach, "Coach home")
    assert harness.app is not None
    uow_factory = harness.app.deps.uow_factory
    await create_service(uow_factory(), coach, ServiceDraft("Yoga", "One to one", 60))
    await create_series(uow_factory(), coach, SeriesDraft("Bootcamp", "", 12, 45))


async def start_package(api: FakeBotApi, title: str, sessions: str = "3") -> None:
    """Title → no description → `sessions` × Yoga → Done: the flow now asks the currency."""
    api.send_text(COACH, "/newpackage")
    await api.next_message(COACH, "What is it called?")
    api.send_text(COACH, title)
    await api.next_message(COACH, "Describe it")
    api.press_button(COACH, "No description")
    await api.next_message(COACH, "Which service or series")
    api.press_button(COACH, "Yoga · 1:1")
    await api.next_message(COACH, "How many sessions of Yoga")
    api.send_text(COACH, sessions)
    await api.next_message(COACH, f"{sessions} × Yoga (1:1)")
    api.press_button(COACH, "✅ Done")
    await api.next_message(COACH, "Which currency")


async def test_coach_creates_edits_clones_hides_and_links_a_package(harness: BotHarness) -> None:
    api = harness.api
    await given_a_catalog(harness)

    api.send_text(COACH, "/newpackage")
    await api.next_message(COACH, "What is it called?")
    api.send_text(COACH, "Strong start")
    await api.next_message(COACH, "Describe it")
    api.send_text(COACH, "Yoga & a bootcamp <for beginners>")
    await api.next_message(COACH, "Which service or series")
    api.press_button(COACH, "Yoga · 1:1")
    await api.next_message(COACH, "How many sessions of Yoga")
    api.send_text(COACH, "0")
    await api.next_message(COACH, "Sorry, type a whole number from 1 to 100")
    api.send_text(COACH, "101")
    await api.next_message(COACH, "Sorry, type a whole number from 1 to 100")
    api.send_text(COACH, "5")
    await api.next_message(COACH, "5 × Yoga (1:1)")
    api.press_button(COACH, "➕ Add another")
    await api.next_message(COACH, "Which service or series")
    api.press_button(COACH, "Bootcamp · group")
    await api.next_message(COACH, "How many sessions of Bootcamp")
    api.send_text(COACH, "8")
    await api.next_message(COACH, "8 × Bootcamp (group)")
    api.press_button(COACH, "✅ Done")
    await api.next_message(COACH, "Which currency")
    api.send_text(COACH, "EUR")
    await api.next_message(COACH, "use its buttons")
    api.press_button(COACH, "EUR")
    await api.next_message(COACH, "Type the price in EUR")
    api.send_text(COACH, "49.999")
    await api.next_message(COACH, "Sorry, EUR has at most 2 decimals")
    api.send_text(COACH, "49.90")
    await api.next_message(COACH, "Show it on your booking page?")
    api.press_button(COACH, "Show it on my booking page")
    await api.next_message(COACH, "needs the growth plan")
    summary = await api.next_message(COACH, "Check the package")
    for part in ("Yoga & a bootcamp <for beginners>", "5 × Yoga (1:1)", "8 × Bootcamp (group)"):
        assert part in summary.content
    assert "Price: 49.90 EUR" in summary.content and "Validity: no expiry" in summary.content
    api.press_button(COACH, "💾 Save")
    await api.next_message(COACH, "Created Strong start.")

    api.send_text(COACH, "/packages")
    listed = await api.next_message(COACH, "Your packages (1)")
    assert "Strong start — 49.90 EUR" in listed.content and "sold 0" in listed.content

    api.press_button(COACH, "1. Strong start")
    await api.next_message(COACH, "Price: 49.90 EUR")
    api.press_button(COACH, "✏️ Edit")
    await api.next_message(COACH, "Editing Strong start")
    api.press_button(COACH, "Price")
    await api.next_message(COACH, "Which currency")
    api.press_button(COACH, "EUR")
    await api.next_message(COACH, "Type the price in EUR")
    api.send_text(COACH, "59")
    await api.next_message(COACH, "Price: 59.00 EUR")
    api.press_button(COACH, "💾 Save changes")
    await api.next_message(COACH, "Saved Strong start.")

    api.press_button(COACH, "Open it")
    await api.next_message(COACH, "Price: 59.00 EUR")
    api.press_button(COACH, "📄 Clone")
    copy = await api.next_message(COACH, "Created Strong start (copy), an independent copy")
    assert "5 × Yoga (1:1)" in copy.content and "Price: 59.00 EUR" in copy.content
    api.press_button(COACH, "Price")
    await api.next_message(COACH, "Which currency")
    api.press_button(COACH, "GBP")
    await api.next_message(COACH, "Type the price in GBP")
    api.send_text(COACH, "10")
    await api.next_message(COACH, "Price: 10.00 GBP")
    api.press_button(COACH, "💾 Save changes")
    await api.next_message(COACH, "Saved Strong start (copy).")
    api.press_button(COACH, "Open it")
    await api.next_message(COACH, "Hidden: no")
    api.press_button(COACH, "🙈 Hide")
    hidden = await api.next_message(COACH, "its direct link still works")
    assert "Hidden: yes" in hidden.content

    api.send_text(COACH, "/packages")
    both = await api.next_message(COACH, "Your packages (2)")
    assert "Strong start — 59.00 EUR\n" in both.content
    assert "Strong start (copy) — 10.00 GBP · hidden" in both.content

    api.press_button(COACH, "1. Strong start")
    await api.next_message(COACH, "Price: 59.00 EUR")
    api.press_button(COACH, "✏️ Edit")
    await api.next_message(COACH, "Editing Strong start")
    api.press_button(COACH, "Title")
    await api.next_message(COACH, "Type the new title")
    api.send_text(COACH, "Strong start: autumn")
    await api.next_message(COACH, "Check your changes")
    api.press_button(COACH, "💾 Save changes")
    await api.next_message(COACH, "Saved Strong start: autumn.")
    api.send_text(COACH, "/packages")
    after = await api.next_message(COACH, "Your packages (2)")
    assert "Strong start: autumn — 59.00 EUR" in after.content
    assert "Strong start (copy) — 10.00 GBP · hidden" in after.content

    api.press_button(COACH, "2. Strong start (copy)")
    await api.next_message(COACH, "Price: 10.00 GBP")
    api.press_button(COACH, "🔗 Link")
    link = await api.next_message(COACH, "Direct link to Strong start (copy)")
    assert "https://t.me/packages_test_bot?start=p_" in link.content
    assert "hidden from your booking page" in link.content


async def test_validity_needs_the_growth_plan(harness: BotHarness) -> None:
    api = harness.api
    await given_a_catalog(harness)
    await start_package(api, "Ten classes")
    api.press_button(COACH, "JPY")
    api.send_text(COACH, "1500")
    await api.next_message(COACH, "Show it on your booking page?")
    api.press_button(COACH, "Show it on my booking page")
    await api.next_message(COACH, "needs the growth plan or higher")
    await api.next_message(COACH, "Validity: no expiry")
    api.press_button(COACH, "✏️ Edit a field")
    await api.next_message(COACH, "Which field do you want to change?")
    api.press_button(COACH, "Validity")
    await api.wait_for_call("answerCallbackQuery", lambda p: "growth plan" in p.get("text", ""))
    api.press_button(COACH, "◀ Back to summary")
    await api.next_message(COACH, "Check the package")
    api.press_button(COACH, "💾 Save")
    await api.next_message(COACH, "Created Ten classes.")

    api.send_text(ADMIN, f"/setplan {COACH} growth")
    await api.next_message(ADMIN, "is now on the growth plan")

    await start_package(api, "Monthly pass")
    api.press_button(COACH, "⭐ Telegram Stars")
    await api.next_message(COACH, "whole numbers only")
    api.send_text(COACH, "150.5")
    await api.next_message(COACH, "XTR has no fractions")
    api.send_text(COACH, "150")
    await api.next_message(COACH, "Show it on your booking page?")
    api.press_button(COACH, "Hide it (direct link only)")
    await api.next_message(COACH, "How many days can a client use it")
    api.send_text(COACH, "0")
    await api.next_message(COACH, "Sorry, type a whole number from 1 to 3650")
    api.send_text(COACH, "4000")
    await api.next_message(COACH, "Sorry, type a whole number from 1 to 3650")
    api.send_text(COACH, "30")
    summary = await api.next_message(COACH, "Check the package")
    assert "Validity: valid 30 days after purchase" in summary.content
    assert "Price: 150 ⭐" in summary.content
    api.press_button(COACH, "💾 Save")
    await api.next_message(COACH, "Created Monthly pass.")

    api.send_text(COACH, "/packages")
    listed = await api.next_message(COACH, "Your packages (2)")
    assert "Ten classes — 1500 JPY\n3 × Yoga (1:1)\nno expiry" in listed.content
    assert "Monthly pass — 150 ⭐ · hidden\n3 × Yoga (1:1)\nvalid 30 days" in listed.content


async def test_a_coach_cannot_see_or_change_another_coachs_package(
    harness: BotHarness,
) -> None:
    api = harness.api
    await given_a_catalog(harness)
    await start_package(api, "Anna's best")
    api.press_button(COACH, "USD")
    api.send_text(COACH, "20")
    await api.next_message(COACH, "Show it on your booking page?")
    api.press_button(COACH, "Show it on my booking page")
    await api.next_message(COACH, "Check the package")
    api.press_button(COACH, "💾 Save")
    saved = await api.next_message(COACH, "Created Anna's best.")
    package_id = saved.button("Open it")["callback_data"].rsplit(":", 1)[1]  # type: ignore[index]

    api.send_text(OTHER_COACH, "/packages")
    await api.next_message(OTHER_COACH, "You have no packages yet")
    for forged in ("view", "edit", "clone", "hide", "show", "del", "link"):
        api.press_callback(OTHER_COACH, f"pkg:{forged}:{package_id}")
        await api.next_message(OTHER_COACH, "I couldn't find that")
    api.press_callback(OTHER_COACH, f"pkg:del:{package_id}:yes")
    await api.next_message(OTHER_COACH, "I couldn't find that")
    api.press_callback(OTHER_COACH, "pkg:view:999999")
    missing = await api.next_message(OTHER_COACH, "I couldn't find that")
    assert "Anna" not in missing.content
    api.send_text(OTHER_COACH, "/packages")
    await api.next_message(OTHER_COACH, "You have no packages yet")

    api.send_text(COACH, "/packages")
    listed = await api.next_message(COACH, "Your packages (1)")
    assert "Anna's best — 20.00 USD\n" in listed.content


async def test_newpackage_with_an_empty_catalog_explains_how_to_start(harness: BotHarness) -> None:
    api = harness.api
    api.send_text(COACH, "/newpackage")
    explained = await api.next_message(COACH, "you have none yet")
    assert "/newservice" in explained.content and "/newseries" in explained.content
    api.send_text(COACH, "/packages")
    await api.next_message(COACH, "You have no packages yet")
    api.press_button(COACH, "➕ New package")
    await api.next_message(COACH, "/newservice for 1:1 sessions")


async def test_clients_are_refused_package_commands(harness: BotHarness) -> None:
    api = harness.api
    api.send_text(CLIENT, "/newpackage")
    await api.next_message(CLIENT, "That command is for coaches")
    api.send_text(CLIENT, "/packages")
    await api.next_message(CLIENT, "That command is for coaches")
    api.send_text(CLIENT, "My package")  # no flow was opened: nothing takes this as a title
    api.send_text(CLIENT, "/cancel")
    await api.next_message(CLIENT, "There is nothing to cancel")


async def test_cancel_mid_flow_saves_nothing(harness: BotHarness) -> None:
    api = harness.api
    await given_a_catalog(harness)
    await start_package(api, "Never saved")
    api.press_button(COACH, "EUR")
    api.send_text(COACH, "/cancel")
    await api.next_message(COACH, "Cancelled. Nothing was changed.")
    api.send_text(COACH, "12")  # the amount question is gone with the flow
    api.send_text(COACH, "/packages")
    await api.next_message(COACH, "You have no packages yet")
    api.send_text(COACH, "/cancel")
    await api.next_message(COACH, "There is nothing to cancel")


async def test_the_package_flow_survives_a_restart(harness: BotHarness) -> None:
    api = harness.api
    await given_a_catalog(harness)
    api.send_text(COACH, "/newpackage")
    api.send_text(COACH, "Restart-proof")
    api.send_text(COACH, "/skip")
    await api.next_message(COACH, "Which service or series")
    api.press_button(COACH, "Bootcamp · group")
    await api.next_message(COACH, "How many sessions of Bootcamp")

    await harness.restart()

    api.send_text(COACH, "4")
    await api.next_message(COACH, "4 × Bootcamp (group)")
    api.press_button(COACH, "✅ Done")
    await api.next_message(COACH, "Which currency")
    api.press_button(COACH, "⭐ Telegram Stars")
    api.send_text(COACH, "0")
    await api.next_message(COACH, "Show it on your booking page?")
    api.press_button(COACH, "Show it on my booking page")
    summary = await api.next_message(COACH, "Check the package")
    assert "Restart-proof" in summary.content and "Price: free" in summary.content

    api.press_button(COACH, "✏️ Edit a field")
    await api.next_message(COACH, "Which field do you want to change?")
    api.press_button(COACH, "Sessions")
    await api.next_message(COACH, "Sessions in this package")
    api.press_button(COACH, "➖ Remove an item")
    await api.next_message(COACH, "Which item should I take out?")
    api.press_button(COACH, "✖ 4 × Bootcamp")
    await api.next_message(COACH, "(none yet)")
    api.press_button(COACH, "✅ Done")
    await api.wait_for_call("answerCallbackQuery", lambda p: "at least one" in p.get("text", ""))
    api.press_button(COACH, "➕ Add another")
    await api.next_message(COACH, "Which service or series")
    api.press_button(COACH, "Yoga · 1:1")
    api.send_text(COACH, "2")
    await api.next_message(COACH, "2 × Yoga (1:1)")
    api.press_button(COACH, "✅ Done")
    changed = await api.next_message(COACH, "Check the package")  # back to it, no more steps
    assert "2 × Yoga (1:1)" in changed.content and "Bootcamp" not in changed.content
    api.press_button(COACH, "💾 Save")
    await api.next_message(COACH, "Created Restart-proof.")
