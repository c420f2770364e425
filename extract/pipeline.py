"""The spaCy pipeline: blank ``zh`` with jieba's words, a sentencizer, and minekg's components.

Stage 3 of DESIGN.md. :func:`create_nlp` builds the :class:`spacy.language.Language`
once per process; :func:`process_article` runs it on one article. The components
(:mod:`extract.components`) write span groups ``org``, ``practice``, ``outcome`` and the
``Doc`` extension ``links``; :mod:`extract.records` turns the result into a record.
"""
from __future__ import annotations

import logging
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from . import components  # noqa: F401  (registers the components)
from .articles import Article
from .components.common import TEXT_KEY, WORDS_KEY
from .lexicon import LEXICON_DIR, load_lexicons
from .segment import Segmenter, tokenizer_facts
from .version import RULE_FUNCTIONS, RULE_MODULES, _rules_digest, extractor_version, rules_digest  # noqa: F401

#: Sentence-final characters for the sentencizer. Semicolons do not end a sentence:
#: the papers chain a whole paragraph of measures with ；, and GUIDELINES.md quotes
#: such a chain as one evidence sentence.
SENT_PUNCT = ["。", "！", "？", "!", "?", "\n"]

COMPONENTS = ("minekg_orgs", "minekg_practices", "minekg_outcomes", "minekg_links")


class JiebaTokenizer:
    """A tokenizer that cuts jieba's words with its own dictionary: jieba's and the domain words.

    spaCy's built-in jieba segmenter uses jieba's global dictionary; this one keeps the
    domain words (practice names, organisation suffixes) in a private ``jieba.Tokenizer``
    (``self.jieba``) so that two pipelines in one process do not share state, and cuts
    with jieba-rs over a copy of that dictionary (:class:`~extract.segment.Segmenter`):
    the words of ``self.jieba.cut(text, HMM=False)``, several times faster.

    Args:
        vocab: the pipeline's vocabulary.
        words: extra dictionary words (the lexicon names and suffixes).
    """

    def __init__(self, vocab, words: list[str]):
        self.vocab = vocab
        self._words = words
        self._jieba = None
        # What the segmenter takes of the tokenizer, kept between processes
        # (extract/segment.py: loading jieba's dictionary to add the words took 0.65–1.1 s
        # of every extraction process); the tokenizer itself is made when asked for.
        added, total, freq_sum = tokenizer_facts(words, _rules_digest(), self._facts)
        self.segmenter = Segmenter.of_frequencies(added, total, freq_sum)
        self._orth: dict[str, int] = {}  # word → its lexeme's ORTH, for words seen before

    @property
    def jieba(self):
        """The private ``jieba.Tokenizer``: jieba's dictionary and the domain words, made
        on first use (the segmenter cuts as its ``cut(text, HMM=False)``)."""
        if self._jieba is None:
            import jieba

            from .articles import jieba_dictionary

            jieba.setLogLevel(logging.ERROR)
            # A private copy of jieba's dictionary, which the article splitter may have
            # loaded already: loading it from jieba's cache file takes a second and a half.
            base = jieba_dictionary()
            tk = jieba.Tokenizer()
            tk.FREQ, tk.total, tk.initialized = dict(base.FREQ), base.total, True
            for word in self._words:
                tk.add_word(word, freq=max(tk.suggest_freq(word), 20000))
            self._jieba = tk
        return self._jieba

    def _facts(self) -> tuple[dict[str, int], int, int]:
        """What :meth:`Segmenter.of_frequencies` takes of :attr:`jieba`."""
        tk = self.jieba
        return {w: tk.FREQ[w] for w in self._words}, tk.total, sum(tk.FREQ.values())

    def __call__(self, text: str) -> Doc:
        words = self.segmenter.cut(text)  # self.jieba.cut(text, HMM=False), in Rust
        doc = Doc(self.vocab, words=self._orths(words), spaces=[False] * len(words))
        # The components read the text and the token texts many times; spaCy makes them
        # again from every token on each read. Kept only when they are the doc's exactly.
        if "".join(words) == text:
            doc.user_data[TEXT_KEY] = text
            doc.user_data[WORDS_KEY] = words
        return doc

    def _orths(self, words: list[str]) -> list[int]:
        """The ``ORTH`` of each word's lexeme, the lexeme made in the vocabulary when new.

        ``Doc(vocab, words=texts)`` hashes every text and looks it up in the string store
        twice, through Python calls (0.27 s of CPU per 300 benchmark papers); by ``ORTH``
        it takes the lexeme straight from the vocabulary (0.11 s with this lookup): the
        same lexemes, so the same ``Doc``.
        """
        orth = self._orth
        ids = list(map(orth.get, words))  # no Python frame per word, as a comprehension makes
        if None in ids:
            for k, word in enumerate(words):
                if ids[k] is None:
                    ids[k] = orth[word] = self.vocab[word].orth  # vocab[word]: made when new
        return ids

    def to_disk(self, path, **kwargs):  # pragma: no cover - serialisation not needed
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path, **kwargs):  # pragma: no cover
        return self


@registry.tokenizers("minekg.JiebaTokenizer.v1")
def make_jieba_tokenizer(lexicon_dir: str = ""):
    """Registered tokenizer factory; ``lexicon_dir`` empty means the shipped lexicons."""

    def create(nlp: Language) -> JiebaTokenizer:
        lex = load_lexicons(lexicon_dir or None)
        words = [e.name for e in lex.practices] + [a for e in lex.practices for a in e.aliases]
        words += [s for s, _ in lex.org_suffixes if len(s) > 1] + list(lex.known_orgs)
        words += [w for w in lex.cues if len(w) > 1]
        return JiebaTokenizer(nlp.vocab, sorted(set(words)))

    return create


def create_nlp(lexicon_dir: str | Path | None = None) -> Language:
    """Build the extraction pipeline.

    Args:
        lexicon_dir: a folder with the lexicon files of ``extract/lexicons`` (default:
            the shipped ones).

    Returns:
        ``Language`` ``zh`` with the pipes ``sentencizer``, ``minekg_sentence_openers``
        and :data:`COMPONENTS`.
    """
    lexicon_dir = str(lexicon_dir or "")
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {
        "@tokenizers": "minekg.JiebaTokenizer.v1", "lexicon_dir": lexicon_dir}}})
    # spaCy's sentencizer, read from the token arrays (components/sentences.py); named as it.
    nlp.add_pipe("minekg_sentencizer", name="sentencizer", config={"punct_chars": SENT_PUNCT})
    nlp.add_pipe("minekg_sentence_openers")
    for name in COMPONENTS:
        nlp.add_pipe(name, config={"lexicon_dir": lexicon_dir})
    return nlp


def process_article(nlp: Language, article: Article) -> Doc:
    """Run the pipeline on one article.

    The article's affiliation and title are put on the ``Doc`` (``doc._.affiliation``,
    ``doc._.title``) before the components run, since they name the subject organisation.
    """
    doc = nlp.make_doc(article.text)
    doc._.affiliation = article.affiliation or ""
    doc._.co_units = tuple(article.co_units)
    doc._.title = article.title
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


__all__ = ["create_nlp", "process_article", "extractor_version", "rules_digest", "LEXICON_DIR", "JiebaTokenizer"]
