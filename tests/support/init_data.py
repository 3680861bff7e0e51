"""initData as Telegram hands it to a Mini App, signed for a bot token (tests only)."""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import urlencode

from web.auth import sign


def signed_init_data(
    bot_token: str, user_id: int, at: datetime, first_name: str = "Cleo", **extra: str
) -> str:
    fields = {
        "auth_date": str(int(at.timestamp())),
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": json.dumps({"id": user_id, "first_name": first_name, "language_code": "en"}),
        **extra,
    }
    return urlencode({**fields, "hash": sign(fields, bot_token)})
