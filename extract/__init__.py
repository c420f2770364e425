"""Extraction: files → documents → articles → spaCy docs → article records.

The stages of DESIGN.md's data flow, one module each: :mod:`extract.ingest`,
:mod:`extract.articles`, :mod:`extract.pipeline` (with the spaCy components in
:mod:`extract.components`), :mod:`extract.records`; :mod:`extract.corpus` runs them over a
folder, :mod:`extract.evaluate` scores the output against gold annotations.
"""

__version__ = "0.1.0"
