"""A cached fragment is made again when the code that made it changed (graph/triples.py
``FRAGMENT_MODULES``): before, an edit of the Turtle writer (graph/turtle.py), of the
page's part (graph/network.py) or of the shape checks (graph/checks.py) left every cached
fragment as the old code wrote it, so an upgraded minekg kept old blocks in graph.ttl."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extract.records import read_jsonl
from graph import checks, fragments, network, summaries, triples, turtle, validate, vocab
from graph.triples import FRAGMENT_MODULES, source_digest

GRAPH = Path(triples.__file__).parent


def _module_file(obj) -> str:
    return obj.__module__.rsplit(".", 1)[-1] + ".py"


def test_every_module_whose_code_goes_into_a_fragment_is_in_its_key():
    # what FragmentCache.put and _make call to write a fragment's parts
    writers = [turtle.block_indexed, turtle.block, network.document_part, summaries.indicator_part,
               checks.View, checks.ShapeChecker, triples.document_fragment, triples.iri]
    assert {_module_file(w) for w in writers} <= set(FRAGMENT_MODULES)
    assert "vocab.py" in FRAGMENT_MODULES and vocab.PREFIXES  # the IRIs and prefixes of every triple
    assert {"turtle.py", "network.py", "checks.py", "validate.py"} <= set(FRAGMENT_MODULES)
    assert validate._shapes.__module__ == "graph.validate"  # the shapes checks.py compiles


@pytest.mark.parametrize("name", FRAGMENT_MODULES)
def test_an_edit_of_any_of_them_changes_the_key(tmp_path, name):
    for module in FRAGMENT_MODULES:
        shutil.copy(GRAPH / module, tmp_path / module)
    assert source_digest(tmp_path) == source_digest()
    with open(tmp_path / name, "a", encoding="utf-8") as fh:
        fh.write("\n# edited\n")
    assert source_digest(tmp_path) != source_digest()


def test_a_rebuild_under_other_fragment_code_makes_every_fragment_again(built, tmp_path, monkeypatch):
    records = read_jsonl(built / "extractions.jsonl")
    out = tmp_path / "out"
    first = fragments.write_graph(records, out, "v", out / "fragments")
    ttl = (out / "graph.ttl").read_bytes()
    again = fragments.write_graph(records, out, "v", out / "fragments")
    assert first.made == first.documents and again.made == 0
    monkeypatch.setattr(triples, "_SOURCE_DIGEST", "0" * 12)  # as another minekg's code would digest
    other = fragments.write_graph(records, out, "v", out / "fragments")
    assert other.made == other.documents == first.documents
    assert (out / "graph.ttl").read_bytes() == ttl
