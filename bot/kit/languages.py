"""Who reads which language: each person's own, stored with them (`app_user.language`).

At first contact it is the language of their Telegram app (`language_code`, negotiated: `de-AT`
reads German, `pt-BR` English), saved at once; from then on their saved one, which /language
changes. `PackagesApplication` asks `language_for` before any handler runs and speaks it for
the whole update. The latest people's languages are kept in memory (`KnownLanguages`), so an
update of someone seen lately costs no query; a miss costs one read (and one write for a
newcomer).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from typing import Protocol

from telegram import Update

from domain import accounts
from domain.ports import UnitOfWork
from i18n import DEFAULT, negotiate

log = logging.getLogger(__name__)

REMEMBERED = 10_000  # people whose language is kept in memory, the most recent first


class _Uows(Protocol):
    def __call__(self, write: bool = True) -> UnitOfWork: ...


class KnownLanguages:
    """user id → language of the `size` people seen most recently (bounded memory)."""

    def __init__(self, size: int = REMEMBERED) -> None:
        self._size = size
        self._known: OrderedDict[int, str] = OrderedDict()

    def __len__(self) -> int:
        return len(self._known)

    def get(self, user_id: int) -> str | None:
        language = self._known.get(user_id)
        if language is not None:
            self._known.move_to_end(user_id)
        return language

    def remember(self, user_id: int, language: str) -> None:
        self._known[user_id] = language
        self._known.move_to_end(user_id)
        while len(self._known) > self._size:
            self._known.popitem(last=False)


async def language_for(update: object, known: KnownLanguages, uows: _Uows) -> str:
    """The language to answer `update` in: its sender's (saved at their first update)."""
    user = update.effective_user if isinstance(update, Update) else None
    if user is None or user.is_bot:
        return DEFAULT
    language = known.get(user.id)
    if language is not None:
        return language
    try:
        language = await accounts.language_of(uows(write=False), user.id)
        if language is None:  # first contact: their app's language, from now on theirs
            language = negotiate(user.language_code)
            await accounts.set_language(uows(), user.id, language)
    except Exception:  # the database is away: the handlers meet it and answer as always
        log.warning("language of user %s not read; their app's is used", user.id, exc_info=True)
        return negotiate(user.language_code)
    known.remember(user.id, language)
    return language
