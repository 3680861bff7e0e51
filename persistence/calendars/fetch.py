"""Fetching a calendar address safely: https only, every address the name resolves to
checked (no loopback, private or link-local ranges: server-side request forgery) at every
fetch and on every redirect, a timeout, a size limit, and a conditional GET.

Redirects are followed here, one at a time, so each hop is checked before it is requested.
"""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from domain.calendars.addresses import address_allowed, checked_url
from domain.calendars.model import CalendarUnreadable, ReadError
from domain.errors import InvalidInput

MAX_BYTES = 5 * 1024 * 1024
TIMEOUT_SECONDS = 20.0
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Fetched:
    """`body` None: not modified since the validators given."""

    body: bytes | None
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class FetchPolicy:
    allow_private: bool = False
    timeout: float = TIMEOUT_SECONDS
    max_bytes: int = MAX_BYTES


async def guard(url: str, policy: FetchPolicy) -> str:
    """`url` if it may be requested now; CalendarUnreadable(REFUSED_ADDRESS) otherwise."""
    host, port = _host_port(url, policy)
    try:
        addresses = await resolve(host, port)
    except (OSError, UnicodeError):
        raise CalendarUnreadable(ReadError.UNREACHABLE) from None
    return _allowed(url, addresses, policy)


def guard_now(url: str, policy: FetchPolicy) -> str:
    """`guard` for code that runs in a worker thread (CalDAV), resolving there."""
    host, port = _host_port(url, policy)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise CalendarUnreadable(ReadError.UNREACHABLE) from None
    return _allowed(url, {str(info[4][0]) for info in found}, policy)


def _host_port(url: str, policy: FetchPolicy) -> tuple[str, int]:
    try:
        checked_url(url, policy.allow_private)
    except InvalidInput:
        raise CalendarUnreadable(ReadError.REFUSED_ADDRESS) from None
    parts = urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise CalendarUnreadable(ReadError.REFUSED_ADDRESS) from None
    return parts.hostname or "", port


def _allowed(url: str, addresses: set[str], policy: FetchPolicy) -> str:
    if not addresses or not all(address_allowed(a, policy.allow_private) for a in addresses):
        raise CalendarUnreadable(ReadError.REFUSED_ADDRESS)
    return url


async def resolve(host: str, port: int) -> set[str]:
    """Every address the name stands for (an IP literal stands for itself)."""
    found = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return {str(info[4][0]) for info in found}


async def fetch_feed(
    url: str,
    policy: FetchPolicy,
    etag: str | None = None,
    last_modified: str | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> Fetched:
    """The feed's body, or None with the same validators when it has not changed."""
    headers = {"Accept": "text/calendar, */*;q=0.5", "User-Agent": "packages-bot calendar"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    timeout = httpx.Timeout(policy.timeout)
    async with httpx.AsyncClient(
        timeout=timeout, follow_redirects=False, transport=transport, trust_env=False
    ) as client:
        try:
            return await asyncio.wait_for(
                _follow(client, url, headers, policy), timeout=policy.timeout * 2
            )
        except (TimeoutError, httpx.TimeoutException):
            raise CalendarUnreadable(ReadError.TIMEOUT) from None
        except httpx.HTTPError:
            raise CalendarUnreadable(ReadError.UNREACHABLE) from None


async def _follow(
    client: httpx.AsyncClient, url: str, headers: dict[str, str], policy: FetchPolicy
) -> Fetched:
    for _ in range(MAX_REDIRECTS + 1):
        await guard(url, policy)
        async with client.stream("GET", url, headers=headers) as response:
            if response.is_redirect and "location" in response.headers:
                url = urljoin(url, response.headers["location"])
                continue
            if response.status_code == 304:
                return Fetched(
                    None, headers.get("If-None-Match"), headers.get("If-Modified-Since")
                )
            if response.status_code in (401, 403):
                raise CalendarUnreadable(ReadError.AUTH)
            if response.status_code != 200:
                raise CalendarUnreadable(ReadError.HTTP_STATUS, str(response.status_code))
            body = await _limited(response, policy.max_bytes)
            return Fetched(
                body, response.headers.get("etag"), response.headers.get("last-modified")
            )
    raise CalendarUnreadable(ReadError.UNREACHABLE, "too many redirects")


async def _limited(response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise CalendarUnreadable(ReadError.TOO_LARGE)
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise CalendarUnreadable(ReadError.TOO_LARGE)
        chunks.append(chunk)
    return b"".join(chunks)
