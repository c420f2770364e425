"""The benchmark corpus scaler (benchmarks/scale_corpus.py) writes distinct papers."""
from __future__ import annotations

from benchmarks.scale_corpus import write_corpus
from extract.duplicates import text_digest
from extract.ingest import read_document


def test_every_synthetic_paper_is_a_distinct_document(tmp_path):
    # 400 papers: past the 312 at which the name stems come round again.
    paths = write_corpus(400, tmp_path)
    digests = {text_digest(read_document(p).text) for p in paths}
    assert len(digests) == len(paths)
