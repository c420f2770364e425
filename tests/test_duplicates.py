"""The same paper under two names is one document with both sources (issue 7)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF

import cli
from extract.corpus import FileReport
from extract.duplicates import merge_duplicates, text_digest
from extract.evaluate import evaluate
from extract.records import read_jsonl
from graph.vocab import MKG

from .conftest import GOLD, PAPERS, ROOT

#: The two smallest bundled papers (fast builds).
SMALL = ("001_fbb41627e9a508e9.txt", "003_c8ad832d347b7f90.txt")
#: A byte-identical copy of 003 whose name has spaces and Chinese characters; it sorts
#: after the original, which stays the document's name.
COPY_003 = "煤矿 党建 副本.txt"
#: A GB18030 copy of 001 whose name sorts *before* the original: it becomes the
#: document's name, and evaluation must still find the gold file of 001.
COPY_001 = "000 gb18030副本.txt"


def _folder(root: Path, with_copies: bool) -> Path:
    folder = root / ("dups" if with_copies else "plain")
    folder.mkdir()
    for name in SMALL:
        shutil.copy(PAPERS / name, folder / name)
    if with_copies:
        shutil.copy(PAPERS / SMALL[1], folder / COPY_003)
        text = (PAPERS / SMALL[0]).read_text(encoding="utf-8").replace("\xa0", " ")
        (folder / COPY_001).write_bytes(text.encode("gb18030"))
    return folder


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The two papers built alone, and built with a copy of each (``minekg build``)."""
    from graph.project import build_project

    root = tmp_path_factory.mktemp("dup")
    plain = root / "out-plain"
    build_project([_folder(root, False)], plain)
    result = CliRunner().invoke(cli.main, ["build", str(_folder(root, True)), "--out",
                                           str(root / "out-dups"), "--quiet"])
    return plain, root / "out-dups", result


def result_path(builds, name: str) -> str:
    """The path of an input file of the build with copies, as the build reports it."""
    return str(builds[1].parent / "dups" / name)


def test_one_clear_line_per_copy_and_exit_status_0(builds):
    _, _, result = builds
    # Exit status 0: a duplicate loses nothing, its text is in the graph under the
    # other name (a skipped file, whose content is missing, gives 3).
    assert result.exit_code == 0, result.output
    lines = [x for x in result.output.splitlines() if "same paper" in x]
    assert sorted(lines) == sorted([
        f"{result_path(builds, COPY_003)} is the same paper as {result_path(builds, SMALL[1])}: merged",
        f"{result_path(builds, SMALL[0])} is the same paper as {result_path(builds, COPY_001)}: merged",
    ])


def test_one_record_per_paper_with_every_source(builds):
    plain, dups, _ = builds
    records = read_jsonl(dups / "extractions.jsonl")
    assert [(r.doc, r.sources) for r in records] == [
        (COPY_001, sorted([COPY_001, SMALL[0]])),
        (SMALL[1], sorted([SMALL[1], COPY_003])),
    ]
    # Extracted once: the records are those of the build without copies, but for
    # the names.
    before = read_jsonl(plain / "extractions.jsonl")
    for old, new in zip(before, records):
        assert [p.name for p in new.practices] == [p.name for p in old.practices]
        assert len(new.outcomes) == len(old.outcomes) and len(new.links) == len(old.links)
        assert new.text == old.text


def test_report_json_names_the_copies(builds):
    _, dups, _ = builds
    report = json.loads((dups / "report.json").read_text(encoding="utf-8"))
    files = {Path(f["path"]).name: f for f in report["files"]}
    copy = files[COPY_003]
    assert copy["status"] == "duplicate"
    assert copy["same_as"] == result_path(builds, SMALL[1])
    assert "same paper" in copy["reason"] and "merged" in copy["reason"]
    assert files[SMALL[1]]["status"] == "ok"
    assert files[SMALL[1]]["duplicates"] == [result_path(builds, COPY_003)]
    assert files[SMALL[0]]["status"] == "duplicate"
    assert files[SMALL[0]]["same_as"] == result_path(builds, COPY_001)
    assert report["summary"]["files"] == 2 and report["summary"]["duplicates"] == 2
    assert report["summary"]["skipped"] == 0


def test_graph_has_one_document_with_both_sources_and_nothing_doubled(builds):
    plain, dups, _ = builds
    g_plain = Graph().parse(plain / "graph.ttl", format="turtle")
    g_dups = Graph().parse(dups / "graph.ttl", format="turtle")
    docs = {str(g_dups.value(d, DCTERMS.identifier)): d for d in g_dups.subjects(RDF.type, MKG.Document)}
    assert sorted(docs) == [COPY_001, SMALL[1]]
    assert set(g_dups.objects(docs[SMALL[1]], DCTERMS.source)) == {Literal(SMALL[1]), Literal(COPY_003)}
    assert set(g_dups.objects(docs[COPY_001], DCTERMS.source)) == {Literal(COPY_001), Literal(SMALL[0])}
    # Practices, adoptions, outcomes and findings are not doubled: the graph is the
    # graph without copies plus one dcterms:source per copy.
    for cls in (MKG.Practice, MKG.Adoption, MKG.Outcome, MKG.Finding, MKG.EvidenceSentence):
        assert len(set(g_dups.subjects(RDF.type, cls))) == len(set(g_plain.subjects(RDF.type, cls))), cls
    assert len(g_dups) == len(g_plain) + 2
    # The paper whose name stayed has exactly the triples it had, plus the copy's name.
    doc = docs[SMALL[1]]
    assert set(g_dups.triples((doc, None, None))) == \
        set(g_plain.triples((doc, None, None))) | {(doc, DCTERMS.source, Literal(COPY_003))}


def test_evaluation_finds_the_gold_of_a_paper_kept_under_another_name(builds):
    plain, dups, _ = builds
    assert evaluate(GOLD, dups / "extractions.jsonl").figures() == \
        evaluate(GOLD, plain / "extractions.jsonl").figures()


def test_result_depends_neither_on_input_order_nor_on_jobs(builds, tmp_path):
    from graph.project import build_project

    _, dups, _ = builds
    folder = dups.parent / "dups"
    files = sorted(folder.iterdir(), reverse=True)  # the copies come first or last
    out = tmp_path / "reversed"
    build_project(files, out, cache=False, jobs=2)
    for name in ("extractions.jsonl", "graph.ttl"):
        assert (out / name).read_bytes() == (dups / name).read_bytes(), name


# --------------------------------------------------------------- the rule ---------

def _nfkc_digest(text: str) -> str:
    """text_digest as its docstring defines it, the slow way."""
    import hashlib
    import unicodedata

    return hashlib.sha256("".join(unicodedata.normalize("NFKC", text).split()).encode("utf-8")).hexdigest()


@pytest.mark.parametrize("text", [
    "", "矿党委推行“三会一课”制度，2024年隐患下降30%（同比）：好……",
    "\u3000全角空格\u3000与ＡＢＣ１２３，半角ｶﾀｶﾅ",
    "ａ\u0301 ＦＦ\u0308 ￣\u0301",  # a full-width letter or mark, then a combining mark
    "①号井 ㎡ ℃ 兀 ﬁ",  # compatibility characters outside the replaced blocks
])
def test_text_digest_is_the_digest_of_the_nfkc_text(text):
    assert text_digest(text) == _nfkc_digest(text)


def test_text_digest_of_the_papers_is_that_of_their_nfkc_text():
    from extract.ingest import read_document

    papers = [p for folder in ("data/papers", "data/heldout") for p in sorted((ROOT / folder).rglob("*.txt"))]
    assert papers
    for path in papers:
        text = read_document(path).text
        assert text_digest(text) == _nfkc_digest(text)


def test_text_digest_ignores_spaces_and_width_only():
    text = "矿党委推行“三会一课”制度，\n2024年隐患下降30%。"
    assert text_digest(text) == text_digest(" 矿党委推行“三会一课”制度， 2024年隐患下降30%。\n")
    assert text_digest(text) == text_digest(text.replace("2024", "２０２４"))  # full-width digits
    assert text_digest(text) != text_digest(text.replace("30", "31"))
    assert text_digest(text) != text_digest(text + "本文为修订稿。")


def _entries(names_and_keys):
    from extract.records import ArticleRecord

    out = []
    for path, key in names_and_keys:
        rec = ArticleRecord(doc=Path(path).name, article="t", skipped=[], organisations=[],
                            practices=[], outcomes=[], links=[], source=Path(path).name, text="x",
                            sources=[Path(path).name])
        out.append(([rec], FileReport(path, text_sha256=key)))
    return out


@pytest.mark.parametrize("order", [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]])
def test_the_kept_file_is_the_first_by_name_in_any_order(order):
    files = [("b/论文.txt", "k1"), ("a/z.txt", "k1"), ("c/论文.txt", "k1"), ("other.txt", "k2")]
    entries = _entries([files[i] for i in order])
    copies = merge_duplicates(entries)
    kept = [(r.status, r.path, recs[0].sources if recs else None) for recs, r in entries
            if r.status == "ok"]
    assert sorted(kept) == [("ok", "a/z.txt", ["z.txt", "论文.txt"]), ("ok", "other.txt", ["other.txt"])]
    assert [(c.path, c.same_as) for c in copies] == [("b/论文.txt", "a/z.txt"), ("c/论文.txt", "a/z.txt")]


def test_unread_files_are_never_duplicates():
    entries = _entries([("a.txt", None), ("b.txt", None)])
    entries[1][1].status = "skipped"
    assert merge_duplicates(entries) == []
    assert [r.status for _, r in entries] == ["ok", "skipped"]


# ----------------------------------------- two papers, one file name -------------

#: ``in/a/paper.txt`` and ``in/b/paper.txt`` are different papers (001 and 003);
#: ``in/c/paper.txt`` is a copy of ``a``'s, ``in/<003's name>`` a copy of ``b``'s.
SAME_NAME = {"a/paper.txt": SMALL[0], "b/paper.txt": SMALL[1], "c/paper.txt": SMALL[0],
             SMALL[1]: SMALL[1]}


@pytest.fixture(scope="module")
def same_name(tmp_path_factory):
    """``minekg build`` of the :data:`SAME_NAME` folder; returns (folder, out, result)."""
    root = tmp_path_factory.mktemp("same-name")
    folder = root / "in"
    for name, paper in SAME_NAME.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(PAPERS / paper, folder / name)
    out = root / "out"
    result = CliRunner().invoke(cli.main, ["build", str(folder), "--out", str(out), "--quiet"])
    return folder, out, result


def test_two_papers_with_one_file_name_are_two_documents(same_name):
    folder, out, result = same_name
    assert result.exit_code == 0, result.output
    records = read_jsonl(out / "extractions.jsonl")
    # Each paper once: the papers named paper.txt by their path under in/, the copy of
    # 003 under its own (bare) name, which sorts first and keeps the document.
    assert [(r.doc, r.sources) for r in records] == [
        (SMALL[1], [SMALL[1], "b/paper.txt"]),
        ("a/paper.txt", ["a/paper.txt", "c/paper.txt"]),
    ]
    for rec in records:
        assert {u.source for u in (*rec.practices, *rec.outcomes, *rec.links)} == {rec.doc}
    g = Graph().parse(out / "graph.ttl", format="turtle")
    docs = {str(g.value(d, DCTERMS.identifier)): d for d in g.subjects(RDF.type, MKG.Document)}
    assert sorted(docs) == sorted([SMALL[1], "a/paper.txt"])
    assert set(g.objects(docs["a/paper.txt"], DCTERMS.source)) == {Literal("a/paper.txt"),
                                                                    Literal("c/paper.txt")}
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {(f["path"], f["status"], f["doc"]) for f in report["files"]} == {
        (str(folder / SMALL[1]), "ok", SMALL[1]),
        (str(folder / "a/paper.txt"), "ok", "a/paper.txt"),
        (str(folder / "b/paper.txt"), "duplicate", SMALL[1]),
        (str(folder / "c/paper.txt"), "duplicate", "a/paper.txt"),
    }


def test_same_name_outputs_depend_neither_on_order_nor_on_jobs(same_name, tmp_path):
    from graph.project import build_project

    folder, out, _ = same_name
    files = sorted((p for p in folder.rglob("*.txt")), reverse=True)
    again = tmp_path / "again"
    build_project(files, again, cache=False, jobs=1)
    for name in ("extractions.jsonl", "graph.ttl"):
        assert (again / name).read_bytes() == (out / name).read_bytes(), name


def test_evaluation_still_finds_gold_by_file_name(same_name, builds, tmp_path):
    # The gold of 003 names the file 003_…txt: found in the build with colliding names
    # as in the build without them.
    gold = tmp_path / "gold"
    gold.mkdir()
    shutil.copy(GOLD / SMALL[1].replace(".txt", ".json"), gold)
    plain, _, _ = builds
    ev = evaluate(gold, same_name[1] / "extractions.jsonl").figures()
    assert ev == evaluate(gold, plain / "extractions.jsonl").figures()
    assert ev["practices"]["tp"] > 0


def _read(path: str, key: str) -> FileReport:
    return FileReport(path, text_sha256=key)


@pytest.mark.parametrize("reports,expected", [
    # No collision: the file names, whatever the folders.
    ([_read("in/a/x.txt", "k1"), _read("in/b/y.txt", "k2")], ["x.txt", "y.txt"]),
    # The same name and text: one paper, the bare name.
    ([_read("in/a/x.txt", "k1"), _read("in/b/x.txt", "k1")], ["x.txt", "x.txt"]),
    # Different texts: the paths under the folder they have in common, at any depth.
    ([_read("in/a/x.txt", "k1"), _read("in/b/c/x.txt", "k2"), _read("in/y.txt", "k3")],
     ["a/x.txt", "b/c/x.txt", "y.txt"]),
    ([_read("in/x.txt", "k1"), _read("in/b/x.txt", "k2")], ["x.txt", "b/x.txt"]),
    # Copies among colliding files get their paths too (sources stay unambiguous).
    ([_read("in/a/x.txt", "k1"), _read("in/b/x.txt", "k2"), _read("in/c/x.txt", "k1")],
     ["a/x.txt", "b/x.txt", "c/x.txt"]),
    # Unread files are not named.
    ([_read("in/a/x.txt", "k1"), FileReport("in/b/x.txt", "skipped", "empty")], ["x.txt"]),
], ids=["distinct", "copies", "depths", "top", "copy-among", "skipped"])
def test_document_names(reports, expected):
    from extract.duplicates import document_names

    for order in (reports, reports[::-1]):
        names = document_names(order)
        assert [names[r.path] for r in reports if r.path in names] == expected


def test_document_names_mix_relative_and_absolute_paths(tmp_path, monkeypatch):
    from extract.duplicates import document_names

    monkeypatch.chdir(tmp_path)
    reports = [_read("a/x.txt", "k1"), _read(str(tmp_path / "b" / "x.txt"), "k2")]
    assert sorted(document_names(reports).values()) == ["a/x.txt", "b/x.txt"]
