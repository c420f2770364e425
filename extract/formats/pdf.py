"""PDF → raw text with pdfminer.six's layout analysis.

Reading order: on each page the text boxes found by pdfminer (``LAParams``; its own
ordering of them, ``boxes_flow``, is not used) are ordered by band, then column, then
top-to-bottom. A box that spans the page's middle (title, abstract, a full-width figure
caption) closes a band; inside a band the left column is read before the right one.
Running page headers and footers (lines that come back on most pages at the top or
bottom) and bare page numbers are dropped.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

from ..errors import IngestError

#: A line that is only a page number: ``3``, ``- 3 -``, ``· 63 ·``, ``第 3 页``, ``3/12``, ``Page 3``.
PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]|[·•]\s*\d{1,4}\s*[·•]|\d{1,4}|第\s*\d{1,4}\s*页(?:\s*/?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$"
)
#: How many lines at the top and at the bottom of a page may be a running header/footer.
EDGE_LINES = 3
#: Share of the page height at the top and at the bottom where a line, wherever it
#: falls in reading order (a corner page number sorts into a column), may be a
#: running header/footer too.
MARGIN_SHARE = 0.08
#: A line is a running header/footer when it is on at least this share of the pages.
REPEAT_SHARE = 0.6

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_RE = re.compile(rf"[{_CJK}]")
_CJK_SPACE_RE = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}])")


def read_pdf(data: bytes, path: Path | str) -> str:
    """Extract the text of a PDF in reading order.

    Args:
        data: the file's bytes.
        path: the file, for error messages.

    Returns:
        Raw text, one PDF text line per ``\\n``-separated line, pages in order,
        running headers/footers and page numbers removed. Paragraphs are not yet
        joined: :func:`extract.ingest.repair_line_breaks` does that.

    Raises:
        IngestError: not a PDF, truncated (no ``%%EOF``), encrypted, damaged, or
            without a text layer (a scan: run OCR first).
    """
    from pdfminer.layout import LAParams, LTTextBox, LTTextLine
    from pdfminer.high_level import extract_pages
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.psexceptions import PSException

    if b"%PDF-" not in data[:1024]:
        raise IngestError(path, "not a PDF (no %PDF- header); check the file or its suffix")
    # pdfminer recovers from a missing cross-reference table by scanning objects, so a
    # cut-off download would silently lose its last pages: refuse it instead.
    if b"%%EOF" not in data[-2048:]:
        raise IngestError(path, "truncated PDF (no %%EOF at the end); the download or "
                                "copy is incomplete, fetch the file again")
    pages: list[list[str]] = []
    margins: list[set[int]] = []
    try:
        # boxes_flow=None: pdfminer's own reading order of the boxes (a hierarchical
        # grouping, a fifth of its layout analysis) is not built; order_boxes sorts them.
        for page in extract_pages(io.BytesIO(data), laparams=LAParams(boxes_flow=None)):
            boxes = [el for el in page if isinstance(el, (LTTextBox, LTTextLine))]
            lines: list[str] = []
            in_margin: set[int] = set()
            band = MARGIN_SHARE * (page.y1 - page.y0)
            for box in order_boxes(boxes, page.x0, page.x1):
                items = [box] if isinstance(box, LTTextLine) else list(box)
                for line in items:
                    text = line_text(line).strip()
                    if text:
                        if line.y0 >= page.y1 - band or line.y1 <= page.y0 + band:
                            in_margin.add(len(lines))
                        lines.append(text)
            pages.append(lines)
            margins.append(in_margin)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise IngestError(path, f"encrypted PDF ({type(exc).__name__}); "
                                "save an unprotected copy") from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError,
            AttributeError, IndexError) as exc:
        # pdfminer raises a wide range of exceptions on damaged files.
        raise IngestError(path, f"damaged PDF ({type(exc).__name__}: {exc}); "
                                "re-export or re-download it") from exc
    pages = strip_running_lines(pages, margins)
    text = "\n".join(line for page in pages for line in page)
    if not text.strip():
        raise IngestError(path, "the PDF has no text layer (a scanned image?); "
                                "run OCR on it first")
    return text


def line_text(line) -> str:
    """The text of a pdfminer text line without the spaces pdfminer put between two CJK
    characters or beside a space of the PDF's own.

    pdfminer adds a space (an ``LTAnno``, not a character of the PDF) before a character
    that stands further from the one before than ``LAParams.word_margin`` (0.1) times its
    width or height: about 1 pt in 10-point type. Justified Chinese is set with such gaps
    (character spacing, kerned ``TJ`` arrays), and Chinese puts no space between its words,
    so those spaces go; so does one after a space the justification stretched (a second
    space). A space character the PDF holds (``LTChar``) stays: it is the text's own, as in
    an affiliation line (``新庄煤矿 河南 永城 476600``) or a spaced label (``摘 要``), which
    the text of the same paper keeps too. Spaces between Latin letters or digits are
    pdfminer's, as before.

    Args:
        line: a ``pdfminer.layout.LTTextLine``: ``LTChar`` and ``LTAnno`` objects.

    Returns:
        The line's text, its final ``\\n`` included.
    """
    from pdfminer.layout import LTAnno

    text = line.get_text()
    if "  " not in text and not _CJK_SPACE_RE.search(text):  # most lines: nothing to look at
        return text
    objs = list(line)
    parts = [obj.get_text() for obj in objs]
    for k in range(1, len(objs) - 1):
        before, after = parts[k - 1][-1:], parts[k + 1][:1]
        if isinstance(objs[k], LTAnno) and parts[k].isspace() and (
                before.isspace() or after.isspace()
                or (_CJK_RE.match(before) and _CJK_RE.match(after))):
            parts[k] = ""
    return "".join(parts)


def order_boxes(boxes: list, left: float, right: float) -> list:
    """Sort a page's text boxes into reading order, two-column aware.

    Args:
        boxes: pdfminer layout objects with ``x0, x1, y0, y1`` (PDF points, y upwards).
        left: the page's left edge, in points.
        right: the page's right edge, in points.

    Returns:
        The boxes in reading order: bands from the top, separated by boxes that cross
        the page's middle; in each band the left column top-down, then the right one.
    """
    middle = (left + right) / 2
    # A column box may overhang the middle a little (uneven gutters, wide glyphs);
    # a box counts as full-width when it crosses the middle by more than this on both
    # sides, or is centred on it (a centred title, a page number).
    slack = 0.02 * (right - left)

    def column(box) -> str:
        if box.x1 <= middle:
            return "left"
        if box.x0 >= middle:
            return "right"
        centre = (box.x0 + box.x1) / 2
        if (box.x0 < middle - slack and box.x1 > middle + slack) \
                or abs(centre - middle) <= slack:
            return "span"
        return "left" if centre < middle else "right"

    ordered: list = []
    left_col: list = []
    right_col: list = []

    def flush() -> None:
        ordered.extend(sorted(left_col, key=lambda b: -b.y1))
        ordered.extend(sorted(right_col, key=lambda b: -b.y1))
        left_col.clear()
        right_col.clear()

    for box in sorted(boxes, key=lambda b: (-b.y1, b.x0)):
        side = column(box)
        if side == "left":
            left_col.append(box)
        elif side == "right":
            right_col.append(box)
        else:  # spans both columns: ends the band above it
            flush()
            ordered.append(box)
    flush()
    return ordered


def strip_running_lines(pages: list[list[str]],
                        margins: list[set[int]] | None = None) -> list[list[str]]:
    """Remove running headers/footers and bare page numbers.

    A line at a page edge (among the first or last :data:`EDGE_LINES` of the page, or
    in its ``margins``) is a running line when
    the same line (digits ignored, so "第 3 页" matches "第 4 页") is at a page edge
    on at least :data:`REPEAT_SHARE` of the pages (and on two pages at least). Bare
    page numbers (:data:`PAGE_NUMBER_RE`) at a page edge go on any page.

    Args:
        pages: per page, its text lines in reading order.
        margins: per page, the indices of the lines that lie in the top or bottom
            :data:`MARGIN_SHARE` of the page; they count as page-edge lines too.

    Returns:
        The same structure without those lines.
    """
    def key(line: str) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))

    margins = margins or [set() for _ in pages]

    def edge(n: int, page: int) -> set[int]:
        first_last = set(range(min(EDGE_LINES, n))) | set(range(max(0, n - EDGE_LINES), n))
        return first_last | margins[page]

    counts: Counter[str] = Counter()
    for i, lines in enumerate(pages):
        counts.update({key(lines[j]) for j in edge(len(lines), i)})
    need = max(2, REPEAT_SHARE * len(pages))
    running = {k for k, c in counts.items() if c >= need}
    out = []
    for p, lines in enumerate(pages):
        edges = edge(len(lines), p)
        out.append([ln for i, ln in enumerate(lines)
                    if not (i in edges and (key(ln) in running or PAGE_NUMBER_RE.match(ln)))])
    return out
