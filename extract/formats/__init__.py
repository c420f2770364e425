"""Readers of the binary and markup input formats: PDF, DOCX, HTML.

Each reader takes the file's path and bytes and returns *raw* text, one line per
text line (PDF) or paragraph (DOCX, HTML), ``\\n`` separated. Decoding of plain text,
traditional→simplified conversion, Markdown stripping and line-break repair are
:mod:`extract.ingest`'s job, so that every format goes through the same cleaning.
Each reader raises :class:`extract.errors.IngestError` for a file it cannot read.
"""
