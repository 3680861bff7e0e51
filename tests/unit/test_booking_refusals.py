"""Every booking refusal the domain can raise has its own chat text."""

from __future__ import annotations

import pytest

from bot.booking.refusals import REFUSALS
from bot.kit.errors import describe
from domain.booking import errors


def _refusals() -> list[type[errors.BookingRefused]]:
    found = [
        value
        for value in vars(errors).values()
        if isinstance(value, type) and issubclass(value, errors.BookingRefused)
    ]
    return [r for r in found if r is not errors.BookingRefused]


@pytest.mark.parametrize("refusal", _refusals(), ids=lambda r: r.__name__)
def test_each_refusal_is_worded(refusal: type[errors.BookingRefused]) -> None:
    error = refusal(24) if refusal is errors.TooLateToCancel else refusal()  # type: ignore[call-arg]
    text = describe(error)
    assert "went wrong" not in text and text
    assert refusal in REFUSALS or refusal is errors.TooLateToCancel


def test_too_late_names_the_window() -> None:
    assert "24 h before it starts" in describe(errors.TooLateToCancel(24))
