"""Put the outputs of a build in place together, at the end, or not at all (issue 7).

A build stages every output under a temporary name in the output folder
(``.graph.ttl.<random>.tmp``, ``store.tmp/``) and only when all of them are complete
renames them into place (:meth:`Staging.commit`):

1. the journal ``.commit.json`` is written (atomically): the staged name of each output;
2. each output is renamed into place, folders first (through
   :func:`graph.atomic.replace_dir`), then the files in the order they were staged;
3. the journal is removed.

A build killed before step 1 has not touched a single output: the previous ones are
intact, byte for byte, and only temporary files are left, which :func:`recover` removes.
A build killed during step 2 leaves the journal; :func:`recover` finishes the renames
(roll forward: every staged output is complete), so the folder does not stay a mix of
two builds. :func:`recover` runs at the start of every build (``minekg build``), not in
the query commands: a reader must not rename files under a build that is committing.
Readers that find no ``store/`` in the middle of step 2 open the previous store, moved
aside to ``store.old/`` (:func:`graph.store.open_graph`).

Two builds into one output folder at the same time are not supported.

A staged file made of pieces of other files (:class:`FileRange`: the cache entries that
``extractions.jsonl`` and ``graph.ttl`` are copied from) takes the pieces it shares with
the output it replaces from that output, in a few long ranges, when the staging keeps
layouts (:data:`LAYOUT_SUFFIX`, :func:`plan`): a one-paper rebuild of 10,000 papers copies
two ranges per file instead of 20,000 small ones. Each small copy took the GIL back from
the build's busy thread (CPython hands it over every 5 ms), so the copies crawled
while the graph stage ran and the commit waited for them.
"""
from __future__ import annotations

import json
import marshal
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from extract.signals import held_stops

from .atomic import old_copy, replace_dir, write_chunks, write_text


class FileRange(NamedTuple):
    """``size`` bytes of the file ``path`` from byte ``offset``: a piece of a staged file
    copied from another file (:meth:`Staging.write_chunks`)."""

    path: Path
    offset: int
    size: int

#: The journal of a commit in progress, in the output folder.
JOURNAL = ".commit.json"
#: What a staging that keeps layouts writes beside an output made of pieces of other files,
#: in its layouts folder (``<name>.layout``, :mod:`marshal`): the output's identity (device,
#: inode, size, modification and change times in ns, after the commit) and, per piece, the
#: file it came from (absolute path), its offset and size there, and its offset in the output.
LAYOUT_SUFFIX = ".layout"
#: Bumped when what a layout holds changes (an older one is not used).
LAYOUT_FORMAT = 1

#: A piece of a layout: source path (absolute), offset there, size, offset in the output.
Piece = tuple[str, int, int, int]


def identity(path: Path) -> tuple[int, ...] | None:
    """What tells a file from the same-named file written or edited since: device, inode,
    size, modification and change times (ns); ``None`` when it is missing. Of a folder put
    in place by a rename too: an inode freed may be reused, the change time is new."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def plan(chunks: Iterable[str | bytes | Path | FileRange], previous: Path,
         layout: dict | None, context: str = "") -> tuple[list[bytes | Path | FileRange], list[Piece], int]:
    """The pieces to write for a staged file that replaces ``previous``, taking from
    ``previous`` what it already holds.

    A :class:`FileRange` whose source range (absolute path, offset, size) ``layout`` places
    in ``previous`` becomes that range of ``previous``, and ranges of ``previous`` that
    follow each other are joined; every other piece is kept (text encoded as UTF-8). The
    sources are cache entries, written once under a name that digests what they hold, so
    a source range names the same bytes from one build to the next — as long as the
    caches' format is the same: ``context`` names it, and a layout of another is not used
    (an entry of an older format is written again under its name, with other bytes).

    Args:
        chunks: the pieces of :meth:`Staging.write_chunks`.
        previous: the output in place, which the staged file will replace.
        layout: ``previous``'s layout as the commit that put it in place wrote it
            (:data:`LAYOUT_SUFFIX`), or ``None``. Not used when ``previous`` is not the
            file it describes (rewritten, edited, copied, gone), or it is of another
            format or ``context``.
        context: what the sources' bytes follow from besides their names (the format of
            the cache entries they are), as the caller words it.

    Returns:
        ``(pieces to write, the new file's layout, bytes taken from previous)``; the pieces
        make the same bytes as ``chunks``.
    """
    where: dict[tuple[str, int, int], int] = {}
    ident = identity(previous)
    if (ident is not None and isinstance(layout, dict) and layout.get("format") == LAYOUT_FORMAT
            and layout.get("context") == context and layout.get("file") == ident):
        where = {(src, offset, size): at for src, offset, size, at in layout.get("pieces", ())
                 if at + size <= ident[2]}
    out: list[bytes | Path | FileRange] = []
    pieces: list[Piece] = []
    at = reused = 0
    for chunk in chunks:
        if isinstance(chunk, FileRange):
            src = os.path.abspath(chunk.path)
            pieces.append((src, chunk.offset, chunk.size, at))
            at += chunk.size
            there = where.get((src, chunk.offset, chunk.size))
            if there is not None:
                reused += chunk.size
                last = out[-1] if out else None
                if isinstance(last, FileRange) and last.path == previous and last.offset + last.size == there:
                    out[-1] = FileRange(previous, last.offset, last.size + chunk.size)
                    continue
                chunk = FileRange(previous, there, chunk.size)
        elif isinstance(chunk, Path):
            at += chunk.stat().st_size
        else:
            chunk = chunk.encode("utf-8") if isinstance(chunk, str) else chunk
            at += len(chunk)
        out.append(chunk)
    return out, pieces, reused


def _read_layout(path: Path) -> dict | None:
    """A layout file's content, or ``None`` when it is missing or unreadable (a layout is
    a hint: without it every piece is copied from its source)."""
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return data if isinstance(data, dict) else None


class Staging:
    """The outputs of one build, written under temporary names until :meth:`commit`.

    Args:
        folder: the output folder (created).
        layouts: the folder where the layout of each output made of pieces of other files is
            kept (:func:`plan`; ``OUT/cache`` in a build), so that the next staging takes
            unchanged pieces from the output in place; ``None``: none kept or used.

    Attributes:
        staged: final name → temporary path of every staged output.
        reused: final name → bytes of its staged file taken from the output it replaces.
        committed: whether :meth:`commit` has put the staged outputs in place.
    """

    def __init__(self, folder: str | Path, layouts: str | Path | None = None):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.layouts = Path(layouts) if layouts is not None else None
        self.staged: dict[str, Path] = {}
        self.reused: dict[str, int] = {}
        self.committed = False
        self._pieces: dict[str, tuple[str, list[Piece]]] = {}
        # The fsync of each staged file, running while the build goes on: flushing
        # extractions.jsonl and graph.ttl (1.4 GB at 10,000 papers) waits on the disk, not
        # the CPU, so it overlaps the store and the projection instead of adding to them.
        # Joined before the journal is written (:meth:`commit`): nothing is renamed into
        # place before every staged byte is on disk.
        self._syncs: list[_Sync] = []

    def write_text(self, name: str, text: str) -> Path:
        """Stage the file ``name`` with ``text`` (UTF-8, flushed to disk).

        Returns:
            The temporary path (``.<name>.<random>.tmp`` in the folder).
        """
        return self.write_chunks(name, [text])

    def write_chunks(self, name: str, chunks: Iterable[str | bytes | Path | FileRange], *,
                     background: bool = False, context: str = "") -> Path:
        """Like :meth:`write_text`, for text given in pieces (``str`` as UTF-8, ``bytes``
        as they are, a ``Path``: that file's bytes, a :class:`FileRange`: those bytes of
        a file, both copied by the kernel), so a file larger than memory is staged
        without holding it.

        Args:
            background: take the pieces now (the iterable is consumed here) and write
                them in a thread while the build goes on; the write is joined with the
                fsyncs (:meth:`synced`, before the commit). The kernel copies of
                ``extractions.jsonl`` and ``graph.ttl`` (1.4 GB from the caches at 10,000
                papers, 1.5–3 s) release the GIL, so they overlap the graph stage's Python
                work instead of adding to it; more than :data:`CHILD_RANGES` pieces copied
                from other files are written by a process of its own. Its errors are raised
                by :meth:`synced`.
            context: with layouts kept, the format of the cache entries the ranges are
                taken from (:func:`plan`): the output in place is copied from only when its
                layout was written under the same context.

        Raises:
            OSError: a file to copy from is shorter than its range (by :meth:`synced`
                when ``background``).

        Returns:
            The temporary path.
        """
        if self.layouts is not None:
            chunks, pieces, self.reused[name] = plan(
                chunks, self.folder / name, _read_layout(self.layouts / f"{name}{LAYOUT_SUFFIX}"), context)
            if pieces:
                self._pieces[name] = (context, pieces)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=self.folder)
        self.staged[name] = Path(tmp)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are for sharing
        if background:
            self._syncs.append(_Sync(fd, tmp, list(chunks)))
            return Path(tmp)
        with os.fdopen(fd, "wb") as fh:
            _write(fh, chunks)
            self._syncs.append(_Sync(os.dup(fh.fileno()), tmp))
        return Path(tmp)

    def synced(self) -> None:
        """Wait until every staged file is written (:meth:`write_chunks` in the
        background) and on disk.

        Raises:
            OSError: a file could not be written or flushed to disk (the first such
                error; a background write raises what it raised).
        """
        syncs, self._syncs = self._syncs, []
        errors = [e for e in (s.wait() for s in syncs) if e is not None]
        if errors:
            raise errors[0]

    def directory(self, name: str) -> Path:
        """Stage the folder ``name``: returns ``<name>.tmp`` (removed if left over), for
        the caller to create and fill."""
        tmp = self.folder / f"{name}.tmp"
        if tmp.exists():
            shutil.rmtree(tmp)
        self.staged[name] = tmp
        return tmp

    def commit(self) -> None:
        """Rename every staged output into place (journal first; see the module doc).

        A stop signal (:mod:`extract.signals`) that comes while the journal is written and
        the outputs renamed is held until they all are: a stopped build leaves the
        previous outputs or its own, not some of each until the next build.

        Raises:
            OSError: a rename failed; the journal stays and the next build finishes it.
            extract.signals.Stopped: stopped while the staged files were synced (nothing
                left over) or, held, while they were renamed (:attr:`committed`).
        """
        # Folders first: while the store is being swapped every file is still the
        # previous build's; the files follow, in the order they were staged.
        try:
            self.synced()
        except BaseException:
            self.discard()  # as a build whose fsync failed while staging did: nothing left over
            raise
        order = sorted(self.staged.items(), key=lambda item: not item[1].is_dir())
        mapping = {name: tmp.name for name, tmp in order}
        with held_stops():
            write_text(self.folder / JOURNAL, json.dumps(mapping, ensure_ascii=False))
            _apply(self.folder, mapping)
            (self.folder / JOURNAL).unlink()
            self.staged.clear()
            self.committed = True
        self._write_layouts()

    def _write_layouts(self) -> None:
        """Write the layout of each committed output made of pieces (after its rename, which
        sets the change time its identity records). A layout not written leaves the one of
        the previous output, which no longer matches the file: it is not used."""
        pieces, self._pieces = self._pieces, {}
        if self.layouts is None:
            return
        for name, (context, kept) in pieces.items():
            ident = identity(self.folder / name)
            if ident is None:
                continue
            try:
                write_chunks(self.layouts / f"{name}{LAYOUT_SUFFIX}",
                             [marshal.dumps({"format": LAYOUT_FORMAT, "context": context, "file": ident,
                                             "pieces": kept})],
                             sync=False)
            except OSError:
                pass  # a hint only: the next build copies every piece from its source

    def discard(self) -> None:
        """Remove the staged outputs (the build failed); the previous ones stay."""
        try:
            self.synced()  # no fsync left writing to a file about to be removed
        except Exception:
            pass  # the build failed already; its staged files go anyway
        for tmp in self.staged.values():
            if tmp.is_dir():
                shutil.rmtree(tmp, ignore_errors=True)
            elif tmp.exists():
                tmp.unlink()
        self.staged.clear()
        self._pieces.clear()


#: Bytes written to a staged file between two requests to the kernel to start writing them
#: to disk (:func:`_write`).
WRITEBACK_STEP = 64 << 20


def _write(fh, chunks: Iterable[str | bytes | Path | FileRange]) -> None:
    """Write the pieces of :meth:`Staging.write_chunks` to the open file ``fh`` (flushed).

    Every :data:`WRITEBACK_STEP` bytes the kernel is asked to start writing what came
    before to disk (:func:`_start_writeback`, which does not wait),
    so that the ``fsync`` before the commit finds little left to write. Without it the
    pages stay dirty until the ``fsync`` (Linux starts writing back only past
    ``vm.dirty_background_ratio``, 10 % of memory): a one-paper rebuild of 10,000 papers
    wrote the 1.35 GB of ``extractions.jsonl`` and ``graph.ttl`` to disk only at its commit,
    and waited for it.
    """
    fd = fh.fileno()
    at = kicked = os.lseek(fd, 0, os.SEEK_CUR)  # bytes in the file (written or buffered)
    for chunk in chunks:
        if isinstance(chunk, Path):
            fh.flush()
            _copy_file(chunk, fh)
            at = os.lseek(fd, 0, os.SEEK_CUR)  # (the kernel's copy moved the offset)
        elif isinstance(chunk, FileRange):
            fh.flush()
            _copy_file(chunk.path, fh, chunk.offset, chunk.size)
            at = os.lseek(fd, 0, os.SEEK_CUR)
        else:
            data = chunk.encode("utf-8") if isinstance(chunk, str) else chunk
            fh.write(data)
            at += len(data)
        if at - kicked >= WRITEBACK_STEP:
            fh.flush()
            _start_writeback(fd, kicked, at - kicked)
            kicked = at
    fh.flush()


def _start_writeback(fd: int, offset: int, size: int) -> None:
    """Ask the kernel to start writing ``size`` bytes of ``fd`` from ``offset`` to disk,
    without waiting: ``posix_fadvise(POSIX_FADV_DONTNEED)``, which Linux begins by writing
    the range's dirty pages back (mm/fadvise.c; Python has no ``sync_file_range``), then
    drops the range's clean pages from the cache — an output is not read again by the
    build. Elsewhere, or where the file system refuses: nothing."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    try:
        advise(fd, offset, size, os.POSIX_FADV_DONTNEED)
    except OSError:
        pass  # a hint only: the fsync before the commit still writes everything


class _Sync:
    """``os.fsync`` of an open file descriptor in a thread of its own, which then closes it;
    with ``chunks``, the thread first writes them to the descriptor (:func:`_write`).

    Args:
        fd: the descriptor (this object owns it); ``path``: the file, for errors.
        chunks: pieces to write before the fsync (``None``: the file is written).
    """

    def __init__(self, fd: int, path: str, chunks: list | None = None):
        self.error: Exception | None = None
        self._fd, self._path, self._chunks = fd, path, chunks
        # A daemon thread: a build killed or failing does not wait for the disk to exit.
        self._thread = threading.Thread(target=self._run, name=f"fsync {Path(path).name}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            if self._chunks is not None:
                # (no interpreter to start, as in an embedded Python: in this thread)
                if sys.executable and sum(isinstance(c, FileRange) for c in self._chunks) > CHILD_RANGES:
                    _write_in_child(self._path, self._chunks)
                else:
                    with os.fdopen(os.dup(self._fd), "wb") as fh:
                        _write(fh, self._chunks)
                self._chunks = None
            os.fsync(self._fd)
        except Exception as e:  # raised in the build's thread by Staging.synced
            self.error = e
        finally:
            os.close(self._fd)

    def wait(self) -> Exception | None:
        """Wait for the fsync; returns its error, if any."""
        self._thread.join()
        return self.error


#: A background write of more pieces copied from other files than this (:class:`FileRange`)
#: runs in a Python process of its own (:func:`_write_in_child`). Each piece's system calls
#: give the GIL back, and a thread that wants it back while the build's thread runs Python
#: waits CPython's switch interval (5 ms): 10,000 ranges copied in 2.2 s by a thread on its
#: own took 136 s beside a busy thread, and a one-paper rebuild of 10,000 papers whose
#: outputs could not be taken from the ones in place (:func:`plan`) waited 11.8 s for them
#: at its commit.
CHILD_RANGES = 256
#: What the copying process runs: the package's folder, then the staged file's path.
_CHILD = "import sys; sys.path.insert(0, sys.argv[1]); from graph.commit import _child_main; _child_main(sys.argv[2])"


def _write_in_child(path: str, chunks: list) -> None:
    """Write ``chunks`` (:meth:`Staging.write_chunks`' pieces) to the file ``path`` from its
    start, in a fresh Python process (:data:`CHILD_RANGES`); the caller's ``fsync`` of the
    file (:class:`_Sync`) flushes what the process wrote.

    Raises:
        OSError: the process could not write them (its message: a file to copy from is
            shorter than its range, the disk is full …).
    """
    import subprocess

    pieces = [(str(c), 0, -1) if isinstance(c, Path) else (str(c.path), c.offset, c.size)
              if isinstance(c, FileRange) else c.encode("utf-8") if isinstance(c, str) else c for c in chunks]
    root = str(Path(__file__).resolve().parent.parent)
    proc = subprocess.run([sys.executable, "-c", _CHILD, root, path], input=marshal.dumps(pieces),
                          capture_output=True)
    if proc.returncode != 0:
        lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OSError(lines[-1] if lines else f"{path}: the process copying its pieces ended with {proc.returncode}")


def _child_main(path: str) -> None:
    """The copying process of :func:`_write_in_child`: the pieces on standard input
    (:mod:`marshal`), written to ``path``; an error is its message on standard error and
    exit status 1."""
    pieces = marshal.loads(sys.stdin.buffer.read())
    chunks = [p if isinstance(p, bytes) else Path(p[0]) if p[2] < 0 else FileRange(Path(p[0]), p[1], p[2])
              for p in pieces]
    try:
        with open(path, "wb") as fh:
            _write(fh, chunks)
    except OSError as e:
        print(str(e), file=sys.stderr)
        sys.exit(1)


def _copy_file(path: Path, fh, offset: int = 0, size: int | None = None) -> None:
    """Append the bytes of ``path`` (``size`` bytes from ``offset``; by default all) to the
    open file ``fh`` (flushed): ``copy_file_range`` (no copy through Python: graph.ttl is
    half a gigabyte of cached blocks at 10,000 papers), else read and write.

    Raises:
        OSError: ``path`` has fewer bytes than the range asks for.
    """
    with open(path, "rb") as src:
        left = os.fstat(src.fileno()).st_size - offset if size is None else size
        try:
            while left > 0:
                n = os.copy_file_range(src.fileno(), fh.fileno(), left, offset)
                if n == 0:
                    break
                left -= n
                offset += n
        except (AttributeError, OSError):
            pass  # copied from where the kernel copy stopped
        if left > 0:
            src.seek(offset)
            data = src.read(left)
            fh.write(data)
            if len(data) != left:
                raise OSError(f"{path}: {left - len(data)} bytes fewer than the build expected")


def _apply(folder: Path, mapping: dict[str, str]) -> None:
    """Rename each staged output into place; staged names already gone were moved."""
    for name, tmp_name in mapping.items():
        tmp, final = folder / tmp_name, folder / name
        if tmp.is_dir():
            replace_dir(tmp, final)
        elif tmp.exists():
            os.replace(tmp, final)
        elif not final.exists() and old_copy(final).is_dir():
            old_copy(final).rename(final)  # the staged folder is lost: keep the previous
        shutil.rmtree(old_copy(final), ignore_errors=True)


def recover(folder: str | Path, names: Iterable[str]) -> list[str]:
    """Bring an output folder back to one consistent build after a killed one.

    Finishes a commit its journal shows was under way, then removes what a killed build
    left behind: staged files (``.<name>.*.tmp``) and folders (``<name>.tmp``), and an
    aside copy ``<name>.old`` (put back in place when ``<name>`` is missing).

    Args:
        folder: the output folder (need not exist).
        names: the output names a build writes (``graph.ttl``, ``store`` …).

    Returns:
        What was done, one short line each (empty when the folder was clean).
    """
    folder = Path(folder)
    done: list[str] = []
    journal = folder / JOURNAL
    if journal.exists():
        try:
            mapping = json.loads(journal.read_text(encoding="utf-8"))
            if not isinstance(mapping, dict):
                raise ValueError("not an object")
        except (OSError, ValueError):
            mapping = {}  # written atomically, so never half; a hand edit: ignore it
        _apply(folder, {str(k): str(v) for k, v in mapping.items()})
        journal.unlink()
        done.append(f"finished the commit of an interrupted build ({', '.join(sorted(mapping))})")
    for name in names:
        final, old, tmp_dir = folder / name, old_copy(folder / name), folder / f"{name}.tmp"
        if old.is_dir():
            if final.exists():
                shutil.rmtree(old, ignore_errors=True)
            else:
                old.rename(final)
                done.append(f"put the previous {name} back in place")
        if tmp_dir.is_dir():
            shutil.rmtree(tmp_dir, ignore_errors=True)
            done.append(f"removed the unfinished {tmp_dir.name}")
        for stray in sorted(folder.glob(f".{name}.*.tmp")):
            stray.unlink()
            done.append(f"removed the unfinished {stray.name}")
    return done


__all__ = ["FileRange", "Staging", "plan", "recover", "JOURNAL", "LAYOUT_SUFFIX"]
