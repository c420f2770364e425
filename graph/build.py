"""Article records → RDF, with stable IRIs and entity resolution across papers.

Stage 5 of DESIGN.md. :func:`build_graph` turns :class:`~extract.records.ArticleRecord`s
into an :class:`rdflib.Graph`; :func:`serialize_turtle` writes it deterministically.

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

import hashlib
from collections.abc import Iterable
from decimal import Decimal

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from extract.ingest import normalise_name
from extract.lexicon import load_lexicons
from extract.records import ArticleRecord

from .vocab import BASE, CATEGORY_ZH, DOMAIN_ZH, MKG, OA, ORG, PREFIXES, QUDT_UNITS, SOSA, Category, Domain

#: Aliases this short or this generic name a body only inside one article.
LOCAL_ALIASES = {"矿党委", "党委", "公司", "公司党委", "该矿", "全矿", "该公司", "矿", "矿井", "集团公司"}


def iri(kind: str, *parts: object) -> URIRef:
    """A stable IRI: ``id/<kind>/<sha1(parts)[:16]>``."""
    key = "\x1f".join(str(p) for p in parts)
    return BASE[f"{kind}/{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"]


class Resolver:
    """Maps names to one key per real-world organisation or practice.

    Organisations: union of full names and non-local aliases, across all records.
    Practices: normalised name, lexicon aliases, lexicon name + trailing type word.
    """

    def __init__(self, records: list[ArticleRecord]):
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

        for rec in records:
            for org in rec.organisations:
                key = self.org_key(org.name, rec.doc, resolve=False)
                find(key)
                for alias in org.aliases:
                    if alias not in LOCAL_ALIASES and len(normalise_name(alias)) > 2:
                        union(key, normalise_name(alias))
        self._find = find

    def org_key(self, name: str, doc: str, resolve: bool = True) -> str:
        """The resolution key of an organisation name written in document ``doc``.

        A generic name (``矿党委`` in a report that names no mine) stands for a body of
        that document only, so its key carries the document.
        """
        key = normalise_name(name)
        if name in LOCAL_ALIASES:
            key = f"{doc}#{key}"
        return self._find(key) if resolve else key

    def practice_key(self, name: str) -> str:
        """The resolution key of a practice name."""
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
    """Build the RDF graph of a corpus.

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
    records = list(records)
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    res = Resolver(records)
    version = extractor or (records[0].extractor if records else "unknown")
    agent = iri("agent", version)
    run = iri("run", version)
    g.add((agent, RDF.type, PROV.SoftwareAgent))
    g.add((agent, RDFS.label, Literal(f"minekg extractor {version}")))
    g.add((run, RDF.type, PROV.Activity))
    g.add((run, PROV.wasAssociatedWith, agent))
    _schemes(g)

    org_labels: dict[URIRef, set[str]] = {}
    declared = {iri("org", res.org_key(o.name, rec.doc)) for rec in records for o in rec.organisations}
    for rec in records:
        doc_iri = iri("document", rec.doc)
        art_iri = iri("article", rec.doc, rec.article)
        g.add((doc_iri, RDF.type, MKG.Document))
        g.add((doc_iri, DCTERMS.identifier, Literal(rec.doc)))
        # Every file the paper was read from: more than one when the same paper came
        # under several names (extract/duplicates.py); the identifier is the first.
        for name in rec.sources or [rec.source]:
            g.add((doc_iri, DCTERMS.source, Literal(name)))
        g.add((doc_iri, DCTERMS.hasPart, art_iri))
        g.add((art_iri, RDF.type, MKG.Article))
        g.add((art_iri, DCTERMS.title, Literal(rec.article, lang="zh")))
        g.add((art_iri, DCTERMS.isPartOf, doc_iri))
        g.add((art_iri, DCTERMS.source, Literal(rec.source)))
        for author in rec.authors:
            g.add((art_iri, DCTERMS.creator, Literal(author, lang="zh")))

        local: dict[str, URIRef] = {}
        for org in rec.organisations:
            node = iri("org", res.org_key(org.name, rec.doc))
            for name in (org.name, *org.aliases):
                local[name] = node
            org_labels.setdefault(node, set()).update([org.name, *org.aliases])
            g.add((node, RDF.type, MKG[org.type] if org.type != "Other" else MKG.OtherOrganisation))
            g.add((node, DCTERMS.source, art_iri))
        for org in rec.organisations:
            if org.parent and org.parent in local:
                g.add((local[org.name], ORG.subOrganizationOf, local[org.parent]))

        def org_node(name: str) -> URIRef | None:
            # A name no article declares as an organisation (a link component that
            # took a practice such as 党委中心组学习 for its subject) would become a node
            # with no type and no name: leave the statement without an organisation.
            if name in local:
                return local[name]
            node = iri("org", res.org_key(name, rec.doc)) if name else None
            return node if node in declared else None

        for p in rec.practices:
            node = iri("practice", res.practice_key(p.name))
            g.add((node, RDF.type, MKG.Practice))
            g.add((node, RDF.type, SKOS.Concept))
            g.add((node, SKOS.inScheme, MKG.practices))
            g.add((node, SKOS.altLabel if _has_pref(g, node) else SKOS.prefLabel, Literal(p.name, lang="zh")))
            g.add((node, MKG.domain, BASE[f"domain/{p.domain}"]))
            if p.part_of:
                g.add((node, SKOS.broader, iri("practice", res.practice_key(p.part_of))))
            sent = _sentence(g, rec, p.sentence, p.start, p.end, art_iri, doc_iri)
            orgs = p.adopted_by or [""]
            for org_name in orgs:
                o = org_node(org_name)
                adoption = iri("adoption", rec.doc, rec.article, p.name, org_name)
                g.add((adoption, RDF.type, MKG.Adoption))
                g.add((adoption, MKG.practice, node))
                g.add((adoption, MKG.modality, Literal(p.modality)))
                g.add((adoption, MKG.rule, Literal(p.rule)))
                g.add((adoption, PROV.wasDerivedFrom, sent))
                g.add((adoption, PROV.wasGeneratedBy, run))
                if o is not None and p.modality == "reported":
                    g.add((adoption, MKG.organisation, o))
                    g.add((o, MKG.adopts, node))

        outcome_nodes: dict[str, URIRef] = {}
        for out in rec.outcomes:
            node = iri("outcome", rec.doc, rec.article, out.start, out.text)
            outcome_nodes.setdefault(out.text, node)
            indicator = iri("indicator", normalise_name(out.indicator))
            g.add((node, RDF.type, MKG.Outcome))
            g.add((node, RDF.type, SOSA.Observation))
            g.add((node, MKG.text, Literal(out.text, lang="zh")))
            g.add((node, RDFS.label, Literal(out.text, lang="zh")))
            g.add((node, SOSA.observedProperty, indicator))
            g.add((indicator, RDF.type, MKG.Indicator))
            g.add((indicator, SKOS.prefLabel, Literal(out.indicator, lang="zh")))
            g.add((indicator, SKOS.inScheme, MKG.indicators))
            g.add((indicator, SKOS.broader, BASE[f"category/{out.category}"]))
            g.add((node, MKG.category, BASE[f"category/{out.category}"]))
            o = org_node(out.org)
            if o is not None:
                g.add((node, SOSA.hasFeatureOfInterest, o))
            if out.value is not None:
                g.add((node, MKG.value, Literal(Decimal(str(out.value)), datatype=XSD.decimal)))
                g.add((node, SOSA.hasSimpleResult, Literal(f"{out.value}{out.unit or ''}")))
            if out.unit:
                g.add((node, MKG.unit, _unit(g, out.unit)))
            if out.direction:
                g.add((node, MKG.direction, Literal(out.direction)))
            if out.year:
                g.add((node, MKG.year, Literal(str(out.year), datatype=XSD.gYear)))
            sent = _sentence(g, rec, out.sentence, out.start, out.end, art_iri, doc_iri)
            g.add((node, PROV.wasDerivedFrom, sent))
            g.add((node, PROV.wasGeneratedBy, run))

        for link in rec.links:
            practice = iri("practice", res.practice_key(link.practice))
            outcome = outcome_nodes.get(link.outcome)
            if outcome is None:
                continue
            finding = iri("finding", rec.doc, rec.article, link.practice, link.outcome, link.start)
            g.add((finding, RDF.type, MKG.Finding))
            g.add((finding, MKG.practice, practice))
            g.add((finding, MKG.outcome, outcome))
            o = org_node(link.org)
            if o is not None:
                g.add((finding, MKG.organisation, o))
            g.add((finding, MKG.rule, Literal(link.rule)))
            g.add((practice, MKG.contributesTo, outcome))
            sent = _sentence(g, rec, link.sentence, link.start, link.end, art_iri, doc_iri, exact_span=True)
            g.add((finding, PROV.wasDerivedFrom, sent))
            g.add((finding, PROV.hadPrimarySource, doc_iri))
            g.add((finding, PROV.wasGeneratedBy, run))

    # Preferred label: the fullest name; the others are alternatives.
    for node, names in org_labels.items():
        pref = sorted(names, key=lambda n: (-len(n), n))[0]
        g.add((node, SKOS.prefLabel, Literal(pref, lang="zh")))
        for name in sorted(names - {pref}):
            g.add((node, SKOS.altLabel, Literal(name, lang="zh")))
    _one_pref_label(g)
    return g


def _has_pref(g: Graph, node: URIRef) -> bool:
    return (node, SKOS.prefLabel, None) in g


def _one_pref_label(g: Graph) -> None:
    """Keep one ``skos:prefLabel`` per practice (the longest name); the rest become altLabels."""
    for node in set(g.subjects(RDF.type, MKG.Practice)):
        labels = sorted({str(l) for l in g.objects(node, SKOS.prefLabel)} |
                        {str(l) for l in g.objects(node, SKOS.altLabel)}, key=lambda n: (-len(n), n))
        g.remove((node, SKOS.prefLabel, None))
        g.remove((node, SKOS.altLabel, None))
        g.add((node, SKOS.prefLabel, Literal(labels[0], lang="zh")))
        for name in labels[1:]:
            g.add((node, SKOS.altLabel, Literal(name, lang="zh")))


def _sentence(g: Graph, rec: ArticleRecord, sentence: str, start: int, end: int,
              art_iri: URIRef, doc_iri: URIRef, exact_span: bool = False) -> URIRef:
    """The evidence sentence node with Web Annotation selectors (offsets into the
    article text)."""
    s_start = rec.text.find(sentence, max(0, start - len(sentence))) if not exact_span else start
    if s_start < 0:
        s_start = start
    s_end = s_start + len(sentence)
    node = iri("sentence", rec.doc, rec.article, s_start, s_end)
    if (node, RDF.type, MKG.EvidenceSentence) in g:
        return node
    quote, pos = iri("selector", rec.doc, rec.article, s_start, "quote"), iri("selector", rec.doc, rec.article, s_start, "pos")
    g.add((node, RDF.type, MKG.EvidenceSentence))
    g.add((node, MKG.text, Literal(sentence, lang="zh")))
    g.add((node, OA.hasSource, art_iri))
    g.add((node, PROV.hadPrimarySource, doc_iri))
    g.add((node, OA.hasSelector, quote))
    g.add((node, OA.hasSelector, pos))
    g.add((quote, RDF.type, OA.TextQuoteSelector))
    g.add((quote, OA.exact, Literal(sentence)))
    g.add((pos, RDF.type, OA.TextPositionSelector))
    g.add((pos, OA.start, Literal(s_start, datatype=XSD.nonNegativeInteger)))
    g.add((pos, OA.end, Literal(s_end, datatype=XSD.nonNegativeInteger)))
    return node


def _unit(g: Graph, unit: str) -> URIRef:
    if unit in QUDT_UNITS:
        g.add((QUDT_UNITS[unit], RDFS.label, Literal(unit)))
        return QUDT_UNITS[unit]
    node = BASE[f"unit/{hashlib.sha1(unit.encode('utf-8')).hexdigest()[:8]}"]
    g.add((node, RDF.type, MKG.Unit))
    g.add((node, RDFS.label, Literal(unit, lang="zh")))
    return node


def _schemes(g: Graph) -> None:
    """The practice-domain and outcome-category concept schemes; a category is also a
    top concept of the indicator scheme (DESIGN.md «The graph»)."""
    schemes = (("domain", Domain, DOMAIN_ZH, (MKG.domains,), MKG.domains),
               ("category", Category, CATEGORY_ZH, (MKG.categories, MKG.indicators), MKG.indicators))
    for kind, values, zh, in_schemes, top_of in schemes:
        for v in values:
            node = BASE[f"{kind}/{v.value}"]
            g.add((node, RDF.type, SKOS.Concept))
            for scheme in in_schemes:
                g.add((node, SKOS.inScheme, scheme))
            g.add((node, SKOS.topConceptOf, top_of))
            g.add((node, SKOS.notation, Literal(v.value)))
            g.add((node, SKOS.prefLabel, Literal(zh[v.value], lang="zh")))
            g.add((node, SKOS.prefLabel, Literal(v.value, lang="en")))


def serialize_turtle(g: Graph) -> str:
    """Turtle with the project's prefixes, identical for the same triples.

    rdflib's Turtle writer sorts subjects, predicates and objects; with no blank nodes
    in the graph its output depends on the triples only (a test builds twice, in two
    processes with different hash seeds, and compares bytes).
    """
    return g.serialize(format="turtle")
