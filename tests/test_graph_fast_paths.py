"""The graph stage's shortcuts answer what the plain ways answer: the Turtle block written
from a fragment's index what :func:`graph.turtle.block` writes of its triples, the index of
sorted triples :meth:`View.index`'s, the targets of the shapes found from the predicates that
make targets those a test of every predicate finds, and the terms :func:`document_fragment`
makes by hand what :func:`iri` and :func:`lit` make."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import XSD
from rdflib import Literal as RdfLiteral

from graph.build import Resolver
from graph.checks import ShapeChecker, View
from graph.fragments import FragmentCache
from graph.triples import (_DOCUMENT_NODE_PREFIXES, DOCUMENT_NODE_PREFIXES, _decimal, _keyed, by_document,
                           declared_nodes, document_fragment, iri, lit, run_nodes)
from graph.turtle import block, block_indexed
from graph.vocab import PREFIXES


@pytest.fixture(scope="module")
def fragments(built):
    """The fragments of the bundled papers, made from the build's extractions."""
    from extract.records import ArticleRecord

    lines = (built / "extractions.jsonl").read_text(encoding="utf-8").splitlines()
    records = [ArticleRecord.from_dict(json.loads(line)) for line in lines]
    res = Resolver(records)
    declared = declared_nodes([(r.doc, o.name, o.aliases) for r in records for o in r.organisations], res)
    run = run_nodes("test")[1]
    frags = [document_fragment(recs, res, declared, run) for recs in by_document(records).values()]
    assert len(frags) >= 5 and all(f.local for f in frags)
    return frags


def _ordered(idx: dict) -> list:
    return [(s, [(p, list(objs)) for p, objs in props.items()]) for s, props in idx.items()]


def test_index_of_sorted_triples_is_views(fragments):
    for frag in fragments:
        assert _ordered(View.index_sorted(frag.local)) == _ordered(View.index(frag.local))


@pytest.mark.parametrize("triples", [
    [("<a>", "<p>", "<o>"), ("<b>", "<p>", "<o>"), ("<b>", "<q>", "<o>"), ("<a>", "<p>", "<x>")],
    [("<a>", "<p>", "<o>"), ("<a>", "<q>", "<o>"), ("<a>", "<p>", "<x>")],  # a predicate again
    [("<a>", "<p>", "<o>"), ("<b>", "<p>", "<o>"), ("<a>", "<q>", "<o>")],  # a subject again
])
def test_index_of_unsorted_triples_refused(triples):
    with pytest.raises(ValueError):
        View.index_sorted(triples)


def test_block_from_the_index_is_blocks(fragments):
    for frag in fragments:
        idx = View.index_sorted(frag.local)
        assert block_indexed(idx, plain=DOCUMENT_NODE_PREFIXES) == block(frag.local)
        assert block_indexed(idx) == block(frag.local)


def test_block_from_the_index_abbreviates_below_a_plain_start():
    # A prefix whose namespace lies below a start said to be plain: its IRIs are
    # abbreviated as block does, not passed as they are.
    base = "https://w3id.org/minekg/id/"
    prefixes = {**PREFIXES, "sent": base + "sentence/"}
    triples = sorted([
        (f"<{base}sentence/abc>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>",
         "<https://w3id.org/minekg/ontology#EvidenceSentence>"),
        (f"<{base}sentence/abc>", "<http://www.w3.org/ns/prov#wasDerivedFrom>", f"<{base}finding/def>"),
        (f"<{base}finding/def>", "<http://www.w3.org/ns/prov#wasDerivedFrom>", f"<{base}sentence/abc>"),
        (f"<{base}finding/def>", "<https://w3id.org/minekg/ontology#rule>", '"r1"'),
        (f"<{base}finding/def>", "<https://w3id.org/minekg/ontology#value>",
         '"2.5"^^<http://www.w3.org/2001/XMLSchema#decimal>'),
    ])
    text = block_indexed(View.index_sorted(triples), prefixes, plain=DOCUMENT_NODE_PREFIXES)
    assert text == block(triples, prefixes)
    assert "sent:abc" in text and f"<{base}finding/def>" in text and "xsd:decimal" in text


def test_targets_are_those_of_every_predicate(fragments):
    checker = ShapeChecker()

    def every_predicate(idx):
        out = [{n for n in shape.nodes if n in idx} for shape in checker.shapes]
        for i, shape in enumerate(checker.shapes):
            for s, props in idx.items():
                for p, objs in props.items():
                    if p == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>" and set(objs) & shape.classes:
                        out[i].add(s)
                    if p in shape.subjects_of:
                        out[i].add(s)
                    if p in shape.objects_of:
                        out[i].update(objs)
        return out

    shared = View.index({t for frag in fragments for t in frag.shared})
    found = 0
    for idx in [View.index_sorted(frag.local) for frag in fragments] + [shared]:
        targets = checker._targets(idx)
        assert targets == every_predicate(idx)
        found += sum(map(len, targets))
    assert found > 300


@pytest.mark.parametrize("kind, parts", [
    ("sentence", ("a.txt", "标题", 12, 40)),
    ("selector", ("a.txt", "[…]", 0, "quote")),
    ("adoption", ("a.txt", "标题", "三会一课", "")),
    ("outcome", ("a.txt", "标题", 7, '事故"为零"\n')),
    ("finding", ("a.txt", "标题", "三会一课", "安全", 3)),
])
def test_iri_of_joined_parts_is_iris(kind, parts):
    base = "https://w3id.org/minekg/id/"
    assert _keyed(f"<{base}{kind}/", "\x1f".join(map(str, parts))) == iri(kind, *parts)
    assert f"<{base}{kind}/" in _DOCUMENT_NODE_PREFIXES or kind == "selector"


@pytest.mark.parametrize("text", ["安全", 'say "yes"', "a\\b", "line\nnext", "cr\rhere", "", 'all\\"\n\r'])
@pytest.mark.parametrize("lang, datatype", [(None, None), ("zh", None), (None, str(XSD.decimal)),
                                            (None, str(XSD.string))])
def test_literal_is_escaped_as_ntriples(text, lang, datatype):
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    want = f'"{body}"@{lang}' if lang else (f'"{body}"^^<{datatype}>' if datatype and datatype != str(XSD.string)
                                            else f'"{body}"')
    assert lit(text, lang, datatype) == want


@pytest.mark.parametrize("value", [1, 1.0, 0.5, 100.0, 2.25, 1e-07, 12345678.9, 0])
def test_decimal_literal_is_rdflibs(value):
    text = str(RdfLiteral(Decimal(str(value)), datatype=XSD.decimal))
    assert _decimal(value) == lit(text, datatype=str(XSD.decimal))


def test_decimal_literals_of_equal_numbers_stay_apart():
    # 1 and 1.0 are equal keys to a plain cache, but rdflib writes them apart
    assert _decimal(1) != _decimal(1.0)
    assert _decimal(1.0) != _decimal(1)


def test_shared_triples_and_names_read_back(tmp_path: Path):
    cache = FragmentCache(tmp_path)
    local = [("<https://w3id.org/minekg/id/document/x>", "<http://purl.org/dc/terms/identifier>", '"x.txt"')]
    shared = [("<https://w3id.org/minekg/id/org/a>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>",
               "<https://w3id.org/minekg/ontology#Mine>"),
              ("<https://w3id.org/minekg/id/indicator/b>", "<http://www.w3.org/2004/02/skos/core#prefLabel>",
               '"事故\\"率\\""@zh')]
    org_names = {"<https://w3id.org/minekg/id/org/a>": ["甲煤矿", "甲矿"]}
    cache.put("k", "x.txt", local, shared, org_names, {}, {})
    entry = cache.get("k")
    assert entry is not None
    assert entry.shared_and_names() == ([f"{s} {p} {o}" for s, p, o in shared], org_names, {})
    assert entry.ttl().decode("utf-8") == block(local)


def test_a_store_loaded_leniently_holds_what_the_build_loaded(built, tmp_path: Path):
    """The build loads its own Turtle without the parser's IRI checks (graph.store's
    ``lenient``): the same quads as a strict load."""
    import pyoxigraph as ox

    from graph.store import write_store_parts

    data = (built / "graph.ttl").read_bytes()
    write_store_parts([data], tmp_path / "lenient", lenient=True)
    write_store_parts([data], tmp_path / "strict")

    def quads(folder: Path) -> list[str]:
        store = ox.Store.read_only(str(folder))
        try:
            return sorted(map(str, store))
        finally:
            del store

    lenient = quads(tmp_path / "lenient")
    assert len(lenient) > 1000
    assert lenient == quads(tmp_path / "strict") == quads(built / "store")
    with pytest.raises(SyntaxError):  # lenient still refuses what is not Turtle
        write_store_parts([b"<not turtle"], tmp_path / "broken", lenient=True)


def _layout_dense(g, seed: int = 7, iterations: int = 50) -> dict:
    """The layout as graph/viz.py computed it before, on whole n×n arrays:
    :func:`graph.viz.layout` must give these positions to the bit."""
    import math

    import numpy as np

    nodes = sorted(g.nodes)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    adj = np.zeros((n, n), dtype=np.float32)
    for u, v in g.edges():
        if u != v:
            adj[index[u], index[v]] = adj[index[v], index[u]] = 1.0
    pos = np.random.RandomState(seed).rand(n, 2).astype(np.float32)
    k = np.float32(1.5 / math.sqrt(n))
    t = max(float(np.ptp(pos[:, 0])), float(np.ptp(pos[:, 1]))) * 0.1
    dt = t / (iterations + 1)
    for _ in range(iterations):
        dx = pos[:, 0, None] - pos[None, :, 0]
        dy = pos[:, 1, None] - pos[None, :, 1]
        dist = np.hypot(dx, dy)
        np.clip(dist, 0.01, None, out=dist)
        w = k * k / (dist * dist) - adj * dist / k
        disp = np.stack([(dx * w).sum(axis=1), (dy * w).sum(axis=1)], axis=1)
        length = np.sqrt((disp ** 2).sum(axis=1))
        np.clip(length, 0.01, None, out=length)
        pos += disp * (np.float32(t) / length)[:, None]
        t -= dt
    pos -= pos.mean(axis=0)
    pos /= float(np.abs(pos).max()) or 1.0
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for v, i in index.items()}


@pytest.mark.parametrize("rows", [32, 7, 1000])
def test_layout_by_bands_of_rows_is_the_whole_arrays(projected, monkeypatch, rows):
    import networkx as nx

    from graph import viz

    monkeypatch.setattr(viz, "_ROWS", rows)  # 7: bands that do not divide the nodes
    g, _ = viz._trim(projected, viz.MAX_NODES)
    assert g.number_of_nodes() > 40 and g.number_of_edges() > 100
    assert viz.layout(g) == _layout_dense(g)
    small = nx.MultiDiGraph([("a", "b"), ("b", "a"), ("a", "b"), ("c", "c"), ("c", "a")])
    assert viz.layout(small) == _layout_dense(small)
    assert viz.layout(nx.MultiDiGraph([("a", "b")])) == _layout_dense(nx.MultiDiGraph([("a", "b")]))


def test_page_edges_are_pyvis_edges(projected, monkeypatch):
    """The page's edges, listed by hand, are what pyvis's ``add_edge`` made of them."""
    from pyvis.network import Network

    from graph import viz

    edges: list = []
    real = Network.add_edge

    def add_edge(self, source, to, **options):
        real(self, source, to, **options)
        edges.append(self.edges[-1])

    html = viz.render_html(projected)
    data = json.loads(html.split('<script id="graph-data" type="application/json">')[1].split("</script>")[0]
                      .replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&"))
    g, _ = viz._trim(projected, viz.MAX_NODES)
    net = Network(directed=True)
    for n in sorted(g.nodes):
        net.add_node(n)
    monkeypatch.setattr(Network, "add_edge", add_edge)
    for s, o, e in sorted(g.edges(data=True), key=lambda t: (t[0], t[1], t[2].get("rel", ""))):
        safe = e.get("rel") == "contributesTo" and g.nodes[o]["group"] == "safety"
        info = None
        if e.get("rel") == "contributesTo":
            info = [f"{g.nodes[s]['label']} → {g.nodes[o]['label']}", f"证据 evidence: {e.get('sentence', '')}",
                    f"来源 source: {e.get('source', '')}"]
        elif e.get("rel") == "partOf":
            info = [f"{g.nodes[s]['label']} —是…的组成部分 part of→ {g.nodes[o]['label']}"]
        net.add_edge(s, o, rel=e.get("rel"), info=info, dashes=e.get("rel") == "partOf", arrows="to",
                     color=viz.CATEGORY_COLOURS["safety"] if safe else "#aaa", width=2.5 if safe else 1)
    assert len(edges) == g.number_of_edges() > 0
    assert data["edges"] == json.loads(json.dumps(edges, sort_keys=True))


def test_indicator_part_from_the_index_is_from_the_triples(fragments):
    from graph.summaries import indicator_part

    parts = 0
    for frag in fragments:
        part = indicator_part(frag.local, frag.shared, View.index_sorted(frag.local))
        assert part == indicator_part(frag.local, frag.shared)
        parts += len(part)
    assert parts > 0
    # an outcome stated with two values: the last in sorted order counts, as in the walk
    o, A = "<https://w3id.org/minekg/id/outcome/1>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    mkg = "https://w3id.org/minekg/ontology#"
    local = sorted([(o, A, f"<{mkg}Outcome>"), (o, "<http://www.w3.org/ns/sosa/observedProperty>", "<i>"),
                    (o, f"<{mkg}category>", "<c>"), (o, f"<{mkg}value>", '"1"^^<http://www.w3.org/2001/XMLSchema#decimal>'),
                    (o, f"<{mkg}value>", '"2"^^<http://www.w3.org/2001/XMLSchema#decimal>'),
                    ("<f>", f"<{mkg}outcome>", o), ("<g>", f"<{mkg}outcome>", o)])
    part = indicator_part(local, [], View.index_sorted(local))
    assert part == indicator_part(local, []) and list(part.values())[0]["findings"] == 2


def test_blocks_written_with_remembered_names_are_those_of_a_fresh_writer(fragments):
    """The writer remembers names from block to block, short typed literals too: each
    block is what a writer that remembers nothing writes."""
    from graph import turtle

    warm = [block_indexed(View.index_sorted(f.local), plain=DOCUMENT_NODE_PREFIXES) for f in fragments]
    warm += [block_indexed(View.index_sorted(f.local), plain=DOCUMENT_NODE_PREFIXES) for f in fragments]
    cold = []
    for f in fragments + fragments:
        turtle._ABBREVS.clear()
        turtle._PLAIN.clear()
        cold.append(block_indexed(View.index_sorted(f.local), plain=DOCUMENT_NODE_PREFIXES))
    assert warm == cold
    ab = turtle._abbrev(PREFIXES)
    year = '"2020"^^<http://www.w3.org/2001/XMLSchema#gYear>'
    assert ab(year) == ab(year) == '"2020"^^xsd:gYear' and year in ab.memo
    assert ab('"矿党委"') == '"矿党委"' and '"矿党委"' not in ab.memo
    odd = '"x"^^<http://example.org/dt>'
    assert ab(odd) == odd and odd not in ab.memo
