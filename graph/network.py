"""The networkx projection of the RDF graph, used by viz, paths and rank alike.

:func:`project` reads organisations, practices, outcomes and the edges between them from
any rdflib graph (the embedded store or a graph parsed from ``graph.ttl``).
"""
from __future__ import annotations

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
    g = nx.MultiDiGraph()
    cols, rows = select_rows(graph, _NODES)
    for n, kind, label, group in sorted(rows):
        if n not in g or g.nodes[n].get("kind") != "organisation":
            g.add_node(n, kind=kind, label=label or n.rsplit("/", 1)[-1], group=group)
    cols, rows = select_rows(graph, _EDGES)
    for s, o, rel, sentence, source, value, unit, year in sorted(rows):
        if s not in g or o not in g:
            continue
        if rel in ("adopts", "partOf") and g.has_edge(s, o, key=rel):
            continue
        g.add_edge(s, o, key=rel if rel != "contributesTo" else f"{rel}:{sentence[:40]}",
                   rel=rel, sentence=sentence, source=source, value=value, unit=unit, year=year)
    return g


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
