import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.kit.reasons import reason
from domain.errors import InvalidInput
from domain.money import (
    CURRENCIES,
    MAX_MAJOR_UNITS,
    SUPPORTED_CURRENCIES,
    format_amount,
    parse_amount,
    parse_currency,
)
from tests.unit.worded import refused


def test_the_currency_table_knows_stars_yen_and_cents() -> None:
    assert {"XTR", "USD", "EUR", "GBP", "JPY", "RUB", "INR"} <= set(SUPPORTED_CURRENCIES)
    assert CURRENCIES["XTR"].exponent == 0
    assert CURRENCIES["JPY"].exponent == 0
    assert {CURRENCIES[c].exponent for c in ("USD", "EUR", "GBP", "RUB", "INR")} == {2}


@pytest.mark.parametrize(
    ("text", "currency", "minor"),
    [
        ("49.90", "EUR", 4990),
        ("49,90", "EUR", 4990),
        ("49.9", "EUR", 4990),
        ("49", "EUR", 4900),
        ("0", "EUR", 0),
        ("0.05", "USD", 5),
        (" 1 000.50 ", "EUR", 100050),
        ("12 500", "GBP", 1250000),
        ("€49.90", "EUR", 4990),
        ("49.90 EUR", "EUR", 4990),
        ("49.90 eur", "EUR", 4990),
        ("150", "XTR", 150),
        ("150 ⭐", "XTR", 150),
        ("1500", "JPY", 1500),
        ("10000000", "EUR", 1_000_000_000),
        ("10000000", "XTR", 10_000_000),
    ],
)
def test_typed_amounts_become_exact_minor_units(text: str, currency: str, minor: int) -> None:
    assert parse_amount(text, currency) == minor


@pytest.mark.parametrize("text", ["-1", "−5", "- 3", "-0.01"])
def test_negative_prices_are_refused(text: str) -> None:
    with refused(match="negative") as caught:
        parse_amount(text, "EUR")
    assert caught.value.field == "price"


@pytest.mark.parametrize(
    "text", ["", "abc", "1.2.3", "1e5", "NaN", "Infinity", "49 90", "1 00", "+5", "4,9,0", "٣"]
)
def test_garbled_prices_are_refused(text: str) -> None:
    with refused(match="not an amount"):
        parse_amount(text, "EUR")


@pytest.mark.parametrize(
    ("text", "currency"),
    [("1.5", "JPY"), ("150.5", "XTR"), ("150.00", "XTR"), ("49.999", "EUR"), ("49.900", "EUR")],
)
def test_more_decimals_than_the_currency_has_are_refused(text: str, currency: str) -> None:
    with refused(match="decimals|no fractions"):
        parse_amount(text, currency)


def test_stars_explain_that_they_have_no_fractions() -> None:
    with refused(match="XTR has no fractions"):
        parse_amount("9.5", "XTR")


@pytest.mark.parametrize("currency", ["EUR", "XTR", "JPY"])
def test_a_comma_thousand_is_refused_rather_than_misread(currency: str) -> None:
    with refused(match="1 000"):
        parse_amount("1,000", currency)


def test_absurdly_large_prices_are_refused() -> None:
    with refused(match="at most"):
        parse_amount("10000000.01", "EUR")
    with refused(match="at most"):
        parse_amount("99999999999999999999", "XTR")


def test_another_currencys_code_in_the_amount_is_refused() -> None:
    with pytest.raises(InvalidInput):
        parse_amount("49.90 USD", "EUR")


def test_amounts_in_an_unsupported_currency_are_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_amount("10", "BTC")
    assert caught.value.field == "currency"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("eur", "EUR"),
        (" usd ", "USD"),
        ("€", "EUR"),
        ("⭐", "XTR"),
        ("stars", "XTR"),
        ("₹", "INR"),
    ],
)
def test_currencies_are_recognised_by_code_or_symbol(text: str, code: str) -> None:
    assert parse_currency(text) == code


@pytest.mark.parametrize("text", ["", "euro dollars", "BTC", "ABC"])
def test_unknown_currencies_are_refused_with_the_supported_list(text: str) -> None:
    with refused(match="XTR, USD") as caught:
        parse_currency(text)
    assert caught.value.field == "currency"


@pytest.mark.parametrize(
    ("minor", "currency", "text"),
    [
        (4990, "EUR", "49.90 EUR"),
        (5, "USD", "0.05 USD"),
        (0, "EUR", "0.00 EUR"),
        (1500, "JPY", "1500 JPY"),
        (150, "XTR", "150 ⭐"),
        (100050, "GBP", "1000.50 GBP"),
    ],
)
def test_amounts_are_rendered_with_the_currencys_decimals(
    minor: int, currency: str, text: str
) -> None:
    assert format_amount(minor, currency) == text


@given(st.sampled_from(SUPPORTED_CURRENCIES), st.data())
def test_every_rendered_amount_parses_back_to_itself(currency: str, data: st.DataObject) -> None:
    minor = data.draw(st.integers(0, CURRENCIES[currency].max_minor()))
    assert parse_amount(format_amount(minor, currency), currency) == minor


@given(
    st.sampled_from(SUPPORTED_CURRENCIES),
    st.integers(0, MAX_MAJOR_UNITS),
    st.sampled_from([".", ","]),
    st.data(),
)
def test_more_decimal_digits_than_the_currency_has_are_never_accepted(
    currency: str, whole: int, separator: str, data: st.DataObject
) -> None:
    exponent = CURRENCIES[currency].exponent
    fraction = data.draw(st.text("0123456789", min_size=exponent + 1, max_size=exponent + 6))
    with pytest.raises(InvalidInput):
        parse_amount(f"{whole}{separator}{fraction}", currency)


@given(st.sampled_from(SUPPORTED_CURRENCIES), st.text(max_size=30))
def test_any_text_gives_an_amount_in_range_or_a_friendly_refusal(currency: str, text: str) -> None:
    try:
        minor = parse_amount(text, currency)
    except InvalidInput as refusal:
        assert reason(refusal)
    else:
        assert 0 <= minor <= CURRENCIES[currency].max_minor()
