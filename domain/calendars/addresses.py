"""Which calendar addresses the bot may fetch (server-side request forgery guard). Pure: the
adapter resolves names and asks here about every address, at every fetch and redirect."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from domain.errors import InvalidInput


def checked_url(url: str, allow_private: bool) -> str:
    """`url` if its scheme may be fetched (https; http too when private hosts are allowed)."""
    parts = urlsplit(url.strip())
    schemes = ("https", "http") if allow_private else ("https",)
    if parts.scheme.lower() not in schemes or not parts.hostname:
        raise InvalidInput("calendar_url", "calendar_url_not_https")
    return url.strip()


def address_allowed(address: str, allow_private: bool) -> bool:
    """Public unicast addresses only, unless private hosts are allowed."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if allow_private:
        return not ip.is_unspecified
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved)
