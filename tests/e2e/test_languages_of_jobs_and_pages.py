"""Job messages and the Mini App in each person's own language, end to end: Russian clients'
expiry reminders say 1 сессия, 2 сессии, 5 сессий while an English client's, in the same
sweep, stay as they were; a German coach's desk page, its script's words and the API's
answers are German (the API names its language; an English client's stays English)."""

from __future__ import annotations

import json
import re

from sqlalchemy.ext.asyncio import AsyncEngine

from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.e2e.mini_app_steps import as_user, client_with_calendar, web_client
from tests.e2e.test_reminders import EXPIRES, WEEK_BEFORE, sweep
from tests.reminder_seed import MakeUow, replan, seed_seller, sell

RUSSIANS = {201: 1, 202: 2, 203: 5}  # client: sessions left


async def speaks(make_uow: MakeUow, user_id: int, language: str) -> None:
    async with make_uow() as uow:
        await uow.users.set_language(user_id, language)
        await uow.commit()


async def test_russian_clients_get_their_expiry_reminder_in_russian_with_the_right_plural(
    harness: BotHarness, engine: AsyncEngine, make_uow: MakeUow
) -> None:
    people = [(CLIENT, None), *((client, None) for client in RUSSIANS)]
    seller = await seed_seller(make_uow, COACH, people)
    harness.clock.now = WEEK_BEFORE.replace(month=11)
    for client, left in [(CLIENT, 3), *RUSSIANS.items()]:
        sold = await sell(engine, seller, client, EXPIRES, quantity=5, used=5 - left)
        await replan(make_uow, sold, harness.clock.now)
    for client in RUSSIANS:
        await speaks(make_uow, client, "ru")
    harness.clock.now = WEEK_BEFORE
    await sweep(harness.app)
    said = {c: [m.content for m in harness.api.outputs(c)] for c in [CLIENT, *RUSSIANS]}
    assert said[CLIENT] == [
        "⏳ Your package Starter has 3 sessions left, valid until Sun 20 Dec 19:00 "
        "(Europe/Berlin).\nBook them before it expires, or ask your coach for more time."
    ]
    forms = {201: "осталась 1 сессия", 202: "осталось 2 сессии", 203: "осталось 5 сессий"}
    for client, form in forms.items():
        [text] = said[client]
        assert text.startswith(f"⏳ В вашем пакете Starter {form}, он действует до вс, 20 дек.")
        assert "Book" not in text and "(Europe/Berlin)" in text


async def test_a_german_coach_sees_the_desk_in_german(
    harness: BotHarness, make_uow: MakeUow
) -> None:
    await client_with_calendar(harness, "Ada")
    await speaks(make_uow, COACH, "de")
    coach, client = as_user(harness, COACH), as_user(harness, CLIENT)
    async with web_client(harness) as web:
        page = await web.get("/app/desk", params={"lang": "de"})
        assert '<html lang="de">' in page.text
        assert "<h1>Ihr Schreibtisch</h1>" in page.text
        assert "📦 Verkaufte Pakete" in page.text and "Kalender-Feed" in page.text
        words = re.search(r'<script type="application/json" id="words">(.*?)</script>', page.text)
        assert words is not None
        said = json.loads(words.group(1))
        assert said["no_sessions"] == "Keine Sitzungen in dieser Woche."
        assert said["status_used_up"] == "aufgebraucht"
        guessed = await web.get("/app/desk", headers={"Accept-Language": "de-AT,de;q=0.9"})
        assert "<h1>Ihr Schreibtisch</h1>" in guessed.text
        english = await web.get("/app/desk")
        assert '<html lang="en">' in english.text and "<h1>Your desk</h1>" in english.text

        numbers = await web.get("/api/desk/numbers", headers=coach)
        assert numbers.headers["content-language"] == "de"
        assert "Sitzungen pro Woche (Zeiten in " in numbers.json()["charts"][0]
        week = await web.get("/api/desk/week", headers=coach)
        assert week.json()["label"].startswith("Mo., ")  # the week's Monday, in German
        theirs = await web.get("/api/desk/numbers", headers=client)  # not a coach: 404
        assert theirs.status_code == 404 and theirs.headers["content-language"] == "en"
