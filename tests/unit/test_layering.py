"""domain/ stays pure: it imports no framework (telegram, sqlalchemy, apscheduler, pydantic)."""

import ast
from pathlib import Path

FORBIDDEN = ("telegram", "sqlalchemy", "apscheduler", "pydantic", "pydantic_settings", "alembic")
DOMAIN = Path(__file__).resolve().parents[2] / "domain"


def _imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_domain_imports_no_framework() -> None:
    files = sorted(DOMAIN.rglob("*.py"))
    assert len(files) >= 5
    offenders = {
        str(path.relative_to(DOMAIN)): sorted(_imported_roots(path) & set(FORBIDDEN))
        for path in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_layering_check_detects_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlalchemy.orm\nfrom telegram import Bot\n", encoding="utf-8")
    assert _imported_roots(bad) & set(FORBIDDEN) == {"sqlalchemy", "telegram"}
