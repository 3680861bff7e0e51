"""What every catalog must be (the issue's rule 5), as checks that list what is wrong: the test
suite runs them over all catalogs, and `python -m i18n.catalogs` prints them.

- complete: every sentence of the template translated, none fuzzy, none empty, none extra;
- placeholders: the same named placeholders as the English (`{title}`, `{count}`);
- tags: the same HTML tags (Telegram refuses a message whose tags do not match);
- buttons: every button label (extracted comment `i18n: button`) within `BUTTON_LIMIT`;
- plurals: the language's number of forms in every plural entry, and the language's rules.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from gettext import c2py
from string import Formatter

from babel.messages.catalog import Catalog, Message

BUTTON_LIMIT = 32  # characters of a button label, emoji included (counted as Telegram does)
BUTTON_COMMENT = "i18n: button"
PLURALS = {"de": 2, "es": 2, "ru": 3}
# n → the form each language uses: Russian 1 сессия, 2 сессии, 5 сессий, 11 сессий, 21 сессия.
PLURAL_SAMPLES = {
    "de": {0: 1, 1: 0, 2: 1, 5: 1, 21: 1},
    "es": {0: 1, 1: 0, 2: 1, 5: 1, 21: 1},
    "ru": {0: 2, 1: 0, 2: 1, 4: 1, 5: 2, 11: 2, 12: 2, 14: 2, 21: 0, 22: 1, 25: 2, 111: 2},
}
_TAG = re.compile(r"<[^<>]+>")


def forms(text: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    """A message's text(s): one, or one per plural form."""
    if isinstance(text, tuple | list):
        return tuple(text)
    return (text or "",)


def _ids(message: Message) -> tuple[str, ...]:
    return forms(message.id)


def _entries(catalog: Catalog) -> list[Message]:
    return [m for m in catalog if m.id]


def placeholders(text: str) -> set[str]:
    """The named fields of a `str.format` text (`{title}`, `{minute:02d}` → title, minute)."""
    try:
        return {field for _, field, _, _ in Formatter().parse(text) if field is not None}
    except ValueError:  # a lone brace: not a format string, so it has none
        return {"<unbalanced braces>"}


def tags(text: str) -> Counter[str]:
    return Counter(_TAG.findall(text))


def telegram_length(text: str) -> int:
    """Telegram counts UTF-16 code units: most emoji are two."""
    return len(text.encode("utf-16-le")) // 2


def complete(template: Catalog, catalog: Catalog) -> list[str]:
    wanted = {m.id for m in _entries(template)}
    problems = [f"missing: {m!r}" for m in wanted if catalog.get(m) is None]
    for message in _entries(catalog):
        if message.id not in wanted:
            problems.append(f"not in the template: {message.id!r}")
        elif message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif not all(forms(message.string)):
            problems.append(f"empty: {message.id!r}")
    return sorted(problems)


def same_placeholders(catalog: Catalog) -> list[str]:
    problems = []
    for message in _entries(catalog):
        english = [placeholders(text) for text in _ids(message)]
        for form in forms(message.string):
            if form and placeholders(form) not in english:
                problems.append(f"placeholders {sorted(placeholders(form))}: {message.id!r}")
    return problems


def same_tags(catalog: Catalog) -> list[str]:
    problems = []
    for message in _entries(catalog):
        english = tags(_ids(message)[-1])
        for form in forms(message.string):
            if form and tags(form) != english:
                problems.append(f"tags {sorted(tags(form).elements())}: {message.id!r}")
    return problems


def buttons_fit(catalog: Catalog) -> list[str]:
    problems = []
    for message in _entries(catalog):
        if not any(BUTTON_COMMENT in comment for comment in message.auto_comments):
            continue
        for text in (*_ids(message), *forms(message.string)):
            if telegram_length(text) > BUTTON_LIMIT:
                problems.append(f"button over {BUTTON_LIMIT}: {text!r}")
    return problems


def plural_forms(catalog: Catalog, language: str) -> list[str]:
    problems = []
    if catalog.num_plurals != PLURALS[language]:
        problems.append(f"{catalog.num_plurals} plural forms, {language} has {PLURALS[language]}")
    rule = catalog.plural_expr
    for n, form in PLURAL_SAMPLES[language].items():
        if _choose(rule, n) != form:
            problems.append(f"plural rule picks form {_choose(rule, n)} for {n}, not {form}")
    for message in _entries(catalog):
        if isinstance(message.id, tuple) and len(forms(message.string)) != PLURALS[language]:
            problems.append(f"{len(forms(message.string))} forms: {message.id!r}")
    return problems


def _choose(expression: str, n: int) -> int:
    return int(c2py(expression)(n))


def problems(template: Catalog, catalog: Catalog, language: str) -> list[str]:
    """Everything wrong with one language's catalog."""
    return [
        *complete(template, catalog),
        *same_placeholders(catalog),
        *same_tags(catalog),
        *buttons_fit(catalog),
        *plural_forms(catalog, language),
    ]


def missing_from(extracted: Catalog, catalogs: Iterable[Catalog]) -> list[str]:
    """Sentences of the code some catalog (the template or a language's) does not have."""
    problems = []
    for catalog in catalogs:
        name = catalog.locale_identifier or "template"
        for message in _entries(extracted):
            if catalog.get(message.id, message.context) is None:
                problems.append(f"{name}: {message.id!r}")
    return problems
