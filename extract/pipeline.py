"""The spaCy pipeline: blank ``zh`` with jieba's words, a sentencizer, and minekg's components.

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
from .segment import Segmenter, segmenter_version, tokenizer_facts

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


def extractor_version(lexicon_dir: str | Path | None = None) -> str:
    """The version string of the extractor: package version + lexicon digest + rules
    digest (12 hex each) + the versions of cn2an and the segmenter, e.g.
    ``0.1.0+lex.0123456789ab.rules.0123456789ab.cn2an.0.5.24.rjieba.0.2.2.jieba.0.42.1``.

    The rules digest (:func:`rules_digest`) covers the code that decides what an
    extraction says, so an edited rule invalidates the extraction cache
    (:mod:`extract.cache`) just as an edited lexicon does, and an edit of the code
    around it (the cache, the corpus walk, the evaluation) does not. The segmenter's
    versions (:func:`extract.segment.segmenter_version`): another jieba-rs, or another
    jieba dictionary, could cut other words, so it is another extractor.
    """
    from importlib.metadata import version

    from . import __version__

    lex = load_lexicons(str(lexicon_dir) if lexicon_dir else None).digest[:12]
    # cn2an reads the counts said in Chinese numerals (components/outcomes.py): another
    # version could read another value.
    return f"{__version__}+lex.{lex}.rules.{_rules_digest()[:12]}.cn2an.{version('cn2an')}.{segmenter_version()}"


#: The modules (paths under ``extract/``; a folder: its ``*.py``) whose code decides what
#: the extraction of a file is — the cached records and report (:mod:`extract.cache`):
#: decoding and cleaning (ingest, formats), the article splitter, the pipeline and its
#: components, its segmenter (segment.py), the lexicon loader and the record layout. They import no other module of
#: the package but :mod:`extract.errors`, whose messages are not cached (an unreadable
#: file is not). Left out, since an edit of them changes no extraction: the cache itself,
#: the corpus walk and its workers, the stored form of records (:mod:`extract.stored`),
#: duplicate merging (it runs after the cache), evaluation, explain, the gold schema.
RULE_MODULES = ("articles.py", "components", "formats", "ingest.py", "lexicon.py", "pipeline.py", "records.py",
                "segment.py")
#: Functions of other modules that make part of a cached entry: the report of one file
#: (:func:`extract.corpus.extract_file`) and its text digest
#: (:func:`extract.duplicates.text_digest`), digested by their source.
RULE_FUNCTIONS = (("corpus", "extract_file"), ("duplicates", "text_digest"))


def rules_digest(root: str | Path | None = None) -> str:
    """SHA-256 over the code that decides an extraction: the files of :data:`RULE_MODULES`
    (relative path + bytes, in path order) and the source of each function of
    :data:`RULE_FUNCTIONS`.

    Args:
        root: the ``extract`` package folder (default: this one).

    Returns:
        The hex digest (64 characters).

    Raises:
        OSError: a file of :data:`RULE_MODULES` cannot be read.
        ValueError: a function of :data:`RULE_FUNCTIONS` is not found in its module.
    """
    root = Path(root) if root else Path(__file__).resolve().parent
    paths = []
    for name in RULE_MODULES:
        path = root / name
        paths += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for module, function in RULE_FUNCTIONS:
        h.update(f"{module}.{function}\0{_function_source(root / f'{module}.py', function)}\0".encode())
    return h.hexdigest()


def _function_source(path: Path, name: str) -> str:
    """The text of the top-level function ``name`` of a module: from its ``def`` line to
    the next line that starts at the margin with code (not a closing bracket). A text
    scan, not ``ast``: parsing the two modules took a tenth of a second of each build.

    Raises:
        ValueError: no such function.
    """
    lines = path.read_text(encoding="utf-8").split("\n")
    head = f"def {name}("
    for i, line in enumerate(lines):
        if line.startswith(head):
            j = i + 1
            while j < len(lines) and (not lines[j] or lines[j][0] in " \t)"):
                j += 1
            return "\n".join(lines[i:j]).rstrip()
    raise ValueError(f"{path.name} has no top-level function {name} (RULE_FUNCTIONS)")


@functools.lru_cache(maxsize=1)
def _rules_digest() -> str:
    """:func:`rules_digest` of this package, computed once per process."""
    return rules_digest()


__all__ = ["create_nlp", "process_article", "extractor_version", "rules_digest", "LEXICON_DIR", "JiebaTokenizer"]
