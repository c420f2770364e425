"""Article records → RDF, with stable IRIs and entity resolution across papers.

Stage 5 of DESIGN.md. :class:`Resolver` decides which names are one node;
:func:`build_graph` turns :class:`~extract.records.ArticleRecord` objects into an
:class:`rdflib.Graph` with the triples of :mod:`graph.triples`.

IRIs are ``https://w3id.org/minekg/id/<kind>/<hash>``, the hash a SHA-1 prefix of the
*normalised* name (organisations, practices, indicators) or of the source position
(outcomes, sentences, findings): never of counters or run order, so the same input gives
the same graph.

Entity resolution:
- organisations: one node per normalised full name; aliases that are full names
  (``利民公司`` for ``内蒙古利民煤焦有限责任公司``, written ``以下简称``) join their node,
  across papers too; anaphora (``矿党委``, ``公司``) only resolve inside their article;
- practices: one node per normalised name, with the curated lexicon's aliases
  (``“三会一课”`` = ``三会一课制度`` = ``三会一课``) and a trailing type word of a
  lexicon name dropped.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain

from rdflib import Graph

from extract.ingest import normalise_name
from extract.lexicon import load_lexicons
from extract.records import ArticleRecord

from .vocab import PREFIXES

#: Aliases this short or this generic name a body only inside one article.
LOCAL_ALIASES = {"矿党委", "党委", "公司", "公司党委", "该矿", "全矿", "该公司", "矿", "矿井", "集团公司"}


#: An organisation as a record declares it: ``(doc, name, aliases)``.
OrgMention = tuple[str, str, Sequence[str]]


class Resolver:
    """Maps names to one key per real-world organisation or practice.

    Organisations: union of full names and non-local aliases, across all records.
    Practices: normalised name, lexicon aliases, lexicon name + trailing type word.

    Args:
        records: the corpus's records; or
        mentions: its organisations as :data:`OrgMention` tuples (what the extraction
            cache keeps of every record, so that an unchanged file is not read whole).
    """

    def __init__(self, records: Iterable[ArticleRecord] = (), mentions: Iterable[OrgMention] = ()):
        lex = load_lexicons()
        self.alias_map = lex.practice_alias_map()
        self.types = sorted({t for t, _ in lex.practice_types} | {"制度", "活动", "工作"}, key=len, reverse=True)
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        def union(a: str, b: str) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                # Keep the fullest name as the representative.
                keep, drop = sorted((ra, rb), key=lambda n: (-len(n), n))
                parent[drop] = keep

        self._find = find
        self._normal: dict[str, str] = {}  # name → normalise_name(name): a loop over characters
        self._practice: dict[str, str] = {}  # name → practice_key(name)
        mentions = chain(mentions, ((rec.doc, o.name, o.aliases) for rec in records for o in rec.organisations))
        for doc, name, aliases in mentions:
            key = self.org_key(name, doc, resolve=False)
            find(key)
            for alias in aliases:
                if alias not in LOCAL_ALIASES and len(self.normal(alias)) > 2:
                    union(key, self.normal(alias))

    def org_key(self, name: str, doc: str, resolve: bool = True) -> str:
        """The resolution key of an organisation name written in document ``doc``.

        A generic name (``矿党委`` in a report that names no mine) stands for a body of
        that document only, so its key carries the document.
        """
        key = self.normal(name)
        if name in LOCAL_ALIASES:
            key = f"{doc}#{key}"
        return self._find(key) if resolve else key

    def normal(self, name: str) -> str:
        """:func:`extract.ingest.normalise_name`, remembered."""
        key = self._normal.get(name)
        if key is None:
            key = self._normal[name] = normalise_name(name)
        return key

    def practice_key(self, name: str) -> str:
        """The resolution key of a practice name (remembered: a corpus names a practice
        again and again)."""
        key = self._practice.get(name)
        if key is None:
            key = self._practice[name] = self._practice_key(name)
        return key

    def _practice_key(self, name: str) -> str:
        key = normalise_name(name)
        entry = self.alias_map.get(key)
        if entry:
            return normalise_name(entry.name)
        for typ in self.types:
            if key.endswith(typ) and len(key) > len(typ):
                stem = self.alias_map.get(key[: -len(typ)])
                if stem:
                    return normalise_name(stem.name)
        return key


def build_graph(records: Iterable[ArticleRecord], extractor: str = "") -> Graph:
    """Build the RDF graph of a corpus in memory (small corpora, tests, notebooks;
    ``minekg build`` assembles the same triples document by document, :mod:`graph.fragments`).

    Args:
        records: article records (from ``extractions.jsonl``).
        extractor: the extractor version (a ``prov:SoftwareAgent``).

    Returns:
        An in-memory :class:`rdflib.Graph` with the namespaces of
        :data:`graph.vocab.PREFIXES` bound. Triples: organisations (W3C ORG), practices
        (SKOS concepts), adoptions, outcomes (SOSA observations), findings (the n-ary
        chain) with PROV-O provenance and Web Annotation selectors, articles and
        documents (Dublin Core: a document's ``dcterms:identifier`` is its file name,
        one ``dcterms:source`` per file it was read from).
    """
    from .triples import corpus_triples

    records = list(records)
    version = extractor or (records[0].extractor if records else "unknown")
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    lines = "".join(f"{s} {p} {o} .\n" for s, p, o in corpus_triples(records, version))
    g.parse(data=lines, format="nt")
    return g


def serialize_turtle(g: Graph) -> str:
    """Turtle with the project's prefixes, identical for the same triples.

    rdflib's Turtle writer sorts subjects, predicates and objects; with no blank nodes
    in the graph its output depends on the triples only (a test builds twice, in two
    processes with different hash seeds, and compares bytes).
    """
    return g.serialize(format="turtle")
