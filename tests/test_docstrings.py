"""The examples in the modules' docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

SKIP = ("polgraph.app.viewer.app", "polgraph.app.viewer.page_scripts")  # Streamlit's scripts, run by Streamlit


def modules() -> list[str]:
    names = []
    for package in ("polgraph.graph", "polgraph.loaders", "polgraph.app"):
        path = importlib.import_module(package).__path__
        for info in pkgutil.walk_packages(path, package + "."):
            if not info.name.startswith(SKIP) and not info.name.endswith("__main__"):
                names.append(info.name)
    return names


@pytest.mark.parametrize("name", modules())
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
