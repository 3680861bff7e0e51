"""The bot's languages: gettext catalogs managed with Babel, the language of whoever is being
spoken to, and dates and times written the way that language writes them.

Every sentence goes through `_` or `ngettext` at the moment it is said, so it comes out in the
language of the current receiver (`speaking`). Module-level sentences are marked with `N_` and
translated where they are used: `_(texts.NOT_FOUND)`. Placeholders are named and filled after
translation: `_("Booked: {title}").format(title=...)`.

Catalogs: `i18n/locales/messages.pot` (extracted with `pybabel extract`, see README) and one
`i18n/locales/<lang>/LC_MESSAGES/messages.po` per language, compiled in memory on first use, so
a fresh `pip install .` needs no build step.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton, get_datetime_format
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LANGUAGES = ("en", "de", "es", "ru")
DEFAULT = "en"
LOCALES = Path(__file__).parent / "locales"

_current: ContextVar[str] = ContextVar("language", default=DEFAULT)


def negotiate(code: str | None) -> str:
    """Telegram's `language_code` (IETF, maybe regional: `de-AT`, `pt-BR`) → one of ours;
    a regional code falls back to its base, an unknown one to English."""
    if not code:
        return DEFAULT
    base = code.replace("_", "-").split("-")[0].strip().lower()
    return base if base in LANGUAGES else DEFAULT


def current() -> str:
    """The language being spoken right now."""
    return _current.get()


@contextmanager
def speaking(language: str | None) -> Iterator[str]:
    """Say what follows in `language` (someone else's, for a message sent to them)."""
    token = _current.set(language if language in LANGUAGES else negotiate(language))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def use(language: str | None) -> None:
    """Speak `language` for the rest of this task (one update's handling)."""
    _current.set(language if language in LANGUAGES else negotiate(language))


@cache
def translations(language: str) -> Translations:
    """The language's catalog, compiled in memory from its .po file (none: the source)."""
    po = LOCALES / language / "LC_MESSAGES" / "messages.po"
    if language == DEFAULT or not po.exists():
        return Translations()
    with po.open("rb") as fp:
        catalog = read_po(fp, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)  # fuzzy entries are left out
    buffer.seek(0)
    return Translations(fp=buffer)


def N_(message: str) -> str:
    """Marks a sentence for extraction without translating it (translate it where used)."""
    return message


def _(message: str) -> str:
    """`message` in the current language."""
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for `n` in the current language's plural rules (Russian has three)."""
    return translations(_current.get()).ngettext(singular, plural, n)


# Dates and times. English keeps the bot's own compact forms ("Thu 03 Dec 09:00"); other
# languages get CLDR's forms for the same fields ("Do., 3. Dez., 09:00", "jue, 3 dic, 9:00").
_FIELDS = (("%Y", "y"), ("%y", "y"), ("%B", "MMMM"), ("%b", "MMM"), ("%m", "M"),
           ("%a", "E"), ("%d", "d"), ("%-d", "d"))  # fmt: skip


def when(moment: date | datetime, pattern: str) -> str:
    """`moment` in the current language. `pattern` is the English strftime form, used as is
    in English; elsewhere its fields pick the language's own pattern (date, time, or both)."""
    language = _current.get()
    if language == DEFAULT:
        return moment.strftime(pattern)
    locale = Locale.parse(language)
    if "%A" in pattern and "%d" not in pattern:  # a weekday alone: "Donnerstag"
        day = format_date(moment, "EEEE", locale=locale)
    else:
        skeleton = "".join(dict.fromkeys(v for k, v in _FIELDS if k in pattern))
        skeleton = skeleton.replace("E", "EEEE") if "%A" in pattern else skeleton
        day = format_skeleton(skeleton, moment, locale=locale) if skeleton else ""
    if "%H" not in pattern or not isinstance(moment, datetime):
        return day
    clock = format_skeleton("Hm", moment, locale=locale)
    if not day:
        return clock
    combined = str(get_datetime_format("medium", locale=locale))
    return combined.replace("{1}", day).replace("{0}", clock)
