"""Each layer imports only what it may (parsed from the source, so nothing is imported here):
domain/ no framework at all; bot/, jobs/ and web/ no SQLAlchemy (SQL stays in persistence/);
web/ no python-telegram-bot either (the bot hands it what it needs); persistence/ no
python-telegram-bot, except its PTB persistence module. And the project's own arrows: a layer
imports only the layers below it — bootstrap → bot, jobs, web → persistence → domain; bot,
jobs and web never import each other — and no module imports itself back through others
(no circle), counting imports made only for type checking too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORKS = ("telegram", "sqlalchemy", "apscheduler", "pydantic", "pydantic_settings", "alembic")
RULES = {  # folder: (forbidden top-level packages, files allowed to import them anyway)
    "domain": (FRAMEWORKS, ()),
    "bot": (("sqlalchemy", "alembic"), ()),
    "jobs": (("sqlalchemy", "alembic"), ()),
    "web": (("sqlalchemy", "alembic", "telegram"), ()),
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


LAYERS = ("bootstrap", "bot", "jobs", "web", "persistence", "domain", "i18n")
MAY_IMPORT = {
    "bootstrap": {"bootstrap", "bot", "jobs", "web", "persistence", "domain", "i18n"},
    "web": {"web", "persistence", "domain", "i18n"},
    "bot": {"bot", "persistence", "domain", "i18n"},
    "jobs": {"jobs", "persistence", "domain", "i18n"},
    "persistence": {"persistence", "domain"},
    "domain": {"domain"},
    "i18n": {"i18n"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    return {
        module_name(p): p
        for layer in LAYERS
        for p in sorted((ROOT / layer).rglob("*.py"))
        if "migrations" not in p.parts
    }


def imports_of(path: Path, name: str, known: set[str]) -> set[str]:
    """The project modules `path` imports (`from pkg import module` names the module)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def graph() -> dict[str, set[str]]:
    modules = project_modules()
    known = set(modules)
    return {name: imports_of(path, name, known) for name, path in modules.items()}


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_layer_imports_one_above_it_or_beside_it() -> None:
    wrong = {
        f"{name} -> {target}"
        for name, targets in graph().items()
        for target in targets
        if target.split(".")[0] not in MAY_IMPORT[name.split(".")[0]]
    }
    assert sorted(wrong) == []


def test_no_module_imports_itself_back_through_others() -> None:
    assert circles(graph()) == []


def test_the_checks_see_a_circle_and_an_upward_arrow(tmp_path: Path) -> None:
    edges = {"domain.a": {"domain.b"}, "domain.b": {"domain.c"}, "domain.c": {"domain.a"}}
    assert circles(edges) == [["domain.a", "domain.b", "domain.c"]]
    probe = tmp_path / "x.py"
    probe.write_text("from bot.kit import context\nfrom . import sibling\n", encoding="utf-8")
    known = {"bot.kit.context", "jobs.sibling", "jobs.x"}
    assert imports_of(probe, "jobs.x", known) == {"bot.kit.context", "jobs.sibling"}


BOT_PACKAGES = sorted(p.parent.name for p in (ROOT / "bot").glob("*/__init__.py"))
KIT = "kit"  # the toolkit every other package of bot/ (a feature) builds on


def bot_package(name: str) -> str | None:
    """The package of bot/ a module is in (`bot.selling.texts` → "selling"), if any."""
    parts = name.split(".")
    return parts[1] if parts[0] == "bot" and len(parts) > 1 and parts[1] in BOT_PACKAGES else None


def test_the_kit_imports_no_feature() -> None:
    """Features build on the kit, never the other way round: a feature hands the kit what it
    needs from it (its wording) when the feature is imported."""
    assert KIT in BOT_PACKAGES and len(BOT_PACKAGES) > 2
    wrong = {
        f"{name} -> {target}"
        for name, targets in graph().items()
        if bot_package(name) == KIT
        for target in targets
        if bot_package(target) not in (None, KIT)
    }
    assert sorted(wrong) == []


def private_imports(path: Path, name: str) -> set[str]:
    """What a module of one bot package takes that another package keeps to itself (`_name`)."""
    home = bot_package(name)
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            taken = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            taken = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(
            target
            for target in taken
            if home is not None
            and bot_package(target) not in (None, home)
            and any(part.startswith("_") for part in target.split(".")[2:])
        )
    return found


def test_no_feature_imports_another_ones_private_names() -> None:
    """A feature may use what another one (or the kit) offers, never what it keeps to itself."""
    wrong = {
        f"{name} -> {target}"
        for name, path in project_modules().items()
        for target in private_imports(path, name)
    }
    assert sorted(wrong) == []


def test_the_checks_see_the_kit_and_a_private_name(tmp_path: Path) -> None:
    assert [bot_package(n) for n in ("bot.selling.texts", "bot.kit", "bot.config", "web.app")] == [
        "selling",
        "kit",
        None,
        None,
    ]
    probe = tmp_path / "x.py"
    probe.write_text(
        "from bot.selling.texts import _said, REASONS\nimport bot.booking._hidden\n"
        "from bot.catalog._inner import shown\nfrom bot.kit.flows import _own\n",
        encoding="utf-8",
    )
    assert private_imports(probe, "bot.catalog.x") == {
        "bot.selling.texts._said",
        "bot.booking._hidden",
        "bot.kit.flows._own",
    }
    assert private_imports(probe, "bootstrap.x") == set()
