"""The desk's week acts as /schedule does: the coach moves a client's session (its free days,
then times, then the move; the client's chat is told in the client's zone and gets the moved
.ics; a second press changes nothing), a taken time is refused in the chat's words, a group
seat cannot move, nobody else reaches any of it; the week shows the coach's group dates,
booked or not, with their seats taken."""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Calendar

from domain.accounts import greet
from domain.booking.access import ByHolder
from domain.booking.holder import dates_for
from domain.booking.holder_changes import book_session
from domain.booking.model import GroupSeat, OneToOne, SessionBooking
from domain.catalog.model import ItemKind
from tests.e2e.conftest import CLIENT, COACH, OTHER_COACH, BotHarness
from tests.e2e.holder_steps import gets_package, package_of, small_class
from tests.e2e.mini_app_steps import as_user, client_with_calendar, web_client
from tests.e2e.selling_seed import Shop
from tests.support.fake_bot_api import UploadedFile

TAKEN = "Sorry, that time is no longer free. Please pick another one."


async def _booked(harness: BotHarness, shop: Shop, sold: int, at: datetime) -> SessionBooking:
    async with web_client(harness) as web:
        screen = await web.get(f"/api/packages/{sold}", headers=as_user(harness, CLIENT))
        item = int(screen.json()["items"][0]["id"])
    return (
        await book_session(
            shop.uow(), ByHolder(CLIENT, sold), OneToOne(item, at), harness.clock.now
        )
    ).done


def _friday_9(harness: BotHarness) -> datetime:
    """Fri 27 Nov 09:00 in the coach's zone (UTC)."""
    return harness.clock.now.replace(hour=9, minute=0) + timedelta(days=2)


async def test_the_coach_moves_a_session_from_the_desk_and_the_client_is_told(
    harness: BotHarness,
) -> None:
    api = harness.api
    shop, sold, _ = await client_with_calendar(harness, "Cleo", zone="America/New_York")
    booking = await _booked(harness, shop, sold, _friday_9(harness))
    coach = as_user(harness, COACH)
    base = f"/api/desk/sessions/{booking.id}"
    async with web_client(harness) as web:
        week = (await web.get("/api/desk/week", headers=coach)).json()
        [day] = week["days"]
        [session] = day["sessions"]
        assert (session["movable"], session["no_show"], day["dates"]) == (True, False, [])
        month = (await web.get(f"{base}/month", headers=coach)).json()
        assert (month["title"], month["zone"], month["month"]) == ("Yoga", "UTC", "2026-11")
        assert {"date": "2026-11-28", "count": 15} in month["days"]
        day_times = await web.get(f"{base}/day", params={"date": "2026-11-28"}, headers=coach)
        times = day_times.json()["times"]
        assert [t["label"] for t in times[:3]] == ["09:00", "09:30", "10:00"]
        friday = await web.get(f"{base}/day", params={"date": "2026-11-27"}, headers=coach)
        assert "09:00" not in [t["label"] for t in friday.json()["times"]]  # where it is now

        moved = await web.post(f"{base}/move", json={"at": times[2]["at"]}, headers=coach)
        assert moved.json() == {
            "done": "move", "moved": True, "title": "Yoga", "when": "Sat 28 Nov 10:00",
            "zone": "UTC",
        }  # fmt: skip
        told = await api.next_message(CLIENT, "Your coach moved Yoga")
        assert told.content == (  # as when the coach moves it from /schedule
            "Your coach moved Yoga from Fri 27 Nov 04:00 to Sat 28 Nov 05:00 (America/New_York)."
            " The calendar file below updates it."
        )
        sent = await api.next_message(CLIENT, lambda m: m.document is not None)
        upload = sent.params["document"]
        assert isinstance(upload, UploadedFile) and upload.filename.endswith(".ics")
        [event] = Calendar.from_ical(upload.data).walk("VEVENT")
        assert event["UID"] == f"session-{booking.id}@packages_test_bot.t.me"
        assert event["DTSTART"].dt == datetime.fromisoformat(times[2]["at"])

        again = await web.post(f"{base}/move", json={"at": times[2]["at"]}, headers=coach)
        assert again.json()["moved"] is False and again.json()["when"] == "Sat 28 Nov 10:00"
        week = (await web.get("/api/desk/week", headers=coach)).json()
        [day] = week["days"]
        assert (day["date"], day["sessions"][0]["start"]) == ("2026-11-28", "10:00")
        cancelled = await web.post(f"{base}/cancel", json={}, headers=coach)
        assert cancelled.json() == {"done": "cancel"}
        late = await web.post(f"{base}/move", json={"at": times[4]["at"]}, headers=coach)
        assert late.json()["moved"] is False  # no longer active: nothing to fear, nothing done
    moves = [m for m in api.messages(CLIENT) if "moved" in m.content]
    assert len(moves) == 1


async def test_a_taken_time_is_refused_in_the_chats_words_and_nothing_moves(
    harness: BotHarness,
) -> None:
    shop, sold, _ = await client_with_calendar(harness)
    first = await _booked(harness, shop, sold, _friday_9(harness))
    second = await _booked(harness, shop, sold, _friday_9(harness) + timedelta(hours=3))
    coach = as_user(harness, COACH)
    async with web_client(harness) as web:
        base = f"/api/desk/sessions/{first.id}"
        free = await web.get(f"{base}/day", params={"date": "2026-11-27"}, headers=coach)
        assert "12:00" not in [t["label"] for t in free.json()["times"]]
        taken = await web.post(
            f"{base}/move", json={"at": second.starts_at.isoformat()}, headers=coach
        )
        assert taken.status_code == 409 and taken.json() == {"refusal": TAKEN}
        [day] = (await web.get("/api/desk/week", headers=coach)).json()["days"]
        assert [s["start"] for s in day["sessions"]] == ["09:00", "12:00"]


async def test_nobody_but_the_sessions_coach_lists_its_times_or_moves_it(
    harness: BotHarness,
) -> None:
    shop, sold, _ = await client_with_calendar(harness)
    booking = await _booked(harness, shop, sold, _friday_9(harness))
    deps = shop.harness.app.deps  # type: ignore[union-attr]
    await greet(deps.uow_factory(), OTHER_COACH, "Boris", deps.policy, harness.clock.now)
    base = f"/api/desk/sessions/{booking.id}"
    at = {"at": (booking.starts_at + timedelta(days=1)).isoformat()}
    async with web_client(harness) as web:
        for who in (OTHER_COACH, CLIENT):
            them = as_user(harness, who)
            month = await web.get(f"{base}/month", headers=them)
            day = await web.get(f"{base}/day", params={"date": "2026-11-28"}, headers=them)
            move = await web.post(f"{base}/move", json=at, headers=them)
            assert (month.status_code, day.status_code, move.status_code) == (404, 404, 404)
        [day] = (await web.get("/api/desk/week", headers=as_user(harness, COACH))).json()["days"]
        assert [s["start"] for s in day["sessions"]] == ["09:00"]


async def _seat_holder(harness: BotHarness) -> tuple[Shop, int]:
    """A group date on Thu 3 Dec 18:00; the client holds a package of two seats of its
    series: (the shop, the sold package)."""
    shop, sold, _ = await client_with_calendar(harness)
    series = await small_class(shop, 4, "2026-12-03 18:00")
    package = await package_of(shop, ItemKind.SERIES, series, 2, "Two circles")
    view = await gets_package(shop, CLIENT, "Cleo", package)
    url = view.button("🗓 Calendar")
    assert url is not None
    return shop, int(url["web_app"]["url"].rsplit("/", 1)[1])


async def test_a_group_seat_shows_on_the_desk_but_cannot_move(harness: BotHarness) -> None:
    shop, sold = await _seat_holder(harness)
    now, holder = harness.clock.now, ByHolder(CLIENT, sold)
    async with web_client(harness) as web:
        screen = await web.get(f"/api/packages/{sold}", headers=as_user(harness, CLIENT))
        item = int(screen.json()["items"][0]["id"])
    [date] = (await dates_for(shop.uow(), CLIENT, sold, item, now)).occurrences
    seat = (await book_session(shop.uow(), holder, GroupSeat(item, date.id or 0), now)).done
    coach = as_user(harness, COACH)
    async with web_client(harness) as web:
        week = (await web.get("/api/desk/week", params={"week": 1}, headers=coach)).json()
        [day] = week["days"]
        [session] = day["sessions"]
        assert (session["group"], session["movable"]) == (True, False)
        [shown] = day["dates"]
        assert (shown["title"], shown["start"], shown["taken"], shown["capacity"]) == (
            "Circle", "18:00", 1, 4,
        )  # fmt: skip
        base = f"/api/desk/sessions/{seat.id}"
        refused = await web.get(f"{base}/month", headers=coach)
        later = {"at": (seat.starts_at + timedelta(days=1)).isoformat()}
        moved = await web.post(f"{base}/move", json=later, headers=coach)
        words = "A group seat cannot be moved: cancel it and book another date."
        assert refused.status_code == moved.status_code == 409
        assert refused.json() == moved.json() == {"refusal": words}


async def test_the_week_shows_group_dates_nobody_booked(harness: BotHarness) -> None:
    shop, _, _ = await client_with_calendar(harness)
    await small_class(shop, 6, "2026-12-02 07:30")
    await small_class(shop, 3, "2026-12-04 19:00")
    coach = as_user(harness, COACH)
    async with web_client(harness) as web:
        this_week = (await web.get("/api/desk/week", headers=coach)).json()
        assert this_week["days"] == [] and this_week["has_next"] is True
        week = (await web.get("/api/desk/week", params={"week": 1}, headers=coach)).json()
        deps = shop.harness.app.deps  # type: ignore[union-attr]
        await greet(deps.uow_factory(), OTHER_COACH, "Boris", deps.policy, harness.clock.now)
        other = as_user(harness, OTHER_COACH)
        boris = (await web.get("/api/desk/week", params={"week": 1}, headers=other)).json()
        assert boris["days"] == []  # Anna's dates are not Boris's
    assert [(d["label"], d["sessions"]) for d in week["days"]] == [
        ("Wed 2 Dec", []),
        ("Fri 4 Dec", []),
    ]
    dates = [d["dates"][0] for d in week["days"]]
    assert [(d["start"], d["end"], d["taken"], d["capacity"]) for d in dates] == [
        ("07:30", "08:30", 0, 6),
        ("19:00", "20:00", 0, 3),
    ]


async def test_the_desks_cancel_and_no_show_tell_the_client_as_schedule_does(
    harness: BotHarness,
) -> None:
    api = harness.api
    shop, sold, _ = await client_with_calendar(harness, "Cleo", zone="America/New_York")
    first = await _booked(harness, shop, sold, _friday_9(harness))
    second = await _booked(harness, shop, sold, _friday_9(harness) + timedelta(hours=3))
    async with web_client(harness) as web:
        path = f"/api/desk/sessions/{first.id}/cancel"
        assert (await web.post(path, headers=as_user(harness, COACH))).json() == {"done": "cancel"}
        told = await api.next_message(CLIENT, "Your coach cancelled")
        assert told.content == (
            "Your coach cancelled Yoga on Fri 27 Nov 04:00 (America/New_York). "
            "It is back in your package."
        )
        harness.clock.now = second.starts_at + timedelta(minutes=30)
        path = f"/api/desk/sessions/{second.id}/no-show"
        marked = await web.post(path, headers=as_user(harness, COACH))
        assert marked.json() == {"done": "no-show"}
        missed = await api.next_message(CLIENT, "Your coach marked")
        assert missed.content == (
            "Your coach marked Yoga on Fri 27 Nov 07:00 (America/New_York) as missed; it counts "
            "as used. Please contact your coach if this is a mistake."
        )
