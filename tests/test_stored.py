"""The stored form of a record (extract/stored.py) and what the extractor version digests
(extract/version.py ``rules_digest``): issue 6, memory and the cache across releases."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from extract.records import ArticleRecord, OrganisationRecord, PracticeRecord
from extract.stored import StoredRecord

EXTRACT = Path(__file__).resolve().parent.parent / "extract"


def _record() -> ArticleRecord:
    return ArticleRecord(
        doc="a.txt", article="标题", skipped=[], source="a.txt", text="矿党委推行“三会一课”。",
        organisations=[OrganisationRecord("某矿党委", ["矿党委"], "PartyCommittee", None)],
        practices=[PracticeRecord("三会一课", [], "reported", ["某矿党委"], None, "organisational", "a.txt",
                                  "矿党委推行“三会一课”。", 5, 11)],
        outcomes=[], links=[], sources=["a.txt"])


def test_a_stored_record_lets_its_record_go_once_it_has_its_line():
    """A build holds 16,000 records at 10,000 papers: the line or the record, not both."""
    rec = _record()
    stored = StoredRecord.of(rec)
    assert stored.record() is rec  # no line yet: the record is what it holds
    line = stored.line()
    assert line == rec.to_json().encode("utf-8")
    again = stored.record()
    assert again is not rec and again == rec  # decoded from the line
    assert stored.record() is not again  # and not kept


def test_a_record_decoded_is_from_dicts_and_old_lines_still_decode():
    """A line is decoded without the units' ``__init__`` (stored.decode): the records
    ``from_dict`` makes, not tied to the JSON objects; a line without a later field, or
    with a field no record has, goes through ``from_dict``."""
    from extract.records import LinkRecord, OutcomeRecord
    from extract.stored import decode

    rec = _record()
    rec.outcomes = [OutcomeRecord("事故为零", "事故", 0, None, None, 2020, "safety", "某矿党委", "a.txt",
                                  "矿党委推行“三会一课”。", 0, 4)]
    rec.links = [LinkRecord("三会一课", "事故为零", "某矿党委", "e", "a.txt", "e", 0, 1, "rule")]
    line = rec.to_json()
    again = decode(line.encode("utf-8"))
    assert again == rec == ArticleRecord.from_dict(json.loads(line)) and again.to_json() == line
    assert repr(again) == repr(rec)
    assert type(again.practices[0]) is PracticeRecord and type(again.links[0]) is LinkRecord
    old = json.loads(line)
    del old["practices"][0]["rule"]  # a line of before the field
    assert decode(json.dumps(old, ensure_ascii=False)).practices[0].rule == ""
    no_sources = json.loads(line)
    no_sources["sources"] = []
    assert decode(json.dumps(no_sources)).sources == ["a.txt"]  # from_dict's default
    old["practices"][0]["colour"] = "red"
    with pytest.raises(TypeError):
        decode(json.dumps(old))
    extra = json.loads(line)
    extra["colour"] = "red"  # a field the record has not: from_dict ignores it
    assert decode(json.dumps(extra)) == rec


def test_every_bundled_record_decodes_as_from_dict(built):
    from extract.stored import decode

    lines = (built / "extractions.jsonl").read_bytes().splitlines()
    assert len(lines) > 5
    for line in lines:
        rec = decode(line)
        assert rec == ArticleRecord.from_dict(json.loads(line)) and rec.to_json().encode("utf-8") == line


def test_a_record_decoded_from_a_cached_line_is_not_kept():
    rec = _record()
    line = rec.to_json().encode("utf-8")
    stored = StoredRecord(line, rec.doc, [("某矿党委", ["矿党委"])], rec.organisation_names(), (1, 1, 0, 0))
    first = stored.record()
    assert first == rec and stored.record() is not first


@pytest.mark.parametrize("cached", [False, True])
def test_sources_are_spliced_into_the_line(cached):
    """What merge_duplicates does to a kept file's records, whether the record came from
    extraction (its line made for the cache) or from a cache entry."""
    rec = _record()
    stored = StoredRecord.of(rec)
    header = stored.header()
    if cached:
        stored = StoredRecord(stored.line(), header["doc"], header["orgs"], header["names"],
                              tuple(header["counts"]), tuple(header["sources_at"]))
    stored.sources = ["a.txt", "b.txt"]
    assert stored.sources == ["a.txt", "b.txt"]
    assert json.loads(stored.line())["sources"] == ["a.txt", "b.txt"]
    assert stored.record().sources == ["a.txt", "b.txt"]


def test_sources_set_without_their_position_keep_the_record():
    rec = _record()
    stored = StoredRecord(rec.to_json().encode("utf-8"), rec.doc, [], [], (1, 1, 0, 0))  # no sources_at
    stored.sources = ["a.txt", "c.txt"]
    assert json.loads(stored.line())["sources"] == ["a.txt", "c.txt"]


@pytest.fixture()
def package(tmp_path) -> Path:
    """A copy of the extract package's Python files, to edit."""
    copy = tmp_path / "extract"
    shutil.copytree(EXTRACT, copy, ignore=shutil.ignore_patterns("__pycache__", "lexicons"))
    return copy


@pytest.mark.parametrize("edited", ["cache.py", "corpus.py", "stored.py", "evaluate.py", "explain.py", "version.py",
                                    "gold_schema.py"])
def test_an_edit_outside_the_rules_keeps_the_extraction_cache(package, edited):
    """An edit of the code around extraction (here: a line appended, and in corpus.py a
    function other than extract_file) keeps the extractor version, so every user's
    cache stays valid."""
    from extract.version import rules_digest

    before = rules_digest(package)
    assert before == rules_digest(EXTRACT)
    with open(package / edited, "a", encoding="utf-8") as fh:
        fh.write("\n\ndef _added_by_a_test():\n    return 1\n")
    assert rules_digest(package) == before


@pytest.mark.parametrize("edited", ["components/practices.py", "components/common.py", "pipeline.py",
                                    "ingest.py", "articles.py", "records.py", "formats/pdf.py", "lexicon.py"])
def test_an_edit_of_a_rule_changes_the_version(package, edited):
    from extract.version import rules_digest

    before = rules_digest(package)
    with open(package / edited, "a", encoding="utf-8") as fh:
        fh.write("\n# an edited rule\n")
    assert rules_digest(package) != before


@pytest.mark.parametrize("module, function", [("corpus", "extract_file"), ("duplicates", "text_digest")])
def test_an_edit_of_a_function_that_makes_a_cached_report_changes_the_version(package, module, function):
    from extract.version import rules_digest

    before = rules_digest(package)
    path = package / f"{module}.py"
    text = path.read_text(encoding="utf-8")
    at = text.index(f"def {function}(")
    body = text.index('"""', text.index('"""', at) + 3) + 3  # after the docstring
    path.write_text(text[:body] + "\n    _edited = 1" + text[body:], encoding="utf-8")
    assert rules_digest(package) != before


def _report(path: str):
    from extract.corpus import FileReport

    return FileReport(path, articles=["标题"], counts={"organisations": 1, "practices": 1, "outcomes": 0, "links": 0})


def test_a_cache_entry_is_read_up_to_its_first_line(tmp_path):
    """The lines stay in the entry until asked for; a build copies them from there."""
    from extract.cache import ExtractionCache

    cache = ExtractionCache(tmp_path / "cache", "v1")
    recs = [_record(), _record()]
    recs[1].article = "另一篇"
    stored = [StoredRecord.of(r, "k") for r in recs]
    cache.put("a" * 64, stored, _report("a.txt"))
    entry = tmp_path / "cache" / f"{'a' * 64}.json"
    # put lets go of the lines it wrote: they are read from the entry now
    assert all(s.at is not None and s.at.path == entry for s in stored)
    hit = cache.get("a" * 64, tmp_path / "a.txt")
    assert hit is not None
    got, report = hit
    data = entry.read_bytes()
    for s, rec in zip(got, recs):
        assert s.at is not None
        assert data[s.at.offset:s.at.offset + s.at.size] == rec.to_json().encode("utf-8")
        assert s.line() == rec.to_json().encode("utf-8") and s.record() == rec
    assert report.path == str(tmp_path / "a.txt")


def test_a_cache_entry_of_another_size_is_a_miss(tmp_path):
    from extract.cache import ExtractionCache

    cache = ExtractionCache(tmp_path / "cache", "v1")
    cache.put("b" * 64, [_record()], _report("a.txt"))
    entry = tmp_path / "cache" / f"{'b' * 64}.json"
    entry.write_bytes(entry.read_bytes()[:-10])  # a truncated line
    assert cache.get("b" * 64, tmp_path / "a.txt") is None


def test_an_entry_of_layout_2_is_read_and_written_again(tmp_path):
    """Layout 2 (lines without their sizes), as the cache of the previous release wrote it."""
    from dataclasses import asdict

    from extract.cache import LAYOUT, ExtractionCache

    rec = _record()
    line = rec.to_json().encode("utf-8")
    header = StoredRecord.of(rec).header()
    del header["bytes"]
    head = {"version": "v1", "layout": 2, "report": asdict(_report("a.txt")), "records": [header]}
    folder = tmp_path / "cache"
    folder.mkdir()
    entry = folder / f"{'c' * 64}.json"
    entry.write_bytes(json.dumps(head, ensure_ascii=False).encode("utf-8") + b"\n" + line + b"\n")
    got, _ = ExtractionCache(folder, "v1").get("c" * 64, tmp_path / "a.txt")
    assert got[0].line() == line
    assert json.loads(entry.read_bytes().split(b"\n", 1)[0])["layout"] == LAYOUT


def test_extractions_are_copied_from_the_cache_entries_as_they_are(tmp_path):
    """Lines from the cache (ranges of entries, one range per entry), a line in memory
    between them: extractions.jsonl is the lines in corpus order."""
    from extract.cache import ExtractionCache
    from graph.commit import FileRange, Staging
    from graph.project import _lines

    cache = ExtractionCache(tmp_path / "cache", "v1")
    recs = []
    for k in range(3):
        rec = _record()
        rec.article = f"第{k}篇"
        recs.append(rec)
    cache.put("d" * 64, [StoredRecord.of(r) for r in recs[:2]], _report("a.txt"))
    first, _ = cache.get("d" * 64, tmp_path / "a.txt")
    stored = [*first, StoredRecord.of(recs[2])]
    pieces = list(_lines(stored))
    assert isinstance(pieces[0], FileRange) and isinstance(pieces[1], bytes) and len(pieces) == 2
    staged = Staging(tmp_path / "out").write_chunks("extractions.jsonl", pieces)
    assert staged.read_bytes() == b"".join(r.to_json().encode("utf-8") + b"\n" for r in recs)
