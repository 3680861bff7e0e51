"""The Mini App's initData: only a genuine, fresh one signed for this bot names a user."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode

import pytest

from tests.support.init_data import signed_init_data
from web.auth import MAX_AGE, Unauthorized, from_header, sign, validate

TOKEN = "123456:AAE-this-bot"
OTHER = "654321:AAE-other-bot"
NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def test_a_genuine_init_data_names_its_user() -> None:
    user = validate(signed_init_data(TOKEN, 42, NOW - timedelta(minutes=3)), TOKEN, NOW)
    assert (user.id, user.first_name, user.language_code) == (42, "Cleo", "en")


def test_the_authorization_header_carries_it_after_tma() -> None:
    data = signed_init_data(TOKEN, 42, NOW)
    assert from_header(f"tma {data}", TOKEN, NOW).id == 42
    for header in (None, "", data, f"Bearer {data}"):
        with pytest.raises(Unauthorized):
            from_header(header, TOKEN, NOW)


def test_a_forged_hash_is_refused() -> None:
    fields = dict(parse_qsl(signed_init_data(TOKEN, 42, NOW)))
    fields["hash"] = "0" * 64
    with pytest.raises(Unauthorized):
        validate(urlencode(fields), TOKEN, NOW)


def test_another_user_id_under_the_old_hash_is_refused() -> None:
    fields = dict(parse_qsl(signed_init_data(TOKEN, 42, NOW)))
    fields["user"] = json.dumps({"id": 43, "first_name": "Cleo"})
    with pytest.raises(Unauthorized):
        validate(urlencode(fields), TOKEN, NOW)


def test_init_data_signed_for_another_bot_is_refused() -> None:
    with pytest.raises(Unauthorized):
        validate(signed_init_data(OTHER, 42, NOW), TOKEN, NOW)


def test_a_stale_auth_date_is_refused_and_one_just_inside_the_limit_is_not() -> None:
    fresh_enough = NOW - MAX_AGE + timedelta(seconds=5)
    assert validate(signed_init_data(TOKEN, 42, fresh_enough), TOKEN, NOW).id == 42
    with pytest.raises(Unauthorized):
        validate(signed_init_data(TOKEN, 42, NOW - MAX_AGE - timedelta(seconds=1)), TOKEN, NOW)


def test_an_auth_date_from_the_future_is_refused() -> None:
    with pytest.raises(Unauthorized):
        validate(signed_init_data(TOKEN, 42, NOW + timedelta(hours=1)), TOKEN, NOW)


@pytest.mark.parametrize("missing", ["hash", "auth_date", "user"])
def test_missing_fields_are_refused(missing: str) -> None:
    fields = {"auth_date": str(int(NOW.timestamp())), "user": json.dumps({"id": 42})}
    fields.pop(missing, None)
    signed = {**fields, "hash": sign(fields, TOKEN)}
    signed.pop(missing, None)
    with pytest.raises(Unauthorized):
        validate(urlencode(signed), TOKEN, NOW)


def test_a_user_without_a_numeric_id_is_refused() -> None:
    for user in ({"first_name": "x"}, {"id": "42"}, {"id": True}, {"id": -5}, [42]):
        fields = {"auth_date": str(int(NOW.timestamp())), "user": json.dumps(user)}
        with pytest.raises(Unauthorized):
            validate(urlencode({**fields, "hash": sign(fields, TOKEN)}), TOKEN, NOW)


def test_a_key_given_twice_is_refused_even_when_one_copy_is_signed() -> None:
    genuine = signed_init_data(TOKEN, 42, NOW)
    impostor = urlencode({"user": json.dumps({"id": 43, "first_name": "Eve"})})
    for twice in (f"{genuine}&{impostor}", f"{impostor}&{genuine}"):
        with pytest.raises(Unauthorized):
            validate(twice, TOKEN, NOW)


@pytest.mark.parametrize("garbage", ["", "&&", "hash", "=x", "a=1&&b=2", "%zz"])
def test_malformed_strings_are_refused(garbage: str) -> None:
    with pytest.raises(Unauthorized):
        validate(garbage, TOKEN, NOW)
