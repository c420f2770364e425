"""RDFS / OWL-RL entailments of the ontology over a graph (``--infer``).

:func:`expand` adds to a graph what ``ontology/minekg.ttl`` entails about its nodes —
chiefly the superclasses (a ``mkg:Mine`` is an ``org:FormalOrganization`` and an
``org:Organization``; a ``mkg:Outcome`` a ``sosa:Observation``) and the types implied
by domains and ranges. The closure is computed with owlrl on a scratch copy; only new
statements about the data's own nodes are kept, so the graph does not fill with
axiomatic triples (``x owl:sameAs x``, ``rdfs:Resource`` typing of every literal).
"""
from __future__ import annotations

from functools import lru_cache

from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from ontology import ONTOLOGY

#: Types every node gets under RDFS / OWL-RL; they answer no question.
_TRIVIAL_TYPES = {RDFS.Resource, OWL.Thing, RDFS.Class, OWL.Class, RDF.Property,
                  OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def entailments(graph: Graph) -> Graph:
    """The statements the ontology entails about the nodes of ``graph`` that it lacks.

    Args:
        graph: any rdflib graph (in memory or the embedded store); it is not changed.

    Returns:
        A new in-memory graph of inferred triples (``rdf:type`` of superclasses,
        domains and ranges, super-properties such as ``rdfs:label`` of ``mkg:text``).
    """
    from owlrl import DeductiveClosure, OWLRL_Semantics

    scratch = Graph()
    for t in graph:
        scratch.add(t)
    subjects = set(scratch.subjects())
    for t in _ontology():
        scratch.add(t)
    # axiomatic_triples=False, datatype_axioms=False: the W3C axioms add thousands of
    # triples about rdf:/owl: terms that no minekg query asks about.
    DeductiveClosure(OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(scratch)
    onto = _ontology()
    out = Graph()
    for s, p, o in scratch:
        if s not in subjects or isinstance(s, Literal) or (s, p, o) in graph or (s, p, o) in onto:
            continue
        if p == OWL.sameAs and s == o:
            continue
        if p == RDF.type and (o in _TRIVIAL_TYPES or not isinstance(o, URIRef)):
            continue
        out.add((s, p, o))
    return out


def expand(graph: Graph) -> int:
    """Add the entailments of :func:`entailments` to ``graph`` in place.

    Returns:
        How many triples were added.
    """
    new = entailments(graph)
    for t in new:
        graph.add(t)
    return len(new)


def inferred_copy(graph: Graph) -> Graph:
    """An in-memory copy of ``graph`` with the entailments added (for ``query --infer``
    on a store built without them; the store itself stays read-only).

    A literal the store gives as ``"x"^^xsd:string`` is copied as the plain ``"x"`` (the
    same term in RDF 1.1): rdflib's engine tells them apart, so a query asking for
    ``"safety"`` found no ``skos:notation "safety"^^xsd:string`` and answered nothing.
    """
    from rdflib import XSD, Literal

    from .vocab import PREFIXES

    out = Graph()
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, ns)
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.string:
            o = Literal(str(o))
        out.add((s, p, o))
    expand(out)
    return out
