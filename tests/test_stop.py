"""Stopping a command: Ctrl-C, kill (SIGTERM), a closed terminal (SIGHUP) (extract/signals.py).

Before, SIGTERM and SIGHUP ended `minekg build` at once: exit status -15, no message, and
the staged outputs left in the folder until the next build (2.0 GB at 10,000 papers).
Now every stop runs the clean-up Ctrl-C ran: what was staged goes, the previous outputs
stay, the extraction cache keeps what was extracted, and the message says so.
"""
from __future__ import annotations

import _imp
import multiprocessing
import os
import pickle
import re
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

import graph.commit
from extract.signals import Stopped, exit_on_signals, held_stops, stop_on_signals
from extract.workers import die_with
from graph.commit import JOURNAL, Staging
from graph.project import build_project

from .conftest import PAPERS, ROOT, ended, proc_stat, wait_until

#: Long enough for any handler to have run (a handler runs at the next bytecode).
SETTLE_S = 0.2
#: What no stop may take: a stop that waited for the work would take ten times as long.
PATIENCE_S = 60


def _state(out: Path) -> dict[str, object]:
    """The outputs in ``out``: each file's bytes and inode, the store's files."""
    state: dict[str, object] = {}
    for p in sorted(out.iterdir()):
        if p.is_file():
            state[p.name] = (p.read_bytes(), p.stat().st_ino)
        elif p.name == "store":
            state[p.name] = sorted((q.name, q.stat().st_ino) for q in p.iterdir())
    return state


def _leftovers(out: Path) -> list[str]:
    """What a build stages or leaves half-written: ``.<name>.*.tmp``, ``store.tmp``,
    ``.fragments-*``, a journal, and temporary files in the caches."""
    found = []
    for folder in (out, out / "cache", out / "cache" / "graph"):
        if folder.is_dir():
            found += [str(p.relative_to(out)) for p in folder.iterdir()
                      if p.name.endswith(".tmp") or p.name.startswith(".fragments-") or p.name == JOURNAL]
    return sorted(found)


class _SignalAt:
    """Build steps (:class:`graph.steps.Steps`) that send this process ``signum`` when the
    step ``label`` begins: a stop at a known point of a real build."""

    def __init__(self, label: str, signum: int):
        self.label, self.signum, self.seen = label, signum, []

    def begin(self, label: str, total: int | None = None) -> None:
        self.seen.append(label)
        if label == self.label:
            os.kill(os.getpid(), self.signum)
            time.sleep(SETTLE_S)  # the handler raises here, in this thread

    def advance(self, n: int = 1) -> None:
        pass


@pytest.fixture(scope="module")
def four_then_five(tmp_path_factory) -> tuple[Path, Path]:
    """A build of four bundled papers (the previous outputs) and a folder with all five."""
    base = tmp_path_factory.mktemp("stop")
    four, five = base / "four", base / "five"
    four.mkdir()
    papers = sorted(PAPERS.iterdir())
    for p in papers[:4]:
        shutil.copy(p, four / p.name)
    shutil.copytree(PAPERS, five)
    out = base / "out"
    build_project([four], out)
    return out, five


@pytest.mark.parametrize("step", ["making the graph", "loading the store", "checking the shapes",
                                  "drawing the page", "writing the outputs"])
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_build_stopped_at_any_step_keeps_the_previous_outputs_and_leaves_nothing(
        tmp_path, four_then_five, step, signum):
    built, five = four_then_five
    out = tmp_path / "out"
    shutil.copytree(built, out)
    before = _state(out)
    steps = _SignalAt(step, signum)
    with pytest.raises(Stopped) as stopped:
        with stop_on_signals():
            build_project([five], out, steps=steps)
    assert step in steps.seen
    assert stopped.value.signum == signum and not stopped.value.written
    assert _state(out) == before  # the same files, not rewritten
    assert _leftovers(out) == []
    # the fifth paper, extracted before the stop, is not extracted again
    _, corpus = build_project([five], out)
    assert (corpus.extracted, corpus.cached) == (0, 5)


def test_a_stop_while_the_cache_is_tidied_says_the_outputs_are_this_builds(tmp_path, four_then_five):
    built, five = four_then_five
    out = tmp_path / "out"
    shutil.copytree(built, out)
    with pytest.raises(Stopped) as stopped:
        with stop_on_signals():
            build_project([five], out, steps=_SignalAt("tidying the cache", signal.SIGTERM))
    assert stopped.value.written
    assert '"files": 5' in (out / "report.json").read_text(encoding="utf-8")
    assert _leftovers(out) == []


def test_a_stop_during_the_renames_waits_for_them(tmp_path, monkeypatch):
    """Cut between two renames, the folder held some outputs of each build until the next
    build finished the journal."""
    out = tmp_path / "out"
    staging = Staging(out)
    for name in ("a.txt", "b.txt"):
        staging.write_text(name, name)
    apply = graph.commit._apply

    def stopped_midway(folder, mapping):
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(SETTLE_S)
        apply(folder, mapping)

    monkeypatch.setattr(graph.commit, "_apply", stopped_midway)
    with pytest.raises(Stopped):
        with stop_on_signals():
            staging.commit()
    assert staging.committed
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "b.txt"]  # no journal, nothing staged


def test_a_stop_inside_the_import_machinery_waits_until_it_is_left():
    """Raised between importlib's ``_imp.acquire_lock()`` and its ``try``, a stop left the
    global import lock held: a build hung in its clean-up, waiting for its store's thread,
    which waited for that lock (seen once in forty stops)."""
    reached = []
    with pytest.raises(Stopped):
        with stop_on_signals():
            _imp.acquire_lock()
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(SETTLE_S)  # not raised here: the lock is held
                reached.append("the end of the locked block")
            finally:
                _imp.release_lock()
            time.sleep(SETTLE_S)  # sent again, and raised, once the lock is let go
            reached.append("past the stop")
    assert reached == ["the end of the locked block"]


def test_a_failed_store_load_does_not_keep_the_store_open(tmp_path):
    """The error of a load, kept (a future keeps it), held the store's frames and with them
    RocksDB's lock on the folder: the next build in the process could not open it."""
    import pyoxigraph as ox

    from graph.store import write_store_parts

    def parts():
        yield b"<urn:a> <urn:b> <urn:c> .\n"
        raise ValueError("the build failed")

    with pytest.raises(ValueError) as failed:
        write_store_parts(parts(), tmp_path / "store")
    store = ox.Store(str(tmp_path / "store"))  # the error still held, as a future holds it
    assert len(store) == 1
    del store, failed


def test_held_stops_raise_once_the_block_has_ended():
    order = []
    with pytest.raises(Stopped) as stopped:
        with stop_on_signals():
            with held_stops():
                os.kill(os.getpid(), signal.SIGHUP)
                time.sleep(SETTLE_S)
                order.append("block ended")
            order.append("after the block")
    assert order == ["block ended"] and stopped.value.signum == signal.SIGHUP


def test_a_signal_ignored_at_the_start_stays_ignored():
    """``nohup minekg build …``: the closed terminal's SIGHUP must not stop the build."""
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        with stop_on_signals():
            os.kill(os.getpid(), signal.SIGHUP)
            time.sleep(SETTLE_S)
            assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    except Stopped:  # a KeyboardInterrupt: uncaught, it would end the whole test run
        pytest.fail("stopped by a signal that was ignored")
    finally:
        signal.signal(signal.SIGHUP, previous)


def test_after_a_stop_the_next_signals_do_nothing_in_nested_blocks_too():
    """``minekg serve`` stops under the CLI's own handler: systemd's SIGHUP right after
    SIGTERM must not cut the outer clean-up short either."""
    before = signal.getsignal(signal.SIGTERM)
    cleaned = []
    try:
        with stop_on_signals():
            with pytest.raises(SystemExit) as exited:
                with exit_on_signals():
                    os.kill(os.getpid(), signal.SIGTERM)
                    time.sleep(SETTLE_S)
            os.kill(os.getpid(), signal.SIGHUP)
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(SETTLE_S)
            cleaned.append(True)
    except KeyboardInterrupt:  # uncaught, it would end the whole test run
        pytest.fail("the outer clean-up was cut short by the next signal")
    assert exited.value.code == 0 and cleaned == [True]
    assert signal.getsignal(signal.SIGTERM) is before


def test_stopped_names_its_signal_and_pickles():
    stop = pickle.loads(pickle.dumps(Stopped(signal.SIGTERM)))
    assert isinstance(stop, KeyboardInterrupt) and not isinstance(stop, Exception)
    assert (stop.signum, str(stop)) == (signal.SIGTERM, "stopped by SIGTERM")
    assert str(Stopped(signal.SIGINT)) == "stopped by Ctrl-C"


def _sleep(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def _pid() -> int:
    return os.getpid()


@pytest.fixture()
def forked_projection(monkeypatch):
    """:class:`graph.fragments._Projection` forked for one entry, whose projection is
    what the test sets (``project``); the process is ended afterwards in any case."""
    from graph import fragments

    monkeypatch.setattr(fragments, "MIN_FORKED_PROJECTION", 1)
    made = []

    def start(project):
        monkeypatch.setattr(fragments, "_project", project)  # before the fork: the child has it
        made.append(fragments._Projection(set(), [None], jobs=2))
        return made[-1]

    yield start
    for projection in made:
        projection.close()


def test_a_stopped_build_does_not_wait_for_its_projection(forked_projection):
    """A 10,000-paper build stopped while its page was drawn waited 13.7 s for it."""
    projection = forked_projection(lambda *args, **kw: (_sleep(PATIENCE_S), None, None))
    pid = projection._process.pid
    time.sleep(SETTLE_S)
    start = time.monotonic()
    projection.close()
    assert time.monotonic() - start < PATIENCE_S / 2 and ended(pid)


def test_a_projection_killed_while_it_sends_its_result_is_an_error_not_a_hang(forked_projection):
    """A pool's worker killed while it sent its result left the pool's thread reading half
    a message for good: a stopped build hung in its clean-up."""
    projection = forked_projection(lambda *args, **kw: (b"x" * (64 << 20), None, None))
    time.sleep(SETTLE_S * 5)  # sending: blocked on the full pipe, nobody reading
    os.kill(projection._process.pid, signal.SIGKILL)
    with pytest.raises(RuntimeError, match="ended without its result"):
        projection.result()


def test_workers_ignore_stop_signals_and_end_with_the_build():
    """A worker that died of a stop sent to the whole process group while it sent its
    result left the pool's thread reading half a message for good (the build hung), and a
    terminal's Ctrl-C printed each worker's traceback (review, session 17)."""
    with stop_on_signals():
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"),
                                   initializer=die_with, initargs=(os.getpid(),))
        try:
            pid = pool.submit(_pid).result()
            task = pool.submit(_sleep, SETTLE_S * 2)
            time.sleep(SETTLE_S / 2)
            for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
                os.kill(pid, signum)
            try:
                outcome = task.result(timeout=PATIENCE_S)
            except BaseException as exc:  # a Stopped, uncaught, would end the whole test run
                outcome = exc
            assert outcome == pid  # the task ended as it would have
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


# ---- the command line, in a process of its own --------------------------------------------


def _cli_build(papers: Path, out: Path, *options: str, group: bool = False) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cli", "build", str(papers), "--out", str(out), *options],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=group)


@pytest.fixture(scope="module")
def scaled(tmp_path_factory) -> tuple[Path, Path]:
    """300 papers (benchmarks/scale_corpus.py: the forked fragment and projection
    processes run at this size) and a build of them, whose extraction cache the tests copy."""
    from benchmarks.scale_corpus import write_corpus

    base = tmp_path_factory.mktemp("scaled")
    papers = base / "papers"
    write_corpus(300, papers)
    out = base / "out"
    build_project([papers], out)
    return papers, out


def _with_extractions_only(built: Path, out: Path) -> None:
    """``out`` with ``built``'s outputs and extraction cache, no fragment cache: a build
    into it extracts nothing and makes the whole graph again (its longest stage)."""
    shutil.copytree(built, out, ignore=shutil.ignore_patterns("graph", "*.layout", "page.state"))


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGINT])  # SIGTERM: the next test
def test_minekg_build_stopped_in_its_graph_stage_says_so_and_leaves_nothing(tmp_path, scaled, signum):
    papers, built = scaled
    out = tmp_path / "out"
    _with_extractions_only(built, out)
    before = _state(out)
    proc = _cli_build(papers, out)
    wait_until(proc, lambda: (out / "store.tmp").exists(), "store.tmp", PATIENCE_S)
    proc.send_signal(signum)
    stdout, stderr = proc.communicate(timeout=PATIENCE_S)
    name = "Ctrl-C" if signum == signal.SIGINT else signal.Signals(signum).name
    assert proc.returncode == 1, stderr
    assert f"Error: stopped by {name}: nothing written, the outputs in {out} are the previous build's" in stderr
    assert "Traceback" not in stderr
    assert _state(out) == before
    assert _leftovers(out) == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_minekg_build_stopped_with_its_process_group_leaves_no_process(tmp_path, scaled, signum):
    """systemd's default (KillMode=control-group) signals every process of the service, a
    terminal's Ctrl-C every process of the foreground group."""
    papers, built = scaled
    out = tmp_path / "out"
    _with_extractions_only(built, out)
    before = _state(out)
    proc = _cli_build(papers, out, group=True)
    wait_until(proc, lambda: (out / "store.tmp").exists(), "store.tmp", PATIENCE_S)
    group = _group(proc.pid)
    os.killpg(proc.pid, signum)
    _, stderr = proc.communicate(timeout=PATIENCE_S)
    name = "Ctrl-C" if signum == signal.SIGINT else "SIGTERM"
    assert proc.returncode == 1 and f"stopped by {name}: nothing written" in stderr, stderr
    assert "Traceback" not in stderr  # not one per worker
    assert _state(out) == before
    assert _leftovers(out) == []
    deadline = time.monotonic() + 10
    group += _group(proc.pid)  # and those forked after the first look
    while not all(ended(pid) for pid in group) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [pid for pid in group if not ended(pid)] == []


def _group(pgid: int) -> list[int]:
    """The processes of process group ``pgid``."""
    return [int(p.name) for p in Path("/proc").iterdir()
            if p.name.isdigit() and (proc_stat(p.name) or [None] * 3)[2] == str(pgid)]


def _entries(out: Path) -> list[Path]:
    """The extraction cache's entries (``<sha-256>.json``)."""
    return [p for p in (out / "cache").glob("*.json") if len(p.stem) == 64]


def test_minekg_build_stopped_while_extracting_keeps_what_it_extracted(tmp_path):
    from benchmarks.scale_corpus import write_corpus

    papers, out = tmp_path / "papers", tmp_path / "out"
    n = len(write_corpus(40, papers))
    proc = _cli_build(papers, out, "--jobs", "2")
    wait_until(proc, lambda: len(_entries(out)) >= 3, "three cache entries", PATIENCE_S)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=PATIENCE_S)
    assert proc.returncode == 1
    assert (f"stopped by SIGTERM: nothing written, the outputs in {out} are the previous build's; the papers "
            f"extracted before the stop are kept in {out}/cache") in " ".join(stderr.split())
    assert sorted(p.name for p in out.iterdir()) == ["cache"]
    assert _leftovers(out) == []
    kept = len(_entries(out))
    again = subprocess.run([sys.executable, "-m", "cli", "build", str(papers), "--out", str(out)],
                           cwd=ROOT, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    counts = re.search(r"(\d+) files extracted, (\d+) taken from", again.stderr)
    assert counts and (int(counts[1]), int(counts[2])) == (n - kept, kept) and kept >= 3
