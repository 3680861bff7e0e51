"""Properties of the secrets of selling: access tokens and the payloads that carry them."""

import re
import string

from hypothesis import given
from hypothesis import strategies as st

from bot.kit.deeplinks import LinkKind, parse_payload
from domain.selling.tokens import (
    invoice_payload,
    is_access_token,
    new_access_token,
    new_purchase_key,
    parse_invoice_payload,
)

ALPHABET = string.ascii_letters + string.digits + "_-"
# The documented payloads, written independently of the parser under test.
DOCUMENTED = re.compile(r"[cp]_[A-Za-z0-9_-]{1,62}|a_[A-Za-z0-9_-]{43}", re.ASCII)


def test_tokens_are_unique_url_safe_and_fit_a_start_payload() -> None:
    tokens = [new_access_token() for _ in range(5000)]
    assert len(set(tokens)) == len(tokens)
    for token in tokens:
        assert len(token) == 43 and set(token) <= set(ALPHABET)
        assert len(f"a_{token}") <= 64 and is_access_token(token)
        found = parse_payload(f"a_{token}")
        assert found is not None and (found.kind, found.value) == (LinkKind.ACCESS, token)


def test_tokens_carry_at_least_128_random_bits() -> None:
    # 43 base64 characters encode 256 bits; every position must vary across tokens.
    tokens = [new_access_token() for _ in range(2000)]
    for position in range(42):
        assert len({t[position] for t in tokens}) > 32


payload_chars = st.sampled_from(ALPHABET + "a_cp \n./%é😀")
payloads = st.one_of(
    st.text(payload_chars, max_size=70),
    st.builds(
        lambda p, v: p + v,
        st.sampled_from(["a_", "c_", "p_", "x_", "a", ""]),
        st.text(st.sampled_from(ALPHABET), max_size=66),
    ),
    st.builds(
        lambda t, tail: f"a_{t}{tail}",
        st.just(new_access_token()),
        st.sampled_from(["", "\n", "x", " "]),
    ),
)


@given(payloads)
def test_payload_parser_accepts_exactly_the_documented_formats(payload: str) -> None:
    parsed = parse_payload(payload)
    assert (parsed is not None) == (DOCUMENTED.fullmatch(payload) is not None)
    if parsed is not None:
        assert f"{parsed.kind.value}_{parsed.value}" == payload


@given(st.text(st.sampled_from(ALPHABET + "p_ \n"), max_size=40))
def test_invoice_payload_parser_accepts_only_pp_and_a_key(payload: str) -> None:
    key = parse_invoice_payload(payload)
    expected = re.fullmatch(r"pp_[A-Za-z0-9_-]{22}", payload, re.ASCII)
    assert (key is not None) == (expected is not None)


def test_invoice_payload_round_trips_and_fits_telegram() -> None:
    for _ in range(200):
        key = new_purchase_key()
        assert parse_invoice_payload(invoice_payload(key)) == key
        assert 1 <= len(invoice_payload(key).encode()) <= 128
