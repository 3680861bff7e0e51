"""Who is calling: the Mini App's `initData`, validated as Telegram documents it.

Telegram signs the launch parameters it hands the page with a key derived from the bot's
token: secret = HMAC-SHA256(key="WebAppData", msg=token), hash = HMAC-SHA256(key=secret,
msg=the other fields as sorted `key=value` lines). The page sends the string back with every
API call (`Authorization: tma <initData>`); the user id is taken from it and from nowhere
else. Refused: a missing or malformed string, a key given twice, a wrong hash (forged, or
signed for another bot), no user, and an `auth_date` older than `MAX_AGE` (or in the future).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import parse_qsl

# How long a Mini App session's initData is accepted after Telegram issued it: a page left
# open for a day must be reopened from the chat.
MAX_AGE = timedelta(hours=24)
CLOCK_SKEW = timedelta(minutes=5)
SCHEME = "tma "


class Unauthorized(Exception):
    """The call carries no valid initData (the answer never says why)."""


@dataclass(frozen=True)
class WebUser:
    """The Telegram user a validated initData names."""

    id: int
    first_name: str
    language_code: str | None = None


def secret_key(bot_token: str) -> bytes:
    return hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()


def sign(fields: dict[str, str], bot_token: str) -> str:
    """The hash Telegram puts in initData for `fields` (used by tests and by `validate`)."""
    check = "\n".join(f"{key}={fields[key]}" for key in sorted(fields))
    return hmac.new(secret_key(bot_token), check.encode(), hashlib.sha256).hexdigest()


def _fields(init_data: str) -> dict[str, str]:
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise Unauthorized() from None
    fields = dict(pairs)
    if len(fields) != len(pairs):  # a key twice: which one was signed is ambiguous
        raise Unauthorized()
    return fields


def validate(
    init_data: str, bot_token: str, now: datetime, max_age: timedelta = MAX_AGE
) -> WebUser:
    """The user of a genuine, fresh initData for this bot; Unauthorized otherwise."""
    fields = _fields(init_data)
    given = fields.pop("hash", "")
    if not given or not hmac.compare_digest(sign(fields, bot_token), given):
        raise Unauthorized()
    try:
        issued = int(fields["auth_date"])
        user = json.loads(fields["user"])
        user_id = user["id"]
    except (KeyError, ValueError, TypeError):
        raise Unauthorized() from None
    age = now.timestamp() - issued
    if not isinstance(user_id, int) or isinstance(user_id, bool) or user_id <= 0:
        raise Unauthorized()
    if age > max_age.total_seconds() or age < -CLOCK_SKEW.total_seconds():
        raise Unauthorized()
    language = user.get("language_code")
    return WebUser(
        user_id, str(user.get("first_name", "")), language if isinstance(language, str) else None
    )


def from_header(value: str | None, bot_token: str, now: datetime) -> WebUser:
    """The user of an `Authorization: tma <initData>` header."""
    if not value or not value.startswith(SCHEME):
        raise Unauthorized()
    return validate(value[len(SCHEME) :], bot_token, now)
