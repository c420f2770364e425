"""jieba's accurate mode without HMM, cut by jieba-rs (``rjieba``) over jieba's dictionary.

``jieba.Tokenizer.cut(text, HMM=False)`` in Python was a third of the extraction time
(py-spy on 200 papers of the benchmark corpus), and our own Python re-implementation of
it still 37 % (session 7). ``rjieba`` binds jieba-rs, a Rust port of the same algorithm
(the dictionary's DAG, the most probable route with ``log(freq) - log(total)`` per word,
runs of single ASCII letters and digits glued, the same block and whitespace patterns):
on the 1,000-paper benchmark corpus it cuts seven times faster.

Same words as jieba, because :class:`Segmenter` hands jieba-rs the dictionary of the
``jieba.Tokenizer`` it is given — every word and frequency of its ``FREQ`` — rather than
jieba-rs's own copy, and makes the dictionary's total jieba's: a route's score subtracts
``log(total)`` once per word, so the total decides between routes of different lengths.
The two totals differ because jieba counts what jieba-rs does not: jieba adds every line
of ``dict.txt`` to its total (``B超`` is listed twice) and ``Tokenizer.add_word`` adds the
new frequency without taking off the old one when a word is already there. The difference
goes to one word jieba-rs never looks up (:data:`TOTAL_PAD`). Without it, one of the 46
bundled and held-out papers was cut otherwise (blind6's ``b6_pdf.txt``: ``具体实施`` as
``具体|实施``); with it, every word of those papers and of the 1,000 benchmark papers
(11 million characters, file texts and article texts) is jieba's.
``tests/test_segment.py`` holds the words to jieba's on every bundled and held-out paper.
"""
from __future__ import annotations

import functools
from collections import deque
from importlib.metadata import version

import rjieba

#: The word that carries the difference between jieba's total and the sum of the
#: frequencies: a private-use character, outside jieba's (and jieba-rs's) pattern of the
#: text blocks cut with the dictionary (``[\u4E00-\u9FD5a-zA-Z0-9+#&._%-]+``), so no
#: route ever contains it and a text that holds one cuts it as a character alone.
TOTAL_PAD = "\ue000"


class Segmenter:
    """Cuts text as ``tokenizer.cut(text, HMM=False)`` does, with jieba-rs.

    Args:
        tokenizer: an initialised ``jieba.Tokenizer``. Its dictionary (``FREQ``,
            ``total``) is copied into jieba-rs when the Segmenter is made (349,000 words
            of jieba's ``dict.txt``: a quarter of a second): words added to the tokenizer
            afterwards do not count.

    Raises:
        ValueError: the tokenizer's ``total`` is below the sum of its frequencies
            (jieba's own ``add_word`` and ``del_word`` never make it so).
    """

    def __init__(self, tokenizer):
        self._jieba = rjieba.Jieba.empty()
        words = [w for w, f in tokenizer.FREQ.items() if f]  # the others are only prefixes of words
        freqs = [tokenizer.FREQ[w] for w in words]
        # deque(map(...)): a Rust call per word without a Python loop around it.
        deque(map(self._jieba.add_word, words, freqs, [None] * len(words)), maxlen=0)
        pad = tokenizer.total - sum(freqs)
        if pad < 0:
            raise ValueError(f"the tokenizer's total {tokenizer.total} is below the sum of its "
                             f"frequencies {sum(freqs)}: not a dictionary jieba made")
        if pad:
            self._jieba.add_word(TOTAL_PAD, pad, None)

    def cut(self, text: str) -> list[str]:
        """The words of ``text``, in order; joined they give ``text`` back."""
        return self._jieba.cut(text, False)


@functools.lru_cache(maxsize=1)
def segmenter_version() -> str:
    """What makes the words besides the dictionary's words: the versions of jieba-rs's
    binding and of jieba (whose ``dict.txt`` is the dictionary), e.g.
    ``rjieba.0.2.2.jieba.0.42.1`` — part of the extractor version, so that another
    segmenter is another extractor (:func:`extract.pipeline.extractor_version`)."""
    import jieba

    return f"rjieba.{version('rjieba')}.jieba.{jieba.__version__}"
