"""The Oxigraph SPARQL server over a built store, and pushing a graph to any SPARQL 1.1
server (DESIGN.md «Stores»: a user who outgrows one process points the same commands at
a server).

:func:`start_server` runs the ``oxigraph`` command line (the ``oxigraph`` PyPI package)
as a child process, and :func:`serve_until_stopped` keeps one running beside the builds
(``minekg serve``); :func:`push` loads ``graph.ttl`` with the SPARQL 1.1 Graph Store
HTTP Protocol; :func:`sparql_update` sends an update. Only the standard library's
``urllib`` talks HTTP, so any conforming server works (Fuseki, GraphDB …).
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from extract.errors import MinekgError

from .commit import identity
from .lock import FolderBusy, FolderUnwritable, build_lock


class EndpointError(MinekgError):
    """A SPARQL server cannot be started, reached, or refuses a request."""


@dataclass
class Server:
    """A running ``oxigraph serve`` child process.

    Attributes:
        process: the child process (stop it with :meth:`stop`).
        url: the server's base URL (``http://127.0.0.1:7878``); SPARQL queries go to
            :attr:`query_url`, updates to :attr:`update_url`, Graph Store Protocol
            requests to :attr:`store_url`.
        writable: whether it accepts updates.
        lock: a writable server's hold on the build lock of its store's folder
            (:func:`graph.lock.build_lock`), released by :meth:`stop`; ``None`` when
            read-only.
    """

    process: subprocess.Popen
    url: str
    writable: bool
    lock: ExitStack | None = field(default=None, repr=False)

    @property
    def query_url(self) -> str:
        return self.url + "/query"

    @property
    def update_url(self) -> str:
        return self.url + "/update"

    @property
    def store_url(self) -> str:
        return self.url + "/store"

    def stop(self, timeout: float = 10) -> None:
        """Terminate the server and wait for it (kill it if it does not stop); then release
        the folder's build lock."""
        try:
            if self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(timeout)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait(timeout)
        finally:
            if self.lock is not None:
                self.lock.close()
                self.lock = None


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable: next to this Python (a venv) or on ``PATH``.

    Raises:
        EndpointError: not installed.
    """
    local = Path(sys.executable).with_name("oxigraph")
    found = str(local) if local.is_file() else shutil.which("oxigraph")
    if not found:
        raise EndpointError("the `oxigraph` server is not installed; run `pip install oxigraph`")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def start_server(store_dir: str | Path, port: int = 7878, writable: bool = False,
                 host: str = "127.0.0.1", wait: float = 30) -> Server:
    """Start ``oxigraph serve-read-only`` (or ``serve`` when ``writable``) on a store.

    Args:
        store_dir: the Oxigraph store folder (``build/store``); a writable server
            creates it if missing.
        port: TCP port to bind on ``host``.
        writable: accept SPARQL updates and Graph Store writes. The writable server
            holds the build lock of the store's folder (:func:`graph.lock.build_lock`) for
            as long as it runs, it and this process both: a build into that folder is
            refused meanwhile. Without it the build swapped a new store in and the server
            went on writing to the old one, deleted (measured: an ``INSERT DATA`` the
            server accepted after the build was in no store on disk).
        host: interface to bind; the default keeps the server local to this machine.
        wait: seconds to wait until the server answers.

    Returns:
        The running :class:`Server`, already answering queries.

    Raises:
        EndpointError: no store there (read-only), the binary is missing, the port is
            taken, a build is writing to the store's folder (writable), or the server did
            not answer in time.
    """
    store_dir = Path(store_dir)
    if not writable and not store_dir.is_dir():
        raise EndpointError(f"{store_dir}: no graph store here; run `minekg build PAPERS --out DIR` first")
    cmd = [oxigraph_binary(), "serve" if writable else "serve-read-only",
           "--location", str(store_dir), "--bind", f"{host}:{port}"]
    hold = ExitStack()
    proc: subprocess.Popen | None = None
    server: Server | None = None
    try:
        held: tuple[int, ...] = ()
        if writable:
            try:
                held = (hold.enter_context(build_lock(store_dir.parent, option="--store")),)
            except (FolderBusy, FolderUnwritable) as exc:
                raise EndpointError(str(exc)) from None
        # The child holds the lock too, so that it stays held while a writable server
        # runs, even when this process is killed and the server left running.
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, pass_fds=held)
        server = Server(proc, f"http://{host}:{port}", writable, hold if writable else None)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise EndpointError(f"oxigraph stopped at once: {_last_words(proc)} (is port {port} taken, "
                                    "or the store locked by another server or replaced by a build meanwhile?)")
            try:
                _request(server.query_url + "?query=" + urllib.parse.quote("ASK {}"), timeout=1)
                return server
            except EndpointError:
                time.sleep(0.1)
        raise EndpointError(f"oxigraph did not answer on {server.url} within {wait:g} s")
    except BaseException:
        # a signal (SystemExit, KeyboardInterrupt) too: no server left running
        if server is not None:
            server.stop()
        elif proc is not None:
            proc.kill()
            proc.wait()
        hold.close()
        raise


def _last_words(proc: subprocess.Popen) -> str:
    """Oxigraph's error on the standard error of a server that stopped: its first line
    that starts with ``Error``, else its last line but the one that says where it listens
    (a running server writes that first; a backtrace follows the error when
    ``RUST_BACKTRACE`` is set); ``""`` when it said nothing else (killed)."""
    text = proc.stderr.read().decode("utf-8", "replace").strip() if proc.stderr else ""
    lines = [line for line in text.splitlines() if not line.startswith("Listening for requests")]
    return next((line for line in lines if line.startswith("Error")), lines[-1] if lines else "")


def serve_until_stopped(store_dir: str | Path, port: int = 7878, writable: bool = False,
                        started: Callable[[Server, bool], None] = lambda server, again: None,
                        failed: Callable[[EndpointError], None] = lambda error: None,
                        poll: float = 1.0) -> None:
    """Run :func:`start_server` until this process is interrupted (``KeyboardInterrupt``:
    Ctrl-C, or any stop signal under :func:`extract.signals.stop_on_signals`;
    ``SystemExit``), then stop the server; what ``minekg serve`` runs.

    A read-only server follows the builds: Oxigraph reads the store it opened, and a build
    puts a new store in place by renaming folders (:mod:`graph.commit`), so a server left
    alone answered from the previous build's store, deleted, until it was restarted
    (measured: a paper added to four and built, the endpoint still counted 4,771 triples,
    the store on disk 7,899). When ``store_dir`` is another folder than the one the server
    opened (:func:`graph.commit.identity`), the server is stopped and started again on it,
    on the same port: queries sent during the restart are refused (it took 0.1 s, on the
    store of 10,000 papers too). A restart that fails (a build replaced the store again
    while the server opened it: seen in back-to-back rebuilds) is tried again at each
    look until one answers. A writable server holds the build lock of the folder, so no
    build replaces its store.

    Args:
        store_dir, port, writable: as for :func:`start_server`.
        started: called with the running server, and whether it was restarted on a new
            store, each time one answers.
        failed: called with the error of a restart that failed, unless the one before
            failed with the same.
        poll: seconds between two looks at ``store_dir``.

    Raises:
        EndpointError: the server cannot be started, or stopped by itself (its last
            words in the message).
    """
    store_dir = Path(store_dir)
    server: Server | None = None
    try:
        serving = identity(store_dir)
        server = start_server(store_dir, port=port, writable=writable)
        started(server, False)
        failing = ""  # the last restart's error, reported once
        while True:
            if server is None:
                time.sleep(poll)
            else:
                try:
                    code = server.process.wait(None if writable else poll)
                except subprocess.TimeoutExpired:
                    code = None
                if code is not None:
                    words = _last_words(server.process)
                    raise EndpointError(f"oxigraph stopped by itself (exit status {code})"
                                        + (f": {words}" if words else ""))
            now = identity(store_dir)
            if now is None or (server is not None and now == serving):
                continue  # no store there only while a build swaps it in
            if server is not None:
                server.stop()
                server = None
            try:
                server = start_server(store_dir, port=port, writable=writable)
            except EndpointError as exc:
                if str(exc) != failing:
                    failed(exc)
                failing = str(exc)
                continue
            serving, failing = now, ""
            started(server, True)
    finally:
        if server is not None:
            server.stop()


def push(ttl_path: str | Path, endpoint: str, graph: str | None = None, replace: bool = True) -> None:
    """Load a Turtle file into a SPARQL 1.1 Graph Store Protocol endpoint.

    Args:
        ttl_path: the file (``build/graph.ttl``).
        endpoint: the Graph Store endpoint (Oxigraph: ``http://HOST:PORT/store``;
            Fuseki: ``http://HOST:PORT/DATASET/data``).
        graph: the named graph IRI to write; ``None`` writes the default graph.
        replace: ``PUT`` (replace the graph) when true, else ``POST`` (add to it).

    Raises:
        EndpointError: the file is missing, the server is unreachable or refuses the
            data (read-only server, wrong endpoint).
    """
    path = Path(ttl_path)
    if not path.is_file():
        raise EndpointError(f"{path}: no such file; run `minekg build` first or give --ttl")
    target = endpoint + ("&" if "?" in endpoint else "?") + (
        "graph=" + urllib.parse.quote(graph, safe="") if graph else "default")
    _request(target, data=path.read_bytes(), method="PUT" if replace else "POST",
             content_type="text/turtle; charset=utf-8", timeout=300)


def sparql_update(endpoint: str, update: str) -> None:
    """Send a SPARQL 1.1 Update to ``endpoint`` (Oxigraph: ``http://HOST:PORT/update``).

    Raises:
        EndpointError: the server refuses it (a read-only server does) or is unreachable.
    """
    _request(endpoint, data=update.encode("utf-8"), method="POST",
             content_type="application/sparql-update; charset=utf-8", timeout=300)


def _request(url: str, data: bytes | None = None, method: str = "GET", content_type: str | None = None,
             timeout: float = 30) -> bytes:
    req = urllib.request.Request(url, data=data, method=method)
    if content_type:
        req.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.read()
    except urllib.error.HTTPError as exc:
        body = exc.read().decode("utf-8", "replace").strip()[:300]
        raise EndpointError(f"{method} {url}: the server refused it ({exc.code} {exc.reason}): {body}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise EndpointError(f"{method} {url}: cannot reach the server ({exc})") from exc
