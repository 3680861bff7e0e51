"""CalDAV through the `caldav` library. It is synchronous, so every call runs in a worker
thread (`asyncio.to_thread`), never on the event loop. Every URL is checked by the same
guard as feeds before it is requested; DNS service discovery (RFC 6764) is off so the
server is the one the coach typed."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, TypeVar

from caldav.davclient import DAVClient
from caldav.lib import error as dav_error
from icalendar import Calendar

from domain.calendars.model import CalendarUnreadable, Occurrence, ReadError
from persistence.calendars.feed import events_between
from persistence.calendars.fetch import FetchPolicy, guard, guard_now
from persistence.calendars.vault import CalendarSecret

T = TypeVar("T")


def dav_client(secret: CalendarSecret, policy: FetchPolicy) -> DAVClient:
    client = DAVClient(
        url=secret.url,
        username=secret.username or None,
        password=secret.password or None,
        timeout=int(policy.timeout),
        enable_rfc6764=False,
        require_tls=not policy.allow_private,
    )
    # Every request the session sends, each redirect hop included, is checked first.
    client.session.hooks["pre_request"].append(checking(policy))
    return client


def checking(policy: FetchPolicy) -> Callable[[Any], Any]:
    """A `pre_request` hook refusing a request whose address the guard refuses."""

    def check(request: Any) -> Any:
        guard_now(str(request.url), policy)
        return request

    return check


async def _run(
    secret: CalendarSecret, policy: FetchPolicy, urls: Iterable[str], work: Callable[[], T]
) -> T:
    for url in (secret.url, *urls):
        await guard(url, policy)
    try:
        return await asyncio.wait_for(asyncio.to_thread(work), timeout=policy.timeout * 3)
    except TimeoutError:
        raise CalendarUnreadable(ReadError.TIMEOUT) from None


def _translated(work: Callable[[], T]) -> Callable[[], T]:
    def run() -> T:
        try:
            return work()
        except dav_error.AuthorizationError:
            raise CalendarUnreadable(ReadError.AUTH) from None
        except dav_error.NotFoundError:
            raise CalendarUnreadable(ReadError.NOT_A_CALENDAR) from None
        except dav_error.DAVError as exc:
            raise CalendarUnreadable(ReadError.HTTP_STATUS, type(exc).__name__) from None
        except (OSError, ValueError) as exc:  # connection refused, reset, bad URL
            raise CalendarUnreadable(ReadError.UNREACHABLE, type(exc).__name__) from None
        except Exception as exc:  # niquests' connection errors are not OSErrors
            if "niquests" in type(exc).__module__ or "urllib3" in type(exc).__module__:
                raise CalendarUnreadable(ReadError.UNREACHABLE, type(exc).__name__) from None
            raise

    return run


async def discover(secret: CalendarSecret, policy: FetchPolicy) -> dict[str, str]:
    """The calendars of the account: URL → display name."""

    def work() -> dict[str, str]:
        with dav_client(secret, policy) as client:
            principal = client.principal()  # type: ignore[no-untyped-call]
            found = principal.calendars()
            return {str(c.url): str(c.get_display_name() or c.url) for c in found}

    return await _run(secret, policy, (), _translated(work))


async def busy_occurrences(
    secret: CalendarSecret,
    calendars: Iterable[str],
    window: tuple[datetime, datetime],
    policy: FetchPolicy,
) -> list[Occurrence]:
    """The events of the chosen calendars in the window (a time-range REPORT on each),
    expanded here like a feed's so every server's recurrences read the same."""
    urls = tuple(calendars)

    def work() -> list[Occurrence]:
        found: list[Occurrence] = []
        with dav_client(secret, policy) as client:
            for url in urls:
                calendar = client.calendar(url=url)  # type: ignore[no-untyped-call]
                for item in calendar.search(start=window[0], end=window[1], event=True):
                    found += events_between(_ical(item.data), *window)
        return found

    return await _run(secret, policy, urls, _translated(work))


async def put_event(
    secret: CalendarSecret, target: str, uid: str, ics: bytes, policy: FetchPolicy
) -> None:
    """The event with `uid` in `target` becomes `ics` (created or replaced: never two)."""

    def work() -> None:
        with dav_client(secret, policy) as client:
            calendar = client.calendar(url=target)  # type: ignore[no-untyped-call]
            calendar.save_event(ics.decode(), no_create=False, no_overwrite=False)

    await _run(secret, policy, (target,), _translated(work))


async def delete_event(secret: CalendarSecret, target: str, uid: str, policy: FetchPolicy) -> None:
    """The event with `uid` is gone from `target` (already gone is fine)."""

    def work() -> None:
        with dav_client(secret, policy) as client:
            calendar = client.calendar(url=target)  # type: ignore[no-untyped-call]
            try:
                calendar.event_by_uid(uid).delete()
            except dav_error.NotFoundError:
                return

    await _run(secret, policy, (target,), _translated(work))


def _ical(data: str | bytes | None) -> Calendar:
    try:
        return Calendar.from_ical(data or b"")
    except ValueError:
        raise CalendarUnreadable(ReadError.NOT_A_CALENDAR) from None
