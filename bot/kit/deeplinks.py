"""`/start` payloads (the "Deep links" contract): parse strictly, build links.

Accepted, and nothing else (Telegram allows 64 characters of A-Z a-z 0-9 _ -):
- `c_<slug>` and `p_<public id>`: 1..62 of those characters after the prefix;
- `a_<access token>`: exactly the 43 characters of a token (see domain.selling.tokens).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from telegram.helpers import create_deep_linked_url

from domain.selling.tokens import TOKEN_LENGTH


class LinkKind(StrEnum):
    COACH = "c"
    PACKAGE = "p"
    ACCESS = "a"


_PATTERN = re.compile(
    rf"(?P<kind>[cp])_(?P<value>[A-Za-z0-9_-]{{1,62}})"
    rf"|(?P<access>a)_(?P<token>[A-Za-z0-9_-]{{{TOKEN_LENGTH}}})",
    re.ASCII,
)


@dataclass(frozen=True)
class DeepLink:
    kind: LinkKind
    value: str


def parse_payload(payload: str) -> DeepLink | None:
    """A known payload shape, or None (the caller answers with the one invalid-link text)."""
    match = _PATTERN.fullmatch(payload)
    if match is None:
        return None
    if match["access"]:
        return DeepLink(LinkKind.ACCESS, match["token"])
    return DeepLink(LinkKind(match["kind"]), match["value"])


def link(bot_username: str, kind: LinkKind, value: str) -> str:
    return create_deep_linked_url(bot_username, f"{kind.value}_{value}")
