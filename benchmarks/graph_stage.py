"""The graph stage of a build alone: ``write_graph`` from nothing over an ``extractions.jsonl``.

A build from nothing spends minutes extracting before its graph stage starts (10,000
papers: 173 s), and the extraction cache of a build folder misses as soon as the
extractor's code changes. This reads the records of an existing ``extractions.jsonl``
(as the extraction cache hands them to the build: each record's line and header) and
runs :func:`graph.fragments.write_graph` into a fresh folder, with the page drawn as
``minekg build`` draws it, and prints one JSON line: wall seconds, the CPU seconds of the
process tree (this process with its threads — the store's load — and the fork workers),
peak RSS, the seconds of each step (``graph: fragments`` …) and the SHA-256 of
``graph.ttl`` and of the page, to compare two checkouts (run it with each one's
``PYTHONPATH``, in turns, as :mod:`benchmarks.compare_builds` does for whole builds).

Example:
    PYTHONPATH=. python benchmarks/graph_stage.py BUILD/extractions.jsonl /tmp/graph-out --jobs 2
"""
from __future__ import annotations

import argparse
import gc
import hashlib
import json
import resource
import shutil
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("extractions", type=Path)
    parser.add_argument("out", type=Path, help="the output folder (removed first)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    from extract.version import extractor_version
    from extract.records import ArticleRecord
    from extract.stored import StoredRecord
    from graph.commit import Staging
    from graph.fragments import write_graph
    from graph.project import HEADING, _page

    stored = []
    with open(args.extractions, "rb") as fh:
        for line in fh:
            line = line.rstrip(b"\n")
            rec = ArticleRecord.from_dict(json.loads(line))
            stored.append(StoredRecord(line, rec.doc, [(o.name, list(o.aliases)) for o in rec.organisations],
                                       rec.organisation_names(),
                                       (len(rec.organisations), len(rec.practices), len(rec.outcomes), len(rec.links))))
    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    gc.disable()  # as build_project does for its graph stage
    timings: dict[str, float] = {}
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    t, cpu = time.perf_counter(), time.process_time()
    staging = Staging(args.out)
    result = write_graph(stored, args.out, extractor_version(), args.out / "cache" / "graph", jobs=args.jobs,
                         timings=timings, staging=staging, draw=lambda net: _page(net, HEADING, None))
    staging.commit()
    result.finish()  # the projection's process writing the page's part counts
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = (after.ru_utime - children.ru_utime) + (after.ru_stime - children.ru_stime)
    print(json.dumps({
        "documents": result.documents, "triples": result.triples, "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu + workers, 2), "cpu_seconds_workers": round(workers, 2),
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "max_rss_worker_mb": after.ru_maxrss // 1024,
        "stages": {k: round(v, 2) for k, v in timings.items()},
        "graph_ttl_sha256": hashlib.sha256((args.out / "graph.ttl").read_bytes()).hexdigest(),
        "page_sha256": hashlib.sha256(result.page[0]).hexdigest()}))


if __name__ == "__main__":
    sys.exit(main())
