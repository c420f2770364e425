"""Run the extraction stages over input files and folders.

:func:`find_inputs` lists the files a build reads; :func:`extract_corpus` reads each one,
splits it into articles, runs the spaCy pipeline (built once) and returns the records
and a per-file report. One broken file is reported and skipped; the rest is built.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .articles import split_articles
from .duplicates import document_names, merge_duplicates, rename_records, text_digest
from .errors import IngestError, MinekgError
from .ingest import SUPPORTED_SUFFIXES, read_document
from .records import ArticleRecord, record_from_doc
from .stored import StoredRecord


#: Longest cleaned text of one input file that is extracted, in characters: spaCy's own
#: default ``max_length`` (one ``Doc`` per article, and an article may be the whole file).
#: Extraction is about linear in length (one article of a bundled paper repeated:
#: 142,240 characters 1.1 s, 568,960 characters 4.6 s; before the sentence-scan fixes of
#: session 3 it was quadratic: 376,000 characters 51 s), so a long thesis is read; a 50 MB
#: text file (19 million characters) is refused: split it into one file per paper.
MAX_TEXT_CHARS = 1_000_000


class NoInputError(MinekgError):
    """Nothing to build: a path is missing or a folder holds no supported file."""


@dataclass
class FileReport:
    """What the build did with one input file.

    Attributes:
        path: the file.
        status: ``ok``, ``skipped`` (unreadable) or ``duplicate`` (the same paper as
            another input file, merged into its document: :mod:`extract.duplicates`).
        reason: why it was skipped or merged (``None`` when ok).
        articles: titles of the articles found.
        skipped_parts: parts of the page not extracted, with the reason.
        counts: ``{"organisations": n, "practices": n, "outcomes": n, "links": n}``.
        notes: what ingest and the splitter changed or noticed.
        text_sha256: the duplicate key of the file's cleaned text
            (:func:`extract.duplicates.text_digest`); ``None`` when unread.
        same_as: for a duplicate, the path of the file it was merged into.
        duplicates: for a file that others were merged into, their paths (sorted).
        doc: the document the file's text is in (``doc`` in ``extractions.jsonl``,
            ``dcterms:identifier`` in the graph): its own, named by
            :func:`extract.duplicates.document_names`, or for a duplicate the one it was
            merged into; ``None`` when skipped.
    """

    path: str
    status: str = "ok"
    reason: str | None = None
    articles: list[str] = field(default_factory=list)
    skipped_parts: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    text_sha256: str | None = None
    same_as: str | None = None
    duplicates: list[str] = field(default_factory=list)
    doc: str | None = None


@dataclass
class CorpusResult:
    """Records of all articles, in input order, and the report of every file.

    ``stored``: the records as :class:`~extract.stored.StoredRecord` (a line of
    ``extractions.jsonl`` each; what the build uses); :attr:`records` decodes them.
    ``extracted``: files run through the pipeline; ``cached``: files taken from the cache;
    ``cache_keys``: the cache keys of the files read (what a pruned cache keeps);
    ``hashed``: files read and hashed to find their cache key (the others were known by
    their signature, :meth:`extract.cache.ExtractionCache.file_key`).
    A file that is the same paper as another (status ``duplicate``) has no records of
    its own: its name is in the ``sources`` of the records it was merged into.
    """

    stored: list[StoredRecord]
    files: list[FileReport]
    extracted: int = 0
    cached: int = 0
    cache_keys: list[str] = field(default_factory=list)
    hashed: int = 0

    @property
    def records(self) -> list[ArticleRecord]:
        """Every record, decoded (a record from the cache is decoded on first use)."""
        return [s.record() for s in self.stored]

    @property
    def skipped(self) -> list[FileReport]:
        """Files not read (unreadable, unsupported): their content is missing."""
        return [f for f in self.files if f.status == "skipped"]

    @property
    def duplicates(self) -> list[FileReport]:
        """Files merged into another file's document: nothing of them is missing."""
        return [f for f in self.files if f.status == "duplicate"]


def find_inputs(paths: Iterable[str | Path]) -> tuple[list[Path], list[FileReport]]:
    """Expand files and folders into the sorted list of files to read.

    Folders are walked recursively, following no symbolic link to a folder twice (a
    link loop is reported, not followed); files with an unsupported suffix inside a
    folder are reported as skipped. The files come back sorted by path, each path
    once, so that the outputs do not depend on the order of the arguments or of the
    folder walk.

    Raises:
        NoInputError: a given path does not exist.
    """
    files: list[Path] = []
    reports: list[FileReport] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise NoInputError(f"{p}: no such file or folder; give a paper file or a folder of papers")
        if not p.is_dir():
            files.append(p)  # a file, or something ingest refuses with its reason (a FIFO)
            continue
        seen: set[tuple[int, int]] = set()
        for root, dirs, names in os.walk(p, followlinks=True):
            st = os.stat(root)
            if (st.st_dev, st.st_ino) in seen:
                reports.append(FileReport(root, "skipped", "folder reached twice (a symbolic-link loop); not read again"))
                dirs[:] = []
                continue
            seen.add((st.st_dev, st.st_ino))
            dirs.sort()
            for name in sorted(names):
                f = Path(root) / name
                if f.suffix.lower() in SUPPORTED_SUFFIXES:
                    files.append(f)
                elif not name.startswith("."):
                    reports.append(FileReport(str(f), "skipped",
                                              f"unsupported file type {f.suffix or '(none)'}"))
    files = sorted({str(f): f for f in files}.values(), key=str)
    return files, sorted(reports, key=lambda r: r.path)


def extract_file(nlp, path: Path, extractor: str = "") -> tuple[list[ArticleRecord], FileReport]:
    """Extract the records of one file.

    Raises:
        IngestError: the file cannot be read, or its text is longer than
            :data:`MAX_TEXT_CHARS` (the caller reports and skips it).
    """
    from .pipeline import process_article

    doc = read_document(path)
    if len(doc.text) > MAX_TEXT_CHARS:
        raise IngestError(path, f"text too long for one paper ({len(doc.text):,} characters after "
                                f"cleaning > {MAX_TEXT_CHARS:,}); split it into one file per paper")
    articles, skipped = split_articles(doc)
    report = FileReport(str(path), notes=list(doc.notes), text_sha256=text_digest(doc.text))
    skipped_desc = [f"{s.title}: {s.reason}" if not s.reason.startswith(s.title) else s.reason
                    for s in skipped]
    report.skipped_parts = skipped_desc
    records = []
    for k, article in enumerate(articles):
        spacy_doc = process_article(nlp, article)
        rec = record_from_doc(spacy_doc, article, skipped_desc if k == 0 else [], extractor)
        records.append(rec)
        report.articles.append(article.title)
        report.notes += article.notes
    report.counts = {u: sum(len(getattr(r, u)) for r in records)
                     for u in ("organisations", "practices", "outcomes", "links")}
    return records, report


# The pipeline of a worker process, built once by :func:`_init_worker`.
_WORKER_NLP = None


def _init_worker(parent: int) -> None:
    """Build the spaCy pipeline once per worker process (it takes seconds); the worker
    ends with the build's process ``parent`` (:func:`extract.workers.die_with`)."""
    global _WORKER_NLP
    from .pipeline import create_nlp
    from .workers import die_with

    die_with(parent)

    _WORKER_NLP = create_nlp()


def _extract_in_worker(path: Path, extractor: str) -> tuple[list[StoredRecord], FileReport | None, str | None]:
    """:func:`extract_file` in a worker; an unreadable file comes back as its reason,
    since the parent reports it and exceptions need not survive pickling. The records
    come back encoded (:meth:`~extract.stored.StoredRecord.encoded`): their lines are
    made in the workers, in parallel, and the parent decodes a record only if it needs it."""
    try:
        recs, report = extract_file(_WORKER_NLP, path, extractor)
    except IngestError as exc:
        return [], None, exc.reason
    return [StoredRecord.of(r).encoded() for r in recs], report, None


@dataclass
class _Pending:
    """A file still to extract, with its cache key (``None`` when not caching)."""

    index: int
    path: Path
    key: str | None


def extract_corpus(paths: Iterable[str | Path], nlp=None,
                   progress: Callable[[str], None] | None = None,
                   cache_dir: str | Path | None = None, jobs: int | None = 1) -> CorpusResult:
    """Extract every input file.

    Args:
        paths: files and folders.
        nlp: a pipeline from :func:`extract.pipeline.create_nlp` (built here if ``None``).
            When given, extraction runs in this process with it and ``jobs`` is ignored:
            a pipeline cannot be handed to worker processes.
        progress: called with each file's path after it is done (a progress bar);
            files answered from the cache are reported first.
        cache_dir: a folder for :class:`extract.cache.ExtractionCache`; files whose
            bytes, name and extractor version are cached there are not extracted again.
            ``None``: no cache.
        jobs: worker processes for the files to extract (``None``: ``os.cpu_count()``).
            The records come back in input order whatever the number, so the output
            does not depend on it.

    Returns:
        The :class:`CorpusResult`; unreadable files are in ``files`` with status
        ``skipped`` and the reason, and produce no record. Files with the same text
        are one document (:func:`extract.duplicates.merge_duplicates`): the first by
        name keeps its records, with every name in ``sources``; the others have status
        ``duplicate``. Two different papers with the same file name are two documents
        named by their paths (:func:`extract.duplicates.document_names`). ``extracted`` and
        ``cached`` count the files extracted and the files taken from the cache.

    Raises:
        NoInputError: a path does not exist, or no supported file was found.
    """
    from .cache import ExtractionCache
    from .version import extractor_version

    files, reports = find_inputs(paths)
    if not files:
        raise NoInputError("no paper to read: the folder holds no "
                           f"{'/'.join(SUPPORTED_SUFFIXES)} file")
    version = extractor_version()
    cache = ExtractionCache(cache_dir, version) if cache_dir is not None else None
    done: list[tuple[list[StoredRecord], FileReport] | None] = [None] * len(files)
    pending: list[_Pending] = []
    used: list[str] = []
    # With more than one job, the worker processes start as soon as the files to extract
    # are known — by their signatures, before any cache entry is read — and build their
    # pipelines (a second or two: jieba's dictionary) while this process reads the
    # entries of the others; a rebuild of one changed paper otherwise waited for it.
    parallel = nlp is None and (jobs or os.cpu_count() or 1) > 1
    pool = None
    futures: dict = {}

    def submit(items: list[_Pending]) -> None:
        nonlocal pool
        pending.extend(items)
        if not parallel or not items:
            return
        if pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # The pipeline's modules (spaCy: a second) imported here, before the workers
            # are forked, once for all of them: imported in each worker after the fork, a
            # one-paper rebuild of 10,000 papers took a second longer. A build with nothing
            # to extract does not import them at all.
            from . import pipeline  # noqa: F401

            # No more processes than files: under the fork start method the pool starts
            # all of them at once, and each builds a pipeline (one changed paper: one).
            # Fork named, not the platform's default (Python 3.14 starts workers from a
            # fork server on Linux): the workers are this process's children, with its modules.
            pool = ProcessPoolExecutor(max_workers=min(jobs or os.cpu_count() or 1, len(items)),
                                       mp_context=multiprocessing.get_context("fork"),
                                       initializer=_init_worker, initargs=(os.getpid(),))
        for item in items:
            futures[pool.submit(_extract_in_worker, item.path, version)] = item

    try:
        if cache is None:
            submit([_Pending(k, path, None) for k, path in enumerate(files)])
        else:
            keys: list[str | None] = []
            entries = cache.entries()
            todo = []
            for k, path in enumerate(files):
                try:
                    key = cache.file_key(path)  # None for a FIFO: reading it would block
                except OSError:
                    key = None  # unreadable: extract_file reports why
                keys.append(key)
                if key:
                    used.append(key)
                if key not in entries:
                    todo.append(_Pending(k, path, key))
            cache.save_signatures()
            submit(todo)
            for k, path in enumerate(files):
                if keys[k] in entries:
                    hit = cache.get(keys[k], path)
                    if hit is None:  # an entry that cannot be read: extracted again
                        submit([_Pending(k, path, keys[k])])
                        continue
                    done[k] = hit
                    if progress:
                        progress(str(path))

        def finish(item: _Pending, recs: list[ArticleRecord] | list[StoredRecord], report: FileReport | None,
                   reason: str | None) -> None:
            if report is None:
                done[item.index] = ([], FileReport(str(item.path), "skipped", reason))
            else:
                # A worker sends its records encoded (StoredRecord.encoded); this process
                # made them itself otherwise.
                stored = [r if isinstance(r, StoredRecord) else StoredRecord.of(r) for r in recs]
                for r in stored:
                    r.key = item.key
                done[item.index] = (stored, report)
                if cache is not None and item.key:
                    cache.put(item.key, stored, report)
            if progress:
                progress(str(item.path))

        if pool is not None:
            from concurrent.futures import as_completed

            for fut in as_completed(futures):
                finish(futures[fut], *fut.result())
        elif pending:
            from .pipeline import create_nlp

            nlp = nlp or create_nlp()
            for item in pending:
                try:
                    recs, report = extract_file(nlp, item.path, version)
                except IngestError as exc:
                    finish(item, [], None, exc.reason)
                else:
                    finish(item, recs, report, None)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)

    assert all(entry is not None for entry in done)
    # Named and merged once every file is in, so that neither depends on the order the
    # files were extracted in (--jobs) or found in.
    names = document_names([entry[1] for entry in done])  # type: ignore[index]
    for recs, report in done:  # type: ignore[misc]
        if report.path in names:
            report.doc = names[report.path]
            if report.doc != Path(report.path).name:
                rename_records(recs, report.doc)
    merge_duplicates(done, names)  # type: ignore[arg-type]
    by_path = {entry[1].path: entry[1] for entry in done}  # type: ignore[index]
    for _, report in done:  # type: ignore[misc]
        if report.same_as:
            report.doc = by_path[report.same_as].doc
    records: list[StoredRecord] = []
    for entry in done:
        records += entry[0]
        reports.append(entry[1])
    return CorpusResult(records, reports, extracted=len(pending),
                        cached=len(files) - len(pending), cache_keys=used,
                        hashed=cache.hashed if cache is not None else 0)
