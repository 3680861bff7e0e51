"""The typed states of the service and series flows: stored as the plain JSON the flows
always kept (so a flow open across a deploy goes on), and None for what does not load."""

from __future__ import annotations

from bot.catalog.entry_state import EditTarget, EntryDraft
from domain.catalog.series import SeriesDraft
from domain.catalog.services import ServiceDraft


def test_a_series_draft_round_trips_through_its_plain_json() -> None:
    draft = EntryDraft("Run club", "Tuesdays", 45, True, {"capacity": 12})
    stored = draft.to_dict()
    assert stored == {
        "title": "Run club",
        "description": "Tuesdays",
        "duration_minutes": 45,
        "hidden": True,
        "capacity": 12,
    }
    assert EntryDraft.loader(("capacity",))(stored) == draft
    assert SeriesDraft.from_dict(stored) == SeriesDraft("Run club", "Tuesdays", 12, 45, True)


def test_a_draft_stored_by_the_plain_dict_flow_still_loads() -> None:
    before = ServiceDraft("Yoga", "", 60).to_dict()  # what /newservice stored until now
    before.pop("hidden")  # and drafts older still had no "hidden"
    assert EntryDraft.loader(())(before) == EntryDraft("Yoga", "", 60, False, {})
    blank = EntryDraft.blank(("capacity",))
    assert EntryDraft.loader(("capacity",))(blank.to_dict()) == blank


def test_a_state_that_does_not_load_is_none() -> None:
    load = EntryDraft.loader(("capacity",))
    assert load(ServiceDraft("Yoga", "", 60).to_dict()) is None  # no capacity: not a series
    assert load({"title": "Yoga"}) is None
    assert load({**EntryDraft.blank(("capacity",)).to_dict(), "capacity": "many"}) is None


def test_an_edit_target_is_stored_under_its_kind_key() -> None:
    target = EditTarget("series_id", 7, "title")
    assert target.to_dict() == {"series_id": 7, "field": "title"}
    assert EditTarget.loader("series_id")({"series_id": "7", "field": "title"}) == target
    assert EditTarget.loader("service_id")(target.to_dict()) is None
    assert EditTarget.loader("series_id")({"series_id": None, "field": "title"}) is None
