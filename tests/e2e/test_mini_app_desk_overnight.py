"""The desk's week draws a session past midnight on both days: a Saturday 23:30–00:30
session (in the coach's Berlin) is on Saturday from 23:30 and again, continued, on Sunday
from 00:00 to 00:30, the same session (its id, label and actions), listed once; a group
date does the same; a Sunday night session is clipped at the week's end and the next week
shows its continuation at Monday 00:00 (and the week before offers it)."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import COACH, BotHarness
from tests.e2e.mini_app_steps import as_user, night_owl_coach, web_client


def _rows(day: dict[str, Any], kind: str) -> list[tuple[str, str, int, int, bool]]:
    lists = ((day[kind], False), (day["continued"][kind], True))
    return [
        (i["title"], i["start"] + "–" + i["end"], i["start_minute"], i["end_minute"], continued)
        for items, continued in lists
        for i in items
    ]


async def test_a_session_past_midnight_shows_on_both_days_and_counts_once(
    harness: BotHarness,
) -> None:
    await night_owl_coach(harness)
    coach = as_user(harness, COACH)
    async with web_client(harness) as web:
        week = (await web.get("/api/desk/week", params={"week": 0}, headers=coach)).json()
    days = {d["date"]: d for d in week["days"]}
    assert sorted(days) == ["2026-11-27", "2026-11-28", "2026-11-29"]
    saturday, sunday = days["2026-11-28"], days["2026-11-29"]
    assert _rows(saturday, "sessions") == [("Yoga", "23:30–00:30", 1410, 1470, False)]
    assert _rows(sunday, "sessions") == [
        ("Yoga", "23:30–00:30", 1410, 1470, False),  # its own, clipped at the week's end
        ("Yoga", "23:30–00:30", 0, 30, True),  # Saturday's, continued
    ]
    [started] = saturday["sessions"]
    [continued] = sunday["continued"]["sessions"]
    assert continued == {**started, "start_minute": 0, "end_minute": 30, "continued": True}
    assert _rows(days["2026-11-27"], "dates") == [("Circle", "23:30–00:30", 1410, 1470, False)]
    assert _rows(saturday, "dates") == [("Circle", "23:30–00:30", 0, 30, True)]
    listed = [s["id"] for d in week["days"] for s in d["sessions"]]
    assert len(listed) == len(set(listed)) == 2  # each session once in the day lists


async def test_a_sunday_night_session_goes_on_at_the_next_weeks_monday(
    harness: BotHarness,
) -> None:
    await night_owl_coach(harness)
    coach = as_user(harness, COACH)
    async with web_client(harness) as web:
        this = (await web.get("/api/desk/week", params={"week": 0}, headers=coach)).json()
        following = await web.get("/api/desk/week", params={"week": 1}, headers=coach)
    [sunday] = [d for d in this["days"] if d["date"] == "2026-11-29"]
    [own] = sunday["sessions"]
    assert this["has_next"] is True  # nothing starts in the next week, but this runs on
    [monday] = following.json()["days"]
    assert (monday["date"], monday["sessions"], monday["dates"]) == ("2026-11-30", [], [])
    assert _rows(monday, "sessions") == [("Yoga", "23:30–00:30", 0, 30, True)]
    assert monday["continued"]["sessions"][0]["id"] == own["id"]
    assert monday["continued"]["sessions"][0]["when"] == own["when"] == "Sun 29 Nov 23:30"
