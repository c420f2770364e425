"""Article records → triples, one document at a time, as N-Triples terms.

Stage 5 of DESIGN.md, the part that scales. The graph of a corpus is the union of

- one :class:`Fragment` per document (every record whose ``doc`` is that file name):
  its *local* triples, whose subject or object is a node of that document only
  (document, articles, adoptions, outcomes, findings, sentences, selectors), and its
  *shared* triples about nodes several documents may state (organisation types,
  ``mkg:adopts``, practices, indicators, units);
- the *global* triples: the extraction agent and run, the concept schemes, and the
  labels of organisations and practices, chosen from the names of every document
  (:func:`global_triples`), and the practice summaries, added up from every document's
  findings (:func:`summary_triples`).

A fragment depends on its records and on how the corpus resolves the organisation
names it uses (:meth:`graph.build.Resolver.org_key`, and whether a name is declared
anywhere): :func:`fragment_key` hashes exactly that, so :mod:`graph.fragments` can
reuse a fragment while those stay the same. Terms are N-Triples strings
(``<iri>``, ``"text"@zh``, ``"5"^^<…#decimal>``); a triple is a 3-tuple of them.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from rdflib import XSD
from rdflib import Literal as _RdfLiteral

from extract.ingest import normalise_name
from extract.records import ArticleRecord

from .vocab import BASE, CATEGORY_ZH, DOMAIN_ZH, MKG, OA, ORG, QUDT_UNIT, QUDT_UNITS, SOSA, Category, Domain

Triple = tuple[str, str, str]

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_PROV = "http://www.w3.org/ns/prov#"
_DCT = "http://purl.org/dc/terms/"
_XSD = "http://www.w3.org/2001/XMLSchema#"


def uri(iri: str) -> str:
    """The N-Triples form of an IRI."""
    return f"<{iri}>"


def lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    """The N-Triples form of a literal: ``"text"``, ``"text"@lang`` or ``"text"^^<datatype>``.

    Backslash, double quote, line feed and carriage return are escaped (the N-Triples
    and Turtle ``STRING_LITERAL_QUOTE``); other characters are written as they are.
    """
    # Most texts need no escape: four tests cost less than four replaces (315,000 literals
    # at 1,000 papers).
    if "\\" in text or '"' in text or "\n" in text or "\r" in text:
        body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    else:
        body = text
    if lang:
        return f'"{body}"@{lang}'
    if datatype and datatype != _XSD + "string":
        return f'"{body}"^^<{datatype}>'
    return f'"{body}"'


A = uri(_RDF + "type")
LABEL = uri(_RDFS + "label")
PREF, ALT = uri(_SKOS + "prefLabel"), uri(_SKOS + "altLabel")
CONCEPT, IN_SCHEME, BROADER = uri(_SKOS + "Concept"), uri(_SKOS + "inScheme"), uri(_SKOS + "broader")
TOP_OF, NOTATION = uri(_SKOS + "topConceptOf"), uri(_SKOS + "notation")
DERIVED, GENERATED = uri(_PROV + "wasDerivedFrom"), uri(_PROV + "wasGeneratedBy")
PRIMARY = uri(_PROV + "hadPrimarySource")
DCT_ID, DCT_HAS_PART, DCT_PART_OF = uri(_DCT + "identifier"), uri(_DCT + "hasPart"), uri(_DCT + "isPartOf")
DCT_TITLE, DCT_SOURCE, DCT_CREATOR = uri(_DCT + "title"), uri(_DCT + "source"), uri(_DCT + "creator")
_OA_SOURCE, _OA_SELECTOR, _OA_EXACT = uri(str(OA.hasSource)), uri(str(OA.hasSelector)), uri(str(OA.exact))
_OA_QUOTE, _OA_POSITION = uri(str(OA.TextQuoteSelector)), uri(str(OA.TextPositionSelector))
_OA_START, _OA_END = uri(str(OA.start)), uri(str(OA.end))


@lru_cache(maxsize=None)
def m(term: str) -> str:
    """An ``mkg:`` term in N-Triples form (``MKG`` fails on a misspelt name); remembered
    (rdflib's namespace lookup took a fifth of :func:`document_fragment`)."""
    return uri(str(getattr(MKG, term)))


def iri(kind: str, *parts: object) -> str:
    """A stable IRI ``id/<kind>/<sha1(parts)[:16]>`` in N-Triples form."""
    key = "\x1f".join(map(str, parts))
    return f"<{BASE}{kind}/{_sha1(key.encode('utf-8')).hexdigest()[:16]}>"


_sha1 = hashlib.sha1


def _keyed(prefix: str, key: str) -> str:
    """:func:`iri` of the parts whose ``"\x1f"``-joined text is ``key``; ``prefix`` is
    ``f"<{BASE}{kind}/"``. A document's nodes share their first parts (document, article):
    :func:`document_fragment` joins those once per record (243,000 IRIs at 1,000 papers)."""
    return f"{prefix}{_sha1(key.encode('utf-8')).hexdigest()[:16]}>"


#: The kinds of node made for one document: their IRIs hash the document's name
#: (:func:`document_fragment`), so every triple about one is in that document's fragment.
DOCUMENT_NODE_KINDS = ("document", "article", "sentence", "selector", "adoption", "outcome", "finding")
#: The start of the IRIs of :data:`DOCUMENT_NODE_KINDS` (N-Triples form).
DOCUMENT_NODE_PREFIXES = _DOCUMENT_NODE_PREFIXES = tuple(f"<{BASE}{kind}/" for kind in DOCUMENT_NODE_KINDS)


def document_node(term: str) -> bool:
    """Whether an N-Triples term is a node made for one document (:data:`DOCUMENT_NODE_KINDS`)."""
    return term.startswith(_DOCUMENT_NODE_PREFIXES)


def indicator_summary_iri(indicator: str, category: str, year: str | None) -> str:
    """The ``mkg:IndicatorSummary`` node of an indicator, an outcome category and a year
    (N-Triples terms; ``None`` for the outcomes that give no year)."""
    return iri("indicator-summary", indicator, category, year or "-")


@lru_cache(maxsize=1 << 16)
def org_iri(key: str) -> str:
    """The node of an organisation resolution key (remembered: a corpus names its
    organisations and practices again and again)."""
    return iri("org", key)


@lru_cache(maxsize=1 << 16)
def practice_iri(key: str) -> str:
    """The node of a practice resolution key (remembered)."""
    return iri("practice", key)


@dataclass
class Fragment:
    """The triples of one document.

    Attributes:
        doc: the document (input file name).
        local: triples only this document states, sorted, no duplicates.
        shared: triples other documents may state too, sorted, no duplicates.
        org_names: organisation node → the names this document gives it.
        practice_names: practice node → the names this document gives it.
        summaries: ``"<practice node> <category node>"`` → what this document's findings
            of that practice and outcome category add to its summary
            (:func:`summary_triples`): ``findings`` (count), ``organisations`` (nodes,
            sorted) and ``example`` (the least finding node).
    """

    doc: str
    local: list[Triple] = field(default_factory=list)
    shared: list[Triple] = field(default_factory=list)
    org_names: dict[str, list[str]] = field(default_factory=dict)
    practice_names: dict[str, list[str]] = field(default_factory=dict)
    summaries: dict[str, dict] = field(default_factory=dict)


def referenced_names(rec: ArticleRecord) -> list[str]:
    """Every organisation name a record's triples look up (declared names, aliases,
    adopters, the organisations of outcomes and links)."""
    return rec.organisation_names()


def resolution(doc: str, names: Iterable[str], res, declared: set[str]) -> list[tuple[str, str, bool]]:
    """How the corpus resolves the names of a document: ``(name, key, declared)`` sorted.

    A fragment is the same as long as its records and this list are (:func:`fragment_key`)."""
    out = set()
    for name in set(names):
        if name:
            key = res.org_key(name, doc)
            out.add((name, key, org_iri(key) in declared))
    return sorted(out)


#: The files (under the folder that holds the ``graph`` and ``ontology`` packages) that
#: decide what a cached fragment holds, and so its key (:func:`source_digest`): its triples
#: (this module, build.py, vocab.py, with the namespaces of ontology/__init__.py, from
#: records decoded by extract/stored.py), its Turtle block (turtle.py, written from
#: checks.py's index of the triples), its shape checks, made once with it and not again
#: (checks.py, over the shapes and ontology that validate.py reads), its page part
#: (network.py) and its summaries and indicator part (summaries.py). The extraction's code
#: is in the extractor version, also in the key; the cache's own file layout is
#: graph/fragments.py's ``LAYOUT``, changed by hand (tests/test_fragment_key.py finds
#: every file whose code runs while a fragment is made).
FRAGMENT_SOURCES = ("extract/stored.py", "graph/build.py", "graph/checks.py", "graph/network.py",
                    "graph/summaries.py", "graph/triples.py", "graph/turtle.py", "graph/validate.py",
                    "graph/vocab.py", "ontology/__init__.py", "ontology/minekg.ttl", "ontology/shapes.ttl")

_SOURCE_DIGEST: str | None = None


def source_digest(root: str | Path | None = None) -> str:
    """SHA-256 (12 hex) of the files of :data:`FRAGMENT_SOURCES`: a change of the code,
    shapes or namespaces that make a fragment invalidates every cached fragment, with no
    version to bump by hand (a new minekg whose Turtle writer or shapes changed remakes
    them once, and checks them under the new shapes).

    Args:
        root: the folder holding the ``graph`` and ``ontology`` packages (default: this
            installation's, whose digest is kept).

    Raises:
        OSError: a file cannot be read.
    """
    global _SOURCE_DIGEST
    if root is None and _SOURCE_DIGEST is not None:
        return _SOURCE_DIGEST
    folder = Path(root) if root is not None else Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for name in FRAGMENT_SOURCES:
        h.update(name.encode() + b"\0" + (folder / name).read_bytes() + b"\0")
    digest = h.hexdigest()[:12]
    if root is None:
        _SOURCE_DIGEST = digest
    return digest


def fragment_key(version: str, doc: str, contents: Sequence[str],
                 resolved: list[tuple[str, str, bool]]) -> str:
    """The cache key of a document's fragment.

    Args:
        version: the extractor version.
        doc: the document.
        contents: what identifies its records: the extraction-cache keys of its files
            (or the records' JSON lines), in input order.
        resolved: :func:`resolution` of its names.
    """
    h = hashlib.sha256()
    for part in ("fragment-1", source_digest(), version, doc, *contents):
        h.update(part.encode("utf-8") + b"\0")
    for name, key, declared in resolved:
        h.update(f"{name}\x1f{key}\x1f{int(declared)}\0".encode("utf-8"))
    return h.hexdigest()


def document_fragment(records: Sequence[ArticleRecord], res, declared: set[str], run: str) -> Fragment:
    """The triples of one document's records (all with the same ``doc``), in input order.

    Args:
        records: the document's records.
        res: the corpus :class:`graph.build.Resolver`.
        declared: the nodes (N-Triples form) of every organisation a record declares.
        run: the extraction run node.

    Returns:
        The :class:`Fragment`. Its triples are what :func:`graph.build.build_graph`
        puts in the graph for these records, less the labels of organisations and
        practices (:func:`global_triples` chooses those from every document).
    """
    local: set[Triple] = set()
    shared: set[Triple] = set()
    org_names: dict[str, set[str]] = {}
    practice_names: dict[str, set[str]] = {}
    summaries: dict[str, dict] = {}
    sentences: dict[str, str] = {}  # the key of a sentence's IRI → the IRI
    T = _terms()
    add, update, share = local.add, local.update, shared.update
    org_key, practice_key = res.org_key, res.practice_key
    for rec in records:
        doc_iri = iri("document", rec.doc)
        art_iri = iri("article", rec.doc, rec.article)
        # what every node of the article's IRI joins first (iri's "\x1f"-joined parts)
        at = f"{rec.doc}\x1f{rec.article}\x1f"
        text_of = rec.text
        update([(doc_iri, A, T.Document), (doc_iri, DCT_ID, lit(rec.doc)),
                (doc_iri, DCT_HAS_PART, art_iri), (art_iri, A, T.Article),
                (art_iri, DCT_TITLE, lit(rec.article, "zh")), (art_iri, DCT_PART_OF, doc_iri),
                (art_iri, DCT_SOURCE, lit(rec.source))])
        # Every file the paper was read from: more than one when the same paper came
        # under several names (extract/duplicates.py); the identifier is the first.
        update((doc_iri, DCT_SOURCE, lit(name)) for name in rec.sources or [rec.source])
        for author in rec.authors:
            add((art_iri, DCT_CREATOR, lit(author, "zh")))

        local_orgs: dict[str, str] = {}
        for org in rec.organisations:
            node = org_iri(org_key(org.name, rec.doc))
            for name in (org.name, *org.aliases):
                local_orgs[name] = node
            org_names.setdefault(node, set()).update([org.name, *org.aliases])
            shared.add((node, A, m(org.type) if org.type != "Other" else T.OtherOrganisation))
            add((node, DCT_SOURCE, art_iri))
        for org in rec.organisations:
            if org.parent and org.parent in local_orgs:
                shared.add((local_orgs[org.name], T.subOrganizationOf, local_orgs[org.parent]))

        def org_node(name: str) -> str | None:
            # A name no article declares as an organisation (a link component that
            # took a practice such as 党委中心组学习 for its subject) would become a node
            # with no type and no name: leave the statement without an organisation.
            if name in local_orgs:
                return local_orgs[name]
            node = org_iri(org_key(name, rec.doc)) if name else None
            return node if node in declared else None

        def sentence(text: str, start: int, end: int, exact_span: bool = False) -> str:
            s_start = text_of.find(text, max(0, start - len(text))) if not exact_span else start
            if s_start < 0:
                s_start = start
            s_end = s_start + len(text)
            key = f"{at}{s_start}\x1f{s_end}"
            node = sentences.get(key)
            if node is not None:
                return node  # the first sentence written at these offsets stays
            # hashed once per sentence: a document names 31 sentences in 78 calls
            node = sentences[key] = _keyed(_SENTENCE, key)
            quote = _keyed(_SELECTOR, f"{at}{s_start}\x1fquote")
            pos = _keyed(_SELECTOR, f"{at}{s_start}\x1fpos")
            update([
                (node, A, T.EvidenceSentence), (node, T.text, lit(text, "zh")),
                (node, _OA_SOURCE, art_iri), (node, PRIMARY, doc_iri),
                (node, _OA_SELECTOR, quote), (node, _OA_SELECTOR, pos),
                (quote, A, _OA_QUOTE), (quote, _OA_EXACT, lit(text)),
                (pos, A, _OA_POSITION),
                (pos, _OA_START, f'"{s_start}"^^{_NON_NEGATIVE}'),
                (pos, _OA_END, f'"{s_end}"^^{_NON_NEGATIVE}')])
            return node

        for p in rec.practices:
            node = practice_iri(practice_key(p.name))
            share([(node, A, T.Practice), (node, A, CONCEPT), (node, IN_SCHEME, T.practices),
                   (node, T.domain, _domain(p.domain))])
            practice_names.setdefault(node, set()).add(p.name)
            if p.part_of:
                shared.add((node, BROADER, practice_iri(practice_key(p.part_of))))
            sent = sentence(p.sentence, p.start, p.end)
            modality, rule = lit(p.modality), lit(p.rule)
            reported = p.modality == "reported"
            for org_name in p.adopted_by or [""]:
                o = org_node(org_name)
                adoption = _keyed(_ADOPTION, f"{at}{p.name}\x1f{org_name}")
                update([(adoption, A, T.Adoption), (adoption, T.practice, node),
                        (adoption, T.modality, modality), (adoption, T.rule, rule),
                        (adoption, DERIVED, sent), (adoption, GENERATED, run)])
                if o is not None and reported:
                    add((adoption, T.organisation, o))
                    shared.add((o, T.adopts, node))

        outcome_nodes: dict[str, str] = {}
        outcome_categories: dict[str, str] = {}
        for out in rec.outcomes:
            node = _keyed(_OUTCOME, f"{at}{out.start}\x1f{out.text}")
            indicator = _indicator(out.indicator)
            category = _category(out.category)
            if out.text not in outcome_nodes:
                outcome_nodes[out.text] = node
                outcome_categories[out.text] = category
            text_zh = lit(out.text, "zh")
            update([(node, A, T.Outcome), (node, A, T.Observation),
                    (node, T.text, text_zh), (node, LABEL, text_zh),
                    (node, T.observedProperty, indicator), (node, T.category, category)])
            share([(indicator, A, T.Indicator), (indicator, PREF, lit(out.indicator, "zh")),
                   (indicator, IN_SCHEME, T.indicators), (indicator, BROADER, category)])
            o = org_node(out.org)
            if o is not None:
                add((node, T.hasFeatureOfInterest, o))
            if out.value is not None:
                add((node, T.value, _decimal(out.value)))
                add((node, T.hasSimpleResult, lit(f"{out.value}{out.unit or ''}")))
            if out.unit:
                add((node, T.unit, _unit(out.unit, shared)))
            elif out.value is not None:
                # A rate given as a bare number (百万吨死亡率为0: deaths per million tonnes,
                # which Chinese coal statistics state without a unit): QUDT's unitless unit,
                # so values stay comparable only with other bare rates.
                shared.add((T.UNITLESS, LABEL, T.unitless_label))
                add((node, T.unit, T.UNITLESS))
            if out.direction:
                add((node, T.direction, lit(out.direction)))
            year = f'"{out.year}"^^{_G_YEAR}' if out.year else None
            if year:
                add((node, T.year, year))
            # The summary that counts this outcome (graph/summaries.py states it from every
            # document): the named query mechanisms picks the newest findings through it.
            add((node, T.countedIn, indicator_summary_iri(indicator, category, year)))
            sent = sentence(out.sentence, out.start, out.end)
            update([(node, DERIVED, sent), (node, GENERATED, run)])

        for link in rec.links:
            practice = practice_iri(practice_key(link.practice))
            outcome = outcome_nodes.get(link.outcome)
            if outcome is None:
                continue
            finding = _keyed(_FINDING, f"{at}{link.practice}\x1f{link.outcome}\x1f{link.start}")
            update([(finding, A, T.Finding), (finding, T.practice, practice),
                    (finding, T.outcome, outcome)])
            o = org_node(link.org)
            if o is not None:
                add((finding, T.organisation, o))
            tally = summaries.setdefault(f"{practice} {outcome_categories[link.outcome]}",
                                         {"findings": set(), "organisations": set()})
            tally["findings"].add(finding)
            if o is not None:
                tally["organisations"].add(o)
            update([(finding, T.rule, lit(link.rule)), (practice, T.contributesTo, outcome)])
            sent = sentence(link.sentence, link.start, link.end, exact_span=True)
            update([(finding, DERIVED, sent), (finding, PRIMARY, doc_iri), (finding, GENERATED, run)])
    return Fragment(records[0].doc, sorted(local), sorted(shared - local),
                    {k: sorted(v) for k, v in org_names.items()},
                    {k: sorted(v) for k, v in practice_names.items()},
                    {k: {"findings": len(v["findings"]), "organisations": sorted(v["organisations"]),
                         "example": min(v["findings"])} for k, v in summaries.items()})


_SENTENCE, _SELECTOR, _ADOPTION, _OUTCOME, _FINDING = (f"<{BASE}{kind}/" for kind in
                                                       ("sentence", "selector", "adoption", "outcome", "finding"))
_NON_NEGATIVE, _G_YEAR = f"<{_XSD}nonNegativeInteger>", f"<{_XSD}gYear>"


class _Terms:
    """The vocabulary's terms :func:`document_fragment` writes, in N-Triples form, looked
    up once (an rdflib namespace lookup per outcome took a twentieth of the function)."""

    def __init__(self):
        for name in ("Document", "Article", "OtherOrganisation", "EvidenceSentence", "text", "Practice",
                     "practices", "domain", "Adoption", "practice", "modality", "rule", "organisation",
                     "adopts", "Outcome", "category", "Indicator", "indicators", "value", "unit",
                     "direction", "year", "countedIn", "Finding", "outcome", "contributesTo"):
            setattr(self, name, m(name))
        self.subOrganizationOf = uri(str(ORG.subOrganizationOf))
        self.Observation = uri(str(SOSA.Observation))
        self.observedProperty = uri(str(SOSA.observedProperty))
        self.hasFeatureOfInterest = uri(str(SOSA.hasFeatureOfInterest))
        self.hasSimpleResult = uri(str(SOSA.hasSimpleResult))
        self.UNITLESS = uri(str(QUDT_UNIT.UNITLESS))
        self.unitless_label = lit("无量纲")


@lru_cache(maxsize=1)
def _terms() -> _Terms:
    return _Terms()


@lru_cache(maxsize=64)
def _domain(domain: str) -> str:
    return uri(f"{BASE}domain/{domain}")


@lru_cache(maxsize=64)
def _category(category: str) -> str:
    return uri(f"{BASE}category/{category}")


@lru_cache(maxsize=1 << 14)
def _indicator(name: str) -> str:
    """The node of an indicator name (remembered: a corpus names few indicators)."""
    return iri("indicator", normalise_name(name))


@lru_cache(maxsize=1 << 14, typed=True)  # 1 and 1.0 are written differently
def _decimal(value: float) -> str:
    """The ``xsd:decimal`` literal of an outcome's value, as rdflib writes it (remembered:
    values repeat, and an rdflib ``Literal`` takes microseconds to make)."""
    text = str(_RdfLiteral(Decimal(str(value)), datatype=XSD.decimal))
    return lit(text, datatype=_XSD + "decimal")


def _unit(unit: str, shared: set[Triple]) -> str:
    if unit in QUDT_UNITS:
        node = uri(str(QUDT_UNITS[unit]))
        shared.add((node, LABEL, lit(unit)))
        return node
    node = uri(f"{BASE}unit/{hashlib.sha1(unit.encode('utf-8')).hexdigest()[:8]}")
    shared.update([(node, A, m("Unit")), (node, LABEL, lit(unit, "zh"))])
    return node


def run_nodes(version: str) -> tuple[str, str]:
    """The extraction agent and run nodes of an extractor version."""
    return iri("agent", version), iri("run", version)


def global_triples(version: str, org_names: dict[str, Iterable[str]],
                   practice_names: dict[str, Iterable[str]]) -> set[Triple]:
    """The triples no single document decides.

    Args:
        version: the extractor version (a ``prov:SoftwareAgent`` and its run).
        org_names: every organisation node → all names any document gives it.
        practice_names: every practice node → all names any document gives it.

    Returns:
        The agent and run, the practice-domain and outcome-category concept schemes
        (DESIGN.md «The graph»: a category is also a top concept of the indicator
        scheme), and one ``skos:prefLabel`` per organisation and practice — the fullest
        name, ties broken by code point — with the other names as ``skos:altLabel``.
    """
    agent, run = run_nodes(version)
    out = {(agent, A, uri(_PROV + "SoftwareAgent")), (agent, LABEL, lit(f"minekg extractor {version}")),
           (run, A, uri(_PROV + "Activity")), (run, uri(_PROV + "wasAssociatedWith"), agent)}
    schemes = (("domain", Domain, DOMAIN_ZH, ("domains",), "domains"),
               ("category", Category, CATEGORY_ZH, ("categories", "indicators"), "indicators"))
    for kind, values, zh, in_schemes, top_of in schemes:
        for v in values:
            node = uri(f"{BASE}{kind}/{v.value}")
            out.update([(node, A, CONCEPT), (node, TOP_OF, m(top_of)), (node, NOTATION, lit(v.value)),
                        (node, PREF, lit(zh[v.value], "zh")), (node, PREF, lit(v.value, "en"))])
            out.update((node, IN_SCHEME, m(s)) for s in in_schemes)
    for names_of in (org_names, practice_names):
        for node, names in names_of.items():
            ordered = sorted(set(names), key=lambda n: (-len(n), n))
            out.add((node, PREF, lit(ordered[0], "zh")))
            out.update((node, ALT, lit(n, "zh")) for n in ordered[1:])
    return out


def merge_summaries(per_document: Iterable[dict[str, dict]]) -> dict[str, dict]:
    """The :attr:`Fragment.summaries` of every document, added up: per key ``findings``
    (total), ``documents`` (how many documents have such findings), ``organisations``
    (the set of nodes) and ``example`` (the least finding node)."""
    out: dict[str, dict] = {}
    for summaries in per_document:
        for key, part in summaries.items():
            acc = out.setdefault(key, {"findings": 0, "documents": 0, "organisations": set(),
                                       "example": part["example"]})
            acc["findings"] += part["findings"]
            acc["documents"] += 1
            acc["organisations"].update(part["organisations"])
            acc["example"] = min(acc["example"], part["example"])
    return out


def summary_triples(summaries: dict[str, dict]) -> set[Triple]:
    """One ``mkg:PracticeSummary`` per practice and outcome category that findings link.

    Args:
        summaries: :func:`merge_summaries` of every document.

    Returns:
        Per summary node (``id/summary/…``): its practice (``mkg:practice``), the category
        (``mkg:outcomeCategory``), ``mkg:findingCount``, ``mkg:documentCount`` and
        ``mkg:organisationCount`` (``xsd:integer``: the findings, the documents stating
        them and the distinct organisations they name) and ``mkg:exampleFinding`` (the
        least finding node, a stable choice). They let the named query
        ``mechanism_ranking`` rank a category's practices without reading every finding
        (tens of thousands at 10,000 papers); the findings stay the evidence.
    """
    integer = _XSD + "integer"
    out: set[Triple] = set()
    for key, acc in summaries.items():
        practice, category = key.split(" ")
        node = iri("summary", practice, category)
        out.update([(node, A, m("PracticeSummary")), (node, m("practice"), practice),
                    (node, m("outcomeCategory"), category),
                    (node, m("findingCount"), lit(str(acc["findings"]), datatype=integer)),
                    (node, m("documentCount"), lit(str(acc["documents"]), datatype=integer)),
                    (node, m("organisationCount"), lit(str(len(acc["organisations"])), datatype=integer)),
                    (node, m("exampleFinding"), acc["example"])])
    return out


def declared_nodes(mentions: Iterable[tuple[str, str, Sequence[str]]], res) -> set[str]:
    """The nodes of every organisation declared by some record: ``(doc, name, aliases)``
    mentions, resolved by ``res``."""
    return {org_iri(res.org_key(name, doc)) for doc, name, _ in mentions}


def by_document(records: Iterable[ArticleRecord]) -> dict[str, list[ArticleRecord]]:
    """Records grouped by ``doc``, documents and records in input order."""
    groups: dict[str, list[ArticleRecord]] = {}
    for rec in records:
        groups.setdefault(rec.doc, []).append(rec)
    return groups


def corpus_triples(records: Sequence[ArticleRecord], version: str) -> set[Triple]:
    """Every triple of a corpus held in memory (:func:`graph.build.build_graph`)."""
    from .build import Resolver

    mentions = [(rec.doc, o.name, o.aliases) for rec in records for o in rec.organisations]
    res = Resolver(mentions=mentions)
    declared = declared_nodes(mentions, res)
    run = run_nodes(version)[1]
    out: set[Triple] = set()
    org_names: dict[str, set[str]] = {}
    practice_names: dict[str, set[str]] = {}
    from .summaries import adoption_triples, indicator_part, indicator_triples, merge_indicators

    summaries, indicators = [], []
    for recs in by_document(records).values():
        frag = document_fragment(recs, res, declared, run)
        out.update(frag.local)
        out.update(frag.shared)
        summaries.append(frag.summaries)
        indicators.append(indicator_part(frag.local, frag.shared))
        for acc, names in ((org_names, frag.org_names), (practice_names, frag.practice_names)):
            for node, ns in names.items():
                acc.setdefault(node, set()).update(ns)
    out |= global_triples(version, org_names, practice_names) | summary_triples(merge_summaries(summaries))
    out |= indicator_triples(merge_indicators(indicators))
    return out | adoption_triples(out)


def nt_line(t: Triple) -> str:
    """One N-Triples line (with its newline)."""
    return f"{t[0]} {t[1]} {t[2]} .\n"


__all__ = ["DOCUMENT_NODE_KINDS", "DOCUMENT_NODE_PREFIXES", "Fragment", "Triple", "document_fragment", "document_node", "fragment_key", "global_triples", "indicator_summary_iri",
           "iri", "lit",
           "merge_summaries", "nt_line", "referenced_names", "resolution", "run_nodes", "summary_triples", "uri"]
