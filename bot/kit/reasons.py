"""Why an input was refused, in words. The domain raises `InvalidInput(field, code, **values)`;
each feature words its codes in its own texts module (templates with named placeholders, the
future gettext msgids) and `reason` fills the one a refusal names."""

from __future__ import annotations

from collections.abc import Mapping

from bot.booking.refusals import REASONS as BOOKING_REASONS
from bot.calendars.texts import REASONS as CALENDAR_REASONS
from bot.catalog.texts import REASONS as CATALOG_REASONS
from bot.kit.texts import REASONS as SHARED_REASONS
from bot.selling.texts import REASONS as SELLING_REASONS
from domain.errors import InvalidInput

FEATURE_REASONS: tuple[Mapping[str, str], ...] = (
    SHARED_REASONS,
    CATALOG_REASONS,
    SELLING_REASONS,
    BOOKING_REASONS,
    CALENDAR_REASONS,
)
REASONS: dict[str, str] = {code: text for texts in FEATURE_REASONS for code, text in texts.items()}


def reason(error: InvalidInput) -> str:
    """The sentence for a refused input, e.g. "at most 80 characters (this is 93)"."""
    return REASONS[error.code].format(
        **{name: _shown(value) for name, value in error.values.items()}
    )


def _shown(value: object) -> object:
    """A list of choices reads "EUR, USD"; everything else formats itself in the template."""
    if isinstance(value, tuple | list):
        return ", ".join(str(item) for item in value)
    return value
