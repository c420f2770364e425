"""DOCX → raw text with python-docx: paragraphs and tables in document order."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..errors import IngestError

#: Separator of the cells of one table row on its output line. A tab keeps cell
#: boundaries unambiguous without adding Chinese punctuation to quoted evidence.
CELL_SEPARATOR = "\t"

def read_docx(data: bytes, path: Path | str) -> str:
    """Extract paragraphs and tables of a Word ``.docx`` file, in body order.

    Args:
        data: the file's bytes.
        path: the file, for error messages.

    Returns:
        Raw text, one paragraph a line; a table row is one line with its cells joined
        by :data:`CELL_SEPARATOR` (a merged cell counted once); a heading (style
        ``Heading N``, ``标题 N`` or ``Title``) is a line of its own. Empty paragraphs
        are dropped.

    Raises:
        IngestError: zero bytes, not a DOCX (zip) package, or a damaged package.
    """
    import docx
    from docx.table import Table

    if not data:
        raise IngestError(path, "the file is empty (0 bytes): not a DOCX document")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        hint = (" (an old binary .doc renamed? save it as .docx)"
                if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" else "")
        raise IngestError(path, f"not a DOCX file (not a zip package){hint}; "
                                "re-save it from Word as .docx")
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_table_lines(block))
            else:
                text = _one_line(block.text)
                if text:
                    # Headings stay a line of their own like any paragraph; a heading
                    # with soft breaks (Shift+Enter) is folded to one line as well.
                    lines.append(text)
    except (KeyError, ValueError, zipfile.BadZipFile, OSError) as exc:
        # python-docx raises KeyError for a missing part, ValueError for a wrong
        # content type, lxml errors (ValueError subclasses) for broken XML.
        raise IngestError(path, f"damaged DOCX ({type(exc).__name__}: {exc}); "
                                "re-save it from Word") from exc
    return "\n".join(lines)


def _one_line(text: str) -> str:
    # Soft line breaks inside a paragraph are layout, not structure: one paragraph is
    # one output line. Chinese takes no space at the join, Latin words take one.
    parts = [p.strip() for p in text.splitlines() if p.strip()]
    out = ""
    for part in parts:
        if out and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() \
                and part[0].isalnum():
            out += " "
        out += part
    return out


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            # python-docx yields a horizontally merged cell once per grid column.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            lines.append(CELL_SEPARATOR.join(cells))
    return lines
