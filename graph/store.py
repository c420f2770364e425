"""The Oxigraph store on disk, used through rdflib's API (oxrdflib).

:func:`write_store_parts` bulk-loads the graph's Turtle into a fresh store folder (the build
stages it and puts it in place with its other outputs, :mod:`graph.commit`).
:func:`open_graph` opens a store as an :class:`rdflib.Graph` (``Graph(store="Oxigraph")``).
"""
from __future__ import annotations

import threading
import traceback
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from extract.errors import MinekgError

from .atomic import old_copy
from .vocab import PREFIXES


class StoreError(MinekgError):
    """The store folder is missing, locked or not an Oxigraph store."""


def write_store_parts(parts: Iterable[bytes], store_dir: str | Path, after: Iterable[bytes] = (),
                      threads: int = 1, lenient: bool = False) -> Path:
    """Bulk-load Turtle documents, given one after the other (each with its ``@prefix``
    lines), into a new Oxigraph store at ``store_dir``: the bulk loader's memory follows
    the size of a part, not of the graph. ``minekg build`` writes the store this way into
    its staging folder (:mod:`graph.commit` puts it in place with the other outputs).

    Args:
        parts: Turtle documents (UTF-8 bytes).
        store_dir: a folder that does not exist yet.
        after: Turtle documents loaded once ``parts`` are compacted, left as they are
            loaded (a few small files beside the compacted ones): the build's shared
            block, which can only be made once every fragment is, so that the compaction
            runs while the build makes it, checks the shapes and draws the page
            (:class:`graph.fragments._Loader`).
        threads: load this many of ``parts`` at a time, each in a thread of its own (the
            bulk loader releases the GIL; ``parts`` is read by one thread at a time), with
            that many parts' memory. One load of a part keeps one core busy: at 10,000
            papers, once the fragment workers were done the build waited for the load of
            the parts they had made ahead of it, on one core while the other was idle.
        lenient: skip the parser's checks of IRIs (Oxigraph's ``lenient``): for Turtle
            this project wrote (:mod:`graph.turtle`, whose IRIs are its vocabulary's and
            hashes), which loads the same triples with less CPU (8 MB parts of the
            10,000-paper graph, best of 3: 6.3 against 6.6 s for 80 MB; the stores'
            quads the same, ``tests/test_graph_fast_paths.py``).

    The loaded store is then compacted (``Store.optimize``): each part is ingested as
    sorted files of its own whose keys span the whole index, so a lookup merged some 60
    of them. Compacted, the named queries on the 10,000-paper graph ran 2 to 4 times
    faster (the same store copied and compacted, each query best of 3 through pyoxigraph
    on a shared machine: ``mechanisms`` 37.8 s → 8.4 s, ``practice_chain`` 6.6 → 2.0 s);
    the compaction took 18 s and 43 MB there, 1.8 s at 1,000 papers. A store updated in
    place (:mod:`graph.fragments`) is a copy of a compacted one with a few changes.

    Returns:
        ``store_dir``, a complete store flushed to disk.

    Raises:
        StoreError: the store cannot be written (disk full, no permission).
        Whatever reading ``parts`` or ``after`` raises (the other threads stop first).
    """
    import pyoxigraph as ox

    store_dir = Path(store_dir)
    store = None
    try:
        store = ox.Store(str(store_dir))
        _load_parts(store, parts, max(1, threads), lenient)
        store.optimize()
        for data in after:
            store.bulk_load(input=data, format=ox.RdfFormat.TURTLE, lenient=lenient)
        store.flush()
    except BaseException as exc:
        # The error's frames hold the store, open, and with it RocksDB's lock on the
        # folder, for as long as the error is kept (a future keeps it): measured, a build
        # stopped while its store loaded left the next build in the same process unable to
        # open the folder ("lock hold by current process").
        store = None
        traceback.clear_frames(exc.__traceback__)
        if isinstance(exc, OSError):
            raise StoreError(f"{store_dir}: cannot write the store ({exc})") from exc
        raise
    del store
    return store_dir


def _load_parts(store, parts: Iterable[bytes], threads: int, lenient: bool = False) -> None:
    """Bulk-load each of ``parts`` into ``store``, ``threads`` at a time; raises the first
    error once every thread has stopped (a part read after an error is not loaded)."""
    import pyoxigraph as ox

    it = iter(parts)
    if threads == 1:
        for data in it:
            store.bulk_load(input=data, format=ox.RdfFormat.TURTLE, lenient=lenient)
        return
    lock = threading.Lock()
    errors: list[BaseException] = []

    def load() -> None:
        while True:
            with lock:  # a generator runs in one thread at a time
                if errors:
                    return
                try:
                    data = next(it, None)
                except BaseException as exc:
                    errors.append(exc)
                    return
            if data is None:
                return
            try:
                store.bulk_load(input=data, format=ox.RdfFormat.TURTLE, lenient=lenient)
            except BaseException as exc:
                with lock:
                    errors.append(exc)
                return

    workers = [threading.Thread(target=load, name=f"minekg store load {k}", daemon=True) for k in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    if errors:
        raise errors[0]


def open_graph(store_dir: str | Path, read_only: bool = True) -> Graph:
    """Open a built store as an rdflib ``Graph`` backed by Oxigraph.

    Args:
        store_dir: the ``store/`` folder of a build.
        read_only: open without taking the write lock (several readers may share it).
            When ``store_dir`` is missing because a build is swapping its new store in
            (or was killed doing so), the previous store, at ``store_dir.old``, is
            opened instead.

    Raises:
        StoreError: no store there (build first).
    """
    import pyoxigraph as ox
    from oxrdflib import OxigraphStore

    store_dir = Path(store_dir)
    if not store_dir.is_dir() and read_only and old_copy(store_dir).is_dir():
        # A build is putting its new store in place (or was killed doing so): the
        # previous store is complete, aside (graph/atomic.py replace_dir).
        store_dir = old_copy(store_dir)
    if not store_dir.is_dir():
        raise StoreError(f"{store_dir}: no graph store here; run `minekg build PAPERS --out DIR` "
                         "first, or give --store DIR/store")
    try:
        # The graph must be the store's default graph: a plain Graph() would query a
        # named graph of its own, random identifier and find nothing.
        if read_only:
            g = Graph(store=OxigraphStore(store=ox.Store.read_only(str(store_dir))),
                      identifier=DATASET_DEFAULT_GRAPH_ID)
        else:
            g = Graph(store="Oxigraph", identifier=DATASET_DEFAULT_GRAPH_ID)
            g.open(str(store_dir))
    except OSError as exc:
        raise StoreError(f"{store_dir}: cannot open the store ({exc})") from exc
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g
