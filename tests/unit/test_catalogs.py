"""The catalogs' quality (the issue's rule 5), over every catalog: each rule one test, and for
each a bad catalog it must refuse, so no check passes by checking nothing. The template and the
catalogs are also compared with the code extracted now: a sentence added to the code and left
out of the template or of a catalog fails the suite."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from i18n import LANGUAGES, checks, speaking, translations
from i18n.catalogs import PLURAL_FORMS, TEMPLATE, TRANSLATED, catalog_path, extract, read

BUTTON = ["i18n: button"]


@pytest.fixture(scope="module")
def template() -> Catalog:
    return read(TEMPLATE)


@pytest.fixture(scope="module", params=TRANSLATED)
def catalog(request: pytest.FixtureRequest) -> Catalog:
    language: str = request.param
    return read(catalog_path(language), language)


def bad(language: str = "ru") -> Catalog:
    """A catalog breaking every rule once."""
    catalog = Catalog(locale=language)
    catalog.mime_headers = [("Plural-Forms", PLURAL_FORMS[language])]
    catalog.add("Untranslated", "")
    catalog.add("Unsure", "Неуверенно", flags=["fuzzy"])
    catalog.add("Booked: {title}", "Записано: {titel}")
    catalog.add("<b>Coach home</b>", "<i>Главная коуча</i>")
    catalog.add("Book", "Записаться на сессию прямо сейчас, пожалуйста", auto_comments=BUTTON)
    catalog.add(("{count} session", "{count} sessions"), ("{count} сессия", "{count} сессии"))
    return catalog


def test_every_language_but_english_has_a_catalog() -> None:
    assert set(TRANSLATED) == set(LANGUAGES) - {"en"}
    for language in TRANSLATED:
        assert catalog_path(language).exists()


def test_every_sentence_is_translated_none_fuzzy_none_empty(
    template: Catalog, catalog: Catalog
) -> None:
    assert len(template) > 0
    assert checks.complete(template, catalog) == []


def test_translations_keep_the_named_placeholders(catalog: Catalog) -> None:
    assert checks.same_placeholders(catalog) == []


def test_translations_keep_the_html_tags(catalog: Catalog) -> None:
    assert checks.same_tags(catalog) == []


def test_button_labels_fit_in_every_language(catalog: Catalog) -> None:
    assert checks.buttons_fit(catalog) == []


def test_plural_entries_have_the_languages_forms(catalog: Catalog) -> None:
    assert checks.plural_forms(catalog, str(catalog.locale_identifier)) == []


def test_the_code_has_no_sentence_missing_from_the_template_or_a_catalog(
    template: Catalog,
) -> None:
    code = extract()
    catalogs = [read(catalog_path(language), language) for language in TRANSLATED]
    assert checks.missing_from(code, [template, *catalogs]) == []
    stale = {m.id for m in template if m.id} - {m.id for m in code if m.id}
    assert stale == set(), "the template has sentences the code no longer says"


# -- the checks can fail -------------------------------------------------------------------
def test_a_bad_catalog_fails_every_rule(template: Catalog) -> None:
    catalog = bad()
    english = Catalog()
    for message in catalog:
        if message.id:
            english.add(message.id, None)
    assert checks.complete(english, catalog) == ["empty: 'Untranslated'", "fuzzy: 'Unsure'"]
    assert checks.complete(template, Catalog(locale="de")) != []  # nothing translated
    assert checks.same_placeholders(catalog) == ["placeholders ['titel']: 'Booked: {title}'"]
    assert checks.same_tags(catalog) == ["tags ['</i>', '<i>']: '<b>Coach home</b>'"]
    assert checks.buttons_fit(catalog) == [
        "button over 32: 'Записаться на сессию прямо сейчас, пожалуйста'"
    ]
    assert checks.plural_forms(catalog, "ru") == [
        "2 forms: ('{count} session', '{count} sessions')"
    ]


def test_a_catalog_with_the_wrong_plural_rules_fails() -> None:
    catalog = Catalog(locale="ru")
    catalog.mime_headers = [("Plural-Forms", "nplurals=2; plural=(n != 1);")]
    found = checks.plural_forms(catalog, "ru")
    assert "2 plural forms, ru has 3" in found
    assert "plural rule picks form 1 for 5, not 2" in found


def test_emoji_count_as_telegram_counts_them() -> None:
    assert checks.telegram_length("🗓 Desk") == 7
    catalog = Catalog(locale="de")
    catalog.add("🗓 Desk", "🗓" * 16 + "x", auto_comments=BUTTON)  # 17 characters, 33 units
    assert checks.buttons_fit(catalog) != []


def test_a_sentence_added_to_the_code_and_forgotten_is_found(
    tmp_path: Path, template: Catalog
) -> None:
    (tmp_path / "bot").mkdir()
    (tmp_path / "bot" / "new.py").write_text(
        "from i18n import _, ngettext\n\n"
        "def f(n):\n"
        '    return _("A sentence nobody translated"), ngettext("{n} day", "{n} days", n)\n',
        encoding="utf-8",
    )
    code = extract(tmp_path)
    assert {m.id for m in code if m.id} == {
        "A sentence nobody translated",
        ("{n} day", "{n} days"),
    }
    catalogs = [read(catalog_path(language), language) for language in TRANSLATED]
    found = checks.missing_from(code, [template, *catalogs])
    assert len(found) == 2 * (1 + len(TRANSLATED))
    assert "template: 'A sentence nobody translated'" in found
    assert "ru: ('{n} day', '{n} days')" in found


def test_catalogs_are_used_compiled_in_memory_without_a_build_step() -> None:
    with speaking("de"):
        assert translations("de").gettext("Choose your language") == "Sprache wählen"
    assert translations("en").gettext("Choose your language") == "Choose your language"
