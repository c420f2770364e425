"""The Oxigraph store on disk, used through rdflib's API (oxrdflib).

:func:`load_store` bulk-loads ``graph.ttl`` into a fresh store folder and swaps it into
place (:func:`swap_store`), so a failed build leaves the previous store usable. :func:`open_graph` opens a
store as an :class:`rdflib.Graph` (``Graph(store="Oxigraph")``).
"""
from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from extract.errors import MinekgError

from .vocab import PREFIXES


class StoreError(MinekgError):
    """The store folder is missing, locked or not an Oxigraph store."""


def load_store(ttl_path: str | Path, store_dir: str | Path) -> None:
    """Load a Turtle file into a new Oxigraph store at ``store_dir``.

    The store is written next to ``store_dir`` under a temporary name and renamed into
    place (:func:`swap_store`); an existing store is replaced only once the new one is
    complete.

    Raises:
        StoreError: the store cannot be written (disk full, folder locked by a running
            ``minekg serve``).
    """
    import pyoxigraph as ox

    store_dir = Path(store_dir)
    tmp = store_dir.with_name(store_dir.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    try:
        store = ox.Store(str(tmp))
        store.bulk_load(path=str(ttl_path), format=ox.RdfFormat.TURTLE)
        store.flush()
        del store
    except OSError as exc:
        raise StoreError(f"{store_dir}: cannot write the store ({exc}); is `minekg serve` "
                         "running on it? Stop it and build again") from exc
    swap_store(tmp, store_dir)


def load_store_parts(parts: Iterable[bytes], store_dir: str | Path) -> None:
    """Like :func:`load_store`, from Turtle documents given one after the other (each
    with its ``@prefix`` lines): the bulk loader's memory follows the size of a part,
    not of the graph.

    Raises:
        StoreError: the store cannot be written.
    """
    import pyoxigraph as ox

    store_dir = Path(store_dir)
    tmp = store_dir.with_name(store_dir.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    try:
        store = ox.Store(str(tmp))
        for data in parts:
            store.bulk_load(input=data, format=ox.RdfFormat.TURTLE)
        store.flush()
        del store
    except OSError as exc:
        raise StoreError(f"{store_dir}: cannot write the store ({exc}); is `minekg serve` "
                         "running on it? Stop it and build again") from exc
    swap_store(tmp, store_dir)


def swap_store(tmp: str | Path, store_dir: str | Path) -> None:
    """Put the complete store ``tmp`` in the place of ``store_dir`` (two renames; the
    old store is deleted once the new one is in place).

    Raises:
        StoreError: a folder cannot be renamed (a running ``minekg serve`` holds it).
    """
    tmp, store_dir = Path(tmp), Path(store_dir)
    old = store_dir.with_name(store_dir.name + ".old")
    try:
        if old.exists():
            shutil.rmtree(old)
        if store_dir.exists():
            store_dir.rename(old)
        tmp.rename(store_dir)
        if old.exists():
            shutil.rmtree(old)
    except OSError as exc:
        raise StoreError(f"{store_dir}: cannot write the store ({exc}); is `minekg serve` "
                         "running on it? Stop it and build again") from exc


def open_graph(store_dir: str | Path, read_only: bool = True) -> Graph:
    """Open a built store as an rdflib ``Graph`` backed by Oxigraph.

    Args:
        store_dir: the ``store/`` folder of a build.
        read_only: open without taking the write lock (several readers may share it).

    Raises:
        StoreError: no store there (build first).
    """
    import pyoxigraph as ox
    from oxrdflib import OxigraphStore

    store_dir = Path(store_dir)
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
