"""HTML → the article body with trafilatura (navigation, menus, footers left out)."""
from __future__ import annotations

from pathlib import Path

from ..errors import IngestError


def read_html(html: str, path: Path | str) -> str:
    """Extract the main text of a web page.

    Args:
        html: the decoded page (see :func:`extract.ingest.decode_bytes`).
        path: the file, for error messages.

    Returns:
        Raw text, one paragraph, heading or table row a line, without navigation,
        headers, footers and comments. If trafilatura's main-content detection finds
        nothing, its whole-page text conversion (``html2txt``) is used instead, so a
        bare page without article markup still reads.

    Raises:
        IngestError: the page has no text at all.
    """
    import trafilatura

    text = trafilatura.extract(
        html,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_links=False,
        include_images=False,
        include_formatting=False,
        favor_precision=True,
        deduplicate=False,
    )
    if not text or not text.strip():
        text = trafilatura.html2txt(html) or ""
    if not text.strip():
        raise IngestError(path, "the HTML page has no text (an empty page or a "
                                "script-only page?); save the article as text or PDF")
    return text
