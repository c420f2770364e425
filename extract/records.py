"""Article records: the gold schema of GUIDELINES.md plus provenance.

Stage 4 of DESIGN.md. :func:`record_from_doc` turns a processed ``Doc`` into an
:class:`ArticleRecord`; :meth:`ArticleRecord.to_json` gives one line of
``extractions.jsonl``. Every practice, outcome and link carries ``source`` (file),
``sentence`` (text) and ``start``/``end`` (character offsets into the record's ``text``,
the cleaned article text).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

from .articles import Article

if TYPE_CHECKING:  # spaCy is imported by what makes a Doc: reading records needs none of it
    from spacy.tokens import Doc, Span


@dataclass
class OrganisationRecord:
    """An organisation (GUIDELINES.md «Organisation»)."""

    name: str
    aliases: list[str]
    type: str
    parent: str | None


@dataclass
class PracticeRecord:
    """A practice (GUIDELINES.md «Practice») with the evidence of its first mention."""

    name: str
    aliases: list[str]
    modality: str
    adopted_by: list[str]
    part_of: str | None
    domain: str
    source: str
    sentence: str
    start: int
    end: int
    rule: str = ""


@dataclass
class OutcomeRecord:
    """An outcome (GUIDELINES.md «Outcome») with its evidence."""

    text: str
    indicator: str
    value: float | None
    unit: str | None
    direction: str | None
    year: int | None
    category: str
    org: str
    source: str
    sentence: str
    start: int
    end: int


@dataclass
class LinkRecord:
    """A practice → outcome link (GUIDELINES.md «Link»); ``start``/``end`` bound the
    sentence that states it."""

    practice: str
    outcome: str
    org: str
    evidence: str
    source: str
    sentence: str
    start: int
    end: int
    rule: str = ""


@dataclass
class ArticleRecord:
    """One article's extraction: a line of ``extractions.jsonl``.

    Attributes:
        doc: the document name: the source file name (the gold files' ``doc``), or,
            when another paper of the build has the same file name, the path under the
            folder they share (``a/paper.txt``; :func:`extract.duplicates.document_names`).
        article: the title as written (``[…]`` when inferred).
        skipped: parts of the page not annotated, with the reason (first article only).
        organisations, practices, outcomes, links: the units of GUIDELINES.md.
        source: the input file's document name (as ``doc``).
        text: the cleaned article text all offsets point into.
        sources: the document names of every input file this article was read from,
            sorted: ``[source]``,
            or more when the same paper came under several names
            (:mod:`extract.duplicates`); the first is ``source``.
        authors: author names; ``affiliation``: the author's unit as written.
        extractor: the extractor version that made it.
    """

    doc: str
    article: str
    skipped: list[str]
    organisations: list[OrganisationRecord]
    practices: list[PracticeRecord]
    outcomes: list[OutcomeRecord]
    links: list[LinkRecord]
    source: str
    text: str
    sources: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    affiliation: str | None = None
    extractor: str = ""

    def to_json(self) -> str:
        """One JSON line, keys in a fixed order, non-ASCII kept (deterministic).

        The line of ``json.dumps(dataclasses.asdict(self))``: the fields in their order,
        each unit a JSON object of its fields. Built without ``asdict``, which deep-copies
        every value on the way (a fifth of the time of a record).
        """
        data = _fields_of(self)
        for unit in ("organisations", "practices", "outcomes", "links"):
            data[unit] = [_fields_of(u) for u in data[unit]]
        return json.dumps(data, ensure_ascii=False, sort_keys=False)

    @classmethod
    def from_dict(cls, data: dict) -> "ArticleRecord":
        """Rebuild a record from its JSON object (as read from ``extractions.jsonl``)."""
        return cls(
            doc=data["doc"], article=data["article"], skipped=list(data.get("skipped", [])),
            organisations=[OrganisationRecord(**o) for o in data.get("organisations", [])],
            practices=[PracticeRecord(**p) for p in data.get("practices", [])],
            outcomes=[OutcomeRecord(**o) for o in data.get("outcomes", [])],
            links=[LinkRecord(**x) for x in data.get("links", [])],
            source=data.get("source", data["doc"]), text=data.get("text", ""),
            sources=list(data.get("sources") or [data.get("source", data["doc"])]),
            authors=list(data.get("authors", [])), affiliation=data.get("affiliation"),
            extractor=data.get("extractor", ""),
        )


    def organisation_names(self) -> list[str]:
        """Every organisation name the record's units refer to: declared names and their
        aliases, adopters, the organisations of outcomes and links (what entity resolution
        looks up for its triples)."""
        names = [o.name for o in self.organisations] + [a for o in self.organisations for a in o.aliases]
        names += [n for p in self.practices for n in p.adopted_by]
        names += [o.org for o in self.outcomes] + [x.org for x in self.links]
        return names


def _fields_of(obj) -> dict:
    """``{field: value}`` of a record dataclass, in field order (not copied)."""
    names = _FIELDS.get(type(obj))
    if names is None:
        names = _FIELDS[type(obj)] = tuple(f.name for f in fields(obj))
    return {name: getattr(obj, name) for name in names}


_FIELDS: dict[type, tuple[str, ...]] = {}


def record_from_doc(doc: Doc, article: Article, skipped: list[str] | None = None,
                    extractor: str = "") -> ArticleRecord:
    """Build the record of one processed article.

    Args:
        doc: the ``Doc`` after the pipeline (span groups ``org``, ``practice``,
            ``outcome``; ``doc._.orgs``, ``doc._.links``).
        article: the article it was made from.
        skipped: descriptions of skipped parts of the page (``"title: reason"``).
        extractor: the extractor version string.

    Returns:
        The :class:`ArticleRecord`; practices are listed once per name, with the
        evidence of their first mention in full (a mention by label or short name only
        when there is none) and every organisation that adopts them.
    """
    from .components.common import doc_text, sent_of, span_ext, span_group

    source = article.source
    text = doc_text(doc)  # spaCy rebuilds doc.text from every token on each access
    orgs = [OrganisationRecord(o.name, list(o.aliases), o.type, o.parent)
            for o in (doc._.orgs or {}).values()]
    practices: dict[str, PracticeRecord] = {}
    # The mention that names a measure in full gives its evidence; one named again
    # (a label, a type word, a short name) comes after it even when written first.
    # span_ext(span, …): span._.…, without spaCy's Underscore object per read (common.span_ext).
    for span in sorted(span_group(doc, "practice"), key=lambda s: (span_ext(s, "rule") == "again", s.start)):
        name, org, modality = span_ext(span, "canonical"), span_ext(span, "org"), span_ext(span, "modality")
        rec = practices.get(name)
        chars = span_ext(span, "chars") or (span.start_char, span.end_char)  # _chars
        if rec is None:
            sent = sent_of(span)  # span.sent, by bisection
            practices[name] = PracticeRecord(
                name=name, aliases=[], modality=modality,
                adopted_by=[org] if org and modality == "reported" else [],
                part_of=span_ext(span, "part_of"), domain=span.label_, source=source,
                sentence=_text(text, sent).strip(), start=chars[0], end=chars[1], rule=span_ext(span, "rule"))
        else:
            written = text[chars[0]:chars[1]]
            if written != name and written not in rec.aliases:
                rec.aliases.append(written)  # the measure named again in another form
            if org and modality == "reported" and org not in rec.adopted_by:
                rec.adopted_by.append(org)
            if modality == "reported":
                rec.modality = "reported"
            rec.part_of = rec.part_of or span_ext(span, "part_of")
    outcomes = [_outcome(span, source, text) for span in span_group(doc, "outcome")]
    links = []
    seen = set()
    for link in doc._.links or []:
        practice = span_ext(link.practice, "canonical")
        key = (practice, link.outcome.start_char)
        if key in seen:
            continue
        seen.add(key)
        raw = _text(text, link.sentence)
        evidence = raw.strip()
        start = link.sentence.start_char + len(raw) - len(raw.lstrip())
        links.append(LinkRecord(
            practice=practice, outcome=text[slice(*_chars(link.outcome))], org=link.org,
            evidence=evidence, source=source, sentence=evidence, start=start, end=start + len(evidence),
            rule=link.rule))
    return ArticleRecord(
        doc=source, article=article.title, skipped=list(skipped or []), organisations=orgs,
        practices=list(practices.values()), outcomes=outcomes, links=links, source=source,
        text=text, sources=[source], authors=list(article.authors), affiliation=article.affiliation,
        extractor=extractor)


def _outcome(span: Span, source: str, doc_text: str) -> OutcomeRecord:
    from .components.common import sent_of, span_ext

    q = span_ext(span, "quantity")
    value = q.value if q else None
    if value is not None and float(value).is_integer():
        value = int(value)
    start, end = span_ext(span, "chars") or (span.start_char, span.end_char)  # _chars
    return OutcomeRecord(
        text=doc_text[start:end], indicator=q.indicator if q else span.text, value=value,
        unit=q.unit if q else None, direction=q.direction if q else None,
        year=q.year if q else None, category=span.label_ or "other", org=span_ext(span, "org"),
        source=source, sentence=_text(doc_text, sent_of(span)).strip(), start=start, end=end)


def _text(text: str, span: Span) -> str:
    """``span.text`` as a slice of the document text: the tokenizer puts no space after a
    token, so the two are equal, and the slice makes no Token object per character."""
    return text[span.start_char:span.end_char]


def _chars(span: Span) -> tuple[int, int]:
    """The exact character range of a span's finding (``span._.chars``), else its tokens'."""
    from .components.common import span_ext

    return span_ext(span, "chars") or (span.start_char, span.end_char)


def read_jsonl(path) -> list[ArticleRecord]:
    """Read ``extractions.jsonl``: one :class:`ArticleRecord` per line."""
    with open(path, encoding="utf-8") as fh:
        return [ArticleRecord.from_dict(json.loads(line)) for line in fh if line.strip()]
