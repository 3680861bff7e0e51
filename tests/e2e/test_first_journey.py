"""Foundation journeys: greeting, coach home, time zone, registration, plans, links, errors."""

from __future__ import annotations

from telegram.ext import CommandHandler

from tests.e2e.conftest import ADMIN, CLIENT, COACH, BotHarness


async def test_client_is_greeted_and_told_how_links_work(harness: BotHarness) -> None:
    api = harness.api
    api.user(CLIENT, first_name="Bob <3 & Co")
    api.send_text(CLIENT, "/start")
    welcome = await api.next_message(CLIENT, "Hi Bob <3 & Co! I help you book sessions")
    assert "access link" in welcome.text
    api.send_text(CLIENT, "/help")
    help_text = await api.next_message(CLIENT, "What you can do")
    assert "UTC (default)" in help_text.text
    assert "/setplan" not in help_text.text


async def test_listed_coach_gets_coach_home_with_booking_page_link(harness: BotHarness) -> None:
    api = harness.api
    api.send_text(COACH, "/start")
    home = await api.next_message(COACH, "Coach home")
    assert "https://t.me/packages_test_bot?start=c_" in home.text
    assert "Plan: free" in home.text


async def test_menus_are_registered_for_clients_and_each_coach(harness: BotHarness) -> None:
    api = harness.api
    await api.wait_for_call("setMyCommands", lambda p: p.get("scope", {}).get("chat_id") == COACH)
    default = [c["command"] for c in api.commands({"type": "default"})]
    coach = [c["command"] for c in api.commands({"type": "chat", "chat_id": COACH})]
    assert "timezone" in default and "start" in default
    assert "start" in coach and "help" in coach


async def test_timezone_from_a_button_then_a_typo_then_typed(harness: BotHarness) -> None:
    api = harness.api
    api.send_text(CLIENT, "/timezone")
    await api.next_message(CLIENT, "Choose a new one below")
    api.press_button(CLIENT, "Europe/Berlin")
    await api.next_message(CLIENT, "times are now shown in Europe/Berlin")
    api.send_text(CLIENT, "/timezone")
    await api.next_message(CLIENT, "Your time zone is now Europe/Berlin")
    api.send_text(CLIENT, "Mars/Olympus_Mons")
    refusal = await api.next_message(CLIENT, "not a time zone I know")
    assert "Traceback" not in refusal.text
    api.send_text(CLIENT, "<b>Berlin")  # shown back escaped, so Telegram accepts the reply
    await api.next_message(CLIENT, "“<b>Berlin” is not a time zone I know")
    api.send_text(CLIENT, "america/sao_paulo")
    await api.next_message(CLIENT, "America/Sao_Paulo")
    api.send_text(CLIENT, "/help")
    await api.next_message(CLIENT, "now: America/Sao_Paulo")


async def test_cancel_leaves_the_timezone_flow_and_changes_nothing(harness: BotHarness) -> None:
    api = harness.api
    api.send_text(CLIENT, "/timezone")
    await api.next_message(CLIENT, "Choose a new one below")
    api.send_text(CLIENT, "/cancel")
    await api.next_message(CLIENT, "Cancelled. Nothing was changed.")
    api.send_text(CLIENT, "Asia/Tokyo")  # no flow open any more: not taken as a zone
    api.send_text(CLIENT, "/help")
    await api.next_message(CLIENT, "UTC (default)")
    api.send_text(CLIENT, "/cancel")
    await api.next_message(CLIENT, "There is nothing to cancel")


async def test_timezone_flow_survives_a_bot_restart(harness: BotHarness) -> None:
    api = harness.api
    api.send_text(CLIENT, "/timezone")
    await api.next_message(CLIENT, "Choose a new one below")
    await harness.restart()
    api.send_text(CLIENT, "Asia/Tokyo")
    await api.next_message(CLIENT, "times are now shown in Asia/Tokyo")


async def test_becomecoach_closed_then_open(harness: BotHarness) -> None:
    api = harness.api
    api.send_text(CLIENT, "/becomecoach")
    await api.next_message(CLIENT, "Coach registration is closed")
    await harness.stop()
    await harness.start(coach_registration="open")
    api.send_text(CLIENT, "/becomecoach")
    await api.next_message(CLIENT, "You are now a coach")
    await api.wait_for_call("setMyCommands", lambda p: p.get("scope", {}).get("chat_id") == CLIENT)
    api.send_text(CLIENT, "/start")
    await api.next_message(CLIENT, "Coach home")


async def test_admin_sets_a_coach_plan_and_others_cannot(harness: BotHarness) -> None:
    api = harness.api
    api.send_text(COACH, "/start")
    await api.next_message(COACH, "Plan: free")
    api.send_text(CLIENT, f"/setplan {COACH} pro")
    await api.next_message(CLIENT, "only an administrator")
    api.send_text(ADMIN, "/setplan nonsense")
    await api.next_message(ADMIN, "Usage: /setplan")
    for huge in ("99999999999999999999999", str(2**63), "0", "-5"):
        api.send_text(ADMIN, f"/setplan {huge} pro")
        await api.next_message(ADMIN, "Usage: /setplan")
    api.send_text(ADMIN, f"/setplan {COACH} platinum")
    await api.next_message(ADMIN, "plan must be free, growth or pro")
    api.send_text(ADMIN, "/setplan 424242 pro")
    await api.next_message(ADMIN, "couldn't find")
    api.send_text(ADMIN, f"/setplan {COACH} growth")
    await api.next_message(ADMIN, "is now on the growth plan")
    api.send_text(COACH, "/start")
    await api.next_message(COACH, "Plan: growth")


async def test_unknown_deep_links_all_get_the_same_polite_answer(harness: BotHarness) -> None:
    api = harness.api
    answers = []
    for payload in ("hello", "c_nobody-000000", "p_doesnotexist", "a_" + "x" * 43, "z_1"):
        api.open_deep_link(CLIENT, payload)
        answers.append((await api.next_message(CLIENT, "not valid")).text)
    assert len(set(answers)) == 1


async def test_an_unexpected_failure_is_answered_not_silent(harness: BotHarness) -> None:
    async def boom(update: object, context: object) -> None:
        raise RuntimeError("database exploded")

    assert harness.app is not None
    harness.app.add_handler(CommandHandler("boom", boom), group=-1)
    harness.api.send_text(CLIENT, "/boom")
    reply = await harness.api.next_message(CLIENT, "Something went wrong")
    assert "nothing was changed" in reply.text
    assert "exploded" not in reply.text


async def test_one_flow_at_a_time_and_nothing_goes_unanswered(harness: BotHarness) -> None:
    api = harness.api
    api.send_text(COACH, "/timezone")
    await api.next_message(COACH, "Choose a new one below")
    api.send_text(COACH, "/newservice")
    await api.next_message(COACH, "You are in the middle of choosing your time zone (/timezone)")
    api.send_text(COACH, "Asia/Tokyo")  # the open flow still takes its answer
    await api.next_message(COACH, "times are now shown in Asia/Tokyo")
    api.send_text(COACH, "/frobnicate")
    await api.next_message(COACH, "I don't know that command")
    api.send_text(COACH, "hello?")
    await api.next_message(COACH, "I'm not sure what to do with that")


async def test_a_flood_limit_from_telegram_is_waited_out_not_lost(harness: BotHarness) -> None:
    api = harness.api
    api.fail("sendMessage", chat_id=CLIENT, error_code=429, retry_after=1)
    api.send_text(CLIENT, "/start")
    await api.next_message(CLIENT, "I help you book sessions", timeout=10)
    refused = [c for c in api.calls if c.method == "sendMessage" and c.status == 429]
    assert len(refused) == 1
