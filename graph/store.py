"""The Oxigraph store on disk, used through rdflib's API (oxrdflib).

:func:`write_store` bulk-loads ``graph.ttl`` into a fresh store folder; :func:`load_store`
also swaps it into place, so a failed build leaves the previous store usable.
:func:`open_graph` opens a store as an :class:`rdflib.Graph` (``Graph(store="Oxigraph")``).
"""
from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from extract.errors import MinekgError

from .atomic import old_copy, replace_dir
from .vocab import PREFIXES


class StoreError(MinekgError):
    """The store folder is missing, locked or not an Oxigraph store."""


def write_store(ttl_path: str | Path, store_dir: str | Path) -> Path:
    """Bulk-load a Turtle file into a new Oxigraph store at ``store_dir``.

    Args:
        ttl_path: the Turtle file (``graph.ttl``).
        store_dir: a folder that does not exist yet.

    Returns:
        ``store_dir``, a complete store flushed to disk.

    Raises:
        StoreError: the store cannot be written (disk full, no permission).
    """
    import pyoxigraph as ox

    return _write(store_dir, lambda store: store.bulk_load(path=str(ttl_path), format=ox.RdfFormat.TURTLE))


def write_store_parts(parts: Iterable[bytes], store_dir: str | Path) -> Path:
    """Like :func:`write_store`, from Turtle documents given one after the other (each
    with its ``@prefix`` lines): the bulk loader's memory follows the size of a part,
    not of the graph.

    Raises:
        StoreError: the store cannot be written.
    """
    import pyoxigraph as ox

    def load(store) -> None:
        for data in parts:
            store.bulk_load(input=data, format=ox.RdfFormat.TURTLE)

    return _write(store_dir, load)


def _write(store_dir: str | Path, fill) -> Path:
    import pyoxigraph as ox

    store_dir = Path(store_dir)
    try:
        store = ox.Store(str(store_dir))
        fill(store)
        store.flush()
        del store
    except OSError as exc:
        raise StoreError(f"{store_dir}: cannot write the store ({exc})") from exc
    return store_dir


def load_store(ttl_path: str | Path, store_dir: str | Path) -> None:
    """Load a Turtle file into a new Oxigraph store at ``store_dir``.

    The store is written next to ``store_dir`` under a temporary name and swapped into
    place (:func:`swap_store`); an existing store is replaced only once the new one is
    complete. (``minekg build`` stages the store with its other outputs instead:
    :mod:`graph.commit`.)

    Raises:
        StoreError: the store cannot be written (disk full, folder locked by a running
            ``minekg serve``).
    """
    store_dir = Path(store_dir)
    tmp = store_dir.with_name(store_dir.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    write_store(ttl_path, tmp)
    swap_store(tmp, store_dir)


def swap_store(tmp: str | Path, store_dir: str | Path) -> None:
    """Put the complete store ``tmp`` in the place of ``store_dir``
    (:func:`graph.atomic.replace_dir`: readers meanwhile open the previous one).

    Raises:
        StoreError: a folder cannot be renamed (a running ``minekg serve`` holds it).
    """
    try:
        replace_dir(tmp, store_dir)
    except OSError as exc:
        raise StoreError(f"{store_dir}: cannot write the store ({exc}); is `minekg serve` "
                         "running on it? Stop it and build again") from exc


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
