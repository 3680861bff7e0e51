import logging
import sys

from bot.kit.logs import RedactingFormatter, add_secrets
from domain.selling.tokens import new_access_token

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
ACCESS = "a_" + "Zx9_-" * 9


def _record(msg: str, *args: object, exc: bool = False) -> logging.LogRecord:
    return logging.LogRecord(
        "x", logging.ERROR, __file__, 1, msg, args, sys.exc_info() if exc else None
    )


def test_bot_tokens_and_access_tokens_never_reach_the_log() -> None:
    record = _record("POST https://api.telegram.org/bot%s/getMe for %s", TOKEN, ACCESS)
    text = RedactingFormatter("%(message)s").format(record)
    assert TOKEN not in text and ACCESS not in text
    assert "a_***" in text and "***:***" in text


def test_tokens_inside_a_traceback_are_masked_too() -> None:
    try:
        raise RuntimeError(f"connect failed for https://api.telegram.org/bot{TOKEN}/getMe")
    except RuntimeError:
        record = _record("update failed", exc=True)
    text = RedactingFormatter("%(message)s").format(record)
    assert "Traceback" in text and TOKEN not in text


def test_ordinary_messages_are_untouched() -> None:
    record = _record("update %s from user %s failed", 17, 2002)
    assert RedactingFormatter("%(message)s").format(record) == "update 17 from user 2002 failed"


def test_real_access_tokens_are_masked_in_links_and_payloads() -> None:
    for _ in range(200):
        token = new_access_token()
        record = _record("opened https://t.me/bot?start=a_%s and /start a_%s", token, token)
        text = RedactingFormatter("%(message)s").format(record)
        assert token not in text and text.count("a_***") == 2


def test_a_short_configured_token_and_database_passwords_are_masked_too() -> None:
    add_secrets("123:abc")
    record = _record(
        "token 123:abc at https://example.org/bot123:abc/getMe and postgresql://bot:s3cret@db/x"
    )
    text = RedactingFormatter("%(message)s").format(record)
    assert "123:abc" not in text and "s3cret" not in text
    assert "/bot***/getMe" in text and "postgresql://bot:***@db/x" in text
