"""A build killed half-way leaves the previous outputs intact and usable (issue 7).

``minekg build`` runs as a subprocess on a bigger input than the previous build's and is
killed with SIGKILL at points found by watching the output folder (no timing): while it
extracts (a new cache entry appears), once it has staged ``extractions.jsonl``, once it
is loading the new store. After each kill the previous ``graph.ttl``,
``extractions.jsonl``, ``graph.html`` and ``report.json`` are byte-identical and the
store answers ``minekg mechanisms --outcome safety`` as before. The two windows inside
the final renames (graph/commit.py) are too short to hit from outside; a subprocess
with a patched rename exits in each of them, deterministically.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from graph.commit import JOURNAL, recover
from graph.project import OUTPUTS

from .conftest import PAPERS, ROOT, wait_until

FILES = ("extractions.jsonl", "graph.ttl", "graph.html", "report.json")
#: A safety net so that a build that never reaches a kill point cannot hang the suite;
#: not a measurement (no test asserts on time).
GIVE_UP_S = 600


def _snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in FILES}


def _same_build(snapshot: dict[str, bytes], other: dict[str, bytes]) -> bool:
    """The outputs of the same build written into two folders: equal bytes, but for the
    output folder that report.json names."""
    def report(data: bytes) -> dict:
        parsed = json.loads(data)
        del parsed["summary"]["out"]
        return parsed

    return all(snapshot[n] == other[n] for n in FILES if n != "report.json") \
        and report(snapshot["report.json"]) == report(other["report.json"])


def _safety_answer(out: Path) -> str:
    result = CliRunner().invoke(cli.main, ["mechanisms", "--outcome", "safety", "--store",
                                           str(out / "store"), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "“三三制隐患排查法”" in result.output
    return result.output


def _leftovers(out: Path) -> list[str]:
    """What a killed build leaves in the folder besides the outputs and the cache."""
    return sorted(p.name for p in out.iterdir() if p.name not in (*OUTPUTS, "cache"))


@pytest.fixture()
def previous(built, tmp_path) -> tuple[Path, dict[str, bytes], str]:
    """A copy of the bundled build (with its cache): the outputs a killed build must keep."""
    out = tmp_path / "out"
    shutil.copytree(built, out)
    return out, _snapshot(out), _safety_answer(out)


@pytest.fixture()
def bigger(tmp_path) -> Path:
    """The bundled papers and two revisions of each (a sentence added): 15 papers, ten of
    them not in the cache, so the build extracts for a while."""
    folder = tmp_path / "bigger"
    folder.mkdir()
    for paper in sorted(PAPERS.glob("*.txt")):
        text = paper.read_text(encoding="utf-8")
        shutil.copy(paper, folder / paper.name)
        for k in (1, 2):
            (folder / f"{paper.stem}_r{k}.txt").write_text(
                f"{text}\n本文第{k}次修订，补充了煤矿党建工作的新做法。\n", encoding="utf-8")
    return folder


def _build(inputs: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "import cli; cli.main()", "build", str(inputs),
                             "--out", str(out), "--quiet", "--jobs", "1"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _kill_when(proc: subprocess.Popen, reached, what: str) -> None:
    """SIGKILL ``proc`` as soon as ``reached()`` is true."""
    wait_until(proc, reached, what, GIVE_UP_S)
    proc.kill()
    proc.wait()
    assert proc.returncode == -9, f"killed {what}"


def _assert_previous(out: Path, before: dict[str, bytes], answer: str, what: str) -> None:
    assert _snapshot(out) == before, f"an output changed after a kill {what}"
    assert _safety_answer(out) == answer, what


def test_killed_build_leaves_previous_outputs(previous, bigger):
    out, before, answer = previous
    cache = out / "cache"
    cached = len(list(cache.glob("*.json")))
    points = [
        ("while extracting", lambda: len(list(cache.glob("*.json"))) > cached),
        ("with extractions.jsonl staged", lambda: any(out.glob(".extractions.jsonl.*.tmp"))),
        ("while loading the new store", lambda: (out / "store.tmp").is_dir()),
        # the store is loaded from the fragments as they are made, before graph.ttl is staged
        ("with graph.ttl staged and the store loading", lambda: any(out.glob(".graph.ttl.*.tmp"))),
    ]
    left = []
    for what, reached in points:
        _kill_when(_build(bigger, out), reached, what)
        _assert_previous(out, before, answer, what)
        left.append([re.sub(r"\.[^.]+\.tmp$", ".*.tmp", name) for name in _leftovers(out)])
    # Each kill came where it was meant to (a build first clears what the last left).
    assert left[0] == []
    assert left[1] == [".extractions.jsonl.*.tmp"]
    assert {".extractions.jsonl.*.tmp", "store.tmp"} <= set(left[2])
    assert {".extractions.jsonl.*.tmp", ".graph.ttl.*.tmp", "store.tmp"} <= set(left[3])

    # The next build clears what the killed ones left and puts its outputs in place.
    assert _build(bigger, out).wait() == 0
    assert _leftovers(out) == []
    after = _snapshot(out)
    assert all(after[name] != before[name] for name in FILES)
    docs = {json.loads(line)["doc"] for line in after["extractions.jsonl"].decode().splitlines()}
    assert docs == {p.name for p in bigger.iterdir()}
    _safety_answer(out)


# -------------------------------------------------- inside the final renames -----

#: Runs ``minekg build`` with a rename that exits the process right after it moved
#: ``sys.argv[1]`` into place: a kill in the middle of the commit.
EXIT_AFTER_RENAME = """
import os, sys
from pathlib import Path

target = sys.argv.pop(1)
path_rename, os_replace = Path.rename, os.replace

def rename(self, dst):
    result = path_rename(self, dst)
    if Path(dst).name == target:
        os._exit(9)
    return result

def replace(src, dst):
    os_replace(src, dst)
    if Path(dst).name == target:
        os._exit(9)

Path.rename, os.replace = rename, replace
import cli
cli.main()
"""


def _build_until(target: str, inputs: list[Path], out: Path) -> int:
    args = [sys.executable, "-c", EXIT_AFTER_RENAME, target, "build", *map(str, inputs),
            "--out", str(out), "--quiet", "--jobs", "1"]
    return subprocess.run(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode


@pytest.fixture()
def fewer() -> list[Path]:
    """Four of the five bundled papers: all in the cache, outputs unlike the previous."""
    return sorted(PAPERS.glob("*.txt"))[1:]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> dict[str, bytes]:
    """The outputs of an uninterrupted build of :func:`fewer` into a new folder."""
    from graph.project import build_project

    out = tmp_path_factory.mktemp("fresh")
    build_project(sorted(PAPERS.glob("*.txt"))[1:], out, cache=False)
    return _snapshot(out)


def test_killed_between_moving_the_old_store_aside_and_the_new_one_in(previous, fewer, fresh):
    out, before, answer = previous
    assert _build_until("store.old", fewer, out) == 9
    # No store/ at this moment: every file is the previous one, and readers open the
    # previous store where it was moved aside.
    assert not (out / "store").exists() and (out / "store.old").is_dir()
    assert (out / JOURNAL).exists()
    _assert_previous(out, before, answer, "between the two renames of the store")
    # The next build's first step finishes the interrupted commit: the outputs are
    # those of an uninterrupted build.
    assert recover(out, OUTPUTS)
    assert _leftovers(out) == []
    assert _same_build(_snapshot(out), fresh)
    assert _safety_answer(out) != answer  # the new store, one paper fewer


def test_killed_after_some_files_were_renamed_rolls_forward(previous, fewer, fresh):
    out, before, _ = previous
    assert _build_until("graph.ttl", fewer, out) == 9
    # The store and the first files are new, the others old; the journal says which
    # are still to come ...
    mixed = _snapshot(out)
    assert mixed["graph.ttl"] == fresh["graph.ttl"] and mixed["report.json"] == before["report.json"]
    assert (out / JOURNAL).exists()
    _safety_answer(out)
    # ... and recovery completes it.
    assert recover(out, OUTPUTS)
    assert _leftovers(out) == []
    assert _same_build(_snapshot(out), fresh)


# ------------------------------------------------ inside a cache entry's write ----

#: Runs ``minekg build`` with an ``os.replace`` that exits the process just before it
#: would rename a temporary file into the folder ``sys.argv[1]``: a build killed while
#: it writes a cache entry, which leaves the entry's ``.<key>.json.<random>.tmp``.
EXIT_BEFORE_CACHE_WRITE = """
import os, sys
from pathlib import Path

folder = Path(sys.argv.pop(1))
os_replace = os.replace

def replace(src, dst):
    if Path(dst).parent == folder:
        os._exit(9)
    os_replace(src, dst)

os.replace = replace
import cli
cli.main()
"""


@pytest.mark.parametrize("cache", ["cache", "cache/graph"])
def test_a_build_killed_while_writing_a_cache_entry_leaves_nothing_after_the_next(tmp_path, cache):
    paper = sorted(PAPERS.glob("*.txt"))[1]
    out = tmp_path / "out"
    args = ["build", str(paper), "--out", str(out), "--quiet", "--jobs", "1"]
    killed = subprocess.run([sys.executable, "-c", EXIT_BEFORE_CACHE_WRITE, str(out / cache), *args],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert killed.returncode == 9, killed.stderr.decode()
    stray = list((out / cache).glob(".*.tmp"))
    assert len(stray) == 1, stray  # the kill came where it was meant to
    done = subprocess.run([sys.executable, "-c", "import cli; cli.main()", *args],
                          cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert done.returncode == 0, done.stderr.decode()
    assert not list(out.rglob("*.tmp"))
    assert list((out / cache).glob("*.json"))  # the entry was written this time
