"""The adoption counts of the shared triples (:func:`graph.summaries.adoption_triples`),
made again only for the organisations and practices whose adoptions or names changed
since the last build (issue 6).

An organisation's ``mkg:adoptedPracticeCount`` follows from its own ``mkg:adopts``
triples; a practice's ``mkg:adopterCount`` and ``mkg:adopterNames`` from the ``mkg:adopts``
triples that name it and the ``skos:prefLabel`` of those adopters. At 10,000 papers the
shared triples hold 139,000 ``mkg:adopts``, and counting them all again took 0.42 s of a
one-paper rebuild's shared stage, in the build's process before the page's projection
could start; a paper changes the counts of a few dozen nodes.
"""
from __future__ import annotations

from .summaries import adoption_triples
from .triples import PREF, Triple, m

ADOPTS = m("adopts")
#: The predicates of the triples :func:`graph.summaries.adoption_triples` makes.
COUNT_PREDICATES = frozenset({m("adoptedPracticeCount"), m("adopterCount"), m("adopterNames")})
_ORG_COUNT = m("adoptedPracticeCount")
#: Above this share of changed triples, everything is counted again.
PATCH_SHARE = 0.1


def with_counts(base: set[Triple], prev_shared: set[Triple] | None = None) -> set[Triple]:
    """``base`` and its adoption counts: ``base | adoption_triples(base)``.

    Args:
        base: the shared and global triples without adoption counts.
        prev_shared: the last build's ``with_counts`` result (its base and counts), when
            known: the counts of the nodes whose adoptions and adopters' names did not
            change are taken from it.

    Returns:
        The same set whether made from ``prev_shared`` or not.
    """
    return with_counts_delta(base, prev_shared)[0]


def with_counts_delta(base: set[Triple], prev_shared: set[Triple] | None = None
                      ) -> tuple[set[Triple], tuple[set[Triple], set[Triple]] | None]:
    """:func:`with_counts`, and what it took away from ``prev_shared`` and added to it
    (``(prev_shared - shared, shared - prev_shared)``) when the counts were patched, else
    ``None``: the differences come from the patch's own comparison of the two bases, so
    the caller need not compare the 173,000 shared triples again (0.1 s each way)."""
    if prev_shared is not None:
        patched = _patched(base, prev_shared)
        if patched is not None:
            counts, delta = patched
            return base | counts, delta
    return base | adoption_triples(base), None


def _patched(base: set[Triple], prev_shared: set[Triple]
             ) -> tuple[set[Triple], tuple[set[Triple], set[Triple]]] | None:
    """The adoption counts of ``base`` from those in ``prev_shared``, and the difference
    of ``prev_shared`` and ``base`` with them (:func:`with_counts_delta`); ``None`` when
    too much changed (count all again)."""
    prev_counts = {t for t in prev_shared if t[1] in COUNT_PREDICATES}
    prev_base = prev_shared - prev_counts
    if any(t[1] in COUNT_PREDICATES for t in base):
        return None  # a base that states counts itself: not what this patches
    changed = base ^ prev_base
    if len(changed) > PATCH_SHARE * max(len(base), 1):
        return None
    base_removed = {t for t in changed if t in prev_base}
    base_added = changed - base_removed
    orgs = {s for s, p, _ in changed if p == ADOPTS}
    practices = {o for _, p, o in changed if p == ADOPTS}
    renamed = {s for s, p, _ in changed if p == PREF}
    if not orgs and not practices and not renamed:
        return prev_counts, (base_removed, base_added)
    # a renamed adopter changes the names of every practice it adopts, now or before
    if renamed:
        practices |= {o for s, p, o in base if p == ADOPTS and s in renamed}
        practices |= {o for s, p, o in prev_base if p == ADOPTS and s in renamed}
    # every adoption of the touched organisations and practices, and their adopters' names
    adopts = [t for t in base if t[1] == ADOPTS and (t[0] in orgs or t[2] in practices)]
    adopters = {s for s, _, _ in adopts}
    subset = adopts + [t for t in base if t[1] == PREF and t[0] in adopters]

    def touched(t: Triple) -> bool:  # a count of a node whose adoptions or adopters changed
        return t[0] in orgs if t[1] == _ORG_COUNT else t[0] in practices

    fresh = set(filter(touched, adoption_triples(subset)))
    counts = {t for t in prev_counts if not touched(t)} | fresh
    # base and counts share no triple (a base stating counts is not patched)
    return counts, (base_removed | (prev_counts - counts), base_added | (counts - prev_counts))


__all__ = ["with_counts", "with_counts_delta", "COUNT_PREDICATES"]
