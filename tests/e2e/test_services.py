"""1:1 services journeys: /newservice step by step with bad input, /services paging, edit,
hide/unhide, delete of a service packages use, ownership, /cancel and restarts."""

from __future__ import annotations

from domain.catalog.drafts import PackageDraft, draft_add_item, draft_set_price, draft_set_title
from domain.catalog.model import ItemKind, Package
from domain.catalog.packages import create_package, get_package
from domain.catalog.services import SERVICES, ServiceDraft, create_service
from tests.e2e.conftest import CLIENT, COACH, OTHER_COACH, BotHarness


async def services_of(harness: BotHarness, coach: int = COACH) -> list[tuple[str, bool]]:
    """(title, hidden) of every service the coach has, read straight from the database."""
    assert harness.app is not None
    page = await SERVICES.page(harness.app.deps.uow_factory(), coach, 1, 100)
    return [(s.title, s.hidden) for s in page.items]


async def given_services(harness: BotHarness, *titles: str) -> list[int]:
    """The coach said /start and already has these 60-minute services."""
    harness.api.send_text(COACH, "/start")
    await harness.api.next_message(COACH, "Coach home")
    assert harness.app is not None
    ids = []
    for title in titles:
        service = await create_service(
            harness.app.deps.uow_factory(), COACH, ServiceDraft(title, "", 60)
        )
        assert service.id is not None
        ids.append(service.id)
    return ids


async def given_a_package(harness: BotHarness, title: str, *service_ids: int) -> Package:
    """A free package holding 5 sessions of each service (/newpackage is someone else's)."""
    assert harness.app is not None
    draft = PackageDraft()
    draft_set_title(draft, title)
    for service_id in service_ids:
        draft_add_item(draft, ItemKind.SERVICE, service_id, "5")
    draft_set_price(draft, "0", "XTR")
    uow = harness.app.deps.uow_factory()
    return await create_package(uow, COACH, draft, harness.clock.now)


async def test_coach_creates_a_service_then_edits_hides_and_unhides_it(
    harness: BotHarness,
) -> None:
    api = harness.api
    api.send_text(COACH, "/newservice")
    await api.next_message(COACH, "New service. What is its title?")
    api.send_text(COACH, "Career coaching")
    await api.next_message(COACH, "description of the service")
    api.send_text(COACH, "Honest <b>feedback</b> & a plan")
    ask = await api.next_message(COACH, "How long is one session?")
    assert ask.button_labels == ["30 min", "45 min", "1 h", "1 h 30 min"]
    api.send_text(COACH, "0")
    await api.next_message(COACH, "Sorry, a session lasts from 15 minutes to 8 hours")
    api.send_text(COACH, "abc")
    await api.next_message(COACH, "Sorry, type minutes like 60 or 90 min, or hours like 1h30")
    assert await services_of(harness) == []  # nothing is stored before Save
    api.send_text(COACH, "1h15")
    await api.next_message(COACH, "Hide this service from clients for now?")
    api.send_text(COACH, "no")
    await api.next_message(COACH, "Please answer the question above (or use its buttons)")
    api.press_button(COACH, "👁 No, show it")
    summary = await api.next_message(COACH, "New service — please check")
    assert "Honest <b>feedback</b> & a plan" in summary.content  # shown as typed, not as HTML
    assert "Duration: 1 h 15 min" in summary.content
    api.press_button(COACH, "✅ Save")
    await api.next_message(COACH, "Saved.")
    assert await services_of(harness) == [("Career coaching", False)]

    api.send_text(COACH, "/services")
    listing = await api.next_message(COACH, "Your services (1)")
    assert "1. Career coaching — 1 h 15 min" in listing.content
    api.press_button(COACH, "1. Career coaching")
    view = await api.next_message(COACH, "Duration: 1 h 15 min")
    assert view.edited and view.message_id == listing.message_id  # the list became the view

    api.press_button(COACH, "✏️ Title")
    await api.next_message(COACH, "Type the new title")
    api.send_text(COACH, "x" * 101)
    await api.next_message(COACH, "Sorry, at most 100 characters (this is 101)")
    api.send_text(COACH, "Career deep dive")
    saved = await api.next_message(COACH, "Saved.")
    assert saved.content.startswith("Career deep dive")

    api.press_button(COACH, "🙈 Hide")
    await api.next_message(COACH, "Shown: hidden from clients")
    assert await services_of(harness) == [("Career deep dive", True)]
    api.send_text(COACH, "/services")
    await api.next_message(COACH, "1. Career deep dive — 1 h 15 min · hidden")
    api.press_button(COACH, "1. Career deep dive")
    await api.next_message(COACH, "Shown: hidden from clients")
    api.press_button(COACH, "👁 Unhide")
    await api.next_message(COACH, "Visible to clients again.")
    assert await services_of(harness) == [("Career deep dive", False)]

    api.send_text(COACH, "/start")
    await api.next_message(COACH, "Coach home")
    api.press_button(COACH, "Services (1)")
    await api.next_message(COACH, "1. Career deep dive — 1 h 15 min")


async def test_an_empty_list_explains_newservice_and_a_long_one_pages_in_place(
    harness: BotHarness,
) -> None:
    api = harness.api
    api.send_text(COACH, "/services")
    empty = await api.next_message(COACH, "You have no services yet")
    assert "/newservice" in empty.content and empty.button_labels == ["➕ New service"]
    api.press_button(COACH, "➕ New service")
    await api.next_message(COACH, "New service. What is its title?")
    api.send_text(COACH, "/cancel")
    await api.next_message(COACH, "Cancelled. Nothing was changed.")

    await given_services(harness, *(f"Service {n}" for n in range(1, 8)))
    api.send_text(COACH, "/services")
    first = await api.next_message(COACH, "Your services (7) · page 1 of 2")
    assert "5. Service 5" in first.content and "Service 6" not in first.content
    assert first.button_labels[-2:] == ["▶", "➕ New service"]
    api.press_button(COACH, "▶")
    second = await api.next_message(COACH, "page 2 of 2")
    assert second.message_id == first.message_id and second.method == "editMessageText"
    assert "6. Service 6" in second.content and "7. Service 7" in second.content
    api.press_button(COACH, "◀")
    await api.next_message(COACH, "page 1 of 2")
    assert "◀" not in api.last_message(COACH).button_labels


async def test_deleting_a_service_a_package_uses_offers_hide_then_removes_it_from_the_package(
    harness: BotHarness,
) -> None:
    api = harness.api
    yoga, pilates = await given_services(harness, "Yoga", "Pilates")
    package = await given_a_package(harness, "Mixed five", yoga, pilates)
    assert package.id is not None

    api.send_text(COACH, "/services")
    await api.next_message(COACH, "Your services (2)")
    api.press_button(COACH, "1. Yoga")
    await api.next_message(COACH, "Duration: 1 h")
    api.press_button(COACH, "🗑 Delete")
    question = await api.next_message(COACH, "Delete Yoga?")
    assert "It is in 1 package and 0 sold packages" in question.content
    assert "will be hidden" not in question.content  # the package still holds Pilates
    assert question.button_labels == ["🗑 Delete", "🙈 Hide instead", "Keep"]
    api.press_button(COACH, "🙈 Hide instead")
    await api.next_message(COACH, "Hidden: clients don't see it")
    assert await services_of(harness) == [("Yoga", True), ("Pilates", False)]

    api.press_button(COACH, "🗑 Delete")
    question = await api.next_message(COACH, "Delete Yoga?")
    assert question.button_labels == ["🗑 Delete", "Keep"]  # it is hidden already
    api.press_button(COACH, "Keep")
    await api.next_message(COACH, "Duration: 1 h")
    assert len(await services_of(harness)) == 2

    api.press_button(COACH, "🗑 Delete")
    await api.next_message(COACH, "Delete Yoga?")
    api.press_button(COACH, "🗑 Delete")
    done = await api.next_message(COACH, "Deleted Yoga.")
    assert "hidden" not in done.content
    assert await services_of(harness) == [("Pilates", False)]
    assert harness.app is not None
    kept = await get_package(harness.app.deps.uow_factory(), COACH, package.id)
    assert [(i.title, i.quantity) for i in kept.items] == [("Pilates", 5)] and not kept.hidden
    api.press_button(COACH, "◀ All services")
    await api.next_message(COACH, "Your services (1)")


async def test_clients_are_refused_and_another_coach_cannot_reach_a_service_by_forged_buttons(
    harness: BotHarness,
) -> None:
    api = harness.api
    (yoga,) = await given_services(harness, "Yoga")
    for command in ("/newservice", "/services"):
        api.send_text(CLIENT, command)
        await api.next_message(CLIENT, "That command is for coaches")

    api.send_text(OTHER_COACH, "/services")
    await api.next_message(OTHER_COACH, "You have no services yet")
    answers = []
    for data in (
        f"svc:view:{yoga}",
        f"svc:del:{yoga}",
        f"svc:delok:{yoga}",
        f"svc:hide:{yoga}",
        f"svc:edit:{yoga}:title",
        "svc:view:424242",
        "svc:view:abc",
        "svc:view:99999999999999999999",
        f"svc:explode:{yoga}",
    ):
        api.press_callback(OTHER_COACH, data)
        answers.append((await api.next_message(OTHER_COACH, "I couldn't find that")).content)
    assert len(set(answers)) == 1
    api.send_text(OTHER_COACH, "Mine now")  # no edit flow was opened by the forged button
    api.send_text(OTHER_COACH, "/services")
    await api.next_message(OTHER_COACH, "You have no services yet")
    assert await services_of(harness) == [("Yoga", False)]


async def test_cancel_in_the_middle_of_newservice_changes_nothing(harness: BotHarness) -> None:
    api = harness.api
    api.send_text(COACH, "/newservice")
    await api.next_message(COACH, "What is its title?")
    api.send_text(COACH, "Yoga")
    await api.next_message(COACH, "description of the service")
    api.send_text(COACH, "/skip")
    await api.next_message(COACH, "How long is one session?")
    api.send_text(COACH, "/cancel")
    await api.next_message(COACH, "Cancelled. Nothing was changed.")
    query = api.press_button(COACH, "45 min")  # a button of the cancelled flow
    answer = await api.wait_for_call(
        "answerCallbackQuery", lambda p: p["callback_query_id"] == query
    )
    assert "belongs to a step that is over" in answer.params["text"]
    api.send_text(COACH, "60")  # no flow open: not taken as a duration
    api.send_text(COACH, "/services")
    await api.next_message(COACH, "You have no services yet")
    assert await services_of(harness) == []


async def test_newservice_survives_a_bot_restart(harness: BotHarness) -> None:
    api = harness.api
    api.send_text(COACH, "/newservice")
    await api.next_message(COACH, "What is its title?")
    api.send_text(COACH, "Yoga")
    await api.next_message(COACH, "description of the service")
    api.send_text(COACH, "/skip")
    await api.next_message(COACH, "How long is one session?")
    await harness.restart()
    api.press_button(COACH, "45 min")
    await api.next_message(COACH, "Hide this service")
    await harness.restart()
    api.press_button(COACH, "🙈 Yes, hide it")
    summary = await api.next_message(COACH, "New service — please check")
    assert "Yoga" in summary.content and "Duration: 45 min" in summary.content
    assert "Shown: hidden from clients" in summary.content
    api.press_button(COACH, "✅ Save")
    await api.next_message(COACH, "Saved.")
    assert await services_of(harness) == [("Yoga", True)]
