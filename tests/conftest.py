"""Shared, session-scoped fixtures: the spaCy pipeline and a build of the bundled papers."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAPERS = ROOT / "data" / "papers"
GOLD = ROOT / "data" / "gold"


@pytest.fixture(scope="session")
def nlp():
    """The extraction pipeline, built once."""
    from extract.pipeline import create_nlp

    return create_nlp()


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """``minekg build data/papers`` into a temporary folder; returns the folder."""
    from graph.project import build_project

    out = tmp_path_factory.mktemp("build")
    build_project([PAPERS], out)
    return out


@pytest.fixture(scope="session")
def projected(built):
    """The networkx projection of the built store (what graph.html was drawn from)."""
    from graph.network import project
    from graph.store import open_graph

    return project(open_graph(built / "store"))
