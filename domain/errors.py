"""Exceptions a use case raises when a rule refuses an action.

Only `bot/` turns them into chat text; the domain never talks to a person.
"""


class DomainError(Exception):
    """A rule refused the action; nothing was changed."""


class InvalidInput(DomainError):
    """A typed value broke a validation rule: `code` names the rule ("title_too_long"),
    `values` carry what the sentence needs (limits, the offending value); bot/ words it."""

    def __init__(self, field: str, code: str, **values: object) -> None:
        super().__init__(field, code, values)
        self.field = field
        self.code = code
        self.values = values


class NotFound(DomainError):
    """The thing does not exist or is not the caller's (deliberately indistinguishable)."""


class NotACoach(DomainError):
    """A coach-only action by someone who is not a coach."""


class NotAllowed(DomainError):
    """The caller lacks the role the action needs (e.g. admin)."""


class RegistrationClosed(DomainError):
    """`/becomecoach` while coach registration is closed and the user is not listed."""


class ChangedMeanwhile(DomainError):
    """Someone saved the thing after this edit started; saving would overwrite their change."""


class PlanRequired(DomainError):
    """The feature needs a higher plan than the coach has."""

    def __init__(self, needed: str) -> None:
        super().__init__(needed)
        self.needed = needed
