"""`/start` payloads (DESIGN.md "Deep links"): parse strictly, build links."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from telegram.helpers import create_deep_linked_url


class LinkKind(StrEnum):
    COACH = "c"
    PACKAGE = "p"
    ACCESS = "a"


_PATTERN = re.compile(r"^(?P<kind>[cpa])_(?P<value>[A-Za-z0-9_-]{1,62})$")


@dataclass(frozen=True)
class DeepLink:
    kind: LinkKind
    value: str


def parse_payload(payload: str) -> DeepLink | None:
    """A known payload shape, or None (the caller answers with the one invalid-link text)."""
    match = _PATTERN.match(payload)
    if match is None:
        return None
    return DeepLink(LinkKind(match["kind"]), match["value"])


def link(bot_username: str, kind: LinkKind, value: str) -> str:
    return create_deep_linked_url(bot_username, f"{kind.value}_{value}")
