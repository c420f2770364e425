"""The making of a document's fragment, step by step: seconds per step over every document
of a build, in one process, without a profiler (which overstates Python calls).

Reads a build's records from its extraction cache (``BUILD/cache``, as a rebuild would:
the papers must be those the build read), resolves the corpus's organisations, then makes
each document's fragment as :func:`graph.fragments._make` does, timing each step: the
records' decoding, the triples (:func:`graph.triples.document_fragment`), the index, the
Turtle block, the shared triples' lines and their marshal, the page's and the indicators'
parts, the file (written to a temporary folder), the aggregate's counts and the shapes.
Prints one line per step, largest first, with its share; run it with each checkout's
``PYTHONPATH`` to compare two.

Example:
    PYTHONPATH=. python benchmarks/fragment_parts.py BUILD PAPERS
"""
from __future__ import annotations

import argparse
import gc
import json
import marshal
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build", type=Path, help="a build folder (its cache/ is read)")
    parser.add_argument("papers", type=Path, help="the papers it was built from")
    args = parser.parse_args()

    from extract.corpus import extract_corpus
    from extract.version import extractor_version
    from graph import fragments as F
    from graph.atomic import write_chunks
    from graph.build import Resolver
    from graph.checks import View
    from graph.network import document_part
    from graph.summaries import indicator_part
    from graph.triples import (DOCUMENT_NODE_PREFIXES, by_document, declared_nodes, document_fragment,
                               document_node, run_nodes)
    from graph.turtle import block_indexed

    corpus = extract_corpus([args.papers], cache_dir=args.build / "cache", jobs=1)
    if corpus.extracted:
        print(f"warning: {corpus.extracted} file(s) were not in the build's cache", file=sys.stderr)
    stored = corpus.stored
    mentions = [(r.doc, n, a) for r in stored for n, a in r.orgs]
    res = Resolver(mentions=mentions)
    declared = declared_nodes(mentions, res)
    run = run_nodes(extractor_version())[1]
    groups = by_document(stored)
    checker = F._checker()
    gc.disable()  # as the build's graph stage
    seconds: dict[str, float] = defaultdict(float)

    def timed(name, fn, *a, **k):
        t = time.perf_counter()
        out = fn(*a, **k)
        seconds[name] += time.perf_counter() - t
        return out

    written = 0
    with tempfile.TemporaryDirectory(prefix="fragment-parts-") as tmp:
        agg = F._Aggregate(Counter(), {}, {})
        for doc in sorted(groups):
            recs = timed("decode the records", lambda: [r.record() for r in groups[doc]])
            frag = timed("triples (document_fragment)", document_fragment, recs, res, declared, run)
            idx = timed("index", View.index_sorted, frag.local)
            text = timed("Turtle block", lambda: block_indexed(idx, plain=DOCUMENT_NODE_PREFIXES).encode("utf-8"))
            lines = timed("shared lines", lambda: [f"{s} {p} {o}" for s, p, o in frag.shared])
            agg_bytes = timed("shared marshal", lambda: marshal.dumps(("\n".join(lines), frag.org_names,
                                                                        frag.practice_names), 2))
            net = timed("page part", document_part, frag.local, idx)
            net_bytes = timed("page part JSON", lambda: json.dumps(net, ensure_ascii=False).encode("utf-8"))
            timed("indicator part", indicator_part, frag.local, frag.shared, idx)
            timed("write the file", write_chunks, Path(tmp) / f"{doc}.frag",
                  [text, agg_bytes, net_bytes], sync=False)
            written += len(text) + len(agg_bytes) + len(net_bytes)
            timed("count the shared", agg.add_parts, lines, frag.org_names, frag.practice_names)
            if checker is not None:
                timed("shapes (check_fragment)", checker.check_fragment, frag.local, frag.shared, document_node,
                      indexed=idx)
    total = sum(seconds.values())
    print(f"{len(groups)} documents, {written / 1e6:.1f} MB written")
    for name, s in sorted(seconds.items(), key=lambda x: -x[1]):
        print(f"  {name:<28} {s:7.2f} s {100 * s / total:5.1f} %")
    print(f"  {'total':<28} {total:7.2f} s")


if __name__ == "__main__":
    sys.exit(main())
