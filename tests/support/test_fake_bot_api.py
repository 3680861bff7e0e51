"""Tests for the FakeBotApi test double, driven through the real PTB client."""

from __future__ import annotations

import asyncio
import io
import re
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LabeledPrice, Update
from telegram.error import BadRequest, Forbidden, RetryAfter
from telegram.ext import ApplicationBuilder, CallbackQueryHandler, CommandHandler, ContextTypes

from tests.support.fake_bot_api import FakeBotApi

pytestmark = pytest.mark.asyncio

CHAT = 4242


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as fake:
        yield fake


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url) as b:
        yield b


def keyboard(*labels: str) -> InlineKeyboardMarkup:
    rows = [[InlineKeyboardButton(label, callback_data=f"cb:{label}")] for label in labels]
    return InlineKeyboardMarkup(rows)


async def test_get_me(api: FakeBotApi, bot: Bot) -> None:
    me = await bot.get_me()
    assert me.username == "packages_test_bot"
    assert me.id == api.bot_id and me.is_bot
    assert api.root.startswith("http://127.0.0.1:")


async def test_wrong_token_is_unauthorized(api: FakeBotApi) -> None:
    async with httpx.AsyncClient() as client:
        res = await client.post(f"{api.root}/bot999:WRONG/getMe")
    assert res.status_code == 401
    assert res.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}


async def test_unknown_method_is_404(api: FakeBotApi) -> None:
    async with httpx.AsyncClient() as client:
        res = await client.post(f"{api.base_url}{api.token}/sendTelepathy", json={"chat_id": 1})
        # keep-alive: the same connection serves a second request
        ok = await client.get(f"{api.base_url}{api.token}/getMe")
    assert res.status_code == 404
    assert res.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    assert ok.json()["result"]["username"] == "packages_test_bot"


async def test_send_then_edit_keeps_id_and_is_observable(api: FakeBotApi, bot: Bot) -> None:
    sent = await bot.send_message(CHAT, "Pick one", reply_markup=keyboard("A", "B"))
    edited = await bot.edit_message_text("Picked A", chat_id=CHAT, message_id=sent.message_id)
    assert isinstance(edited, type(sent)) and edited.message_id == sent.message_id

    first = await api.next_message(CHAT)
    assert (first.text, first.edited, first.button_labels) == ("Pick one", False, ["A", "B"])
    second = await api.next_message(CHAT, "Picked")
    assert second.edited and second.message_id == sent.message_id
    assert second.method == "editMessageText" and second.reply_markup is None
    assert [m.text for m in api.history(CHAT, sent.message_id)] == ["Pick one", "Picked A"]
    assert api.last_message(CHAT).text == "Picked A"

    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("Picked A", chat_id=CHAT, message_id=sent.message_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_reply_markup(CHAT, 999, reply_markup=keyboard("X"))
    await bot.edit_message_reply_markup(CHAT, sent.message_id, reply_markup=keyboard("Z"))
    assert (await api.next_message(CHAT)).button_labels == ["Z"]


async def test_message_ids_are_per_chat_and_shared_with_user_messages(
    api: FakeBotApi, bot: Bot
) -> None:
    assert api.send_text(1, "hi") == 1
    assert (await bot.send_message(1, "one")).message_id == 2
    assert (await bot.send_message(2, "other chat")).message_id == 1
    assert api.send_text(1, "again") == 3


async def test_next_message_matching_and_timeout_report(api: FakeBotApi, bot: Bot) -> None:
    await bot.send_message(CHAT, "Welcome!")
    await bot.send_message(CHAT, "Your balance: 3 sessions")
    msg = await api.next_message(CHAT, re.compile(r"balance: (\d+)"))
    assert msg.text == "Your balance: 3 sessions"
    later = asyncio.create_task(api.next_message(CHAT, lambda m: "late" in (m.text or "")))
    await asyncio.sleep(0.05)
    await bot.send_message(CHAT, "late reply")
    assert (await later).text == "late reply"

    await bot.send_message(CHAT, "unrelated")
    started = time.monotonic()
    with pytest.raises(AssertionError, match="(?s)No message matching 'nope'.*unrelated"):
        await api.next_message(CHAT, "nope", timeout=0.2)
    assert time.monotonic() - started < 1


async def test_long_poll_returns_early_and_times_out(api: FakeBotApi, bot: Bot) -> None:
    started = time.monotonic()
    # Telegram only takes whole seconds; the fake also accepts fractions (keeps tests fast).
    assert await bot.get_updates(timeout=0.3) == ()  # type: ignore[arg-type]
    assert 0.25 < time.monotonic() - started < 1.5

    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    started = time.monotonic()
    api.send_text(7, "/start")
    updates = await poll
    assert time.monotonic() - started < 1
    assert len(updates) == 1
    message = updates[0].message
    assert message is not None and message.text == "/start" and message.chat.id == 7
    assert message.entities[0].type == "bot_command" and message.entities[0].length == 6


async def test_offset_drops_confirmed_updates(api: FakeBotApi, bot: Bot) -> None:
    for text in ("a", "b", "c"):
        api.send_text(7, text)
    first = await bot.get_updates(limit=2)
    assert [u.message.text for u in first if u.message] == ["a", "b"]
    rest = await bot.get_updates(offset=first[-1].update_id + 1)
    assert [u.message.text for u in rest if u.message] == ["c"]
    assert await bot.get_updates(offset=rest[-1].update_id + 1) == ()


async def test_press_button(api: FakeBotApi, bot: Bot) -> None:
    api.user(CHAT, first_name="Ann", username="ann")
    old = await bot.send_message(CHAT, "old", reply_markup=keyboard("Buy"))
    new = await bot.send_message(CHAT, "new", reply_markup=keyboard("Buy", "Cancel"))
    query_id = api.press_button(CHAT, "Buy")
    (update,) = await bot.get_updates()
    query = update.callback_query
    assert query is not None and query.id == query_id and query.data == "cb:Buy"
    assert query.from_user.username == "ann" and query.message is not None
    assert query.message.message_id == new.message_id
    await query.answer("Done")
    assert api.callback_answers[query_id]["text"] == "Done"
    call = await api.wait_for_call("answerCallbackQuery")
    assert call.params["callback_query_id"] == query_id

    api.press_button(CHAT, "Buy", message_id=old.message_id)
    (_, update) = await bot.get_updates(offset=update.update_id)
    assert update.callback_query and update.callback_query.message
    assert update.callback_query.message.message_id == old.message_id

    with pytest.raises(AssertionError, match=r"(?s)'Pay'.*\['Buy', 'Cancel'\].*\['Buy'\]"):
        api.press_button(CHAT, "Pay")


async def test_press_callback_sends_any_data(api: FakeBotApi, bot: Bot) -> None:
    with pytest.raises(AssertionError, match="No bot any message in chat"):
        api.press_callback(CHAT, "svc:view:1")
    first = await bot.send_message(CHAT, "plain text, no buttons")
    await bot.send_message(CHAT, "newest", reply_markup=keyboard("Buy"))
    query_id = api.press_callback(CHAT, "svc:view:999")
    (update,) = await bot.get_updates()
    query = update.callback_query
    assert query is not None and query.id == query_id and query.data == "svc:view:999"
    assert query.message is not None and query.message.text == "newest"

    api.press_callback(CHAT, "forged", message_id=first.message_id)
    (_, update) = await bot.get_updates(offset=update.update_id)
    assert update.callback_query and update.callback_query.message
    assert update.callback_query.message.message_id == first.message_id
    with pytest.raises(AssertionError, match="No bot message 999"):
        api.press_callback(CHAT, "x", message_id=999)


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_fault_injection(api: FakeBotApi, bot: Bot) -> None:
    api.fail("sendMessage", chat_id=CHAT, retry_after=7)
    api.fail("sendMessage", error_code=403, times=2)
    with pytest.raises(RetryAfter, match="Retry in 7"):
        await bot.send_message(CHAT, "x")
    for _ in range(2):
        with pytest.raises(Forbidden, match="bot was blocked by the user"):
            await bot.send_message(CHAT, "x")
    await bot.send_message(CHAT, "finally")
    assert [m.text for m in api.messages(CHAT)] == ["finally"]
    assert [c.status for c in api.calls if c.method == "sendMessage"] == [429, 403, 403, 200]


async def test_commands_invoice_payments_and_documents(api: FakeBotApi, bot: Bot) -> None:
    await bot.set_my_commands([("start", "Start"), ("help", "Help")])
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    await bot.delete_my_commands()
    assert api.commands() == []
    await bot.set_my_commands([("start", "Anfangen")], language_code="de")
    assert api.commands(language_code="de") == [{"command": "start", "description": "Anfangen"}]
    with pytest.raises(BadRequest, match="(?i)description is invalid"):
        await bot.set_my_commands([("start", "x" * 257)])
    with pytest.raises(BadRequest, match="(?i)bot_command_invalid"):
        await bot.set_my_commands([("Start", "Start")])
    with pytest.raises(BadRequest, match="(?i)language code is invalid"):
        await bot.set_my_commands([("start", "Start")], language_code="deu")
    await bot.set_my_description("Bonjour", language_code="de")
    await bot.set_my_short_description("Kurz", language_code="de")
    assert (await bot.get_my_description("de")).description == "Bonjour"
    assert (await bot.get_my_short_description("de")).short_description == "Kurz"
    assert (api.description("de"), api.description("de", short=True)) == ("Bonjour", "Kurz")
    assert api.description() == ""
    with pytest.raises(BadRequest, match="(?i)short_description is too long"):
        await bot.set_my_short_description("x" * 121)

    invoice = await bot.send_invoice(
        CHAT, "5 sessions", "Package", "pkg:5", "XTR", [LabeledPrice("5 sessions", 500)]
    )
    assert invoice.invoice is not None and invoice.invoice.total_amount == 500
    assert (await api.next_message(CHAT)).invoice == api.last_message(CHAT).invoice
    assert api.last_message(CHAT).invoice["payload"] == "pkg:5"  # type: ignore[index]

    query_id = api.pre_checkout(CHAT, "pkg:5", 500, "XTR")
    (update,) = await bot.get_updates()
    assert update.pre_checkout_query and update.pre_checkout_query.invoice_payload == "pkg:5"
    await update.pre_checkout_query.answer(ok=False, error_message="Sold out")
    assert api.pre_checkout_answers[query_id] == {
        "pre_checkout_query_id": query_id,
        "ok": False,
        "error_message": "Sold out",
    }
    api.successful_payment(CHAT, "pkg:5", 500, "XTR", "tg-charge-1")
    (update,) = await bot.get_updates(offset=update.update_id + 1)
    assert update.message and update.message.successful_payment
    assert update.message.successful_payment.telegram_payment_charge_id == "tg-charge-1"

    csv = io.BytesIO(b"a,b\n1,2\n")
    doc = await bot.send_document(CHAT, csv, filename="r.csv", caption="Report")
    assert doc.document is not None and doc.document.file_name == "r.csv"
    sent = await api.next_message(CHAT, "Report")
    assert sent.document and sent.document["file_size"] == 8
    assert sent.params["document"].data == b"a,b\n1,2\n"


async def test_application_polling_end_to_end(api: FakeBotApi) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(
            f"Hello, args={context.args}", reply_markup=keyboard("Go")
        )

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer()
        await query.edit_message_text(f"Pressed {query.data}")

    app = (
        ApplicationBuilder()
        .token(api.token)
        .base_url(api.base_url)
        .base_file_url(api.base_file_url)
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pressed))
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        user = api.user(77, first_name="Bob")
        user.open_deep_link("hello")
        reply = await user.next_message("Hello")
        assert reply.text == "Hello, args=['hello']"
        user.press_button("Go")
        edited = await user.next_message()
        assert edited.edited and edited.text == "Pressed cb:Go"
        assert edited.message_id == reply.message_id
        await api.wait_for_call("answerCallbackQuery")
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
    assert not api.server_errors


async def test_stop_releases_pending_long_poll() -> None:
    api = FakeBotApi()
    await api.start()
    bot = Bot(api.token, base_url=api.base_url)
    await bot.initialize()
    poll = asyncio.create_task(bot.get_updates(timeout=30, read_timeout=35))
    await asyncio.sleep(0.05)
    started = time.monotonic()
    await api.stop()
    assert await poll == ()
    assert time.monotonic() - started < 1
    await bot.shutdown()


@pytest.mark.parametrize(
    "text",
    ["Sorry, “<b” is not a zone", "<b>open", "<b>x</i>", "<script>x</script>", "a < b"],
)
async def test_html_that_telegram_would_reject_is_rejected(text: str) -> None:
    async with FakeBotApi() as api:
        bot = Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url)
        async with bot:
            with pytest.raises(BadRequest, match="(?i)can't parse entities"):
                await bot.send_message(42, text, parse_mode="HTML")
            ok = await bot.send_message(
                42, '<b>fine</b> &lt;3 <a href="https://x">x</a>', parse_mode="HTML"
            )
            assert ok.message_id > 0
            assert api.last_message(42).content == "fine <3 x"


async def test_too_long_text_and_oversized_callback_data_are_rejected() -> None:
    async with FakeBotApi() as api:
        bot = Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url)
        async with bot:
            with pytest.raises(BadRequest, match="(?i)too long"):
                await bot.send_message(42, "x" * 4097)
            keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("b", callback_data="d" * 65)]])
            with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
                await bot.send_message(42, "hi", reply_markup=keyboard)


async def test_invoices_are_refused_like_telegram_refuses_them(api: FakeBotApi, bot: Bot) -> None:
    def send(currency: str, amount: int, title: str = "Pack", **kw: Any) -> Any:
        return bot.send_invoice(
            CHAT, title, "Desc", "pp_1", currency, [LabeledPrice("x", amount)], **kw
        )

    for bad in (
        send("XTR", 1, provider_token="tok"),
        send("XTR", 25_001),
        send("EUR", 500),
        send("XTR", 5, title="x" * 33),
        send("XTR", 0),
    ):
        with pytest.raises(BadRequest):
            await bad
    await send("EUR", 500, provider_token="tok")
    await send("XTR", 25_000)
    assert len(api.messages(CHAT)) == 2


async def test_pay_invoice_charges_only_after_an_ok_pre_checkout(api: FakeBotApi) -> None:
    async with Bot(api.token, base_url=api.base_url) as bot:
        await bot.send_invoice(CHAT, "Pack", "Desc", "pp_1", "XTR", [LabeledPrice("x", 5)])
        invoice = await api.next_message(CHAT)
        paying = asyncio.create_task(api.pay_invoice(CHAT, invoice, "charge-9"))
        (update,) = await bot.get_updates(timeout=2)
        assert update.pre_checkout_query is not None
        assert update.pre_checkout_query.total_amount == 5
        await update.pre_checkout_query.answer(ok=True)
        assert (await paying)["ok"] is True
        (paid,) = await bot.get_updates(offset=update.update_id + 1, timeout=2)
        assert paid.message and paid.message.successful_payment
        assert paid.message.successful_payment.telegram_payment_charge_id == "charge-9"
        await bot.send_invoice(CHAT, "Pack", "Desc", "pp_2", "XTR", [LabeledPrice("x", 5)])
        second = await api.next_message(CHAT)
        paying = asyncio.create_task(api.pay_invoice(CHAT, second, "charge-10"))
        (update,) = await bot.get_updates(offset=paid.update_id + 1, timeout=2)
        assert update.pre_checkout_query is not None
        with pytest.raises(BadRequest):  # ok=False needs a reason, as in Telegram
            await update.pre_checkout_query.answer(ok=False)
        await update.pre_checkout_query.answer(ok=False, error_message="Sold out")
        assert (await paying)["ok"] is False
        assert await bot.get_updates(offset=update.update_id + 1, timeout=0) == ()


async def test_star_transactions_page_like_telegram_and_parse_in_ptb(
    api: FakeBotApi, bot: Bot
) -> None:
    for number in range(3):
        api.star_payment(CHAT, f"pp_{number}", 10 + number, f"charge-{number}")
    first = await bot.get_star_transactions(offset=0, limit=2)
    rest = await bot.get_star_transactions(offset=2, limit=2)
    assert [t.id for t in first.transactions] == ["charge-0", "charge-1"]
    (last,) = rest.transactions
    assert last.amount == 12 and last.source is not None
    assert last.source.to_dict()["invoice_payload"] == "pp_2"
    assert last.source.to_dict()["user"]["id"] == CHAT
    with pytest.raises(BadRequest):
        await bot.get_star_transactions(limit=101)


async def test_refund_star_payment_answers_as_telegram_does(api: FakeBotApi, bot: Bot) -> None:
    api.star_payment(CHAT, "invoice-1", 250, "stxCharge1")
    with pytest.raises(BadRequest, match="(?i)charge_not_found"):
        await bot.refund_star_payment(CHAT, "stxUnknown")
    with pytest.raises(BadRequest, match="(?i)user_id_invalid"):
        await bot.refund_star_payment(CHAT + 1, "stxCharge1")
    assert await bot.refund_star_payment(CHAT, "stxCharge1") is True
    with pytest.raises(BadRequest, match="(?i)charge_already_refunded"):
        await bot.refund_star_payment(CHAT, "stxCharge1")
    assert api.star_refunds == [{"user_id": CHAT, "telegram_payment_charge_id": "stxCharge1"}]
    ledger = (await bot.get_star_transactions()).transactions
    assert [t.id for t in ledger] == ["stxCharge1", "stxCharge1"]
    assert ledger[1].receiver is not None and ledger[1].source is None
