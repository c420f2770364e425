"""What a corpus's file format costs: reading PDF, DOCX and HTML next to plain text, and a
build of the papers as PDFs next to a build of the same papers as text, in one run.

Users export their papers as PDFs more often than as text; :mod:`benchmarks.bench` builds a
text corpus. This script takes a text corpus (``scale_corpus.py``'s), writes its papers as
PDF, DOCX and HTML once (:func:`benchmarks.paper_files.convert_corpus`, kept in ``--work``)
and measures, on the same machine in one run:

* reading alone (:func:`extract.ingest.read_document`, one process, CPU seconds, best of
  ``--rounds``) of each format, next to jieba alone segmenting the same text: how many times
  jieba's cost the reading adds, and its share of the CPU issue 6's target allows a whole
  build (twice jieba's); with ``--against ROOT`` the reading of another checkout, in turns;
* a build from nothing of the text corpus and of the PDF corpus (``--jobs``), jieba alone
  right before and after each, the build's ratio per core (issue 6: at least 0.5) and what
  each extracted; then the PDF corpus built again after one of its papers changed;
* the gold's figures (``minekg evaluate data/gold``) when the five bundled papers come as
  PDF, DOCX or HTML instead of text: what a format costs in quality.

It prints the tables and writes ``benchmarks/results/formats.json`` (``--results``).
``--no-reading`` leaves reading alone out, for a corpus too large to read in one process
in reasonable time (10,000 PDFs: about 13 minutes of one core).

Example:
    PYTHONPATH=. python benchmarks/formats.py /tmp/papers-1000 --work /tmp/formats --jobs 2
    PYTHONPATH=. python benchmarks/formats.py /tmp/papers-1000 --work /tmp/formats --against ../main --rounds 3
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench import (REVISION_LINE, build, build_beside_jieba, corpus_chars,  # noqa: E402
                             jieba_alone_cpu, middle, run_child, save)
from benchmarks.paper_files import (FORMATS, convert_corpus, read_record, require_cjk_font,  # noqa: E402
                                    subset_font, write_paper, write_record)
from graph.atomic import write_chunks  # noqa: E402

#: Run by :func:`read_run` in a fresh process with ``PYTHONPATH`` set to the checkout
#: measured: every file of a folder read as a build reads it, the readers' imports
#: (pdfminer, python-docx, trafilatura) done before the clock starts.
_READ_CHILD = """
import json, sys, time
from pathlib import Path
from extract.ingest import SUPPORTED_SUFFIXES, read_document
files = sorted(p for p in Path(sys.argv[1]).iterdir() if p.is_file() and p.suffix in SUPPORTED_SUFFIXES)
read_document(files[0])
t, c = time.perf_counter(), time.process_time()
chars = sum(len(read_document(p).text) for p in files)
print(json.dumps({"wall": time.perf_counter() - t, "cpu": time.process_time() - c,
                  "files": len(files), "chars": chars}))
"""


def read_run(root: Path, folder: Path) -> dict:
    """Reading alone of every paper in ``folder`` by the checkout at ``root``, in a fresh
    process (:data:`_READ_CHILD`).

    Returns:
        ``{"wall": s, "cpu": s, "files": n, "chars": n}``: seconds of reading, the files read
        and the characters of their text.

    Raises:
        RuntimeError: ``root`` is not a checkout, or the reading failed (:func:`benchmarks.bench.run_child`).
    """
    return run_child(_READ_CHILD, [folder], root, f"reading {folder} by {root}")


def reading(folders: dict[str, Path], texts: list[str], roots: dict[str, Path], rounds: int) -> dict:
    """Each format's reading alone by each checkout, and jieba alone on the text, in turns
    ``rounds`` times (the checkouts' order reversed every other round); the best (least
    CPU) of each is kept.

    Returns:
        ``{"jieba_cpu": s, "jieba_runs": [...], "formats": {fmt: {checkout: {"cpu", "wall",
        "chars", "files", "runs", "chars_per_cpu_s", "over_jieba", "share_of_target"}}}}``:
        ``over_jieba`` is the reading's CPU over jieba's on the same papers, ``share_of_target``
        over twice jieba's (all a build may spend per core under issue 6's target).
    """
    runs: dict[str, dict[str, list[dict]]] = {f: {c: [] for c in roots} for f in folders}
    jieba_runs = []
    for k in range(rounds):
        for fmt, folder in folders.items():
            # in turns, the other checkout first every other round: the machine's speed
            # drifts within a round, and the one always read first would gain by it
            for name, root in (list(roots.items()) if k % 2 == 0 else list(roots.items())[::-1]):
                runs[fmt][name].append(read_run(root, folder))
                print(f"  round {k + 1}: {fmt} read by {name}: {runs[fmt][name][-1]['cpu']:.1f} s CPU",
                      file=sys.stderr)
        jieba_runs.append(jieba_alone_cpu(texts)[1])
    jieba = min(jieba_runs)
    out: dict = {"jieba_cpu": jieba, "jieba_runs": jieba_runs, "formats": {}}
    for fmt in folders:
        out["formats"][fmt] = {}
        for name, root in roots.items():
            best = min(runs[fmt][name], key=lambda r: r["cpu"])
            out["formats"][fmt][name] = {
                "root": str(root), "cpu": best["cpu"], "wall": best["wall"], "chars": best["chars"],
                "files": best["files"], "runs": runs[fmt][name],
                "chars_per_cpu_s": best["chars"] / best["cpu"],
                "over_jieba": best["cpu"] / jieba, "share_of_target": best["cpu"] / (2 * jieba)}
    return out


def builds(folders: dict[str, Path], texts: list[str], work: Path, jobs: int) -> dict:
    """A build from nothing of each corpus in ``folders`` (into ``work/build-FMT``) beside
    jieba alone on ``texts``, the papers' text (:func:`benchmarks.bench.build_beside_jieba`).

    Returns:
        ``{fmt: measures}``: :func:`~benchmarks.bench.build_beside_jieba`'s, and
        ``cpu_all_seconds``, the CPU of the build's process and its children.

    Raises:
        RuntimeError: a build failed.
    """
    out = {}
    for fmt, folder in folders.items():
        b = build_beside_jieba(folder, work / f"build-{fmt}", jobs, texts)
        out[fmt] = {**b, "cpu_all_seconds": b["cpu_seconds"] + b["cpu_children_seconds"]}
        print(f"  built the {fmt} corpus in {b['seconds']:.1f} s", file=sys.stderr)
    return out


def rebuild_one(papers: Path, folder: Path, out: Path, jobs: int) -> dict:
    """The build of ``folder`` (a converted corpus) into ``out`` (built before) again after
    one of its papers changed, as issue 6's one-changed-paper rebuild: the
    :func:`~benchmarks.bench.middle` one, written again from its source in ``papers`` as
    :func:`~benchmarks.paper_files.convert_corpus` wrote it, with
    :data:`~benchmarks.bench.REVISION_LINE` added (a PDF with a font of its own characters).

    The changed file's bytes are put back afterwards (``out`` then describes the changed
    corpus). Its entry in the folder's record is dropped meanwhile: a run killed before
    the bytes are back leaves a file that the next conversion writes again.

    Returns:
        :func:`benchmarks.bench.build`'s measures (wall and CPU seconds) and ``changed``,
        the file's name.

    Raises:
        ValueError: ``folder`` holds no converted paper.
        extract.errors.IngestError: the paper's source in ``papers`` cannot be read.
        RuntimeError: the build failed, or no CJK font is installed for a PDF.
    """
    from extract.ingest import read_document

    target = middle([p for p in folder.iterdir() if p.suffix.lstrip(".") in FORMATS])
    fmt = target.suffix.lstrip(".")
    text = read_document(papers / f"{target.stem}.txt").text + f"\n{REVISION_LINE}"
    kept = target.read_bytes()
    record = read_record(folder)
    sign = record.pop(target.name, None)
    write_record(folder, record)
    try:
        with tempfile.TemporaryDirectory(prefix="minekg-font-") as tmp:
            font = None
            if fmt == "pdf":
                font = subset_font(require_cjk_font(), text, Path(tmp) / "cjk-subset.ttf")
            write_paper(fmt, text, target, font)
        return {"changed": target.name, **build(folder, out, jobs)}
    finally:
        write_chunks(target, [kept], sync=False)
        if sign is not None:
            write_record(folder, {**read_record(folder), target.name: sign})


def quality(work: Path) -> dict:
    """``minekg evaluate data/gold`` when the five bundled papers come in each format.

    The papers are written as each of :data:`~benchmarks.paper_files.FORMATS` (as the
    corpus is: :func:`~benchmarks.paper_files.convert_corpus`), extracted in one process,
    and each record's ``doc`` and ``sources`` renamed to the ``.txt`` names the gold uses.

    Args:
        work: a folder for the converted papers and the extractions (made if missing).

    Returns:
        ``{fmt: {unit: {"precision", "recall", "f1", ...}}}`` for ``txt`` and each format.

    Raises:
        extract.errors.GoldError: ``data/gold`` breaks the schema.
    """
    from extract.corpus import extract_corpus
    from extract.evaluate import evaluate
    from extract.pipeline import create_nlp

    bundled = ROOT / "data" / "papers"
    nlp = create_nlp()
    work.mkdir(parents=True, exist_ok=True)
    out = {}
    for fmt in ("txt", *FORMATS):
        folder = bundled if fmt == "txt" else work / f"bundled-{fmt}"
        if fmt != "txt":
            convert_corpus(bundled, folder, fmt)
        corpus = extract_corpus([folder], nlp=nlp)
        lines = []
        for stored in corpus.stored:
            record = json.loads(stored.line())
            record["doc"], record["source"] = _as_txt(record["doc"]), _as_txt(record.get("source", ""))
            record["sources"] = [_as_txt(s) for s in record.get("sources", [])]
            lines.append(json.dumps(record, ensure_ascii=False))
        jsonl = work / f"bundled-{fmt}.jsonl"
        jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out[fmt] = evaluate(ROOT / "data" / "gold", jsonl).figures()
    return out


def _as_txt(name: str) -> str:
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.txt" if dot and suffix in FORMATS else name


def print_results(r: dict) -> None:
    """Print :func:`main`'s results: reading, builds and the gold's figures, as tables."""
    if r["reading"]:
        print_reading(r)
    if r["builds"]:
        print_builds(r)
    one = r.get("rebuild_one_pdf")
    if one:
        print(f"one PDF of {r['files']:,} changed ({one['changed']}), built again: {one['seconds']:.1f} s "
              f"({one['extracted']} extracted, {one['cached']:,} from the cache), "
              f"{one['startup_seconds']:.1f} s of imports before it")
    print("the gold's figures (F1) when the bundled papers come in each format:")
    units = list(next(iter(r["quality"].values())))
    print("  " + f"{'format':<6}" + "".join(f"{u:>18}" for u in units))
    for fmt, figures in r["quality"].items():
        print("  " + f"{fmt:<6}" + "".join(f"{figures[u]['f1']:>18.3f}" for u in units))


def print_reading(r: dict) -> None:
    """Print the table of reading alone of :func:`main`'s results."""
    read = r["reading"]
    print(f"reading alone of {r['papers']} ({r['files']} papers, {r['chars']:,} chars as text), one "
          f"process, best of {r['rounds']}; jieba alone on the text {read['jieba_cpu']:.1f} s CPU")
    print(f"  {'format':<6} {'checkout':<34} {'cpu s':>7} {'chars/cpu s':>12} {'x jieba':>8} {'of target':>10}")
    for fmt, by in read["formats"].items():
        for name, c in by.items():
            print(f"  {fmt:<6} {name + ' ' + c['root']:<34} {c['cpu']:>7.1f} {c['chars_per_cpu_s']:>12,.0f} "
                  f"{c['over_jieba']:>8.2f} {c['share_of_target']:>10.2f}")


def print_builds(r: dict) -> None:
    """Print the table of builds of :func:`main`'s results."""
    print(f"builds from nothing, --jobs {r['jobs']}:")
    print(f"  {'corpus':<6} {'build s':>8} {'cpu s':>7} {'/core':>6} {'RSS MB':>7} {'articles':>9} "
          f"{'links':>7} {'triples':>10}")
    for fmt, b in r["builds"].items():
        print(f"  {fmt:<6} {b['seconds']:>8.1f} {b['cpu_all_seconds']:>7.1f} {b['per_core_vs_jieba']:>6.2f} "
              f"{b['max_rss_mb']:>7.0f} {b['articles']:>9,} {b['links']:>7,} {b['triples']:>10,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("papers", help="a folder of .txt papers (benchmarks/scale_corpus.py's)")
    parser.add_argument("--work", default=None,
                        help="folder for the converted corpora (kept: a PDF takes about 0.25 s to write) and builds")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="build processes, and processes writing the converted papers")
    parser.add_argument("--against", metavar="ROOT", default=None,
                        help="also the reading of the checkout at ROOT, in turns with this one")
    parser.add_argument("--rounds", type=int, default=1, help="reading runs of each (best kept)")
    parser.add_argument("--no-builds", action="store_true", help="reading and quality only")
    parser.add_argument("--no-reading", action="store_true",
                        help="builds and quality only: no DOCX or HTML corpus is written (for a large "
                             "corpus: reading 10,000 PDFs alone takes about 13 minutes of one core, "
                             "from session 18's 77 CPU s per 1,000)")
    parser.add_argument("--results", default="formats.json", metavar="NAME",
                        help="the results' file name in benchmarks/results/ (default: formats.json)")
    args = parser.parse_args()
    if args.no_reading and args.no_builds:
        parser.error("--no-reading and --no-builds leave nothing but the gold's figures: drop one")
    if args.no_reading and (args.against or args.rounds != 1):
        parser.error("--against and --rounds are of the reading alone, which --no-reading leaves out")
    if Path(args.results).name != args.results or not args.results.endswith(".json"):
        parser.error(f"--results {args.results}: a file name ending in .json, written in benchmarks/results/")
    roots = {"this": ROOT} | ({"against": Path(args.against).resolve()} if args.against else {})
    if not all((root / "extract" / "__init__.py").is_file() for root in roots.values()):
        parser.error(f"--against {args.against}: not a minekg checkout (no extract/__init__.py)")
    papers = Path(args.papers).resolve()
    work = Path(args.work or tempfile.mkdtemp(prefix="minekg-formats-")).resolve()
    chars, texts = corpus_chars(papers)
    if not texts:
        parser.error(f"no .txt paper in {papers}: write a corpus with benchmarks/scale_corpus.py")
    folders = {"txt": papers}
    for fmt in (("pdf",) if args.no_reading else FORMATS):
        folders[fmt] = work / f"{fmt}-{papers.name}"
        convert_corpus(papers, folders[fmt], fmt, args.jobs, progress=True)
    results: dict = {"papers": str(papers), "files": len(texts), "chars": chars, "jobs": args.jobs,
                     "rounds": args.rounds, "machine": {"cpus": os.cpu_count()}}
    results["reading"] = {} if args.no_reading else reading(folders, texts, roots, args.rounds)
    save(results, args.results)
    results["builds"] = {} if args.no_builds else builds(
        {"txt": folders["txt"], "pdf": folders["pdf"]}, texts, work, args.jobs)
    save(results, args.results)
    if not args.no_builds:
        results["rebuild_one_pdf"] = rebuild_one(papers, folders["pdf"], work / "build-pdf", args.jobs)
        save(results, args.results)
    results["quality"] = quality(work)
    save(results, args.results)
    print_results(results)


if __name__ == "__main__":
    main()
