"""One build at a time in an output folder (graph/lock.py).

Before the lock, two ``minekg build`` of 100 papers started a second apart into one folder
both failed with Oxigraph's "No such file or directory" about the other build's
``store.tmp``. Now the second stops at once, says why, and touches nothing; the lock goes
with the process that held it, killed or not.
"""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from graph.lock import FolderBusy, build_lock
from graph.project import build_project

from .conftest import PAPERS, ROOT, ended, held_to_permissions

#: A process that holds the build lock of argv[1] until its stdin closes, or answers
#: whether it could take it (argv[2] == "try").
_HOLDER = """
import sys
from graph.lock import FolderBusy, build_lock
try:
    with build_lock(sys.argv[1]):
        print("held", flush=True)
        if sys.argv[2] == "hold":
            sys.stdin.read()
except FolderBusy as exc:
    print("busy:", exc, flush=True)
"""


def _holder(folder: Path, mode: str = "hold") -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", _HOLDER, str(folder), mode], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}


@pytest.fixture()
def one_paper(tmp_path) -> Path:
    """A folder with one bundled paper (a real one, quick to build)."""
    folder = tmp_path / "papers"
    folder.mkdir()
    paper = min(PAPERS.iterdir(), key=lambda p: p.stat().st_size)
    shutil.copy(paper, folder / paper.name)
    return folder


def test_a_second_build_into_a_busy_folder_stops_at_once_and_touches_nothing(tmp_path, one_paper):
    out = tmp_path / "out"
    build_project([one_paper], out)
    before = _outputs(out)
    cache_before = sorted(p.name for p in (out / "cache").rglob("*"))
    holder = _holder(out)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(FolderBusy, match="another minekg build, or a writable `minekg serve`, is writing to this folder") as caught:
            build_project([PAPERS], out)
        assert str(out) in str(caught.value)
        result = CliRunner().invoke(cli.main, ["build", str(PAPERS), "--out", str(out)])
        assert result.exit_code == 1
        assert "another minekg build, or a writable `minekg serve`, is writing to this folder" in result.output
        assert "--out" in result.output
    finally:
        holder.stdin.close()
        holder.wait()
    assert _outputs(out) == before
    assert sorted(p.name for p in (out / "cache").rglob("*")) == cache_before
    # the holder gone, the folder builds again
    summary, _ = build_project([PAPERS], out)
    assert summary.files == len(list(PAPERS.iterdir()))


def test_a_killed_holder_leaves_no_stale_lock(tmp_path):
    holder = _holder(tmp_path)
    assert holder.stdout.readline().strip() == "held"
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with build_lock(tmp_path):
        pass


def test_the_build_holds_the_lock_while_it_works_and_leaves_it_after(tmp_path, one_paper):
    out = tmp_path / "out"
    seen: list[str] = []

    def progress(path: str) -> None:
        probe = _holder(out, "try")
        seen.append(probe.communicate()[0].strip())

    build_project([one_paper], out, progress=progress, jobs=2)
    assert seen and all(s.startswith(f"busy: {out}: another minekg build") for s in seen), seen
    # no forked worker kept the lock: this process and others take it at once
    with build_lock(out):
        pass
    probe = _holder(out, "try")
    assert probe.communicate()[0].strip() == "held"


@pytest.mark.parametrize("where", ["folder", "inside"])
def test_a_folder_the_build_cannot_write_to_stops_it_before_it_reads_a_paper(tmp_path, one_paper, where):
    """A read-only output folder (or one inside it, which cannot be made) is one line naming
    it and exit status 1, not a traceback of PermissionError from the cache (before)."""
    locked = tmp_path / "ro"
    locked.mkdir()
    locked.chmod(0o555)
    out = locked if where == "folder" else locked / "out"
    try:
        proc = subprocess.run([*held_to_permissions(), sys.executable, "-m", "cli", "build", str(one_paper),
                               "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    finally:
        locked.chmod(0o755)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    reason = "cannot write to" if where == "folder" else "cannot make or open"
    assert f"Error: {out}: {reason} the output folder (Permission denied); choose another folder (--out)" \
        in proc.stderr
    assert list(locked.iterdir()) == []


#: A build of argv[1] into argv[2] with every process it can fork forked (thresholds
#: lowered), which prints the ids of its live child processes and waits to be killed when
#: it reaches the step argv[3] ("extracting": the first paper read).
_STOPPED_BUILD = """
import multiprocessing, sys, time
from graph import fragments
from graph.project import build_project
fragments.MIN_PARALLEL, fragments.CHUNK, fragments.MIN_FORKED_PROJECTION = 1, 1, 1
stage = sys.argv[3]

def stop():
    print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
    time.sleep(3600)

class Steps:
    def begin(self, label, total=None):
        if label == stage and stage != "making the graph":
            stop()
    def advance(self, n=1):
        if stage == "making the graph":  # a batch came back: the workers are alive
            stop()

build_project([sys.argv[1]], sys.argv[2], progress=(lambda p: stop()) if stage == "extracting" else None,
              steps=Steps(), jobs=2)
"""
#: A safety net so that a process that never ends cannot hang the suite; not a measurement.
GIVE_UP_S = 120


@pytest.mark.parametrize("stage", ["extracting", "making the graph", "drawing the page"])
def test_a_build_killed_with_its_workers_forked_leaves_neither_lock_nor_workers(tmp_path, stage):
    """Killed with SIGKILL while its extraction workers, fragment workers or projection
    process are alive: the folder builds again at once, and the workers end (before, idle
    workers held the lock for good and every later build was refused)."""
    import time

    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-c", _STOPPED_BUILD, str(PAPERS), str(out), stage], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    try:
        children = [int(pid) for pid in proc.stdout.readline().split()]
    finally:
        proc.kill()
        proc.wait()
    assert children, "no process was forked at that step"
    with build_lock(out):  # at once: no child kept the lock
        pass
    deadline = time.monotonic() + GIVE_UP_S
    while not all(ended(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(ended(pid) for pid in children), [p for p in children if not ended(p)]
    summary, _ = build_project([PAPERS], out)
    assert summary.files == len(list(PAPERS.iterdir()))
