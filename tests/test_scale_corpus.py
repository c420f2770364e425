"""The benchmark corpus scaler (benchmarks/scale_corpus.py) writes distinct papers, and
benchmarks/paper_files.py writes them as PDF, DOCX and HTML."""
from __future__ import annotations

import re

import pytest

from benchmarks.paper_files import DOCX_TABLE, FORMATS, convert_corpus
from benchmarks.scale_corpus import write_corpus
from extract.duplicates import text_digest
from extract.ingest import read_document


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
    files = convert_corpus(text_dir, tmp_path / fmt, fmt)
    assert [f.name for f in files] == [p.stem + "." + fmt for p in sorted(text_dir.glob("*.txt"))]
    assert not list((tmp_path / fmt).glob("*.part"))
    for source, twin in zip(sorted(text_dir.glob("*.txt")), files):
        text, read = squash(read_document(source).text), squash(read_document(twin).text)
        if fmt == "docx":  # and the table write_docx puts into every document
            read = read.replace(squash("".join("".join(row) for row in DOCX_TABLE)), "", 1)
        assert read == text, twin.name


def test_a_converted_paper_is_not_written_again(tmp_path):
    write_corpus(2, tmp_path / "txt")
    first = convert_corpus(tmp_path / "txt", tmp_path / "html", "html")
    first[0].write_text("kept", encoding="utf-8")
    again = convert_corpus(tmp_path / "txt", tmp_path / "html", "html")
    assert again == first and first[0].read_text(encoding="utf-8") == "kept"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
