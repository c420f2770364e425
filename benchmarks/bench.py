"""Build and query benchmarks of minekg at 100 and 1,000 papers (10,000 with ``--full``).

One run measures, on synthetic corpora from :mod:`benchmarks.scale_corpus`:

* build time, characters/second and peak memory (max RSS of the build process and of
  its extraction workers) of a fresh ``build_project`` at each size;
* jieba segmenting the same text alone, single process, right before and right after the
  build, and the ratio to the build against their mean (and against each);
  with ``--extraction``, also the segmenter the pipeline uses (jieba-rs, :mod:`extract.segment`)
  alone on the same text, the floor an extraction that only segmented would reach;
* ``mechanisms`` and every named query (defaults bound) on the largest graph in the
  embedded Oxigraph store, and on the 100-paper graph in both Oxigraph and rdflib's
  memory store (the ratio); on the largest graph also each query that takes parameters
  with those under which it lists the most (:func:`query_cases`: every row, the
  organisations' name with the most outcomes), as ``minekg query … --format csv`` writes it;
* an incremental rebuild of the largest corpus after one paper changed (cache on), with
  the seconds of each stage (``build_project(timings=...)``) and the CPU seconds.

With ``--extraction PAPERS`` it measures extraction alone (ingest, articles, the spaCy
pipeline, records and their JSON lines; one process, no cache, no graph) next to jieba
alone on the same files, by CPU seconds so that other work on a shared machine counts
less, and with ``--against ROOT`` the extraction of another checkout (a worktree of main:
a before/after) in turns with this one; it prints the table and writes
``benchmarks/results/extraction.json``.

With ``--budget PAPERS`` it measures where the CPU of one build goes against issue 6's
target (build throughput per core at least half of jieba alone's, i.e. a build's CPU at most
twice jieba's): jieba alone, the whole build, extraction alone and the store's bulk load
alone, in CPU seconds; it writes ``benchmarks/results/budget.json``.

Prints a table and writes ``benchmarks/results/latest.json``. With ``--queries-only
BUILD_DIR`` it only times the named queries on the store of an existing build (and, with
``--rdflib``, on its ``graph.ttl`` in rdflib's memory store), and listing the most they can
(:func:`query_cases`; not with ``--query-dir``), prints them and writes
``benchmarks/results/queries.json``; ``--query-dir`` times another folder of ``.rq``
files on the same store (the queries of another branch: a before/after).

Example:
    PYTHONPATH=. python benchmarks/bench.py            # 100 and 1,000 papers
    PYTHONPATH=. python benchmarks/bench.py --full     # and 10,000
    PYTHONPATH=. python benchmarks/bench.py --queries-only build
    PYTHONPATH=. python benchmarks/bench.py --rebuild PAPERS OUT   # one build into an existing OUT, by stage
    PYTHONPATH=. python benchmarks/bench.py --rebuild PAPERS OUT --against-rebuild ../main OUT2 --rounds 3
    PYTHONPATH=. python benchmarks/bench.py --extraction PAPERS --against ../main --rounds 2
    PYTHONPATH=. python benchmarks/bench.py --budget PAPERS --work /tmp/budget
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scale_corpus import write_corpus  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
T = TypeVar("T")


#: One build in a fresh process (:func:`build`), of the checkout on ``PYTHONPATH``: the same
#: measures for this checkout and another (``--against-rebuild``). Arguments: papers, out, jobs.
_BUILD_CHILD = """
import json, resource, sys, time
t0 = time.perf_counter()
from graph.project import build_project
t = time.perf_counter()
timings = {}
summary, corpus = build_project([sys.argv[1]], sys.argv[2], jobs=int(sys.argv[3]), timings=timings)
seconds = time.perf_counter() - t
usage, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "seconds": seconds, "extracted": corpus.extracted, "cached": corpus.cached,
    # the import of the build's modules before it (spaCy among them), wall seconds
    "startup_seconds": t - t0,
    # wall seconds per stage; cpu: user + system seconds of this process (not of workers)
    "stages": timings, "cpu_seconds": usage.ru_utime + usage.ru_stime,
    # user + system seconds of its child processes (extraction workers, the projection)
    "cpu_children_seconds": children.ru_utime + children.ru_stime,
    "articles": summary.articles, "triples": summary.triples,
    "organisations": summary.organisations, "links": summary.links,
    # ru_maxrss is in KiB on Linux; children: the largest extraction worker.
    "max_rss_mb": usage.ru_maxrss / 1024, "max_rss_worker_mb": children.ru_maxrss / 1024,
}))
"""


def run_child(code: str, args: list[str | Path], root: Path, what: str) -> dict:
    """Run ``code`` in a fresh Python process with the checkout at ``root`` on its
    ``PYTHONPATH`` (and as its working folder), ``args`` as its ``sys.argv[1:]``; return the
    JSON object it prints last.

    Raises:
        RuntimeError: ``root`` holds no ``extract`` package, or the process failed; the
            message names ``what`` (and ends with the process's stderr).
    """
    if not (Path(root) / "extract" / "__init__.py").is_file():
        # the child would import the installed minekg instead and pass it off as this one
        raise RuntimeError(f"{what}: {root} is not a minekg checkout (no extract/__init__.py)")
    env = dict(os.environ, PYTHONPATH=str(root))
    proc = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True,
                          text=True, env=env, cwd=root)
    if proc.returncode:
        raise RuntimeError(f"{what} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def build(papers: Path, out: Path, jobs: int, root: Path = ROOT) -> dict:
    """One build in a fresh Python process (:data:`_BUILD_CHILD`), of the checkout at
    ``root``; returns its measures."""
    return run_child(_BUILD_CHILD, [papers, out, jobs], root, f"build of {papers}")


def build_beside_jieba(papers: Path, out: Path, jobs: int, texts: list[str]) -> dict:
    """A build from nothing of ``papers`` into ``out`` (removed first: a folder used before
    holds the last run's caches) with ``jobs`` processes, and jieba alone on ``texts`` (the
    papers' text) right before and right after it, wall seconds.

    Returns:
        :func:`build`'s measures and ``chars``, ``chars_per_s``, ``jieba_seconds`` (the mean
        of before and after), ``jieba_chars_per_s``, ``jieba_seconds_before`` / ``_after``,
        ``build_vs_jieba`` (jieba's chars/s over the build's), ``per_core_vs_jieba`` (the
        build's chars/s per job over jieba's: issue 6's target is at least 0.5) and
        ``per_core_vs_jieba_range`` (that ratio against the run before and the one after).
    """
    chars = sum(map(len, texts))
    # jieba alone right before and right after the build, the ratio against their mean:
    # the machine's speed moves by a third within one run (session 12: jieba alone at
    # 343,000 chars/s after the 1k build, 453,000 after the 10k), so one jieba run on
    # one side of the build decided the ratio.
    jb_before = jieba_alone(texts)
    shutil.rmtree(out, ignore_errors=True)
    b = build(papers, out, jobs)
    jb_after = jieba_alone(texts)
    jb = (jb_before + jb_after) / 2
    per_core = [(chars / b["seconds"] / jobs) / (chars / t) for t in (jb_before, jb_after)]
    return {"chars": chars, **b, "chars_per_s": chars / b["seconds"],
            "jieba_seconds": jb, "jieba_chars_per_s": chars / jb,
            "jieba_seconds_before": jb_before, "jieba_seconds_after": jb_after,
            "build_vs_jieba": (chars / jb) / (chars / b["seconds"]),
            "per_core_vs_jieba": (chars / b["seconds"] / jobs) / (chars / jb),
            "per_core_vs_jieba_range": [min(per_core), max(per_core)]}


def corpus_chars(papers: Path) -> tuple[int, list[str]]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(papers.glob("*.txt"))]
    return sum(map(len, texts)), texts


def jieba_alone(texts: list[str]) -> float:
    """Seconds for jieba (a private tokenizer, HMM off, as the pipeline uses it) to
    segment ``texts`` in one process, dictionary loading excluded."""
    import logging

    import jieba

    jieba.setLogLevel(logging.ERROR)
    tok = jieba.Tokenizer()
    tok.initialize()
    t = time.perf_counter()
    for text in texts:
        for _ in tok.cut(text, HMM=False):
            pass
    return time.perf_counter() - t


#: Run by :func:`extraction_run` in a fresh process with ``PYTHONPATH`` set to the checkout
#: measured: only what every version of the extractor has (``create_nlp``,
#: ``extract_corpus``), so an older checkout runs it too.
_EXTRACT_CHILD = """
import gc, json, sys, time
from extract.corpus import extract_corpus
from extract.pipeline import create_nlp
t0, c0 = time.perf_counter(), time.process_time()
nlp = create_nlp()
startup = (time.perf_counter() - t0, time.process_time() - c0)
gc.set_threshold(100_000, 50, 100)  # as build_project extracts
t, c = time.perf_counter(), time.process_time()
corpus = extract_corpus([sys.argv[1]], nlp=nlp)
lines = sum(len(s.line()) + 1 for s in corpus.stored)
print(json.dumps({"wall": time.perf_counter() - t, "cpu": time.process_time() - c,
                  "startup_wall": startup[0], "startup_cpu": startup[1],
                  "records": len(corpus.stored), "jsonl_bytes": lines}))
"""


def extraction_run(root: Path, papers: Path) -> dict:
    """Extraction alone of ``papers`` by the checkout at ``root``, in a fresh process:
    its wall and CPU seconds (pipeline built before the clock starts; ``startup_*``:
    building it), records, bytes of ``extractions.jsonl``."""
    return run_child(_EXTRACT_CHILD, [papers], root, f"extraction by {root}")


def jieba_alone_cpu(texts: list[str]) -> tuple[float, float]:
    """:func:`jieba_alone` as ``(wall, cpu)`` seconds, dictionary loading excluded."""
    import logging

    import jieba

    jieba.setLogLevel(logging.ERROR)
    tok = jieba.Tokenizer()
    tok.initialize()
    t, c = time.perf_counter(), time.process_time()
    for text in texts:
        for _ in tok.cut(text, HMM=False):
            pass
    return time.perf_counter() - t, time.process_time() - c


def segmenter_alone_cpu(texts: list[str]) -> tuple[float, float]:
    """``(wall, cpu)`` seconds for the segmenter the pipeline uses (:class:`extract.segment.Segmenter`,
    jieba-rs) over jieba's dictionary, as :func:`jieba_alone_cpu` cuts with jieba's: the same
    words, dictionary loading excluded."""
    import logging

    import jieba

    from extract.segment import Segmenter

    jieba.setLogLevel(logging.ERROR)
    tok = jieba.Tokenizer()
    tok.initialize()
    seg = Segmenter(tok)
    t, c = time.perf_counter(), time.process_time()
    for text in texts:
        seg.cut(text)
    return time.perf_counter() - t, time.process_time() - c


def extraction_only(papers: Path, against: Path | None = None, rounds: int = 1) -> dict:
    """Extraction alone of ``papers`` (this checkout, and ``against`` when given), jieba
    alone and the pipeline's segmenter alone, in turns ``rounds`` times; the best of each is
    kept (the least disturbed by other work on the machine). ``per_core_cpu``: extraction
    chars per CPU second over jieba-alone chars per CPU second (issue 6: at least 0.5 for
    the whole build); ``per_core_wall`` the same by wall seconds; ``per_segmenter_cpu``:
    over the chars per CPU second of the segmenter alone (jieba-rs: 1.0 would be an
    extraction that does nothing but cut words). ``startup_cpu``: building the pipeline,
    not in ``cpu``."""
    chars, texts = corpus_chars(papers)
    roots = {"this": ROOT} | ({"against": against.resolve()} if against else {})
    runs: dict[str, list[dict]] = {name: [] for name in roots}
    jieba_runs, segmenter_runs = [], []
    for _ in range(rounds):
        for name, root in roots.items():
            runs[name].append(extraction_run(root, papers))
            print(f"  {name}: {runs[name][-1]}", file=sys.stderr)
        jieba_runs.append(jieba_alone_cpu(texts))
        segmenter_runs.append(segmenter_alone_cpu(texts))
    jieba_wall, jieba_cpu = min(w for w, _ in jieba_runs), min(c for _, c in jieba_runs)
    seg_wall, seg_cpu = min(w for w, _ in segmenter_runs), min(c for _, c in segmenter_runs)
    out = {"papers": str(papers), "files": len(texts), "chars": chars, "rounds": rounds,
           "jieba_wall": jieba_wall, "jieba_cpu": jieba_cpu, "jieba_runs": jieba_runs,
           "segmenter_wall": seg_wall, "segmenter_cpu": seg_cpu, "segmenter_runs": segmenter_runs,
           "checkouts": {}}
    for name, root in roots.items():
        best_cpu, best_wall = min(r["cpu"] for r in runs[name]), min(r["wall"] for r in runs[name])
        out["checkouts"][name] = {
            "root": str(root), "runs": runs[name], "cpu": best_cpu, "wall": best_wall,
            "startup_cpu": min(r["startup_cpu"] for r in runs[name]),
            "chars_per_cpu_s": chars / best_cpu, "per_core_cpu": jieba_cpu / best_cpu,
            "per_core_wall": jieba_wall / best_wall, "per_segmenter_cpu": seg_cpu / best_cpu}
    return out


def print_extraction(r: dict) -> None:
    print(f"extraction alone of {r['papers']} ({r['files']} files, {r['chars']:,} chars), one process, "
          f"no cache; best of {r['rounds']}")
    print(f"  jieba alone (Python, HMM off)        {r['jieba_cpu']:>7.1f} s CPU "
          f"{r['chars'] / r['jieba_cpu']:>12,.0f} chars/s")
    print(f"  segmenter alone (extract.segment)    {r['segmenter_cpu']:>7.1f} s CPU "
          f"{r['chars'] / r['segmenter_cpu']:>12,.0f} chars/s  ({r['jieba_cpu'] / r['segmenter_cpu']:.1f}x jieba)")
    print(f"  {'checkout':<40} {'cpu s':>7} {'wall s':>7} {'start s':>7} {'chars/cpu s':>12} {'/core cpu':>10} "
          f"{'/core wall':>10} {'/segmenter':>10}")
    for name, c in r["checkouts"].items():
        print(f"  {name + ' ' + c['root']:<40} {c['cpu']:>7.1f} {c['wall']:>7.1f} {c['startup_cpu']:>7.1f} "
              f"{c['chars_per_cpu_s']:>12,.0f} {c['per_core_cpu']:>10.2f} {c['per_core_wall']:>10.2f} "
              f"{c['per_segmenter_cpu']:>10.2f}")


#: Run by :func:`store_load_run` in a fresh process: ``graph.ttl`` (argv 1) bulk-loaded into a
#: new store (argv 2) as the build loads it — Turtle parts of about 8 MB, each with the
#: prefixes, lenient, then compacted (:func:`graph.store.write_store_parts`) — and the CPU
#: seconds of the process, RocksDB's own threads included.
_STORE_CHILD = """
import json, sys, time
from graph.store import write_store_parts
data = open(sys.argv[1], "rb").read()
# the prefixes: every line up to the first that is not an @prefix line
lines = data.split(b"\\n")
k = 0
while k < len(lines) and (lines[k].startswith(b"@prefix") or not lines[k].strip()):
    k += 1
head, body = b"\\n".join(lines[:k]) + b"\\n", b"\\n".join(lines[k:])
def parts(size=8 << 20):
    i = 0
    while i < len(body):
        j = body.find(b"\\n\\n", i + size)  # a subject's block ends at a blank line
        j = len(body) if j < 0 else j + 2
        yield head + body[i:j]
        i = j
t, c = time.perf_counter(), time.process_time()
write_store_parts(parts(), sys.argv[2], lenient=True)
print(json.dumps({"wall": time.perf_counter() - t, "cpu": time.process_time() - c}))
"""


def store_load_run(ttl: Path, store_dir: Path, root: Path = ROOT) -> dict:
    """Wall and CPU seconds of loading ``ttl`` into a new store at ``store_dir`` (removed
    first) as a build does (:data:`_STORE_CHILD`), in a fresh process."""
    shutil.rmtree(store_dir, ignore_errors=True)
    try:
        return run_child(_STORE_CHILD, [ttl, store_dir], root, f"store load of {ttl}")
    finally:
        shutil.rmtree(store_dir, ignore_errors=True)


def budget(papers: Path, work: Path, jobs: int) -> dict:
    """Where the CPU of a build of ``papers`` goes against what issue 6's target allows, in
    one run, CPU seconds (user + system, all processes): jieba alone (right before and
    right after, their mean: ``jieba_cpu``), a whole build from nothing with ``jobs``
    processes (``build_cpu``; into ``work/build``), extraction alone in one process
    (``extraction_cpu``: ingest, articles, the spaCy pipeline, records) and the store's
    bulk load and compaction of that build's ``graph.ttl`` alone (``store_cpu``: Oxigraph's
    Rust and RocksDB).

    Build throughput per core is half of jieba alone's when the build's CPU is twice
    jieba's (``allowed_cpu``, on a machine whose cores are all the build's); ``rest_cpu``
    is what the build spends beyond extraction, the store's load and the building of each
    worker's pipeline (``pipelines_cpu``): the fragments, the shapes, the projection and
    page, the commit, the import of the modules."""
    chars, texts = corpus_chars(papers)
    before = jieba_alone_cpu(texts)[1]
    b = build(papers, work / "build", jobs)
    after = jieba_alone_cpu(texts)[1]
    e = extraction_run(ROOT, papers)
    s = store_load_run(work / "build" / "graph.ttl", work / "store-alone")
    jieba_cpu = (before + after) / 2
    build_cpu = b["cpu_seconds"] + b["cpu_children_seconds"]
    return {"papers": str(papers), "files": len(texts), "chars": chars, "jobs": jobs,
            "triples": b["triples"], "jieba_cpu": jieba_cpu, "jieba_cpu_before_after": [before, after],
            "build_cpu": build_cpu, "build_seconds": b["seconds"], "extraction_cpu": e["cpu"],
            "extraction_startup_cpu": e["startup_cpu"], "store_cpu": s["cpu"],
            # every extraction worker builds the pipeline once (a one-process extraction: once)
            "pipelines_cpu": e["startup_cpu"] * min(jobs, len(texts)),
            "rest_cpu": build_cpu - e["cpu"] - s["cpu"] - e["startup_cpu"] * min(jobs, len(texts)),
            "allowed_cpu": 2 * jieba_cpu,
            "per_core_cpu": jieba_cpu / build_cpu}


def print_budget(r: dict) -> None:
    c = r["chars"]
    print(f"CPU of a build of {r['papers']} ({r['files']} files, {c:,} chars, {r['triples']:,} triples, "
          f"--jobs {r['jobs']}) against issue 6's target, CPU seconds of all processes")
    rows = [("jieba alone (mean of before and after)", r["jieba_cpu"]),
            ("target: half of jieba per core = 2 x jieba", r["allowed_cpu"]),
            ("the build, from nothing", r["build_cpu"]),
            ("  of which extraction alone (one process)", r["extraction_cpu"]),
            ("  of which the store's bulk load + compaction", r["store_cpu"]),
            ("  of which the workers' pipelines (built once each)", r["pipelines_cpu"]),
            ("  the rest (fragments, shapes, page, commit, imports)", r["rest_cpu"]),
            ("extraction + store load alone", r["extraction_cpu"] + r["store_cpu"])]
    for name, v in rows:
        print(f"  {name:<54} {v:>7.1f} s {c / v:>11,.0f} chars/s  {v / r['allowed_cpu']:>5.2f} of the target's CPU")
    print(f"  build per core / jieba alone (by CPU): {r['per_core_cpu']:.2f} (target 0.5)")


def best_of(run: Callable[[], T], repeat: int, slow: float) -> tuple[float, T]:
    """The fewest wall seconds of ``repeat`` calls of ``run`` (at least one; none more once
    one took over ``slow`` seconds) and what the last call returned."""
    best = float("inf")
    for _ in range(max(repeat, 1)):
        t = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - t)
        if best > slow:
            break
    return best, result


def time_queries(graph, repeat: int = 3, query_dir: Path | None = None,
                 slow: float = 5.0) -> dict[str, dict]:
    """Best-of-``repeat`` seconds and row count of every named query on ``graph``.

    Args:
        graph: the graph to ask (the embedded store, or rdflib's memory store).
        repeat: runs per query; a query slower than ``slow`` seconds runs once.
        query_dir: the folder of ``.rq`` files (default ``graph/queries``).
    """
    import graph.query as gq
    from graph.query import QueryError, bind_params, named_queries, run_sparql

    saved = gq.QUERY_DIR
    gq.QUERY_DIR = Path(query_dir) if query_dir else saved
    try:
        queries = named_queries()
    finally:
        gq.QUERY_DIR = saved
    out = {}
    for name, q in queries.items():
        try:
            text = bind_params(q, {})
        except QueryError:
            continue  # a parameter without default: not runnable unattended
        try:
            best, rows = best_of(lambda: len(list(run_sparql(graph, text))), repeat, slow)
        except QueryError as exc:  # rdflib's engine fails on some SPARQL 1.1 aggregates
            out[name] = {"seconds": None, "rows": None, "error": str(exc)[:200]}
            continue
        out[name] = {"seconds": best, "rows": rows}
    return out


#: The preferred name that the most outcomes' organisations carry (``org_outcomes`` matches
#: names by part, so it lists the outcomes of every organisation of that name).
_MOST_OUTCOMES = """PREFIX sosa: <http://www.w3.org/ns/sosa/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?name (COUNT(?o) AS ?n) WHERE { ?o sosa:hasFeatureOfInterest ?org . ?org skos:prefLabel ?name }
GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 1"""

#: Parameter values under which a named query lists the most: every row (``limit=0``), every
#: practice however few organisations adopt it (``min=1``).
LISTING_MOST = {"limit": "0", "min": "1"}


def query_cases(graph) -> dict[str, dict[str, str]]:
    """Parameters under which each named query that takes them lists the most it can on
    ``graph``: :data:`LISTING_MOST` where a query takes ``limit`` or ``min``, and for
    ``org_outcomes`` the preferred name that the most outcomes' organisations carry. Its
    default (利民, a mine of paper 000) names no organisation of
    :mod:`benchmarks.scale_corpus`'s corpus, whose names are varied, so timed with its
    defaults that query finds nothing. Other parameters keep their defaults (the category
    ``safety``, the practice 三会一课); a query with a parameter that has no default gets no
    case, as :func:`time_queries` skips it.

    Returns:
        ``{query name: {parameter: value}}``, by name; no ``org_outcomes`` case on a graph
        without outcomes, or when there is no such query.
    """
    from graph.query import named_queries, select_rows

    cases = {}
    for name, q in named_queries().items():
        params = {k: v for k, v in LISTING_MOST.items() if k in q.params}
        if name == "org_outcomes":
            rows = select_rows(graph, _MOST_OUTCOMES)[1]
            params.update({"org": rows[0][0]} if rows else {})
        if params and all(default is not None or k in params for k, (_, default) in q.params.items()):
            cases[name] = params
    return cases


def time_query_cases(graph, cases: dict[str, dict[str, str]], repeat: int = 3,
                     slow: float = 5.0) -> dict[str, dict]:
    """Best-of-``repeat`` seconds and row count of each named query of ``cases`` with its
    parameters, as ``minekg query NAME --param K=V --format csv`` runs and writes it
    (:func:`graph.query.query_text` for CSV: :func:`graph.query.select_rows`, then
    :func:`graph.query.format_rows`); a query slower than ``slow`` seconds runs once.

    Returns:
        ``{name: {"params", "seconds", "rows"}}``; a query that fails (a parameter it does
        not take, a query the store cannot answer) has ``seconds`` and ``rows`` ``None`` and
        its ``error``, as in :func:`time_queries`.

    Raises:
        KeyError: a name of ``cases`` that is no named query.
    """
    from graph.query import QueryError, bind_params, format_rows, named_queries, select_rows

    queries = named_queries()
    out = {}
    for name, params in cases.items():
        query = queries[name]

        def written() -> int:
            cols, rows = select_rows(graph, bind_params(query, params))
            format_rows(cols, rows, "csv")
            return len(rows)

        try:
            best, rows = best_of(written, repeat, slow)
        except QueryError as exc:
            out[name] = {"params": params, "seconds": None, "rows": None, "error": str(exc)[:200]}
            continue
        out[name] = {"params": params, "seconds": best, "rows": rows}
    return out


def print_query_cases(timed: dict[str, dict]) -> None:
    """Print :func:`time_query_cases`' results, a line a query with its parameters."""
    print("named queries listing the most they can (limit=0, min=1; org_outcomes: the name the most "
          "outcomes' organisations carry), as `minekg query … --format csv` writes them:")
    for name, v in timed.items():
        params = " ".join(f"{k}={val}" for k, val in v["params"].items())
        if v["seconds"] is None:
            print(f"  {name:<20} fails: {v['error'][:70]}   {params}")
        else:
            print(f"  {name:<20} {v['seconds'] * 1000:>9.1f} ms {v['rows']:>7} rows   {params}")


def rdflib_memory(ttl: Path):
    from rdflib import Graph

    g = Graph()
    g.parse(ttl, format="turtle")
    return g


def rebuilds_side_by_side(papers: Path, out: Path, against: Path, against_out: Path, rounds: int,
                          jobs: int) -> dict:
    """One-paper rebuilds of this checkout and another in turns (the other first in each
    round), each after :func:`change_one_paper`: both builds read the same ``papers`` and
    each sees one paper changed since its last build. ``out`` and ``against_out`` are
    builds of ``papers`` made by each checkout (a rebuild of another checkout's build would
    extract everything again when the extractor versions differ)."""
    runs: dict[str, list[dict]] = {"against": [], "this": []}
    for _ in range(rounds):
        for name, root, folder in (("against", against, against_out), ("this", ROOT, out)):
            change_one_paper(papers)
            runs[name].append(build(papers, folder, jobs, root))
            print(f"  {name}: {runs[name][-1]['seconds']:.1f} s", file=sys.stderr)
    load = os.getloadavg()
    return {"papers": str(papers), "rounds": rounds, "jobs": jobs, "loadavg_after": load,
            "checkouts": {"this": {"root": str(ROOT), "out": str(out), "runs": runs["this"]},
                          "against": {"root": str(against.resolve()), "out": str(against_out),
                                      "runs": runs["against"]}}}


def print_side_by_side(r: dict) -> None:
    """The seconds of each rebuild, the median and best of each checkout, and their ratio."""
    import statistics

    this, other = (r["checkouts"][k]["runs"] for k in ("this", "against"))
    print(f"one changed paper of {r['papers']}, {r['rounds']} rounds in turns, --jobs {r['jobs']} "
          f"(load average after: {' '.join(f'{x:.2f}' for x in r['loadavg_after'])})")
    for name, runs in (("this", this), ("against", other)):
        secs = [x["seconds"] for x in runs]
        print(f"  {name + ' ' + r['checkouts'][name]['root']:<44} " + " ".join(f"{x:5.1f}" for x in secs)
              + f"   median {statistics.median(secs):5.1f}  best {min(secs):5.1f} s"
              f"  (extracted {sum(x['extracted'] for x in runs)})")
        if all("startup_seconds" in x for x in runs):  # what `minekg build` waits for
            whole = [x["startup_seconds"] + x["seconds"] for x in runs]
            print(f"  {'':<44} " + " ".join(f"{x:5.1f}" for x in whole)
                  + f"   median {statistics.median(whole):5.1f} s with the imports before the build")
        if all("cpu_children_seconds" in x for x in runs):
            cpu = [x["cpu_seconds"] + x["cpu_children_seconds"] for x in runs]
            print(f"  {'':<44} " + " ".join(f"{x:5.1f}" for x in cpu)
                  + f"   median {statistics.median(cpu):5.1f} s of CPU (the build and its children)")
    ratio = statistics.median(x["seconds"] for x in this) / statistics.median(x["seconds"] for x in other)
    print(f"  this / against (medians): {ratio:.2f}")
    print("  by stage, median wall s (this | against):")
    a, b = (statistics.median(x.get("startup_seconds", 0.0) for x in runs) for runs in (this, other))
    print(f"    {'imports (start-up)':<20} {a:>6.2f} | {b:>6.2f}")
    names = [n for n in this[0]["stages"] if not n.startswith("cpu: ")]
    for n in names:
        a = statistics.median(x["stages"].get(n, 0.0) for x in this)
        b = statistics.median(x["stages"].get(n, 0.0) for x in other)
        print(f"    {n:<20} {a:>6.2f} | {b:>6.2f}")


#: The line a benchmark adds to one paper to time the rebuild after one paper changed.
REVISION_LINE = "本文为修订稿。"


def middle(paths: list[Path]) -> Path:
    """The paper a benchmark changes: the middle one of ``paths`` by name.

    Raises:
        ValueError: ``paths`` is empty.
    """
    if not paths:
        raise ValueError("no paper to change: the folder holds none")
    return sorted(paths)[len(paths) // 2]


def change_one_paper(papers: Path) -> Path:
    """Add :data:`REVISION_LINE` to the :func:`middle` ``.txt`` paper of ``papers``; returns it."""
    p = middle(list(papers.glob("*.txt")))
    p.write_text(p.read_text(encoding="utf-8") + f"\n{REVISION_LINE}\n", encoding="utf-8")
    return p


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="also 10,000 papers (long)")
    parser.add_argument("--sizes", type=int, nargs="*", default=None,
                        help="corpus sizes (default 100 1000, with --full 10000 too)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="build processes")
    parser.add_argument("--work", default=None, help="folder for corpora and builds (default: a temp dir)")
    parser.add_argument("--queries-only", metavar="BUILD_DIR", default=None,
                        help="only time the named queries on the store of this existing build")
    parser.add_argument("--query-dir", metavar="DIR", default=None,
                        help="with --queries-only: the .rq files to time (default graph/queries)")
    parser.add_argument("--rdflib", action="store_true",
                        help="with --queries-only: also in rdflib's memory store (small builds only)")
    parser.add_argument("--rebuild", nargs=2, metavar=("PAPERS", "OUT"),
                        help="only time one build of PAPERS into the existing build folder OUT "
                             "(after changing a paper: the incremental rebuild), by stage")
    parser.add_argument("--extraction", metavar="PAPERS", default=None,
                        help="only measure extraction alone of PAPERS next to jieba alone")
    parser.add_argument("--against", metavar="ROOT", default=None,
                        help="with --extraction: also the extraction of the checkout at ROOT, in turns")
    parser.add_argument("--rounds", type=int, default=1,
                        help="with --extraction: runs of each (best kept); with --against-rebuild: rebuilds of each")
    parser.add_argument("--against-rebuild", nargs=2, metavar=("ROOT", "OUT"), default=None,
                        help="with --rebuild: one-paper rebuilds of the checkout at ROOT into its build OUT "
                             "and of this one into its, in turns (a paper changed before each)")
    parser.add_argument("--budget", metavar="PAPERS", default=None,
                        help="only measure where a build's CPU goes (extraction alone, the store's load "
                             "alone, the rest) against issue 6's target; builds into --work")
    parser.add_argument("--child-build", nargs=3, metavar=("PAPERS", "OUT", "JOBS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_build:  # what benchmarks/compare_builds.py runs in each checkout
        sys.argv[1:] = args.child_build
        exec(_BUILD_CHILD, {"__name__": "__child__"})
        return
    if args.budget:
        r = budget(Path(args.budget), Path(args.work or tempfile.mkdtemp(prefix="minekg-budget-")), args.jobs)
        save(r, "budget.json")
        print_budget(r)
        return
    if args.extraction:
        r = extraction_only(Path(args.extraction), Path(args.against) if args.against else None, args.rounds)
        save(r, "extraction.json")
        print_extraction(r)
        return
    if args.queries_only:
        queries_only(Path(args.queries_only), args.query_dir, args.rdflib)
        return
    if args.rebuild and args.against_rebuild:
        r = rebuilds_side_by_side(Path(args.rebuild[0]), Path(args.rebuild[1]), Path(args.against_rebuild[0]),
                                  Path(args.against_rebuild[1]), args.rounds, args.jobs)
        save(r, "rebuild.json")
        print_side_by_side(r)
        return
    if args.rebuild:
        run = build(Path(args.rebuild[0]), Path(args.rebuild[1]), args.jobs)
        print(json.dumps(run, indent=1))
        print(f"build of {args.rebuild[0]} into {args.rebuild[1]}: {run['seconds']:.1f} s, {run['extracted']} "
              f"extracted, {run['cached']} from cache, peak RSS {run['max_rss_mb']:.0f} MB")
        print_stages(run)
        return
    sizes = args.sizes or ([100, 1000] + ([10000] if args.full else []))
    work = Path(args.work or tempfile.mkdtemp(prefix="minekg-bench-"))
    results: dict = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                 "platform": platform.platform()},
                     "jobs": args.jobs, "sizes": {}}

    from graph.store import open_graph

    for n in sizes:
        papers, out = work / f"papers-{n}", work / f"build-{n}"
        write_corpus(n, papers)
        _, texts = corpus_chars(papers)
        measured = build_beside_jieba(papers, out, args.jobs, texts)
        row = {"papers": n, **measured, "seconds_per_1000_papers": measured["seconds"] / n * 1000}
        results["sizes"][str(n)] = row
        save(results)  # a later failure keeps what was measured
        print(f"built {n} papers in {row['seconds']:.1f} s", file=sys.stderr)

    largest = max(sizes)
    papers, out = work / f"papers-{largest}", work / f"build-{largest}"
    largest_graph = open_graph(out / "store")
    results["queries_oxigraph_largest"] = {"papers": largest, **time_queries(largest_graph)}
    results["queries_listing_most_largest"] = {"papers": largest, **time_query_cases(
        largest_graph, query_cases(largest_graph))}
    save(results)
    small = min(sizes)
    ox_small = time_queries(open_graph(work / f"build-{small}" / "store"))
    mem_small = time_queries(rdflib_memory(work / f"build-{small}" / "graph.ttl"))
    results["queries_small"] = {"papers": small, "oxigraph": ox_small, "rdflib_memory": mem_small,
                                "rdflib_over_oxigraph": {k: mem_small[k]["seconds"] / ox_small[k]["seconds"]
                                                         for k in ox_small if mem_small[k]["seconds"]}}
    save(results)
    changed = change_one_paper(papers)
    inc = build(papers, out, args.jobs)
    results["incremental"] = {"papers": largest, "changed": changed.name, **inc}

    save(results)
    print_table(results)


def queries_only(build_dir: Path, query_dir: str | None = None, with_rdflib: bool = False) -> dict:
    """Time the named queries on an existing build; print them, write ``queries.json``."""
    from graph.store import open_graph

    ask = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    store = open_graph(build_dir / "store")
    triples = int(next(iter(store.query(ask)))[0])
    results = {"build": str(build_dir), "triples": triples, "query_dir": query_dir or "graph/queries",
               "oxigraph": time_queries(store, query_dir=query_dir)}
    if query_dir is None:  # the cases are this checkout's queries' parameters
        results["oxigraph_listing_most"] = time_query_cases(store, query_cases(store))
    if with_rdflib:
        results["rdflib_memory"] = time_queries(rdflib_memory(build_dir / "graph.ttl"), query_dir=query_dir)
    save(results, "queries.json")
    print(f"named queries (defaults) on {build_dir} ({triples:,} triples), best of 3 "
          f"(one run when slower than 5 s), queries from {results['query_dir']}:")
    for name, v in results["oxigraph"].items():
        mem = results.get("rdflib_memory", {}).get(name)
        other = ""
        if mem is not None:
            other = (f"   rdflib memory {mem['seconds'] * 1000:>9.1f} ms {mem['rows']:>6} rows" if mem["seconds"]
                     is not None else f"   rdflib memory fails: {mem['error'][:60]}")
        if v["seconds"] is None:
            print(f"  {name:<20} fails: {v['error'][:70]}")
        else:
            print(f"  {name:<20} {v['seconds'] * 1000:>9.1f} ms {v['rows']:>6} rows{other}")
    if "oxigraph_listing_most" in results:
        print_query_cases(results["oxigraph_listing_most"])
    return results


def save(results: dict, name: str = "latest.json") -> None:
    """Write ``results`` as ``benchmarks/results/NAME`` (JSON, UTF-8, indented)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / name).write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n",
                                         encoding="utf-8")


def print_table(r: dict) -> None:
    print(f"jobs={r['jobs']}  cpus={r['machine']['cpus']}")
    print("ratio: jieba-alone chars/s over build chars/s; /core: build chars/s per job over "
          "jieba-alone, timed before and after the build, their mean (target ≥ 0.5); /core b–a: against "
          "each of the two; s/1k: build seconds per 1,000 papers (linear: constant)")
    print(f"{'papers':>7} {'chars':>11} {'build s':>8} {'s/1k':>6} {'chars/s':>9} {'jieba c/s':>10} {'ratio':>6} "
          f"{'/core':>6} {'/core b–a':>10} {'RSS MB':>7} {'wkr MB':>7} {'triples':>10}")
    for row in r["sizes"].values():
        print(f"{row['papers']:>7} {row['chars']:>11,} {row['seconds']:>8.1f} {row['seconds_per_1000_papers']:>6.0f} "
              f"{row['chars_per_s']:>9,.0f} {row['jieba_chars_per_s']:>10,.0f} {row['build_vs_jieba']:>6.1f} "
              f"{row['per_core_vs_jieba']:>6.2f} {_range(row):>10} {row['max_rss_mb']:>7.0f} "
              f"{row['max_rss_worker_mb']:>7.0f} {row['triples']:>10,}")
    q = r["queries_oxigraph_largest"]
    print(f"named queries (defaults) on {q['papers']} papers, embedded Oxigraph, best of 3:")
    for k, v in q.items():
        if k != "papers" and v["seconds"] is not None:
            print(f"  {k:<20} {v['seconds'] * 1000:>9.1f} ms  {v['rows']:>6} rows")
    if "queries_listing_most_largest" in r:  # runs before session 20 had none
        print_query_cases({k: v for k, v in r["queries_listing_most_largest"].items() if k != "papers"})
    s = r["queries_small"]
    print(f"the same on {s['papers']} papers: embedded Oxigraph vs rdflib's memory store")
    for k in s["oxigraph"]:
        mem = s["rdflib_memory"][k]
        other = (f"rdflib memory {mem['seconds'] * 1000:>9.1f} ms (×{s['rdflib_over_oxigraph'][k]:.1f})"
                 if mem["seconds"] else f"rdflib memory fails: {mem['error'][:70]}")
        print(f"  {k:<20} Oxigraph {s['oxigraph'][k]['seconds'] * 1000:>8.1f} ms, {other}")
    inc = r["incremental"]
    print(f"incremental rebuild of {inc['papers']} papers, one changed: {inc['seconds']:.1f} s, "
          f"{inc['extracted']} extracted, {inc['cached']} from cache, peak RSS {inc['max_rss_mb']:.0f} MB")
    print_stages(inc)


def _range(row: dict) -> str:
    """The ratio per core against jieba alone before and after the build (``lo–hi``); a
    row of a run before session 12 timed jieba once: ``-``."""
    lo_hi = row.get("per_core_vs_jieba_range")
    return f"{lo_hi[0]:.2f}–{lo_hi[1]:.2f}" if lo_hi else "-"


def print_stages(run: dict) -> None:
    """The seconds of each stage of one build (``stages``), in the order they ran."""
    if not run.get("stages"):
        return
    print(f"  by stage (the process used {run.get('cpu_seconds', 0):.1f} s of CPU in all):")
    print(f"    {'stage':<20} {'wall s':>7} {'cpu s':>7}")
    for name, sec in run["stages"].items():
        if not name.startswith("cpu: "):
            print(f"    {name:<20} {sec:>7.2f} {run['stages'].get('cpu: ' + name, 0.0):>7.2f}")


if __name__ == "__main__":
    main()
