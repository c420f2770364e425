"""Compare two ``extractions.jsonl`` byte for byte, the extractor version aside.

The version string (``"extractor": "0.1.0+lex.….rules.…"``) carries a digest of the
``extract`` package's sources (:func:`extract.version.extractor_version`), so any edit
of the code changes it; everything else of a line must stay the same when a change is
meant not to move the output (a speed-up).

Example:
    python benchmarks/compare_extractions.py before/extractions.jsonl after/extractions.jsonl

Exit status 0 when identical, 1 when not (the first differing lines are printed).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

_VERSION = re.compile(rb'"extractor": "[^"]*"')


def same_extractions(before: bytes, after: bytes) -> tuple[bool, list[int]]:
    """Whether the two files' bytes are equal once the extractor version is masked, and
    the 0-based numbers of the lines that differ (at most 10)."""
    a = _VERSION.sub(b'"extractor": ""', before)
    b = _VERSION.sub(b'"extractor": ""', after)
    if a == b:
        return True, []
    la, lb = a.split(b"\n"), b.split(b"\n")
    return False, [i for i in range(max(len(la), len(lb)))
                   if i >= len(la) or i >= len(lb) or la[i] != lb[i]][:10]


def main(argv: list[str]) -> int:
    before, after = (Path(p).read_bytes() for p in argv[:2])
    same, lines = same_extractions(before, after)
    if same:
        lines_n = before.count(b"\n")
        print(f"identical but for the extractor version ({lines_n} lines, {len(after):,} bytes)")
        return 0
    print(f"DIFFERENT: lines {lines}")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
