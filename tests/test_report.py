"""report.json written by graph/report.py: the bytes json.dumps(indent=2) writes."""
from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from extract.corpus import FileReport
from graph.report import report_json

FILES = [
    FileReport("papers/a.txt", articles=["标题一", "Title \"two\"\n"], counts={"organisations": 3, "links": 0},
               notes=["repaired 2 line breaks"], text_sha256="ab" * 32, doc="a.txt", duplicates=["b/a.txt"]),
    FileReport("papers/b.txt", "duplicate", "the same paper as papers/a.txt", same_as="papers/a.txt", doc="a.txt"),
    FileReport("papers/c.bin", "skipped", "unsupported file type .bin"),
    FileReport("papers/\\tab\t.txt", skipped_parts=["通知: a notice", "\u2028 line separator"], counts={}),
]


@pytest.mark.parametrize("files", [FILES, [], FILES[:1]])
def test_report_is_what_json_dumps_writes(files):
    summary = {"out": "build", "files": 3, "skipped": 1, "articles": 2, "ratio": 0.5, "flag": True,
               "nested": [[1, 2], {"a": None}], "empty": {}}
    expected = json.dumps({"extractor": "0.1.0+lex.x", "summary": summary,
                           "files": [asdict(f) for f in files]}, ensure_ascii=False, indent=2) + "\n"
    assert report_json("0.1.0+lex.x", summary, files) == expected


def test_report_of_a_build_is_what_json_dumps_writes(built):
    data = json.loads((built / "report.json").read_text(encoding="utf-8"))
    text = (built / "report.json").read_text(encoding="utf-8")
    assert text == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    assert len(data["files"]) > 3
