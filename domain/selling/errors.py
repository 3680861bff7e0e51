"""Refusals of selling use cases; `bot/` words them."""

from __future__ import annotations

from domain.errors import DomainError


class NothingToSell(DomainError):
    """The package has no items left (its services or series were deleted)."""


class PriceChanged(DomainError):
    """The button was for a free package that now has a price, or the other way round."""


class PaymentUnavailable(DomainError):
    """Telegram cannot take this payment here (no provider for the currency, or a Stars
    amount out of 1..25000): the client should reach the coach, who can grant it."""

    def __init__(self, coach_name: str | None) -> None:
        super().__init__(coach_name)
        self.coach_name = coach_name


class CheckoutRefused(DomainError):
    """The pre-checkout query must be answered ok=False; `code` names why (an invoice no
    longer known, a package no longer sold, a changed price) and bot/ words what Telegram shows."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code
