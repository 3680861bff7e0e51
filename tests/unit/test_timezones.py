"""Time zones: only canonical IANA zone names, so a stored zone loads on any host."""

import pytest

from domain.errors import InvalidInput
from domain.timezones import parse_timezone


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
