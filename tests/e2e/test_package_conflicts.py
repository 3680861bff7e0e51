"""Two edits of one package: the coach who saves second is told, and nothing is overwritten."""

from __future__ import annotations

from domain.catalog.drafts import PackageDraft
from domain.catalog.model import ItemKind, PackageItem
from domain.catalog.packages import create_package, get_package, update_package
from domain.catalog.services import SERVICES
from tests.e2e.conftest import COACH, BotHarness
from tests.e2e.test_packages import given_a_catalog


async def test_a_coach_saving_an_edit_begun_before_another_save_is_told(
    harness: BotHarness,
) -> None:
    api = harness.api
    await given_a_catalog(harness)
    assert harness.app is not None
    uow = harness.app.deps.uow_factory
    (service,) = (await SERVICES.page(uow(), COACH, 1, 10)).items
    assert service.id is not None
    draft = PackageDraft(
        title="Starter",
        items=[PackageItem(ItemKind.SERVICE, service.id, 3)],
        price_minor=0,
        currency="EUR",
    )
    package = await create_package(uow(), COACH, draft, harness.clock.now)
    assert package.id is not None
    api.send_text(COACH, "/packages")
    await api.next_message(COACH, "Your packages (1)")
    api.press_button(COACH, "1. Starter")
    await api.next_message(COACH, "Price: free")
    api.press_button(COACH, "✏️ Edit")
    await api.next_message(COACH, "Editing Starter")
    api.press_button(COACH, "Title")
    await api.next_message(COACH, "Type the new title")
    api.send_text(COACH, "Starter: mine")
    await api.next_message(COACH, "Check your changes")
    elsewhere = PackageDraft.of(package)  # the coach's other chat saves first
    elsewhere.title = "Starter: theirs"
    await update_package(uow(), COACH, package.id, elsewhere)
    api.press_button(COACH, "💾 Save changes")
    await api.next_message(COACH, "changed in another chat while you were editing it")
    assert (await get_package(uow(), COACH, package.id)).title == "Starter: theirs"
