"""The server-side request forgery guard: only https, and no name or redirect that leads to
loopback, private or link-local addresses, unless private hosts are allowed (tests,
self-hosted setups)."""

from __future__ import annotations

from types import SimpleNamespace

import httpx
import pytest

from domain.calendars.addresses import address_allowed
from domain.calendars.model import CalendarUnreadable
from persistence.calendars import fetch
from persistence.calendars.caldav_client import checking
from persistence.calendars.fetch import FetchPolicy, fetch_feed, guard

STRICT = FetchPolicy(allow_private=False, timeout=2)
NAMES = {
    "calendar.example.com": {"93.184.216.34"},
    "intranet.example.com": {"10.1.2.3"},
    "sneaky.example.com": {"93.184.216.34", "192.168.0.5"},
}


@pytest.fixture(autouse=True)
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    async def resolve(host: str, port: int) -> set[str]:
        if host in NAMES:
            return NAMES[host]
        return {host}  # an IP literal

    monkeypatch.setattr(fetch, "resolve", resolve)


@pytest.mark.parametrize(
    "url",
    [
        "http://calendar.example.com/basic.ics",  # not https
        "https://127.0.0.1/basic.ics",
        "https://10.0.0.1/basic.ics",
        "https://169.254.169.254/latest/meta-data",  # link-local (cloud metadata)
        "https://[::1]/basic.ics",
        "https://intranet.example.com/basic.ics",  # a name resolving to a private address
        "https://sneaky.example.com/basic.ics",  # one of its addresses is private
        "ftp://calendar.example.com/basic.ics",
    ],
)
async def test_the_guard_refuses(url: str) -> None:
    with pytest.raises(CalendarUnreadable) as refused:
        await guard(url, STRICT)
    assert refused.value.error.value == "refused_address"


async def test_a_public_https_address_passes_and_private_ones_pass_when_allowed() -> None:
    assert await guard("https://calendar.example.com/basic.ics", STRICT)
    allowed = FetchPolicy(allow_private=True)
    assert await guard("http://127.0.0.1:8080/basic.ics", allowed)
    assert not address_allowed("0.0.0.0", allow_private=True)
    assert not address_allowed("::ffff:127.0.0.1", allow_private=False)


async def test_a_redirect_to_a_private_address_is_refused_before_it_is_requested() -> None:
    asked: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(302, headers={"Location": "https://intranet.example.com/x"})

    with pytest.raises(CalendarUnreadable) as refused:
        await fetch_feed(
            "https://calendar.example.com/basic.ics",
            STRICT,
            transport=httpx.MockTransport(answer),
        )
    assert refused.value.error.value == "refused_address"
    assert asked == ["https://calendar.example.com/basic.ics"]


async def test_a_feed_over_the_size_limit_is_refused() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"x" * 2048)

    small = FetchPolicy(allow_private=False, timeout=2, max_bytes=1024)
    with pytest.raises(CalendarUnreadable) as refused:
        await fetch_feed(
            "https://calendar.example.com/basic.ics", small, transport=httpx.MockTransport(answer)
        )
    assert refused.value.error.value == "too_large"


def test_every_caldav_request_and_redirect_hop_is_checked_before_it_is_sent() -> None:
    check = checking(STRICT)
    refused = [
        "https://10.0.0.1/dav/",
        "http://calendar.example.com/dav/",
        "https://127.0.0.1:5232/anna/",
    ]
    for url in refused:
        with pytest.raises(CalendarUnreadable):
            check(SimpleNamespace(url=url))
    allowed = SimpleNamespace(url="http://127.0.0.1:5232/anna/")
    assert checking(FetchPolicy(allow_private=True))(allowed) is allowed


async def test_a_feed_that_does_not_answer_in_time_is_a_timeout() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    with pytest.raises(CalendarUnreadable) as refused:
        await fetch_feed(
            "https://calendar.example.com/basic.ics", STRICT, transport=httpx.MockTransport(answer)
        )
    assert refused.value.error.value == "timeout"


async def test_a_public_redirect_is_followed_and_validators_are_sent() -> None:
    asked: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(request)
        if request.url.path == "/old.ics":
            return httpx.Response(301, headers={"Location": "/new.ics"})
        return httpx.Response(304)

    fetched = await fetch_feed(
        "https://calendar.example.com/old.ics",
        STRICT,
        etag='"v7"',
        last_modified="Wed, 02 Dec 2026 10:00:00 GMT",
        transport=httpx.MockTransport(answer),
    )
    assert fetched.body is None and fetched.etag == '"v7"'
    assert [str(r.url) for r in asked][-1] == "https://calendar.example.com/new.ics"
    assert asked[-1].headers["If-Modified-Since"] == "Wed, 02 Dec 2026 10:00:00 GMT"
