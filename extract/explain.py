"""Why a practice was extracted: its mentions, the rule that fired, and its links.

Issue 3 «Tools»: ``minekg explain NAME`` shows, for one practice, every article where
it was found, the sentence of its first mention, the rule that recognised it
(``PracticeRecord.rule``: quoted, lexicon, typed, list, idiom, counted, distributive)
and each link made from it with the linking rule (``LinkRecord.rule``: same-sentence,
same-list, same-enumeration, part-of, vehicle, cause-after, refers-back, framing).

Names are compared with the scoring rule of GUIDELINES.md
(:func:`extract.evaluate.names_match`), so ``三三制隐患排查法`` finds
``“三三制隐患排查法”``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Union

from .evaluate import names_match
from .records import ArticleRecord, read_jsonl


@dataclass(frozen=True)
class LinkExplanation:
    """One link made from the practice.

    Attributes:
        outcome: the outcome text.
        category: the outcome's category (safety, production, …).
        rule: the rule that made the link.
        org: the organisation that applies the practice there.
        sentence: the sentence that states it.
    """

    outcome: str
    category: str
    rule: str
    org: str
    sentence: str


@dataclass
class Explanation:
    """The practice as found in one article.

    Attributes:
        doc: the source file name.
        article: the article title.
        name: the practice name as extracted.
        rule: the rule that recognised it.
        modality: ``reported`` or ``recommended``.
        domain: its domain.
        part_of: the model it is part of, or ``None``.
        adopted_by: organisations that adopt it.
        sentence: the sentence of its first mention.
        start: character offset of that mention in the article text.
        links: the links made from it, with their rule.
    """

    doc: str
    article: str
    name: str
    rule: str
    modality: str
    domain: str
    part_of: str | None
    adopted_by: list[str]
    sentence: str
    start: int
    links: list[LinkExplanation] = field(default_factory=list)

    def to_text(self) -> str:
        """A human-readable block (for the CLI)."""
        lines = [f"{self.name}  [{self.rule}, {self.modality}, {self.domain}]  {self.doc} «{self.article}»",
                 f"  sentence: {self.sentence}"]
        if self.part_of:
            lines.append(f"  part of: {self.part_of}")
        for link in self.links:
            lines.append(f"  → {link.outcome}  ({link.category}; {link.rule}; {link.org})")
        return "\n".join(lines)


RecordsOrPaths = Union[Iterable[ArticleRecord], Iterable[Union[str, Path]], str, Path]


def _records(source: RecordsOrPaths) -> list[ArticleRecord]:
    if isinstance(source, (str, Path)):
        return read_jsonl(source)
    out: list[ArticleRecord] = []
    for item in source:
        out.extend(read_jsonl(item) if isinstance(item, (str, Path)) else [item])
    return out


def explain(name: str, records_or_paths: RecordsOrPaths) -> list[Explanation]:
    """Explain how a practice was extracted.

    Args:
        name: the practice name (quotes and spaces do not matter).
        records_or_paths: :class:`~extract.records.ArticleRecord` objects, or paths of
            ``extractions.jsonl`` files (one path or several).

    Returns:
        One :class:`Explanation` per article where a practice matching ``name`` was
        found, in the order of the records; empty when none matches.
    """
    out: list[Explanation] = []
    for rec in _records(records_or_paths):
        by_text = {o.text: o for o in rec.outcomes}
        for p in rec.practices:
            if not names_match(name, p.name):
                continue
            links = [LinkExplanation(outcome=l.outcome,
                                     category=by_text[l.outcome].category if l.outcome in by_text else "",
                                     rule=l.rule, org=l.org, sentence=l.sentence or l.evidence)
                     for l in rec.links if l.practice == p.name]
            out.append(Explanation(doc=rec.doc, article=rec.article, name=p.name, rule=p.rule,
                                   modality=p.modality, domain=p.domain, part_of=p.part_of,
                                   adopted_by=list(p.adopted_by), sentence=p.sentence,
                                   start=p.start, links=links))
    return out


__all__ = ["explain", "Explanation", "LinkExplanation"]
