"""The client's calendar in the Mini App, over HTTP against the bot's own Application: the
package view has a 🗓 Calendar button (only with WEB_BASE_URL); the month shows days with
free times in the client's zone; booking goes through the chat's use case and the chat gets
the same confirmation and .ics; every endpoint refuses a user it does not belong to."""

from __future__ import annotations

import asyncio

from domain.catalog.model import ItemKind
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.e2e.holder_steps import gets_package, is_calendar, package_of, working_shop
from tests.e2e.mini_app_steps import BASE, as_user, client_with_calendar, web_client

STRANGER = 3003
OTHER_BOT = "999999:AAE-another-bot"


async def test_without_a_web_base_url_the_package_view_has_no_calendar_button(
    harness: BotHarness,
) -> None:
    shop = await working_shop(harness)
    package = await package_of(shop, ItemKind.SERVICE, shop.yoga_id, 3, "Three yoga")
    view = await gets_package(shop, CLIENT, "Cleo", package, "Europe/Berlin")
    assert "🗓 Calendar" not in view.button_labels


async def test_a_client_books_from_the_calendar_and_the_chat_confirms_it(
    harness: BotHarness,
) -> None:
    api = harness.api
    _, sold, url = await client_with_calendar(harness, zone="Europe/Berlin")
    assert url == f"{BASE}/app/package/{sold}"
    async with web_client(harness) as web:
        page = await web.get(f"/app/package/{sold}")  # the shell: no personal data
        assert page.status_code == 200 and "Three yoga" not in page.text
        screen = (await web.get(f"/api/packages/{sold}", headers=as_user(harness, CLIENT))).json()
        assert screen["title"] == "Three yoga" and screen["zone"] == "Europe/Berlin"
        [item] = screen["items"]
        assert (item["title"], item["left"], item["bookable"]) == ("Yoga", 3, True)
        month = await web.get(
            f"/api/packages/{sold}/items/{item['id']}/month",
            params={"month": "2026-11", "kind": "service"},
            headers=as_user(harness, CLIENT),
        )
        days = month.json()["days"]
        # now is Wed 25 Nov 12:00 UTC; the coach works 09:00-17:00 UTC (10:00-18:00 Berlin)
        assert days[0]["date"] == "2026-11-26" and month.json()["zone"] == "Europe/Berlin"
        day = await web.get(
            f"/api/packages/{sold}/items/{item['id']}/day",
            params={"date": "2026-11-27", "kind": "service"},  # outside the 24 h window
            headers=as_user(harness, CLIENT),
        )
        first = day.json()["times"][0]
        assert first["label"] == "10:00" and first["at"].endswith("+01:00")
        booked = await web.post(
            f"/api/packages/{sold}/items/{item['id']}/book",
            json={"at": first["at"]},
            headers=as_user(harness, CLIENT),
        )
        assert booked.status_code == 200, booked.text
        assert booked.json()["when"] == "Fri 27 Nov 10:00"
        confirmation = await api.next_message(CLIENT, "Booked: Yoga, Fri 27 Nov 10:00")
        assert "(Europe/Berlin)" in confirmation.content
        await asyncio.sleep(0.3)
        assert any(is_calendar(m) for m in api.outputs(CLIENT))
        await api.next_message(COACH, "Yoga")

        again = await web.post(
            f"/api/packages/{sold}/items/{item['id']}/book",
            json={"at": first["at"]},
            headers=as_user(harness, CLIENT),
        )
        assert again.status_code == 409
        assert again.json() == {
            "refusal": "Sorry, that time is no longer free. Please pick another one."
        }
        after = (await web.get(f"/api/packages/{sold}", headers=as_user(harness, CLIENT))).json()
        assert after["items"][0]["left"] == 2
        [session] = after["upcoming"]
        assert session["when"] == "Fri 27 Nov 10:00" and session["changeable"] is True
        cancelled = await web.post(
            f"/api/packages/{sold}/sessions/{session['id']}/cancel",
            json={},
            headers=as_user(harness, CLIENT),
        )
        assert cancelled.json() == {"cancelled": session["id"], "returned": True}
        await api.next_message(CLIENT, "Cancelled: Yoga, Fri 27 Nov 10:00")
        feed = await web.get(after["feed"].removeprefix(BASE))
        assert feed.status_code == 200 and b"STATUS:CANCELLED" in feed.content


async def test_every_calendar_endpoint_refuses_who_it_does_not_belong_to(
    harness: BotHarness,
) -> None:
    api = harness.api
    _, sold, _ = await client_with_calendar(harness)
    item = (await _screen(harness, sold))["items"][0]["id"]
    api.user(STRANGER, first_name="Sam")
    calls = [
        ("GET", f"/api/packages/{sold}", None),
        ("GET", f"/api/packages/{sold}/items/{item}/month?month=2026-11", None),
        ("GET", f"/api/packages/{sold}/items/{item}/day?date=2026-11-26", None),
        ("POST", f"/api/packages/{sold}/items/{item}/book", {"at": "2026-11-26T09:00:00+00:00"}),
        ("POST", f"/api/packages/{sold}/sessions/1/cancel", {}),
        ("POST", f"/api/packages/{sold}/sessions/1/move", {"at": "2026-11-27T09:00:00+00:00"}),
        ("GET", f"/api/packages/{sold}/items/{item}/day?date=2026-11-27&move=1", None),
    ]
    async with web_client(harness) as web:
        for method, path, body in calls:
            nobody = await web.request(method, path, json=body)
            forged = await web.request(
                method, path, json=body, headers=as_user(harness, CLIENT, OTHER_BOT)
            )
            stranger = await web.request(
                method, path, json=body, headers=as_user(harness, STRANGER)
            )
            assert (nobody.status_code, forged.status_code) == (401, 401), path
            assert nobody.content == forged.content == b"", path
            assert stranger.status_code == 404 and stranger.content == b"", path
    assert (await _screen(harness, sold))["upcoming"] == []  # nothing was booked


async def _screen(harness: BotHarness, sold: int) -> dict[str, object]:
    async with web_client(harness) as web:
        answer = await web.get(f"/api/packages/{sold}", headers=as_user(harness, CLIENT))
        assert answer.status_code == 200
        return answer.json()  # type: ignore[no-any-return]


async def test_a_client_moves_a_session_in_the_calendar_and_the_chat_says_so(
    harness: BotHarness,
) -> None:
    api = harness.api
    _, sold, _ = await client_with_calendar(harness, zone="Europe/Berlin")
    me = as_user(harness, CLIENT)
    async with web_client(harness) as web:
        item = (await web.get(f"/api/packages/{sold}", headers=me)).json()["items"][0]["id"]
        base = f"/api/packages/{sold}/items/{item}"
        day = await web.get(f"{base}/day", params={"date": "2026-11-27"}, headers=me)
        first, later = day.json()["times"][0], day.json()["times"][4]
        booked = await web.post(f"{base}/book", json={"at": first["at"]}, headers=me)
        session = booked.json()["booked"]
        await api.next_message(CLIENT, "Booked: Yoga, Fri 27 Nov 10:00")
        choices = await web.get(
            f"{base}/day", params={"date": "2026-11-27", "move": session}, headers=me
        )
        assert later in choices.json()["times"] and first not in choices.json()["times"]
        moved = await web.post(
            f"/api/packages/{sold}/sessions/{session}/move", json={"at": later["at"]}, headers=me
        )
        assert moved.json()["when"] == "Fri 27 Nov 12:00"
        await api.next_message(CLIENT, "Moved: Yoga, now Fri 27 Nov 12:00 (Europe/Berlin)")
        screen = (await web.get(f"/api/packages/{sold}", headers=me)).json()
        assert [s["when"] for s in screen["upcoming"]] == ["Fri 27 Nov 12:00"]
