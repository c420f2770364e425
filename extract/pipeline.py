"""The spaCy pipeline: blank ``zh`` with jieba, a sentencizer, and minekg's components.

Stage 3 of DESIGN.md. :func:`create_nlp` builds the :class:`spacy.language.Language`
once per process; :func:`process_article` runs it on one article. The components
(:mod:`extract.components`) write span groups ``org``, ``practice``, ``outcome`` and the
``Doc`` extension ``links``; :mod:`extract.records` turns the result into a record.
"""
from __future__ import annotations

import functools
import hashlib
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
from .segment import Segmenter

#: Sentence-final characters for the sentencizer. Semicolons do not end a sentence:
#: the papers chain a whole paragraph of measures with ；, and GUIDELINES.md quotes
#: such a chain as one evidence sentence.
SENT_PUNCT = ["。", "！", "？", "!", "?", "\n"]

COMPONENTS = ("minekg_orgs", "minekg_practices", "minekg_outcomes", "minekg_links")


class JiebaTokenizer:
    """A tokenizer that segments with its own ``jieba.Tokenizer`` and a user dictionary.

    spaCy's built-in jieba segmenter uses jieba's global dictionary; this one keeps the
    domain words (practice names, organisation suffixes) in a private instance so that
    two pipelines in one process do not share state.

    Args:
        vocab: the pipeline's vocabulary.
        words: extra dictionary words (the lexicon names and suffixes).
    """

    def __init__(self, vocab, words: list[str]):
        import jieba

        from .articles import jieba_dictionary

        jieba.setLogLevel(logging.ERROR)
        self.vocab = vocab
        # A private copy of jieba's dictionary, which the article splitter has loaded
        # already: loading it from jieba's cache file takes a second and a half.
        base = jieba_dictionary()
        self.jieba = jieba.Tokenizer()
        self.jieba.FREQ, self.jieba.total, self.jieba.initialized = dict(base.FREQ), base.total, True
        for word in words:
            self.jieba.add_word(word, freq=max(self.jieba.suggest_freq(word), 20000))
        self.segmenter = Segmenter(self.jieba)

    def __call__(self, text: str) -> Doc:
        words = self.segmenter.cut(text)  # self.jieba.cut(text, HMM=False), faster
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        # The components read the text and the token texts many times; spaCy makes them
        # again from every token on each read. Kept only when they are the doc's exactly.
        if "".join(words) == text:
            doc.user_data[TEXT_KEY] = text
            doc.user_data[WORDS_KEY] = words
        return doc

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
    nlp.add_pipe("sentencizer", config={"punct_chars": SENT_PUNCT})
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
    doc._.title = article.title
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def extractor_version(lexicon_dir: str | Path | None = None) -> str:
    """The version string of the extractor: package version + lexicon digest + rules
    digest (12 hex each), e.g. ``0.1.0+lex.0123456789ab.rules.0123456789ab``.

    The rules digest covers the source of the ``extract`` package, so an edited rule
    invalidates the extraction cache (:mod:`extract.cache`) just as an edited lexicon does.
    """
    from . import __version__

    lex = load_lexicons(str(lexicon_dir) if lexicon_dir else None).digest[:12]
    return f"{__version__}+lex.{lex}.rules.{_rules_digest()[:12]}"


@functools.lru_cache(maxsize=1)
def _rules_digest() -> str:
    """sha256 over the ``extract`` package's Python sources (relative path + bytes)."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


__all__ = ["create_nlp", "process_article", "extractor_version", "LEXICON_DIR", "JiebaTokenizer"]
