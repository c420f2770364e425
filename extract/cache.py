"""A content-hash cache of per-file extractions.

Extraction is the slow stage of a build; a rebuild after one paper changed should only
re-extract that paper. The key of a file is the SHA-256 of its bytes, its file name and
the extractor version (:func:`extract.pipeline.extractor_version`: package version +
lexicon digest), so a changed lexicon or a new release invalidates every entry. The
value is one file per key under the cache folder (``OUT/cache`` in ``minekg build``),
written atomically: a first line of JSON with the file's
:class:`~extract.corpus.FileReport` and, per record, what the graph reads of every record
(:meth:`extract.stored.StoredRecord.header`), then each record's line of
``extractions.jsonl`` as it is. A rebuild reads an unchanged file without decoding its
records: at 10,000 papers that decoding and encoding again took most of a minute.
An entry of the earlier layout (one JSON object) is read whole and written again in this one.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from graph.atomic import write_chunks

from .records import ArticleRecord
from .stored import StoredRecord

if TYPE_CHECKING:  # corpus imports this module
    from .corpus import FileReport

#: Bumped when the layout of a cache entry changes.
CACHE_FORMAT = "2"  # 2: reports carry text_sha256; sentences start at an opening quote
#: The layout of an entry (same keys: an entry of layout 1 is read and rewritten).
LAYOUT = 2
_KEY = re.compile(r"[0-9a-f]{64}")


class ExtractionCache:
    """Records and report of each extracted file, by content hash.

    Args:
        folder: where the entries live (created on the first write).
        version: the extractor version; part of every key.

    Attributes:
        hits: lookups answered from the cache; ``misses``: lookups that were not.
    """

    def __init__(self, folder: str | Path, version: str):
        self.folder = Path(folder)
        self.version = version
        self.hits = 0
        self.misses = 0

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

        An unreadable or malformed entry (a crash of an older build, a hand edit) is a
        miss, not an error: the file is simply extracted again.

        Args:
            key: from :meth:`key`.
            path: the file as given in this build; the report is about it.
        """
        from .corpus import FileReport

        entry = self.folder / f"{key}.json"
        try:
            raw = entry.read_bytes()
            end = raw.find(b"\n")
            data = json.loads(raw[:end] if end >= 0 else raw)
            if data.get("version") != self.version:
                raise ValueError("other extractor version")
            report = FileReport(**data["report"])
            if data.get("layout") == LAYOUT:
                records = []
                for h in data["records"]:  # each line sliced once out of the file's bytes
                    start, end = end + 1, raw.find(b"\n", end + 1)
                    if end < 0:
                        raise ValueError("truncated entry")
                    records.append(StoredRecord(raw[start:end], h["doc"], [(n, a) for n, a in h["orgs"]],
                                                h["names"], tuple(h["counts"]),
                                                tuple(h["sources_at"]) if h["sources_at"] else None, key=key))
                if end + 1 != len(raw):
                    raise ValueError("an entry with more lines than records")
            else:
                records = [StoredRecord.of(ArticleRecord.from_dict(r), key) for r in data["records"]]
                self.put(key, records, report)
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        # The same bytes may sit at another path than when they were cached.
        report.path = str(path)
        self.hits += 1
        return records, report

    def put(self, key: str, records: list[ArticleRecord] | list[StoredRecord], report: FileReport) -> None:
        """Store the extraction of one file under ``key``."""
        stored = [r if isinstance(r, StoredRecord) else StoredRecord.of(r) for r in records]
        head = {"version": self.version, "layout": LAYOUT, "report": asdict(report),
                "records": [r.header() for r in stored]}
        chunks = [json.dumps(head, ensure_ascii=False).encode("utf-8") + b"\n"]
        chunks += [r.line() + b"\n" for r in stored]
        write_chunks(self.folder / f"{key}.json", chunks, sync=False)

    def prune(self, keep: Iterable[str]) -> int:
        """Delete every entry but those of ``keep`` (the keys of the files a build just
        read): entries of older extractor versions, of earlier contents of a file, of
        files no longer in the corpus. Other files in the folder are left alone.

        Returns:
            How many entries were deleted.
        """
        keep = set(keep)
        gone = 0
        for path in self.folder.glob("*.json"):
            if _KEY.fullmatch(path.stem) and path.stem not in keep:
                path.unlink(missing_ok=True)
                gone += 1
        return gone


__all__ = ["ExtractionCache", "CACHE_FORMAT"]
