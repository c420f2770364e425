"""The stored form of a record (extract/stored.py) and what the extractor version digests
(extract/pipeline.py ``rules_digest``): issue 6, memory and the cache across releases."""
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


@pytest.mark.parametrize("edited", ["cache.py", "corpus.py", "stored.py", "evaluate.py", "explain.py",
                                    "gold_schema.py"])
def test_an_edit_outside_the_rules_keeps_the_extraction_cache(package, edited):
    """An edit of the code around extraction (here: a line appended, and in corpus.py a
    function other than extract_file) keeps the extractor version, so every user's
    cache stays valid."""
    from extract.pipeline import rules_digest

    before = rules_digest(package)
    assert before == rules_digest(EXTRACT)
    with open(package / edited, "a", encoding="utf-8") as fh:
        fh.write("\n\ndef _added_by_a_test():\n    return 1\n")
    assert rules_digest(package) == before


@pytest.mark.parametrize("edited", ["components/practices.py", "components/common.py", "pipeline.py",
                                    "ingest.py", "articles.py", "records.py", "formats/pdf.py", "lexicon.py"])
def test_an_edit_of_a_rule_changes_the_version(package, edited):
    from extract.pipeline import rules_digest

    before = rules_digest(package)
    with open(package / edited, "a", encoding="utf-8") as fh:
        fh.write("\n# an edited rule\n")
    assert rules_digest(package) != before


@pytest.mark.parametrize("module, function", [("corpus", "extract_file"), ("duplicates", "text_digest")])
def test_an_edit_of_a_function_that_makes_a_cached_report_changes_the_version(package, module, function):
    from extract.pipeline import rules_digest

    before = rules_digest(package)
    path = package / f"{module}.py"
    text = path.read_text(encoding="utf-8")
    at = text.index(f"def {function}(")
    body = text.index('"""', text.index('"""', at) + 3) + 3  # after the docstring
    path.write_text(text[:body] + "\n    _edited = 1" + text[body:], encoding="utf-8")
    assert rules_digest(package) != before
