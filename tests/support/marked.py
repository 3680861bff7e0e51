"""Marked catalogs stand in for the real ones: every sentence of a language but English starts
with ⟨language⟩, so a test checks whose language was spoken, whatever the translations say."""

from __future__ import annotations

from gettext import NullTranslations

import pytest

import i18n


class Marked(NullTranslations):
    """Every sentence of `language` starts with ⟨language⟩."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language

    def gettext(self, message: str) -> str:
        return f"⟨{self.language}⟩{message}"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"⟨{self.language}⟩{singular if n == 1 else plural}"


def speak_marked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every language but English speaks its marked catalog for the rest of the test."""

    def translations(language: str) -> NullTranslations:
        return NullTranslations() if language == i18n.DEFAULT else Marked(language)

    monkeypatch.setattr(i18n, "translations", translations)
