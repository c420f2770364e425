"""The benchmark corpus scaler (benchmarks/scale_corpus.py) writes distinct papers, and
benchmarks/paper_files.py writes them as PDF, DOCX and HTML."""
from __future__ import annotations

import pytest

from benchmarks.paper_files import DOCX_TABLE, FORMATS, convert_corpus, html_page, read_record
from benchmarks.scale_corpus import write_corpus
from extract.duplicates import text_digest
from extract.ingest import read_document

from .test_ingest_formats import squash


def test_every_synthetic_paper_is_a_distinct_document(tmp_path):
    # 400 papers: past the 312 at which the name stems come round again.
    paths = write_corpus(400, tmp_path)
    digests = {text_digest(read_document(p).text) for p in paths}
    assert len(digests) == len(paths)


@pytest.mark.parametrize("fmt", FORMATS)
def test_converted_papers_read_back_as_their_text(fmt, tmp_path):
    # The format benchmark (benchmarks/formats.py) compares a corpus with its PDF, DOCX and
    # HTML twins: each twin must hold the same paper, not an empty or a garbled file.
    text_dir = tmp_path / "txt"
    write_corpus(6, text_dir)
    files = convert_corpus(text_dir, tmp_path / fmt, fmt, jobs=2)
    assert [f.name for f in files] == [p.stem + "." + fmt for p in sorted(text_dir.glob("*.txt"))]
    assert sorted((tmp_path / fmt).iterdir()) == files  # nothing else: no .part left
    for source, twin in zip(sorted(text_dir.glob("*.txt")), files):
        expected, read = read_document(source).text.split("\n"), read_document(twin).text.split("\n")
        if fmt == "pdf":  # the PDF's lines are its layout's: the same text, not the same lines
            assert squash("".join(read)) == squash("".join(expected)), twin.name
            continue
        if fmt == "docx":  # and the table write_docx puts into every document
            read = [line for line in read if line not in {"\t".join(row) for row in DOCX_TABLE}]
        # one paragraph a line, as in the text; HTML collapses runs of spaces
        assert [" ".join(x.split()) for x in read] == [" ".join(x.split()) for x in expected], twin.name


def test_a_converted_paper_is_written_again_only_when_its_source_changed(tmp_path):
    write_corpus(3, tmp_path / "txt")
    first = convert_corpus(tmp_path / "txt", tmp_path / "html", "html")
    first[0].write_text("kept", encoding="utf-8")
    assert convert_corpus(tmp_path / "txt", tmp_path / "html", "html") == first
    assert first[0].read_text(encoding="utf-8") == "kept"
    # a source edited, another gone, half files of stopped runs: the folder follows
    sources = sorted((tmp_path / "txt").glob("*.txt"))
    sources[0].write_text(sources[0].read_text(encoding="utf-8") + "\n新增一段。\n", encoding="utf-8")
    sources[2].unlink()
    (tmp_path / "html" / "x.html.part").write_text("half", encoding="utf-8")
    (tmp_path / "html" / ".y.html.k2j4.tmp").write_text("half", encoding="utf-8")  # graph.atomic's
    again = convert_corpus(tmp_path / "txt", tmp_path / "html", "html")
    assert sorted((tmp_path / "html").iterdir()) == again == first[:2]
    assert "新增一段" in read_document(again[0]).text


def test_html_page_escapes_the_text(tmp_path):
    # (a literal "&lt;" in a text trafilatura reads back as "<": it unescapes twice)
    (tmp_path / "a.html").write_text(html_page(["标题", "煤矿A&B<C>D安全。"]), encoding="utf-8")
    assert read_document(tmp_path / "a.html").text.split("\n")[-1] == "煤矿A&B<C>D安全。"


def test_converting_an_empty_folder_says_so(tmp_path):
    with pytest.raises(ValueError, match="no .txt paper"):
        convert_corpus(tmp_path, tmp_path / "pdf", "pdf")


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_the_one_paper_rebuild_reads_one_changed_paper_and_puts_it_back(fmt, tmp_path):
    # formats.py's "one changed PDF of 10,000": the build reads one paper again, not none
    # (a file written again with the same text) nor all, and the corpus stays its sources' twin.
    from benchmarks.bench import build
    from benchmarks.formats import rebuild_one

    write_corpus(3, tmp_path / "txt")
    files = convert_corpus(tmp_path / "txt", tmp_path / fmt, fmt)
    before, record = [f.read_bytes() for f in files], read_record(tmp_path / fmt)
    assert build(tmp_path / fmt, tmp_path / "build", jobs=1)["extracted"] == 3
    again = rebuild_one(tmp_path / "txt", tmp_path / fmt, tmp_path / "build", jobs=1)
    assert (again["changed"], again["extracted"], again["cached"]) == (files[1].name, 1, 2)
    assert [f.read_bytes() for f in files] == before
    assert read_record(tmp_path / fmt) == record


def test_a_failed_one_paper_rebuild_leaves_the_corpus_as_it_was(tmp_path, monkeypatch):
    import benchmarks.formats

    def broken_build(folder, out, jobs):
        # the changed paper is in place, and the record no longer vouches for it
        assert files[1].read_bytes() != before[1]
        assert files[1].name not in read_record(tmp_path / "html")
        raise RuntimeError("build of the corpus failed")

    write_corpus(3, tmp_path / "txt")
    files = convert_corpus(tmp_path / "txt", tmp_path / "html", "html")
    before, record = [f.read_bytes() for f in files], read_record(tmp_path / "html")
    monkeypatch.setattr(benchmarks.formats, "build", broken_build)
    with pytest.raises(RuntimeError, match="build of the corpus failed"):
        benchmarks.formats.rebuild_one(tmp_path / "txt", tmp_path / "html", tmp_path / "build", jobs=1)
    assert [f.read_bytes() for f in files] == before
    assert read_record(tmp_path / "html") == record
    assert sorted(p.name for p in (tmp_path / "html").iterdir()) == [f.name for f in files]
