"""The repository stands alone: its README links only to what a fresh clone has, the product
rules are written in it, and it carries a declared license."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_readme_links_only_files_inside_the_repository() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "../" not in readme
    for target in re.findall(r"\]\(([^)#]+)\)", readme):
        if not target.startswith("http"):
            assert (ROOT / target).exists(), target
    assert "docs/rules.md" in readme


def test_the_product_rules_are_in_the_repository() -> None:
    rules = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for word in ("package", "access link", "sold package", "time zone"):
        assert word in rules


def test_the_license_is_mit_and_declared_in_pyproject() -> None:
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
