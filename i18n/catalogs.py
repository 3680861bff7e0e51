"""Keeping the catalogs: the template extracted from the code, each language's catalog updated
from it, and translators' fragment files merged in. `python -m i18n.catalogs` does all three
(the same as `pybabel extract` + `pybabel update`, see the README's "Languages"); the test
suite extracts the same way to find a sentence some catalog is missing.

English is the source language: it has no catalog (its text is the code's). The others have
`locales/<lang>/LC_MESSAGES/messages.po`, compiled in memory when first used (`translations`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from i18n import DEFAULT, LANGUAGES, LOCALES, checks

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TEMPLATE = LOCALES / "messages.pot"
FRAGMENTS = HERE / "fragments"
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}
COMMENT_TAGS = ("i18n:",)  # `# i18n: button` above a label reaches the translator
# The plural rules of each catalog. Spanish keeps gettext's two forms (CLDR adds a third for
# millions, which no count of sessions reaches); Russian has one/few/many.
PLURAL_FORMS = {
    "de": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "ru": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
        "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
    ),
}
TRANSLATED = tuple(language for language in LANGUAGES if language != DEFAULT)


def catalog_path(language: str, locales: Path = LOCALES) -> Path:
    return locales / language / "LC_MESSAGES" / "messages.po"


def extract(root: Path = ROOT) -> Catalog:
    """Every sentence marked in the code (`_`, `N_`, `ngettext`), as a template catalog."""
    with (HERE / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)  # type: ignore[no-untyped-call]
    template = Catalog(project="packages-bot", version="1", fuzzy=False)
    template.header_comment = "# The sentences of packages-bot: `python -m i18n.catalogs`."
    for filename, lineno, message, comments, context in extract_from_dir(
        root, method_map, options_map, KEYWORDS, COMMENT_TAGS
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as fp:
        return read_po(fp, locale=language)


def write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fp:
        write_po(fp, catalog, width=99, ignore_obsolete=True, sort_by_file=True)


def with_rules(catalog: Catalog, language: str) -> Catalog:
    """Sets the catalog's language and plural rules (`PLURAL_FORMS`)."""
    catalog.project, catalog.version = "packages-bot", "1"
    catalog.header_comment = (
        f"# {language}: the sentences of packages-bot, translated (words: i18n/glossary.md)."
    )
    catalog.mime_headers = [
        ("Language", language),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Plural-Forms", PLURAL_FORMS[language]),
    ]
    return catalog


def update(template: Catalog, language: str, locales: Path = LOCALES) -> Catalog:
    """The language's catalog with exactly the template's sentences: new ones empty, gone ones
    dropped, changed ones left to translate again (never guessed: no fuzzy matching)."""
    path = catalog_path(language, locales)
    catalog = read(path, language) if path.exists() else Catalog(locale=language, fuzzy=False)
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    return with_rules(catalog, language)


def merge(catalog: Catalog, fragments: Iterable[Catalog]) -> list[str]:
    """Fills the catalog from fragment files (a translated fragment wins over the catalog);
    returns what did not fit: sentences no longer in the code, forms of the wrong number."""
    problems: list[str] = []
    for fragment in fragments:
        for message in fragment:
            if not message.id:
                continue
            target = catalog.get(message.id, message.context)
            if target is None:
                problems.append(f"not in the code: {message.id!r}")
                continue
            if (
                isinstance(message.id, tuple)
                and len(checks.forms(message.string)) != catalog.num_plurals
            ):
                problems.append(f"{catalog.num_plurals} forms wanted: {message.id!r}")
                continue
            if _translated(message):
                target.string = message.string
                target.flags.discard("fuzzy")
    return problems


def _translated(message: Message) -> bool:
    return all(checks.forms(message.string))


def untranslated(catalog: Catalog) -> list[str]:
    return [str(m.id) for m in catalog if m.id and (not _translated(m) or m.fuzzy)]


def main(argv: list[str]) -> int:
    """Extracts the template, updates every catalog and merges `i18n/fragments/*.<lang>.po`."""
    template = extract()
    write(template, TEMPLATE)
    print(f"{TEMPLATE.relative_to(ROOT)}: {len(template)} sentences")
    failed = False
    for language in TRANSLATED:
        catalog = update(template, language)
        fragments = sorted(FRAGMENTS.glob(f"*.{language}.po")) if FRAGMENTS.is_dir() else []
        for problem in merge(catalog, (read(path, language) for path in fragments)):
            print(f"{language}: {problem}")
        write(catalog, catalog_path(language))
        wrong = checks.problems(template, catalog, language)
        failed = failed or bool(wrong)
        missing = untranslated(catalog)
        print(f"{language}: {len(catalog) - len(missing)}/{len(catalog)} translated")
        for problem in wrong if "-v" in argv else wrong[:10]:
            print(f"  {problem}")
        if len(wrong) > 10 and "-v" not in argv:
            print(f"  … {len(wrong) - 10} more (-v lists them all)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
