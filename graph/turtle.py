"""A fast, deterministic Turtle writer for triples in N-Triples form.

rdflib's writer needs the whole graph in an rdflib ``Graph`` and spends minutes on a
million triples; :mod:`graph.fragments` writes ``graph.ttl`` block by block from
sorted triples instead (:func:`block`), so the bytes depend on the triples only.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .vocab import PREFIXES

_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
#: A local name any Turtle parser takes without escapes (a subset of PN_LOCAL).
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*\Z")
_XSD = "http://www.w3.org/2001/XMLSchema#"


def header(prefixes: dict[str, str] = PREFIXES) -> str:
    """The ``@prefix`` lines, sorted by prefix, and a blank line."""
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes.items())) + "\n"


class _Abbrev:
    """IRI → prefixed name where the local part needs no escaping; remembered."""

    def __init__(self, prefixes: dict[str, str]):
        self.spaces = sorted(((ns, p) for p, ns in prefixes.items()), key=lambda x: -len(x[0]))
        # When every namespace ends with / or #, a name's namespace can only end at the
        # IRI's last / or # (a local name here has neither): one lookup, not a test per
        # namespace (the loop took a tenth of a fragment's time).
        self.ends = {ns: p for ns, p in self.spaces} if all(ns[-1:] in "/#" for ns, _ in self.spaces) else None
        self.memo: dict[str, str] = {_TYPE: "a"}

    def __call__(self, term: str) -> str:
        out = self.memo.get(term)
        if out is not None:
            return out
        out = term
        if term.startswith("<"):
            iri = term[1:-1]
            if self.ends is not None:
                cut = max(iri.rfind("/"), iri.rfind("#")) + 1
                p = self.ends.get(iri[:cut]) if cut else None
                if p is not None and _LOCAL.match(iri[cut:]):
                    out = f"{p}:{iri[cut:]}"
            else:
                for ns, p in self.spaces:
                    if iri.startswith(ns) and _LOCAL.match(iri[len(ns):]):
                        out = f"{p}:{iri[len(ns):]}"
                        break
        elif term.endswith(">") and '"^^<' + _XSD in term:
            body, dt = term.rsplit("^^<", 1)
            out = f"{body}^^xsd:{dt[len(_XSD):-1]}" if _LOCAL.match(dt[len(_XSD):-1]) else term
        if len(self.memo) < 200_000 and not term.startswith('"'):
            self.memo[term] = out
        return out


def sort_triples(triples: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """``sorted(triples)``, faster: by one string a triple, subject, predicate and object
    joined by NUL, which sorts as the tuples do while no subject or predicate holds a NUL
    (an IRI cannot; else the tuples are sorted as they are). Sorting the 173,000 shared
    triples of 10,000 papers as tuples took 0.7–1.1 s of a one-paper rebuild on a loaded
    machine (most subjects share a long prefix, and a tuple compares its first items
    for equality before ordering them), by the joined strings 0.4 s. (A document's
    thousand local triples sort no faster so.)

    Args:
        triples: ``(subject, predicate, object)`` in N-Triples form.

    Returns:
        The triples in the order of ``sorted``.
    """
    triples = list(triples)
    if any("\x00" in s or "\x00" in p for s, p, _ in triples):
        return sorted(triples)
    return sorted(triples, key=lambda t: f"{t[0]}\x00{t[1]}\x00{t[2]}")


def block(triples: Sequence[tuple[str, str, str]], prefixes: dict[str, str] = PREFIXES) -> str:
    """Turtle statements (no ``@prefix`` lines) for triples sorted by subject, predicate,
    object: one paragraph per subject, ``rdf:type`` (``a``) first, then the other
    predicates in order, objects joined by commas.

    Args:
        triples: ``(subject, predicate, object)`` in N-Triples form, sorted, no duplicates.
        prefixes: the prefixes :func:`header` declared.

    Returns:
        The text; empty for no triples. The same triples always give the same text.
    """
    ab = _Abbrev(prefixes)
    out: list[str] = []
    n = len(triples)
    i = 0
    while i < n:
        s = triples[i][0]
        j = i
        while j < n and triples[j][0] == s:
            j += 1
        group = triples[i:j]
        ordered = [t for t in group if t[1] == _TYPE] + [t for t in group if t[1] != _TYPE]
        lines = []
        k = 0
        while k < len(ordered):
            p = ordered[k][1]
            objs = []
            while k < len(ordered) and ordered[k][1] == p:
                objs.append(ab(ordered[k][2]))
                k += 1
            lines.append(f"{ab(p)} {' , '.join(objs)}")
        out.append(f"{ab(s)} " + " ;\n    ".join(lines) + " .\n\n")
        i = j
    return "".join(out)


def document(blocks: Iterable[str], prefixes: dict[str, str] = PREFIXES) -> Iterable[str]:
    """The pieces of a whole Turtle document: the header, then each block."""
    yield header(prefixes)
    yield from blocks


__all__ = ["block", "document", "header", "sort_triples"]
