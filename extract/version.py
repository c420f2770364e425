"""The extractor's version: what the extraction cache keys on (:mod:`extract.cache`).

Kept apart from :mod:`extract.pipeline` so that a build reads it without importing spaCy:
a build with nothing to extract never imports it (a second of its start), and one with
papers to extract imports the pipeline just before it forks its workers
(:func:`extract.corpus.extract_corpus`). :mod:`extract.pipeline` re-exports these names.
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from .lexicon import load_lexicons
from .segment import segmenter_version


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
#: file is not), and this one (the pipeline keys its segmenter's saved facts by the
#: digest, and re-exports it). Left out, since an edit of them changes no extraction: the cache itself,
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


__all__ = ["extractor_version", "rules_digest", "RULE_MODULES", "RULE_FUNCTIONS"]
