"""The graph outputs of a build, made document by document and reused when unchanged.

:func:`write_graph` turns the records of a corpus into ``graph.ttl`` and ``store/``:

1. entity resolution over every record's organisations (:class:`graph.build.Resolver`);
2. one fragment per document (:func:`graph.triples.document_fragment`), kept in the
   fragment cache (``OUT/cache/graph``) under :func:`graph.triples.fragment_key` — the
   document's records and how the corpus resolves the names it uses — so a rebuild only
   makes the fragments of changed documents, and of documents whose organisations now
   resolve differently (many of them: in ``jobs`` forked processes, :func:`_make_fragments`);
   a document whose records did not change, in a corpus that declares the organisations
   the last build saw, keeps the key the state recorded for it;
3. the shared and global triples (labels chosen from every document's names), counted
   by the fragments that state them (``aggregate.marshal``, kept between builds: a rebuild
   reads the shared triples of the fragments that came and went only, and with them the
   shared triples it wrote, for the store update), and the practice
   summaries added up from every document's findings;
4. the SHACL shapes (:class:`graph.checks.ShapeChecker`) on the new fragments — each
   where it is made, as far as it alone decides, the rest settled against the shared
   triples (:func:`_check`) — and on the shared triples; a fragment taken from the
   cache was checked when it was made, and what it depends on outside itself is in its key;
5. ``graph.ttl``: the prefixes, the shared and global triples, then each document's
   triples, documents in name order — so a rebuild that reuses fragments writes the
   bytes a full build writes;
6. the store, in a thread: bulk-loaded from the fragments' blocks as they are made,
   compacted, then the shared block loaded (:class:`_Loader`), or, when a small part changed and the store
   is the one the previous build left, a copy of it updated in place (the triples of the
   old fragments out, the new ones in) while the shapes are checked;
7. the page's projection (:func:`graph.network.project_parts`): what each fragment
   contributes was worked out when it was made; joined with the shared triples, trimmed
   to the nodes the page shows — no query over the store; in a forked process
   (:class:`_Projection`) from :data:`MIN_FORKED_PROJECTION` documents. The union of the
   fragments' parts is kept counted between builds (:mod:`graph.page_parts`): a rebuild
   reads the parts of the fragments that came and went only.

Both files are staged (:class:`graph.commit.Staging`) and put in place with the build's other
outputs, so a build that fails or is killed changes none of them.
"""
from __future__ import annotations

import hashlib
import json
import marshal
import os
import shutil
from concurrent import futures
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from extract.records import ArticleRecord
from extract.signals import held_stops
from extract.stored import StoredRecord
from extract.workers import die_with

from .atomic import write_chunks, write_text
from .build import Resolver
from .commit import FileRange, Staging
from .steps import NoSteps, Steps
from .timing import Laps
from .shared_block import SharedBlock, shared_block
from .shared_counts import with_counts, with_counts_delta
from .turtle import block, block_indexed, header
from .triples import (DOCUMENT_NODE_PREFIXES, Triple, by_document, declared_nodes, document_fragment, document_node, fragment_key,
                      global_triples, merge_summaries, resolution, run_nodes, source_digest, summary_triples)

#: Bumped when the layout of the fragment cache or of its state file changes.
STATE_FORMAT = 1
#: Bumped when what a fragment's ``.json`` holds changes (the code of graph/network.py's
#: ``document_part`` is not in the fragment key): an entry of another layout is made again.
LAYOUT = 8  # 3: shared triples and names in <key>.agg; 4: practice summaries in <key>.json; 5: indicators;
# 6: the page's part in <key>.net; 7: one file, <key>.frag; 8: the shared triples and names in marshal's format
#: The suffix of a fragment's file (:class:`FragmentCache`).
SUFFIX = ".frag"
#: The suffixes of the files of a fragment in the layouts before 7 (pruned as leftovers).
_OLD_SUFFIXES = (".json", ".ttl", ".agg", ".net")
#: The counted shared triples and names of the last build's fragments, and its shared
#: triples (:meth:`FragmentCache.set_aggregate`), in the fragment cache.
AGGREGATE = "aggregate.marshal"
#: The declared organisation nodes of the last build's corpus, with the digest of its
#: organisations (:meth:`FragmentCache.set_declared`), in the fragment cache.
DECLARED = "declared.marshal"
#: The header of every fragment of the last build (:meth:`FragmentCache.set_index`), in the
#: fragment cache.
INDEX = "index.marshal"
#: Above this share of rebuilt documents the store is bulk-loaded rather than updated.
UPDATE_SHARE = 0.25


@dataclass
class GraphResult:
    """What :func:`write_graph` did.

    Attributes:
        triples: triples in ``graph.ttl`` and the store.
        documents: fragments (documents) in the graph; ``made``: fragments made in this
            build (the rest came from the cache).
        store: ``"loaded"`` (bulk load of ``graph.ttl``) or ``"updated"`` (in place).
        fragments: the cache keys of the fragments in the graph.
        network: what the page draws of the graph's projection (:func:`graph.network.project`
            trimmed to :data:`graph.viz.MAX_NODES` nodes), made from the fragments;
            ``None`` with ``infer`` (then project the store).
        page: what ``draw`` (:func:`write_graph`) returned for ``network``; ``None``
            without ``draw`` or ``network``.
        finish: wait for what goes on after :func:`write_graph` returned (the projection's
            process writing the page's part counts for the next build); call it once the
            build is committed, or failed.
    """

    triples: int
    documents: int
    made: int
    store: str
    fragments: list[str] = field(default_factory=list)
    network: nx.MultiDiGraph | None = None
    page: object = None
    finish: Callable[[], None] = field(default=lambda: None, repr=False)


class _Entry:
    """A document's fragment as the cache keeps it (one file, ``<key>.frag``,
    :class:`FragmentCache`): what the page's projection takes from its local triples
    (``net``: :func:`graph.network.document_part`, read when first asked), the count of
    local triples (on disk as a Turtle block), and — read when first asked, since a rebuild
    that keeps the corpus's aggregate needs them only for the fragments that came and
    went — its shared triples and names.

    Attributes:
        path: the fragment's file; ``at``: where its Turtle block starts in it (the header
            line's length); ``sizes``: the bytes of the Turtle block, the shared triples
            and names (marshal), the page's part (JSON), one after the other from ``at``.
    """

    __slots__ = ("key", "doc", "local", "_net", "summaries", "indicators", "path", "at", "sizes", "check")

    def __init__(self, key: str, doc: str, local: int, net: dict[str, list] | None, path: Path, at: int,
                 sizes: tuple[int, int, int], summaries: dict[str, dict] | None = None,
                 indicators: dict[str, dict] | None = None):
        self.key, self.doc, self.local, self._net = key, doc, local, net
        self.path, self.at, self.sizes = path, at, tuple(sizes)
        # What this document's findings add to each practice summary
        # (:attr:`graph.triples.Fragment.summaries`) and its outcomes to each indicator
        # summary (:func:`graph.summaries.indicator_part`): small, so kept with the entry.
        self.summaries = summaries or {}
        self.indicators = indicators or {}
        # A fragment made in this build: what the shapes found of it alone
        # (:meth:`graph.checks.ShapeChecker.check_fragment`), for :func:`_check`.
        self.check = None

    def _read(self, part: int) -> bytes:
        """Part ``part`` (0 Turtle block, 1 shared triples and names, 2 page's part) of the file."""
        with open(self.path, "rb") as fh:
            fh.seek(self.at + sum(self.sizes[:part]))
            data = fh.read(self.sizes[part])
        if len(data) != self.sizes[part]:
            raise ValueError(f"{self.path}: cut short")
        return data

    def ttl(self) -> bytes:
        """The local triples, a Turtle block without prefixes."""
        return self._read(0)

    def ttl_range(self) -> FileRange:
        """Where the Turtle block lies, for the kernel to copy (:class:`graph.commit.FileRange`)."""
        return FileRange(self.path, self.at, self.sizes[0])

    @property
    def net(self) -> dict[str, list]:
        """The page's part (:func:`graph.network.document_part`): the one made in this
        build, or read from the file (not kept: the projection reads each once).

        Raises:
            OSError, ValueError: the file is gone or broken (the cache changed under the build).
        """
        if self._net is not None:
            return self._net
        return json.loads(self._read(2))

    def shared_and_names(self) -> tuple[list[str], dict[str, list[str]], dict[str, list[str]]]:
        """The shared triples as N-Triples lines (without the final `` .``), and organisation
        and practice node → the names this document gives it. Read from the file each
        time, not kept: a build from nothing would hold every document's."""
        text, org_names, practice_names = marshal.loads(self._read(1))
        return (text.split("\n") if text else []), org_names, practice_names

    def kept(self) -> tuple:
        """What a fork worker sends back of an entry it made (:func:`_entry`)."""
        return (self.key, self.doc, self.local, self._net, str(self.path), self.at, self.sizes, self.summaries,
                self.indicators, self.check)


def _entry(kept: tuple) -> _Entry:
    """The entry of :meth:`_Entry.kept`."""
    key, doc, local, net, path, at, sizes, summaries, indicators, check = kept
    e = _Entry(key, doc, local, net, Path(path), at, sizes, summaries, indicators)
    e.check = check
    return e


class FragmentCache:
    """Fragments on disk, one file a fragment, ``<key>.frag``: a header line (JSON: the
    layout, the document, the count of local triples, its summaries, the sizes of the
    parts), then the local triples as a Turtle block without prefixes, the shared triples
    (N-Triples lines in one string) and names (marshal), and the page's part (JSON), which a
    rebuild reads in the process that projects the page (:class:`_Projection`).

    One file, not one per part: creating a file costs about 1.1 ms of system time on
    this project's machine (2,000 atomic writes of 3 kB: 2.25 s of system CPU), and the
    four files a fragment had were a fifth of a fragment's cost.

    Args:
        folder: the cache folder (created on the first write).
    """

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def path(self, key: str) -> Path:
        """The file of a fragment."""
        return self.folder / f"{key}{SUFFIX}"

    def get(self, key: str) -> _Entry | None:
        """The fragment of ``key``, or ``None`` (missing or unreadable: made again)."""
        path = self.path(key)
        try:
            with open(path, "rb") as fh:
                head = fh.readline()
                size = os.fstat(fh.fileno()).st_size
            data = json.loads(head)
            if data.get("layout") != LAYOUT:
                return None
            sizes = (data["bytes"], data["agg_bytes"], data["net_bytes"])
            if size != len(head) + sum(sizes):
                return None
            return _Entry(key, data["doc"], data["local"], None, path, len(head), sizes,
                          summaries=data["summaries"], indicators=data["indicators"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, doc: str, local: Sequence[Triple], shared: list[Triple],
            org_names: dict[str, list[str]], practice_names: dict[str, list[str]],
            summaries: dict[str, dict], *, lines: list[str] | None = None,
            indexed: dict[str, dict[str, list[str]]] | None = None) -> _Entry:
        """Store a fragment (atomically: a reader sees all of it or nothing).

        Args:
            lines: the shared triples as N-Triples lines without the final `` .``, when
                made already (:func:`_make` counts them too).
            indexed: ``local`` indexed (:meth:`graph.checks.View.index`), when made already
                (in the order of ``local``, sorted: the Turtle block is written from it).
        """
        from .network import document_part
        from .summaries import indicator_part

        # from the index when there is one: the same text (graph/turtle.py)
        text = (block_indexed(indexed, plain=DOCUMENT_NODE_PREFIXES) if indexed is not None
                else block(local)).encode("utf-8")
        if lines is None:
            lines = [f"{s} {p} {o}" for s, p, o in shared]
        # marshal, not JSON: escaping the 46 kB of N-Triples lines a document shares on
        # average took JSON 4 % of the making of a fragment (graph/fragments.py's LAYOUT 7).
        # Its version 2, which writes no references: from version 3 an object referenced
        # elsewhere is written as a reference, so the bytes followed the process's sharing
        # of strings (a fragment made in a fork worker differed from one made here).
        agg_bytes = marshal.dumps(("\n".join(lines), org_names, practice_names), 2)
        net = document_part(local, indexed)
        net_bytes = json.dumps(net, ensure_ascii=False).encode("utf-8")
        indicators = indicator_part(local, shared, indexed)
        sizes = (len(text), len(agg_bytes), len(net_bytes))
        # one line: JSON escapes a line feed inside its strings
        head = json.dumps({"layout": LAYOUT, "doc": doc, "local": len(local), "bytes": sizes[0],
                           "agg_bytes": sizes[1], "net_bytes": sizes[2], "summaries": summaries,
                           "indicators": indicators}, ensure_ascii=False).encode("utf-8") + b"\n"
        path = self.path(key)
        write_chunks(path, [head, text, agg_bytes, net_bytes], sync=False)
        return _Entry(key, doc, len(local), net, path, len(head), sizes, summaries=summaries,
                      indicators=indicators)

    def state(self) -> dict | None:
        """What the last build left in the store (:func:`write_graph`), or ``None``."""
        try:
            data = json.loads((self.folder / "state.json").read_text(encoding="utf-8"))
            return data if data.get("format") == STATE_FORMAT else None
        except (OSError, ValueError):
            return None

    def set_state(self, state: dict | None) -> None:
        """Record the store's content; ``None`` forgets it (before the store changes)."""
        path = self.folder / "state.json"
        if state is None:
            if path.exists():
                path.unlink()
            return
        write_text(path, json.dumps({"format": STATE_FORMAT, **state}, ensure_ascii=False), sync=False)

    def aggregate(self, token: str | None
                  ) -> "tuple[_Aggregate, set[Triple] | None, SharedBlock | None] | None":
        """The aggregate the last build saved (:meth:`set_aggregate`), the shared triples
        it wrote and their block (:class:`graph.shared_block.SharedBlock`; ``None`` when
        not saved), if its token is ``token`` (the one the state names), else ``None``."""
        if not token:
            return None
        try:
            data = marshal.loads((self.folder / AGGREGATE).read_bytes())
            if data.get("token") != token:
                return None
            agg = _Aggregate(Counter(data["lines"]), {n: Counter(c) for n, c in data["org_names"].items()},
                             {n: Counter(c) for n, c in data["practice_names"].items()})
            lines = data.get("shared")
            if not isinstance(lines, str):
                return agg, None, None
            ordered = [tuple(line.split(" ", 2)) for line in lines.split("\n") if line]
            paragraphs = data.get("paragraphs")
            top = SharedBlock(ordered, paragraphs) if isinstance(paragraphs, list) else None
            return agg, set(ordered), top
        except (OSError, ValueError, EOFError, KeyError, TypeError, AttributeError):
            return None

    def set_aggregate(self, agg: "_Aggregate", shared: SharedBlock) -> str:
        """Save the aggregate of a build's fragments and the shared triples it wrote, in
        order, with their block's paragraphs (the next build writes again only those of
        the subjects that changed, :mod:`graph.shared_block`); returns its token (for the state).

        In :mod:`marshal`'s format, not JSON: at 10,000 papers the aggregate (154,000
        lines, 5,700 nodes' names) and the shared triples took 0.5 s to write as JSON, and
        the next build recomputed the previous shared triples from the aggregate to
        update the store (0.9 s); marshal writes both in 0.2 s and reads them in 0.2 s. A
        file another Python cannot read is a miss: the aggregate is counted afresh."""
        token = uuid.uuid4().hex

        def clean(c: Counter) -> dict[str, int]:
            return {k: n for k, n in c.items() if n > 0}

        data = {"token": token, "lines": clean(agg.lines),
                "org_names": {n: clean(c) for n, c in agg.org_names.items() if +c},
                "practice_names": {n: clean(c) for n, c in agg.practice_names.items() if +c},
                # one string of N-Triples lines: marshal writes a set of 170,000 tuples in 0.5 s
                "shared": "\n".join(f"{a} {b} {c}" for a, b, c in shared.ordered),
                "paragraphs": shared.paragraphs}
        write_chunks(self.folder / AGGREGATE, [marshal.dumps(data)], sync=False)
        return token

    def declared(self, mentions: str) -> set[str] | None:
        """The declared nodes saved by :meth:`set_declared` for ``mentions`` (what
        identifies the organisations of a corpus and the code resolving them), else ``None``."""
        try:
            data = marshal.loads((self.folder / DECLARED).read_bytes())
            if data.get("mentions") == mentions and isinstance(data.get("declared"), set):
                return data["declared"]
        except (OSError, ValueError, EOFError, KeyError, TypeError, AttributeError):
            pass
        return None

    def set_declared(self, mentions: str, declared: set[str]) -> None:
        """Save the declared nodes (:func:`graph.triples.declared_nodes`) of the
        organisations ``mentions`` identifies: a rebuild that makes one fragment
        needs them all, and hashing 72,000 names to nodes took 0.3 s at 10,000 papers."""
        write_chunks(self.folder / DECLARED, [marshal.dumps({"mentions": mentions, "declared": declared})],
                     sync=False)

    def index(self, token: str | None) -> dict[str, list] | None:
        """The fragments' headers saved by :meth:`set_index` under ``token`` (the one the
        state names), else ``None``."""
        if not token:
            return None
        try:
            data = marshal.loads((self.folder / INDEX).read_bytes())
            if data.get("token") == token and data.get("layout") == LAYOUT:
                return data["entries"]
        except (OSError, ValueError, EOFError, KeyError, TypeError, AttributeError):
            pass
        return None

    def set_index(self, entries: Iterable[_Entry]) -> str:
        """Save the header of each of these fragments (what :meth:`get` reads of its
        file); returns the token for the state. A rebuild takes the fragments of the
        last build from it (:meth:`indexed`): at 10,000 papers, opening each fragment and
        decoding its header took 0.66 s of a one-paper rebuild on a loaded machine."""
        token = uuid.uuid4().hex
        data = {"token": token, "layout": LAYOUT,
                "entries": {e.key: (e.doc, e.local, e.at, e.sizes, e.summaries, e.indicators) for e in entries}}
        write_chunks(self.folder / INDEX, [marshal.dumps(data)], sync=False)
        return token

    def indexed(self, key: str, index: dict[str, list]) -> _Entry | None:
        """The fragment of ``key`` as :meth:`get` reads it, from the header ``index``
        saved of it, while its file has the size that header gives; else ``None``
        (then :meth:`get`). A fragment's file is written once for its key and holds what
        the key decides, so a file of that size is the one the header describes."""
        item = index.get(key)
        if item is None:
            return None
        doc, local, at, sizes, summaries, indicators = item
        path = self.path(key)
        try:
            if os.stat(path).st_size != at + sum(sizes):
                return None
        except OSError:
            return None
        return _Entry(key, doc, local, None, path, at, sizes, summaries=summaries, indicators=indicators)

    def prune(self, keep: Iterable[str]) -> int:
        """Delete every fragment but ``keep``; returns how many files went."""
        keep = set(keep)
        gone = 0
        legacy = self.folder / "aggregate.json"  # the aggregate as builds before marshal saved it
        if legacy.exists():
            legacy.unlink()
            gone += 1
        for path in self.folder.glob("*.*"):
            if ((path.suffix == SUFFIX or path.suffix in _OLD_SUFFIXES)
                    and path.stem not in ("state", "aggregate") and path.stem not in keep):
                path.unlink()
                gone += 1
        return gone


def write_graph(records: Sequence[ArticleRecord] | Sequence[StoredRecord], out: str | Path, version: str,
                cache_dir: str | Path, *, infer: bool = False,
                contents: dict[str, list[str]] | None = None,
                update_share: float = UPDATE_SHARE, staging: Staging | None = None,
                timings: dict[str, float] | None = None, jobs: int | None = 1,
                draw: Callable[[nx.MultiDiGraph], object] | None = None,
                steps: Steps | None = None) -> GraphResult:
    """Write ``out/graph.ttl`` and ``out/store`` for a corpus.

    Args:
        records: every record of the corpus, in input order (as stored by the extraction
            cache, or in memory); a stored record is decoded only when its document's
            fragment is made.
        out: the build folder.
        staging: stage both outputs there for the caller to commit with the others
            (:mod:`graph.commit`); by default they are staged and put in place here.
        version: the extractor version.
        cache_dir: the fragment cache (``OUT/cache/graph``; a temporary folder when the
            build runs without cache).
        infer: add the RDFS / OWL-RL entailments (:mod:`graph.reason`); this reasons
            over the whole graph in memory, so it is slow on large corpora.
        contents: document → what identifies its records (the extraction-cache keys of
            its files); by default the records' JSON.
        update_share: update the store in place when at most this share of the
            documents has a new fragment (and the store is the previous build's);
            above it, bulk-load it from ``graph.ttl``. Either way it holds the same triples.
        jobs: processes that make the fragments when many are to be made (``None``: one
            per CPU; :func:`_make_fragments`); the outputs do not depend on it.
        timings: when given, seconds per step are added to it (``graph: fragments``,
            ``graph: shared``, ``graph: shapes``, ``graph: ttl``, ``graph: store``,
            ``graph: projection``, ``graph: page``).
        draw: called with the page's graph (:attr:`GraphResult.network`) once it is
            projected, before the store is waited for (the build renders its page there,
            while the store's thread loads and compacts); in the projection's process
            when it has one (:class:`_Projection`), so it must not change this process's
            state, and its result must pickle; its result is :attr:`GraphResult.page`.
        steps: told each step as it begins (:class:`graph.steps.Steps`): ``making the
            graph`` (advanced by each fragment made), ``checking the shapes``, ``drawing the
            page`` (not with ``infer``: the page is then drawn from the store), ``loading
            the store``.

    Returns:
        A :class:`GraphResult`.

    Raises:
        graph.validate.ShapeError: the graph breaks ``ontology/shapes.ttl``; nothing is
            written then, the previous ``graph.ttl`` and store stay.
        graph.store.StoreError: the store cannot be written.
        graph.lock.FolderBusy, graph.lock.FolderUnwritable: ``staging`` not given, and another
            build is writing to ``out``, or it cannot be written to.
    """
    if staging is None:
        from .lock import build_lock

        with build_lock(out):
            staging = Staging(out)
            try:
                result = write_graph(records, out, version, cache_dir, infer=infer, contents=contents,
                                     update_share=update_share, staging=staging, timings=timings, jobs=jobs,
                                     draw=draw, steps=steps)
            except BaseException:
                staging.discard()
                raise
            try:
                staging.commit()
            finally:
                result.finish()
            return result
    lap = Laps(timings)
    steps = steps or NoSteps()
    out = Path(out)
    cache = FragmentCache(cache_dir)
    stored = [r if isinstance(r, StoredRecord) else StoredRecord.of(r) for r in records]
    mentions = [(rec.doc, name, aliases) for rec in stored for name, aliases in rec.orgs]
    old = cache.state()
    # A document's fragment key follows from its records (``ident``) and how the corpus
    # resolves its names, which follows from every organisation the corpus declares
    # (``mentions``). When those are what the last build saw, a document whose records
    # did not change has the key it had: its names are not resolved again (at 10,000
    # papers the resolver, the declared nodes and 10,000 resolutions took 0.9 s of a
    # one-paper rebuild).
    seen, source = _mentions_digest(mentions), source_digest()
    # what the resolver and the declared nodes follow from: the organisations, the code
    corpus_id = f"{version} {source} {seen}"
    known: dict[str, list[str]] = {}
    if (old and old.get("version") == version and old.get("mentions") == seen
            and old.get("source") == source):
        known = old.get("docs") or {}
    res: Resolver | None = None
    declared: set[str] = set()
    run = run_nodes(version)[1]
    groups = by_document(stored)
    index = cache.index(old.get("index")) if old else None
    entries: dict[str, _Entry | None] = {}
    todo: list[tuple[str, str]] = []
    docs: dict[str, list[str]] = {}
    for doc in sorted(groups):
        recs = groups[doc]
        ident = (contents or {}).get(doc) or [r.line().decode("utf-8") for r in recs]
        digest = hashlib.sha256("\0".join(ident).encode("utf-8")).hexdigest()
        prior = known.get(doc)
        if prior is not None and prior[0] == digest:
            key = prior[1]
        else:
            if res is None:
                res = Resolver(mentions=mentions)
                declared = _declared(cache, corpus_id, mentions, res)
            names = [n for r in recs for n in r.names]
            key = fragment_key(version, doc, ident, resolution(doc, names, res, declared))
        docs[doc] = [digest, key]
        entries[doc] = entry = (index is not None and cache.indexed(key, index)) or cache.get(key)
        if entry is None:
            todo.append((doc, key))
    steps.begin("making the graph", len(todo))
    store = staging.directory("store")
    # Updated in place when few fragments are new and the store is the last build's;
    # else bulk-loaded, from now: each fragment's block as it is made (_Loader).
    update = (old and not infer and not old.get("infer") and old.get("version") == version
              and len(todo) <= update_share * max(len(entries), 1)
              and old.get("store") == _fingerprint(out / "store"))
    loader: _Loader | None = None
    projection: _Projection | None = None
    job = None
    try:
        if not update:
            cache.set_state(None)
            with held_stops():  # assigned before a stop can come: the except below ends its thread
                loader = _Loader(store, threads=2 if (jobs or os.cpu_count() or 1) > 1 else 1)
            loader.add(e for e in entries.values() if e is not None)
        made: list[_Entry] = []
        made_agg: _Aggregate | None = None
        checker = None
        if todo:
            if res is None:
                res = Resolver(mentions=mentions)
                declared = _declared(cache, corpus_id, mentions, res)
            checker = _checker()

            def done(entries_made: list[_Entry]) -> None:
                if loader is not None:
                    loader.add(entries_made)
                steps.advance(len(entries_made))

            made, made_agg = _make_fragments(todo, groups, res, declared, run, cache, jobs, checker, done=done)
            for e in made:
                entries[e.doc] = e
        if loader is not None:
            loader.made()  # the store compacts while the shared triples are counted and checked
        lap("graph: fragments")

        # The shared triples and names of every fragment, counted: the last build's aggregate
        # with the fragments that came and went, or (no usable aggregate) counted afresh.
        agg = prev = prev_shared = prev_top = None
        came: list[_Entry] = []
        gone: list[_Entry | None] = []
        if old and old.get("version") == version:
            saved = cache.aggregate(old.get("aggregate"))
            if saved is not None:
                prev, prev_shared, prev_top = saved
                old_keys = set(old.get("fragments", []))
                new_keys = {e.key for e in entries.values()}
                gone = [cache.get(k) for k in old_keys - new_keys]
                came = [e for e in entries.values() if e.key not in old_keys]
                if all(e is not None for e in gone):
                    agg = prev.changed(came, gone)
                else:
                    prev = prev_shared = prev_top = None
        if agg is None:
            # the fragments made now were counted where they were made
            fresh = {id(e) for e in made}
            agg = made_agg if made_agg is not None else _Aggregate(Counter(), {}, {})
            for e in entries.values():
                if id(e) not in fresh:
                    agg.add(e, 1)
        # The practice summaries are added up afresh from every entry (small dicts, read with
        # the entries anyway): a document count cannot be taken back from a counted total.
        # the adoption counts made again for the nodes whose adoptions changed only
        shared, delta = with_counts_delta(agg.triples(version) | _summaries(entries.values()), prev_shared)
        lap("graph: shared")
        # entailments could add types the projection reads: project the store then (graph/project.py)
        with held_stops():  # assigned before a stop can come: the except below ends its process
            projection = None if infer else _Projection(shared, list(entries.values()), jobs,
                                                        _counted_parts(old, entries, cache), draw)
        inferred: list[Triple] = []
        if infer:
            inferred = _entailments(shared, entries.values(), cache)
        total = len(shared) + len(inferred) + sum(e.local for e in entries.values())
        # sorted and written again only for the subjects whose triples changed
        # What changed in the shared triples, made once (each difference of the 173,000
        # shared triples of 10,000 papers takes 0.1 s): for the block, the store's update,
        # the checks and the aggregate (the store's thread took them with the GIL held).
        if delta is None and prev_shared is not None:
            delta = (prev_shared - shared, shared - prev_shared)
        same_shared = delta is not None and not delta[0] and not delta[1]
        shared_top = shared_block(shared, prev_top, prev_shared, delta)
        top = shared_top.text
        if inferred:
            top += "# Entailments of ontology/minekg.ttl (--infer)\n\n" + block(inferred)
        # Written in a thread (the kernel copies the cached blocks) while the store is made.
        staging.write_chunks("graph.ttl", _turtle(top, entries.values(), cache), background=True,
                             context=f"fragment layout {LAYOUT}")
        lap("graph: ttl")
        if loader is not None:
            loader.finish(top)
        else:
            cache.set_state(None)  # before the store changes
        keys = [e.key for e in entries.values()]

        def make_store() -> str:
            if update:
                if _update_store(out / "store", store, old, entries, shared, agg, prev, prev_shared, cache, delta):
                    return "updated"
            from .store import write_store_parts

            write_store_parts(_store_parts(top, entries.values(), cache), store, lenient=True)
            return "loaded"

        # The store is made in a thread (loaded since the fragments began, or updated now)
        # while this one checks the shapes and projects the page's graph: Oxigraph parses,
        # loads and compacts without the GIL (the bulk load and compaction of 10,000 papers
        # took 55 s, the shapes 32 s, on one core while the other was idle). A staged store is
        # only put in place by the commit, after the checks.
        if loader is not None:
            job = loader.future
        else:
            pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="minekg store")
            with held_stops():
                job = pool.submit(make_store)
            pool.shutdown(wait=False)  # the thread ends with make_store
        # The new fragments were checked where they were made, as far as each alone
        # decides; the rest is settled against the shared triples here (_check).
        # The shared triples the last build checked and saved, under the same shapes, pass
        # again: only the new fragments are checked then (indexing the 170,000 shared
        # triples to check them took 0.5 s of a one-paper rebuild at 10,000 papers).
        # (the shapes, the ontology and the checking code are in the sources the state
        # names: graph/triples.py FRAGMENT_SOURCES)
        checked = same_shared and old.get("source") == source
        steps.begin("checking the shapes")
        _check(shared, made, cache, checker, shared_checked=checked)
        lap("graph: shapes")
        # Written while the projection's process and the store's thread are at work (this
        # one waited for them, then wrote these: 0.5 s of a one-paper rebuild at 10,000
        # papers); the state that names them is written last, once the store is complete.
        if index is not None and not made and set(old.get("fragments", [])) == set(keys):
            index_token = old["index"]  # the same fragments: the saved headers stand
        else:
            index_token = cache.set_index(entries.values())
        if prev is not None and not came and not gone and same_shared:
            token = old["aggregate"]  # the same fragments and shared triples: the saved ones stand
        else:
            token = cache.set_aggregate(agg, shared_top)
        if projection is not None:
            steps.begin("drawing the page")
        network, parts_token, drawn = projection.result() if projection is not None else (None, None, None)
        lap("graph: projection")  # and the page, when drawn in the projection's process
        if network is not None and draw is not None and drawn is None:
            drawn = draw(network)  # while the store's thread loads and compacts
            lap("graph: page")
        steps.begin("loading the store")
        how = job.result()
        # The staged store's files keep their names, sizes and times when its folder is
        # renamed into place, so the fingerprint is that of the store the commit puts there.
        cache.set_state({"version": version, "infer": infer, "fragments": keys, "triples": total,
                         "store": _fingerprint(store), "aggregate": token, "mentions": seen,
                         "source": source, "docs": docs, "index": index_token,
                         "parts": parts_token})
    except BaseException:
        # Nothing of this build left running, or writing into what it staged, once the
        # build discards that (graph/project.py): a stopped build left store.tmp behind.
        if projection is not None:
            projection.close()  # killed: its page is not needed
        if loader is not None:
            loader.abort()  # the load stops, or ends if every block was given already
        elif job is not None:
            futures.wait([job])  # the store's update ends, complete or failed
        raise
    lap("graph: store")  # the wait for the store, beyond the shapes and the projection
    return GraphResult(triples=total, documents=len(entries), made=len(made), store=how, fragments=keys,
                       network=network, page=drawn,
                       finish=projection.finish if projection is not None else (lambda: None))


def _counted_parts(old: dict | None, entries: dict[str, _Entry], cache: FragmentCache) -> _Counted:
    """What the projection needs to update the last build's part counts (:class:`_Counted`):
    the fragments that came and went since the state ``old`` (none known: count afresh)."""
    from .page_parts import PART_COUNTS

    path = cache.folder / PART_COUNTS
    saved = old.get("parts") if old else None
    came = gone = None
    if saved:
        old_keys = set(old.get("fragments", []))
        new_keys = {e.key for e in entries.values()}
        came = [e for e in entries.values() if e.key not in old_keys]
        # Beyond half the fragments, counting afresh reads fewer parts (and no old header).
        gone_keys = sorted(old_keys - new_keys) if len(came) <= len(entries) // 2 else None
        gone = [cache.get(k) for k in gone_keys] if gone_keys is not None \
            and len(gone_keys) <= len(entries) // 2 else None
        if gone is None or not all(e is not None for e in gone):
            came = gone = None
    return _Counted(path, saved, came, gone, uuid.uuid4().hex)


#: Below this many fragments to make, they are made in the build's process: forking
#: workers costs more than it saves (a one-paper rebuild makes one).
MIN_PARALLEL = 64
#: Documents a fragment worker makes per task.
CHUNK = 32
#: What the fragment workers read: set before they are forked (:func:`_make_fragments`).
_FORKED: tuple | None = None


def _make_fragments(todo: list[tuple[str, str]], groups: dict[str, list[StoredRecord]], res: Resolver,
                    declared: set[str], run: str, cache: FragmentCache, jobs: int | None,
                    checker=None, done: Callable[[list[_Entry]], None] | None = None
                    ) -> tuple[list[_Entry], "_Aggregate"]:
    """Make and cache the fragments ``todo`` (``(doc, key)``, in document order); returns
    their entries in that order.

    With ``jobs`` above 1 and at least :data:`MIN_PARALLEL` of them, they are made in
    ``jobs`` processes forked from this one, which read the records, the resolver and the
    declared nodes from the fork (nothing of them is pickled) and write each fragment's
    files to the cache themselves; what comes back is what the build keeps of an entry
    (the page's part, the summaries: about 5 kB a document). A fragment depends only on
    its records, the resolver and the declared nodes, so the files and entries are those
    one process makes. Making the 10,000 fragments of a build from nothing took 78 s on
    one core while the other was idle (README «Speed»). With a ``checker``
    (:class:`graph.checks.ShapeChecker`), each fragment's shapes are checked as far as
    it alone decides (:meth:`~graph.checks.ShapeChecker.check_fragment`) where its triples
    are made, on every job's core: checking them in the build's process read each one
    back from its Turtle block, which took half the shapes' time. ``done`` is called
    with the entries made, a few at a time, as they come (:meth:`_Loader.add`).

    The second value returned counts the shared triples and names of the fragments made
    (:class:`_Aggregate`), from the triples in memory where they are made: a build from
    nothing counted them afterwards from each fragment's file, reading and decoding 57 MB
    of JSON at 1,000 papers (1.8 s, /tmp/gspeed8-agg2.py), on one core while the store
    could not finish loading (the shared block comes last).

    Raises:
        Whatever :func:`graph.triples.document_fragment` raises, in a worker too.
    """
    workers = min(jobs or os.cpu_count() or 1, len(todo) // CHUNK + 1)
    agg = _Aggregate(Counter(), {}, {})
    if workers <= 1 or len(todo) < MIN_PARALLEL:
        out = []
        for doc, key in todo:
            out.append(_make(cache, key, doc, groups[doc], res, declared, run, checker, agg))
            if done is not None:
                done(out[-1:])
        return out, agg
    import multiprocessing

    global _FORKED
    _FORKED = (groups, res, declared, run, str(cache.folder), checker)
    try:
        # fork: the workers start with this process's records and resolver as they are
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                                   initializer=die_with, initargs=(os.getpid(),))
        try:
            chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
            out = []
            for made_here, counts in pool.map(_make_in_worker, chunks):
                made = [_entry(kept) for kept in made_here]
                out.extend(made)
                agg.merge(counts)
                if done is not None:
                    done(made)
        except BaseException:
            # A failed or stopped build waits for the chunks under way only (32 documents
            # each), not for every chunk submitted, as ``with ProcessPoolExecutor`` did. Not
            # killed: a worker killed while it sent its chunk left the pool's thread reading
            # half a message for good (a stopped build hung, session 17).
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown()
        return out, agg
    finally:
        _FORKED = None


def _make(cache: FragmentCache, key: str, doc: str, recs: list[StoredRecord], res: Resolver,
          declared: set[str], run: str, checker=None, agg: "_Aggregate | None" = None) -> _Entry:
    """Make one document's fragment and put it in the cache; with a ``checker``, the
    entry's ``check`` is what the shapes find of the fragment alone; with ``agg``, its
    shared triples and names are counted there (:meth:`_Aggregate.add_parts`)."""
    from .checks import View

    frag = document_fragment([r.record() for r in recs], res, declared, run)
    # made once for the Turtle block, the page's part and the shapes (each indexed the triples by itself)
    indexed = View.index_sorted(frag.local)
    lines = [f"{s} {p} {o}" for s, p, o in frag.shared]
    entry = cache.put(key, doc, frag.local, frag.shared, frag.org_names, frag.practice_names, frag.summaries,
                      lines=lines, indexed=indexed)
    if agg is not None:
        agg.add_parts(lines, frag.org_names, frag.practice_names)
    if checker is not None:
        entry.check = checker.check_fragment(frag.local, frag.shared, document_node, indexed=indexed)
    return entry


def _make_in_worker(todo: list[tuple[str, str]]) -> tuple[list[tuple], tuple]:
    """:func:`_make` of each ``(doc, key)`` in a forked worker; returns what the build
    keeps of each entry (:meth:`_Entry.kept`) and the counts of their shared triples and
    names (:meth:`_Aggregate.data`)."""
    groups, res, declared, run, folder, checker = _FORKED  # type: ignore[misc]
    cache = FragmentCache(folder)
    agg = _Aggregate(Counter(), {}, {})
    out = []
    for doc, key in todo:
        e = _make(cache, key, doc, groups[doc], res, declared, run, checker, agg)
        out.append(e.kept())
    return out, agg.data()


def _declared(cache: FragmentCache, corpus_id: str, mentions: list, res: Resolver) -> set[str]:
    """:func:`graph.triples.declared_nodes`: as the cache saved them for ``corpus_id`` (the
    extractor version, the code's digest and the organisations'), else made and saved."""
    declared = cache.declared(corpus_id)
    if declared is None:
        declared = declared_nodes(mentions, res)
        cache.set_declared(corpus_id, declared)
    return declared


def _mentions_digest(mentions: Sequence[tuple[str, str, Sequence[str]]]) -> str:
    """SHA-256 of the organisations a corpus declares, ``(doc, name, aliases)`` in order:
    what :class:`graph.build.Resolver` and :func:`graph.triples.declared_nodes` read."""
    h = hashlib.sha256()
    for doc, name, aliases in mentions:
        h.update("\x1f".join((doc, name, *aliases)).encode("utf-8") + b"\x1e")
    return h.hexdigest()


def _fingerprint(store_dir: Path) -> list | None:
    """Name, size and modification time of every file of a store folder: any write to
    the store (``minekg serve --writable``, a hand edit) changes it, so a store that is
    no longer what the last build left is loaded whole, not patched."""
    if not store_dir.is_dir():
        return None
    return sorted([p.name, st.st_size, st.st_mtime_ns] for p in store_dir.iterdir()
                  for st in [p.stat()])


@dataclass
class _Aggregate:
    """The shared triples and names of a set of fragments, each counted by the fragments
    that state it, so that the set of a previous build (some fragments gone, some new)
    follows from the difference (:meth:`changed`) without another pass over all of them.

    Attributes:
        lines: shared N-Triples line → fragments; ``org_names``, ``practice_names``:
            node → name → fragments.
    """

    lines: Counter
    org_names: dict[str, Counter]
    practice_names: dict[str, Counter]

    @classmethod
    def of(cls, entries: Iterable[_Entry]) -> "_Aggregate":
        agg = cls(Counter(), {}, {})
        for e in entries:
            agg.add(e, 1)
        return agg

    def add(self, e: _Entry, sign: int) -> None:
        self.add_parts(*e.shared_and_names(), sign)

    def add_parts(self, shared: Iterable[str], org_names: dict[str, list[str]],
                  practice_names: dict[str, list[str]], sign: int = 1) -> None:
        """Count one fragment's shared lines and names (:meth:`_Entry.shared_and_names`)."""
        if sign > 0:
            self.lines.update(shared)
        else:
            self.lines.subtract(shared)
        for acc, names in ((self.org_names, org_names), (self.practice_names, practice_names)):
            for node, ns in names.items():
                c = acc.get(node)
                if c is None:
                    c = acc[node] = Counter()
                if sign > 0:
                    c.update(ns)
                else:
                    c.subtract(ns)

    def merge(self, data: tuple) -> None:
        """Add the counts of another aggregate given as :meth:`data`."""
        lines, org_names, practice_names = data
        self.lines.update(lines)
        for acc, names in ((self.org_names, org_names), (self.practice_names, practice_names)):
            for node, counts in names.items():
                c = acc.get(node)
                if c is None:
                    c = acc[node] = Counter()
                c.update(counts)

    def data(self) -> tuple:
        """The counts as plain dicts (what a fragment worker sends back, :meth:`merge`)."""
        return (dict(self.lines), {n: dict(c) for n, c in self.org_names.items()},
                {n: dict(c) for n, c in self.practice_names.items()})

    def changed(self, came: Iterable[_Entry], gone: Iterable[_Entry]) -> "_Aggregate":
        """The aggregate of these fragments plus ``came`` less ``gone`` (a new object;
        the counters of untouched nodes are shared with this one)."""
        delta = _Aggregate(Counter(), {}, {})
        for e in came:
            delta.add(e, -1)
        for e in gone:
            delta.add(e, 1)
        lines = Counter(self.lines)
        lines.subtract(delta.lines)
        out = _Aggregate(lines, dict(self.org_names), dict(self.practice_names))
        for acc, d in ((out.org_names, delta.org_names), (out.practice_names, delta.practice_names)):
            for node, c in d.items():
                acc[node] = Counter(acc.get(node, Counter()))
                acc[node].subtract(c)
        return out

    def triples(self, version: str) -> set[Triple]:
        """The shared triples of the fragments and the global triples."""
        def names(acc: dict[str, Counter]) -> dict[str, list[str]]:
            out = {}
            for node, c in acc.items():
                ns = [n for n, k in c.items() if k > 0]
                if ns:
                    out[node] = ns
            return out

        shared = {tuple(line.split(" ", 2)) for line, k in self.lines.items() if k > 0}
        return shared | global_triples(version, names(self.org_names), names(self.practice_names))


def _local_triples(entry: _Entry) -> list[Triple]:
    """The local triples of a cached fragment, in N-Triples form."""
    import pyoxigraph as ox

    data = header().encode("utf-8") + entry.ttl()
    return [(str(t.subject), str(t.predicate), str(t.object))
            for t in ox.parse(input=data, format=ox.RdfFormat.TURTLE)]


def _store_parts(top: str, entries: Iterable[_Entry], cache: FragmentCache,
                 size: int = 8 << 20) -> Iterable[bytes]:
    """``graph.ttl`` again, as Turtle documents of about ``size`` bytes for the store's bulk
    loader, whose memory grows with its input (900 MB for 1,000 papers in one piece,
    under 200 MB in pieces)."""
    head = header().encode("utf-8")
    yield head + top.encode("utf-8")
    part: list[bytes] = []
    n = 0
    for e in entries:
        data = e.ttl()
        part.append(data)
        n += len(data)
        if n >= size:
            yield head + b"".join(part)
            part, n = [], 0
    if part:
        yield head + b"".join(part)


def _checker():
    """The compiled shapes (:class:`graph.checks.ShapeChecker`), or ``None`` when they
    need more than it implements (then pyshacl checks, :func:`_check_whole`)."""
    from .checks import ShapeChecker, Unsupported

    try:
        return ShapeChecker()
    except Unsupported:
        return None


def _check(shared: set[Triple], made: Sequence[_Entry], cache: FragmentCache, checker,
           shared_checked: bool = False) -> None:
    """Raise :class:`~graph.validate.ShapeError` when the shared triples or a fragment made
    in this build break the shapes.

    Each made fragment was checked where it was made, as far as it alone decides
    (``entry.check``); what is left (type tests of the shared nodes it names, its
    targets that are shared nodes) is decided here against the shared triples
    (:meth:`graph.checks.ShapeChecker.settle`), and the shared triples' own targets are
    checked unless ``shared_checked``. When that finds a violation, or cannot decide,
    the fragments are read back from the cache and checked whole (:func:`_check_whole`),
    which decides and words the violations.

    Args:
        checker: the :class:`~graph.checks.ShapeChecker` the fragments were made with,
            or ``None`` (pyshacl).
        shared_checked: the shared triples passed these shapes already.
    """
    if checker is None and not made:
        checker = _checker()
    if checker is not None and all(e.check is not None for e in made):
        from .checks import View

        ok = shared_checked or not any(v.severity == "Violation"
                                       for v in checker.check((), indexed=View.index(shared)))
        if ok and checker.settle([e.check for e in made], shared, document_node):
            return
    _check_whole(shared, (_local_triples(e) for e in made), shared_checked=shared_checked)


def _check_whole(shared: set[Triple], new_locals: Iterable[list[Triple]], shared_checked: bool = False) -> None:
    """Raise :class:`~graph.validate.ShapeError` when the shared triples or a new fragment
    break the shapes (pyshacl when the shapes need more than :mod:`graph.checks` does).

    Args:
        shared_checked: the shared triples passed these shapes already: only the new
            fragments are checked, against the shared triples about the nodes they name
            (all a check of their targets looks up: :meth:`graph.checks.ShapeChecker.check`
            follows a fragment's triples one step, to the types of their values).
    """
    from .checks import ShapeChecker, Unsupported, View
    from .validate import ValidationReport, validate

    if shared_checked:
        try:
            checker = ShapeChecker()
        except Unsupported:
            pass
        else:
            new_locals = [list(local) for local in new_locals]
            nodes = {n for local in new_locals for s, _, o in local for n in (s, o)}
            context = View.index(t for t in shared if t[0] in nodes)
            found = {v for local in new_locals for v in checker.check(local, context)}
            _raise_if_broken(sorted(found, key=lambda v: (v.label, v.path, v.focus, v.message, v.value)))
            return
    try:
        checker = ShapeChecker()
    except Unsupported:
        from rdflib import Graph

        g = Graph()
        g.parse(data="".join(f"{s} {p} {o} .\n" for s, p, o in shared), format="nt")
        for local in new_locals:
            g.parse(data="".join(f"{s} {p} {o} .\n" for s, p, o in local), format="nt")
        report = validate(g)
    else:
        context = View.index(shared)
        found = set(checker.check((), indexed=context))
        for local in new_locals:
            found.update(checker.check(local, context))
        violations = sorted(found, key=lambda v: (v.label, v.path, v.focus, v.message, v.value))
        report = ValidationReport(conforms=not any(v.severity == "Violation" for v in violations),
                                  violations=violations)
    _raise_if_broken(report.violations, report)


def _raise_if_broken(violations: list, report=None) -> None:
    """Raise :class:`~graph.validate.ShapeError` when ``violations`` hold a violation."""
    from .validate import ShapeError, ValidationReport

    if report is None:
        report = ValidationReport(conforms=not any(v.severity == "Violation" for v in violations),
                                  violations=violations)
    if not report.conforms:
        raise ShapeError(f"the graph built from these papers breaks {len(report.violations)} SHACL "
                         "constraint(s) of ontology/shapes.ttl (a bug of minekg's build, please report "
                         "it with the papers); the previous graph is kept:\n" + report.summary())


def _turtle(top: str, entries: Iterable[_Entry], cache: FragmentCache) -> Iterable[str | FileRange]:
    """``graph.ttl`` in pieces: the prefixes, the shared and global block (``top``), then
    each document's block as the cache keeps it (its range of the fragment's file, for the kernel to copy)."""
    yield header()
    yield top
    for e in entries:
        yield e.ttl_range()


def _entailments(shared: set[Triple], entries: Iterable[_Entry], cache: FragmentCache) -> list[Triple]:
    """The entailments of :func:`graph.reason.entailments` over the whole graph."""
    from rdflib import Graph

    from .reason import entailments
    from .turtle import header as ttl_header

    g = Graph()
    g.parse(data="".join(f"{s} {p} {o} .\n" for s, p, o in shared), format="nt")
    for e in entries:
        g.parse(data=ttl_header() + e.ttl().decode("utf-8"), format="turtle")
    return sorted({(t[0].n3(), t[1].n3(), _nt_term(t[2])) for t in entailments(g)} - shared)


def _nt_term(term) -> str:
    from rdflib import Literal

    from .triples import lit

    if isinstance(term, Literal):
        return lit(str(term), term.language, str(term.datatype) if term.datatype else None)
    return term.n3()


def _summaries(entries: Iterable[_Entry]) -> set[Triple]:
    """The practice-summary and indicator-summary triples of a set of fragments
    (:func:`graph.triples.summary_triples`, :func:`graph.summaries.indicator_triples`)."""
    from .summaries import indicator_triples, merge_indicators

    entries = list(entries)
    return (summary_triples(merge_summaries(e.summaries for e in entries))
            | indicator_triples(merge_indicators(e.indicators for e in entries)))


def _update_store(store_dir: Path, tmp: Path, old: dict, entries: dict[str, _Entry], shared: set[Triple],
                  agg: _Aggregate, prev: _Aggregate | None, prev_shared: set[Triple] | None,
                  cache: FragmentCache, delta: tuple[set[Triple], set[Triple]] | None = None) -> bool:
    """Copy the store ``store_dir`` to ``tmp`` and update the copy from the previous
    build's fragments to these. Returns ``False`` (and leaves no ``tmp``) when the store
    is not what the previous build left — a triple to remove is missing, one to add is
    there — or an old fragment is gone from the cache: the caller then loads the store
    whole.

    Args:
        delta: ``(prev_shared - shared, shared - prev_shared)``, when made already."""
    import pyoxigraph as ox

    current = {e.key: e for e in entries.values()}
    old_entries = []
    for key in old.get("fragments", []):
        e = current.get(key) or cache.get(key)
        if e is None:
            return False
        old_entries.append(e)
    new_keys = {e.key for e in entries.values()}
    old_keys = {e.key for e in old_entries}
    gone = [e for e in old_entries if e.key not in new_keys]
    came = [e for e in entries.values() if e.key not in old_keys]
    # the previous build's shared triples: as it saved them, else from its saved aggregate,
    # or this one less what came, plus what went
    old_shared = prev_shared
    if old_shared is None:
        old_shared = with_counts((prev or agg.changed(gone, came)).triples(old["version"])
                                  | _summaries(old_entries))
        delta = None
    removed, added = delta if delta is not None else (old_shared - shared, shared - old_shared)
    src = ox.Store.read_only(str(store_dir))
    src.backup(str(tmp))
    del src
    try:
        store = ox.Store(str(tmp))
        prefix = header().encode("utf-8")

        def quads(data: bytes, fmt) -> list:
            return [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
                    for t in ox.parse(input=data, format=fmt)]

        def nt(triples: Iterable[Triple]) -> bytes:
            return "".join(f"{s} {p} {o} .\n" for s, p, o in triples).encode("utf-8")

        drop = [q for e in gone for q in quads(prefix + e.ttl(), ox.RdfFormat.TURTLE)]
        drop += quads(nt(removed), ox.RdfFormat.N_TRIPLES)
        add = [q for e in came for q in quads(prefix + e.ttl(), ox.RdfFormat.TURTLE)]
        add += quads(nt(added), ox.RdfFormat.N_TRIPLES)
        if any(q not in store for q in drop):
            raise _Mismatch
        for q in drop:
            store.remove(q)
        if any(q in store for q in add):
            raise _Mismatch
        store.extend(add)
        store.flush()
        del store
    except _Mismatch:
        shutil.rmtree(tmp, ignore_errors=True)
        return False
    return True


#: From this many documents, the page's graph is projected in a process of its own.
MIN_FORKED_PROJECTION = 256
#: What the projection's process reads: set before it is forked (:class:`_Projection`).
_PROJECTING: tuple | None = None


@dataclass
class _Counted:
    """How the projection finds the union of the parts (:class:`graph.page_parts.PartCounts`).

    Attributes:
        path: the counts' file (:data:`graph.page_parts.PART_COUNTS` in the fragment cache).
        saved: the token the last build's state names for it (``None``: count afresh).
        came, gone: the entries of the fragments that came since the last build and went
            (``None``: count afresh).
        token: the token to save the counts under when they changed.
    """

    path: Path
    saved: str | None
    came: list[_Entry] | None
    gone: list[_Entry] | None
    token: str


class _Projection:
    """The page's graph (:func:`graph.network.project_parts`, trimmed to
    :data:`graph.viz.MAX_NODES` nodes) of the shared triples and the entries' parts.

    With ``counted`` (:class:`_Counted`), the parts are the last build's counted union
    (:mod:`graph.page_parts`) updated by the parts of the fragments that came and went,
    and the counts are saved for the next build; without, every entry's part is read.

    With more than one job and at least :data:`MIN_FORKED_PROJECTION` documents, it is
    made in a process forked now, which reads the parts from the fragment cache
    (of each ``<key>.frag``) while this one checks the shapes, writes the aggregate and waits for
    the store; otherwise in this process, when :meth:`result` is asked. At 10,000 papers
    reading the parts and projecting them took 3 s of a one-paper rebuild (profiled:
    fragment reads 3.8 s, ``project_parts`` 6.4 s under the profiler), all on one core;
    with the counted parts, 2.1 s (quiet machine, ``benchmarks/bench.py --rebuild``).
    The process returns the trimmed graph (1,500 nodes), pickled, and the counts' token;
    with ``draw``, also what ``draw`` returns for the graph (the page, rendered there while
    this process checks the shapes: rendered here after the projection, it kept one core
    busy for 2.1 s of a 1,000-paper build and 5.8 s of a 10,000-paper one while the other
    compacted the store, README «Speed»).
    The process writes the updated part counts after it has returned the graph, while the
    build ends (:meth:`finish` waits for it): written before, they kept the build waiting
    0.3 s more at 10,000 papers.
    """

    def __init__(self, shared: set[Triple], entries: list[_Entry], jobs: int | None,
                 counted: _Counted | None = None, draw: Callable[[nx.MultiDiGraph], object] | None = None):
        self._shared, self._entries, self._counted = shared, entries, counted
        self._process = self._conn = None
        if (jobs or os.cpu_count() or 1) > 1 and len(entries) >= MIN_FORKED_PROJECTION:
            import multiprocessing

            # A process and a pipe of its own rather than a one-worker ProcessPoolExecutor:
            # a pool's worker killed while it sent its result left the pool's thread
            # reading half a message for good (a stopped build hung, session 17); a pipe
            # whose other end died reads as its end.
            context = multiprocessing.get_context("fork")
            self._conn, theirs = context.Pipe()
            global _PROJECTING
            _PROJECTING = (shared, entries, counted, draw)
            try:
                self._process = context.Process(target=_projection_process, args=(theirs, os.getpid()),
                                                name="minekg projection")
                self._process.start()  # forked: it has the parts now
            finally:
                _PROJECTING = None
                theirs.close()

    def result(self) -> tuple[nx.MultiDiGraph, str | None, object]:
        """The trimmed graph, the token the part counts are saved under (``None``: not
        saved), and what ``draw`` returned for the graph when it was drawn in the
        projection's process (``None``: not drawn, draw it here).

        Raises:
            What the projection, or ``draw``, raised (in its process too).
            RuntimeError: the projection's process ended without an answer (killed).
        """
        if self._process is None:
            network, token, _ = _project(self._shared, self._entries, self._counted)
            return network, token, None
        try:
            try:
                ok, value = self._conn.recv()
            except (EOFError, OSError):  # OSError: it ended in the middle of the result
                self._process.join()
                raise RuntimeError("the projection's process ended without its result (exit status "
                                   f"{self._process.exitcode})") from None
            if not ok:
                raise value
            self._conn.send("save")  # the counts are written by the process, now that the build has the graph
        except BaseException:
            self.close()
            raise
        return value

    def finish(self) -> None:
        """Wait for the projection's process to write the part counts and end. A count
        that could not be written is counted afresh by the next build (its token does
        not match)."""
        if self._process is not None:
            self._conn.close()  # a process still waiting for "save" (no result asked) ends
            self._process.join()
            self._process = None

    def close(self) -> None:
        """End the projection's process now: a build that failed or was stopped does not
        wait for it (measured: a 10,000-paper build stopped while its page was drawn
        waited 13.7 s)."""
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._conn.close()
            self._process = None


def _projection_process(conn, parent: int) -> None:
    """The projection's process (:class:`_Projection`): sends ``(True, result)`` of
    :func:`_project_forked`, or ``(False, error)``, then writes the part counts when the
    build answers ``"save"`` (:func:`_save_forked`); ends when the build closes the pipe."""
    die_with(parent)
    try:
        answer = (True, _project_forked())
    except BaseException as exc:
        answer = (False, exc)
    try:
        conn.send(answer)
    except Exception as exc:  # an error that does not pickle: its text then
        conn.send((False, RuntimeError(f"{type(answer[1]).__name__}: {answer[1]} ({exc})")))
    try:
        if conn.recv() == "save":
            _save_forked()
    except EOFError:
        pass


def _project(shared: set[Triple], entries: list[_Entry], counted: _Counted | None = None, save: bool = True
             ) -> tuple[nx.MultiDiGraph, str | None, object]:
    """The page's graph, the token of the part counts, and the counts when they are still
    to be written under that token (``save=False``; else written here: ``None``)
    (:class:`_Projection`)."""
    from .network import project_parts
    from .viz import MAX_NODES

    if counted is None:
        return project_parts(shared, (e.net for e in entries), max_nodes=MAX_NODES), None, None
    counts, token, unsaved = _part_counts(entries, counted, save)
    return project_parts(shared, [counts.union()], max_nodes=MAX_NODES), token, unsaved


def _part_counts(entries: list[_Entry], counted: _Counted, save: bool = True):
    """The counted parts of ``entries`` (:class:`graph.page_parts.PartCounts`): the saved
    ones with the parts that came and went, else counted afresh; saved under
    ``counted.token`` when they changed. Returns them, the token they are saved under
    (``None`` when they could not be written: the next build counts afresh), and, with
    ``save=False``, the counts still to be saved under that token (else ``None``)."""
    from .page_parts import PartCounts, Stale

    counts = None
    if counted.came is not None and counted.gone is not None:
        counts = PartCounts.load(counted.path, counted.saved)
        if counts is not None:
            if not counted.came and not counted.gone:
                return counts, counted.saved, None
            try:
                for e in counted.gone:
                    counts.add(e.net, -1)
                for e in counted.came:
                    counts.add(e.net)
            except Stale:
                counts = None
    if counts is None:
        counts = PartCounts.of(e.net for e in entries)
    if not save:
        return counts, counted.token, counts
    try:
        counts.save(counted.path, counted.token)
    except OSError:
        return counts, None, None
    return counts, counted.token, None


#: In the projection's process: the part counts still to be written, where and under which
#: token (:func:`_save_forked`).
_UNSAVED: tuple | None = None


def _project_forked() -> tuple[nx.MultiDiGraph, str | None, object]:
    """:func:`_project` in the forked process, of what :class:`_Projection` left for it,
    and the page drawn of it (``None`` without ``draw``); the part counts are kept for
    :func:`_save_forked`."""
    global _UNSAVED
    shared, entries, counted, draw = _PROJECTING  # type: ignore[misc]
    network, token, unsaved = _project(shared, entries, counted, save=False)
    _UNSAVED = (unsaved, counted.path, token) if unsaved is not None else None
    return network, token, (draw(network) if draw is not None else None)


def _save_forked() -> None:
    """Write the part counts :func:`_project_forked` kept (in the projection's process,
    after it returned the graph). An error is left to the next build, which finds no
    counts under the token and counts afresh."""
    global _UNSAVED
    if _UNSAVED is None:
        return
    counts, path, token = _UNSAVED
    _UNSAVED = None
    try:
        counts.save(path, token)
    except OSError:
        pass


class _Loader:
    """The store bulk-loaded in a thread (:func:`graph.store.write_store_parts`) from the
    fragments' Turtle blocks as they are made (:meth:`add`), compacted once every
    fragment is given (:meth:`made`), then the shared and global block (:meth:`finish`).
    Oxigraph parses, loads and compacts without the GIL, so the load runs while the
    fragments are made: before, it started once every fragment was made, and the build
    then waited for it on one core while the other was idle (10,000 papers: fragments
    35.3 s, then shapes 43.4 s and the store 20.8 s more, README «Speed»). The
    compaction runs while the build counts the shared triples, checks the shapes and
    draws the page: when it came after the shared block, the build waited for all of it
    at the end (10,000 papers: 18 s, ``benchmarks/results/latest.json`` of session 7).

    The thread reads each block from the fragment cache itself, in pieces of about
    ``size`` bytes (:func:`_store_parts`), so only entries wait in its queue.

    Args:
        store_dir: the staged store folder (does not exist yet).
        threads: pieces loaded at a time (:func:`graph.store.write_store_parts`): with
            one, once the fragment workers got faster the load fell behind them (10,000
            papers, ``benchmarks/graph_stage.py``: the wait for the store at the end of
            the build grew from 19.0 s to 29.9 s, the compaction and the blocks made
            ahead of the load, on one core while the other was idle).

    Attributes:
        future: done when the store is complete; its result is ``"loaded"``, or what
            the load raised (:class:`graph.store.StoreError`).
    """

    _ABORT = object()
    _MADE = object()

    def __init__(self, store_dir: Path, size: int = 8 << 20, threads: int = 1):
        import queue

        from .store import write_store_parts

        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._size = size
        self._made = False
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="minekg store")
        # lenient: the blocks are graph/turtle.py's
        self.future = pool.submit(lambda: write_store_parts(self._parts(), store_dir, after=self._after(),
                                                            threads=threads, lenient=True) and "loaded")
        pool.shutdown(wait=False)  # the thread ends with the load

    def add(self, entries: Iterable[_Entry]) -> None:
        """Load these fragments' blocks (entries whose file is complete)."""
        self._queue.put(list(entries))

    def made(self) -> None:
        """Every fragment's block was given: compact what is loaded; no more :meth:`add`."""
        if not self._made:
            self._made = True
            self._queue.put(self._MADE)

    def finish(self, top: str) -> None:
        """Load the shared and global block once the fragments are compacted (:meth:`made`,
        if not called yet); no more :meth:`add`."""
        self.made()
        self._queue.put(top)
        self._queue.put(None)

    def abort(self) -> None:
        """Stop loading (the build failed) and wait for the thread to end."""
        self._queue.put(self._ABORT)
        futures.wait([self.future])

    def _parts(self) -> Iterable[bytes]:
        """The fragments' blocks in pieces, until :meth:`made`."""
        head = header().encode("utf-8")
        part: list[bytes] = []
        n = 0
        while True:
            item = self._queue.get()
            if item is self._ABORT:
                raise _Aborted
            if item is self._MADE:
                if part:
                    yield head + b"".join(part)
                return
            for e in item:
                data = e.ttl()
                part.append(data)
                n += len(data)
                if n >= self._size:
                    yield head + b"".join(part)
                    part, n = [], 0

    def _after(self) -> Iterable[bytes]:
        """The shared and global block (:meth:`finish`)."""
        head = header().encode("utf-8")
        while True:
            item = self._queue.get()
            if item is None:
                return
            if item is self._ABORT:
                raise _Aborted
            yield head + item.encode("utf-8")


class _Aborted(Exception):
    """The build stopped while its store was being loaded."""


class _Mismatch(Exception):
    """The store is not the one the previous build's state describes."""


__all__ = ["FragmentCache", "GraphResult", "write_graph", "STATE_FORMAT"]
