"""Time zones: only canonical IANA zone names, so a stored zone loads on any host."""

import pytest

from domain.errors import InvalidInput
from domain.timezones import parse_timezone, viewer_zone


@pytest.mark.parametrize("name", ["localtime", "Factory", "posixrules", "posix/Europe/Berlin"])
def test_names_that_are_not_iana_zones_are_refused(name: str) -> None:
    with pytest.raises(InvalidInput):
        parse_timezone(name)


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("europe/berlin", "Europe/Berlin"),
        ("UTC", "UTC"),
        ("America/Sao Paulo", "America/Sao_Paulo"),
    ],
)
def test_iana_names_are_accepted_in_canonical_spelling(typed: str, canonical: str) -> None:
    assert parse_timezone(typed) == canonical


@pytest.mark.parametrize(
    ("own", "is_coach", "shown"),
    [
        ("Asia/Tokyo", False, "Asia/Tokyo"),  # a client who chose a zone sees theirs
        (None, False, "Europe/Berlin"),  # one who did not sees the coach's
        ("", False, "Europe/Berlin"),
        ("Asia/Tokyo", True, "Europe/Berlin"),  # the coach always sees their own
    ],
)
def test_a_viewer_sees_their_own_zone_else_the_coachs(
    own: str | None, is_coach: bool, shown: str
) -> None:
    assert viewer_zone(own, "Europe/Berlin", is_coach=is_coach) == shown
