"""Logging set-up. Secrets never reach a log line: bot tokens and access tokens are masked in
the whole formatted record, tracebacks included."""

from __future__ import annotations

import logging
import re

_ACCESS = re.compile(r"\ba_[A-Za-z0-9_-]{16,}")
_BOT_TOKEN = re.compile(r"\d{5,}:[A-Za-z0-9_-]{20,}")
# Bot API URLs `/bot<id>:<secret>/<method>` carry the token, whatever its length.
_BOT_URL = re.compile(r"(/bot)(?!\*\*\*)[^/\s'\"@]*:[^/\s'\"@]+(?=/)")
_URL_PASSWORD = re.compile(r"(://[^:/@\s]+:)[^@\s]+@")  # user:password@host
_secrets: set[str] = set()


def add_secrets(*values: str) -> None:
    """Masks these exact values too (the configured token, however short it is)."""
    _secrets.update(v for v in values if v)


def redact(text: str) -> str:
    for secret in sorted(_secrets, key=len, reverse=True):
        text = text.replace(secret, "***")
    text = _URL_PASSWORD.sub(r"\1***@", _BOT_TOKEN.sub("***:***", text))
    return _ACCESS.sub("a_***", _BOT_URL.sub(r"\1***", text))


class RedactingFormatter(logging.Formatter):
    """Masks bot tokens (as in Bot API URLs) and `a_<token>` access payloads."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class _WithoutTraceback(logging.Filter):
    """Keeps the line, drops the traceback of PTB's "retry loop … Aborting" (start-up gave up
    on Telegram): start-up failures show their traceback only at DEBUG (bot/startup.py)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if "Aborting" in str(record.msg):
            record.exc_info, record.exc_text = None, None
        return True


def setup_logging(level: int, secrets: tuple[str, ...] = ()) -> None:
    add_secrets(*secrets)
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL, which contains the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if level > logging.DEBUG:
        logging.getLogger("telegram.ext").addFilter(_WithoutTraceback())
    for chatty in ("apscheduler", "alembic"):
        logging.getLogger(chatty).setLevel(max(level, logging.WARNING))
