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

import array
import functools
import hashlib
import marshal
import os
import tempfile
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from importlib.metadata import version
from itertools import accumulate
from pathlib import Path

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

    @classmethod
    def of_frequencies(cls, added: dict[str, int], total: int, freq_sum: int) -> "Segmenter":
        """The Segmenter of a tokenizer made from jieba's own dictionary by adding words,
        from what it takes of that tokenizer only (:func:`tokenizer_facts`): the same
        words as ``Segmenter(tokenizer, added=list(added))``, without loading jieba's
        dictionary.

        Args:
            added: each added word → its frequency in the tokenizer's ``FREQ``.
            total: the tokenizer's ``total``; ``freq_sum``: the sum of its ``FREQ``.

        Raises:
            ValueError: ``total`` is below ``freq_sum``.
        """
        self = cls.__new__(cls)
        self._jieba = rjieba.Jieba()
        for word, freq in added.items():
            self._jieba.add_word(word, freq, None)
        pad = total - freq_sum
        if pad < 0:
            raise ValueError(f"the tokenizer's total {total} is below the sum of its frequencies {freq_sum}: "
                             "not a dictionary jieba made")
        if pad:
            self._jieba.add_word(TOTAL_PAD, pad, None)
        return self

    def cut(self, text: str) -> list[str]:
        """The words of ``text``, in order; joined they give ``text`` back."""
        return self._jieba.cut(text, False)


@functools.lru_cache(maxsize=1)
def segmenter_version() -> str:
    """What makes the words besides the dictionary's words: the versions of jieba-rs's
    binding and of jieba (whose ``dict.txt`` is the dictionary), e.g.
    ``rjieba.0.2.2.jieba.0.42.1`` — part of the extractor version, so that another
    segmenter is another extractor (:func:`extract.version.extractor_version`).

    From the installed distributions' metadata: importing jieba took 0.2 s of every
    build's process (it imports ``pkg_resources``), which a build from the cache does
    not otherwise need."""
    return f"rjieba.{version('rjieba')}.jieba.{version('jieba')}"


# --- what the extraction takes of jieba's dictionary, kept between processes ----------
#
# Loading jieba's dictionary (its marshal cache of 498,000 entries) took 0.65 s on a quiet
# machine and 1.1 s on a loaded one, in every extraction process: at 10,000 papers, the
# worker that extracts the one changed paper of a rebuild spent most of its time there
# (pyinstrument of create_nlp: 1.12 of 1.69 s). The extraction needs little of it: the
# frequencies of the pipeline's added words, two totals (:class:`Segmenter`), and the
# frequency of a word across a paragraph break (extract/articles.py's ``join_score``).
# Those are kept in a small file, keyed by what they follow from.

#: Bumped when what :func:`cached` keeps, or how it is made, changes.
CACHE_FORMAT = 1  # (the sorted words of Frequencies went to a file of their own name instead:
# a bump is in every key, the tokenizer's too, and a checkout before it would remake those)


def cache_dir() -> Path | None:
    """Where :func:`cached` keeps its files: ``$MINEKG_JIEBA_CACHE``, else
    ``$XDG_CACHE_HOME/minekg``, else ``~/.cache/minekg``; ``None`` when there is no home
    folder to find (a user without one: then nothing is kept)."""
    given = os.environ.get("MINEKG_JIEBA_CACHE")
    if given:
        return Path(given)
    try:
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "minekg"
    except (RuntimeError, KeyError, OSError):
        return None


@functools.lru_cache(maxsize=1)
def dictionary_id() -> str:
    """What identifies jieba's default dictionary and the code that reads it: the
    segmenter's versions (:func:`segmenter_version`), the path, size and modification
    time of jieba's ``dict.txt`` (the file jieba itself checks to reuse its cache), and
    :data:`CACHE_FORMAT`."""
    from importlib.util import find_spec

    # found, not imported (0.2 s); jieba's DEFAULT_DICT_NAME, beside its __init__.py
    path = Path(find_spec("jieba").origin).resolve().parent / "dict.txt"
    st = os.stat(path)
    return f"{segmenter_version()} {path} {st.st_size} {st.st_mtime_ns} {CACHE_FORMAT}"


def cached(name: str, key: str, make: Callable[[], object]) -> object:
    """``make()`` (a value :mod:`marshal` writes), kept in ``cache_dir()/jieba-<name>.marshal``
    under ``key``: read from there while the key is the same, else made and written
    (atomically; a folder that cannot be written is no error, the value is made each time).

    Args:
        key: what the value follows from, all of it (another key: made again).
    """
    folder = cache_dir()
    if folder is None:
        return make()
    path = folder / f"jieba-{name}.marshal"
    try:
        data = marshal.loads(path.read_bytes())
        if data["key"] == key:
            return data["value"]
    except (OSError, ValueError, EOFError, KeyError, TypeError):
        pass
    value = make()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".jieba-{name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps({"key": key, "value": value}))
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass
    return value


def dictionary_facts(load: Callable[[], object]) -> dict:
    """What the extraction takes of jieba's default dictionary, cached (:func:`cached`):
    ``total``, ``sum`` (of its ``FREQ``), and its words of a frequency above 0 with their
    frequencies, sorted, in the form :class:`Frequencies` reads without a dictionary
    (``words``: the words one after the other; ``offsets``: where each starts, and the
    end, 64-bit integers as bytes; ``freqs``: 64-bit integers in the same order).

    Args:
        load: returns the dictionary (an initialised ``jieba.Tokenizer``) when the cache
            has not got it.
    """
    def make() -> dict:
        tk = load()
        words = sorted(w for w, f in tk.FREQ.items() if f)
        return {"total": tk.total, "sum": sum(tk.FREQ.values()), "words": "".join(words),
                "offsets": array.array("q", accumulate(map(len, words), initial=0)).tobytes(),
                "freqs": array.array("q", [tk.FREQ[w] for w in words]).tobytes()}

    # Its own file, not the one of format 1 that checkouts before it read: two checkouts on
    # one machine would each make the other's again (a second and a half).
    return cached("dictionary-sorted", dictionary_id(), make)  # type: ignore[return-value]


class _SortedWords(Sequence):
    """The words of :func:`dictionary_facts` as a sorted sequence, each word cut out of
    the one string when asked for (what :func:`bisect.bisect_left` reads)."""

    def __init__(self, words: str, offsets: array.array):
        self._words, self._offsets = words, offsets

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, k):
        return self._words[self._offsets[k]:self._offsets[k + 1]]


class Frequencies:
    """Word → frequency of :func:`dictionary_facts` (the words of ``FREQ`` above 0: a
    prefix entry's 0 is what ``FREQ.get(word, 0)`` gives for a word not listed), looked
    up by bisection over the sorted words.

    A ``dict`` of the 349,000 words took a sixth of a second to make in every extraction
    process (its split and its keys' hashes), for the few words across a paragraph break
    the article splitter asks about (``join_score``: 100 lookups per 100 papers).
    """

    def __init__(self, facts: dict):
        offsets, self._freqs = array.array("q"), array.array("q")
        offsets.frombytes(facts["offsets"])
        self._freqs.frombytes(facts["freqs"])
        self._words = _SortedWords(facts["words"], offsets)

    def get(self, word: str, default: int | None = None) -> int | None:
        """The frequency of ``word``, or ``default`` when it is not a word of the dictionary."""
        k = bisect_left(self._words, word)
        return self._freqs[k] if k < len(self._freqs) and self._words[k] == word else default


def tokenizer_facts(words: list[str], code: str, make: Callable[[], tuple[dict[str, int], int, int]]
                    ) -> tuple[dict[str, int], int, int]:
    """What a :class:`Segmenter` takes of a tokenizer made from jieba's default dictionary
    by adding ``words`` (:meth:`Segmenter.of_frequencies`: each added word's frequency,
    the total, the sum of the frequencies), cached (:func:`cached`) under the dictionary
    (:func:`dictionary_id`), ``code`` (a digest of the code that adds the words) and
    the words.

    Args:
        make: makes them (loads the dictionary and adds the words) when not cached.
    """
    h = hashlib.sha256(f"{dictionary_id()}\0{code}\0".encode("utf-8"))
    h.update("\n".join(words).encode("utf-8"))
    added, total, freq_sum = cached("tokenizer", h.hexdigest(), lambda: list(make()))  # type: ignore[misc]
    return added, total, freq_sum
