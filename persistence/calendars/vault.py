"""Calendar secrets at rest: Fernet (cryptography) with CALENDAR_SECRET_KEY. Without a key
there is no box, and calendar connections are disabled."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from cryptography.fernet import Fernet, InvalidToken

from domain.calendars.model import CalendarUnreadable, ReadError


@dataclass(frozen=True)
class CalendarSecret:
    """An ICS address (`url` alone) or a CalDAV server with user name and app password."""

    url: str
    username: str = ""
    password: str = ""

    def __repr__(self) -> str:  # never shown in full, not even in a traceback
        return f"CalendarSecret(<{len(self.url)} characters>)"


class SecretBox:
    def __init__(self, key: str) -> None:
        self._fernet = Fernet(key.encode())

    def seal(self, secret: CalendarSecret) -> str:
        return self._fernet.encrypt(json.dumps(asdict(secret)).encode()).decode()

    def open(self, token: str) -> CalendarSecret:
        try:
            return CalendarSecret(**json.loads(self._fernet.decrypt(token.encode())))
        except (InvalidToken, ValueError, TypeError):
            raise CalendarUnreadable(ReadError.NO_KEY) from None


def box_for(key: str) -> SecretBox | None:
    """The box for CALENDAR_SECRET_KEY, or None when it is not set."""
    return SecretBox(key) if key else None


def valid_key(key: str) -> bool:
    try:
        Fernet(key.encode())
    except ValueError:
        return False
    return True
