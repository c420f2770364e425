"""A record as the build carries it: its line of ``extractions.jsonl`` and the little the
graph reads of every record (:class:`StoredRecord`).

Not part of what decides an extraction (:func:`extract.version.extractor_version` does not
digest this module): a change here changes how records are held, not what they say.
"""
from __future__ import annotations

import json
import os
from dataclasses import fields
from pathlib import Path
from typing import NamedTuple

from .records import ArticleRecord, LinkRecord, OrganisationRecord, OutcomeRecord, PracticeRecord


class LineAt(NamedTuple):
    """Where a record's line lies in a file (an extraction-cache entry).

    Attributes:
        path: the file.
        offset: the byte offset of the line.
        size: its length in bytes, without the newline that follows it.
    """

    path: Path
    offset: int
    size: int


class StoredRecord:
    """A record as the build handles it: its line of ``extractions.jsonl`` and the little
    the graph reads of every record, the whole :class:`ArticleRecord` decoded only when
    asked (:meth:`record`). A rebuild reads an unchanged file's records from the cache
    this way, without decoding its JSON (:mod:`extract.cache`).

    It holds one of three: the decoded record, the line, or where the line lies in its
    cache entry (:attr:`at`; the line is read from there when asked, and the build copies
    it into ``extractions.jsonl`` file to file). A record decoded from a line is not
    kept, and once the line is made the record is let go; once the cache entry is
    written, the line is let go too. At 10,000 papers the decoded records of a build
    from nothing took 1.2 GB on top of their 670 MB of lines, and made its peak (2,618
    MB, the graph stage from the extraction cache, ``benchmarks/bench.py --rebuild``).

    Args:
        line: the record's JSON line (:meth:`ArticleRecord.to_json`, UTF-8, no newline),
            or ``None`` with ``record`` or ``at``.
        doc: the record's ``doc``.
        orgs: ``(name, aliases)`` of each organisation it declares.
        names: :meth:`ArticleRecord.organisation_names`.
        counts: organisations, practices, outcomes, links.
        sources_at: the byte range of the ``sources`` value in ``line`` (``None``: unknown).
        key: the extraction-cache key of the file it came from (``None`` without cache).
        record: the record itself (a record just extracted).
        at: where the line lies in a file.
    """

    __slots__ = ("doc", "orgs", "names", "counts", "key", "_line", "_sources_at", "_record", "_at")

    def __init__(self, line: bytes | None, doc: str, orgs: list[tuple[str, list[str]]], names: list[str],
                 counts: tuple[int, int, int, int], sources_at: tuple[int, int] | None = None,
                 key: str | None = None, record: ArticleRecord | None = None, at: LineAt | None = None):
        self.doc, self.orgs, self.names, self.counts, self.key = doc, orgs, names, counts, key
        self._line, self._sources_at, self._record, self._at = line, sources_at, record, at

    @classmethod
    def of(cls, rec: ArticleRecord, key: str | None = None) -> "StoredRecord":
        """The stored form of a record in memory (its line is made when first asked)."""
        return cls(None, rec.doc, [(o.name, list(o.aliases)) for o in rec.organisations],
                   rec.organisation_names(), (len(rec.organisations), len(rec.practices),
                                              len(rec.outcomes), len(rec.links)), key=key, record=rec)

    def encoded(self) -> "StoredRecord":
        """This record as its line and header only (the line lets the record go): what an
        extraction worker sends back (:mod:`extract.corpus`). Pickling the bytes of a line
        costs little; unpickling an :class:`ArticleRecord` took the parent three times what
        encoding it took the worker (320 records: 0.15 s against 0.05 s), and the line
        would have been encoded in the parent anyway."""
        self.line()
        return self

    @property
    def at(self) -> LineAt | None:
        """Where the record's line lies in a file, when it is held nowhere else (it was
        not changed since it was read from or written to its cache entry)."""
        return self._at

    def record(self) -> ArticleRecord:
        """The whole record: the one given, or decoded from the line at each call (not
        kept; a changed copy is stored with :meth:`replace`)."""
        if self._record is not None:
            return self._record
        return decode(self.line())

    def replace(self, rec: ArticleRecord) -> None:
        """Stand for ``rec`` from now on (its line is made again when asked): a record
        renamed after extraction (:func:`extract.duplicates.rename_records`)."""
        self.doc, self._record, self._line, self._sources_at, self._at = rec.doc, rec, None, None, None

    def line(self) -> bytes:
        """The record's line of ``extractions.jsonl`` (UTF-8, without the newline): the
        one held, else read from its file (not kept), else made from the record (kept,
        and the record let go).

        Raises:
            OSError: the file holding the line cannot be read or is shorter than it was.
        """
        if self._line is not None:
            return self._line
        if self._at is not None:
            return _read(self._at)
        rec = self._record
        self._line = rec.to_json().encode("utf-8")
        self._sources_at = _find_sources(self._line, rec.sources)
        self._record = None
        return self._line

    def written_at(self, at: LineAt) -> None:
        """The line was written to a file at ``at``: let go of the line held in memory."""
        if self._line is not None and len(self._line) == at.size:
            self._line, self._at = None, at

    def header(self) -> dict:
        """What the extraction cache keeps of the record besides its line."""
        line = self.line()  # makes _sources_at
        return {"doc": self.doc, "orgs": self.orgs, "names": self.names, "counts": list(self.counts),
                "sources_at": list(self._sources_at) if self._sources_at else None, "bytes": len(line)}

    @property
    def sources(self) -> list[str]:
        """The record's ``sources``."""
        if self._record is not None:
            return self._record.sources
        a, b = self._sources_at or (None, None)
        return json.loads(self.line()[a:b]) if a is not None else self.record().sources

    @sources.setter
    def sources(self, names: list[str]) -> None:
        # Only the sources change (extract/duplicates.py): splice the new value into the
        # line, as json.dumps writes it, rather than decode and encode the whole record.
        if self._record is not None:
            self._record.sources = names
            return
        line, self._at = self.line(), None
        if self._sources_at is not None:
            a, b = self._sources_at
            value = json.dumps(names, ensure_ascii=False).encode("utf-8")
            self._line = line[:a] + value + line[b:]
            self._sources_at = (a, a + len(value))
        else:
            rec = ArticleRecord.from_dict(json.loads(line))
            rec.sources = names
            self._record, self._line = rec, None


def decode(line: bytes | str) -> ArticleRecord:
    """``ArticleRecord.from_dict(json.loads(line))``, with less work for a line as
    :meth:`ArticleRecord.to_json` writes it (every field of the record and of each unit,
    nothing else, some source): each object is copied into its instance's attributes,
    without the call of ``__init__`` with keywords, which took a third of the decoding
    (a build's fragments decode every record: 66 MB of JSON, 1,600 records and 85,000
    units at 1,000 papers; ``from_dict`` 0.45 → 0.27 s). Any other line goes through
    ``from_dict`` (defaults filled in, an unknown field refused). The records are equal,
    and print and encode alike: a dataclass reads its fields by name.

    Here rather than in :mod:`extract.records`, whose code is digested in the extractor
    version (:data:`extract.version.RULE_MODULES`): how a line is read back changes no
    extraction.

    Raises:
        ValueError: not JSON; TypeError, KeyError: not a record (as ``from_dict``).
    """
    data = json.loads(line)
    if data.keys() != _KEYS[ArticleRecord] or not data["sources"]:
        return ArticleRecord.from_dict(data)
    for name, cls in _UNITS:
        keys = _KEYS[cls]
        if not all(u.keys() == keys for u in data[name]):
            return ArticleRecord.from_dict(data)
    new = object.__new__
    for name, cls in _UNITS:
        out = []
        for u in data[name]:
            obj = new(cls)
            obj.__dict__.update(u)  # a copy: what from_dict's keywords make
            out.append(obj)
        data[name] = out
    rec = new(ArticleRecord)
    rec.__dict__.update(data)
    return rec


_UNITS = (("organisations", OrganisationRecord), ("practices", PracticeRecord), ("outcomes", OutcomeRecord),
          ("links", LinkRecord))
_KEYS = {cls: frozenset(f.name for f in fields(cls))
         for cls in (ArticleRecord, OrganisationRecord, PracticeRecord, OutcomeRecord, LinkRecord)}


def _read(at: LineAt) -> bytes:
    """The ``size`` bytes at ``offset`` of ``path``."""
    fd = os.open(at.path, os.O_RDONLY)
    try:
        data = os.pread(fd, at.size, at.offset)
    finally:
        os.close(fd)
    if len(data) != at.size:
        raise OSError(f"{at.path}: shorter than when it was read (a cache entry changed during the build)")
    return data


def _find_sources(line: bytes, sources: list[str]) -> tuple[int, int] | None:
    """The byte range of the ``sources`` value in a record's line. The key occurs once:
    inside a JSON string a quote is escaped, so ``"sources": `` cannot appear in text."""
    value = json.dumps(sources, ensure_ascii=False).encode("utf-8")
    at = line.find(b', "sources": ' + value + b', "authors": ')
    if at < 0:
        return None
    a = at + len(b', "sources": ')
    return a, a + len(value)
