"""One distribution, `polgraph`, whose root folders install as polgraph.graph/.loaders/.app."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


# What setuptools prints when a folder holding package data is not declared as a package.
UNDECLARED_DATA = ("Package would be ignored", "absent from the `packages` configuration")


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project as a fresh clone has it: setuptools reuses build/ in place, whose stale files would hide a miss."""
    copy = tmp_path_factory.mktemp("source") / "polgraph"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", "node_modules", "polgraph-data*", ".*_cache"))
    return copy


@pytest.fixture(scope="module")
def wheel_build(source: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The wheel, and everything pip and setuptools printed while building it (-v shows the backend's output)."""
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(out), str(source)],
                          check=True, capture_output=True, text=True, timeout=300)
    (built,) = out.glob("polgraph-*.whl")
    return built, done.stdout + done.stderr


@pytest.fixture(scope="module")
def wheel(wheel_build: tuple[Path, str]) -> Path:
    return wheel_build[0]


def test_wheel_build_prints_no_packaging_warning(wheel_build: tuple[Path, str]) -> None:
    log = wheel_build[1]
    assert "polgraph" in log and not [line for line in log.splitlines() if any(w in line for w in UNDECLARED_DATA)]


def test_a_fresh_editable_install_prints_no_packaging_warning(source: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    done = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--no-deps", "-v", "-e", str(source)],
                          capture_output=True, text=True, timeout=300)
    log = done.stdout + done.stderr
    assert done.returncode == 0, log[-2000:]
    assert "Successfully installed polgraph" in log
    assert not [line for line in log.splitlines() if any(w in line for w in UNDECLARED_DATA)]


def test_wheel_holds_one_top_level_package_with_its_data(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/")[0] for name in names}
    assert {t for t in top if not t.endswith(".dist-info")} == {"polgraph"}
    for expected in ["polgraph/graph/store.py", "polgraph/graph/schema/nodes/Person.yaml",
                     "polgraph/graph/schema/relationships/LEADS.yaml", "polgraph/loaders/model.py",
                     "polgraph/loaders/sample/fr-regional-2015-buzzfeed.txt", "polgraph/app/cli.py"]:
        assert expected in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "polgraph = polgraph.app.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_wheel_holds_every_file_of_the_code_folders(wheel: Path) -> None:
    """A data folder missing from pyproject's packages would be left out of the wheel without a word."""
    names = set(zipfile.ZipFile(wheel).namelist())
    folders = {"polgraph": "polgraph", "graph": "polgraph/graph", "loaders": "polgraph/loaders", "app": "polgraph/app"}
    source = {f"{target}/{path.relative_to(ROOT / folder).as_posix()}" for folder, target in folders.items()
              for path in (ROOT / folder).rglob("*") if path.is_file() and "__pycache__" not in path.parts}
    assert source - names == set()


def test_installed_wheel_imports_without_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    code = ("import polgraph.graph.store as s, polgraph.loaders.load as l, polgraph.graph.schema as sc;"
            "print(s.__file__); print(l.SAMPLE_ARTICLE.exists()); print(len(sc.load_schema().nodes))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                            env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert result.returncode == 0, result.stderr
    file, sample_exists, labels = result.stdout.split()
    assert file.startswith(str(target)) and sample_exists == "True" and labels == "10"
