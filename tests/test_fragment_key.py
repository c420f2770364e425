"""A cached fragment is made again when the code, shapes or namespaces that made it
changed (graph/triples.py ``FRAGMENT_SOURCES``): before, an edit of the Turtle writer
(graph/turtle.py), of the page's part (graph/network.py), of the shape checks
(graph/checks.py, ontology/shapes.ttl) or of the namespaces (ontology/__init__.py) left
every cached fragment as the old code wrote it: an upgraded minekg kept old blocks in
graph.ttl, and fragments never checked under new shapes."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from extract.records import read_jsonl
from extract.version import RULE_MODULES
from graph import fragments, triples
from graph.triples import FRAGMENT_SOURCES, source_digest

from .conftest import ROOT

#: Files whose code runs while a fragment is made but need not be in its key: the
#: fragment cache's file layout (``LAYOUT``, changed by hand) and the atomic write of the
#: bytes it is given.
NOT_IN_THE_KEY = {"graph/fragments.py", "graph/atomic.py"}
#: This project's packages (setup.cfg).
PACKAGES = ("extract", "graph", "ontology")


def _in_the_extractor_version(rel: str) -> bool:
    """``extract/…`` files whose code the extractor version digests (it is in the key too)."""
    if not rel.startswith("extract/"):
        return False
    inner = rel[len("extract/"):]
    return any(inner == m or inner.startswith(m + "/") for m in RULE_MODULES)


def test_every_file_whose_code_runs_while_a_fragment_is_made_is_in_its_key(built, tmp_path, monkeypatch):
    records = read_jsonl(built / "extractions.jsonl")
    fragments.write_graph(records, tmp_path / "warm", "v", tmp_path / "warm-fragments")  # imports done
    ran: set[str] = set()
    make = fragments._make

    def traced(*args, **kwargs):
        def note(frame, event, arg):
            if event == "call":
                ran.add(frame.f_code.co_filename)
        sys.setprofile(note)
        try:
            return make(*args, **kwargs)
        finally:
            sys.setprofile(None)

    monkeypatch.setattr(fragments, "_make", traced)
    made = fragments.write_graph(records, tmp_path / "out", "v", tmp_path / "fragments").made
    assert made == len({r.doc for r in records})
    ours = set()
    for name in ran:
        if not Path(name).is_absolute():
            continue  # frozen modules, code compiled from a string
        try:
            rel = Path(name).resolve().relative_to(ROOT).as_posix()
        except ValueError:
            continue  # the standard library and other packages
        if rel.split("/")[0] in PACKAGES:  # not a virtual environment inside the checkout
            ours.add(rel)
    assert {"graph/triples.py", "graph/turtle.py", "graph/network.py", "graph/checks.py"} <= ours
    needed = {rel for rel in ours if rel not in NOT_IN_THE_KEY and not _in_the_extractor_version(rel)}
    assert needed <= set(FRAGMENT_SOURCES), needed - set(FRAGMENT_SOURCES)
    # data read rather than run: the shapes and ontology of the checks, the namespaces of the IRIs
    assert {"ontology/shapes.ttl", "ontology/minekg.ttl", "ontology/__init__.py"} <= set(FRAGMENT_SOURCES)


@pytest.mark.parametrize("name", FRAGMENT_SOURCES)
def test_an_edit_of_any_of_them_changes_the_key(tmp_path, name):
    for source in FRAGMENT_SOURCES:
        (tmp_path / source).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / source, tmp_path / source)
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
    monkeypatch.setattr(triples, "_SOURCE_DIGEST", "0" * 12)  # as another minekg's sources would digest
    other = fragments.write_graph(records, out, "v", out / "fragments")
    assert other.made == other.documents == first.documents
    assert (out / "graph.ttl").read_bytes() == ttl
