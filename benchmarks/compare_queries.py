"""The named queries of two versions of minekg on two builds of one corpus: rows and times.

A change that makes a named query faster (another plan, a count the build derives)
must answer the same rows. This runs every named query with its default parameters
(and ``--param K=V`` overrides) on the BEFORE store with the BEFORE queries and on the
AFTER store with the AFTER queries, and prints per query the best-of-3 time of each
(pyoxigraph, values read as strings as ``minekg query`` reads them: one run when slower
than 5 s) and whether the rows are the same:

* ``same`` — the same rows in the same order;
* ``same set`` — the same rows (as a multiset), another order among rows the
  ``ORDER BY`` leaves tied;
* ``DIFFER`` — with the rows only one side has.

A value joined from several (``a | b | c``, a ``GROUP_CONCAT`` or ``mkg:adopterNames``)
is compared as the set of its parts: SPARQL leaves the order of ``GROUP_CONCAT`` open.

Example:
    git -C /work/main archive main graph/queries | tar -x -C /tmp/before
    PYTHONPATH=. python benchmarks/compare_queries.py OLD_BUILD/store NEW_BUILD/store \\
        --before-queries /tmp/before/graph/queries
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: The separator of joined values (``GROUP_CONCAT(...; separator=" | ")``).
SEPARATOR = " | "


def load_queries(folder: Path) -> dict:
    """The named queries of a folder of ``.rq`` files (:func:`graph.query.named_queries`)."""
    import graph.query as gq

    saved = gq.QUERY_DIR
    gq.QUERY_DIR = folder
    try:
        return gq.named_queries()
    finally:
        gq.QUERY_DIR = saved


def run(store, text: str, repeat: int = 3, slow: float = 5.0) -> tuple[float, list[tuple[str, ...]]]:
    """Best-of-``repeat`` seconds of a SELECT and its rows, values as strings (``""`` unbound)."""
    best, rows = float("inf"), []
    for _ in range(repeat):
        t = time.perf_counter()
        result = store.query(text)
        cols = [v.value for v in result.variables]
        rows = [tuple("" if v is None else v.value for v in row) for row in result]
        best = min(best, time.perf_counter() - t)
        if best > slow:
            break
    return best, [dict(zip(cols, r)) for r in rows]


def normalise(row: dict[str, str], columns: list[str]) -> tuple[str, ...]:
    """A row as a tuple of ``columns``, joined values as the sorted set of their parts."""
    out = []
    for c in columns:
        v = row.get(c, "")
        if SEPARATOR in v:
            v = SEPARATOR.join(sorted(set(v.split(SEPARATOR))))
        out.append(v)
    return tuple(out)


def compare(before: list[dict], after: list[dict]) -> tuple[str, list, list]:
    """``("same" | "same set" | "DIFFER", only_before, only_after)`` over the columns of
    ``after``."""
    columns = list(after[0]) if after else (list(before[0]) if before else [])
    b = [normalise(r, columns) for r in before]
    a = [normalise(r, columns) for r in after]
    if a == b:
        return "same", [], []
    cb, ca = Counter(b), Counter(a)
    if cb == ca:
        return "same set", [], []
    return "DIFFER", list((cb - ca).elements()), list((ca - cb).elements())


def main() -> None:
    import pyoxigraph as ox

    from graph.query import bind_params

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before_store")
    parser.add_argument("after_store")
    parser.add_argument("--before-queries", type=Path, default=ROOT / "graph" / "queries")
    parser.add_argument("--after-queries", type=Path, default=ROOT / "graph" / "queries")
    parser.add_argument("--only", nargs="*", default=None, help="these named queries only")
    parser.add_argument("--param", action="append", default=[], metavar="NAME.K=V",
                        help="a parameter for one query (e.g. orgs_by_practices.limit=1000)")
    args = parser.parse_args()
    overrides: dict[str, dict[str, str]] = {}
    for p in args.param:
        name, kv = p.split(".", 1)
        k, v = kv.split("=", 1)
        overrides.setdefault(name, {})[k] = v
    before_q, after_q = load_queries(args.before_queries), load_queries(args.after_queries)
    before_s, after_s = ox.Store.read_only(args.before_store), ox.Store.read_only(args.after_store)
    failed = False
    print(f"{'query':<20} {'before ms':>10} {'after ms':>10} {'ratio':>7} {'rows':>13}  rows")
    for name in sorted(after_q):
        if args.only and name not in args.only or name not in before_q:
            continue
        params = overrides.get(name, {})
        tb, rb = run(before_s, bind_params(before_q[name], params))
        ta, ra = run(after_s, bind_params(after_q[name], params))
        verdict, only_b, only_a = compare(rb, ra)
        failed |= verdict == "DIFFER"
        print(f"{name:<20} {tb * 1000:>10.1f} {ta * 1000:>10.1f} {tb / ta:>6.0f}x {len(rb):>6}→{len(ra):<6}  {verdict}")
        for side, rows in (("before only", only_b), ("after only", only_a)):
            for r in rows[:5]:
                print(f"    {side}: {' · '.join(v[:40] for v in r)}")
            if len(rows) > 5:
                print(f"    {side}: … {len(rows) - 5} more")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
