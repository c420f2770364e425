"""jieba's accurate mode without HMM, cut by jieba-rs (``rjieba``) over jieba's dictionary.

``jieba.Tokenizer.cut(text, HMM=False)`` in Python was a third of the extraction time
(py-spy on 200 papers of the benchmark corpus), and our own Python re-implementation of
it still 37 % (session 7). ``rjieba`` binds jieba-rs, a Rust port of the same algorithm
(the dictionary's DAG, the most probable route with ``log(freq) - log(total)`` per word,
runs of single ASCII letters and digits glued, the same block and whitespace patterns):
on the 1,000-paper benchmark corpus it cuts seven times as fast as our re-implementation
did, and twenty times as fast as jieba (``benchmarks/bench.py --extraction``: 0.6 s of CPU
against 12.4 s for 5.7 million characters).

Same words as jieba, because :class:`Segmenter` gives jieba-rs the words and frequencies
of the ``jieba.Tokenizer`` it is made from, and makes the dictionary's total jieba's: a
route's score subtracts ``log(total)`` once per word, so the total decides between routes
of different lengths. The totals differ because jieba counts what jieba-rs does not: jieba
adds every line of ``dict.txt`` to its total (``B超`` is listed twice) and
``Tokenizer.add_word`` adds the new frequency without taking off the old one when a word is
already there. The difference goes to one word jieba-rs never looks up (:data:`TOTAL_PAD`).
Without it, one of the 46 bundled and held-out papers was cut otherwise (blind6's
``b6_pdf.txt``: ``具体实施`` as ``具体|实施``); with it, every word of those papers and of the
1,000 benchmark papers (11 million characters, file texts and article texts) is jieba's.
``tests/test_segment.py`` holds the words to jieba's on every bundled and held-out paper.
"""
from __future__ import annotations

import functools
from collections import deque
from collections.abc import Iterable
from importlib.metadata import version

import rjieba

#: The word that carries the difference between jieba's total and the sum of the
#: frequencies: a private-use character, outside jieba's (and jieba-rs's) pattern of the
#: text blocks cut with the dictionary (``[\u4E00-\u9FD5a-zA-Z0-9+#&._%-]+``), so no
#: route ever contains it and a text that holds one cuts it as a character alone.
TOTAL_PAD = "\ue000"


class Segmenter:
    """Cuts text as ``tokenizer.cut(text, HMM=False)`` does, with jieba-rs.

    jieba-rs gets the tokenizer's dictionary (``FREQ``, ``total``) as it is when the
    Segmenter is made: words added to the tokenizer afterwards do not count. How:

    * ``added`` given (``()`` for jieba's own dictionary, as
      :func:`extract.articles.jieba_dictionary` loads it): jieba-rs starts from the copy of jieba's
      ``dict.txt`` it carries (a tenth of a second) and takes the ``added`` words with the
      tokenizer's frequencies. That copy is jieba 0.42.1's ``dict.txt`` word for word and
      frequency for frequency (rjieba 0.2.2, read out of its library; ``B超`` once);
      ``tests/test_segment.py`` checks the installed one.
    * otherwise every word of ``FREQ`` is handed over (349,000 for jieba's dictionary: a
      third of a second), so any dictionary is cut as jieba cuts it.

    Args:
        tokenizer: an initialised ``jieba.Tokenizer``.
        added: the words added to jieba's own dictionary (``Tokenizer.add_word``) to make
            the tokenizer's, when they are all that changed; ``None``: not known.

    Raises:
        ValueError: the tokenizer's ``total`` is below the sum of its frequencies
            (jieba's own ``add_word`` and ``del_word`` never make it so).
        KeyError: a word of ``added`` is not in the tokenizer's dictionary.
    """

    def __init__(self, tokenizer, added: Iterable[str] | None = None):
        freq = tokenizer.FREQ
        if added is not None:
            self._jieba = rjieba.Jieba()
            for word in added or ():
                self._jieba.add_word(word, freq[word], None)
        else:
            self._jieba = rjieba.Jieba.empty()
            words = [w for w, f in freq.items() if f]  # the others are only prefixes of words
            # deque(map(...)): a Rust call per word without a Python loop around it.
            deque(map(self._jieba.add_word, words, map(freq.__getitem__, words), [None] * len(words)),
                  maxlen=0)
        # Either way jieba-rs now holds every word of FREQ at its frequency, and its total
        # is their sum.
        pad = tokenizer.total - sum(freq.values())
        if pad < 0:
            raise ValueError(f"the tokenizer's total {tokenizer.total} is below the sum of its "
                             f"frequencies {tokenizer.total - pad}: not a dictionary jieba made")
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
