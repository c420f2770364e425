"""Shared fixtures: the bundled papers built once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The output folder of ``build_project`` over ``data/papers``."""
    from graph.project import build_project

    out = tmp_path_factory.mktemp("build")
    build_project([ROOT / "data" / "papers"], out)
    return out
