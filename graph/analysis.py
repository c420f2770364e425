"""Which mechanisms lead where: paths to outcomes and a ranking of practices, computed
with networkx over the projection (:func:`graph.network.project`).

A *mechanism* is a practice. A practice reaches an outcome directly (``contributesTo``)
or through the ``partOf`` hierarchy of a model: a model is credited with what its parts
achieve (``via="part"``), and a part shares what its model achieves (``via="model"``).
Indirect routes rank below direct ones: the paper states the direct link, the indirect
one is an inference over the model's structure.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

import networkx as nx

DIRECT, VIA_PART, VIA_MODEL = "direct", "part", "model"


@dataclass(frozen=True)
class Evidence:
    """One sentence behind a ``contributesTo`` link.

    Attributes:
        sentence: the sentence of the paper, verbatim.
        source: the identifier of the paper (its file name).
    """

    sentence: str
    source: str


@dataclass
class Path:
    """A route from a practice to an outcome.

    Attributes:
        practice: IRI of the practice credited with the outcome (the route's start).
        practice_label: its Chinese name.
        outcome: IRI of the outcome (the route's end).
        outcome_label: the outcome's text.
        category: the outcome category (``safety``, ``production`` …).
        via: ``direct`` (the practice itself contributes), ``part`` (a part of this
            model contributes) or ``model`` (a model this practice is part of
            contributes).
        nodes: IRIs along the route, practice first, outcome last.
        labels: the labels of ``nodes``, in order.
        rels: the relation of each hop, in order: ``contributesTo``, ``partOf`` (up
            to a model) or ``hasPart`` (down to a part).
        value: the outcome's figure (``""`` if none); ``unit`` and ``year`` likewise.
        evidence: the sentences of the final ``contributesTo`` hop (several when more
            than one sentence states it).
        score: the ranking score: ``(len(evidence) + (1 if value else 0)) / (1 +
            hops through partOf)``. Higher ranks first.
    """

    practice: str
    practice_label: str
    outcome: str
    outcome_label: str
    category: str
    via: str
    nodes: list[str]
    labels: list[str]
    rels: list[str]
    value: str = ""
    unit: str = ""
    year: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    score: float = 0.0

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return asdict(self)


@dataclass
class Rank:
    """How central a practice (mechanism) is.

    Attributes:
        practice: the practice's IRI.
        label: its Chinese name.
        domain: its practice domain (``safety``, ``organisational`` …).
        outcomes: how many distinct outcomes it reaches (any :class:`Path`).
        categories: the outcome categories of those outcomes, sorted.
        organisations: how many organisations reach it: adopt it, or adopt one of its
            parts (a model is reached through its parts).
        organisation_labels: their names, sorted.
        degree: its degree in the projection (in + out edges).
        betweenness: its betweenness centrality in the projection (directed,
            normalised): how much organisation → outcome traffic passes through it.
        recurring: adopted directly by two or more organisations.
    """

    practice: str
    label: str
    domain: str
    outcomes: int
    categories: list[str]
    organisations: int
    organisation_labels: list[str]
    degree: int
    betweenness: float
    recurring: bool

    def to_dict(self) -> dict:
        """A JSON-ready dict."""
        return asdict(self)


def _part_edges(g: nx.MultiDiGraph) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """``(models_of, parts_of)``: the direct ``partOf`` neighbours of each practice."""
    models, parts = defaultdict(set), defaultdict(set)
    for s, o, e in g.edges(data=True):
        if e.get("rel") == "partOf":
            models[s].add(o)
            parts[o].add(s)
    return models, parts


def _walk(start: str, step: dict[str, set[str]]) -> dict[str, list[str]]:
    """Every practice reachable from ``start`` along ``step``, with the shortest chain
    to it (``start`` excluded). Breadth-first, so cycles in bad data cannot loop."""
    seen = {start: [start]}
    frontier = [start]
    while frontier:
        nxt = []
        for n in frontier:
            for m in sorted(step.get(n, ())):
                if m not in seen:
                    seen[m] = seen[n] + [m]
                    nxt.append(m)
        frontier = nxt
    del seen[start]
    return seen


def paths(g: nx.MultiDiGraph, category: str | None = "safety") -> list[Path]:
    """Practice → outcome paths to the outcomes of a category, ranked.

    Args:
        g: the projection (:func:`graph.network.project`).
        category: the outcome category; ``None`` for every category.

    Returns:
        One :class:`Path` per (practice, outcome) pair — the shortest route when there
        are several — sorted by score (highest first), then by fewer hops, then by label.
    """
    # The direct links, with every sentence that states each.
    direct: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for s, o, e in g.edges(data=True):
        if e.get("rel") == "contributesTo" and (category is None or g.nodes[o]["group"] == category):
            direct[(s, o)].append(e)
    models, parts = _part_edges(g)
    best: dict[tuple[str, str], Path] = {}

    def offer(start: str, chain: list[str], rels: list[str], via: str, o: str, edges: list[dict]) -> None:
        ev = sorted({Evidence(e.get("sentence") or "", e.get("source") or "") for e in edges},
                    key=lambda x: (x.source, x.sentence))
        first = edges[0]
        hops = len(rels)
        p = Path(practice=start, practice_label=g.nodes[start]["label"], outcome=o,
                 outcome_label=g.nodes[o]["label"], category=g.nodes[o]["group"], via=via,
                 nodes=chain + [o], labels=[g.nodes[n]["label"] for n in chain + [o]],
                 rels=rels + ["contributesTo"], value=first.get("value") or "", unit=first.get("unit") or "",
                 year=first.get("year") or "", evidence=ev,
                 score=round((len(ev) + (1 if first.get("value") else 0)) / (1 + hops), 4))
        old = best.get((start, o))
        if old is None or len(p.rels) < len(old.rels):
            best[(start, o)] = p

    for (s, o), edges in sorted(direct.items()):
        offer(s, [s], [], DIRECT, o, edges)
        # A model is credited with its part's result: model —hasPart→ … → s → o.
        for model, chain in _walk(s, models).items():
            route = list(reversed(chain))
            offer(model, route, ["hasPart"] * (len(route) - 1), VIA_PART, o, edges)
        # A part shares its model's result: part —partOf→ … → s → o.
        for part, chain in _walk(s, parts).items():
            route = list(reversed(chain))
            offer(part, route, ["partOf"] * (len(route) - 1), VIA_MODEL, o, edges)
    return sorted(best.values(), key=lambda p: (-p.score, len(p.rels), p.practice_label, p.outcome_label))


def rank(g: nx.MultiDiGraph) -> list[Rank]:
    """Rank mechanisms: practices by how many outcomes and organisations they reach.

    Every practice that reaches an outcome or recurs across organisations is listed.

    Args:
        g: the projection (:func:`graph.network.project`).

    Returns:
        :class:`Rank` rows sorted by outcomes reached, then organisations reaching,
        then betweenness (all descending), then label.
    """
    reached: dict[str, set[str]] = defaultdict(set)
    for p in paths(g, category=None):
        reached[p.practice].add(p.outcome)
    _, parts = _part_edges(g)
    # Betweenness on the simple directed graph: parallel evidence edges would otherwise
    # count one link several times.
    between = nx.betweenness_centrality(nx.DiGraph(g), normalized=True)
    rows = []
    for n, d in g.nodes(data=True):
        if d["kind"] != "practice":
            continue
        adopters = {a for a in g.predecessors(n) if g.nodes[a]["kind"] == "organisation"}
        orgs = set(adopters)
        for part in _walk(n, parts):
            orgs |= {a for a in g.predecessors(part) if g.nodes[a]["kind"] == "organisation"}
        outs = reached.get(n, set())
        if not outs and len(adopters) < 2:
            continue
        rows.append(Rank(practice=n, label=d["label"], domain=d["group"], outcomes=len(outs),
                         categories=sorted({g.nodes[o]["group"] for o in outs}), organisations=len(orgs),
                         organisation_labels=sorted(g.nodes[o]["label"] for o in orgs), degree=g.degree(n),
                         betweenness=round(between.get(n, 0.0), 6), recurring=len(adopters) >= 2))
    return sorted(rows, key=lambda r: (-r.outcomes, -r.organisations, -r.betweenness, r.label))
