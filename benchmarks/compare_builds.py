"""Builds by two checkouts side by side, in turns: the ratio of their times.

Each checkout (this one, and ``--before ROOT``, e.g. a worktree of main) builds with its
own code (``ROOT/benchmarks/bench.py --child-build``: ``build_project`` in a fresh
process, its seconds by stage and its peak memory), one after the other, ``--rounds``
times, so that the load of a shared machine falls on both alike.

Modes:

* ``full``: a build from nothing of ``PAPERS`` into ``WORK/<checkout>`` (removed first);
* ``change``: a rebuild of ``PAPERS`` into the existing build folder of each checkout
  (``--out-before``, ``--out-after``) after one paper changed: each round appends, or
  takes back, the sentence 「本文为修订稿。」 of ``benchmarks/bench.py``'s
  ``change_one_paper`` to the middle paper, and both checkouts rebuild the same change.
  Both folders must hold a build of ``PAPERS`` (the first rebuild of a folder built by
  other code may remake its graph: run one round first and drop it, ``--warm``).

Prints each run and, per checkout, the best and the median seconds, and after/before; and
the CPU seconds of each build's process tree (the build process and every process it
started: extraction workers, fragment workers, the projection's fork), which other jobs
on a shared machine move far less than wall seconds.

Example:
    PYTHONPATH=. python benchmarks/compare_builds.py full --before ../main --papers P --work W --rounds 2
    PYTHONPATH=. python benchmarks/compare_builds.py change --before ../main --papers P \\
        --out-before B --out-after A --rounds 3 --warm
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REVISION = "\n本文为修订稿。\n"


def child_build(root: Path, papers: Path, out: Path, jobs: int) -> dict:
    """One ``build_project`` by the checkout at ``root`` in a fresh process: its measures
    (``benchmarks/bench.py --child-build``)."""
    env = dict(os.environ, PYTHONPATH=str(root))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run([sys.executable, str(root / "benchmarks" / "bench.py"), "--child-build", str(papers),
                           str(out), str(jobs)], capture_output=True, text=True, env=env, cwd=root)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        raise RuntimeError(f"build by {root} failed:\n{proc.stderr[-3000:]}")
    run = json.loads(proc.stdout.strip().splitlines()[-1])
    # user + system seconds of the build and every process it waited for
    run["tree_cpu_seconds"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return run


def toggle_paper(papers: Path) -> tuple[Path, bool]:
    """Append the revision sentence to the middle paper, or take it back; returns the
    paper and whether it now has the sentence."""
    files = sorted(papers.glob("*.txt"))
    p = files[len(files) // 2]
    text = p.read_text(encoding="utf-8")
    if text.endswith(REVISION):
        p.write_text(text[: -len(REVISION)], encoding="utf-8")
        return p, False
    p.write_text(text + REVISION, encoding="utf-8")
    return p, True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("full", "change"))
    parser.add_argument("--before", required=True, help="the checkout to compare with (a worktree of main)")
    parser.add_argument("--papers", required=True)
    parser.add_argument("--work", help="full: the folder of the builds")
    parser.add_argument("--out-before", help="change: the build folder of the checkout --before")
    parser.add_argument("--out-after", help="change: the build folder of this checkout")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--warm", action="store_true", help="change: one round first, not counted")
    args = parser.parse_args()
    roots = {"before": Path(args.before).resolve(), "after": ROOT}
    papers = Path(args.papers)
    if args.mode == "full":
        work = Path(args.work)
        outs = {name: work / f"build-{name}" for name in roots}
    else:
        outs = {"before": Path(args.out_before), "after": Path(args.out_after)}
    runs: dict[str, list[dict]] = {name: [] for name in roots}
    rounds = args.rounds + (1 if args.warm and args.mode == "change" else 0)
    for k in range(rounds):
        if args.mode == "change":
            paper, added = toggle_paper(papers)
            print(f"round {k + 1}: {paper.name} {'with' if added else 'without'} the revision sentence",
                  file=sys.stderr)
        order = list(roots) if k % 2 == 0 else list(reversed(roots))
        for name in order:
            if args.mode == "full":
                shutil.rmtree(outs[name], ignore_errors=True)
            run = child_build(roots[name], papers, outs[name], args.jobs)
            stages = " ".join(f"{s.split(': ')[-1]} {v:.2f}" for s, v in run["stages"].items()
                              if not s.startswith("cpu: "))
            warm = args.warm and args.mode == "change" and k == 0
            print(f"  {name:<6} {run['seconds']:7.2f} s  CPU {run['tree_cpu_seconds']:7.2f} s  "
                  f"extracted {run['extracted']:>5}  "
                  f"RSS {run['max_rss_mb']:5.0f} MB{' (warm-up, not counted)' if warm else ''}  [{stages}]")
            if not warm:
                runs[name].append(run)
    print(f"{args.mode}: {papers}, --jobs {args.jobs}, {args.rounds} round(s) in turns")
    best, median, cpu = {}, {}, {}
    for name in roots:
        secs = [r["seconds"] for r in runs[name]]
        best[name], median[name] = min(secs), statistics.median(secs)
        cpu[name] = statistics.median(r["tree_cpu_seconds"] for r in runs[name])
        print(f"  {name:<6} {roots[name]}: best {best[name]:.2f} s, median {median[name]:.2f} s, "
              f"CPU of the process tree median {cpu[name]:.2f} s, "
              f"peak RSS {max(r['max_rss_mb'] for r in runs[name]):.0f} MB")
    print(f"  after/before: best {best['after'] / best['before']:.3f}, median {median['after'] / median['before']:.3f}, "
          f"CPU median {cpu['after'] / cpu['before']:.3f}")


if __name__ == "__main__":
    main()
