"""In-process fake of the Telegram Bot API HTTP server.

Used by end-to-end tests (and a token-free sandbox mode) that run the real PTB
``Application`` in polling mode against a local server::

    async with FakeBotApi() as api:
        app = (ApplicationBuilder().token(api.token)
               .base_url(api.base_url).base_file_url(api.base_file_url).build())
        ...  # initialize/start app, app.updater.start_polling(poll_interval=0, timeout=1)
        api.send_text(42, "/start")
        reply = await api.next_message(42, "Welcome")
        api.press_button(42, "Buy")

The server is a minimal HTTP/1.1 implementation (keep-alive, Content-Length and
chunked bodies; JSON, urlencoded and multipart payloads) on ``asyncio.start_server``.
It is bound to the event loop it was started in and is not thread-safe.
Limitations: ``parse_mode`` is recorded but not rendered (``text`` stays raw);
only private chats (chat_id == user_id) are modelled.
"""

from __future__ import annotations

import asyncio
import html
import inspect
import json
import logging
import re
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from email.message import Message as _HeaderParser
from email.utils import collapse_rfc2231_value
from http import HTTPStatus
from typing import Any, TypeAlias
from urllib.parse import parse_qsl, urlsplit

JSON: TypeAlias = dict[str, Any]
Matcher: TypeAlias = "str | re.Pattern[str] | Callable[[SentMessage], bool] | None"

_log = logging.getLogger(__name__)
_TAG = re.compile(r"<[^>]+>")
_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict",
    500: "Internal Server Error",
    502: "Bad Gateway",
}
# Form/multipart values are JSON-encoded by PTB unless they are plain strings; these
# parameters are always strings and must never be JSON-decoded.
_STRING_PARAMS = frozenset(
    "text caption title description payload currency provider_token parse_mode error_message "
    "callback_query_id pre_checkout_query_id url secret_token start_parameter inline_message_id "
    "language_code provider_data photo_url business_connection_id message_effect_id ip_address "
    "action document photo audio video voice animation sticker file_id".split()
)


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request (e.g. ``document`` of sendDocument)."""

    field: str
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class SentMessage:
    """Snapshot of a bot message: one per send and one per successful edit."""

    chat_id: int
    message_id: int
    text: str | None
    reply_markup: JSON | None  # as sent (inline or reply keyboard), decoded to a dict
    parse_mode: str | None
    edited: bool  # False for the original send, True for snapshots produced by edits
    method: str  # API method that produced this snapshot, e.g. "editMessageText"
    caption: str | None = None
    invoice: JSON | None = None  # sendInvoice params incl. payload, prices, total_amount
    document: JSON | None = None  # file_id, file_unique_id, file_name, mime_type, file_size
    params: JSON = field(default_factory=dict, repr=False)  # raw decoded request params
    date: int = 0

    @property
    def content(self) -> str:
        """What the person reads, used for matching: text, else caption, else invoice title.
        HTML messages are shown as Telegram renders them: tags dropped, entities decoded."""
        raw = self.text or self.caption or (self.invoice or {}).get("title") or ""
        if (self.parse_mode or "").lower() == "html":
            return html.unescape(_TAG.sub("", raw))
        return raw

    @property
    def buttons(self) -> list[JSON]:
        """All inline keyboard buttons, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [button for row in rows for button in row]

    @property
    def button_labels(self) -> list[str]:
        return [str(b.get("text")) for b in self.buttons]

    def button(self, label: str) -> JSON | None:
        return next((b for b in self.buttons if b.get("text") == label), None)


@dataclass(frozen=True)
class ApiCall:
    """One HTTP call the bot made: method name (canonical casing), params and response."""

    method: str
    params: JSON
    status: int
    response: JSON = field(repr=False)
    at: float = field(default_factory=time.monotonic, repr=False)  # when it was answered


@dataclass
class FakeUser:
    """A private-chat user; convenience wrapper around the ``FakeBotApi`` injectors."""

    api: FakeBotApi = field(repr=False)
    id: int
    first_name: str
    username: str | None = None
    language_code: str | None = "en"

    def to_json(self) -> JSON:
        data: JSON = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data

    def send_text(self, text: str) -> int:
        return self.api.send_text(self.id, text)

    def open_deep_link(self, payload: str) -> int:
        return self.api.open_deep_link(self.id, payload)

    def press_button(self, label: str, message_id: int | None = None) -> str:
        return self.api.press_button(self.id, label, message_id)

    async def next_message(
        self,
        match: Matcher = None,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> SentMessage:
        return await self.api.next_message(self.id, match, timeout)


@dataclass
class _Fault:
    method: str
    chat_id: int | str | None
    error_code: int
    description: str
    parameters: JSON | None
    times: int


class _ApiError(Exception):
    def __init__(self, code: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.parameters = code, description, parameters

    def payload(self) -> JSON:
        data: JSON = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            data["parameters"] = self.parameters
        return data


class FakeBotApi:
    """Fake Telegram Bot API server. See the module docstring for usage."""

    def __init__(
        self,
        *,
        bot_id: int = 123456,
        bot_username: str = "packages_test_bot",
        bot_first_name: str = "Packages Test Bot",
        host: str = "127.0.0.1",
        latency: float = 0.0,
    ) -> None:
        self.bot_id, self.bot_username, self.bot_first_name = bot_id, bot_username, bot_first_name
        self.token = f"{bot_id}:TEST-TOKEN"
        self.host, self.port = host, 0
        self.latency = latency  # seconds every call waits, like the network to Telegram
        self.calls: list[ApiCall] = []
        self.updates: list[JSON] = []  # every injected update, confirmed or not
        self.callback_answers: dict[str, JSON] = {}  # callback_query_id -> answer params
        self.pre_checkout_answers: dict[str, JSON] = {}  # query id -> params (ok, error_message)
        self.my_commands: dict[tuple[str, str], list[JSON]] = {}  # (scope json, lang) -> cmds
        self.descriptions: dict[tuple[str, str], str] = {}  # (kind, lang) -> the bot's profile
        self.webhook_url = ""
        self.star_transactions: list[JSON] = []  # the bot's Stars ledger, oldest first
        self.star_refunds: list[JSON] = []  # refundStarPayment calls that refunded, in order
        self.server_errors: list[str] = []  # tracebacks of bugs inside the fake itself
        self._users: dict[int, FakeUser] = {}
        self._pending: list[JSON] = []
        self._update_id = 0
        self._query_id = 0
        self._msg_ids: dict[int, int] = {}
        self._messages: dict[int, dict[int, list[SentMessage]]] = {}  # chat -> id -> history
        self._outputs: dict[int, list[SentMessage]] = {}
        self._cursors: dict[int, int] = {}
        self._call_cursors: dict[str, int] = {}
        self._faults: list[_Fault] = []
        self._tick = asyncio.Event()
        self._closing = False
        self._server: asyncio.Server | None = None
        self._conns: set[asyncio.Task[Any]] = set()
        self._busy: set[asyncio.Task[Any]] = set()
        self._writers: set[asyncio.StreamWriter] = set()
        handlers: dict[str, Callable[[JSON], Any]] = {
            "getMe": lambda p: {
                **self.bot_user,
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            },
            "getUpdates": self._get_updates,
            "deleteWebhook": self._delete_webhook,
            "setWebhook": self._set_webhook,
            "getWebhookInfo": self._webhook_info,
            "setMyCommands": self._set_commands,
            "getMyCommands": self._get_commands,
            "deleteMyCommands": self._delete_commands,
            "setMyDescription": lambda p: self._set_description(p, "description", 512),
            "getMyDescription": lambda p: self._get_description(p, "description"),
            "setMyShortDescription": lambda p: self._set_description(p, "short_description", 120),
            "getMyShortDescription": lambda p: self._get_description(p, "short_description"),
            "sendMessage": self._send_message,
            "editMessageText": lambda p: self._edit(p, "editMessageText"),
            "editMessageReplyMarkup": lambda p: self._edit(p, "editMessageReplyMarkup"),
            "answerCallbackQuery": self._answer_callback,
            "sendInvoice": self._send_invoice,
            "answerPreCheckoutQuery": self._answer_pre_checkout,
            "getStarTransactions": self._get_star_transactions,
            "refundStarPayment": self._refund_star_payment,
            "sendDocument": self._send_document,
            "deleteMessage": self._delete_message,
            "sendChatAction": lambda p: True,
            "setChatMenuButton": lambda p: True,
            "close": lambda p: True,
            "logOut": lambda p: True,
        }
        self._handlers = {name.lower(): (name, fn) for name, fn in handlers.items()}

    # ------------------------------------------------------------------ lifecycle
    @property
    def root(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.root}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.root}/file/bot"

    @property
    def bot_user(self) -> JSON:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    async def start(self) -> None:
        self._closing = False
        self._server = await asyncio.start_server(self._serve_connection, self.host, 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        """Release pending long polls, let in-flight requests answer, close everything."""
        if self._server is None:
            return
        self._closing = True
        self._notify()
        self._server.close()
        if self._busy:  # e.g. long polls that were just released: let them answer
            await asyncio.wait(set(self._busy), timeout=1.0)
        for writer in list(self._writers):
            writer.close()  # idle keep-alive connections see EOF and end their loop
        if self._conns:
            await asyncio.wait(set(self._conns), timeout=1.0)
        for task in list(self._conns):
            task.cancel()
        await asyncio.gather(*self._conns, return_exceptions=True)
        await self._server.wait_closed()
        self._server = None

    async def __aenter__(self) -> FakeBotApi:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    # ------------------------------------------------------------------ injecting updates
    def user(
        self,
        user_id: int,
        first_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
    ) -> FakeUser:
        """Get (creating with defaults if needed) a user; given fields overwrite existing."""
        u = self._users.setdefault(user_id, FakeUser(self, user_id, "Test User"))
        u.first_name = first_name or u.first_name
        u.username = username or u.username
        u.language_code = language_code or u.language_code
        return u

    def send_text(self, user_id: int, text: str) -> int:
        """Inject a private text message from the user; returns its message id."""
        msg = self._user_message(user_id, text=text)
        if text.startswith("/"):
            length = len(text.split(maxsplit=1)[0])
            msg["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        self._push_update("message", msg)
        return int(msg["message_id"])

    def open_deep_link(self, user_id: int, payload: str) -> int:
        """Simulate t.me/<bot>?start=<payload>, i.e. the user sends ``/start <payload>``."""
        return self.send_text(user_id, f"/start {payload}")

    def press_button(self, chat_id: int, label: str, message_id: int | None = None) -> str:
        """Press the inline button ``label`` on the newest bot message having it (or on
        ``message_id``); returns the callback query id."""
        candidates = [h[-1] for h in reversed(self._messages.get(chat_id, {}).values())]
        if message_id is not None:
            candidates = [m for m in candidates if m.message_id == message_id]
        for msg in candidates:
            button = msg.button(label)
            if button is not None:
                break
        else:
            found = [
                f"  message {m.message_id}: {m.button_labels}" for m in candidates if m.buttons
            ] or ["  (no inline buttons)"]
            where = f"message {message_id}" if message_id is not None else f"chat {chat_id}"
            raise AssertionError(
                f"No inline button {label!r} in {where}. Available buttons:\n" + "\n".join(found)
            )
        if "callback_data" not in button:
            raise AssertionError(f"Button {label!r} has no callback_data: {button}")
        return self._push_callback(chat_id, msg, str(button["callback_data"]))

    def press_callback(self, chat_id: int, data: str, message_id: int | None = None) -> str:
        """Inject a callback query with arbitrary ``data`` (e.g. forged by a client) from the
        newest bot message in the chat (or ``message_id``), whatever its buttons; returns the
        callback query id."""
        candidates = [h[-1] for h in reversed(self._messages.get(chat_id, {}).values())]
        if message_id is not None:
            candidates = [m for m in candidates if m.message_id == message_id]
        if not candidates:
            where = f"message {message_id}" if message_id is not None else "any message"
            raise AssertionError(f"No bot {where} in chat {chat_id} to attach the query to")
        return self._push_callback(chat_id, candidates[0], data)

    def _push_callback(self, chat_id: int, msg: SentMessage, data: str) -> str:
        query_id = self._new_query_id("cbq")
        self._push_update(
            "callback_query",
            {
                "id": query_id,
                "from": self.user(chat_id).to_json(),
                "chat_instance": str(chat_id),
                "message": self._message_json(msg),
                "data": data,
            },
        )
        return query_id

    def pre_checkout(
        self, user_id: int, invoice_payload: str, total_amount: int, currency: str
    ) -> str:
        """Inject a pre_checkout_query; returns its id (see ``pre_checkout_answers``)."""
        query_id = self._new_query_id("pcq")
        self._push_update(
            "pre_checkout_query",
            {
                "id": query_id,
                "from": self.user(user_id).to_json(),
                "currency": currency,
                "total_amount": total_amount,
                "invoice_payload": invoice_payload,
            },
        )
        return query_id

    def successful_payment(
        self,
        user_id: int,
        invoice_payload: str,
        total_amount: int,
        currency: str,
        telegram_payment_charge_id: str,
        provider_payment_charge_id: str = "provider-charge",
    ) -> int:
        """Inject a service message with ``successful_payment``; returns its message id."""
        msg = self._user_message(
            user_id,
            successful_payment={
                "currency": currency,
                "total_amount": total_amount,
                "invoice_payload": invoice_payload,
                "telegram_payment_charge_id": telegram_payment_charge_id,
                "provider_payment_charge_id": provider_payment_charge_id,
            },
        )
        self._push_update("message", msg)
        return int(msg["message_id"])

    async def pay_invoice(
        self,
        user_id: int,
        invoice: SentMessage,
        telegram_payment_charge_id: str,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> JSON:
        """Pay an invoice message as Telegram does: a pre_checkout_query first; only if the
        bot answers ok=True, a ``successful_payment`` message. Returns the bot's answer."""
        assert invoice.invoice is not None, "that message is not an invoice"
        details = invoice.invoice
        args = (details["payload"], int(details["total_amount"]), str(details["currency"]))
        query_id = self.pre_checkout(user_id, *args)
        await self._wait_until(lambda: query_id in self.pre_checkout_answers, timeout)
        answer = self.pre_checkout_answers.get(query_id)
        if answer is None:
            raise AssertionError(f"The bot did not answer pre-checkout query {query_id}")
        if answer.get("ok"):
            if args[2] == "XTR":
                self.star_payment(user_id, args[0], args[1], telegram_payment_charge_id)
            self.successful_payment(user_id, *args, telegram_payment_charge_id)
        return answer

    def star_payment(
        self, user_id: int, invoice_payload: str, amount: int, telegram_payment_charge_id: str
    ) -> JSON:
        """Record a Stars payment in the bot's ledger (``getStarTransactions``) as Telegram
        does when it charges, without delivering its ``successful_payment`` (a lost update)."""
        transaction = {
            "id": telegram_payment_charge_id,
            "amount": amount,
            "date": int(time.time()),
            "source": {
                "type": "user",
                "transaction_type": "invoice_payment",
                "user": self.user(user_id).to_json(),
                "invoice_payload": invoice_payload,
            },
        }
        self.star_transactions.append(transaction)
        return transaction

    # ------------------------------------------------------------------ inspecting output
    def messages(self, chat_id: int) -> list[SentMessage]:
        """Current state of every (non-deleted) bot message in the chat, oldest first."""
        return [h[-1] for h in self._messages.get(chat_id, {}).values()]

    def last_message(self, chat_id: int) -> SentMessage:
        msgs = self.messages(chat_id)
        if not msgs:
            raise AssertionError(f"The bot sent no messages to chat {chat_id}")
        return msgs[-1]

    def history(self, chat_id: int, message_id: int) -> list[SentMessage]:
        """Original send plus every edit of one message."""
        return list(self._messages.get(chat_id, {}).get(message_id, []))

    def outputs(self, chat_id: int) -> list[SentMessage]:
        """Every send and edit snapshot for the chat, in the order they happened."""
        return list(self._outputs.get(chat_id, []))

    def commands(self, scope: JSON | None = None, language_code: str = "") -> list[JSON]:
        return list(self.my_commands.get(self._commands_key(scope, language_code), []))

    async def next_message(
        self,
        chat_id: int,
        match: Matcher = None,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> SentMessage:
        """Wait for the next output (send or edit, see ``SentMessage.edited``) to ``chat_id``
        after the chat's cursor that matches ``match`` (substring / regex search on
        ``content`` / predicate). The cursor moves past the match, skipping non-matches."""
        found: list[SentMessage] = []

        def scan() -> bool:
            outs = self._outputs.get(chat_id, [])
            for i in range(self._cursors.get(chat_id, 0), len(outs)):
                if _matches(outs[i], match):
                    self._cursors[chat_id] = i + 1
                    found.append(outs[i])
                    return True
            return False

        if await self._wait_until(scan, timeout):
            return found[0]
        unseen = self._outputs.get(chat_id, [])[self._cursors.get(chat_id, 0) :]
        lines = [
            f"  #{m.message_id} {'edited' if m.edited else 'sent'}: {m.content!r}"
            + (f" buttons={m.button_labels}" if m.buttons else "")
            for m in unseen
        ]
        errors = [
            f"  {c.method} -> {c.status} {c.response.get('description')}"
            for c in self.calls
            if c.status != 200 and _chat_of(c.params) == chat_id
        ]
        raise AssertionError(
            f"No message matching {match!r} to chat {chat_id} within {timeout}s.\n"
            "Unconsumed output to this chat:\n"
            + ("\n".join(lines) or "  (nothing)")
            + ("\nFailed API calls for this chat:\n" + "\n".join(errors) if errors else "")
            + (
                "\nErrors inside FakeBotApi:\n" + "\n".join(self.server_errors)
                if self.server_errors
                else ""
            )
        )

    async def wait_for_call(
        self,
        method: str,
        predicate: Callable[[JSON], bool] | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> ApiCall:
        """Wait for the next call of ``method`` (after the per-method cursor) whose params
        satisfy ``predicate``; the cursor moves past it. Already-made calls count."""
        key, found = method.lower(), []

        def scan() -> bool:
            for i in range(self._call_cursors.get(key, 0), len(self.calls)):
                call = self.calls[i]
                if call.method.lower() == key and (predicate is None or predicate(call.params)):
                    self._call_cursors[key] = i + 1
                    found.append(call)
                    return True
            return False

        if await self._wait_until(scan, timeout):
            return found[0]
        seen = [f"  {c.params!r} -> {c.status}" for c in self.calls if c.method.lower() == key]
        raise AssertionError(
            f"No matching {method} call within {timeout}s. Calls so far:\n"
            + ("\n".join(seen) or "  (none)")
        )

    # ------------------------------------------------------------------ fault injection
    def fail(
        self,
        method: str,
        chat_id: int | str | None = None,
        error_code: int = 429,
        retry_after: int | None = None,
        description: str | None = None,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls of ``method`` (to ``chat_id`` if given) fail."""
        if error_code == 429:
            retry_after = 1 if retry_after is None else retry_after
            description = description or f"Too Many Requests: retry after {retry_after}"
        description = description or _DEFAULT_DESCRIPTIONS.get(error_code, "Error")
        params = {"retry_after": retry_after} if retry_after is not None else None
        self._faults.append(
            _Fault(method.lower(), chat_id, error_code, description, params, times)
        )

    # ------------------------------------------------------------------ internals: state
    def _notify(self) -> None:
        self._tick.set()
        self._tick = asyncio.Event()

    async def _wait_until(self, predicate: Callable[[], bool], seconds: float) -> bool:
        deadline = asyncio.get_running_loop().time() + seconds
        while not predicate():
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                return False
            try:
                await asyncio.wait_for(self._tick.wait(), remaining)
            except TimeoutError:
                pass
        return True

    def _push_update(self, kind: str, obj: JSON) -> None:
        self._update_id += 1
        update = {"update_id": self._update_id, kind: obj}
        self.updates.append(update)
        self._pending.append(update)
        self._notify()

    def _new_query_id(self, prefix: str) -> str:
        self._query_id += 1
        return f"{prefix}-{self._query_id}"

    def _next_message_id(self, chat_id: int) -> int:
        self._msg_ids[chat_id] = self._msg_ids.get(chat_id, 0) + 1
        return self._msg_ids[chat_id]

    def _chat_json(self, chat_id: int) -> JSON:
        u = self.user(chat_id)
        chat: JSON = {"id": chat_id, "type": "private", "first_name": u.first_name}
        return {**chat, "username": u.username} if u.username else chat

    def _user_message(self, user_id: int, **fields: Any) -> JSON:
        return {
            "message_id": self._next_message_id(user_id),
            "date": int(time.time()),
            "from": self.user(user_id).to_json(),
            "chat": self._chat_json(user_id),
            **fields,
        }

    def _message_json(self, m: SentMessage) -> JSON:
        data: JSON = {
            "message_id": m.message_id,
            "date": m.date,
            "from": self.bot_user,
            "chat": self._chat_json(m.chat_id),
        }
        if m.text is not None:
            data["text"] = m.text
        if m.caption is not None:
            data["caption"] = m.caption
        if m.reply_markup and "inline_keyboard" in m.reply_markup:
            data["reply_markup"] = m.reply_markup
        if m.invoice:
            keys = ("title", "description", "start_parameter", "currency", "total_amount")
            data["invoice"] = {k: m.invoice[k] for k in keys}
        if m.document:
            data["document"] = m.document
        if m.edited:
            data["edit_date"] = int(time.time())
        return data

    def _store(self, p: JSON, method: str, **content: Any) -> JSON:
        chat_id = _require_chat(p)
        msg = SentMessage(
            chat_id,
            self._next_message_id(chat_id),
            content.pop("text", None),
            p.get("reply_markup"),
            p.get("parse_mode"),
            False,
            method,
            params=p,
            date=int(time.time()),
            **content,
        )
        self._messages.setdefault(chat_id, {})[msg.message_id] = [msg]
        self._outputs.setdefault(chat_id, []).append(msg)
        self._notify()
        return self._message_json(msg)

    @staticmethod
    def _commands_key(scope: JSON | None, language_code: str | None) -> tuple[str, str]:
        return json.dumps(scope or {"type": "default"}, sort_keys=True), language_code or ""

    # ------------------------------------------------------------------ internals: methods
    async def _get_updates(self, p: JSON) -> list[JSON]:
        if self.webhook_url:
            raise _ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is "
                "active; use deleteWebhook to delete the webhook first",
            )
        offset, limit = int(p.get("offset") or 0), min(max(int(p.get("limit") or 100), 1), 100)
        if offset > 0:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        elif offset < 0:
            self._pending = self._pending[offset:]
        await self._wait_until(
            lambda: bool(self._pending) or self._closing, float(p.get("timeout") or 0)
        )
        return self._pending[:limit]

    def _delete_webhook(self, p: JSON) -> bool:
        self.webhook_url = ""
        if p.get("drop_pending_updates"):
            self._pending.clear()
        return True

    def _set_webhook(self, p: JSON) -> bool:
        self.webhook_url = str(p.get("url") or "")
        return True

    def _webhook_info(self, p: JSON) -> JSON:
        return {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }

    def _set_commands(self, p: JSON) -> bool:
        key = self._commands_key(p.get("scope"), self._language(p))
        commands = list(p.get("commands") or [])
        if len(commands) > 100:
            raise _ApiError(400, "Bad Request: too many commands")
        for command in commands:  # Telegram's rules for a command and its description
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command", ""))):
                raise _ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise _ApiError(400, "Bad Request: command description is invalid")
        self.my_commands[key] = commands
        return True

    def description(self, language_code: str = "", short: bool = False) -> str:
        """The bot's description (or short description) set for `language_code` ("": all)."""
        return self.descriptions.get(
            ("short_description" if short else "description", language_code), ""
        )

    @staticmethod
    def _language(p: JSON) -> str:
        code = str(p.get("language_code") or "")
        if code and not re.fullmatch(r"[a-z]{2}", code):
            raise _ApiError(400, "Bad Request: language code is invalid")
        return code

    def _set_description(self, p: JSON, kind: str, limit: int) -> bool:
        text = str(p.get(kind) or "")
        if len(text) > limit:
            raise _ApiError(400, f"Bad Request: {kind} is too long")
        self.descriptions[(kind, self._language(p))] = text
        return True

    def _get_description(self, p: JSON, kind: str) -> JSON:
        return {kind: self.descriptions.get((kind, self._language(p)), "")}

    def _get_commands(self, p: JSON) -> list[JSON]:
        return self.commands(p.get("scope"), p.get("language_code") or "")

    def _delete_commands(self, p: JSON) -> bool:
        self.my_commands.pop(self._commands_key(p.get("scope"), p.get("language_code")), None)
        return True

    def _send_message(self, p: JSON) -> JSON:
        if not p.get("text"):
            raise _ApiError(400, "Bad Request: message text is empty")
        _check_text(str(p["text"]), p.get("parse_mode"))
        _check_markup(p.get("reply_markup"))
        return self._store(p, "sendMessage", text=str(p["text"]))

    def _send_invoice(self, p: JSON) -> JSON:
        for key in ("title", "description", "payload", "currency", "prices"):
            if not p.get(key):
                raise _ApiError(400, f'Bad Request: parameter "{key}" is required')
        _check_invoice(p)
        _check_markup(p.get("reply_markup"))
        total = sum(int(price["amount"]) for price in p["prices"])
        invoice = {k: v for k, v in p.items() if k not in ("chat_id", "reply_markup")}
        invoice.update(start_parameter=p.get("start_parameter") or "", total_amount=total)
        return self._store(p, "sendInvoice", invoice=invoice)

    def _get_star_transactions(self, p: JSON) -> JSON:
        offset, limit = int(p.get("offset") or 0), int(p.get("limit") or 100)
        if offset < 0 or not 1 <= limit <= 100:
            raise _ApiError(400, "Bad Request: invalid offset or limit specified")
        return {"transactions": self.star_transactions[offset : offset + limit]}

    def _refund_star_payment(self, p: JSON) -> bool:
        """As Telegram answers: True once per Stars payment of that user; then
        CHARGE_ALREADY_REFUNDED; an unknown charge CHARGE_NOT_FOUND (the ledger decides)."""
        charge, user = str(p.get("telegram_payment_charge_id") or ""), p.get("user_id")
        if not charge:
            raise _ApiError(400, "Bad Request: CHARGE_ID_EMPTY")
        if user is None:
            raise _ApiError(400, 'Bad Request: parameter "user_id" is required')
        paid = [
            t
            for t in self.star_transactions
            if t["id"] == charge and t.get("source", {}).get("type") == "user"
        ]
        if not paid:
            raise _ApiError(400, "Bad Request: CHARGE_NOT_FOUND")
        source = paid[0]["source"]
        if int(source["user"]["id"]) != int(user):
            raise _ApiError(400, "Bad Request: USER_ID_INVALID")
        if any(r["telegram_payment_charge_id"] == charge for r in self.star_refunds):
            raise _ApiError(400, "Bad Request: CHARGE_ALREADY_REFUNDED")
        self.star_refunds.append({"user_id": int(user), "telegram_payment_charge_id": charge})
        self.star_transactions.append(
            {
                "id": charge,
                "amount": paid[0]["amount"],
                "date": int(time.time()),
                "receiver": {**source},
            }
        )
        return True

    def _send_document(self, p: JSON) -> JSON:
        doc = p.get("document")
        if isinstance(doc, UploadedFile):
            file_id = self._new_query_id("doc")
            info: JSON = {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_name": doc.filename,
                "mime_type": doc.content_type,
                "file_size": len(doc.data),
            }
        elif isinstance(doc, str) and doc:
            info = {"file_id": doc, "file_unique_id": f"u{doc}"}
        else:
            raise _ApiError(400, "Bad Request: there is no document in the request")
        return self._store(p, "sendDocument", document=info, caption=p.get("caption"))

    def _edit(self, p: JSON, method: str) -> JSON | bool:
        if p.get("inline_message_id"):
            return True
        history = self._messages.get(_require_chat(p), {}).get(int(p.get("message_id") or 0))
        if not history:
            raise _ApiError(400, "Bad Request: message to edit not found")
        current = history[-1]
        _check_markup(p.get("reply_markup"))
        new = replace(
            current, reply_markup=p.get("reply_markup"), edited=True, method=method, params=p
        )
        if method == "editMessageText":
            if current.text is None:
                raise _ApiError(400, "Bad Request: there is no text in the message to edit")
            if not p.get("text"):
                raise _ApiError(400, "Bad Request: message text is empty")
            _check_text(str(p["text"]), p.get("parse_mode"))
            new = replace(new, text=str(p["text"]), parse_mode=p.get("parse_mode"))
        if (new.text, new.reply_markup) == (current.text, current.reply_markup):
            raise _ApiError(400, _NOT_MODIFIED)
        history.append(new)
        self._outputs.setdefault(new.chat_id, []).append(new)
        self._notify()
        return self._message_json(new)

    def _delete_message(self, p: JSON) -> bool:
        chat = self._messages.get(_require_chat(p), {})
        if chat.pop(int(p.get("message_id") or 0), None) is None:
            raise _ApiError(400, "Bad Request: message to delete not found")
        return True

    def _answer_callback(self, p: JSON) -> bool:
        query_id = str(p.get("callback_query_id"))
        if not query_id.startswith("cbq-") or query_id in self.callback_answers:
            raise _ApiError(
                400,
                "Bad Request: query is too old and response timeout expired "
                "or query ID is invalid",
            )
        self.callback_answers[query_id] = p
        return True

    def _answer_pre_checkout(self, p: JSON) -> bool:
        query_id = str(p.get("pre_checkout_query_id"))
        if not query_id.startswith("pcq-") or query_id in self.pre_checkout_answers:
            raise _ApiError(400, "Bad Request: QUERY_ID_INVALID")
        if "ok" not in p:
            raise _ApiError(400, 'Bad Request: parameter "ok" is required')
        if not p["ok"] and not p.get("error_message"):
            raise _ApiError(400, "Bad Request: ERROR_MESSAGE_EMPTY")
        self.pre_checkout_answers[query_id] = p
        return True

    # ------------------------------------------------------------------ internals: HTTP
    async def _dispatch(
        self, target: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, JSON]:
        url = urlsplit(target)
        route = re.fullmatch(r"/bot([^/]+)/([A-Za-z0-9_]+)/?", url.path)
        if route is None:
            return 404, _ApiError(404, "Not Found").payload()
        if route[1] != self.token:  # recorded without the token, as a rejected call
            self.calls.append(ApiCall(route[2], {}, 401, _ApiError(401, "Unauthorized").payload()))
            self._notify()
            return 401, _ApiError(401, "Unauthorized").payload()
        name, handler = self._handlers.get(route[2].lower(), (route[2], None))
        try:
            params = {**_decode_form(parse_qsl(url.query)), **_parse_body(headers, body)}
        except ValueError as exc:
            return 400, _ApiError(400, f"Bad Request: can't parse request body: {exc}").payload()
        if self.latency:
            await asyncio.sleep(self.latency)
        try:
            if handler is None:
                raise _ApiError(404, "Not Found")
            self._raise_fault(name, params)
            result = handler(params)
            if inspect.isawaitable(result):
                result = await result
            status, payload = 200, {"ok": True, "result": result}
        except _ApiError as err:
            status, payload = err.code, err.payload()
        except Exception as exc:  # a bug in the fake: report it loudly, keep serving
            self.server_errors.append(traceback.format_exc())
            _log.exception("FakeBotApi failed handling %s", name)
            status, payload = 500, _ApiError(500, f"Internal Server Error: {exc!r}").payload()
        self.calls.append(ApiCall(name, params, status, payload))
        self._notify()
        return status, payload

    def _raise_fault(self, method: str, params: JSON) -> None:
        for fault in self._faults:
            if fault.method == method.lower() and (
                fault.chat_id is None or str(params.get("chat_id")) == str(fault.chat_id)
            ):
                fault.times -= 1
                if fault.times <= 0:
                    self._faults.remove(fault)
                raise _ApiError(fault.error_code, fault.description, fault.parameters)

    async def _serve_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._conns.add(task)
        self._writers.add(writer)
        try:
            while not self._closing:
                request_line = await reader.readline()
                if not request_line:
                    break
                if not request_line.strip():
                    continue
                self._busy.add(task)
                _, target, version = request_line.decode("latin-1").split(" ", 2)
                headers: dict[str, str] = {}
                while (line := await reader.readline()).strip():
                    key, _, value = line.decode("latin-1").partition(":")
                    headers[key.strip().lower()] = value.strip()
                if headers.get("expect", "").lower() == "100-continue":
                    writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
                body = await _read_body(reader, headers)
                status, payload = await self._dispatch(target, headers, body)
                connection = headers.get("connection", "").lower()
                keep_alive = connection != "close" and (
                    version.strip() == "HTTP/1.1" or connection == "keep-alive"
                )
                data = json.dumps(payload).encode()
                writer.write(
                    f"HTTP/1.1 {status} {_reason(status)}\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(data)}\r\n"
                    f"Connection: {'keep-alive' if keep_alive else 'close'}\r\n\r\n".encode()
                    + data
                )
                await writer.drain()
                self._busy.discard(task)
                if not keep_alive:
                    break
        except (ConnectionError, asyncio.IncompleteReadError, ValueError):
            pass  # client went away or sent garbage: drop the connection
        except asyncio.CancelledError:
            # Only stop() cancels these tasks; don't propagate it into asyncio.streams, whose
            # done-callback would log the cancellation as an "Exception in callback".
            pass
        finally:
            self._busy.discard(task)
            self._conns.discard(task)
            self._writers.discard(writer)
            writer.close()


# ---------------------------------------------------------------------- parsing helpers
_HTML_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:=\"[^\"]*\"|='[^']*'|=[^\s>]+)?)*)\s*>"
)
_HTML_TAGS = frozenset(
    "b strong i em u ins s strike del a code pre tg-spoiler span blockquote tg-emoji".split()
)
_MAX_TEXT = 4096


def _check_html(text: str) -> None:
    """Reject HTML the way Telegram does: unknown or unbalanced tags, a bare '<'."""
    stack: list[str] = []
    for i, char in enumerate(text):
        if char != "<":
            continue
        m = _HTML_TAG.match(text, i)
        if m is None or m[2].lower() not in _HTML_TAGS:
            raise _ApiError(
                400, f"Bad Request: can't parse entities: Unsupported start tag at byte offset {i}"
            )
        name = m[2].lower()
        if not m[1]:
            stack.append(name)
        elif not stack or stack.pop() != name:
            raise _ApiError(
                400, f"Bad Request: can't parse entities: Unmatched end tag at byte offset {i}"
            )
    if stack:
        raise _ApiError(
            400,
            "Bad Request: can't parse entities: Can't find end tag "
            f'corresponding to start tag "{stack[-1]}"',
        )


def _check_text(text: str, parse_mode: str | None) -> None:
    """Telegram's limits on a message text (counted after entities are parsed)."""
    shown = text
    if (parse_mode or "").lower() == "html":
        _check_html(text)
        shown = html.unescape(_TAG.sub("", text))
    if len(shown) > _MAX_TEXT:
        raise _ApiError(400, "Bad Request: message is too long")


def _check_markup(markup: Any) -> None:
    """Inline buttons need a label and at most 64 bytes of callback data."""
    rows = (markup or {}).get("inline_keyboard") if isinstance(markup, dict) else None
    for row in rows or []:
        for button in row:
            data = button.get("callback_data")
            if not button.get("text") or (
                data is not None and not 1 <= len(str(data).encode()) <= 64
            ):
                raise _ApiError(400, "Bad Request: BUTTON_DATA_INVALID")


_STARS_MAX = 25_000


def _check_invoice(p: JSON) -> None:
    """Telegram's limits on sendInvoice: lengths, prices, and Stars (XTR) taking no provider
    token and one price of 1..25000 while every other currency needs a provider token."""
    if not 1 <= len(str(p["title"])) <= 32 or not 1 <= len(str(p["description"])) <= 255:
        raise _ApiError(400, "Bad Request: invoice title or description is too long")
    if not 1 <= len(str(p["payload"]).encode()) <= 128:
        raise _ApiError(400, "Bad Request: INVOICE_PAYLOAD_INVALID")
    prices = p["prices"]
    if not isinstance(prices, list) or any(int(x.get("amount", 0)) <= 0 for x in prices):
        raise _ApiError(400, "Bad Request: CURRENCY_TOTAL_AMOUNT_INVALID")
    if p["currency"] == "XTR":
        if p.get("provider_token") or len(prices) != 1 or int(prices[0]["amount"]) > _STARS_MAX:
            raise _ApiError(400, "Bad Request: STARS_INVOICE_INVALID")
    elif not p.get("provider_token"):
        raise _ApiError(400, "Bad Request: PAYMENT_PROVIDER_INVALID")


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def _matches(msg: SentMessage, match: Matcher) -> bool:
    if match is None:
        return True
    if isinstance(match, str):
        return match in msg.content
    if isinstance(match, re.Pattern):
        return match.search(msg.content) is not None
    return bool(match(msg))


def _chat_of(params: JSON) -> int | None:
    try:
        return int(params.get("chat_id"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _require_chat(params: JSON) -> int:
    chat_id = _chat_of(params)
    if chat_id is None:
        raise _ApiError(400, "Bad Request: chat not found")
    return chat_id


def _decode_form(pairs: list[tuple[str, str]]) -> JSON:
    result: JSON = {}
    for key, value in pairs:
        try:
            result[key] = value if key in _STRING_PARAMS else json.loads(value)
        except ValueError:
            result[key] = value
    return result


def _header_param(header_value: str, name: str) -> str | None:
    parser = _HeaderParser()
    parser["content-type"] = header_value
    value = parser.get_param(name, header="content-type")
    return None if value is None else collapse_rfc2231_value(value)


def _parse_body(headers: dict[str, str], body: bytes) -> JSON:
    content_type = headers.get("content-type", "")
    if not body:
        return {}
    if content_type.startswith("application/json"):
        data = json.loads(body)
        if not isinstance(data, dict):
            raise ValueError("JSON body must be an object")
        return data
    if content_type.startswith("multipart/form-data"):
        return _parse_multipart(body, _header_param(content_type, "boundary") or "")
    return _decode_form(parse_qsl(body.decode(), keep_blank_values=True))


def _parse_multipart(body: bytes, boundary: str) -> JSON:
    fields: list[tuple[str, str]] = []
    files: dict[str, UploadedFile] = {}
    for part in body.split(b"--" + boundary.encode())[1:]:
        head, sep, data = part.partition(b"\r\n\r\n")
        if not sep:
            continue  # the closing "--" delimiter
        data = data[:-2] if data.endswith(b"\r\n") else data
        part_headers = {
            k.strip().lower(): v.strip()
            for k, _, v in (ln.partition(":") for ln in head.decode().split("\r\n") if ln)
        }
        disposition = part_headers.get("content-disposition", "")
        name, filename = _header_param(disposition, "name"), _header_param(disposition, "filename")
        if name is None:
            continue
        if filename is None:
            fields.append((name, data.decode()))
        else:
            files[name] = UploadedFile(
                name, filename, part_headers.get("content-type", "application/octet-stream"), data
            )
    return {**_decode_form(fields), **files}


async def _read_body(reader: asyncio.StreamReader, headers: dict[str, str]) -> bytes:
    if "chunked" not in headers.get("transfer-encoding", "").lower():
        return await reader.readexactly(int(headers.get("content-length") or 0))
    chunks = []
    while size := int((await reader.readline()).split(b";")[0].strip() or b"0", 16):
        chunks.append(await reader.readexactly(size))
        await reader.readexactly(2)
    while (await reader.readline()).strip():
        pass  # trailers
    return b"".join(chunks)
