"""Each layer imports only what it may (parsed from the source, so nothing is imported here):
domain/ no framework at all; bot/ and jobs/ no SQLAlchemy (SQL stays in persistence/);
persistence/ no python-telegram-bot, except its PTB persistence module."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORKS = ("telegram", "sqlalchemy", "apscheduler", "pydantic", "pydantic_settings", "alembic")
RULES = {  # folder: (forbidden top-level packages, files allowed to import them anyway)
    "domain": (FRAMEWORKS, ()),
    "bot": (("sqlalchemy", "alembic"), ()),
    "jobs": (("sqlalchemy", "alembic"), ()),
    "persistence": (("telegram",), ("ptb_persistence.py",)),
}


def _imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("folder", sorted(RULES))
def test_each_layer_imports_only_what_it_may(folder: str) -> None:
    forbidden, allowed = RULES[folder]
    files = sorted((ROOT / folder).rglob("*.py"))
    assert files
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imported_roots(path) & set(forbidden))
        for path in files
        if path.name not in allowed
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_layering_check_detects_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlalchemy.orm\nfrom telegram import Bot\n", encoding="utf-8")
    assert _imported_roots(bad) & set(FRAMEWORKS) == {"sqlalchemy", "telegram"}
