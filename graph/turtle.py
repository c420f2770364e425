"""A fast, deterministic Turtle writer for triples in N-Triples form.

rdflib's writer needs the whole graph in an rdflib ``Graph`` and spends minutes on a
million triples; :mod:`graph.fragments` writes ``graph.ttl`` block by block from
sorted triples instead (:func:`block`), so the bytes depend on the triples only.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import groupby
from operator import itemgetter

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

    def plain(self, starts: tuple[str, ...]) -> tuple[str, ...]:
        """Those of ``starts`` (``"<…/"``, the start of IRIs in N-Triples form) below which
        no prefix's namespace lies, and which end at a ``/``: an IRI that begins so and
        has no ``/`` or ``#`` further on keeps its form (:func:`block_indexed`)."""
        if self.ends is None:
            return ()
        return tuple(st for st in starts if st.endswith("/") and st.startswith("<")
                     and not any(ns.startswith(st[1:]) for ns, _ in self.spaces))

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
        # Plain literals are not remembered (most are a paper's sentences, each named once);
        # short typed ones are: a document's 68 (character offsets, years, values) repeat
        # from document to document, and working each out again was most of the calls here.
        if len(self.memo) < 200_000 and (not term.startswith('"') or (out is not term and len(term) < 128)):
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
    ab = _abbrev(prefixes)
    memo = ab.memo
    if len(memo) >= _MEMO_RESET:
        # A fork worker writes thousands of blocks: the names of one document's nodes
        # are of no use to the next, the vocabulary's are found again at once.
        memo.clear()
        memo[_TYPE] = "a"
    get = memo.get
    out: list[str] = []
    for s, group in groupby(triples, _SUBJECT):
        lines: list[str] = []
        for p, run in groupby(group, _PREDICATE):
            # a literal without a datatype is written as it is (what _Abbrev returns)
            objs = " , ".join([o if o[0] == '"' and o[-1] != ">" else (get(o) or ab(o)) for _, _, o in run])
            line = f"{get(p) or ab(p)} {objs}"
            if p == _TYPE:
                lines.insert(0, line)
            else:
                lines.append(line)
        out.append(f"{get(s) or ab(s)} " + " ;\n    ".join(lines) + " .\n\n")
    return "".join(out)


def block_indexed(index: dict[str, dict[str, list[str]]], prefixes: dict[str, str] = PREFIXES,
                  plain: tuple[str, ...] = ()) -> str:
    """:func:`block` of the triples of ``index`` (subject → predicate → objects,
    :meth:`graph.checks.View.index` of triples sorted as :func:`block` takes them, so
    that its subjects, each subject's predicates and each predicate's objects come in
    that order): the same text. The build indexes each fragment's triples for the
    shapes and the page anyway; grouping them again took :func:`block` a tenth of its time.

    Args:
        index: the index, in the order of sorted triples, no object twice.
        prefixes: the prefixes :func:`header` declared.
        plain: starts of IRIs (``"<https://…/kind/"``) after which the caller's IRIs
            hold no ``/`` or ``#`` (a hash): those no prefix abbreviates
            (:meth:`_Abbrev.plain`) are written as they are, without a lookup. A
            document's own nodes (``id/sentence/…``) are named in its block only, and
            looking each up took a third of the time.
    """
    ab = _abbrev(prefixes)
    memo = ab.memo
    if len(memo) >= _MEMO_RESET:
        memo.clear()
        memo[_TYPE] = "a"
    get = memo.get
    keep = _plain(ab, plain)
    out: list[str] = []
    for s, props in index.items():
        lines: list[str] = []
        for p, objs in props.items():
            if len(objs) == 1:
                # most predicates of a subject have one object (880 of 925 a document)
                o = objs[0]
                text = get(o)  # a name of the vocabulary or a shared node; a literal is never a key
                if text is None:
                    text = o if (o[0] == '"' and o[-1] != ">") or o.startswith(keep) else ab(o)
            else:
                text = " , ".join([o if (o[0] == '"' and o[-1] != ">") or o.startswith(keep) else (get(o) or ab(o))
                                   for o in objs])
            if p == _TYPE:
                lines.insert(0, f"a {text}")
            else:
                lines.append(f"{get(p) or ab(p)} {text}")
        out.append(f"{s if s.startswith(keep) else (get(s) or ab(s))} " + " ;\n    ".join(lines) + " .\n\n")
    return "".join(out)


_PLAIN: dict[tuple[int, tuple[str, ...]], tuple[str, ...]] = {}


def _plain(ab: _Abbrev, starts: tuple[str, ...]) -> tuple[str, ...]:
    """:meth:`_Abbrev.plain`, remembered per writer and ``starts``."""
    key = (id(ab), starts)
    got = _PLAIN.get(key)
    if got is None:
        got = _PLAIN[key] = ab.plain(starts)
    return got


_SUBJECT, _PREDICATE = itemgetter(0), itemgetter(1)
#: Above this many remembered names, :func:`block` starts its memo again.
_MEMO_RESET = 100_000
_ABBREVS: dict[tuple[tuple[str, str], ...], _Abbrev] = {}


def _abbrev(prefixes: dict[str, str]) -> _Abbrev:
    """The :class:`_Abbrev` of a set of prefixes, made once: a build writes a block per
    document (10,000 at 10,000 papers), and each made its own, finding the vocabulary's
    names again (a third of :func:`block`'s time)."""
    key = tuple(prefixes.items())
    ab = _ABBREVS.get(key)
    if ab is None:
        ab = _ABBREVS[key] = _Abbrev(prefixes)
    return ab


def document(blocks: Iterable[str], prefixes: dict[str, str] = PREFIXES) -> Iterable[str]:
    """The pieces of a whole Turtle document: the header, then each block."""
    yield header(prefixes)
    yield from blocks


__all__ = ["block", "block_indexed", "document", "header", "sort_triples"]
