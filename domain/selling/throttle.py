"""Too many invalid links: a person who sends more than `limit` in `window` is told to wait,
and no lookup is done for them meanwhile (security: guessing tokens costs time)."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

LIMIT = 10
WINDOW = timedelta(minutes=10)
# People remembered at once, the longest-remembered forgotten first. Each holds up to 11
# timestamps (measured 1.35 KB), so at most about 2.7 MB; 2,000 people sending bad links
# within ten minutes is already far more than mistyped links explain.
MAX_PEOPLE = 2_000


@dataclass
class InvalidLinkThrottle:
    """In memory, per process: a wait is a courtesy to the database, not a security boundary
    (a token has 256 bits)."""

    limit: int = LIMIT
    window: timedelta = WINDOW
    max_people: int = MAX_PEOPLE
    _failures: dict[int, deque[datetime]] = field(default_factory=dict)

    def wait(self, user_id: int, now: datetime) -> timedelta | None:
        """How long this person must wait before a link is looked up again, or None."""
        failures = self._recent(user_id, now)
        if len(failures) <= self.limit:
            return None
        return failures[0] + self.window - now

    def failed(self, user_id: int, now: datetime) -> None:
        """One more invalid link from this person."""
        if user_id not in self._failures and len(self._failures) >= self.max_people:
            self._failures.pop(next(iter(self._failures)))
        failures = self._failures.setdefault(user_id, deque())
        failures.append(now)
        while len(failures) > self.limit + 1:
            failures.popleft()

    @property
    def people(self) -> int:
        """How many people's failures are remembered."""
        return len(self._failures)

    def _recent(self, user_id: int, now: datetime) -> deque[datetime]:
        failures = self._failures.get(user_id, deque())
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        if not failures:
            self._failures.pop(user_id, None)
        return failures
