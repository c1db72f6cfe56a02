"""The apps depend one way: core ← accounts ← applications ← reflections ← workflows ← portability.

Walks every module's imports (its AST, so an import inside a function counts too) and fails
when a lower layer imports a higher one.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Each app, and the apps it may import from (besides Django and third-party packages).
ALLOWED = {
    "core": set(),
    "accounts": {"core"},
    "applications": {"core", "accounts"},
    "reflections": {"core", "accounts", "applications"},
    "workflows": {"core", "accounts", "applications", "reflections"},
    "portability": {"core", "accounts", "applications", "reflections", "workflows"},
}
PROJECT_PACKAGES = {*ALLOWED, "config", "tests", "bench"}


def imported_packages(path: Path) -> set[tuple[str, int]]:
    """The top-level project packages a module imports, with the line of each import."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in PROJECT_PACKAGES:
                found.add((top, node.lineno))
    return found


def layer_violations(app: str, root: Path = ROOT) -> list[str]:
    violations = []
    for path in sorted((root / app).rglob("*.py")):
        for package, line in imported_packages(path):
            if package != app and package not in ALLOWED[app]:
                violations.append(f"{path.relative_to(root)}:{line} imports {package}")
    return violations


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_an_app_imports_only_the_layers_below_it(app):
    assert layer_violations(app) == []


def test_applications_imports_nothing_from_reflections():
    imports = {
        package
        for path in (ROOT / "applications").rglob("*.py")
        for package, _ in imported_packages(path)
    }
    assert "reflections" not in imports
    assert "workflows" not in imports


def test_the_walk_finds_an_upward_import(tmp_path):
    """The negative control: a module of applications importing reflections is reported."""
    app = tmp_path / "applications"
    app.mkdir()
    (app / "bad.py").write_text("def f():\n    from reflections.models import Reflection\n")
    violations = layer_violations("applications", root=tmp_path)
    assert violations == ["applications/bad.py:2 imports reflections"]


def test_every_app_is_placed_in_a_layer():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")} | {"core"}
    assert apps <= set(ALLOWED)
