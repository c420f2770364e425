"""Extraction on the real papers: the answers the project exists for."""
from __future__ import annotations

import json

import pytest

from extract.articles import Article
from extract.pipeline import process_article
from extract.records import read_jsonl, record_from_doc


@pytest.fixture(scope="module")
def records(built):
    return read_jsonl(built / "extractions.jsonl")


def _ximing(records):
    return next(r for r in records if r.article == "党建引领基层管理创新的实践路径")


def test_hazard_screening_method_links_to_572_hazards(records):
    rec = _ximing(records)
    link = next(l for l in rec.links if l.practice == "“三三制隐患排查法”" and "572" in l.outcome)
    assert link.org == "综采一队党支部"
    assert "班组日查、区队周查、支部月查" in link.sentence
    assert rec.text[link.start:link.end] == link.sentence
    outcome = next(o for o in rec.outcomes if "572" in o.text)
    assert (outcome.value, outcome.unit, outcome.year, outcome.category) == (572, "条", 2024, "safety")


def test_offsets_point_at_the_evidence(records):
    for rec in records:
        for p in rec.practices:
            written = rec.text[p.start:p.end]
            if p.rule == "distributive":  # 政治引领、…到支部: the shared suffix is not repeated
                assert p.name.strip("“”").startswith(written), p.name
            elif p.rule == "lexicon" and written != p.name:  # 承诺践诺制: the institution's alias, its name first
                assert written.startswith(p.name), (written, p.name)
            else:
                assert written == p.name
            assert p.sentence in rec.text
        for o in rec.outcomes:
            assert rec.text[o.start:o.end] == o.text


def test_limin_alias_and_subject(records):
    rec = next(r for r in records if r.doc.startswith("000"))
    company = next(o for o in rec.organisations if o.name == "内蒙古利民煤焦有限责任公司")
    assert "利民公司" in company.aliases and company.type == "Company"


@pytest.mark.parametrize("text,indicator,value,unit,direction", [
    ("综采二队党支部提出的“党建+设备管理”模式，将设备故障率降低23%。", "设备故障率", 23, "%", "decrease"),
    ("2023年，该矿原煤产量达 320.5 万吨。", "原煤产量", 320.5, "万吨", "level"),
    ("带动全矿机电设备完好率提升至98.6%。", "全矿机电设备完好率", 98.6, "%", "increase"),
    ("某矿党委实施“五型班组”创建活动，2022年累计排查整改隐患1200条。", "排查整改隐患", 1200, "条", "level"),
])
def test_quantities(nlp, text, indicator, value, unit, direction):
    doc = process_article(nlp, Article(source="t", index=1, text=text))
    (span,) = [s for s in doc.spans["outcome"] if s._.quantity.value is not None]
    q = span._.quantity
    assert (q.indicator, q.value, q.unit, q.direction) == (indicator, value, unit, direction)


@pytest.mark.parametrize("text", [
    "开展安全专题培训8445人次。",  # effort, not a result
    "力争打造“零隐患”工作面。",  # a target
])
def test_not_results(nlp, text):
    doc = process_article(nlp, Article(source="t", index=1, text=text))
    assert [s.text for s in doc.spans["outcome"] if s._.quantity.value is not None] == []


def test_record_is_json_line(nlp):
    art = Article(source="t.txt", index=1, text="矿党委推行“三会一课”制度。", affiliation="某某煤业有限公司某某矿")
    rec = record_from_doc(process_article(nlp, art), art)
    data = json.loads(rec.to_json())
    assert {"doc", "article", "organisations", "practices", "outcomes", "links", "text"} <= set(data)


def test_evidence_is_the_sentence_without_its_line_break(records):
    """A sentence that ends a paragraph ends with the line break the sentencizer split
    at; the evidence is the sentence alone (a TSV or CSV cell stays on one line), and a
    link's offsets bound exactly that text."""
    checked = 0
    for rec in records:
        for item in [*rec.practices, *rec.outcomes, *rec.links]:
            assert item.sentence == item.sentence.strip() and item.sentence in rec.text
            checked += 1
        for link in rec.links:
            assert rec.text[link.start:link.end] == link.sentence == link.evidence
    assert checked > 300


def test_record_line_is_the_json_of_its_fields(records):
    """to_json writes what json.dumps(dataclasses.asdict(record)) writes, byte for byte."""
    from dataclasses import asdict

    assert records
    for rec in records:
        assert rec.to_json() == json.dumps(asdict(rec), ensure_ascii=False, sort_keys=False)
