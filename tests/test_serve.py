"""`minekg serve` beside builds (graph/server.py): a writable server holds the output folder
as a build does, a read-only one follows the builds, and either stops with its command.

Measured before: a build beside a writable server swapped a new store in while the server
went on writing to the old one, deleted (an update it accepted was in no store on disk); a
read-only server answered from the previous build's store until restarted; and
``kill PID`` of ``minekg serve`` left the oxigraph server running, holding the port.
"""
from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from extract.signals import exit_on_signals
from graph.commit import identity
from graph.lock import FolderBusy, build_lock
from graph.project import build_project
from graph.query import result_rows, run_sparql
from graph.server import EndpointError, free_port, start_server, sparql_update
from graph.store import open_graph

from .conftest import PAPERS, ROOT, ended

#: Seconds to wait for a server's line or its end before the test gives up (a safety net,
#: far above what any of them takes).
GIVE_UP_S = 60

BUSY = "another minekg build, or a writable `minekg serve`, is writing to this folder"


def _papers(tmp_path: Path, n: int) -> Path:
    """A folder with the ``n`` smallest bundled papers (real ones, quick to build)."""
    folder = tmp_path / "papers"
    folder.mkdir(exist_ok=True)
    for paper in sorted(PAPERS.iterdir(), key=lambda p: p.stat().st_size)[:n]:
        shutil.copy(paper, folder / paper.name)
    return folder


def _count(url: str) -> int:
    return int(result_rows(run_sparql(None, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", url))[1][0][0])


def _serve(*args: str) -> tuple[subprocess.Popen, "queue.Queue[str]"]:
    """``minekg serve ARGS`` in a process of its own, and a queue of its output lines."""
    proc = subprocess.Popen([sys.executable, "-c", "import cli; cli.main()", "serve", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()
    return proc, lines


def _children(pid: int) -> list[int]:
    return [int(c) for t in Path(f"/proc/{pid}/task").iterdir()
            for c in (t / "children").read_text().split()]


def test_a_writable_server_holds_the_folder_against_builds(tmp_path):
    papers = _papers(tmp_path, 1)
    out = tmp_path / "out"
    build_project([papers], out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    server = start_server(out / "store", port=free_port(), writable=True)
    try:
        with pytest.raises(FolderBusy, match=BUSY):
            build_project([PAPERS], out)
        result = CliRunner().invoke(cli.main, ["build", str(PAPERS), "--out", str(out)])
        assert result.exit_code == 1 and BUSY in result.output
        # what the server was given is in the store it writes, the one in place
        sparql_update(server.update_url, 'INSERT DATA { <urn:minekg:test> <urn:minekg:said> "kept" }')
    finally:
        server.stop()
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    store = open_graph(out / "store")
    assert len(list(store.triples((None, None, None)))) > 0
    assert run_sparql(store, 'ASK { <urn:minekg:test> <urn:minekg:said> "kept" }').askAnswer
    build_project([PAPERS], out)  # the server gone, the folder builds again


def test_the_writable_server_itself_holds_the_folder(tmp_path):
    """The oxigraph process is given the lock too: a server left running after its
    ``minekg serve`` was killed still keeps builds out of the store it writes."""
    out = tmp_path / "out"
    server = start_server(out / "store", port=free_port(), writable=True)
    try:
        server.lock.close()  # what this process held; the server's copy remains
        with pytest.raises(FolderBusy, match=BUSY):
            with build_lock(out):
                pass
    finally:
        server.stop()
    with build_lock(out):
        pass


def test_a_server_interrupted_while_starting_is_stopped(tmp_path, monkeypatch):
    """A signal while the server starts (``SystemExit`` from ``minekg serve``'s handler,
    ``KeyboardInterrupt``) stops it: it was left running, holding the port and the folder."""
    import graph.server

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    out = tmp_path / "out"
    port = free_port()
    monkeypatch.setattr(graph.server, "_request", interrupted)
    with pytest.raises(KeyboardInterrupt):
        start_server(out / "store", port=port, writable=True)
    monkeypatch.undo()
    with build_lock(out):
        pass
    start_server(out / "store", port=port, writable=True).stop()


def test_a_writable_server_does_not_start_while_a_build_writes(tmp_path):
    out = tmp_path / "out"
    with build_lock(out):
        with pytest.raises(EndpointError, match=BUSY) as caught:
            start_server(out / "store", port=free_port(), writable=True)
        assert "--store" in str(caught.value)
    start_server(out / "store", port=free_port(), writable=True).stop()


def test_a_read_only_server_follows_a_rebuild(tmp_path):
    papers = _papers(tmp_path, 1)
    out = tmp_path / "out"
    build_project([papers], out)
    port = free_port()
    proc, lines = _serve("--store", str(out / "store"), "--port", str(port))
    url = f"http://127.0.0.1:{port}/query"
    try:
        assert "(read-only)" in lines.get(timeout=GIVE_UP_S)
        first = _count(url)
        _papers(tmp_path, 2)  # one more paper
        build_project([papers], out)
        assert "changed (a build put a new store in place); serving it" in lines.get(timeout=GIVE_UP_S)
        now = _count(url)
        assert now > first
        assert now == len(list(open_graph(out / "store").triples((None, None, None))))
    finally:
        proc.terminate()
        proc.wait(GIVE_UP_S)


def test_a_read_only_server_tries_again_when_the_new_store_cannot_be_served(tmp_path):
    """A store that cannot be opened when the server restarts (a build that replaced it
    again meanwhile) leaves the command running; it serves the next store put in place."""
    out = tmp_path / "out"
    build_project([_papers(tmp_path, 1)], out)
    store, aside = out / "store", out / "store.aside"
    port = free_port()
    proc, lines = _serve("--store", str(store), "--port", str(port))
    try:
        assert "(read-only)" in lines.get(timeout=GIVE_UP_S)
        first = _count(f"http://127.0.0.1:{port}/query")
        store.rename(aside)
        store.mkdir()  # no store Oxigraph can open
        assert "cannot serve it (" in lines.get(timeout=GIVE_UP_S)
        assert proc.poll() is None
        store.rmdir()
        aside.rename(store)
        assert "changed (a build put a new store in place); serving it" in lines.get(timeout=GIVE_UP_S)
        assert _count(f"http://127.0.0.1:{port}/query") == first
    finally:
        proc.terminate()
        proc.wait(GIVE_UP_S)


@pytest.mark.parametrize("sigs", [[signal.SIGTERM], [signal.SIGHUP], [signal.SIGINT],
                                  [signal.SIGTERM, signal.SIGHUP]], ids=["TERM", "HUP", "INT", "TERM+HUP"])
@pytest.mark.parametrize("writable", [False, True], ids=["read-only", "writable"])
def test_serve_stopped_by_a_signal_stops_the_oxigraph_server(tmp_path, sigs, writable):
    """``kill`` of ``minekg serve`` (a service manager's stop; systemd may send SIGHUP right
    after SIGTERM) stops its oxigraph server: it was left running, holding the port."""
    out = tmp_path / "out"
    build_project([_papers(tmp_path, 1)], out)
    port = free_port()
    for _ in range(3 if len(sigs) > 1 else 1):
        proc, lines = _serve("--store", str(out / "store"), "--port", str(port),
                             *(["--writable"] if writable else []))
        try:
            assert "SPARQL endpoint" in lines.get(timeout=GIVE_UP_S)
            servers = _children(proc.pid)
            assert len(servers) == 1
            first, *then = sigs
            proc.send_signal(first)
            while then and proc.poll() is None:  # the next ones all through the stop
                proc.send_signal(then[0])
                time.sleep(0.002)
            # 0; or, once the server is stopped, ended by a later signal as any program is
            assert proc.wait(GIVE_UP_S) in (0, *(-sig for sig in then))
            time.sleep(0.2)  # the reader thread's last lines
            said = list(lines.queue)
            assert not [line for line in said if "Traceback" in line or "Error" in line], said
            deadline = time.monotonic() + GIVE_UP_S
            while not ended(servers[0]) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert ended(servers[0])
        finally:
            if proc.poll() is None:
                proc.kill()
        with build_lock(out):  # nothing holds the folder
            pass
        start_server(out / "store", port=port).stop()  # nor the port


def test_a_server_that_stops_by_itself_ends_the_command_with_its_error(tmp_path):
    out = tmp_path / "out"
    build_project([_papers(tmp_path, 1)], out)
    proc, lines = _serve("--store", str(out / "store"), "--port", str(free_port()))
    try:
        assert "SPARQL endpoint" in lines.get(timeout=GIVE_UP_S)
        [server] = _children(proc.pid)
        os.kill(server, signal.SIGKILL)
        assert proc.wait(GIVE_UP_S) == 1
        said = lines.get(timeout=GIVE_UP_S)
        assert "oxigraph stopped by itself (exit status -9)" in said
        assert "Listening" not in said  # what it wrote first, not its error
    finally:
        if proc.poll() is None:
            proc.kill()


def test_a_store_folder_made_again_is_another_store(tmp_path):
    """Inodes are reused (ext4 gave a new store the inode of one removed a build before):
    the change time tells the folders apart."""
    folder = tmp_path / "store"
    seen = set()
    for _ in range(5):
        folder.mkdir()
        seen.add(identity(folder))
        folder.rmdir()
    assert len(seen) == 5


def test_under_exit_on_signals_the_first_signal_exits_and_the_next_do_nothing():
    """The stop that the first signal starts is not interrupted by the next (systemd's
    SIGHUP right after SIGTERM): it left the server running."""
    before = signal.getsignal(signal.SIGHUP)
    stopped = []
    with pytest.raises(SystemExit) as caught:
        with exit_on_signals():
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(GIVE_UP_S)  # a handler runs at once, in the main thread
            finally:
                os.kill(os.getpid(), signal.SIGHUP)
                os.kill(os.getpid(), signal.SIGINT)
                stopped.append(True)
    assert caught.value.code == 0 and stopped == [True]
    assert signal.getsignal(signal.SIGHUP) is before
