"""Domain refusals read as people read them: the domain names a rule (code and values), bot/
words it. `refused(match=...)` checks the sentence the person would be shown."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from bot.kit.reasons import reason
from domain.errors import InvalidInput


@contextmanager
def refused(match: str) -> Iterator[pytest.ExceptionInfo[InvalidInput]]:
    """Like `pytest.raises(InvalidInput, match=...)`, matched against the worded reason."""
    with pytest.raises(InvalidInput) as caught:
        yield caught
    worded = reason(caught.value)
    assert re.search(match, worded), f"{match!r} not in {worded!r}"
