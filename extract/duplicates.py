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

Files are known by their document name (:func:`document_names`): the file name, which
the gold files use; but two *different* papers with the same file name
(``in/a/paper.txt`` and ``in/b/paper.txt``) are two documents, each named by its path
relative to the folder the files of that name have in common (``a/paper.txt``,
``b/paper.txt``).

:func:`merge_duplicates` keeps one file of each group: the first by document name (then
by path), so the choice does not depend on the order the files were found in or on
``--jobs``. Its records list every name of the group in ``sources`` (sorted, the kept
name first, which stays ``doc`` and ``source`` for the gold schema); the others'
records are dropped and their reports say whose copy they are.
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from .records import ArticleRecord
from .stored import StoredRecord

if TYPE_CHECKING:  # corpus imports this module
    from .corpus import FileReport

#: The characters of general punctuation, CJK punctuation and full-width forms that NFKC
#: changes (，：（）　……), each with its compatibility decomposition (NFKD).
_COMPAT = {ch: unicodedata.normalize("NFKD", ch)
           for lo, hi in ((0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFFEF))
           for ch in map(chr, range(lo, hi + 1)) if unicodedata.normalize("NFKD", ch) != ch}
_COMPAT_RE = re.compile("[" + "".join(map(re.escape, _COMPAT)) + "]")


def text_digest(text: str) -> str:
    """The duplicate key of a cleaned document text.

    Args:
        text: :attr:`extract.ingest.Document.text`.

    Returns:
        The SHA-256 hex digest of the NFKC-normalised text with all whitespace removed.
    """
    # NFKC decomposes every character (NFKD), then composes: a character replaced by its
    # decomposition beforehand gives the same NFKC. Once the full-width punctuation of a
    # Chinese text is replaced so, the text is mostly NFKC already, which is_normalized
    # tells fast; normalize() over every character was 2 % of the extraction time.
    key = _COMPAT_RE.sub(lambda m: _COMPAT[m.group()], text)
    if not unicodedata.is_normalized("NFKC", key):
        key = unicodedata.normalize("NFKC", key)
    # str.split() splits at what \s matches (str.isspace, every code point checked),
    # and joins faster than re.sub removes.
    key = "".join(key.split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def document_names(reports: Sequence[FileReport]) -> dict[str, str]:
    """The name each read file goes by in the outputs: ``doc`` and ``source`` of its
    records, its entry in ``sources``, the ``dcterms:identifier`` of its document.

    Rule: the file name (``paper.txt``), as the gold files name documents; but when
    files of different texts share a file name, each of them (copies included) is named
    by its path relative to the folder all the files of that name have in common
    (``a/paper.txt`` and ``b/x/paper.txt`` for ``in/a/paper.txt`` and
    ``in/b/x/paper.txt``), with ``/`` between folders. Files of the same text and name are
    the same paper (:func:`merge_duplicates`) and keep the bare name. The names depend
    only on the set of paths and texts, not on their order or on ``--jobs``.

    Args:
        reports: the report of every input file; those with status ``ok`` and a
            ``text_sha256`` (read files, before :func:`merge_duplicates`) are named.

    Returns:
        ``{report.path: name}`` for every read file.
    """
    by_name: dict[str, list[FileReport]] = defaultdict(list)
    for report in reports:
        if report.status == "ok" and report.text_sha256:
            by_name[PurePath(report.path).name].append(report)
    names: dict[str, str] = {}
    for name, group in by_name.items():
        if len({r.text_sha256 for r in group}) == 1:
            names.update((r.path, name) for r in group)
            continue
        full = {r.path: os.path.abspath(r.path) for r in group}  # arguments may mix both
        root = os.path.commonpath([os.path.dirname(f) for f in full.values()])
        names.update((path, PurePath(os.path.relpath(f, root)).as_posix()) for path, f in full.items())
    return names


def rename_records(records: Sequence[ArticleRecord] | Sequence[StoredRecord], name: str) -> None:
    """Give the records of one file the document name ``name`` (from
    :func:`document_names`): ``doc``, ``source``, ``sources`` and the ``source`` of every
    practice, outcome and link. Changes the records in place (a stored record is decoded:
    only files whose names collide are renamed)."""
    for stored in records:
        rec = stored.record() if isinstance(stored, StoredRecord) else stored
        rec.doc = rec.source = name
        rec.sources = [name]
        for unit in (*rec.practices, *rec.outcomes, *rec.links):
            unit.source = name
        if isinstance(stored, StoredRecord):
            stored.replace(rec)


def merge_duplicates(entries: list[tuple[list[ArticleRecord] | list[StoredRecord], FileReport]],
                     names: Mapping[str, str] | None = None) -> list[FileReport]:
    """Merge the files of each group of same-text files into the first of the group.

    Changes ``entries`` in place: the kept file's records get every name of the group in
    ``sources`` and its report the copies' paths in ``duplicates``; a copy's records
    become ``[]`` and its report gets status ``duplicate``, ``same_as`` (the kept file's
    path) and a reason. Files without a digest (skipped, unreadable) are left alone.

    Args:
        entries: ``(records, report)`` per input file, in input order; a report's
            ``text_sha256`` is the file's :func:`text_digest`.
        names: the name of each file by path (:func:`document_names`) for ``sources``;
            ``None``: the file names.

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
        # The first by name keeps the document, so ``sources[0]`` is its ``doc``.
        members.sort(key=lambda k: (_name(entries[k][1].path, names), entries[k][1].path))
        keep_records, keep = entries[members[0]]
        sources = sorted({_name(entries[k][1].path, names) for k in members})
        for rec in keep_records:
            rec.sources = sources
        keep.duplicates = sorted(entries[k][1].path for k in members[1:])
        for k in members[1:]:
            report = entries[k][1]
            report.status = "duplicate"
            report.same_as = keep.path
            report.reason = f"the same paper as {keep.path} (same text): merged into its document"
            entries[k] = ([], report)
            copies.append(report)
    return sorted(copies, key=lambda r: r.path)


def _name(path: str, names: Mapping[str, str] | None) -> str:
    return names[path] if names is not None else Path(path).name


__all__ = ["text_digest", "document_names", "rename_records", "merge_duplicates"]
