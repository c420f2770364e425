"""The name rule of GUIDELINES.md «Scoring», shared by the scorer and by the rules that
decide when two names of a lexicon are one measure."""
from __future__ import annotations

from rapidfuzz import fuzz

from .ingest import normalise_name

FUZZY_THRESHOLD = 85  # GUIDELINES.md «Scoring»


def names_match(a: str, b: str) -> bool:
    """The GUIDELINES.md name rule on two raw names: after normalisation (NFKC, no quotes,
    brackets, spaces or punctuation) equal, or one inside the other and at least half its
    length, or a rapidfuzz ratio of 85 or more."""
    x, y = normalise_name(a), normalise_name(b)
    if not x or not y:
        return False
    if x == y:
        return True
    short, long_ = sorted((x, y), key=len)
    if short in long_ and len(short) * 2 >= len(long_):
        return True
    return fuzz.ratio(x, y) >= FUZZY_THRESHOLD
