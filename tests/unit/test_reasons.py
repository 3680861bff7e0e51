"""Every refusal the domain names is worded at the edge, with the values its sentence needs;
the domain itself builds no sentence."""

from __future__ import annotations

import ast
import string
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.kit.reasons import FEATURE_REASONS, REASONS, reason
from bot.selling.texts import CHECKOUT_REFUSALS
from domain.errors import InvalidInput

DOMAIN = Path(__file__).resolve().parents[2] / "domain"


def _calls(name: str) -> Iterator[tuple[str, ast.Call]]:
    for path in sorted(DOMAIN.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == name:
                yield f"{path.relative_to(DOMAIN)}:{node.lineno}", node


def _codes(node: ast.expr) -> list[str]:
    return [c.value for c in ast.walk(node) if isinstance(c, ast.Constant) and c.value]


def _assigned_codes() -> set[str]:
    """Codes chosen before the raise (`code = "a" if ... else "b"`)."""
    found: set[str] = set()
    for path in DOMAIN.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Assign) and [getattr(t, "id", "") for t in node.targets] == [
                "code"
            ]:
                found.update(_codes(node.value))
    return found


def _placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def test_every_invalid_input_the_domain_raises_is_worded_with_its_values() -> None:
    checked = 0
    for where, call in _calls("InvalidInput"):
        if len(call.args) < 2:
            continue
        given = {k.arg for k in call.keywords}
        if None in given:  # re-raised with the values of another refusal
            continue
        for code in _codes(call.args[1]):
            assert code in REASONS, f"{where}: {code!r} has no wording in bot/"
            missing = _placeholders(REASONS[code]) - given
            assert not missing, f"{where}: {code!r} needs {missing}"
            checked += 1
    for code in _assigned_codes():
        assert code in REASONS, f"{code!r} has no wording in bot/"
    assert checked > 60


def test_every_checkout_refusal_is_worded_for_telegram() -> None:
    codes = [code for _, call in _calls("CheckoutRefused") for code in _codes(call.args[0])]
    assert sorted(set(codes)) == sorted(CHECKOUT_REFUSALS)


def test_no_code_is_worded_twice() -> None:
    assert sum(len(texts) for texts in FEATURE_REASONS) == len(REASONS)


@pytest.mark.parametrize(
    ("error", "worded"),
    [
        (
            InvalidInput("title", "title_too_long", limit=100, length=101),
            "at most 100 characters (this is 101)",
        ),
        (
            InvalidInput("start", "start_passed", latest=datetime(2031, 11, 25, tzinfo=UTC)),
            "that time has already passed: type a time from now to 25.11.2031",
        ),
        (
            InvalidInput(
                "start",
                "time_skipped_by_dst",
                moment=datetime(2027, 3, 28, 2, 30),  # noqa: DTZ001 - a wall time, shown as is
                zone="Europe/Berlin",
            ),
            "Sun 28.03.2027 02:30 does not exist in Europe/Berlin: the clocks jump forward "
            "then; pick another time",
        ),
        (
            InvalidInput("currency", "currency_unsupported", value="ABC", choices=("EUR", "XTR")),
            "“ABC” is not supported; choose one of EUR, XTR",
        ),
        (
            InvalidInput("schedule", "time_of_day_invalid", hour=25, minute=7),
            "25:07 is not a time of day",
        ),
        (
            InvalidInput("days_off", "days_off_too_far", latest=date(2031, 12, 2)),
            "days off can be set up to 02.12.2031",
        ),
    ],
)
def test_values_fill_the_sentence_word_for_word(error: InvalidInput, worded: str) -> None:
    assert reason(error) == worded
