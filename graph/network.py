"""The networkx projection of the RDF graph, used by viz, paths and rank alike.

:func:`project` reads organisations, practices, outcomes and the edges between them from
any rdflib graph (the embedded store or a graph parsed from ``graph.ttl``).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import networkx as nx
from rdflib import Graph

from .query import select_rows

_NODES = """
PREFIX mkg: <https://w3id.org/minekg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?n ?kind ?label ?group WHERE {
  { ?n mkg:adopts ?x . BIND("organisation" AS ?kind) ?n a ?t . FILTER(STRSTARTS(STR(?t), STR(mkg:)))
    BIND(REPLACE(STR(?t), "^.*#", "") AS ?group) }
  UNION { ?f a mkg:Finding ; mkg:organisation ?n . BIND("organisation" AS ?kind) ?n a ?t .
    FILTER(STRSTARTS(STR(?t), STR(mkg:))) BIND(REPLACE(STR(?t), "^.*#", "") AS ?group) }
  UNION { ?n a mkg:Practice ; mkg:domain ?d . ?d skos:notation ?group . BIND("practice" AS ?kind) }
  UNION { ?n a mkg:Outcome ; mkg:category ?c . ?c skos:notation ?group . BIND("outcome" AS ?kind) }
  OPTIONAL { ?n skos:prefLabel ?pl } OPTIONAL { ?n mkg:text ?tl }
  BIND(COALESCE(?pl, ?tl) AS ?label)
}"""

_EDGES = """
PREFIX mkg: <https://w3id.org/minekg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX sosa: <http://www.w3.org/ns/sosa/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?s ?o ?rel ?sentence ?source ?value ?unit ?year WHERE {
  { ?f a mkg:Finding ; mkg:practice ?s ; mkg:outcome ?o ; prov:wasDerivedFrom ?sn ;
       prov:hadPrimarySource ?d . ?sn mkg:text ?sentence . ?d dcterms:identifier ?source .
    BIND("contributesTo" AS ?rel)
    OPTIONAL { ?o mkg:value ?value } OPTIONAL { ?o mkg:unit ?u . ?u <http://www.w3.org/2000/01/rdf-schema#label> ?unit }
    OPTIONAL { ?o mkg:year ?year } }
  UNION { ?s mkg:adopts ?o . BIND("adopts" AS ?rel) }
  UNION { ?s a mkg:Practice ; skos:broader ?o . ?o a mkg:Practice . BIND("partOf" AS ?rel) }
  UNION { ?f a mkg:Finding ; mkg:organisation ?s ; mkg:practice ?o . BIND("adopts" AS ?rel) }
}"""


def project(graph: Graph) -> nx.MultiDiGraph:
    """Project the RDF graph onto a typed networkx graph.

    Returns:
        ``MultiDiGraph`` whose nodes are IRIs (str) with attributes ``kind``
        (``organisation`` | ``practice`` | ``outcome``), ``label`` (Chinese name or
        outcome text) and ``group`` (organisation type, practice domain or outcome
        category); edges ``organisation → practice`` (``rel="adopts"``), ``practice →
        outcome`` (``rel="contributesTo"``, with ``sentence``, ``source``, ``value``,
        ``unit``, ``year``) and ``practice → practice`` (``rel="partOf"``). Parallel
        ``adopts`` edges are merged. Nodes and edges are added in sorted order, so the
        result (and a layout computed from it) does not depend on the order a store
        returns rows in; an organisation with two types takes the first by name.
    """
    return from_rows(select_rows(graph, _NODES)[1], select_rows(graph, _EDGES)[1])


def from_rows(node_rows: Iterable[Sequence[str]], edge_rows: Iterable[Sequence[str]]) -> nx.MultiDiGraph:
    """The graph of :func:`project` from the rows of its two queries (values as strings,
    ``""`` when unbound): ``(n, kind, label, group)`` and ``(s, o, rel, sentence, source,
    value, unit, year)``, in any order and with repeats."""
    g = nx.MultiDiGraph()
    for n, kind, label, group in sorted(set(map(tuple, node_rows))):
        if n not in g or g.nodes[n].get("kind") != "organisation":
            g.add_node(n, kind=kind, label=label or n.rsplit("/", 1)[-1], group=group)
    for s, o, rel, sentence, source, value, unit, year in sorted(set(map(tuple, edge_rows))):
        if s not in g or o not in g:
            continue
        if rel in ("adopts", "partOf") and g.has_edge(s, o, key=rel):
            continue
        g.add_edge(s, o, key=rel if rel != "contributesTo" else f"{rel}:{sentence[:40]}",
                   rel=rel, sentence=sentence, source=source, value=value, unit=unit, year=year)
    return g


def from_rows_trimmed(node_rows: Iterable[Sequence[str]], edge_rows: Iterable[Sequence[str]],
                      max_nodes: int) -> nx.MultiDiGraph:
    """What the page draws of :func:`from_rows`: the ``max_nodes`` nodes of highest degree
    (:func:`graph.viz.render_html` trims so), made without the whole graph in networkx.

    Returns:
        The graph ``graph.viz`` would keep of ``from_rows(node_rows, edge_rows)``: the
        same nodes, edges, attributes and order. When nodes were left out, its
        ``graph["left_out"]`` is ``(number of nodes of the whole graph, {kind: left out})``.
    """
    chosen = _chosen(node_rows)
    first_row, last_row, degree = _edges(edge_rows, chosen)
    g = _trimmed_graph(chosen, first_row, last_row, degree, max_nodes)
    assert g is not None  # nothing hidden
    return g


def _chosen(node_rows: Iterable[Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """Node → the row whose values :func:`from_rows` keeps for it."""
    # The row whose values from_rows keeps for a node: it walks a node's rows in sorted
    # order and stops at an organisation's; "organisation" sorts before the other kinds,
    # so that is the least row when it is an organisation's, else the greatest. Most
    # nodes have one row; the attribute dicts are made for the nodes kept only (at 10,000
    # papers 109,000 nodes, 1,500 kept).
    chosen: dict[str, tuple[str, ...]] = {}
    spans: dict[str, list[tuple[str, ...]]] = {}  # node of several rows → [least, greatest]
    for row in _row_set(node_rows):
        n = row[0]
        first = chosen.get(n)
        if first is None:
            chosen[n] = row
            continue
        span = spans.get(n)
        if span is None:
            spans[n] = [min(first, row), max(first, row)]
        elif row < span[0]:
            span[0] = row
        elif row > span[1]:
            span[1] = row
    for n, (least, greatest) in spans.items():
        chosen[n] = least if least[1] == "organisation" else greatest
    return chosen


def _edges(edge_rows: Iterable[Sequence[str]], chosen: dict[str, tuple[str, ...]]) -> tuple[dict, dict, dict]:
    """The edges of :func:`from_rows` between nodes of ``chosen``: ``(s, o, key)`` → its first
    row, → its last row (``contributesTo`` only), and each node's number of edges."""
    # (s, o, key) → the first row (where from_rows adds the edge), for adopts and partOf
    # also the row whose values it keeps (it skips later ones); contributesTo keeps the
    # values of the last row (kept[k]). Each node's number of distinct edges is counted
    # as an edge is first seen (one pass over the 225,000 rows of 10,000 papers).
    first_row: dict[tuple[str, str, str], tuple[str, ...]] = {}
    last_row: dict[tuple[str, str, str], tuple[str, ...]] = {}
    degree: dict[str, int] = dict.fromkeys(chosen, 0)
    for row in _row_set(edge_rows):
        s, o, rel = row[0], row[1], row[2]
        if s not in chosen or o not in chosen:
            continue
        if rel == "adopts" or rel == "partOf":
            k = (s, o, rel)
            seen = first_row.get(k)
            if seen is None:
                first_row[k] = row
                degree[s] += 1
                degree[o] += 1
            elif row < seen:
                first_row[k] = row
        else:
            k = (s, o, rel) if rel != "contributesTo" else (s, o, f"{rel}:{row[3][:40]}")
            seen = first_row.get(k)
            if seen is None:
                first_row[k] = last_row[k] = row
                degree[s] += 1
                degree[o] += 1
            elif row < seen:
                first_row[k] = row
            elif row > last_row[k]:
                last_row[k] = row
    return first_row, last_row, degree


def _trimmed_graph(chosen: dict[str, tuple[str, ...]], first_row: dict, last_row: dict, degree: dict[str, int],
                   max_nodes: int, hidden: set[str] | None = None, hidden_kind: str = "outcome"
                   ) -> nx.MultiDiGraph | None:
    """The graph of :func:`from_rows_trimmed` from what :func:`_chosen` and :func:`_edges`
    made of its rows.

    Args:
        hidden: nodes of the whole graph, of the kind ``hidden_kind``, whose rows and
            edges were not given (``degree`` holds their number of edges): they count
            among the nodes and the left out, and must all be left out.

    Returns:
        The graph, or ``None`` when a hidden node would be kept.
    """
    total = len(chosen) + len(hidden or ())
    trimmed = total > max_nodes
    if trimmed:
        keep = _highest(degree, max_nodes)
        if hidden and not hidden.isdisjoint(keep):
            return None
    elif hidden:
        return None
    else:
        keep = chosen
    g = nx.MultiDiGraph()
    for n in sorted(keep):
        _, kind, label, group = chosen[n]
        g.add_node(n, kind=kind, label=label or n.rsplit("/", 1)[-1], group=group)
    # Sorted by first row, whose first two values are the edge's ends: source by source
    # in name order, each source's targets in name order. That is the order graph.viz._trim
    # gives a trimmed graph (edges source node by source node, each source's targets in
    # the order they first come), so a trimmed graph has the order of a copy of the
    # untrimmed one (the page key digests it) without regrouping.
    if trimmed:
        kept = sorted((row, k) for k, row in first_row.items() if k[0] in keep and k[1] in keep)
    else:
        kept = sorted((row, k) for k, row in first_row.items())
    for row, (s, o, key) in kept:
        if row[2] != "adopts" and row[2] != "partOf":
            row = last_row[(s, o, key)]
        _, _, rel, sentence, source, value, unit, year = row
        g.add_edge(s, o, key=key, rel=rel, sentence=sentence, source=source, value=value, unit=unit, year=year)
    if not trimmed:
        return g
    left: dict[str, int] = {}
    for n, row in chosen.items():
        if n not in keep:
            left[row[1]] = left.get(row[1], 0) + 1
    if hidden:
        left[hidden_kind] = left.get(hidden_kind, 0) + len(hidden)
    g.graph["left_out"] = (total, dict(sorted(left.items())))  # in no set's order: the page key digests it
    return g


def _highest(degree: dict[str, int], n: int) -> set[str]:
    """The ``n`` nodes first by degree, highest first, then by name: what
    ``sorted(degree, key=lambda m: (-degree[m], m))[:n]`` keeps, without sorting every
    node (109,000 at 10,000 papers): the nodes above the degree of the ``n``-th are all
    kept, and of those at that degree the first by name."""
    counts: dict[int, int] = {}
    for d in degree.values():
        counts[d] = counts.get(d, 0) + 1
    above = 0
    for d in sorted(counts, reverse=True):  # distinct degrees: a few hundred
        if above + counts[d] >= n:
            cut = d
            break
        above += counts[d]
    else:
        return set(degree)
    keep = {m for m, d in degree.items() if d > cut}
    keep.update(sorted(m for m, d in degree.items() if d == cut)[:n - above])
    return keep


def _row_set(rows: Iterable[Sequence[str]]) -> set[tuple[str, ...]]:
    """The distinct rows as tuples (a set of tuples as it is: it can hold a million)."""
    return rows if isinstance(rows, set) else set(map(tuple, rows))


def focus(g: nx.MultiDiGraph, category: str | None = None, org: str | None = None,
          practice: str | None = None, depth: int = 2) -> nx.MultiDiGraph:
    """The neighbourhood (``depth`` hops, either direction) of the outcomes of a category,
    of organisations whose label contains ``org``, or of practices whose label contains
    ``practice``. Returns a copy; the whole graph when nothing is given."""
    seeds = [n for n, d in g.nodes(data=True) if
             (category and d["kind"] == "outcome" and d["group"] == category) or
             (org and d["kind"] == "organisation" and org in d["label"]) or
             (practice and d["kind"] == "practice" and practice in d["label"])]
    if not (category or org or practice):
        return g.copy()
    und = g.to_undirected(as_view=True)
    keep = set(seeds)
    frontier = set(seeds)
    for _ in range(depth):
        frontier = {m for n in frontier for m in und.neighbors(n)} - keep
        keep |= frontier
    return g.subgraph(keep).copy()


# --- the same projection from the triples of graph/fragments.py -----------------------
#
# A build knows its graph as the shared and global triples (in memory) and one fragment
# per document (graph/triples.py). What the two queries above find about a document's own
# nodes (findings, outcomes, sentences) joins only triples of that document, so it is
# worked out once, when the fragment is made (document_part), and kept with it; the rest
# joins the shared triples (project_parts). Values are what the store gives back: an IRI
# without brackets, a literal's lexical form, an xsd:decimal in Oxigraph's canonical form.

_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_MKG_NS = "https://w3id.org/minekg/ontology#"
_P = {name: f"<{ns}{local}>" for name, ns, local in (
    ("finding", _MKG_NS, "Finding"), ("outcome_t", _MKG_NS, "Outcome"), ("practice_t", _MKG_NS, "Practice"),
    ("practice", _MKG_NS, "practice"), ("outcome", _MKG_NS, "outcome"), ("organisation", _MKG_NS, "organisation"),
    ("adopts", _MKG_NS, "adopts"), ("domain", _MKG_NS, "domain"), ("category", _MKG_NS, "category"),
    ("text", _MKG_NS, "text"), ("value", _MKG_NS, "value"), ("unit", _MKG_NS, "unit"), ("year", _MKG_NS, "year"),
    ("derived", "http://www.w3.org/ns/prov#", "wasDerivedFrom"),
    ("primary", "http://www.w3.org/ns/prov#", "hadPrimarySource"),
    ("identifier", "http://purl.org/dc/terms/", "identifier"),
    ("pref", "http://www.w3.org/2004/02/skos/core#", "prefLabel"),
    ("notation", "http://www.w3.org/2004/02/skos/core#", "notation"),
    ("broader", "http://www.w3.org/2004/02/skos/core#", "broader"),
    ("label", "http://www.w3.org/2000/01/rdf-schema#", "label"))}
_DECIMAL = "^^<http://www.w3.org/2001/XMLSchema#decimal>"
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\", "'": "'", "b": "\b", "f": "\f"}


def _value(term: str) -> str:
    """The value a SPARQL result gives for an N-Triples term (:func:`graph.triples.uri`,
    :func:`graph.triples.lit`): the IRI; the lexical form of a literal, an ``xsd:decimal``
    canonical as Oxigraph stores it (``1.50`` → ``1.5``, ``100.0`` → ``100``)."""
    if term.startswith("<"):
        return term[1:-1]
    end = term.rindex('"')
    body = term[1:end]
    if "\\" in body:
        import re

        body = re.sub(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)",
                      lambda m: chr(int(m.group(1)[1:], 16)) if m.group(1)[0] in "uU" and len(m.group(1)) > 1
                      else _ESCAPES.get(m.group(1), m.group(1)), body)
    if term.endswith(_DECIMAL) and term[end + 1:] == _DECIMAL:
        from decimal import Decimal, InvalidOperation

        try:
            d = Decimal(body)
        except InvalidOperation:
            return body
        return str(int(d)) if d == d.to_integral_value() else format(d.normalize(), "f")
    return body


def document_part(local: Iterable[tuple[str, str, str]],
                  indexed: dict[str, dict[str, list[str]]] | None = None) -> dict[str, list]:
    """What the projection takes from one document's local triples (N-Triples terms).

    Args:
        local: the triples (no duplicates).
        indexed: ``local`` indexed already (:meth:`graph.checks.View.index`, which the
            build makes once per fragment for the shapes too); ``local`` is then not read.

    Returns:
        A JSON-able dict: ``findings`` — ``[practice, outcome, sentence, source, values,
        units, years]`` per finding (values, years: the lexical forms; units: the unit
        nodes, whose labels are shared triples); ``adopts`` — ``[organisation, practice]``
        per finding that names its organisation; ``orgs`` — the organisations of findings;
        ``outcomes`` — ``[node, category node, prefLabels, texts]``. Nodes are N-Triples
        terms, sorted lists throughout (the same triples give the same part).
    """
    P = _P
    by_s = indexed
    if by_s is None:
        by_s = {}
        for s, p, o in local:
            by_s.setdefault(s, {}).setdefault(p, []).append(o)
    empty: dict[str, list[str]] = {}
    findings, adopts, orgs, outcomes = set(), set(), set(), set()
    for s, props in by_s.items():
        types = props.get(_RDF_TYPE, ())
        if P["finding"] in types:
            for org in props.get(P["organisation"], ()):
                orgs.add(org)
                adopts.update((org, pr) for pr in props.get(P["practice"], ()))
            for pr in props.get(P["practice"], ()):
                for o in props.get(P["outcome"], ()):
                    od = by_s.get(o, empty)
                    values = tuple(sorted({_value(v) for v in od.get(P["value"], ())}))
                    units = tuple(sorted(set(od.get(P["unit"], ()))))
                    years = tuple(sorted({_value(v) for v in od.get(P["year"], ())}))
                    for sn in props.get(P["derived"], ()):
                        for d in props.get(P["primary"], ()):
                            for sentence in by_s.get(sn, empty).get(P["text"], ()):
                                for source in by_s.get(d, empty).get(P["identifier"], ()):
                                    findings.add((pr, o, _value(sentence), _value(source), values, units, years))
        if P["outcome_t"] in types:
            pls = tuple(sorted({_value(v) for v in props.get(P["pref"], ())}))
            tls = tuple(sorted({_value(v) for v in props.get(P["text"], ())}))
            outcomes.update((s, c, pls, tls) for c in props.get(P["category"], ()))
    return {"findings": [list(map(_listed, f)) for f in sorted(findings)],
            "adopts": [list(a) for a in sorted(adopts)], "orgs": sorted(orgs),
            "outcomes": [list(map(_listed, o)) for o in sorted(outcomes)]}


def _listed(x):
    return list(x) if isinstance(x, tuple) else x


def project_parts(shared: Iterable[tuple[str, str, str]], parts: Iterable[dict[str, list]],
                  max_nodes: int | None = None) -> nx.MultiDiGraph:
    """:func:`project` of the graph whose triples are ``shared`` (the shared and global
    triples of :mod:`graph.fragments`) and the local triples of documents whose
    :func:`document_part` are ``parts``: the same nodes, edges, attributes and order
    as the queries on a store holding those triples give; with ``max_nodes``, only what
    the page keeps of it (:func:`from_rows_trimmed`)."""
    P = _P
    types: dict[str, list[str]] = {}
    props: dict[str, dict[str, list[str]]] = {p: {} for p in ("domain", "notation", "pref", "text", "label")}
    wanted = {P[p]: props[p] for p in props}
    adopts: list[tuple[str, str]] = []
    broader: list[tuple[str, str]] = []
    for s, p, o in shared:
        if p == _RDF_TYPE:
            types.setdefault(s, []).append(o)
        elif p == P["adopts"]:
            adopts.append((s, o))
        elif p == P["broader"]:
            broader.append((s, o))
        else:
            acc = wanted.get(p)
            if acc is not None:
                acc.setdefault(s, []).append(o)
    none: list[str] = []

    def labels(n: str, pls=(), tls=()) -> set[str]:
        pl = set(pls) | {_value(v) for v in props["pref"].get(n, none)}
        tl = set(tls) | {_value(v) for v in props["text"].get(n, none)}
        # COALESCE(?pl, ?tl) over OPTIONAL × OPTIONAL: "" when neither is bound.
        return pl if pl else (tl if tl else {""})

    node_rows: set[tuple[str, str, str, str]] = set()
    edge_rows: set[tuple[str, ...]] = set()

    def organisation(n: str) -> None:
        groups = [t[1:-1].rsplit("#", 1)[-1] for t in types.get(n, none) if t.startswith("<" + _MKG_NS)]
        if groups:
            v = _value(n)
            node_rows.update((v, "organisation", label, group) for label in labels(n) for group in groups)

    orgs = {s for s, _ in adopts}
    for s, o in adopts:
        edge_rows.add((_value(s), _value(o), "adopts", "", "", "", "", ""))
    for s, o in broader:
        if P["practice_t"] in types.get(s, none) and P["practice_t"] in types.get(o, none):
            edge_rows.add((_value(s), _value(o), "partOf", "", "", "", "", ""))
    for n, ts in types.items():
        if P["practice_t"] in ts:
            groups = {_value(g) for d in props["domain"].get(n, none) for g in props["notation"].get(d, none)}
            if groups:
                v = _value(n)
                node_rows.update((v, "practice", label, group) for label in labels(n) for group in groups)
    unit_labels = props["label"]
    unit_memo: dict[str, tuple[str, ...]] = {}  # unit node → its labels' values
    category_memo: dict[str, tuple[str, ...]] = {}  # category node → its notations' values
    pref, text = props["pref"], props["text"]
    blank = ("",)
    # The loops below run once per finding and outcome of the corpus (86,000 and 104,000
    # at 10,000 papers): an IRI's value is its term without brackets, taken inline.
    parts = parts if isinstance(parts, (list, tuple)) else list(parts)  # read twice at most
    for part in parts:
        orgs.update(part["orgs"])
        for s, o in part["adopts"]:
            edge_rows.add((_value(s), _value(o), "adopts", "", "", "", "", ""))
    for n in orgs:
        organisation(n)
    if max_nodes is not None:
        g = _without_outcomes(node_rows, edge_rows, parts, props["notation"], max_nodes)
        if g is not None:
            return g
    for part in parts:
        for pr, o, sentence, source, values, units, years in part["findings"]:
            if len(units) == 1:  # most findings: one unit, whose labels are read once a build
                unit_values = unit_memo.get(units[0])
                if unit_values is None:
                    unit_values = unit_memo[units[0]] = (
                        tuple(sorted({_value(lb) for lb in unit_labels.get(units[0], none)})) or blank)
            elif units:
                unit_values = tuple({_value(lb) for u in units for lb in unit_labels.get(u, none)}) or blank
            else:
                unit_values = blank
            pv = pr[1:-1] if pr[0] == "<" else _value(pr)
            ov = o[1:-1] if o[0] == "<" else _value(o)
            if len(values) < 2 and len(unit_values) == 1 and len(years) < 2:
                # one row (most findings): made without a generator
                edge_rows.add((pv, ov, "contributesTo", sentence, source, values[0] if values else "",
                               unit_values[0], years[0] if years else ""))
            else:
                edge_rows.update((pv, ov, "contributesTo", sentence, source, value, unit, year)
                                 for value in values or blank for unit in unit_values for year in years or blank)
        for n, c, pls, tls in part["outcomes"]:
            groups = category_memo.get(c)
            if groups is None:
                groups = category_memo[c] = tuple({_value(g) for g in props["notation"].get(c, none)})
            if groups:
                v = n[1:-1] if n[0] == "<" else _value(n)
                if n in pref or n in text:
                    names = tuple(labels(n, pls, tls))
                else:  # labels() without shared labels: the part's own, distinct already
                    names = pls or tls or blank
                if len(names) == 1 and len(groups) == 1:
                    node_rows.add((v, "outcome", names[0], groups[0]))
                else:
                    node_rows.update((v, "outcome", label, group) for label in names for group in groups)
    if max_nodes is not None:
        return from_rows_trimmed(node_rows, edge_rows, max_nodes)
    return from_rows(node_rows, edge_rows)


def _without_outcomes(node_rows: set, edge_rows: set, parts: Sequence[dict[str, list]],
                      notation: dict[str, list[str]], max_nodes: int) -> nx.MultiDiGraph | None:
    """:func:`from_rows_trimmed` of :func:`project_parts`'s rows when the page keeps no
    outcome, from the rows of the organisations and practices, their ``adopts`` and
    ``partOf`` edges, and only the number of ``contributesTo`` edges of each node: the
    104,000 outcome rows and 86,000 finding rows of 10,000 papers are not made (they were
    most of the projection: 1.5 s of its 2.3 s, which the build waited for). ``None``
    when an outcome would be kept (or an outcome node is also another kind's): then the
    caller makes every row.

    Args:
        node_rows, edge_rows: the rows made so far: every organisation and practice row
            and every ``adopts`` and ``partOf`` edge (from the shared triples and the parts).
        parts: the parts (:func:`document_part`).
        notation: category node → its ``skos:notation`` terms (the shared triples).
    """
    chosen = _chosen(node_rows)
    first_row, last_row, degree = _edges(edge_rows, chosen)
    grouped: dict[str, bool] = {}  # category → whether it has a notation (an outcome row's group)
    outcomes: set[str] = set()  # the nodes of outcome rows
    for part in parts:
        for n, c, _, _ in part["outcomes"]:
            has = grouped.get(c)
            if has is None:
                has = grouped[c] = bool(notation.get(c))
            if has:
                outcomes.add(n[1:-1] if n[0] == "<" else _value(n))
    if not outcomes.isdisjoint(chosen):
        return None
    # a contributesTo edge's key: its ends and the first 40 characters of its sentence
    keys = {(pr[1:-1] if pr[0] == "<" else _value(pr), o[1:-1] if o[0] == "<" else _value(o), sentence[:40])
            for part in parts for pr, o, sentence, *_ in part["findings"]}
    degree.update(dict.fromkeys(outcomes, 0))
    for pv, ov, _ in keys:
        if pv in chosen and ov in outcomes:
            degree[pv] += 1
            degree[ov] += 1
    return _trimmed_graph(chosen, first_row, last_row, degree, max_nodes, hidden=outcomes)
