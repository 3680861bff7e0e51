"""The Mini App in a real browser (Debian's chromium, headless, driven by Playwright): the
page is served by the bot's own web app over HTTP, Telegram's WebApp script is replaced by a
local stand-in that hands the page initData signed for the bot. A client books a session
and the chat gets the confirmation; the coach's week shows it; the CSV export downloads and
parses; a package titled with HTML and a client named with a script show as text, and no
dialog opens. The coach moves a session from the desk's week (a day, a time, a confirm) and
cancels one after Telegram's confirm; the week shows a group date nobody booked. The week
is a time grid: each block in its day's column, later ones lower, overlapping ones side by
side, all reachable at 360 px; an empty week says so. A session past midnight goes on at
the top of the next day's column and opens the same actions there, and a Sunday night's
at the top of the next week's Monday. Each screen is saved as a screenshot
in test-artifacts/mini-app/."""

from __future__ import annotations

import asyncio
import csv
import io
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.async_api import FloatRect, Locator, Page, async_playwright

from bootstrap.web import bind, server, web_app_for
from domain.booking.access import ByHolder
from domain.booking.holder_changes import book_session
from domain.booking.model import OneToOne
from persistence.db import create_engine, session_factory
from persistence.health import DatabaseProbe
from tests.e2e.conftest import CLIENT, COACH, BotHarness
from tests.e2e.holder_steps import small_class
from tests.e2e.mini_app_steps import (
    BASE,
    as_user,
    client_with_calendar,
    night_owl_coach,
    web_client,
)
from tests.reminder_seed import MakeUow
from tests.support.init_data import signed_init_data
from web.headers import TELEGRAM_SCRIPT

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ARTIFACTS = ROOT / "test-artifacts" / "mini-app"
STUB = (ROOT / "tests" / "support" / "telegram_web_app_stub.js").read_text(encoding="utf-8")
EVIL_TITLE = "<img src=x onerror=alert(1)>"
EVIL_NAME = "<script>alert(2)</script>"

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI installs chromium (.ci/run); /usr/bin/chromium is missing")
    pytest.skip("needs Debian's chromium: apt-get install -y chromium", allow_module_level=True)


@asynccontextmanager
async def served(harness: BotHarness) -> AsyncIterator[str]:
    """The bot's web app on a real port; its root URL."""
    app = harness.app
    assert app is not None
    settings = app.deps.settings.model_copy(update={"web_listen": "127.0.0.1", "web_port": 0})
    sock = bind(settings)
    assert sock is not None
    engine = create_engine(harness.database_url)
    web = server(web_app_for(app, settings, DatabaseProbe(session_factory(engine), harness.clock)))
    task = asyncio.create_task(web.serve([sock]))
    try:
        # the socket listens already: a first request waits in its backlog until serving
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        web.should_exit = True
        await task
        sock.close()
        await engine.dispose()


@asynccontextmanager
async def browser_page() -> AsyncIterator[Page]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=FLAGS
        )
        try:
            context = await browser.new_context(
                viewport={"width": 360, "height": 740}, accept_downloads=True
            )
            await context.route(
                TELEGRAM_SCRIPT,
                lambda route: route.fulfill(body=STUB, content_type="application/javascript"),
            )
            yield await context.new_page()
        finally:
            await browser.close()


def launch_url(root: str, path: str, harness: BotHarness, user_id: int) -> str:
    data = signed_init_data(harness.api.token, user_id, harness.clock.now)
    return f"{root}{path}#tgWebAppData={quote(data, safe='')}&tgWebAppVersion=7.0"


async def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


async def test_a_client_books_in_the_browser_and_the_coach_sees_it_on_the_desk(
    harness: BotHarness,
) -> None:
    api = harness.api
    _, _, url = await client_with_calendar(harness, EVIL_NAME, EVIL_TITLE, "Europe/Berlin")
    path = url.removeprefix(BASE)
    dialogs: list[str] = []
    errors: list[str] = []
    async with served(harness) as root, browser_page() as page:
        page.on("dialog", lambda d: dialogs.append(d.message))
        page.on("pageerror", lambda e: errors.append(str(e)))
        p = page
        await p.goto(launch_url(root, path, harness, CLIENT))
        title = p.locator("#title")
        await title.filter(has_text=EVIL_TITLE).wait_for()
        assert await p.locator("img").count() == 0
        assert "3 of 3 left" in await p.locator("#summary").text_content()
        await shot(p, "1-client-package")

        await p.get_by_role("button", name="Book Yoga").click()
        first_day = p.locator("#month-days button.free").first
        await first_day.wait_for()
        assert await first_day.get_attribute("aria-label") == "Thu 26 Nov, 15 free times"
        await shot(p, "2-client-month")
        await first_day.press("Enter")  # reachable by keyboard
        ten = p.get_by_role("button", name="10:00 on Thu 26 Nov")
        await ten.click()
        confirm = p.locator("#confirm-text")
        await confirm.filter(has_text="Thu 26 Nov 10:00").wait_for()
        main_visible = await p.evaluate("Telegram.WebApp.MainButton.isVisible")
        assert main_visible is True
        await shot(p, "3-client-confirm")
        await p.get_by_role("button", name="✅ Confirm").click()
        notice = p.locator("#notice")
        await notice.filter(has_text="Booked:").wait_for()
        assert await notice.text_content() == "Booked: Yoga, Thu 26 Nov 10:00 (Europe/Berlin)"
        await shot(p, "4-client-booked")
        await api.next_message(CLIENT, "Booked: Yoga, Thu 26 Nov 10:00 (Europe/Berlin)")

        await p.goto(launch_url(root, "/app/desk", harness, COACH))
        session = p.locator("#week-days li").first
        await session.wait_for()
        assert await session.locator("span").text_content() == f"09:00–10:00 Yoga · {EVIL_NAME}"
        assert await _hours(p) == ("08:00", "18:00")  # at least 8:00 to 18:00
        await shot(p, "5-coach-week")
        await p.get_by_role("button", name="📦 Sold packages").click()
        row = p.locator("#sold-rows tr").first
        await row.filter(has_text=EVIL_TITLE).wait_for()
        assert EVIL_NAME in await row.text_content()
        assert await p.locator("img, #sold-rows script").count() == 0
        await shot(p, "6-coach-sold")
        async with p.expect_download() as info:
            await p.get_by_role("button", name="⬇ Sold packages (CSV)").click()
        download = await info.value
        saved = ARTIFACTS / "sold-packages.csv"
        await download.save_as(str(saved))
        rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
        assert [(r["package"], r["client"], r["sessions_left"]) for r in rows] == [
            (EVIL_TITLE, EVIL_NAME, "2")
        ]
        await p.get_by_role("button", name="📈 Numbers").click()
        await p.locator("#charts svg").first.wait_for()
        await shot(p, "7-coach-numbers")
    assert dialogs == [] and errors == []


async def test_a_german_client_gets_the_calendar_in_german(
    harness: BotHarness, make_uow: MakeUow
) -> None:
    """Opened with no language in its address (as the chat's button does), the page asks the
    API, hears German (the client's chosen language) and reloads itself in German: the
    server's words, the script's words and the dates (Intl) are German."""
    _, _, url = await client_with_calendar(harness, "Ada", "Drei Yoga", "Europe/Berlin")
    async with make_uow() as uow:
        await uow.users.set_language(CLIENT, "de")
        await uow.commit()
    errors: list[str] = []
    async with served(harness) as root, browser_page() as p:
        p.on("pageerror", lambda e: errors.append(str(e)))
        await p.goto(launch_url(root, url.removeprefix(BASE), harness, CLIENT))
        summary = p.locator("#summary")
        await summary.filter(has_text="3 von 3 übrig").wait_for()
        assert await p.evaluate("document.documentElement.lang") == "de"
        assert "lang=de" in p.url and "tgWebAppData=" in p.url  # reloaded, initData kept
        assert "Zeiten in Europe/Berlin" in (await summary.text_content() or "")
        assert await p.locator("#upcoming-head").text_content() == "Kommende Sitzungen"
        await p.get_by_role("button", name="Yoga buchen").click()
        first_day = p.locator("#month-days button.free").first
        await first_day.wait_for()
        label = await first_day.get_attribute("aria-label") or ""
        assert label.startswith("Do., 26. Nov") and label.endswith(", 15 freie Termine")
        assert await p.locator("#month-name").text_content() == "November 2026"
        assert await p.locator("#zone").text_content() == "Zeiten in Europe/Berlin"
        await shot(p, "8-german-client-month")
    assert errors == []


async def test_the_coach_moves_a_session_from_the_desk_and_the_week_shows_it(
    harness: BotHarness,
) -> None:
    api = harness.api
    shop, sold, _ = await client_with_calendar(harness, "Cleo", zone="Europe/Berlin")
    async with web_client(harness) as web:
        screen = await web.get(f"/api/packages/{sold}", headers=as_user(harness, CLIENT))
        item = int(screen.json()["items"][0]["id"])
    friday = harness.clock.now.replace(hour=9, minute=0) + timedelta(days=2)
    for at in (friday, friday + timedelta(hours=4)):
        await book_session(
            shop.uow(), ByHolder(CLIENT, sold), OneToOne(item, at), harness.clock.now
        )
    await small_class(shop, 4, "2026-11-28 18:00")
    await small_class(shop, 4, "2026-11-27 09:30")  # overlaps the 09:00 session
    dialogs: list[str] = []
    errors: list[str] = []
    async with served(harness) as root, browser_page() as p:
        p.on("dialog", lambda d: dialogs.append(d.message))
        p.on("pageerror", lambda e: errors.append(str(e)))
        await p.goto(launch_url(root, "/app/desk", harness, COACH))
        circle = p.locator("#week-days li.group-date", has_text="18:00")
        await circle.wait_for()
        assert await circle.text_content() == "18:00–19:00 Circle · 0 of 4 seats taken"
        await _the_week_is_a_time_grid(p)
        await shot(p, "9-coach-week-grid")
        await _every_block_is_reachable_at_360_px(p)
        await p.get_by_role("button", name="Actions for Yoga · Cleo, Fri 27 Nov 09:00").click()
        await p.get_by_role("button", name="Move Yoga · Cleo on Fri 27 Nov 09:00").click()
        saturday = p.get_by_role("button", name="Sat 28 Nov, 15 free times")
        await saturday.press("Enter")  # reachable by keyboard
        await p.get_by_role("button", name="10:00 on Sat 28 Nov").click()
        confirm = p.locator("#confirm-text")
        await confirm.filter(has_text="Sat 28 Nov 10:00").wait_for()
        assert await confirm.text_content() == (
            "Move Yoga from Fri 27 Nov 09:00 to Sat 28 Nov 10:00 (UTC)?"
        )
        assert await p.locator("#session-actions").is_hidden()  # the picker took its place
        await shot(p, "9-coach-move")
        await p.get_by_role("button", name="✅ Confirm").click()
        notice = p.locator("#notice")
        await notice.filter(has_text="Moved:").wait_for()
        assert await notice.text_content() == "Moved: Yoga, now Sat 28 Nov 10:00 (UTC)"
        saturday = p.locator("#week-days .day", has_text="Sat 28 Nov")
        await saturday.locator("li", has_text="10:00–11:00 Yoga · Cleo").wait_for()
        sessions = await p.locator("#week-days button.session span").all_text_contents()
        assert sessions == ["13:00–14:00 Yoga · Cleo", "10:00–11:00 Yoga · Cleo"]
        assert await p.locator("#picker").is_hidden()
        assert await p.locator("#session-actions").is_hidden()
        await shot(p, "10-coach-week-moved")
        told = await api.next_message(CLIENT, "Your coach moved Yoga from ")
        assert "to Sat 28 Nov 11:00 (Europe/Berlin)." in told.content

        afternoon = p.get_by_role("button", name="Actions for Yoga · Cleo, Fri 27 Nov 13:00")
        await afternoon.click()
        await p.get_by_role("button", name="Cancel Yoga · Cleo, Fri 27 Nov 13:00").click()
        await notice.filter(has_text="Cancelled:").wait_for()
        await afternoon.wait_for(state="detached")
        assert "showConfirm" in await p.evaluate("Telegram.WebApp.calls")
        sessions = await p.locator("#week-days button.session span").all_text_contents()
        assert sessions == ["10:00–11:00 Yoga · Cleo"]
    assert dialogs == [] and errors == []


async def test_an_empty_week_says_so_instead_of_an_empty_grid(harness: BotHarness) -> None:
    await client_with_calendar(harness, "Ada", zone="Europe/Berlin")
    errors: list[str] = []
    async with served(harness) as root, browser_page() as p:
        p.on("pageerror", lambda e: errors.append(str(e)))
        await p.goto(launch_url(root, "/app/desk", harness, COACH))
        empty = p.locator("#week-empty")
        await empty.wait_for()
        assert await empty.text_content() == "No sessions this week."
        assert await p.locator("#week-days").is_hidden()
    assert errors == []


async def test_a_session_past_midnight_goes_on_at_the_top_of_the_next_day(
    harness: BotHarness,
) -> None:
    await night_owl_coach(harness)  # Yoga at 23:30 Sat and Sun, a Circle at 23:30 Fri (Berlin)
    errors: list[str] = []
    async with served(harness) as root, browser_page() as p:
        p.on("pageerror", lambda e: errors.append(str(e)))
        await p.goto(launch_url(root, "/app/desk", harness, COACH))
        saturday = p.locator("#week-days .day", has_text="Sat 28 Nov")
        sunday = p.locator("#week-days .day", has_text="Sun 29 Nov")
        started = saturday.locator("li.session", has_text="23:30–00:30 Yoga · Cleo")
        goes_on = sunday.locator("li.session.continued")
        await goes_on.wait_for()
        assert await _hours(p) == ("00:00", "24:00")
        body = await _box(sunday.locator(".day-body"))
        top, end = await _box(goes_on), await _box(started)
        assert top["y"] == pytest.approx(body["y"], abs=1)  # from Sunday's 00:00
        assert top["height"] == pytest.approx(30, abs=1)  # to 00:30
        assert end["y"] + end["height"] == pytest.approx(body["y"] + body["height"], abs=1)
        assert await goes_on.text_content() == await started.text_content()
        await shot(p, "11-coach-week-past-midnight")
        head = p.locator("#session-head")
        await goes_on.locator("button").click()
        assert await head.text_content() == "Sat 28 Nov 23:30–00:30 Yoga · Cleo"
        assert await p.locator("#session-cancel").get_attribute("aria-label") == (
            "Cancel Yoga · Cleo, Sat 28 Nov 23:30"
        )  # the same session's actions
        assert await goes_on.locator("button").get_attribute("tabindex") == "-1"  # listed once
        circle = saturday.locator("li.group-date.continued")
        assert await circle.text_content() == "23:30–00:30 Circle · 0 of 4 seats taken"
        friday_night = await _box(circle)
        assert friday_night["y"] == pytest.approx(
            (await _box(saturday.locator(".day-body")))["y"], abs=1
        )  # Friday's, at Saturday's top

        await p.get_by_role("button", name="Next week").click()
        monday = p.locator("#week-days .day", has_text="Mon 30 Nov")
        carried = monday.get_by_role("button", name="Actions for Yoga · Cleo, Sun 29 Nov 23:30")
        await carried.wait_for()  # its start is last week's: reachable here
        assert (await _box(carried))["y"] == pytest.approx(
            (await _box(monday.locator(".day-body")))["y"], abs=1
        )
        await carried.click()
        assert await head.text_content() == "Sun 29 Nov 23:30–00:30 Yoga · Cleo"
        await shot(p, "12-coach-next-monday")
    assert errors == []


async def _box(locator: Locator) -> FloatRect:
    box = await locator.bounding_box()
    assert box is not None
    return box


def _inside(inner: FloatRect, outer: FloatRect) -> bool:
    return outer["x"] - 1 <= inner["x"] and inner["x"] + inner["width"] <= (
        outer["x"] + outer["width"] + 1
    )


async def _hours(p: Page) -> tuple[str, str]:
    hours = await p.locator("#week-days .hours span").all_text_contents()
    return hours[0], hours[-1]


async def _the_week_is_a_time_grid(p: Page) -> None:
    """Mon..Sun as columns, each item in its day's column, lower the later it starts; items
    that overlap side by side; the tab order is the time order."""
    days = await p.locator("#week-days .day-head:not(:empty)").all_text_contents()
    assert days == [
        "Mon 23 Nov", "Tue 24 Nov", "Wed 25 Nov", "Thu 26 Nov", "Fri 27 Nov", "Sat 28 Nov",
        "Sun 29 Nov",
    ]  # fmt: skip
    assert await _hours(p) == ("08:00", "19:00")  # to the end of Saturday's 18:00 date
    friday = p.locator("#week-days .day", has_text="Fri 27 Nov")
    column = await _box(friday.locator(".day-body"))
    morning = await _box(friday.locator("li.session", has_text="09:00–10:00"))
    afternoon = await _box(friday.locator("li.session", has_text="13:00–14:00"))
    joint = await _box(friday.locator("li.group-date", has_text="09:30–10:30"))
    assert _inside(morning, column) and _inside(afternoon, column) and _inside(joint, column)
    assert afternoon["y"] >= morning["y"] + morning["height"] - 1  # later: lower
    assert afternoon["height"] == pytest.approx(morning["height"], abs=1)  # both one hour
    assert joint["x"] >= morning["x"] + morning["width"] - 1  # side by side
    assert morning["y"] < joint["y"] < morning["y"] + morning["height"]
    saturday = await _box(p.locator("#week-days .day", has_text="Sat 28 Nov"))
    assert not _inside(morning, saturday) and _inside(
        await _box(p.locator("li.group-date", has_text="18:00")), saturday
    )
    first = p.get_by_role("button", name="Actions for Yoga · Cleo, Fri 27 Nov 09:00")
    await first.focus()
    await p.keyboard.press("Tab")
    focused = await p.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "Actions for Yoga · Cleo, Fri 27 Nov 13:00"


async def _every_block_is_reachable_at_360_px(p: Page) -> None:
    """The 360 px page scrolls the grid sideways; each session opens its actions when
    clicked there, and each group date can be scrolled into view."""
    assert await p.evaluate("window.innerWidth") == 360
    wrap = p.locator(".week-wrap")
    assert await wrap.evaluate("w => w.scrollWidth > w.clientWidth")
    head = p.locator("#session-head")
    for button in await p.locator("#week-days button.session").all():
        await button.scroll_into_view_if_needed()
        await button.click()
        text = await button.text_content()
        assert text and (await head.text_content() or "").endswith(text)
        assert await p.locator("#session-actions").is_visible()
    for date in await p.locator("#week-days li.group-date").all():
        await date.scroll_into_view_if_needed()
        assert await date.is_visible()
        on_top = "d => { const r = d.getBoundingClientRect();"
        on_top += " return d.contains(document.elementFromPoint(r.x + r.width / 2, r.y + 8)); }"
        assert await date.evaluate(on_top)  # not under the sticky hours
