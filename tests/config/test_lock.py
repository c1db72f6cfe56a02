"""The locks in requirements/ match pyproject.toml, and the check notices when they do not."""

import importlib.util
import shutil
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def lockfile(tmp_path, monkeypatch):
    """requirements/lockfile.py run against a copy of pyproject.toml and the locks."""
    shutil.copy(PROJECT_DIR / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "requirements").mkdir()
    for name in ("base.txt", "dev.txt", "lockfile.py"):
        shutil.copy(PROJECT_DIR / "requirements" / name, tmp_path / "requirements" / name)
    spec = importlib.util.spec_from_file_location("lockfile", tmp_path / "requirements/lockfile.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_locks_match_pyproject(lockfile, capsys):
    assert lockfile.check() == 0, capsys.readouterr().out


def test_a_dependency_added_to_pyproject_fails_the_check(lockfile, capsys):
    pyproject = lockfile.PYPROJECT
    text = pyproject.read_text()
    pyproject.write_text(
        text.replace("dependencies = [\n", 'dependencies = [\n    "left-pad>=1",\n', 1)
    )
    assert lockfile.check() == 1
    out = capsys.readouterr().out
    assert "compiled from other dependency lists" in out
    assert "left-pad is not in the lock" in out
    assert "make lock" in out


def test_a_dev_dependency_added_fails_only_the_dev_lock(lockfile, capsys):
    pyproject = lockfile.PYPROJECT
    pyproject.write_text(
        pyproject.read_text().replace("dev = [\n", 'dev = [\n    "left-pad",\n', 1)
    )
    assert lockfile.check() == 1
    out = capsys.readouterr().out
    assert "requirements/dev.txt was compiled from other" in out
    assert "requirements/base.txt was compiled from other" not in out


def test_a_hand_edited_pin_outside_the_range_fails_the_check(lockfile, capsys):
    base = lockfile.PYPROJECT.parent / "requirements" / "base.txt"
    pinned = lockfile.pins(base.read_text())["django"]
    base.write_text(base.read_text().replace(f"django=={pinned}", "django==5.2.0"))
    assert lockfile.check() == 1
    assert "django==5.2.0 does not satisfy django>=6.1,<6.2" in capsys.readouterr().out


def test_reordering_or_reformatting_pyproject_changes_nothing(lockfile):
    pyproject = lockfile.PYPROJECT
    before = lockfile.digest(("dev",))
    text = pyproject.read_text()
    pyproject.write_text(text.replace('"django>=6.1,<6.2",', '"django >= 6.1, < 6.2",'))
    assert lockfile.digest(("dev",)) == before


def test_every_lock_line_carries_hashes():
    for name in ("base.txt", "dev.txt"):
        text = (PROJECT_DIR / "requirements" / name).read_text()
        blocks = [b for b in text.split("\n") if "==" in b and not b.startswith("#")]
        assert blocks, name
        assert all(b.rstrip().endswith("\\") for b in blocks), "a pin without --hash lines"


def test_the_runtime_lock_has_no_development_tools():
    base = (PROJECT_DIR / "requirements" / "base.txt").read_text()
    for tool in ("pytest", "mypy", "ruff", "playwright", "factory-boy", "pre-commit"):
        assert f"\n{tool}==" not in base
