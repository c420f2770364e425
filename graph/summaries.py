"""Counts the build derives from the graph's shared triples for the named queries.

A named query that ranks or counts over every statement of a kind reads every one of
them: at 10,000 papers ``orgs_by_practices`` and ``shared_practices`` read the 139,334
``mkg:adopts`` triples with a label each (3.3 and 1.5 s on a compacted store, a shared
machine). The build already holds every ``mkg:adopts`` triple and every label in
memory (the shared and global triples of :mod:`graph.fragments`), so it states the
answers' counts on the nodes they describe, and the queries read one triple per node:

* ``mkg:adoptedPracticeCount`` on each organisation that adopts a practice: how many
  distinct practices it is reported to adopt;
* ``mkg:adopterCount`` and ``mkg:adopterNames`` on each practice some organisation
  adopts: how many distinct organisations adopt it, and their names (``skos:prefLabel``),
  distinct, in code-point order, joined by `` | ``.

They follow from the shared triples alone, which every build (a rebuild too) has
complete, so a changed paper changes them with no state of their own to keep; the
store update of :mod:`graph.fragments` treats them as shared triples.
"""
from __future__ import annotations

from collections.abc import Iterable

from .triples import PREF, Triple, lit, m

_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
#: The separator of ``mkg:adopterNames`` (that of the ``shared_practices`` query before).
NAME_SEPARATOR = " | "


def _literal_value(term: str) -> str:
    """The text of an N-Triples literal as :func:`graph.triples.lit` writes it."""
    body = term[1:term.rindex('"')]
    if "\\" not in body:
        return body
    out, i = [], 0
    escapes = {"\\": "\\", '"': '"', "n": "\n", "r": "\r"}
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            out.append(escapes.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def adoption_triples(shared: Iterable[Triple]) -> set[Triple]:
    """The adoption counts of organisations and practices.

    Args:
        shared: the shared and global triples of a graph (N-Triples terms): its
            ``mkg:adopts`` triples and the ``skos:prefLabel`` of each organisation.

    Returns:
        ``(org, mkg:adoptedPracticeCount, n)`` for every organisation with an
        ``mkg:adopts``; ``(practice, mkg:adopterCount, n)`` and
        ``(practice, mkg:adopterNames, "a | b")`` for every practice adopted. Counts are
        ``xsd:integer``; the names are plain strings. An adopter without a name adds to
        the count and not to the names (the shapes require one name each).
    """
    adopts = m("adopts")
    practices_of: dict[str, set[str]] = {}
    adopters_of: dict[str, set[str]] = {}
    names: dict[str, set[str]] = {}
    for s, p, o in shared:
        if p == adopts:
            practices_of.setdefault(s, set()).add(o)
            adopters_of.setdefault(o, set()).add(s)
        elif p == PREF:
            names.setdefault(s, set()).add(_literal_value(o))
    out: set[Triple] = set()
    count, adopter_count, adopter_names = m("adoptedPracticeCount"), m("adopterCount"), m("adopterNames")
    for org, practices in practices_of.items():
        out.add((org, count, lit(str(len(practices)), datatype=_XSD_INTEGER)))
    for practice, orgs in adopters_of.items():
        labels = sorted({n for org in orgs for n in names.get(org, ())})
        out.add((practice, adopter_count, lit(str(len(orgs)), datatype=_XSD_INTEGER)))
        out.add((practice, adopter_names, lit(NAME_SEPARATOR.join(labels))))
    return out


__all__ = ["NAME_SEPARATOR", "adoption_triples"]
