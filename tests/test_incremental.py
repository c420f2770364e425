"""Incremental builds (issue 6): reused fragments and an updated store give, byte for
byte, what a build from nothing gives; the fast shape checks agree with pyshacl."""
from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest

from extract.records import OrganisationRecord, read_jsonl

from .conftest import PAPERS


def _store_triples(store_dir: Path) -> set[str]:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_dir))
    return {str(q) for q in store}


@pytest.fixture(scope="module")
def records(built):
    return read_jsonl(built / "extractions.jsonl")


def _fresh(records, tmp_path: Path, name: str):
    from graph.fragments import write_graph

    out = tmp_path / name
    out.mkdir()
    result = write_graph(records, out, "v", out / "fragments")
    return out, result


def _assert_same(a: Path, b: Path) -> None:
    assert (a / "graph.ttl").read_bytes() == (b / "graph.ttl").read_bytes()
    assert _store_triples(a / "store") == _store_triples(b / "store")


def test_graph_ttl_holds_the_triples_of_build_graph(records, built):
    from rdflib import Graph
    from rdflib.compare import to_isomorphic

    from extract.version import extractor_version
    from graph.build import build_graph

    g = Graph().parse(built / "graph.ttl", format="turtle")
    assert to_isomorphic(g) == to_isomorphic(build_graph(records, extractor_version()))


def test_a_change_that_moves_resolution_rebuilds_both_documents(records, tmp_path):
    """Doc 002 gains an organisation whose alias 新庄煤矿 joins 001's mine under a fuller
    name: 001's fragment must be made again although 001 did not change."""
    from graph.fragments import write_graph

    out, first = _fresh(records, tmp_path, "inc")
    assert first.made == first.documents == 5 and first.store == "loaded"
    changed = copy.deepcopy(records)
    rec = next(r for r in changed if r.doc.startswith("002_"))
    rec.organisations.append(OrganisationRecord("河南神火煤电股份有限公司新庄煤矿一号井区", ["新庄煤矿"], "Mine", None))
    again = write_graph(changed, out, "v", out / "fragments", update_share=1.0)
    assert (again.made, again.store) == (2, "updated")
    full, _ = _fresh(changed, tmp_path, "full")
    _assert_same(out, full)


def test_a_change_that_keeps_the_organisations_makes_one_fragment(records, tmp_path):
    """The organisations of the corpus are those of the last build, so the unchanged
    documents keep their fragment keys without being resolved again (graph/fragments.py
    ``known``); the changed one is made again, and the graph is that of a build from
    nothing."""
    import json

    from graph.fragments import write_graph

    out, _ = _fresh(records, tmp_path, "inc")
    state = json.loads((out / "fragments" / "state.json").read_text(encoding="utf-8"))
    assert sorted(state["docs"]) == sorted({r.doc for r in records})
    changed = copy.deepcopy(records)
    rec = next(r for r in changed if r.doc.startswith("002_"))
    rec.practices[0].name += "制度"
    again = write_graph(changed, out, "v", out / "fragments", update_share=1.0)
    assert (again.made, again.store) == (1, "updated")
    full, _ = _fresh(changed, tmp_path, "full")
    _assert_same(out, full)


def test_a_rebuild_takes_the_fragments_from_the_saved_headers_unless_a_file_changed(records, tmp_path,
                                                                                    monkeypatch):
    """A rebuild takes the last build's fragments from their saved headers (``index.marshal``)
    without opening each file; a fragment whose file is not the size its header gives is
    read again (here: cut short, so made again), and the graph is that of a build from nothing."""
    import json

    import graph.fragments as fragments
    from graph.fragments import write_graph

    out, first = _fresh(records, tmp_path, "inc")
    opened = []
    real_get = fragments.FragmentCache.get
    monkeypatch.setattr(fragments.FragmentCache, "get", lambda self, key: opened.append(key) or real_get(self, key))
    again = write_graph(records, out, "v", out / "fragments", update_share=1.0)
    assert again.made == 0 and opened == []
    state = json.loads((out / "fragments" / "state.json").read_text(encoding="utf-8"))
    victim = out / "fragments" / f"{state['fragments'][1]}.frag"
    victim.write_bytes(victim.read_bytes()[:-10])
    again = write_graph(records, out, "v", out / "fragments", update_share=1.0)
    assert again.made == 1 and opened == [state["fragments"][1]]
    full, _ = _fresh(records, tmp_path, "full")
    _assert_same(out, full)


def test_a_removed_document_leaves_no_triple(records, tmp_path):
    from graph.fragments import write_graph

    out, _ = _fresh(records, tmp_path, "inc")
    fewer = [r for r in records if not r.doc.startswith("003_")]
    again = write_graph(fewer, out, "v", out / "fragments", update_share=1.0)
    assert (again.made, again.store) == (0, "updated")
    full, _ = _fresh(fewer, tmp_path, "full")
    _assert_same(out, full)
    assert "003_" not in (out / "graph.ttl").read_text(encoding="utf-8")


def test_a_store_changed_by_hand_is_loaded_whole(records, tmp_path):
    import pyoxigraph as ox

    from graph.fragments import write_graph

    out, _ = _fresh(records, tmp_path, "inc")
    store = ox.Store(str(out / "store"))
    some = next(iter(store))
    store.remove(some)
    store.flush()
    del store
    fewer = [r for r in records if not r.doc.startswith("003_")]
    again = write_graph(fewer, out, "v", out / "fragments", update_share=1.0)
    assert again.store == "loaded"
    full, _ = _fresh(fewer, tmp_path, "full")
    _assert_same(out, full)


@pytest.mark.parametrize("edited", [False, True])
def test_rebuild_after_one_paper_changed_equals_a_build_from_nothing(tmp_path, monkeypatch, edited):
    """The rebuild copies the cached pieces of the unchanged papers from the outputs in
    place (graph/commit.py ``plan``), unless an output was changed by hand since: either
    way its outputs are those of a build from nothing."""
    import graph.commit
    from graph.project import build_project

    papers = tmp_path / "papers"
    papers.mkdir()
    for p in sorted(PAPERS.glob("*.txt"))[:3]:
        shutil.copy(p, papers / p.name)
    out = tmp_path / "out"
    build_project([papers], out)
    changed = sorted(papers.iterdir())[1]
    changed.write_text(changed.read_text(encoding="utf-8").replace("党建", "党的建设", 3), encoding="utf-8")
    if edited:  # a hand edit that keeps the size: only the file's times tell
        for name in ("extractions.jsonl", "graph.ttl"):
            data = (out / name).read_bytes()
            (out / name).write_bytes(data[:-2] + b"#" + data[-1:])
    reused: dict[str, int] = {}
    plan = graph.commit.plan

    def spy(chunks, previous, layout, context=""):
        result = plan(chunks, previous, layout, context)
        reused[previous.name] = result[2]
        return result

    monkeypatch.setattr(graph.commit, "plan", spy)
    _, corpus = build_project([papers], out)
    assert (corpus.extracted, corpus.cached) == (1, 2)
    if edited:
        assert reused["extractions.jsonl"] == reused["graph.ttl"] == 0
    else:  # the two unchanged papers' lines and fragments
        assert reused["extractions.jsonl"] > 0.3 * (out / "extractions.jsonl").stat().st_size
        assert reused["graph.ttl"] > 0.3 * (out / "graph.ttl").stat().st_size
    fresh = tmp_path / "fresh"
    build_project([papers], fresh, cache=False)
    for name in ("extractions.jsonl", "graph.ttl", "graph.html"):
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name
    assert _store_triples(out / "store") == _store_triples(fresh / "store")


# --- the fast shape checks against pyshacl -------------------------------------------

MKG = "https://w3id.org/minekg/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"


def _mutations(triples):
    def first(pred):  # the least match, so the case does not depend on set order (hash seed)
        return min(t for t in triples if pred(t))

    cat = first(lambda t: t[1] == f"<{MKG}category>")
    unit = first(lambda t: t[1] == f"<{MKG}unit>")
    value = first(lambda t: t[1] == f"<{MKG}value>")
    linked = {t[2] for t in triples if "/finding/" in t[0] and t[1] == f"<{MKG}practice>"}
    ptype = first(lambda t: t[2] == f"<{MKG}Practice>" and t[0] in linked)
    pref = first(lambda t: "/org/" in t[0] and t[1].endswith("#prefLabel>"))
    otype = first(lambda t: "/org/" in t[0] and t[1].endswith("#type>"))
    # an organisation may have several types (org:Organization and a subclass): drop them all
    otypes = {t for t in triples if t[0] == otype[0] and t[1] == otype[1]}
    derived = first(lambda t: "/finding/" in t[0] and t[1].endswith("wasDerivedFrom>"))
    ident = first(lambda t: "/document/" in t[0] and t[1] == "<http://purl.org/dc/terms/identifier>")
    dsources = {t for t in triples if t[0] == ident[0] and t[1] == "<http://purl.org/dc/terms/source>"}
    other = "<https://w3id.org/minekg/id/category/safety>" if not cat[2].endswith("safety>") else \
        "<https://w3id.org/minekg/id/category/other>"
    return {
        "clean": triples,
        "no category": triples - {cat},
        "two categories": triples | {(cat[0], cat[1], other)},
        "literal category": triples | {(cat[0], cat[1], '"safety"')},
        "value without unit": triples - {unit},
        "ill-formed decimal": triples - {value} | {(value[0], value[1], f'"abc"^^<{XSD}decimal>')},
        "string value": triples - {value} | {(value[0], value[1], '"3"')},
        "untyped practice": triples - {ptype},
        "organisation without name": triples - {pref},
        "untyped organisation": triples - otypes,
        "finding without evidence": triples - {derived},
        "finding with unknown organisation": triples | {(derived[0], f"<{MKG}organisation>",
                                                        "<https://w3id.org/minekg/id/org/nowhere>")},
        "document without source": triples - dsources,
        "document with two identifiers": triples | {(ident[0], ident[1], '"other.txt"')},
    }


@pytest.fixture(scope="module")
def corpus_triples(records):
    from graph.triples import corpus_triples

    return corpus_triples(records, "v")


CASES = ["clean", "no category", "two categories", "literal category", "value without unit",
         "ill-formed decimal", "string value", "untyped practice", "organisation without name",
         "untyped organisation", "finding without evidence", "finding with unknown organisation",
         "document without source", "document with two identifiers"]


@pytest.mark.parametrize("case", CASES)
def test_shape_checker_agrees_with_pyshacl(case, corpus_triples):
    from rdflib import Graph

    from graph.checks import ShapeChecker
    from graph.validate import validate

    triples = _mutations(set(corpus_triples))[case]
    g = Graph().parse(data="".join(f"{s} {p} {o} .\n" for s, p, o in triples), format="nt")
    expected = validate(g).violations
    got = ShapeChecker().check(triples)

    def key(v):  # pyshacl names a node with two names by either
        return (v.focus, v.path, v.message, v.severity, v.value)

    assert sorted(map(key, got)) == sorted(map(key, expected))
    assert (case == "clean") == (not got)


@pytest.mark.parametrize("case", CASES)
def test_shapes_checked_fragment_by_fragment_agree_with_the_whole_check(case, records, corpus_triples):
    """The build checks each fragment where it is made, as far as the document alone
    decides (ShapeChecker.check_fragment), and settles the rest against the corpus's
    shared triples (settle): on the bundled papers, whole and broken in each way of
    _mutations, that passes exactly when the whole graph's check (which agrees with
    pyshacl, above) finds no violation."""
    from graph.build import Resolver
    from graph.checks import ShapeChecker, View
    from graph.triples import by_document, declared_nodes, document_fragment, document_node, run_nodes

    whole = set(corpus_triples)
    mutated = _mutations(whole)[case]
    removed, added = whole - mutated, mutated - whole
    mentions = [(r.doc, o.name, o.aliases) for r in records for o in r.organisations]
    res = Resolver(mentions=mentions)
    frags = [document_fragment(recs, res, declared_nodes(mentions, res), run_nodes("v")[1])
             for recs in by_document(records).values()]
    locals_ = []
    for frag in frags:
        own = set(frag.local) - removed
        subjects = {t[0] for t in frag.local}
        own |= {t for t in added if document_node(t[0]) and t[0] in subjects}
        locals_.append(own)
    shared = mutated - set().union(*locals_)
    checker = ShapeChecker()
    parts = [checker.check_fragment(sorted(own), set(frag.shared) - removed, document_node)
             for frag, own in zip(frags, locals_)]
    passed = (not any(v.severity == "Violation" for v in checker.check((), indexed=View.index(shared)))
              and checker.settle(parts, shared, document_node))
    assert passed == (not checker.check(mutated))
    assert passed == (case == "clean")
    if case == "clean":  # the organisations findings name were settled against the shared triples
        assert any(p.deferred for p in parts)


def test_settle_refuses_a_shared_triple_about_a_documents_own_node(records, corpus_triples):
    """A fragment's own nodes were checked on its triples alone: a shared triple about one
    (which graph/triples.py never writes) sends the fragment to the whole check."""
    from graph.checks import ShapeChecker
    from graph.triples import document_node

    checker = ShapeChecker()
    outcome = min(t[0] for t in corpus_triples if "/outcome/" in t[0])
    assert checker.settle([], set(), document_node)
    assert not checker.settle([], {(outcome, f"<{MKG}value>", '"1"')}, document_node)


def test_the_turtle_writer_names_terms_as_the_namespace_loop_did(corpus_triples):
    """graph/turtle.py finds a term's namespace by one lookup at the IRI's last / or #;
    on every term of the bundled graph and on edge cases it writes what the loop over
    the namespaces (longest first) wrote."""
    from graph.turtle import _Abbrev
    from graph.vocab import ID, NS, PREFIXES

    terms = {x for t in corpus_triples for x in t} | {
        f"<{NS}>", f"<{NS}a-b_c>", f"<{NS}1st>", f"<{ID}>", f"<{ID}org>", f"<{ID}org/x>",
        "<http://purl.org/dc/terms/title#x>", "<http://example.org/a#b>",
        '"3"^^<http://www.w3.org/2001/XMLSchema#decimal>'}
    fast, loop = _Abbrev(PREFIXES), _Abbrev(PREFIXES)
    assert fast.ends is not None
    loop.ends = None
    assert {t: fast(t) for t in terms} == {t: loop(t) for t in terms}
    assert fast(f"<{NS}Practice>") == "mkg:Practice" and fast(f"<{ID}org/x>") == f"<{ID}org/x>"


def test_turtle_blocks_do_not_depend_on_what_the_writer_remembers(corpus_triples, monkeypatch):
    """graph/turtle.py's block keeps its names from block to block and starts again past
    _MEMO_RESET: the text of each block is the same with a memo reset at every block,
    a memo kept, and a fresh writer; rdf:type stays ``a``."""
    import graph.turtle as turtle
    from graph.turtle import block, sort_triples

    triples = sort_triples(corpus_triples)
    by_subject: dict[str, list] = {}
    for t in triples:
        by_subject.setdefault(t[0], []).append(t)
    parts = [by_subject[s] for s in sorted(by_subject)][:400]
    kept = [block(p) for p in parts]
    monkeypatch.setattr(turtle, "_MEMO_RESET", 3)
    reset = [block(p) for p in parts]
    monkeypatch.setattr(turtle, "_ABBREVS", {})
    fresh = [block(p) for p in parts]
    assert kept == reset == fresh
    assert block(triples) == "".join(block(p) for p in [by_subject[s] for s in sorted(by_subject)])
    assert any(" a " in text.split("\n")[0] for text in kept)


def test_shapes_beyond_the_checker_fall_back_to_pyshacl():
    from rdflib import Graph

    from graph.checks import ShapeChecker, Unsupported

    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
             sh:property [ sh:path ex:p ; sh:pattern "^a" ] .""", format="turtle")
    with pytest.raises(Unsupported):
        ShapeChecker(shapes)


def test_a_fragment_that_breaks_the_shapes_stops_the_build(records, tmp_path, monkeypatch):
    import graph.fragments as fragments
    from graph.validate import ShapeError

    out, _ = _fresh(records, tmp_path, "out")
    before = (out / "graph.ttl").read_bytes()
    real = fragments.document_fragment

    def broken(*args, **kwargs):
        frag = real(*args, **kwargs)
        frag.local = [t for t in frag.local if t[1] != f"<{MKG}category>"]
        return frag

    monkeypatch.setattr(fragments, "document_fragment", broken)
    changed = copy.deepcopy(records)
    changed[0].article += "（修订）"
    with pytest.raises(ShapeError, match="an outcome needs exactly one category"):
        fragments.write_graph(changed, out, "v", out / "fragments")
    assert (out / "graph.ttl").read_bytes() == before


def test_a_build_failing_while_its_store_loads_stops_the_load(records, tmp_path, monkeypatch):
    """The store is loaded from the fragments as they are made (graph.fragments._Loader):
    a build that fails in the middle ends the load's thread and leaves no staged store."""
    import threading

    import graph.fragments as fragments

    out, _ = _fresh(records, tmp_path, "out")
    before = (out / "graph.ttl").read_bytes()
    real, calls = fragments.document_fragment, []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("a bug in the second document")
        return real(*args, **kwargs)

    monkeypatch.setattr(fragments, "document_fragment", failing)
    with pytest.raises(RuntimeError, match="second document"):
        fragments.write_graph(records, out, "other version", out / "fragments")  # every fragment new
    assert len(calls) == 2
    assert not any(t.name.startswith("minekg store") for t in threading.enumerate())
    assert not (out / "store.tmp").exists()
    assert (out / "graph.ttl").read_bytes() == before


def test_a_build_failing_once_its_fragments_are_made_stops_the_compaction(records, tmp_path, monkeypatch):
    """Once every fragment is made the store's thread compacts and waits for the shared
    block (graph.fragments._Loader.made): a build failing before it gives that block ends
    the thread too, and leaves no staged store."""
    import threading

    import graph.fragments as fragments

    out, _ = _fresh(records, tmp_path, "out")
    before = (out / "graph.ttl").read_bytes()
    made = []
    real = fragments._Loader.made

    def noted(self):
        made.append(1)
        real(self)

    def failing(shared, prev=None):
        raise RuntimeError("a bug in the shared triples")

    monkeypatch.setattr(fragments._Loader, "made", noted)
    monkeypatch.setattr(fragments, "with_counts_delta", failing)
    with pytest.raises(RuntimeError, match="shared triples"):
        fragments.write_graph(records, out, "other version", out / "fragments")
    assert made == [1]
    assert not any(t.name.startswith("minekg store") for t in threading.enumerate())
    assert not (out / "store.tmp").exists()
    assert (out / "graph.ttl").read_bytes() == before


def _ttl_parts(ttl: bytes, n: int) -> list[bytes]:
    """graph.ttl cut into ``n`` Turtle documents at paragraph ends, each with the prefixes."""
    head, body = ttl.split(b"\n\n", 1)
    paragraphs = body.split(b"\n\n")
    step = -(-len(paragraphs) // n)
    return [head + b"\n\n" + b"\n\n".join(paragraphs[i:i + step]) + b"\n\n"
            for i in range(0, len(paragraphs), step)]


@pytest.mark.parametrize("threads", [2, 3])
def test_a_store_loaded_in_threads_holds_what_one_thread_loads(built, tmp_path, threads):
    """graph.store.write_store_parts loads its parts ``threads`` at a time (the build's
    _Loader: two), and the parts given ``after`` once they are compacted."""
    from graph.store import write_store_parts

    parts = _ttl_parts((built / "graph.ttl").read_bytes(), 7)
    write_store_parts(parts, tmp_path / "one")
    write_store_parts(parts[:-1], tmp_path / "many", after=parts[-1:], threads=threads)
    assert _store_triples(tmp_path / "many") == _store_triples(tmp_path / "one")
    assert _store_triples(tmp_path / "one") == _store_triples(built / "store")


@pytest.mark.parametrize("broken", ["part", "reader"])
def test_a_part_that_cannot_be_loaded_stops_every_load_thread(built, tmp_path, broken):
    """A part the loader refuses, or an error while the parts are read, is raised once every
    load thread has stopped; the parts after it are not loaded."""
    import threading

    from graph.store import write_store_parts

    parts = _ttl_parts((built / "graph.ttl").read_bytes(), 6)
    read = []

    def given():
        for i, part in enumerate(parts):
            read.append(i)
            if i == 3:
                if broken == "reader":
                    raise RuntimeError("the fragment cache changed under the build")
                yield b"<not turtle"
                continue
            yield part

    with pytest.raises(RuntimeError if broken == "reader" else SyntaxError):
        write_store_parts(given(), tmp_path / "store", threads=2)
    assert max(read) <= 4  # a thread may have taken one more part while the other failed
    assert not any(t.name.startswith("minekg store load") for t in threading.enumerate())


def test_a_broken_fragment_is_found_when_the_shared_triples_are_not_checked_again(records, tmp_path,
                                                                                 monkeypatch):
    """A change that keeps the shared triples checks only the new fragment, against the
    shared triples about its nodes; a broken one still stops the build."""
    import graph.fragments as fragments
    from graph.validate import ShapeError

    out, _ = _fresh(records, tmp_path, "out")
    before = (out / "graph.ttl").read_bytes()
    real, real_check = fragments.document_fragment, fragments._check
    modes = []

    def broken(*args, **kwargs):  # outcomes without their sentence: no shared triple changes
        frag = real(*args, **kwargs)
        frag.local = [t for t in frag.local if not ("/outcome/" in t[0] and t[1].endswith("wasDerivedFrom>"))]
        return frag

    def check(shared, made, cache, checker, shared_checked=False):
        modes.append(shared_checked)
        return real_check(shared, made, cache, checker, shared_checked=shared_checked)

    monkeypatch.setattr(fragments, "_check", check)
    changed = copy.deepcopy(records)
    rec = next(r for r in changed if r.outcomes)
    rec.outcomes[0].sentence += "（注）"  # a local triple only: the sentence's text
    again = fragments.write_graph(changed, out, "v", out / "fragments", update_share=1.0)
    assert (again.made, modes) == (1, [True])
    full, _ = _fresh(changed, tmp_path, "full")
    _assert_same(out, full)
    before = (out / "graph.ttl").read_bytes()
    monkeypatch.setattr(fragments, "document_fragment", broken)
    rec.outcomes[0].sentence += "（再注）"
    with pytest.raises(ShapeError, match="an outcome needs the sentence it comes from"):
        fragments.write_graph(changed, out, "v", out / "fragments", update_share=1.0)
    assert modes[-1] is True
    assert (out / "graph.ttl").read_bytes() == before


# --- the page's projection made from the fragments ------------------------------------

def _same_network(a, b) -> None:
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))
    # the page's tooltips take the first edge in; the order of in-edges must agree too
    assert all(list(a.in_edges(n, keys=True)) == list(b.in_edges(n, keys=True)) for n in a)


def test_projection_from_fragments_equals_the_projection_of_the_store(records, tmp_path):
    """The page of a build is drawn from the fragments (graph.network.project_parts), not
    from the store; both must give the same graph, after a rebuild too (fragments from
    the cache, one document changed)."""
    from graph.network import project
    from graph.store import open_graph
    from graph.viz import render_html

    out, first = _fresh(records, tmp_path, "net")
    store = open_graph(out / "store")
    _same_network(first.network, project(store))  # under MAX_NODES: nothing trimmed
    store.close()
    changed = copy.deepcopy(records)
    rec = next(r for r in changed if r.outcomes and r.links)
    rec.outcomes[0].value, rec.outcomes[0].unit = 1.50, "%"  # a decimal made canonical; a QUDT unit
    from graph.fragments import write_graph

    again = write_graph(changed, out, "v", out / "fragments", update_share=1.0)
    assert again.made >= 1
    store = open_graph(out / "store")
    from_store = project(store)
    store.close()
    _same_network(again.network, from_store)
    assert render_html(again.network) == render_html(from_store)


def test_the_projection_made_in_a_forked_process_is_the_one_made_here(records, tmp_path, monkeypatch):
    """With two jobs the page's graph is projected in a forked process, which reads the
    parts of the fragments taken from the cache (a rebuild): the graph it returns is the
    one a build from nothing projects in its own process."""
    import os

    import graph.fragments as fragments
    from graph.fragments import write_graph

    pids = tmp_path / "pids"
    pids.mkdir()
    real = fragments._project

    def recorded(shared, entries, counted=None, save=True):  # says which process projected
        (pids / str(os.getpid())).write_text("", encoding="utf-8")
        return real(shared, entries, counted, save)

    monkeypatch.setattr(fragments, "MIN_FORKED_PROJECTION", 1)
    monkeypatch.setattr(fragments, "_project", recorded)
    out = tmp_path / "forked"
    out.mkdir()
    write_graph(records, out, "v", out / "fragments", jobs=2)
    changed = copy.deepcopy(records)
    changed[0].practices[0].name += "制度"
    again = write_graph(changed, out, "v", out / "fragments", jobs=2, update_share=1.0)
    assert again.made == 1
    assert {p.name for p in pids.iterdir()} and str(os.getpid()) not in {p.name for p in pids.iterdir()}
    full = tmp_path / "here"
    full.mkdir()
    here = write_graph(changed, full, "v", full / "fragments", jobs=1)
    _same_network(again.network, here.network)
    assert again.network.graph == here.network.graph
    assert str(os.getpid()) in {p.name for p in pids.iterdir()}  # jobs=1: in this process


def test_the_page_drawn_in_the_projections_process_is_the_one_drawn_here(records, tmp_path, monkeypatch):
    """With two jobs the page is drawn in the projection's forked process, while this one
    checks the shapes: the same page as drawn here (one job), and drawn there."""
    import os

    import graph.fragments as fragments
    from graph.fragments import write_graph
    from graph.viz import render_html

    def draw(net):  # says which process drew
        return os.getpid(), render_html(net, heading="t")

    monkeypatch.setattr(fragments, "MIN_FORKED_PROJECTION", 1)
    pages = {}
    for jobs in (2, 1):
        out = tmp_path / str(jobs)
        out.mkdir()
        pages[jobs] = write_graph(records, out, "v", out / "fragments", jobs=jobs, draw=draw).page
    assert pages[2][0] != os.getpid() and pages[1][0] == os.getpid()
    assert pages[2][1] == pages[1][1] and "vis-network" in pages[1][1]


@pytest.mark.parametrize("max_nodes", [1, 7, 60, 10**6])
def test_the_trimmed_projection_is_what_the_page_keeps(built, max_nodes):
    """Above MAX_NODES the build makes only the nodes the page keeps; the same graph and
    note as trimming the whole projection."""
    from graph.network import _EDGES, _NODES, from_rows, from_rows_trimmed
    from graph.query import select_rows
    from graph.store import open_graph
    from graph.viz import _trim, render_html

    store = open_graph(built / "store")
    nodes, edges = select_rows(store, _NODES)[1], select_rows(store, _EDGES)[1]
    store.close()
    whole, note = _trim(from_rows(nodes, edges), max_nodes)
    trimmed = from_rows_trimmed(nodes, edges, max_nodes)
    _same_network(trimmed, whole)
    assert _trim(trimmed, max_nodes)[1] == note
    assert render_html(trimmed, max_nodes=max_nodes) == render_html(from_rows(nodes, edges), max_nodes=max_nodes)


def test_an_aggregate_not_of_the_last_build_is_not_used(records, tmp_path):
    """The counted shared triples are taken from the last build only when the state names
    their token; a stale or foreign aggregate is counted afresh, and its shared triples
    are not taken for the previous build's."""
    import marshal

    from graph.fragments import AGGREGATE, write_graph

    out, _ = _fresh(records, tmp_path, "agg")
    path = out / "fragments" / AGGREGATE
    data = marshal.loads(path.read_bytes())
    data["token"] = "another build"
    data["lines"] = {}
    data["shared"] = set()
    path.write_bytes(marshal.dumps(data))
    fewer = [r for r in records if not r.doc.startswith("003_")]
    again = write_graph(fewer, out, "v", out / "fragments", update_share=1.0)
    assert again.store == "updated"
    full, _ = _fresh(fewer, tmp_path, "full")
    _assert_same(out, full)


def test_the_page_key_does_not_depend_on_the_hash_seed(built):
    """A rebuild takes the previous page when the key is the same: a key that changed
    with the process's hash seed would redraw the page every time."""
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    code = ("from graph.network import _EDGES, _NODES, from_rows_trimmed\n"
            "from graph.query import select_rows\nfrom graph.store import open_graph\n"
            "from graph.viz import page_key\n"
            f"st = open_graph({str(built / 'store')!r})\n"
            "n, e = select_rows(st, _NODES)[1], select_rows(st, _EDGES)[1]\n"
            "print(page_key(from_rows_trimmed(n, e, 40)))\n")
    keys = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env=dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))).stdout
            for seed in ("1", "2", "3")}
    assert len(keys) == 1


@pytest.mark.parametrize("forked", [False, True])
def test_a_rebuild_counts_the_page_parts_of_what_came_and_went_only(records, tmp_path, monkeypatch, forked):
    """The union of the fragments' page parts is kept counted (graph/page_parts.py): a
    rebuild that changes one document and drops another updates the saved counts by their
    parts, without counting every part again, and the counts and the page's graph are
    those of a build from nothing."""
    import graph.fragments as fragments
    import graph.page_parts as page_parts
    from graph.fragments import FragmentCache, write_graph
    from graph.page_parts import PART_COUNTS, PartCounts

    monkeypatch.setattr(fragments, "MIN_FORKED_PROJECTION", 1)
    jobs = 2 if forked else 1
    out = tmp_path / "counted"
    out.mkdir()
    write_graph(records, out, "v", out / "fragments", jobs=jobs)
    changed = copy.deepcopy([r for r in records if not r.doc.startswith("003_")])
    rec = next(r for r in changed if r.outcomes and r.links)
    rec.outcomes[0].value, rec.outcomes[0].unit = 7.25, "%"

    def refused(parts):
        raise AssertionError("every part counted again")

    monkeypatch.setattr(page_parts.PartCounts, "of", classmethod(lambda cls, parts: refused(parts)))
    again = write_graph(changed, out, "v", out / "fragments", jobs=jobs, update_share=1.0)
    monkeypatch.undo()
    assert again.made >= 1
    cache = FragmentCache(out / "fragments")
    state = cache.state()
    saved = PartCounts.load(out / "fragments" / PART_COUNTS, state["parts"])
    assert saved is not None
    assert saved.counts == PartCounts.of(cache.get(k).net for k in state["fragments"]).counts
    full = tmp_path / "full"
    full.mkdir()
    here = write_graph(changed, full, "v", full / "fragments")
    _same_network(again.network, here.network)
    assert again.network.graph == here.network.graph


def test_part_counts_not_of_the_last_build_are_counted_afresh(records, tmp_path):
    """Counts saved under another token than the state names (another build's, or a
    build that failed after saving them) are not used: the page is the one of the
    fragments, and a part taken away that was never counted is refused (Stale)."""
    from graph.fragments import FragmentCache, write_graph
    from graph.page_parts import PART_COUNTS, PartCounts, Stale

    out, first = _fresh(records, tmp_path, "stale")
    cache = FragmentCache(out / "fragments")
    state = cache.state()
    net = cache.get(state["fragments"][0]).net
    PartCounts().save(out / "fragments" / PART_COUNTS, "another build")  # empty counts
    assert PartCounts.load(out / "fragments" / PART_COUNTS, state["parts"]) is None
    changed = copy.deepcopy(records)
    changed[0].practices[0].name += "制度"
    again = write_graph(changed, out, "v", out / "fragments", update_share=1.0)
    full, here = _fresh(changed, tmp_path, "full")
    _same_network(again.network, here.network)
    with pytest.raises(Stale):
        PartCounts().add(net, -1)


def test_the_shared_block_patched_by_subject_is_the_block_written_whole(corpus_triples):
    """graph/shared_block.py makes again the paragraphs of the subjects whose triples
    changed only: the order and text must be those of sorting and writing every triple,
    for triples removed, added (to known and to new subjects) and subjects emptied."""
    from graph.shared_block import shared_block
    from graph.turtle import block, sort_triples

    base = set(corpus_triples)
    prev = shared_block(base)
    assert prev.ordered == sort_triples(base) and prev.text == block(sort_triples(base))
    ordered = sort_triples(base)
    subject = ordered[len(ordered) // 2][0]
    emptied = {t for t in base if t[0] == subject}
    changed = (base - set(ordered[::97]) - emptied
               | {(ordered[5][0], ordered[5][1], '"新值"'), ("<https://w3id.org/minekg/id/zzz/new>", ordered[0][1],
                                                          '"一"'),
                  ("<https://w3id.org/minekg/id/aaa/new>", ordered[0][1], '"二"')})
    for after in (changed, base, set(list(base)[: len(base) - 3])):
        patched = shared_block(after, prev, base)
        assert patched.ordered == sort_triples(after)
        assert patched.text == block(sort_triples(after))
        assert len(patched.paragraphs) == len({t[0] for t in after})


def test_adoption_counts_patched_by_node_are_those_counted_whole(corpus_triples):
    """graph/shared_counts.py counts again the adoptions of the organisations and practices
    whose adoptions or adopters' names changed only: the result must be what counting
    every adoption gives, for adoptions added and removed, an adopter renamed, and a
    practice no longer adopted."""
    from graph.shared_counts import COUNT_PREDICATES, with_counts, with_counts_delta
    from graph.summaries import adoption_triples
    from graph.triples import PREF, m

    adopts = m("adopts")
    base = {t for t in corpus_triples if t[1] not in COUNT_PREDICATES}
    prev = base | adoption_triples(base)
    ad = sorted(t for t in base if t[1] == adopts)
    assert len(ad) > 3
    org, practice = ad[0][0], ad[-1][2]
    pref = min(t for t in base if t[1] == PREF and t[0] == org)
    cases = {
        "same": base,
        "one more": base | {(ad[-1][0], adopts, ad[0][2])} if (ad[-1][0], adopts, ad[0][2]) not in base
        else base - {ad[1]},
        "one less": base - {ad[1]},
        "renamed": base - {pref} | {(org, PREF, '"改名的党委"@zh')},
        "practice dropped": base - {t for t in ad if t[2] == practice},
        "new adopter": base | {("<https://w3id.org/minekg/id/org/new>", adopts, practice),
                               ("<https://w3id.org/minekg/id/org/new>", PREF, '"新党支部"@zh')},
    }
    for name, after in cases.items():
        assert with_counts(after, prev) == after | adoption_triples(after), name
        shared, delta = with_counts_delta(after, prev)
        assert delta == (prev - shared, shared - prev), name


@pytest.mark.parametrize("max_nodes", [1, 3, 10, 30, 100, 10**6])
def test_the_page_without_outcome_rows_is_the_page_of_every_row(records, tmp_path, max_nodes):
    """When the page keeps no outcome, project_parts makes it from the organisation and
    practice rows and the number of each node's findings only (network._without_outcomes):
    the same graph, order and note as trimming the projection of every row; and it says
    so (None) when an outcome would be kept."""
    from graph import network
    from graph.fragments import FragmentCache
    from graph.network import project_parts
    from graph.viz import _trim

    out, _ = _fresh(records, tmp_path, "parts")
    cache = FragmentCache(out / "fragments")
    state = cache.state()
    shared = cache.aggregate(state["aggregate"])[1]
    parts = [cache.get(k).net for k in state["fragments"]]
    whole, note = _trim(project_parts(shared, parts), max_nodes)
    trimmed = project_parts(shared, parts, max_nodes=max_nodes)
    _same_network(trimmed, whole)
    assert _trim(trimmed, max_nodes)[1] == note
    kept_outcome = any(d["kind"] == "outcome" for _, d in whole.nodes(data=True))
    calls = []
    real = network._without_outcomes

    def noted(*args):
        calls.append(real(*args))
        return calls[-1]

    network._without_outcomes = noted
    try:
        project_parts(shared, parts, max_nodes=max_nodes)
    finally:
        network._without_outcomes = real
    assert (calls[0] is None) == kept_outcome
