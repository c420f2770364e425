"""``report.json``: what a build did with each input file, as ``json.dumps(..., indent=2)``
writes it, written faster.

At 10,000 papers, ``dataclasses.asdict`` of every :class:`~extract.corpus.FileReport`
(it copies each list and dict deeply) and the json module's indenting encoder (pure
Python: the C encoder does not indent) took 1.3 s of a one-paper rebuild; the report's
shapes are few (strings, ``None``, lists of strings, a dict of counts), so each file is
written from its fields with the C string encoder. The bytes are the ones
``json.dumps(report, ensure_ascii=False, indent=2) + "\\n"`` gives (a test compares them).
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import fields
from json.encoder import encode_basestring  # the C encoder of a string, ensure_ascii=False

from extract.corpus import FileReport

_FILE_FIELDS = [f.name for f in fields(FileReport)]


def report_json(extractor: str, summary: dict, files: Iterable[FileReport]) -> str:
    """The text of ``report.json``.

    Args:
        extractor: the extractor version.
        summary: the build summary (:class:`graph.project.BuildSummary` as a dict).
        files: the report of every input file, in report order.

    Returns:
        ``json.dumps({"extractor": …, "summary": …, "files": [asdict(f) …]},
        ensure_ascii=False, indent=2)`` followed by a newline.
    """
    head = (f'{{\n  "extractor": {encode_basestring(extractor)},\n  "summary": '
            f'{_value(summary, "  ")},\n  "files": ')
    items = [_file(f) for f in files]
    body = "[\n    " + ",\n    ".join(items) + "\n  ]" if items else "[]"
    return head + body + "\n}\n"


_PAD = "      "  # the fields of a file: third level


def _file(f: FileReport) -> str:
    return ("{\n" + ",\n".join(f"{_PAD}{encode_basestring(name)}: {_value(getattr(f, name), _PAD)}"
                               for name in _FILE_FIELDS) + "\n    }")


def _value(v, pad: str) -> str:
    """One JSON value at indentation ``pad`` (that of the line it starts on)."""
    if v is None:
        return "null"
    if isinstance(v, str):
        return encode_basestring(v)
    if type(v) is int:
        return int.__repr__(v)
    inner = pad + "  "
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return "[\n" + inner + (",\n" + inner).join(map(encode_basestring, v)) + "\n" + pad + "]" if v else "[]"
    if isinstance(v, dict) and all(isinstance(k, str) for k in v):
        return ("{\n" + ",\n".join(f"{inner}{encode_basestring(k)}: {_value(x, inner)}" for k, x in v.items())
                + "\n" + pad + "}") if v else "{}"
    # anything else (floats, booleans, nested lists): the json module, indented to fit
    return json.dumps(v, ensure_ascii=False, indent=2).replace("\n", "\n" + pad)


__all__ = ["report_json"]
