"""The coach's desk in the Mini App, over HTTP against the bot's own Application: the menu
button and a /start button open it; the week shows a client's session; sold packages filter
and search; numbers are SVG; CSV exports parse and are spreadsheet-safe; the schedule's feed
rotates; nobody but the coach reaches any of it."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from domain.accounts import greet
from domain.booking.access import ByHolder
from domain.booking.holder_changes import book_session
from domain.booking.model import OneToOne
from tests.e2e.conftest import CLIENT, COACH, OTHER_COACH, BotHarness
from tests.e2e.mini_app_steps import (
    BASE,
    as_user,
    calendar_url,
    client_with_calendar,
    web_client,
)

EVIL_NAME = '=HYPERLINK("http://x")'


async def test_the_coach_reaches_the_desk_from_the_menu_button_and_start(
    harness: BotHarness,
) -> None:
    await harness.restart_with(web_base_url=BASE)
    api = harness.api
    menu = await api.wait_for_call("setChatMenuButton", lambda p: p.get("chat_id") == COACH)
    assert menu.params["menu_button"]["web_app"]["url"] == f"{BASE}/app/desk"
    api.send_text(COACH, "/start")
    home = await api.next_message(COACH, "")
    assert calendar_url(home.button("🗓 Desk")) == f"{BASE}/app/desk"


async def test_the_desk_shows_the_week_the_table_numbers_and_exports(
    harness: BotHarness,
) -> None:
    shop, sold, _ = await client_with_calendar(harness, EVIL_NAME)
    screen_item = await _first_item(harness, sold)
    at = harness.clock.now.replace(hour=9, minute=0) + timedelta(days=2)
    await book_session(
        shop.uow(), ByHolder(CLIENT, sold), OneToOne(screen_item, at), harness.clock.now
    )
    coach = as_user(harness, COACH)
    async with web_client(harness) as web:
        assert (await web.get("/app/desk")).status_code == 200
        week = (await web.get("/api/desk/week", params={"week": 0}, headers=coach)).json()
        [day] = week["days"]
        [session] = day["sessions"]
        assert (session["title"], session["client"], session["start"]) == (
            "Yoga",
            EVIL_NAME,
            "09:00",
        )
        assert (session["start_minute"], session["end_minute"]) == (540, 600)  # the grid's rows
        assert [d["label"][:3] for d in week["week_days"]] == [
            "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
        ]  # fmt: skip
        assert day["date"] in [d["date"] for d in week["week_days"]]
        table = (await web.get("/api/desk/sold", headers=coach)).json()["rows"]
        assert [(r["title"], r["left"], r["total"]) for r in table] == [("Three yoga", 2, 3)]
        found = await web.get("/api/desk/sold", params={"q": "hyperlink"}, headers=coach)
        missing = await web.get("/api/desk/sold", params={"q": "nobody"}, headers=coach)
        used = await web.get("/api/desk/sold", params={"filter": "used_up"}, headers=coach)
        assert len(found.json()["rows"]) == 1
        assert missing.json()["rows"] == used.json()["rows"] == []

        exported = await web.get("/api/desk/export/sold.csv", headers=coach)
        assert exported.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
        assert rows[0]["client"] == "'" + EVIL_NAME  # neutralised, not a formula
        assert rows[0]["purchased_at"].endswith("+00:00")
        sessions = await web.get("/api/desk/export/sessions.csv", headers=coach)
        [booked] = list(csv.DictReader(io.StringIO(sessions.content.decode("utf-8-sig"))))
        assert booked["starts_at"] == at.isoformat() and booked["status"] == "booked"

        charts = (await web.get("/api/desk/numbers", headers=coach)).json()["charts"]
        assert charts[0].startswith("<svg") and "Sessions per week" in charts[0]

        first = (await web.get("/api/desk/feed", headers=coach)).json()["url"]
        again = (await web.get("/api/desk/feed", headers=coach)).json()["url"]
        rotated = (await web.post("/api/desk/feed", headers=coach)).json()["url"]
        assert first == again != rotated
        assert (await web.get(first.removeprefix(BASE))).status_code == 404
        assert (await web.get(rotated.removeprefix(BASE))).status_code == 200

        cancelled = await web.post(
            f"/api/desk/sessions/{session['id']}/cancel", json={}, headers=coach
        )
        assert cancelled.json() == {"done": "cancel"}
    await harness.api.next_message(CLIENT, "Yoga")


async def test_no_desk_endpoint_answers_a_client_another_coach_or_a_forgery(
    harness: BotHarness,
) -> None:
    shop, sold, _ = await client_with_calendar(harness)
    item = await _first_item(harness, sold)
    at = harness.clock.now.replace(hour=9, minute=0) + timedelta(days=2)
    booking = (
        await book_session(
            shop.uow(), ByHolder(CLIENT, sold), OneToOne(item, at), harness.clock.now
        )
    ).done
    deps = shop.harness.app.deps  # type: ignore[union-attr]
    await greet(deps.uow_factory(), OTHER_COACH, "Boris", deps.policy, harness.clock.now)
    calls = [
        ("GET", "/api/desk/week"), ("GET", "/api/desk/sold"), ("GET", "/api/desk/numbers"),
        ("GET", "/api/desk/export/sold.csv"), ("GET", "/api/desk/export/sessions.csv"),
        ("GET", "/api/desk/feed"), ("POST", "/api/desk/feed"),
        ("POST", f"/api/desk/sessions/{booking.id}/cancel"),
        ("POST", f"/api/desk/sessions/{booking.id}/no-show"),
        ("POST", f"/api/desk/sessions/{booking.id}/move"),
        ("GET", f"/api/desk/sessions/{booking.id}/month"),
        ("GET", f"/api/desk/sessions/{booking.id}/day?date=2026-11-28"),
    ]  # fmt: skip
    async with web_client(harness) as web:
        for method, path in calls:
            body = {"at": "2026-11-28T10:00:00+00:00"} if method == "POST" else None
            nobody = await web.request(method, path, json=body)
            forged = await web.request(
                method, path, json=body, headers=as_user(harness, COACH, "1:AAE-another-bot")
            )
            assert (nobody.status_code, forged.status_code, nobody.content) == (401, 401, b"")
            client = await web.request(method, path, json=body, headers=as_user(harness, CLIENT))
            assert client.status_code == 404, path
        other = as_user(harness, OTHER_COACH)
        for act in ("cancel", "no-show", "move"):
            at = {"at": "2026-11-28T10:00:00+00:00"}
            answer = await web.post(
                f"/api/desk/sessions/{booking.id}/{act}", json=at, headers=other
            )
            assert answer.status_code == 404
        other_week = (await web.get("/api/desk/week", headers=other)).json()
        assert other_week["days"] == []  # Anna's session is not Boris's
        other_table = (await web.get("/api/desk/sold", headers=other)).json()
        assert other_table["rows"] == []
    screen = await _screen_upcoming(harness, sold)
    assert len(screen) == 1  # nothing was cancelled


async def _first_item(harness: BotHarness, sold: int) -> int:
    async with web_client(harness) as web:
        screen = await web.get(f"/api/packages/{sold}", headers=as_user(harness, CLIENT))
        return int(screen.json()["items"][0]["id"])


async def _screen_upcoming(harness: BotHarness, sold: int) -> list[object]:
    async with web_client(harness) as web:
        screen = await web.get(f"/api/packages/{sold}", headers=as_user(harness, CLIENT))
        return list(screen.json()["upcoming"])


async def test_a_row_changes_expiry_and_revokes_the_link_as_sold_does(
    harness: BotHarness,
) -> None:
    api = harness.api
    _, sold, _ = await client_with_calendar(harness)
    coach = as_user(harness, COACH)
    async with web_client(harness) as web:
        changed = await web.post(
            f"/api/desk/sold/{sold}/expiry", json={"date": "2026-12-31"}, headers=coach
        )
        assert changed.json() == {"changed": True, "expires": "Thu 31 Dec 23:59"}
        await api.next_message(CLIENT, "Three yoga")  # the holder is told, as from /sold
        table = (await web.get("/api/desk/sold", headers=coach)).json()["rows"]
        assert table[0]["expires"] == "Thu 31 Dec 23:59"
        past = await web.post(
            f"/api/desk/sold/{sold}/expiry", json={"date": "2020-01-01"}, headers=coach
        )
        assert past.status_code == 409 and "Nothing was changed" in past.json()["refusal"]
        unlimited = await web.post(
            f"/api/desk/sold/{sold}/expiry", json={"date": None}, headers=coach
        )
        assert unlimited.json() == {"changed": True, "expires": None}
        stranger = await web.post(
            f"/api/desk/sold/{sold}/revoke", json={}, headers=as_user(harness, CLIENT)
        )
        assert stranger.status_code == 404
        revoked = await web.post(f"/api/desk/sold/{sold}/revoke", json={}, headers=coach)
        assert revoked.json()["link"].startswith("https://t.me/")
        gone = await web.get(f"/api/packages/{sold}", headers=as_user(harness, CLIENT))
        assert gone.status_code == 404  # the client held the old link only
