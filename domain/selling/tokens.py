"""Secrets of selling: access tokens (rule 11) and invoice payloads naming a pending purchase.

An access token is 32 random bytes from `secrets`, URL-safe base64 without padding: 43
characters of A-Z a-z 0-9 _ -, so `a_<token>` (45 characters) fits Telegram's 64-character
start payload. A pending purchase key is 16 random bytes (22 characters); the invoice payload is
`pp_<key>`.
"""

from __future__ import annotations

import re
import secrets

TOKEN_BYTES = 32
TOKEN_LENGTH = 43
KEY_LENGTH = 22
_TOKEN = re.compile(rf"[A-Za-z0-9_-]{{{TOKEN_LENGTH}}}", re.ASCII)
_PAYLOAD = re.compile(rf"pp_(?P<key>[A-Za-z0-9_-]{{{KEY_LENGTH}}})", re.ASCII)


def new_access_token() -> str:
    """256 bits from `secrets`, 43 URL-safe characters."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def is_access_token(text: str) -> bool:
    """The shape of a token, checked before any lookup."""
    return _TOKEN.fullmatch(text) is not None


def new_purchase_key() -> str:
    return secrets.token_urlsafe(16)


def invoice_payload(key: str) -> str:
    return f"pp_{key}"


def parse_invoice_payload(payload: str) -> str | None:
    """The pending purchase key named by an invoice payload, or None for any other text."""
    match = _PAYLOAD.fullmatch(payload)
    return match["key"] if match else None
