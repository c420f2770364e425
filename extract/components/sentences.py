"""Sentences: ``minekg_sentencizer`` (spaCy's sentencizer, read from the token arrays) and
``minekg_sentence_openers`` (an opening quote or bracket begins the next sentence).

spaCy's ``Sentencizer.predict`` makes a Token object and reads its text and ``is_punct``
for every token: 3 % of the extraction (1.1 s of CPU for the 1,000 papers of the
benchmark corpus). :class:`FastSentencizer` finds the same sentence starts from the
``ORTH`` and ``IS_PUNCT`` columns of the ``Doc`` with numpy.

``minekg_sentence_openers``:

spaCy's ``sentencizer`` keeps every punctuation token that follows a sentence end in the
sentence that ended (right for ``好。”``), so an opening mark went with it too:
``…汇报如下：\\n“`` + ``三心”活动…``. A practice named in quotes then had for its
evidence the sentence before, which does not contain it (found by the property test of
``tests/test_extraction_property.py``). This component, run right after the
sentencizer, moves the opening marks at the end of a sentence to the start of the next.
"""
from __future__ import annotations

import re
from bisect import bisect_left

import numpy
from spacy.attrs import IS_PUNCT, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.pipeline.senter import senter_score
from spacy.strings import hash_string
from spacy.tokens import Doc

from .common import SENT_STARTS_KEY, SENTS_KEY, doc_text, token_starts, token_texts

#: Characters that open a quotation or a parenthesis.
OPENERS = frozenset("“‘「『（(《〈【[{")


class FastSentencizer(Sentencizer):
    """spaCy's ``Sentencizer`` (same settings, same sentence starts) whose ``predict``
    reads the ``ORTH`` and ``IS_PUNCT`` columns of each ``Doc`` instead of a Token object
    per token.

    The rule of ``Sentencizer.predict`` (spaCy 3.8): token 0 starts a sentence, and so
    does every token that is neither punctuation (``is_punct``) nor one of
    ``punct_chars`` when one of ``punct_chars`` came after the last sentence start. A
    start after the first is the first such token after a punctuation char; the tokens
    between it and the last token before it that is not punctuation are all
    punctuation, so it is a start exactly when one of ``punct_chars`` is among them.
    """

    def __init__(self, name: str = "sentencizer", *, punct_chars=None, overwrite: bool = False,
                 scorer=senter_score):
        super().__init__(name, punct_chars=punct_chars, overwrite=overwrite, scorer=scorer)
        # A token's ORTH is the hash of its text, whatever the vocabulary holds.
        self._punct_orths = numpy.array(sorted(hash_string(c) for c in self.punct_chars), dtype="uint64")
        # Where a token that is one of punct_chars can start, when each is one character
        # (a token equal to one starts where the text has it).
        single = self.punct_chars and all(len(c) == 1 for c in self.punct_chars)
        self._punct_re = re.compile("[" + "".join(map(re.escape, sorted(self.punct_chars))) + "]") if single else None
        # A token text → its lexeme's is_punct (a flag of the lexeme, one per text): read
        # from a Token object the first time only (doc[j] makes one, 11,000 per 100 papers).
        self._is_punct: dict[str, bool] = {}

    def predict(self, docs) -> list[list[bool]]:
        """For each ``Doc``, whether each token starts a sentence (``Sentencizer.predict``).

        Args:
            docs: the documents (an iterable of ``Doc``).

        Returns:
            One list of ``bool`` per document, a value per token.
        """
        if self._punct_re is not None:
            return [self._starts(doc) for doc in docs]
        guesses = []
        for doc in docs:
            n = len(doc)
            if not n:
                guesses.append([])
                continue
            cols = doc.to_array([ORTH, IS_PUNCT])
            ends = numpy.isin(cols[:, 0], self._punct_orths)  # a punct char
            words = numpy.flatnonzero(~(ends | (cols[:, 1] != 0)))  # neither punctuation
            seen = numpy.concatenate(([0], numpy.cumsum(ends)))  # punct chars before each token
            before = numpy.concatenate(([-1], words[:-1]))  # the word before each word
            starts = numpy.zeros(n, dtype=bool)
            starts[0] = True
            starts[words[seen[words] - seen[before + 1] > 0]] = True
            guesses.append(starts.tolist())
        return guesses

    def _starts(self, doc: Doc) -> list[bool]:
        """:meth:`predict` of one ``Doc`` from its few sentence-final tokens: each is
        found where the text has one of ``punct_chars`` (one character each), and the
        first token after it that is neither punctuation nor one of them starts a
        sentence. Reading two columns of every token (``to_array``) and comparing them
        with numpy took about 0.5 ms an article; an article has some fifty sentence ends."""
        n = len(doc)
        starts = [False] * n
        if not n:
            return starts
        starts[0] = True
        texts, at, punct = token_texts(doc), token_starts(doc), self.punct_chars
        j = 0  # the first token not yet looked at after a sentence end
        for m in self._punct_re.finditer(doc_text(doc)):
            k = bisect_left(at, m.start())
            if k < j or k == n or at[k] != m.start() or texts[k] not in punct:
                continue  # inside the run of marks after the last end, or inside a token
            j = k + 1
            while j < n and (texts[j] in punct or self._punct_token(doc, j, texts[j])):
                j += 1
            if j < n:
                starts[j] = True
        return starts

    def _punct_token(self, doc: Doc, j: int, text: str) -> bool:
        """``doc[j].is_punct``, ``text`` the token's text."""
        flag = self._is_punct.get(text)
        if flag is None:
            flag = self._is_punct[text] = doc[j].is_punct
        return flag


@Language.factory("minekg_sentencizer", assigns=["token.is_sent_start", "doc.sents"],
                  default_config={"punct_chars": None, "overwrite": False,
                                  "scorer": {"@scorers": "spacy.senter_scorer.v1"}},
                  default_score_weights={"sents_f": 1.0, "sents_p": 0.0, "sents_r": 0.0})
def make_fast_sentencizer(nlp: Language, name: str, punct_chars: list[str] | None, overwrite: bool,
                          scorer) -> FastSentencizer:
    """Factory of :class:`FastSentencizer` (the settings of spaCy's ``sentencizer``)."""
    return FastSentencizer(name, punct_chars=punct_chars, overwrite=overwrite, scorer=scorer)


@Language.component("minekg_sentence_openers", requires=["token.is_sent_start"],
                    assigns=["token.is_sent_start"])
def sentence_openers(doc: Doc) -> Doc:
    """Move the opening marks that end a sentence to the start of the next sentence.

    Args:
        doc: a ``Doc`` with sentence starts set (by the sentencizer).

    Returns:
        The same ``Doc``; a sentence never ends in an opening mark that a next sentence
        could take, and none is left with an opening mark only.
    """
    # Read and written as one array: setting ``token.is_sent_start`` checks the whole
    # document's annotation on each call, which made long articles quadratic.
    flags = doc.to_array([SENT_START]).view("int64")  # -1, 0, 1 (stored as uint64)
    texts = token_texts(doc)
    starts = ((flags[1:] == 1).nonzero()[0] + 1).tolist()  # not a numpy scalar per token
    moved = False
    for s in starts:
        j = s
        # Keep at least one token, and the sentence's own start, before the moved marks.
        while j - 1 > 0 and flags[j - 1] != 1 and _is_opener(texts[j - 1]):
            j -= 1
        if j < s:
            flags[j], flags[s] = 1, -1
            moved = True
    if moved:
        doc.from_array([SENT_START], flags.view("uint64"))
        doc.user_data.pop(SENTS_KEY, None)  # sentences read before are stale
    # The final sentence starts (common.sentence_starts), from the flags read here: the
    # components would read the column again.
    doc.user_data[SENT_STARTS_KEY] = (flags == 1).nonzero()[0].tolist()
    return doc


def _is_opener(text: str) -> bool:
    return bool(text) and all(ch in OPENERS for ch in text)
