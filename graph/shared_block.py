"""The shared and global triples of ``graph.ttl`` in order and as Turtle, made again only
for the subjects whose triples changed since the last build (issue 6).

:func:`graph.turtle.block` writes one paragraph per subject, each from that subject's
triples alone, so the block of sorted triples is the paragraphs of its subjects in
order. A one-paper rebuild at 10,000 papers changes the triples of a few dozen of the
60,000 shared subjects (the summaries and counts of what the paper names), yet sorting
the 173,000 shared triples and writing their block took 1.1–1.3 s of the build's
process (pyinstrument, ``graph: ttl``). :func:`shared_block` takes the last build's
order and paragraphs (:class:`SharedBlock`, saved with the aggregate by
:meth:`graph.fragments.FragmentCache.set_aggregate`) and makes again the paragraphs of
the subjects that changed only: the same text and order as sorting and writing all.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter

from .turtle import block, sort_triples

Triple = tuple[str, str, str]
#: Above this share of triples added or removed, everything is sorted and written again.
PATCH_SHARE = 0.1
_SUBJECT = itemgetter(0)


@dataclass
class SharedBlock:
    """Triples in the order of :func:`graph.turtle.sort_triples` and their Turtle block
    by subject.

    Attributes:
        ordered: the triples, sorted.
        paragraphs: :func:`graph.turtle.block` of each subject's triples, subjects in
            order (one per distinct subject of ``ordered``).
    """

    ordered: list[Triple]
    paragraphs: list[str]

    @property
    def text(self) -> str:
        """The block of all the triples (:func:`graph.turtle.block` of :attr:`ordered`)."""
        return "".join(self.paragraphs)


def shared_block(triples: set[Triple], prev: SharedBlock | None = None,
                 prev_triples: set[Triple] | None = None,
                 delta: tuple[set[Triple], set[Triple]] | None = None) -> SharedBlock:
    """The :class:`SharedBlock` of ``triples``.

    Args:
        triples: the triples (N-Triples terms, no NUL in a subject or predicate).
        prev: the last build's block, of the triples ``prev_triples`` (both or neither);
            its paragraphs are kept for every subject whose triples did not change.
        delta: ``(prev_triples - triples, triples - prev_triples)`` when made already.

    Returns:
        The triples sorted and their paragraphs; the same whether made from ``prev`` or not.
    """
    if prev is not None and prev_triples is not None:
        removed, added = delta if delta is not None else (prev_triples - triples, triples - prev_triples)
        if len(removed) + len(added) <= PATCH_SHARE * max(len(triples), 1):
            patched = _patched(prev, removed, added)
            if patched is not None:
                return patched
    ordered = sort_triples(triples)
    return SharedBlock(ordered, [block(list(run)) for _, run in groupby(ordered, _SUBJECT)])


def _patched(prev: SharedBlock, removed: set[Triple], added: set[Triple]) -> SharedBlock | None:
    """``prev`` less ``removed`` plus ``added``, the paragraphs of the changed subjects made
    again; ``None`` when ``prev`` is not a block of sorted triples (its paragraphs are not
    one per subject)."""
    if not removed and not added:
        return prev
    ordered, paragraphs = prev.ordered, prev.paragraphs
    spans: dict[str, tuple[int, int, int]] = {}  # subject → start, end in ordered, paragraph
    start = 0
    for i, (s, run) in enumerate(groupby(ordered, _SUBJECT)):
        end = start + sum(1 for _ in run)
        spans[s] = (start, end, i)
        start = end
    if len(spans) != len(paragraphs):
        return None
    changed: dict[str, list[Triple]] = {}
    for t in added:
        changed.setdefault(t[0], []).append(t)
    for t in removed:
        changed.setdefault(t[0], [])
    # Subjects in order: the previous ones (sorted already) and the new ones; a subject
    # sorts as its triples do (sort_triples orders by subject first).
    subjects = list(spans)
    new = [s for s in changed if s not in spans]
    if new:
        subjects = sorted(subjects + new)
    out: list[Triple] = []
    paras: list[str] = []
    run_start = None  # a run of unchanged subjects, copied in one slice
    first_para = 0
    for s in subjects:
        ts = changed.get(s)
        if ts is None:
            a, b, i = spans[s]
            if run_start is None:
                run_start, first_para = a, i
            run_end, last_para = b, i
            continue
        if run_start is not None:
            out += ordered[run_start:run_end]
            paras += paragraphs[first_para:last_para + 1]
            run_start = None
        span = spans.get(s)
        if span is not None:
            ts = ts + [t for t in ordered[span[0]:span[1]] if t not in removed]
        if ts:
            ts = sort_triples(ts)
            out += ts
            paras.append(block(ts))
    if run_start is not None:
        out += ordered[run_start:run_end]
        paras += paragraphs[first_para:last_para + 1]
    return SharedBlock(out, paras)


__all__ = ["SharedBlock", "shared_block", "PATCH_SHARE"]
