"""The coach's /availability journey: weekly hours, a bad range refused, days off added and
removed, a booking rule changed, /cancel keeps what was saved; clients cannot open it."""

from __future__ import annotations

from datetime import timedelta

from domain.booking.availability import TimeRange
from domain.booking.coach_availability import get_availability
from tests.e2e.booking_steps import coach_in_berlin
from tests.e2e.conftest import CLIENT, COACH, BotHarness


async def test_coach_sets_hours_days_off_and_rules(harness: BotHarness) -> None:
    api = harness.api
    await coach_in_berlin(harness)
    api.send_text(COACH, "/availability")
    menu = await api.next_message(COACH, "Your availability · times in Europe/Berlin")
    assert "Mon: off" in menu.content and "Minimum notice: 12 h" in menu.content

    api.press_button(COACH, "Mon")
    await api.next_message(COACH, "Working hours on Monday (now: off)")
    api.send_text(COACH, "14:00-12:00")
    await api.next_message(COACH, "Sorry, 14:00–12:00 does not run forward within one day")
    api.send_text(COACH, "9-12, 14:00-18:00")
    menu = await api.next_message(COACH, "Saved.")
    assert "Mon: 09:00–12:00, 14:00–18:00" in menu.content and "Tue: off" in menu.content

    api.press_button(COACH, "➕ Days off")
    await api.next_message(COACH, "Which days are you off?")
    api.send_text(COACH, "24.12.2026 - 2.1.2027")
    menu = await api.next_message(COACH, "Saved.")
    assert "Days off: 24 Dec 2026 – 02 Jan 2027" in menu.content

    api.press_button(COACH, "Buffer between sessions")
    await api.next_message(COACH, "free minutes do you keep between two sessions")
    api.send_text(COACH, "5h")
    await api.next_message(COACH, "Sorry, the buffer is from 0 to 240 minutes")
    api.send_text(COACH, "15")
    menu = await api.next_message(COACH, "Buffer between sessions: 15 min")

    api.press_button(COACH, "➖ Days off")
    await api.next_message(COACH, "Which days off should go?")
    api.press_button(COACH, "🗑 24 Dec 2026 – 02 Jan 2027")
    menu = await api.next_message(COACH, "Days off: none")
    api.press_button(COACH, "✅ Done")
    await api.next_message(COACH, "Your availability is saved")

    assert harness.app is not None
    _, saved = await get_availability(harness.app.deps.uow_factory(), COACH)
    assert saved.weekly == {0: (TimeRange(540, 720), TimeRange(840, 1080))}
    assert saved.days_off == () and saved.settings.buffer_minutes == 15


async def test_cancel_keeps_what_was_saved_and_forged_buttons_change_nothing(
    harness: BotHarness,
) -> None:
    api = harness.api
    api.send_text(COACH, "/availability")
    await api.next_message(COACH, "Your availability")
    api.press_button(COACH, "Minimum notice")
    await api.next_message(COACH, "Minimum notice")
    api.send_text(COACH, "2d")
    await api.next_message(COACH, "Minimum notice: 2 days")
    for forged in ("av:day:9", "av:offx:20261301:20261302", "av:set:colour"):
        api.press_callback(COACH, forged)
        await api.next_message(COACH, "I couldn't find that")
    api.press_button(COACH, "Fri")
    await api.next_message(COACH, "Working hours on Friday")
    api.send_text(COACH, "/cancel")
    await api.next_message(COACH, "Stopped. Every change you made before is saved.")
    assert harness.app is not None
    _, saved = await get_availability(harness.app.deps.uow_factory(), COACH)
    assert saved.settings.notice == timedelta(days=2) and saved.weekly == {}
    assert saved.days_off == ()


async def test_clients_cannot_set_availability(harness: BotHarness) -> None:
    harness.api.send_text(CLIENT, "/availability")
    await harness.api.next_message(CLIENT, "That command is for coaches")


async def test_availability_is_in_the_coach_menu_and_help(harness: BotHarness) -> None:
    api = harness.api
    scope = {"type": "chat", "chat_id": COACH}
    assert "availability" in [c["command"] for c in api.commands(scope)]
    api.send_text(COACH, "/help")
    await api.next_message(COACH, "/availability — weekly working hours")


async def test_coach_sets_the_week_in_one_message_and_confirms(harness: BotHarness) -> None:
    api = harness.api
    await coach_in_berlin(harness)
    api.send_text(COACH, "/availability")
    await api.next_message(COACH, "Or type your week in one message")
    api.send_text(COACH, "Mon-Fri 09:00-12:00\nFunday 10-14")
    await api.next_message(COACH, "Sorry, line 2: “Funday” is not a weekday")
    api.send_text(COACH, "Mon-Fri 09:00-12:00, 14:00-18:00\nSat 10:00-14:00")
    understood = await api.next_message(COACH, "I understood:")
    assert "Fri: 09:00–12:00, 14:00–18:00" in understood.content
    assert "Sat: 10:00–14:00" in understood.content and "Sun" not in understood.content
    assert harness.app is not None
    _, before = await get_availability(harness.app.deps.uow_factory(), COACH)
    assert before.weekly == {}  # nothing saved before the press

    api.press_button(COACH, "✅ Save these hours")
    menu = await api.next_message(COACH, "Saved your week.")
    assert "Wed: 09:00–12:00, 14:00–18:00" in menu.content and "Sun: off" in menu.content
    api.press_callback(COACH, "avw:ok", understood.message_id)  # pressed again
    await api.wait_for_call("answerCallbackQuery", lambda p: p.get("text") == "Already done.")

    _, saved = await get_availability(harness.app.deps.uow_factory(), COACH)
    day = (TimeRange(540, 720), TimeRange(840, 1080))
    assert saved.weekly == {**dict.fromkeys(range(5), day), 5: (TimeRange(600, 840),)}

    api.send_text(COACH, "Sat off")
    await api.next_message(COACH, "Sat: off")
    api.press_button(COACH, "✖ Don't")
    await api.next_message(COACH, "Nothing changed.")
    _, kept = await get_availability(harness.app.deps.uow_factory(), COACH)
    assert kept.weekly == saved.weekly
