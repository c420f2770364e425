"""The extraction cache (issue 6) and parallel extraction: same outputs, less work."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import PAPERS

OUTPUT_FILES = ("extractions.jsonl", "graph.ttl", "report.json", "graph.html")


@pytest.fixture()
def papers(tmp_path) -> Path:
    """Two of the bundled papers in a folder of their own (the small ones: faster)."""
    folder = tmp_path / "papers"
    folder.mkdir()
    for p in sorted(PAPERS.glob("*.txt"), key=lambda p: p.stat().st_size)[:2]:
        shutil.copy(p, folder / p.name)
    return folder


def _outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUT_FILES}


def test_second_build_extracts_nothing_and_writes_the_same_bytes(papers, tmp_path):
    from graph.project import build_project

    out = tmp_path / "out"
    _, first = build_project([papers], out)
    before = _outputs(out)
    _, second = build_project([papers], out)
    assert (first.extracted, first.cached) == (2, 0)
    assert (second.extracted, second.cached) == (0, 2)
    assert _outputs(out) == before


def test_changed_file_is_the_only_one_extracted_again(papers, tmp_path):
    from graph.project import build_project

    out = tmp_path / "out"
    build_project([papers], out)
    changed = sorted(papers.iterdir())[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _, corpus = build_project([papers], out)
    assert (corpus.extracted, corpus.cached) == (1, 1)


def test_no_cache_extracts_everything_and_matches(papers, tmp_path):
    from graph.project import build_project

    cached, fresh = tmp_path / "a", tmp_path / "b"
    build_project([papers], cached)
    build_project([papers], cached)  # from the cache
    _, corpus = build_project([papers], fresh, cache=False)
    assert corpus.extracted == 2 and not (fresh / "cache").exists()
    a, b = _outputs(cached), _outputs(fresh)
    for name in ("extractions.jsonl", "graph.ttl", "graph.html"):
        assert a[name] == b[name], name


def test_other_extractor_version_misses(tmp_path, papers):
    """A changed lexicon changes the version, so no entry of the old one is used."""
    from extract.cache import ExtractionCache
    from extract.corpus import FileReport

    path = sorted(papers.iterdir())[0]
    old = ExtractionCache(tmp_path / "c", "0.1.0+lex.aaaaaaaaaaaa")
    key = old.key(path, path.read_bytes())
    old.put(key, [], FileReport(str(path)))
    assert old.get(key, path) is not None
    new = ExtractionCache(tmp_path / "c", "0.1.0+lex.bbbbbbbbbbbb")
    assert new.key(path, path.read_bytes()) != key
    assert new.get(key, path) is None  # even when handed the old key


def test_broken_cache_entry_is_a_miss(tmp_path, papers):
    from extract.cache import ExtractionCache

    path = sorted(papers.iterdir())[0]
    cache = ExtractionCache(tmp_path / "c", "v")
    key = cache.key(path, path.read_bytes())
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / f"{key}.json").write_text("{not json", encoding="utf-8")
    assert cache.get(key, path) is None and cache.misses == 1


def test_parallel_build_is_byte_identical(built, tmp_path):
    """``jobs=2`` on the bundled papers writes what the one-process build wrote."""
    from graph.project import build_project

    out = tmp_path / "par"
    _, corpus = build_project([PAPERS], out, cache=False, jobs=2)
    assert corpus.extracted == len(list(PAPERS.glob("*.txt")))
    for name in ("extractions.jsonl", "graph.ttl", "graph.html"):
        assert (out / name).read_bytes() == (built / name).read_bytes(), name


def test_fragments_made_in_worker_processes_are_those_of_one_process(built, tmp_path, monkeypatch):
    """With ``jobs=2`` the fragments are made in forked worker processes (here every
    document, one per task) and the outputs, the store and the fragment cache are those
    of the one-process build."""
    import os

    import graph.fragments as fragments
    from graph.project import build_project

    pids = tmp_path / "pids"
    pids.mkdir()
    real = fragments._make

    def recorded(cache, key, doc, *args):  # says which process made which document
        (pids / f"{os.getpid()}-{doc}").write_text("", encoding="utf-8")
        return real(cache, key, doc, *args)

    monkeypatch.setattr(fragments, "MIN_PARALLEL", 1)
    monkeypatch.setattr(fragments, "CHUNK", 1)
    monkeypatch.setattr(fragments, "_make", recorded)  # the forked workers have it too
    out = tmp_path / "par"
    build_project([PAPERS], out, jobs=2)
    made_by = {p.name.split("-", 1)[0] for p in pids.iterdir()}
    assert len(list(pids.iterdir())) == len(list(PAPERS.glob("*.txt")))  # every document, in a worker
    assert str(os.getpid()) not in made_by
    for name in ("extractions.jsonl", "graph.ttl", "graph.html"):
        assert (out / name).read_bytes() == (built / name).read_bytes(), name
    from tests.test_incremental import _store_triples

    assert _store_triples(out / "store") == _store_triples(built / "store")
    frag = {p.name: p.read_bytes() for p in (out / "cache" / "graph").glob("*.frag")}
    one = {p.name: p.read_bytes() for p in (built / "cache" / "graph").glob("*.frag")}
    assert frag
    assert frag == one


def _entries(out: Path) -> tuple[set[str], set[str]]:
    extraction = {p.name for p in (out / "cache").glob("*.json")
                  if p.name != "files.json"}  # the input files' signatures, not entries
    fragments = {p.name for p in (out / "cache" / "graph").glob("*.*")
                 if p.name not in ("state.json", "aggregate.marshal", "declared.marshal",
                                   "index.marshal", "page_parts.marshal")}  # the state, not fragments
    return extraction, fragments


def test_a_build_prunes_entries_it_did_not_use(papers, tmp_path):
    """Old contents of a file, removed files and other extractor versions leave the cache
    after the next successful build; what that build used stays."""
    from extract.cache import ExtractionCache
    from extract.corpus import FileReport
    from graph.project import build_project

    out = tmp_path / "out"
    build_project([papers], out)
    first_extraction, first_fragments = _entries(out)
    assert len(first_extraction) == 2 and len(first_fragments) == 2  # one .frag a document
    stale = ExtractionCache(out / "cache", "0.0.1+lex.000000000000")
    path = sorted(papers.iterdir())[0]
    stale.put(stale.key(path, b"old bytes"), [], FileReport(str(path)))
    (out / "cache" / "notes.txt").write_text("not an entry", encoding="utf-8")
    removed = sorted(papers.iterdir())[1]
    removed.unlink()
    build_project([papers], out)
    extraction, fragments = _entries(out)
    assert len(extraction) == 1 and extraction < first_extraction
    assert len(fragments) == 1 and fragments < first_fragments
    assert (out / "cache" / "notes.txt").exists()


def test_a_failed_build_prunes_nothing(papers, tmp_path, monkeypatch):
    import graph.project as project
    from graph.project import build_project

    out = tmp_path / "out"
    build_project([papers], out)
    before = _entries(out)
    sorted(papers.iterdir())[1].unlink()

    def fail(*args, **kwargs):
        raise RuntimeError("page failed")

    monkeypatch.setattr(project, "render_html", fail)
    with pytest.raises(RuntimeError):
        build_project([papers], out)
    assert _entries(out)[0] == before[0]


def test_a_build_that_draws_the_same_graph_keeps_the_page(papers, tmp_path, monkeypatch):
    """The page is rendered again only when what it draws changed (graph.viz.page_key) or
    the page in place is not the one recorded."""
    import graph.project as project
    from graph.project import build_project

    out = tmp_path / "out"
    build_project([papers], out)
    before = (out / "graph.html").read_bytes()

    def fail(*args, **kwargs):
        raise RuntimeError("rendered again")

    monkeypatch.setattr(project, "render_html", fail)
    build_project([papers], out)
    assert (out / "graph.html").read_bytes() == before
    (out / "graph.html").write_bytes(before.replace(b"minekg", b"edited", 1))
    with pytest.raises(RuntimeError, match="rendered again"):
        build_project([papers], out)


def test_a_file_seen_unchanged_is_not_read_again(papers, tmp_path):
    """A rebuild knows an unchanged file by its signature (device, inode, size, times)
    and does not read and hash it; a touched file is read and hashed again and found in
    the cache; a file rewritten with the same size and modification time is read again
    (its change time moved) and extracted."""
    import os
    import time

    from extract.cache import RACY_NS
    from graph.project import build_project

    # Files changed within RACY_NS of a build are not remembered by it (kernel ticks).
    time.sleep(RACY_NS / 1e9 + 0.1)
    out = tmp_path / "out"
    _, first = build_project([papers], out)
    assert first.hashed == 2
    _, second = build_project([papers], out)
    assert (second.hashed, second.extracted, second.cached) == (0, 0, 2)

    touched, rewritten = sorted(papers.iterdir())
    st = touched.stat()
    os.utime(touched, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    _, third = build_project([papers], out)
    assert (third.hashed, third.extracted, third.cached) == (1, 0, 2)

    st = rewritten.stat()
    data = rewritten.read_bytes()
    rewritten.write_bytes(data.replace("党".encode(), "團".encode(), 1))  # same size
    os.utime(rewritten, ns=(st.st_atime_ns, st.st_mtime_ns))  # and modification time
    assert rewritten.stat().st_size == st.st_size and rewritten.stat().st_mtime_ns == st.st_mtime_ns
    _, fourth = build_project([papers], out)
    assert fourth.extracted == 1 and fourth.hashed >= 1


def test_signatures_of_another_extractor_version_are_not_used(papers, tmp_path):
    import time

    from extract.cache import RACY_NS, ExtractionCache

    time.sleep(RACY_NS / 1e9 + 0.1)
    files = sorted(papers.iterdir())
    old = ExtractionCache(tmp_path / "cache", "v1")
    keys = [old.file_key(f) for f in files]
    old.save_signatures()
    again = ExtractionCache(tmp_path / "cache", "v1")
    assert [again.file_key(f) for f in files] == keys and again.hashed == 0
    other = ExtractionCache(tmp_path / "cache", "v2")
    assert [other.file_key(f) for f in files] != keys and other.hashed == 2


def test_one_changed_paper_is_extracted_by_a_worker(papers, tmp_path):
    """With two jobs, a rebuild that extracts one paper builds the pipeline in a worker
    process (started when the build meets the paper, while this process goes on with
    the cache), not in the build's own process: that process never loads jieba's
    dictionary. A fresh interpreter, so that no other test has loaded it."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    out = tmp_path / "out"
    script = "\n".join([
        "from pathlib import Path",
        "import extract.articles as articles",
        "from graph.project import build_project",
        f"papers, out = Path({str(papers)!r}), Path({str(out)!r})",
        "build_project([papers], out, jobs=2)",
        "paper = sorted(papers.iterdir())[0]",
        "paper.write_text(paper.read_text(encoding='utf-8') + '\\n本文为修订稿。\\n', encoding='utf-8')",
        "_, corpus = build_project([papers], out, jobs=2)",
        "print(corpus.extracted, corpus.cached, articles._JIEBA is None)",
    ])
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["1", "1", "True"]


def test_a_rebuild_takes_the_unchanged_entries_from_the_index(papers, tmp_path):
    """A build indexes the first line of every entry it keeps (extract/cache.py, INDEX):
    the next build takes the records from the index, not from the entries — shown by
    entries whose first line is blanked at the same size, which are taken all the same
    and give the same outputs — but not an entry whose size changed since, nor any
    once the index is gone."""
    from extract.cache import INDEX
    from graph.project import build_project

    out = tmp_path / "out"
    build_project([papers], out)
    before = _outputs(out)
    assert (out / "cache" / INDEX).exists()
    entries = sorted((out / "cache").glob("*.json"))
    entries = [p for p in entries if len(p.stem) == 64]
    assert len(entries) == 2
    for p in entries:
        data = p.read_bytes()
        end = data.index(b"\n")
        p.write_bytes(b" " * end + data[end:])  # the size stays: only the index can say what it held
    _, again = build_project([papers], out)
    assert (again.extracted, again.cached) == (0, 2)
    assert _outputs(out) == before
    with open(entries[0], "ab") as fh:
        fh.write(b"\n")  # another size: not taken from the index, and unreadable itself
    _, third = build_project([papers], out)
    assert (third.extracted, third.cached) == (1, 1)
    assert _outputs(out) == before
    (out / "cache" / INDEX).unlink()
    for p in (out / "cache").glob("*.json"):
        if p.name != entries[1].name:
            continue
        data = p.read_bytes()
        end = data.index(b"\n")
        p.write_bytes(b" " * end + data[end:])
    _, fourth = build_project([papers], out)
    assert (fourth.extracted, fourth.cached) == (1, 1)
    assert _outputs(out) == before


@pytest.mark.parametrize("junk", [b"", b"\xff" * 64, b"minekg-index-1\n" + b"\xff" * 8 + b"x"])
def test_an_index_that_cannot_be_read_is_written_again(papers, tmp_path, junk):
    """An index of another layout, cut short or garbled is no error: the entries are read
    themselves, and the build writes the index again."""
    from extract.cache import INDEX
    from graph.project import build_project

    out = tmp_path / "out"
    build_project([papers], out)
    before = _outputs(out)
    index = out / "cache" / INDEX
    index.write_bytes(junk)
    _, again = build_project([papers], out)
    assert (again.extracted, again.cached) == (0, 2)
    assert _outputs(out) == before
    assert index.read_bytes().startswith(b"minekg-index-1\n")


def test_a_rebuild_with_nothing_to_extract_does_not_import_spacy(papers, tmp_path):
    """The build's process reads the cache, the version and the records without spaCy
    (extract/version.py, extract/records.py): only what extracts a paper imports it (a
    second of a rebuild's start)."""
    import subprocess
    import sys

    out = tmp_path / "out"
    code = ("import sys\nfrom graph.project import build_project\n"
            f"_, corpus = build_project([{str(papers)!r}], {str(out)!r}, jobs=2)\n"
            "print(corpus.extracted, 'spacy' in sys.modules)\n")
    root = Path(__file__).resolve().parent.parent
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True)
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True)
    assert first.stdout.split()[0] != "0"
    assert again.stdout.split() == ["0", "False"]
