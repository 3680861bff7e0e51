"""Why an input was refused, in words. The domain raises `InvalidInput(field, code, **values)`;
each feature words its codes in its own texts module (templates with named placeholders, the
gettext msgids, marked with `N_`), which the bootstrap hands to `add_reasons`; `reason`
says the one a refusal names in the current language: a date placeholder's strftime spec
(`{latest:%d.%m.%Y}`) goes through `i18n.when`. A code worded per kind of item
(`<code>.<kind>`, e.g. "item_gone_untitled.series") is said whole instead of putting the kind's
name into the sentence."""

from __future__ import annotations

import string
from collections.abc import Mapping
from datetime import date

from bot.kit.texts import REASONS as SHARED_REASONS
from domain.errors import InvalidInput
from i18n import _, when

FEATURE_REASONS: list[Mapping[str, str]] = []
REASONS: dict[str, str] = {}


def add_reasons(templates: Mapping[str, str]) -> None:
    """A feature's wording of the codes it names, by code; the kit's own come first."""
    FEATURE_REASONS.append(templates)
    REASONS.update(templates)


add_reasons(SHARED_REASONS)


def reason(error: InvalidInput) -> str:
    """The sentence for a refused input, e.g. "at most 80 characters (this is 93)"."""
    template = REASONS.get(f"{error.code}.{error.values.get('kind')}", REASONS[error.code])
    return _FORMATTER.format(
        _(template), **{name: _shown(value) for name, value in error.values.items()}
    )


class _Said(string.Formatter):
    """`str.format`, but a date's strftime spec is written the reader's way (`when`)."""

    def format_field(self, value: object, format_spec: str) -> str:
        if isinstance(value, date) and format_spec:
            return when(value, format_spec)
        return str(super().format_field(value, format_spec))


_FORMATTER = _Said()


def _shown(value: object) -> object:
    """A list of choices reads "EUR, USD"; everything else formats itself in the template."""
    if isinstance(value, tuple | list):
        return ", ".join(str(item) for item in value)
    return value
