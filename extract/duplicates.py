"""The same paper under two names: one document with every source (issue 7).

Two input files are the same paper when their texts are the same *after ingest*:
decoded, converted to simplified characters, Markdown stripped, PDF line breaks repaired
(:func:`extract.ingest.read_document`), then compared by :func:`text_digest` — NFKC and
without any whitespace, so that a copy that differs in line wrapping, spaces or
full-width letters and digits is the same paper too. A GB18030 and a UTF-8 copy, a
``.txt`` and a ``.md`` copy, a traditional-character copy whose OpenCC conversion gives
the simplified text back: all one paper. A PDF and a text file of the same paper
usually differ in a few characters of layout (a running header, a hyphen) and are kept
apart; so is a revised version of a paper.

:func:`merge_duplicates` keeps one file of each group: the first by file name (then by
path), so the choice does not depend on the order the files were found in or on
``--jobs``. Its records list every file name of the group in ``sources`` (sorted, the
kept name first, which stays ``doc`` and ``source`` for the gold schema); the others'
records are dropped and their reports say whose copy they are.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from .records import ArticleRecord, StoredRecord

if TYPE_CHECKING:  # corpus imports this module
    from .corpus import FileReport

_SPACE_RE = re.compile(r"\s+")


def text_digest(text: str) -> str:
    """The duplicate key of a cleaned document text.

    Args:
        text: :attr:`extract.ingest.Document.text`.

    Returns:
        The SHA-256 hex digest of the NFKC-normalised text with all whitespace removed.
    """
    key = _SPACE_RE.sub("", unicodedata.normalize("NFKC", text))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _rank(report: FileReport) -> tuple[str, str]:
    return Path(report.path).name, report.path


def merge_duplicates(entries: list[tuple[list[ArticleRecord] | list[StoredRecord], FileReport]]) -> list[FileReport]:
    """Merge the files of each group of same-text files into the first of the group.

    Changes ``entries`` in place: the kept file's records get every name of the group in
    ``sources`` and its report the copies' paths in ``duplicates``; a copy's records
    become ``[]`` and its report gets status ``duplicate``, ``same_as`` (the kept file's
    path) and a reason. Files without a digest (skipped, unreadable) are left alone.

    Args:
        entries: ``(records, report)`` per input file, in input order; a report's
            ``text_sha256`` is the file's :func:`text_digest`.

    Returns:
        The reports of the copies, sorted by path.
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for k, (_, report) in enumerate(entries):
        if report.status == "ok" and report.text_sha256:
            groups[report.text_sha256].append(k)
    copies: list[FileReport] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda k: _rank(entries[k][1]))
        keep_records, keep = entries[members[0]]
        names = sorted({Path(entries[k][1].path).name for k in members})
        for rec in keep_records:
            rec.sources = names
        keep.duplicates = sorted(entries[k][1].path for k in members[1:])
        for k in members[1:]:
            report = entries[k][1]
            report.status = "duplicate"
            report.same_as = keep.path
            report.reason = f"the same paper as {keep.path} (same text): merged into its document"
            entries[k] = ([], report)
            copies.append(report)
    return sorted(copies, key=lambda r: r.path)


__all__ = ["text_digest", "merge_duplicates"]
