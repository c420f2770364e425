"""A content-hash cache of per-file extractions.

Extraction is the slow stage of a build; a rebuild after one paper changed should only
re-extract that paper. The key of a file is the SHA-256 of its bytes, its file name and
the extractor version (:func:`extract.version.extractor_version`: package version +
lexicon digest + rules digest + the segmenter's versions), so a changed lexicon or rule,
another jieba-rs or jieba, or a new release invalidates every entry. The
value is one file per key under the cache folder (``OUT/cache`` in ``minekg build``),
written atomically: a first line of JSON with the file's
:class:`~extract.corpus.FileReport` and, per record, what the graph reads of every record
(:meth:`extract.stored.StoredRecord.header`), then each record's line of
``extractions.jsonl`` as it is. A rebuild reads an unchanged file's entry up to its first
line, and its records' lines are copied from the entry into ``extractions.jsonl`` by the
kernel: decoding and encoding them again took most of a minute at 10,000 papers, and
reading them (670 MB) a second, and holding them 670 MB of memory.
An entry of an earlier layout (one JSON object; lines without their sizes) is read whole
and written again in this one.
"""
from __future__ import annotations

import hashlib
import json
import marshal
import os
import re
import stat
import time
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from graph.atomic import write_chunks, write_text

from .records import ArticleRecord
from .stored import LineAt, StoredRecord

if TYPE_CHECKING:  # corpus imports this module
    from .corpus import FileReport

#: Bumped when the layout of a cache entry changes.
CACHE_FORMAT = "2"  # 2: reports carry text_sha256; sentences start at an opening quote
#: The layout of an entry (same keys: an entry of an earlier layout is read and rewritten).
#: 3: each record's header gives the size of its line, so that an entry is read up to its
#: first line only (the lines are copied from the entry into extractions.jsonl).
LAYOUT = 3
_KEY = re.compile(r"[0-9a-f]{64}")
#: The first line of every entry the last build kept, decoded, with its length and the
#: entry's size (:meth:`ExtractionCache.prune`), in the cache folder (:mod:`marshal`): a
#: rebuild takes the records of its unchanged files from it, not from 10,000 entries
#: (opening each and decoding its first line took 1.2–1.5 s of a one-paper rebuild at
#: 10,000 papers, pyinstrument of ``minekg build``).
INDEX = "entries.marshal"
#: The first bytes of the index: then the length of its first object (8 bytes, little
#: endian), that object (the version, layout and keys) and the entries, in marshal's format.
_INDEX_MAGIC = b"minekg-index-1\n"
#: The index is written again once this many entries kept are not in it.
UNINDEXED = 32
#: What the last build knew of its input files, in the cache folder (JSON): the extractor
#: version, and per file (absolute path) its device, inode, size, modification and change
#: times (ns) and its key.
SIGNATURES = "files.json"
#: A file whose change time (ctime) is less than this before the build looked at it is
#: not remembered (it is read and hashed again next time): file times move in kernel
#: ticks, so a file written again within the tick it was looked at could keep its times
#: (git's «racily clean» entries).
RACY_NS = 1_000_000_000


class ExtractionCache:
    """Records and report of each extracted file, by content hash.

    Args:
        folder: where the entries live (created on the first write).
        version: the extractor version; part of every key.

    Attributes:
        hits: lookups answered from the cache; ``misses``: lookups that were not.
        hashed: files read and hashed by :meth:`file_key` (the others were known by
            their signature).
    """

    def __init__(self, folder: str | Path, version: str):
        self.folder = Path(folder)
        self.version = version
        self.hits = 0
        self.misses = 0
        self.hashed = 0
        self._known: dict[str, list] | None = None
        self._seen: dict[str, list] = {}
        self._started = 0
        self._index: dict[str, tuple] | None = None

    def entries(self) -> set[str]:
        """The keys that have an entry in the folder (listed once: a stat per file would
        cost more), whether readable or not (:meth:`get` says)."""
        try:
            return {name[:-5] for name in os.listdir(self.folder)
                    if name.endswith(".json") and _KEY.fullmatch(name[:-5])}
        except OSError:
            return set()

    def file_key(self, path: Path) -> str | None:
        """The key of the file at ``path`` (:meth:`key` of its bytes), without reading it
        when the last build saw it with the same signature — device, inode, size,
        modification and change time (:meth:`save_signatures`). The change time moves on
        every write and cannot be set back (``touch``, ``cp -p`` set the modification time
        only), so a changed file is read again, and a file touched but unchanged is read,
        hashed, and found in the cache. At 10,000 papers reading and hashing every file
        took 0.9 s of each rebuild.

        Returns:
            The key, or ``None`` when ``path`` is not a regular file (a FIFO: reading it
            would block).

        Raises:
            OSError: the file cannot be read.
        """
        if self._known is None:
            self._started = time.time_ns()
            self._known = self._load_signatures()
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return None
        sig = [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]
        name = os.path.abspath(path)
        known = self._known.get(name)
        if known is not None and known[:5] == sig:
            key = known[5]
        else:
            key = self.key(path, path.read_bytes())
            self.hashed += 1
        if st.st_ctime_ns < self._started - RACY_NS:
            self._seen[name] = [*sig, key]
        return key

    def _load_signatures(self) -> dict[str, list]:
        try:
            data = json.loads((self.folder / SIGNATURES).read_bytes())
            return data["files"] if data.get("version") == self.version else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def save_signatures(self) -> None:
        """Remember the signatures of the files :meth:`file_key` saw in this build (and
        only those: a file no longer read is forgotten)."""
        if self._known is not None:
            write_text(self.folder / SIGNATURES, json.dumps({"version": self.version, "files": self._seen}),
                       sync=False)

    def key(self, path: Path, data: bytes) -> str:
        """The key of a file read as ``data``.

        The file name is part of the key besides the bytes: records carry it
        (``doc``/``source``) and its suffix chooses the reader.
        """
        h = hashlib.sha256()
        for part in (CACHE_FORMAT, self.version, path.name):
            h.update(part.encode("utf-8") + b"\0")
        h.update(data)
        return h.hexdigest()

    def get(self, key: str, path: Path) -> tuple[list[StoredRecord], FileReport] | None:
        """The cached extraction of ``key``, or ``None``.

        Only the entry's first line is read: each record's line stays in the entry
        (:attr:`extract.stored.StoredRecord.at`) until it is asked for. An entry of an
        earlier layout is read whole and written again in this one. An unreadable or
        malformed entry (a crash of an older build, a hand edit, a size that is not the
        one its first line gives) is a miss, not an error: the file is simply extracted
        again.

        Args:
            key: from :meth:`key`.
            path: the file as given in this build; the report is about it.
        """
        entry = self.folder / f"{key}.json"
        got = None
        item = self._indexed(key, entry)
        if item is not None:
            try:
                got = self._records(key, entry, *item)
            except (ValueError, KeyError, TypeError):
                got = None  # read from the entry itself
        if got is None:
            try:
                with open(entry, "rb") as fh:
                    head = fh.readline()
                    size = os.fstat(fh.fileno()).st_size
                    data = json.loads(head)
                    if data.get("version") != self.version:
                        raise ValueError("other extractor version")
                    if data.get("layout") == LAYOUT:
                        got = self._records(key, entry, data, len(head), size)
                    else:
                        report = _report(data)
                        got = self._upgrade(key, data, head + fh.read(), report), report
            except (OSError, ValueError, KeyError, TypeError):
                self.misses += 1
                return None
        records, report = got
        # The same bytes may sit at another path than when they were cached.
        report.path = str(path)
        self.hits += 1
        return records, report

    @staticmethod
    def _records(key: str, entry: Path, data: dict, at: int, size: int) -> tuple[list[StoredRecord], FileReport]:
        """The records and report of an entry of this layout whose first line, ``at`` bytes
        long, decodes to ``data``, and whose file has ``size`` bytes.

        Raises:
            ValueError, KeyError, TypeError: ``data`` is not such a line, or the sizes of
                its records do not add up to ``size``.
        """
        report = _report(data)
        records = []
        for h in data["records"]:
            n = h["bytes"]
            records.append(StoredRecord(None, h["doc"], [(name, a) for name, a in h["orgs"]], h["names"],
                                        tuple(h["counts"]), tuple(h["sources_at"]) if h["sources_at"] else None,
                                        key=key, at=LineAt(entry, at, n)))
            at += n + 1
        if at != size:
            raise ValueError("an entry of another size than its records")
        return records, report

    def _indexed(self, key: str, entry: Path) -> tuple[dict, int, int] | None:
        """What the index (:data:`INDEX`) says of the entry of ``key``: its first line
        decoded, that line's length and the entry's size, while the entry has that size;
        else ``None`` (then the entry is read). An entry is written once for its key and
        holds what the key decides, so a file of that size is the one indexed."""
        if self._index is None:
            self._index = self._load_index()
        # taken out: the objects it holds become the records' (a second file of the same
        # key reads the entry and gets its own)
        item = self._index.pop(key, None)
        if item is None:
            return None
        try:
            data, at, size = item
            if os.stat(entry).st_size != size:
                return None
        except (OSError, ValueError, TypeError):
            return None
        return data, at, size

    def _load_index(self, keys_only: bool = False) -> dict[str, tuple] | set[str]:
        """The index the last build saved (:meth:`prune`) for this extractor version; empty
        when there is none, or of another version or layout. With ``keys_only``, the
        keys it indexes only (the file's first object: the second is not read)."""
        try:
            with open(self.folder / INDEX, "rb") as fh:
                # marshal.loads of the bytes: marshal.load of the file reads it piece by
                # piece (1.2 s for the 35 MB index of 10,000 entries, 0.5 s so)
                if fh.read(len(_INDEX_MAGIC)) != _INDEX_MAGIC:
                    return set() if keys_only else {}
                n = int.from_bytes(fh.read(8), "little")
                if n > os.fstat(fh.fileno()).st_size:
                    return set() if keys_only else {}
                head = marshal.loads(fh.read(n))
                if head.get("version") != self.version or head.get("layout") != LAYOUT:
                    return set() if keys_only else {}
                if keys_only:
                    return set(head["keys"])
                entries = marshal.loads(fh.read())
                return entries if isinstance(entries, dict) else {}
        except (OSError, ValueError, EOFError, KeyError, TypeError, AttributeError):
            return set() if keys_only else {}

    def _save_index(self, keep: set[str]) -> None:
        """Index the entries of ``keep`` (:data:`INDEX`): the last index's items, and the
        first line of each entry it did not have. Not written while it lacks at most
        :data:`UNINDEXED` of them (those few are read from their entries): reading and
        writing the index of 10,000 entries took 0.4 s of each one-paper rebuild."""
        indexed = self._load_index(keys_only=True)
        if indexed and len(keep - indexed) <= UNINDEXED:
            return
        old = self._load_index()
        entries: dict[str, tuple] = {}
        for key in sorted(keep):
            item = old.get(key)
            if item is None:
                item = self._head(key)
                if item is None:
                    continue
            entries[key] = item
        head = marshal.dumps({"version": self.version, "layout": LAYOUT, "keys": list(entries)})
        write_chunks(self.folder / INDEX, [_INDEX_MAGIC, len(head).to_bytes(8, "little"), head,
                                           marshal.dumps(entries)],
                     sync=False)

    def _head(self, key: str) -> tuple[dict, int, int] | None:
        """The first line of the entry of ``key`` decoded, its length and the entry's size,
        when the entry is of this version and layout; else ``None``."""
        entry = self.folder / f"{key}.json"
        try:
            with open(entry, "rb") as fh:
                head = fh.readline()
                size = os.fstat(fh.fileno()).st_size
            data = json.loads(head)
            if data.get("version") != self.version or data.get("layout") != LAYOUT:
                return None
            self._records(key, entry, data, len(head), size)  # raises unless it is whole
        except (OSError, ValueError, KeyError, TypeError):
            return None
        # the version and layout are the index's (one copy, not 10,000)
        return {k: v for k, v in data.items() if k not in ("version", "layout")}, len(head), size

    def _upgrade(self, key: str, data: dict, raw: bytes, report: "FileReport") -> list[StoredRecord]:
        """The records of an entry of an earlier layout (``raw``: its bytes), written
        again in this one.

        Raises:
            ValueError: the entry is truncated or has lines of more records than it lists.
        """
        if data.get("layout") == 2:  # the first line, then each record's line
            end = raw.find(b"\n")
            records = []
            for h in data["records"]:
                start, end = end + 1, raw.find(b"\n", end + 1)
                if end < 0:
                    raise ValueError("truncated entry")
                records.append(StoredRecord(raw[start:end], h["doc"], [(n, a) for n, a in h["orgs"]], h["names"],
                                            tuple(h["counts"]), tuple(h["sources_at"]) if h["sources_at"] else None,
                                            key=key))
            if end + 1 != len(raw):
                raise ValueError("an entry with more lines than records")
        else:  # layout 1: one JSON object
            records = [StoredRecord.of(ArticleRecord.from_dict(r), key) for r in data["records"]]
        self.put(key, records, report)
        return records

    def put(self, key: str, records: list[ArticleRecord] | list[StoredRecord], report: FileReport) -> None:
        """Store the extraction of one file under ``key``. The stored records given let go
        of their lines: they read them from the entry from now on."""
        stored = [r if isinstance(r, StoredRecord) else StoredRecord.of(r) for r in records]
        head = {"version": self.version, "layout": LAYOUT, "report": asdict(report),
                "records": [r.header() for r in stored]}
        chunks = [json.dumps(head, ensure_ascii=False).encode("utf-8") + b"\n"]
        chunks += [r.line() + b"\n" for r in stored]
        entry = write_chunks(self.folder / f"{key}.json", chunks, sync=False)
        at = len(chunks[0])
        for r, chunk in zip(stored, chunks[1:]):
            r.written_at(LineAt(entry, at, len(chunk) - 1))
            at += len(chunk)

    def prune(self, keep: Iterable[str]) -> int:
        """Delete every entry but those of ``keep`` (the keys of the files a build just
        read): entries of older extractor versions, of earlier contents of a file, of
        files no longer in the corpus. Other files in the folder are left alone.

        The entries kept are indexed (:data:`INDEX`) for the next build.

        Returns:
            How many entries were deleted.
        """
        keep = set(keep)
        gone = 0
        for path in self.folder.glob("*.json"):
            if _KEY.fullmatch(path.stem) and path.stem not in keep:
                path.unlink(missing_ok=True)
                gone += 1
        try:
            self._save_index(keep)
        except OSError:
            pass  # the next build reads the entries themselves
        return gone


def _report(data: dict) -> "FileReport":
    """The :class:`~extract.corpus.FileReport` of an entry's first line."""
    from .corpus import FileReport

    return FileReport(**data["report"])


__all__ = ["ExtractionCache", "CACHE_FORMAT"]
