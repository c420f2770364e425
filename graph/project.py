"""The whole build of a corpus: files → extractions.jsonl, graph.ttl, store/, graph.html,
report.json (DESIGN.md's data flow, end to end).

:func:`build_project` is what ``minekg build`` runs. Every output is written under a
temporary name and all are put in place together at the end (:mod:`graph.commit`), so a
build that fails or is killed leaves the previous outputs intact, byte for byte.
"""
from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from extract.cache import CACHE_FORMAT, ExtractionCache
from extract.cache import LAYOUT as CACHE_LAYOUT
from extract.corpus import CorpusResult, extract_corpus
from extract.errors import MinekgError
from extract.signals import Stopped
from extract.version import extractor_version

from .atomic import remove_unfinished, write_text
from .commit import FileRange, Staging, recover
from .fragments import FragmentCache, GraphResult, write_graph
from .lock import build_lock
from .steps import NoSteps, Steps
from .network import project
from .report import report_json
from .store import open_graph
from .timing import Laps
from .viz import page_key, render_html

OUTPUTS = ("extractions.jsonl", "graph.ttl", "store", "graph.html", "report.json")
#: The cache folders inside the output folder: per-file extractions, graph fragments.
CACHE_FOLDERS = ("cache", "cache/graph")
HEADING = "minekg · 煤矿党建知识图谱"
#: What the last build drew (in the cache folder; JSON): the page key and the page's SHA-256.
PAGE_STATE = "page.state"


class BuildRefused(MinekgError):
    """The build stopped after extraction and wrote nothing: no article could be built,
    or files were skipped and the build is strict. The previous outputs stay.

    Args:
        message: what happened and what to do.
        corpus: what extraction found (the skipped files and their reasons, to list).
    """

    def __init__(self, message: str, corpus: CorpusResult):
        super().__init__(message)
        self.corpus = corpus


@dataclass
class BuildSummary:
    """What a build produced.

    Attributes:
        out: the output folder.
        files: input files read (a duplicate is not counted); ``skipped``: input files
            skipped; ``duplicates``: input files that were the same paper as another
            and were merged into its document.
        articles: articles extracted; ``organisations``, ``practices``, ``outcomes``,
            ``links``: units extracted (sums over articles); ``triples``: graph size.
    """

    out: str
    files: int
    skipped: int
    articles: int
    organisations: int
    practices: int
    outcomes: int
    links: int
    triples: int
    duplicates: int = 0


def build_project(inputs: Iterable[str | Path], out: str | Path,
                  progress: Callable[[str], None] | None = None, *, cache: bool = True,
                  jobs: int | None = 1, infer: bool = False,
                  strict: bool = False,
                  timings: dict[str, float] | None = None,
                  steps: Steps | None = None) -> tuple[BuildSummary, CorpusResult]:
    """Build every output of a corpus into ``out``.

    Args:
        inputs: paper files and folders.
        out: the output folder (created).
        progress: called with each input file's path once it is extracted.
        cache: keep per-file extractions in ``out/cache`` and reuse them for files whose
            bytes and extractor version did not change (:mod:`extract.cache`), and the
            graph fragments of documents in ``out/cache/graph`` (:mod:`graph.fragments`);
            after a successful build, entries this build did not use are deleted.
        jobs: extraction processes, and the processes that make the graph's fragments
            when many are to be made (``None``: one per CPU); the outputs do not depend on it.
        infer: add the RDFS / OWL-RL entailments of ``ontology/minekg.ttl`` to
            ``graph.ttl`` and the store (``org:Organization`` then finds every mine).
        strict: a skipped file fails the build (:class:`BuildRefused`) instead of being
            left out of outputs built from the others.
        timings: when given, seconds per stage are added to it (``extract``, ``records``,
            ``graph: …`` (:func:`graph.fragments.write_graph`), ``page``, ``report``,
            ``commit``, ``prune``: with the wait for the page's part counts), for ``benchmarks/bench.py``.
        steps: told each step after extraction as it begins (:class:`graph.steps.Steps`;
            ``minekg build`` shows them under its bar): those of
            :func:`graph.fragments.write_graph`, then ``writing the outputs``, ``tidying
            the cache`` (with ``cache``).

    Returns:
        ``(summary, corpus)``.

    Raises:
        extract.corpus.NoInputError: a path is missing or no paper could be found.
        BuildRefused: no article was found in any file, or ``strict`` and a file was
            skipped; nothing was written (the extraction cache keeps what was extracted).
        graph.lock.FolderBusy: another build is writing to ``out`` (:mod:`graph.lock`);
            nothing was read or written.
        graph.lock.FolderUnwritable: ``out`` cannot be made or written to; nothing was read.
        graph.validate.ShapeError: the built graph breaks ``ontology/shapes.ttl``.
        extract.signals.Stopped: a stop signal came under
            :func:`extract.signals.stop_on_signals` (``minekg build``); what the build had
            staged is removed, the extraction cache keeps what was extracted, and
            ``written`` says whether the outputs were in place already (the renames that
            put them there are not cut in two).
    """
    out = Path(out)
    staged: list[Staging] = []  # the build's staging, once made
    theirs = set(multiprocessing.active_children())  # the caller's own, not this build's
    with build_lock(out):
        try:
            return _build(inputs, out, progress, cache, jobs, infer, strict, timings, steps or NoSteps(),
                          staged)
        except BaseException as exc:
            if isinstance(exc, Stopped):
                # after the commit, whatever came next (the cache tidied, the return)
                exc.written = bool(staged) and staged[0].committed
            # A stop that came while a pool started its workers (forked, not yet known to
            # the pool's thread) left one waiting for tasks, and Python's exit waited for it
            # for good (seen once in a test run, session 17): none outlives a failed build.
            for child in set(multiprocessing.active_children()) - theirs:
                child.kill()
                child.join()
            # A failed or stopped build kills its projection's process, which may have been
            # writing the page's part counts: its temporary file goes now.
            _remove_unfinished(out)
            raise


def _remove_unfinished(out: Path) -> None:
    """Delete what a killed process left half-written in the caches (entries are
    written atomically: their temporary files)."""
    for folder in CACHE_FOLDERS:
        remove_unfinished(out / folder)


def _build(inputs: Iterable[str | Path], out: Path, progress: Callable[[str], None] | None, cache: bool,
           jobs: int | None, infer: bool, strict: bool, timings: dict[str, float] | None, steps: Steps,
           staged: list[Staging]) -> tuple[BuildSummary, CorpusResult]:
    """:func:`build_project` once it holds the folder's build lock."""
    lap = Laps(timings)
    recover(out, OUTPUTS)  # a killed build's leftovers (graph/commit.py)
    # A build killed while it wrote a cache entry leaves the entry's temporary file
    # (entries are written atomically, so never a half entry); nothing else writes
    # the caches now: the build lock keeps other builds out.
    _remove_unfinished(out)
    # The build makes millions of small objects (a record read from the cache, a triple)
    # and Python's cyclic garbage collector walks the whole heap again and again: at 10,000
    # papers that took as long as the work. Extraction collects 140 times less often
    # (spaCy's docs hold reference cycles: they must still go), reading 10,000 cached
    # files in 1.6 s of CPU instead of 2.6 s; the rest of the build makes no cycle and
    # does not collect (decoding 1,500 cached fragments: 0.42 s instead of 0.98 s).
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        corpus = extract_corpus(inputs, progress=progress, cache_dir=out / "cache" if cache else None,
                                jobs=jobs)
    finally:
        gc.set_threshold(*thresholds)
    # Refused before anything is staged: a failed build leaves the previous outputs,
    # rather than replace them with a graph that misses papers (strict) or is empty.
    if not corpus.stored:
        raise BuildRefused("nothing could be built: no article in any readable file (see the skipped "
                           "lines); nothing written", corpus)
    if strict and corpus.skipped:
        raise BuildRefused(f"{len(corpus.skipped)} file(s) skipped and the build is strict (--strict): "
                           "nothing written, the previous outputs stay", corpus)
    version = extractor_version()
    lap("extract")
    collecting = gc.isenabled()
    gc.disable()
    try:
        # with the cache, each output made of cached pieces keeps its layout there: the next
        # build copies the pieces that did not change from the output in place (graph/commit.py)
        staging = Staging(out, layouts=out / "cache" if cache else None)
        staged.append(staging)
        graph = None
        try:
            try:
                summary, graph, page = _stage(corpus, version, staging, cache, infer, timings, jobs, steps)
                steps.begin("writing the outputs")
                lap = Laps(timings)
                staging.write_text("report.json", report_json(version, asdict(summary), corpus.files))
                lap("report")
            except BaseException:
                staging.discard()  # the previous outputs stay as they are
                raise
            staging.commit()
            lap("commit")
            if cache:
                steps.begin("tidying the cache")
                if page is not None:  # after the commit: the page in place is the one this key drew
                    write_text(out / "cache" / PAGE_STATE, json.dumps(page), sync=False)
                # Only after a build that succeeded: a failed one keeps what the last good one used.
                ExtractionCache(out / "cache", version).prune(corpus.cache_keys)
                FragmentCache(out / "cache" / "graph").prune(graph.fragments)
            graph.finish()  # the page's part counts, written meanwhile by the projection's process
            lap("prune")
        finally:
            if graph is not None:
                graph.finish()
    finally:
        if collecting:
            gc.enable()
    return summary, corpus


def _stage(corpus: CorpusResult, version: str, staging: Staging, cache: bool,
           infer: bool, timings: dict[str, float] | None = None, jobs: int | None = 1,
           steps: Steps = NoSteps()) -> tuple[BuildSummary, GraphResult, dict | None]:
    """Write every output but the report under its temporary name; return the summary,
    what the graph stage did and the page's state to record (``None`` without cache).

    Raises:
        graph.validate.ShapeError: the built graph breaks ``ontology/shapes.ttl``.
    """
    lap = Laps(timings)
    out = staging.folder
    stored = corpus.stored
    # The lines as the cache keeps them (only a merged duplicate's sources are spliced in).
    # Written in a thread (the kernel copies the cached lines) while the graph is made.
    staging.write_chunks("extractions.jsonl", _lines(stored), background=True,
                         context=f"extraction cache {CACHE_FORMAT} layout {CACHE_LAYOUT}")
    lap("records")
    page_cache = out / "cache" if cache else None

    def draw(net):
        return _page(net, HEADING, page_cache)

    if cache:
        # A record is what its file's cache key and its sources say: the fragment cache
        # needs no digest of its JSON. A record whose line is still the one in its cache
        # entry (``at``) has the sources the entry gives, which the key decides (the key
        # digests the file's bytes and name, and an entry is written once): its key
        # alone says it. Reading the sources of every record (16,000 reads of a cache
        # entry at 10,000 papers) took 0.45 s of a one-paper rebuild.
        contents: dict[str, list[str]] | None = {}
        for s in stored:
            contents.setdefault(s.doc, []).append(
                (s.key or "") if s.at is not None else "\x1f".join([s.key or "", *s.sources]))
        if not all(s.key for s in stored):
            contents = None
        graph = write_graph(stored, out, version, out / "cache" / "graph", infer=infer,
                            staging=staging, contents=contents, timings=timings, jobs=jobs, draw=draw,
                            steps=steps)
    else:
        with tempfile.TemporaryDirectory(prefix=".fragments-", dir=out) as tmp:
            graph = write_graph(stored, out, version, tmp, infer=infer, staging=staging, timings=timings,
                                jobs=jobs, draw=draw, steps=steps)
            graph.finish()  # the projection's process writes its counts in tmp: done before it goes
    lap = Laps(timings)
    try:
        if graph.page is not None:  # drawn while the store loaded
            html, page = graph.page
        else:
            steps.begin("drawing the page")  # from the store, with its entailments
            new_store = open_graph(staging.staged["store"])
            net = project(new_store)
            new_store.close()  # before the folder is renamed into place
            html, page = draw(net)
        staging.write_chunks("graph.html", [html])
    except BaseException:
        graph.finish()
        raise
    lap("page")
    summary = BuildSummary(
        out=str(out), files=len([f for f in corpus.files if f.status == "ok"]),
        skipped=len(corpus.skipped), articles=len(stored),
        organisations=sum(s.counts[0] for s in stored), practices=sum(s.counts[1] for s in stored),
        outcomes=sum(s.counts[2] for s in stored), links=sum(s.counts[3] for s in stored),
        triples=graph.triples, duplicates=len(corpus.duplicates))
    return summary, graph, page


def _page(net, heading: str, cache_dir: Path | None) -> tuple[bytes, dict | None]:
    """``graph.html``, and what to record of it in ``cache_dir/page.state`` (``None``
    without cache): the previous build's page when it drew the same graph (its page key,
    :func:`graph.viz.page_key`, and the page's SHA-256 recorded there still match), else
    rendered. Rendering takes seconds whatever the corpus size (the layout of 1,500 nodes);
    one changed paper rarely changes the 1,500 best-connected nodes the page shows."""
    if cache_dir is None:
        return render_html(net, heading=heading).encode("utf-8"), None
    key = page_key(net, heading)
    try:
        state = json.loads((cache_dir / PAGE_STATE).read_text(encoding="utf-8"))
        if state["key"] == key:
            data = (cache_dir.parent / "graph.html").read_bytes()
            if hashlib.sha256(data).hexdigest() == state["sha256"]:
                return data, state
    except (OSError, ValueError, KeyError, TypeError):
        pass
    data = render_html(net, heading=heading).encode("utf-8")
    return data, {"key": key, "sha256": hashlib.sha256(data).hexdigest()}


def _lines(stored, size: int = 4 << 20) -> Iterable[bytes | FileRange]:
    """``extractions.jsonl`` in pieces: the lines held in memory joined into pieces of
    about ``size`` bytes, and the lines that lie in the extraction cache as ranges of
    its entries (each line with its newline; the lines of one entry are one range)."""
    part: list[bytes] = []
    n = 0
    run: FileRange | None = None
    for s in stored:
        at = s.at
        if at is not None:
            if part:
                yield b"".join(part)
                part, n = [], 0
            if run is not None and run.path == at.path and run.offset + run.size == at.offset:
                run = FileRange(run.path, run.offset, run.size + at.size + 1)
                continue
            if run is not None:
                yield run
            run = FileRange(at.path, at.offset, at.size + 1)
            continue
        if run is not None:
            yield run
            run = None
        line = s.line()
        part += (line, b"\n")
        n += len(line) + 1
        if n >= size:
            yield b"".join(part)
            part, n = [], 0
    if run is not None:
        yield run
    if part:
        yield b"".join(part)
