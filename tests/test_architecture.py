"""The import structure: layers app > loaders > graph, extraction components independent of each other,
no import cycles, imports inside the package relative; checked by import-linter (contracts in
pyproject.toml) on a copy of the tree laid out as it installs."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = {"polgraph": "", "graph": "graph", "loaders": "loaders", "app": "app"}  # on disk -> under polgraph/
ENTRY_SCRIPTS = ("app/viewer/app.py", "app/viewer/page_scripts")  # run by Streamlit as __main__


def staged(tmp_path: Path) -> Path:
    """The package's Python files copied as they install (polgraph/graph/..., polgraph/loaders/...)."""
    for folder, inside in FOLDERS.items():
        for source in (ROOT / folder).rglob("*.py"):
            target = tmp_path / "polgraph" / inside / source.relative_to(ROOT / folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return tmp_path


def lint_imports(path: Path) -> subprocess.CompletedProcess:
    lint = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(path)}
    return subprocess.run([str(lint), "--config", str(ROOT / "pyproject.toml"), "--no-cache"], cwd=path,
                          capture_output=True, text=True, env=env)


def test_the_contracts_are_kept(tmp_path: Path) -> None:
    result = lint_imports(staged(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("polgraph/graph/ids.py", "from ..loaders import model", "Layers"),
    ("polgraph/loaders/relations.py", "from . import statements", "Extraction components"),
    ("polgraph/graph/schema.py", "from . import store", "No import cycles"),
])
def test_a_broken_contract_fails(tmp_path: Path, module: str, line: str, contract: str) -> None:
    path = staged(tmp_path)
    target = path / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    result = lint_imports(path)
    assert result.returncode != 0 and contract in result.stdout


def test_imports_inside_the_package_are_relative() -> None:
    """Absolute ``polgraph`` imports only in Streamlit's entry scripts (outside the tree: tests, bench)."""
    absolute = []
    for folder in FOLDERS:
        for path in (ROOT / folder).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith(ENTRY_SCRIPTS):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("polgraph"):
                    absolute.append(f"{relative}:{node.lineno}")
                if isinstance(node, ast.Import) and any(a.name.startswith("polgraph") for a in node.names):
                    absolute.append(f"{relative}:{node.lineno}")
    assert absolute == []
