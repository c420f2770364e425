"""Shared fixtures: one build of the bundled papers per test session (it takes seconds)."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent
PAPERS = ROOT / "data" / "papers"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output folder of ``build_project`` over ``data/papers``."""
    from graph.project import build_project

    out = tmp_path_factory.mktemp("built")
    build_project([PAPERS], out)
    return out


@pytest.fixture(scope="session")
def projected(built: Path) -> nx.MultiDiGraph:
    """The networkx projection of the built store (what graph.html was drawn from)."""
    from graph.network import project
    from graph.store import open_graph

    return project(open_graph(built / "store"))
