"""Read one input file into a clean :class:`Document`.

Stage 1 of the data flow in DESIGN.md. Every format is first turned into raw text:
plain text and Markdown are decoded (UTF-8, GB18030, Big5 … via charset-normalizer),
PDF, DOCX and HTML go through their readers in :mod:`extract.formats`. The raw text
then takes one cleaning path: traditional to simplified characters (OpenCC ``t2s``;
``tw2s`` for Big5 files),
Markdown markup stripped (text files), line endings normalised and the line breaks
that PDF layout leaves inside paragraphs repaired. Headings are kept on lines of
their own.

Limits: files larger than :data:`MAX_FILE_BYTES` (64 MiB) are refused; the largest
paper-sized inputs are a few MB, and a 50 MB text file still reads (in seconds), but a
build then refuses its text as too long for one paper
(:data:`extract.corpus.MAX_TEXT_CHARS`). Only regular files are read: a FIFO would
block the reader.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import IngestError
from .formats.pdf import PAGE_NUMBER_RE

#: File suffixes read as (possibly Markdown) text.
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
PDF_SUFFIXES = (".pdf",)
DOCX_SUFFIXES = (".docx",)
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + PDF_SUFFIXES + DOCX_SUFFIXES + HTML_SUFFIXES

#: Largest file read, in bytes (64 MiB). Above it ingest refuses the file rather than
#: hold several copies of it in memory (bytes, decoded, converted, cleaned text).
MAX_FILE_BYTES = 64 * 1024 * 1024

#: Share of control characters (other than tab, line and page breaks) above which
#: decoded "text" is taken for binary data.
MAX_CONTROL_SHARE = 0.01

#: Characters that close a sentence or a clause list in Chinese running text.
SENTENCE_END = "。！？!?；;…：:”」』）)】."
_CLOSERS = "”」』）)】"
_FULL_STOPS = "。！？!?…；;"

#: The bullets of a report's or a slide's list of items (◆机电修配中心：…, ▶ 成效：…).
BULLETS = "◆◇■□●○▶►▷★☆※▲△•"
#: The label of a line that tells the effect of what was just told (成效：…, 主要成效：…).
EFFECT_LABEL = r"(?:主要|取得的?|工作)?(?:成效|效果|成果|结果)\s*[：:]"
#: A report's item: its bullet, or a case box's label (案例：, 案例1：).
ITEM_HEAD = rf"[{BULLETS}]|案例\s*[\d一二三四五六七八九十]*\s*[：:]"

#: Heading shapes of Chinese papers: 一、 （一） 1 / 1.2 / 【摘要】 / short Markdown headings;
#: of reports and bulletins: an item's bullet (◆机电修配中心：…, ■, ▶) and a case box's label
#: (案例：青岗坪煤矿“红色网格”…, 案例1).
HEADING_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+(?:[.．]\d+)*\s+\S|\d+[、.．](?!\d)\S"
    # 2.1党建引领… (a second level without a space), not a decimal before its unit (2.5天缩短)
    r"|\d+(?:\.\d+){2,}[\u4e00-\u9fff]|\d+\.\d+(?![\d天万亿倍米吨个名人次条项元分秒])[\u4e00-\u9fff]"
    # the labels spaced to a column's width too (引 言, 关 键 词), as a PDF's text holds them
    r"|【[^】]{1,10}】|引\s?言|结\s?[语论]|参\s?考\s?文\s?献|摘\s?要|关\s?键\s?词"
    rf"|(?:{ITEM_HEAD})\s*\S)"
)


@dataclass(frozen=True)
class Document:
    """A decoded, cleaned input file.

    Attributes:
        source: the file name (no directory), used as the document id in records
            (unless another paper has the same file name:
            :func:`extract.duplicates.document_names`).
        path: the path it was read from.
        text: cleaned simplified-Chinese text; paragraphs separated by ``\\n``.
        encoding: the detected source encoding (``utf_8``, ``gb18030`` …).
            ``""`` for PDF and DOCX, whose text is not stored in a byte encoding.
        sha256: hex digest of the file's bytes (the cache key; duplicates are found by
            text, :mod:`extract.duplicates`).
        converted: ``True`` when traditional characters were converted to simplified.
        original: the decoded text before t2s conversion when ``converted``, else ``""``.
        notes: what ingest changed or noticed, for the build report.
        format: the input format read: ``text``, ``markdown``, ``pdf``, ``docx``
            or ``html``.
    """

    source: str
    path: str
    text: str
    encoding: str
    sha256: str
    converted: bool = False
    original: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
    format: str = "text"


def read_document(path: str | Path) -> Document:
    """Read, decode and clean one file.

    Args:
        path: a file with one of :data:`SUPPORTED_SUFFIXES` (text, Markdown, PDF,
            DOCX, HTML), at most :data:`MAX_FILE_BYTES` bytes.

    Returns:
        The :class:`Document`: simplified-Chinese text, one paragraph a line.

    Raises:
        IngestError: the file is missing (or a broken symbolic link), a directory,
            not a regular file (a FIFO, a device), unreadable, too large, empty,
            binary, of an unsupported suffix, in an encoding that cannot be detected, or a PDF/DOCX/HTML file its reader
            cannot read (truncated, damaged, encrypted, no text). The message names
            the file and says what to do.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        hint = " (save it as .docx)" if suffix == ".doc" else ""
        raise IngestError(p, f"unsupported file type {p.suffix or '(none)'}{hint}; "
                             f"supported: {', '.join(SUPPORTED_SUFFIXES)}")
    data = _read_bytes(p)
    notes: list[str] = []
    encoding = ""
    if suffix in PDF_SUFFIXES:
        from .formats.pdf import read_pdf

        fmt, text = "pdf", read_pdf(data, p)
        # PDF lines are the page's lines: paragraphs always need joining.
        hard_wrapped: bool | None = True
    elif suffix in DOCX_SUFFIXES:
        from .formats.docx import read_docx

        fmt, text = "docx", read_docx(data, p)
        hard_wrapped = False  # a DOCX paragraph is a paragraph; never join them
    elif suffix in HTML_SUFFIXES:
        from .formats.html import read_html

        html, encoding = decode_bytes(data, p)
        fmt, text = "html", read_html(html, p)
        hard_wrapped = False  # trafilatura gives one paragraph a line
    else:
        text, encoding = decode_bytes(data, p)
        fmt, hard_wrapped = "text", None
        if suffix in MARKDOWN_SUFFIXES or looks_like_markdown(text):
            fmt = "markdown"
            text = strip_markdown(text)
    taiwan = encoding.replace("-", "_").startswith(("big5", "cp950"))
    simplified = to_simplified(text, taiwan=taiwan)
    converted = simplified != text
    clean = repair_line_breaks(normalise_text(simplified), hard_wrapped=hard_wrapped)
    if not clean.strip():
        raise IngestError(p, "no text after decoding and cleaning (empty file?)")
    if converted:
        notes.append("traditional characters converted to simplified "
                     f"(OpenCC {'tw2s' if taiwan else 't2s'})")
    return Document(
        source=p.name,
        path=str(p),
        text=clean,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        converted=converted,
        original=text if converted else "",
        notes=tuple(notes),
        format=fmt,
    )


def _read_bytes(p: Path) -> bytes:
    """The file's bytes, or an :class:`IngestError` that says why they cannot be had."""
    if p.is_symlink() and not p.exists():
        raise IngestError(p, f"broken symbolic link (points to {os.readlink(p)}, which "
                             "does not exist); fix the link or give the file itself")
    if not p.exists():
        raise IngestError(p, "no such file; check the path")
    if p.is_dir():
        raise IngestError(p, "is a directory, not a file; give the files in it instead")
    try:
        st = p.stat()
        if not stat.S_ISREG(st.st_mode):
            # Reading a FIFO blocks until a writer comes (for ever, in a build); a
            # device may never end.
            raise IngestError(p, "not a regular file (a FIFO, socket or device); "
                                 "give the paper file itself")
        size = st.st_size
        if size > MAX_FILE_BYTES:
            raise IngestError(p, f"file too large ({size / 2**20:.1f} MiB > "
                                 f"{MAX_FILE_BYTES // 2**20} MiB limit); split it into "
                                 "one file per paper")
        return p.read_bytes()
    except PermissionError as exc:
        raise IngestError(p, "permission denied; make the file readable "
                             "(chmod +r) or copy it somewhere readable") from exc
    except OSError as exc:
        raise IngestError(p, f"cannot read the file ({exc.strerror or exc})") from exc


def decode_bytes(data: bytes, path: Path | str = "<bytes>") -> tuple[str, str]:
    """Decode file bytes to text.

    UTF-8 (with or without BOM) is tried first because it is unambiguous; anything
    else is left to charset-normalizer, restricted to the encodings Chinese files come
    in so that a GB18030 file is not read as Latin-1.

    Args:
        data: the file's bytes.
        path: the file, for error messages.

    Returns:
        ``(text, encoding)``, the encoding as Python's codec name (``utf_8``,
        ``gb18030``, ``big5`` …); a UTF-8 byte-order mark is dropped.

    Raises:
        IngestError: empty input, binary data (NUL bytes, or more than
            :data:`MAX_CONTROL_SHARE` control characters), or no Chinese encoding fits.
    """
    from charset_normalizer import from_bytes

    if not data.strip():
        raise IngestError(path, "the file is empty")
    if b"\x00" in data[:65536]:
        raise IngestError(path, "binary content (NUL bytes): not a text file; "
                                "convert it to .txt or give the original format")
    try:
        text, encoding = data.decode("utf-8-sig"), "utf_8"
    except UnicodeDecodeError:
        best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16"]).best()
        if best is None:
            raise IngestError(path, "unknown text encoding (not UTF-8, GB18030 or Big5); "
                                    "re-save the file as UTF-8") from None
        text, encoding = str(best), best.encoding
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise IngestError(path, "binary content (control characters): not a text file; "
                                "convert it to .txt or give the original format")
    return text, encoding


_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _control_share(text: str, sample: int = 65536) -> float:
    # A sample is enough: binary data shows its control bytes from the first kilobytes.
    head = text[:sample]
    return len(_CONTROL_RE.findall(head)) / max(1, len(head))


_CONVERTERS: dict[str, object] = {}


def to_simplified(text: str, taiwan: bool = False) -> str:
    """Convert traditional Chinese characters to simplified with OpenCC.

    Args:
        text: any Chinese text; simplified text passes through unchanged.
        taiwan: the text is in Taiwan forms (a Big5 file): use ``tw2s`` instead of
            ``t2s``. Taiwan forms such as 著 in 決定著 are left as they are by ``t2s``;
            ``tw2s`` is not the default because on simplified text it rewrites words
            that are already simplified (显著 → 显着).

    Returns:
        The simplified text, same length in lines.
    """
    config = "tw2s" if taiwan else "t2s"
    converter = _CONVERTERS.get(config)
    if converter is None:
        import opencc

        converter = _CONVERTERS[config] = opencc.OpenCC(config)
    return converter.convert(text)


_MD_RULES = [
    (re.compile(r"<sup>.*?</sup>", re.S), ""),  # footnote markers
    (re.compile(r"<[^>\n]+>"), ""),
    (re.compile(r"^\s{0,3}#{1,6}\s*", re.M), ""),  # heading marks; the line stays a heading
    (re.compile(r"\*\*(.+?)\*\*|__(.+?)__", re.S), r"\1\2"),
    (re.compile(r"(?<!\*)\*(?!\s)([^*\n]+?)\*(?!\*)"), r"\1"),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),
    (re.compile(r"^\s{0,3}[-*+]\s+", re.M), ""),
    (re.compile(r"`([^`]*)`"), r"\1"),
]


def strip_markdown(text: str) -> str:
    """Remove Markdown markup (emphasis, heading marks, links, HTML tags), keeping text.

    Headings stay on their own line so that the article splitter still sees them.
    """
    for pattern, repl in _MD_RULES:
        text = pattern.sub(repl, text)
    return text


_MD_SIGNS = re.compile(r"^\s{0,3}#{1,6}\s|\*\*[^*\n]+\*\*|<sup>", re.M)


def looks_like_markdown(text: str) -> bool:
    """True when a text file carries Markdown markup (heading marks, bold, ``<sup>``).

    Papers exported from journal sites often come as ``.txt`` with Markdown inside.
    """
    if "#" not in text and "**" not in text and "<sup>" not in text:
        return False  # what every mark holds: the pattern need not read the text (160 µs a paper)
    return len(_MD_SIGNS.findall(text)) >= 2


def normalise_text(text: str) -> str:
    """Normalise line endings and odd spaces; keep full-width punctuation as written.

    NFKC is not applied to the text itself because evidence sentences must be quoted
    exactly as the paper wrote them; matching normalises separately.
    """
    # Every line boundary str.splitlines knows (\r, \v, \f page breaks, U+2028 …)
    # becomes \n, so that downstream sees one paragraph a line and never a \r.
    if any(ch in text for ch in _LINE_BREAK_CHARS):  # (most texts hold none: no scan by re)
        text = _LINE_BREAK_RE.sub("\n", text)
    text = text.replace("\u3000", " ").replace("\xa0", " ").replace("\ufeff", "")
    if " " in text and _SPACED_GATE_RE.search(text):
        # 矿 工 会 与 团 委 在 井 口: OCR of a scan spaces out the characters of a run; they are one
        # text again, as a line break inside a sentence is (the spaces of a slide part words).
        text = _SPACED_RUN_RE.sub(lambda m: m.group(0).replace(" ", ""), text)
    return "\n".join(line.strip() for line in text.split("\n"))


#: Four characters or more, each alone between single spaces: Han characters, full-width digits
#: and Chinese punctuation (not ASCII digits: the columns of a flattened table are spaced so).
_SPACED_RUN_RE = re.compile(r"(?:[\u4e00-\u9fff\uff10-\uff19“”，。、：；（）％．] ){3,}[\u4e00-\u9fff\uff10-\uff19“”，。、：；（）％．]")
#: What every such run holds (a space, a character, a space, a character, a space), found
#: from its first space: re tries _SPACED_RUN_RE's class at every character of a text.
_SPACED_GATE_RE = re.compile(r" [\u4e00-\u9fff\uff10-\uff19“”，。、：；（）％．] [\u4e00-\u9fff\uff10-\uff19“”，。、：；（）％．] ")


_LINE_BREAK_CHARS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # every match holds one
_LINE_BREAK_RE = re.compile("\r\n|[" + _LINE_BREAK_CHARS + "]")


#: A numbered heading and the words after its number, on one line (一、 （一） 1. 2.1, 1．5 with a
#: full-width point), the number's kind in a group: ``cn``, ``paren``, ``arabic``, ``dotted``, the
#: ranks outermost first (:data:`HEADING_RANKS`). A decimal before its unit (2.5天) is no number
#: of a heading; a heading's words may be empty (a bare number line).
NUMBERED_HEADING_RE = re.compile(
    r"^\s*(?:(?P<cn>[一二三四五六七八九十]+、)|(?P<paren>[（(][一二三四五六七八九十\d]+[）)])"
    r"|(?P<dotted>\d+(?:[.．]\d+)+(?:\s+|[、．](?!\d)))|(?P<arabic>\d+(?:\s+|[、.．](?!\d))))"
    r"\s*(?P<rest>.*?)\s*$", re.M)
#: The kinds of numbered headings, outermost first (一、 > （一） > 1. > 1.1).
HEADING_RANKS = ("cn", "paren", "arabic", "dotted")


def heading_rank(m: re.Match) -> int:
    """The rank of a :data:`NUMBERED_HEADING_RE` match (0 outermost)."""
    return next(k for k, g in enumerate(HEADING_RANKS) if m[g] is not None)


def is_heading(line: str) -> bool:
    """True for a line shaped like a section heading (``一、`` ``（二）`` ``1.2`` ``【摘要】``)."""
    line = line.strip()
    return bool(line) and bool(HEADING_RE.match(line)) and len(line) <= 40


def ends_sentence(line: str) -> bool:
    """True when a line ends with sentence-final (or clause-closing) punctuation."""
    line = line.rstrip()
    return bool(line) and line[-1] in SENTENCE_END


def _closes_mid_sentence(line: str, width: int) -> bool:
    """A wrapped line that fills its width and ends with a quote or a bracket closing a name
    inside the sentence (石峡矿生产班组“无党员班” | 由19个减少为0), not after 。 nor as one
    aside bracket to bracket: the sentence goes on below. A shorter line so ended is a
    paragraph's end (a figure's caption …（作者自绘）, a source note …（数据来源：矿安监处））."""
    line = line.rstrip()
    if not line or line[-1] not in _CLOSERS or len(line) < 0.9 * width:
        return False
    inner = line.rstrip(_CLOSERS)
    whole = line.lstrip()[:1] in "（(【[" and line[-1] in "）)】]"  # （1.晋东能源集团…）
    return not whole and bool(inner) and inner[-1] not in _FULL_STOPS


def repair_line_breaks(text: str, hard_wrapped: bool | None = None) -> str:
    """Join lines that a PDF converter broke inside a paragraph.

    Rule (issue 2): in a hard-wrapped file (most lines of about the same, short width),
    a line that does not end a sentence continues on the next non-blank line, and the
    blank lines in between go; headings and short lines (author, title, affiliation)
    keep their own line. Files whose lines are whole paragraphs are left as they are:
    there a paragraph that stops mid-sentence is a column jump, which
    :mod:`extract.articles` resolves with the page layout in view.

    Args:
        text: normalised text, ``\\n`` line ends.
        hard_wrapped: ``True`` when the lines are known to be layout lines (PDF),
            ``False`` when they are known to be paragraphs (DOCX, HTML), ``None`` to
            tell from the line widths (plain text).

    Returns:
        Text with one paragraph a line, paragraphs separated by ``\\n``.
    """
    lines = [ln for ln in text.split("\n")]
    nonblank = [ln for ln in lines if ln.strip()]
    if not nonblank:
        return ""
    lengths = sorted(len(ln) for ln in nonblank)
    width = lengths[int(len(lengths) * 0.9)]
    if hard_wrapped is None:
        # Hard-wrapped: a short page width that most lines fill.
        hard_wrapped = (width <= 80
                        and sum(n >= 0.75 * width for n in lengths) >= 0.5 * len(lengths))
    if hard_wrapped:
        # A converter's page furniture between two lines of a sentence (系统上线 | · 63 · |
        # 第43卷第3期 煤炭经济研究 2025年3月 | 后，…): page numbers and a journal's running
        # head go, and the sentence joins up again.
        nonblank = [ln for ln in nonblank if not _page_furniture(ln)] or nonblank
    out: list[str] = []
    buf, last = "", ""
    in_header = True  # title, authors and affiliation lines: never joined
    for line in nonblank:
        if in_header and (_ABSTRACT_RE.match(line) or "。" in line):
            in_header = False
        if buf and hard_wrapped and not in_header and _continues(last, line, width):
            buf = _join(buf, line)
        else:
            if buf:
                out.append(buf)
            buf = line
        last = line
    if buf:
        out.append(buf)
    return "\n".join(out)


#: A journal's running head or foot: its volume and issue (第43卷第3期, 2024年第3期, Vol. 43
#: No. 3) on a line of its own, with no sentence punctuation.
#: A journal's or a bulletin's issue (第43卷第3期, 2024年第3期, 第6期, 总第118期, Vol. 43).
ISSUE_RE = re.compile(r"第\s*\d{1,4}\s*卷|(?:\d{4}\s*年\s*)?(?:总)?第\s*\d{1,4}\s*期|\bVol\.\s*\d+", re.I)
#: What a running head has beside the issue: a date of the issue, or the wide gaps of a
#: page's layout (第43卷第3期　　　　煤炭经济研究　　　　2025年3月).
_RUNNING_HEAD_RE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月|\d{4}\s*年\s*第\s*\d{1,3}\s*期\s*$|[\u3000 ]{2,}\S")


def _page_furniture(line: str) -> bool:
    """True for a line that is a page number, or a journal's running head or foot: its
    issue with a date or the gaps of a page layout, and no punctuation of running text
    (a body line that names 第3期培训班 is kept)."""
    s = line.strip()
    if PAGE_NUMBER_RE.match(s):
        return True
    # (an issue holds 第 or the dot of Vol.: a line without either is read no further)
    return len(s) <= 60 and ("第" in s or "." in s) and bool(ISSUE_RE.search(s)) and bool(_RUNNING_HEAD_RE.search(s)) \
        and not any(ch in s for ch in "。，；！？,;")


#: A report's item bullet or a case box's label at a line's start (HEADING_RE's report shapes).
_ITEM_RE = re.compile(rf"^\s*(?:{ITEM_HEAD})")
#: A line of a flattened table: a label, then three numbers or more apart by spaces or bars.
TABLE_LINE_RE = re.compile(r"^\s*[|｜]?\s*[^\d\s|｜][^|｜\n]*?(?:(?:\s+|\s*[|｜]\s*)-?\d+(?:\.\d+)?%?){3,}\s*[|｜]?\s*$")


@functools.lru_cache(maxsize=4096)
def is_table_line(line: str) -> bool:
    """``TABLE_LINE_RE`` matches ``line``: a row of a flattened table. Remembered: the line
    joiner asks it of each line twice (as the line, then as the line before the next), the
    article splitter up to three times of a paragraph, and the pattern reads a line that
    is no row to its end. A row ends with a number's digit or ``%`` before its closing bar
    and spaces: a line that does not (a paragraph ends with 。) is no row, without the
    pattern, which took 16 µs a line, trying its lazy label at each character of a
    paragraph."""
    end = line.rstrip()  # (str.rstrip strips what \s matches)
    if end[-1:] in ("|", "｜"):
        end = end[:-1].rstrip()
    if not end or not (end[-1].isdecimal() or end[-1] == "%"):  # (\d: a decimal digit)
        return False
    return TABLE_LINE_RE.match(line) is not None


_ABSTRACT_RE = re.compile(r"^\s*(?:【\s*摘|摘\s*要|\[?摘要|Abstract|【Abstract)")


#: A label heading with its text on the same line: ``【摘要】本文……``, ``关键词：……``.
_LABEL_RE = re.compile(r"^\s*(?:【[^】]{1,10}】|\[[^\]]{1,10}\]|(?:摘\s*要|关\s*键\s*词|Abstract"
                       r"|Key\s*words)\s*[:：])\s*\S")


#: A table's or a figure's caption: 表1, 表 2, 图3 and the title.
TABLE_CAPTION_RE = re.compile(r"^\s*[表图]\s*\d{1,2}(?:[-－.．]\d{1,2})?\s*[\u4e00-\u9fff“]")


def _continues(prev_line: str, line: str, width: int) -> bool:
    # 86.|3%: a decimal point that the converter's line break left at a line's end is no
    # full stop (Chinese text ends a sentence with 。; "." after a digit is a decimal point).
    decimal = prev_line.rstrip()[-2:-1].isdigit() and prev_line.rstrip().endswith(".") and line[:1].isdigit()
    # 下降4|2.6%: a number the line break cut (2.6% is no heading 2.): one number again.
    # (…见表1 | 2 党建引领…: a numbered heading below is no digit of the number)
    decimal = decimal or (prev_line.rstrip()[-1:].isdigit() and line[:1].isdigit() and not HEADING_RE.match(line)
                          and not is_table_line(prev_line) and not is_table_line(line))
    if HEADING_RE.match(line) and not decimal:
        return False
    # （…；2. X煤矿，河南 汝阳 471200） | 摘　要：…: a labelled abstract opens a paragraph, whatever
    # the line before it
    if _ABSTRACT_RE.match(line):
        return False
    # 表1 东坪煤矿2022—2024年主要安全指标 | 指标 2022年 2023年 2024年: a table's or a figure's
    # caption is a title of its own; the table's head row follows it.
    if TABLE_CAPTION_RE.match(prev_line) and not re.search(r"[，,。；;]", prev_line):
        return False  # (表1中数据显示，…: a sentence that opens with the table's name goes on)
    if not decimal and not _closes_mid_sentence(prev_line, width) and (ends_sentence(prev_line) or _ABSTRACT_RE.match(line)):
        return False
    # 指标 2019 2020 2021 | 瓦斯超限（次） 11 9 6: a table's rows keep their lines
    # (extract.components.tables reads them), however long.
    if is_table_line(prev_line) or is_table_line(line):
        return False
    # In a narrow column a label line such as "【摘要】本文以……" is short enough to pass
    # for a heading, but when it fills the line its paragraph goes on below.
    # So does a report's bullet or case label that fills the line (■矿党委推行“党员网格”管理，把井 | 下…).
    # (an abstract's first line, its label taking room, stops mid-sentence a little short:
    # 摘要：针对…的问题，东 | 坪煤矿党委以…)
    if is_heading(prev_line) and not ((_LABEL_RE.match(prev_line) or _ITEM_RE.match(prev_line))
                                      and (len(prev_line) >= 0.9 * width
                                           or (_ABSTRACT_RE.match(prev_line) and not ends_sentence(prev_line)
                                               and len(prev_line) >= 0.75 * width))):
        return False
    # A short unpunctuated line is a title, author or affiliation, not a wrapped line.
    return len(prev_line) >= max(8, int(width * 0.6))


def _join(a: str, b: str) -> str:
    # Chinese has no spaces between words; keep one only between two Latin words. Two
    # digits are one number broken by the line (20|24年 is 2024年).
    if a and b and a[-1].isdigit() and b[0].isdigit():
        return a + b
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    return a + b


@functools.lru_cache(maxsize=1 << 16)
def normalise_name(name: str) -> str:
    """The matching key of a name: NFKC, without quotes, brackets, spaces and punctuation.

    Source: the matching rule of ``shared/gold/GUIDELINES.md`` («Scoring»).
    """
    s = unicodedata.normalize("NFKC", name)
    return "".join(ch for ch in s if not (unicodedata.category(ch)[0] in "PSZ" or ch.isspace()))
