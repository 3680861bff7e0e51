"""Tests that read a language's words use the catalogs; until a helper's fragment
(i18n/fragments/<helper>.<lang>.po) is merged into them, the fragment is read first, so
the same test passes before and after the merge (and checks the merged words after it)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

import i18n

FRAGMENTS = Path(i18n.__file__).parent / "fragments"


def with_fragment(monkeypatch: pytest.MonkeyPatch, helper: str, *languages: str) -> None:
    """`languages` speak the helper's fragment, falling back to their catalog."""
    catalog = i18n.translations
    chosen: dict[str, Translations] = {}
    for language in languages:
        path = FRAGMENTS / f"{helper}.{language}.po"
        if not path.exists():  # merged and removed: the catalog alone
            continue
        with path.open("rb") as fp:
            buffer = io.BytesIO()
            write_mo(buffer, read_po(fp, locale=language))
        buffer.seek(0)
        words = Translations(fp=buffer)
        words.add_fallback(catalog(language))
        chosen[language] = words

    def translations(language: str) -> Translations:
        return chosen.get(language) or catalog(language)

    monkeypatch.setattr(i18n, "translations", translations)
