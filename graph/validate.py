"""SHACL validation of a built graph against ``ontology/shapes.ttl``.

:func:`validate` runs pyshacl with ``ontology/minekg.ttl`` as the ontology graph (so
``sh:class org:Organization`` accepts a ``mkg:Mine``) and returns the violations in
words: the label of the offending node, the property path and the shape's message.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from extract.errors import MinekgError
from ontology import ONTOLOGY, SHAPES

from .vocab import MKG, PREFIXES

SH = Namespace("http://www.w3.org/ns/shacl#")


class ShapeError(MinekgError):
    """A graph minekg built breaks its own shapes (a bug of the build, not of the input)."""


@dataclass(frozen=True)
class Violation:
    """One SHACL result, readable without knowing SHACL.

    Attributes:
        focus: the IRI of the node that breaks a shape.
        label: its name (prefLabel, text or label), or the IRI when it has none.
        path: the property, as a prefixed name (``mkg:category``); ``""`` for a
            constraint on the node itself.
        message: what is wrong (the shape's ``sh:message``).
        severity: ``Violation``, ``Warning`` or ``Info``.
        value: the offending value, if the constraint names one.
    """

    focus: str
    label: str
    path: str
    message: str
    severity: str = "Violation"
    value: str = ""

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        val = f" (value {self.value})" if self.value else ""
        return f"{self.severity}: {self.label} <{self.focus}>{where}: {self.message}{val}"


@dataclass
class ValidationReport:
    """The result of :func:`validate`.

    Attributes:
        conforms: ``True`` when there is no violation.
        violations: every result, sorted by focus label then path.
        text: pyshacl's own report text (for debugging a shape).
    """

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    text: str = ""

    def summary(self, limit: int = 10) -> str:
        """The first ``limit`` violations, one a line, and how many more there are."""
        lines = [str(v) for v in self.violations[:limit]]
        if len(self.violations) > limit:
            lines.append(f"… and {len(self.violations) - limit} more")
        return "\n".join(lines)


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def validate(graph: Graph) -> ValidationReport:
    """Validate a graph against the minekg shapes.

    Args:
        graph: any rdflib graph (in memory, or the embedded Oxigraph store). It is
            copied to memory first: pyshacl mixes the ontology into its data graph and
            must not write into the store.

    Returns:
        A :class:`ValidationReport`; ``conforms`` is ``False`` when any shape is broken.
    """
    from pyshacl import validate as shacl_validate

    data = Graph()
    for t in graph:
        data.add(t)
    conforms, results, text = shacl_validate(
        data, shacl_graph=_shapes(), ont_graph=_ontology(), inference="none",
        abort_on_first=False, allow_warnings=True, advanced=False)
    violations = sorted((_violation(results, r, data) for r in results.subjects(RDF.type, SH.ValidationResult)),
                        key=lambda v: (v.label, v.path, v.focus, v.message))
    return ValidationReport(conforms=bool(conforms), violations=violations, text=text)


def _violation(results: Graph, r: Node, data: Graph) -> Violation:
    focus = results.value(r, SH.focusNode)
    path = results.value(r, SH.resultPath)
    message = results.value(r, SH.resultMessage)
    severity = results.value(r, SH.resultSeverity)
    value = results.value(r, SH.value)
    return Violation(
        focus=str(focus), label=_label(data, focus), path=_qname(path) if path is not None else "",
        message=str(message) if message is not None else "breaks a shape",
        severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        value=_qname(value) if value is not None and value != focus else "")


def _label(g: Graph, node: Node | None) -> str:
    """A human name for a node: its prefLabel, text or label, else the IRI's tail."""
    if node is None:
        return ""
    for p in (SKOS.prefLabel, MKG.text, RDFS.label):
        v = g.value(node, p)
        if v is not None:
            return str(v)
    return str(node).rsplit("/", 1)[-1]


def _qname(node: Node) -> str:
    if isinstance(node, Literal):
        return node.n3()
    if isinstance(node, URIRef):
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if str(node).startswith(ns):
                return f"{prefix}:{str(node)[len(ns):]}"
    return str(node)
