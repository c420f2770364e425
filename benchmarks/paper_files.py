"""A paper's text written as the files users bring: PDF, DOCX and HTML.

The format benchmark (``benchmarks/formats.py``) and the ingest tests
(``tests/test_ingest_formats.py``, ``tests/test_bad_input.py``) write the bundled and the
synthetic papers with these, then read them back with :func:`extract.ingest.read_document`.

PDF needs fpdf2 (the ``test`` extra) and a CJK TrueType font: the Debian package
:data:`CJK_FONT_PACKAGE`, which ``.ci/run`` installs. DOCX needs python-docx (a dependency).
"""
from __future__ import annotations

import hashlib
import html
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterable

from extract.ingest import is_heading

#: The apt package whose font the PDF writer uses, and where it puts it.
CJK_FONT_PACKAGE = "fonts-wqy-microhei"
CJK_FONT_CANDIDATES = [
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
]

#: The table :func:`write_docx` puts into a document, as Word reports carry them.
DOCX_TABLE = [["指标", "2022年", "2023年"], ["安全生产天数", "365", "365"],
              ["党员先锋岗", "12", "18"]]


def find_cjk_font() -> Path | None:
    """A TrueType font with Chinese glyphs: one of :data:`CJK_FONT_CANDIDATES`, else what
    fontconfig's ``fc-match :lang=zh`` names; ``None`` when there is none."""
    for path in CJK_FONT_CANDIDATES:
        if path.is_file():
            return path
    if shutil.which("fc-match"):
        out = subprocess.run(["fc-match", "-f", "%{file}", ":lang=zh"],
                             capture_output=True, text=True, check=False).stdout.strip()
        if out.endswith((".ttf", ".ttc", ".otf")) and Path(out).is_file():
            return Path(out)
    return None


#: The running head :func:`write_pdf` sets on every page (a journal's name and issue).
RUNNING_HEAD = "煤炭经济研究  2024年第3期"


def subset_font(font: Path, chars: Iterable[str], out: Path) -> Path:
    """Write to ``out`` the glyphs of ``font`` (the first face of a collection) that set
    ``chars`` (characters, or a text), :data:`RUNNING_HEAD` and page numbers, with
    fontTools' subsetter and the options fpdf2 gives it.

    fpdf2 reads and subsets the whole font for every PDF it writes: with
    ``wqy-microhei.ttc`` (5 MB, 49,531 glyphs) that is most of a paper's 0.5–0.7 s. With
    a subset of the corpus's characters (about 1,200 for the synthetic papers, 230 kB) a
    paper took 0.23 s against 0.51 s (session 19: 30 synthetic papers written with each
    font in turns, CPU seconds), and 10,000 papers took 21 minutes on two cores. The text
    read back is the same: fpdf2 maps each glyph to its character in the PDF's
    ``ToUnicode`` map, whatever its number in the font.

    Returns:
        ``out``.

    Raises:
        fontTools.ttLib.TTLibError: ``font`` is no TrueType font or collection.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # fpdf2's own subsetting options (fpdf/output.py): the .notdef box drawn for a
    # character the font lacks, as with the whole font
    options = subset.Options(notdef_outline=True, recommended_glyphs=True)
    options.drop_tables += ["FFTM"]  # FontForge's timestamps: the subsetter warns of them
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted({ord(c) for c in (*chars, *RUNNING_HEAD, *"- 0123456789")}))
    face = TTFont(str(font), fontNumber=0)
    subsetter.subset(face)
    face.save(str(out))
    return out


def require_cjk_font() -> Path:
    """:func:`find_cjk_font`'s font.

    Raises:
        RuntimeError: no CJK font is installed (the message names :data:`CJK_FONT_PACKAGE`).
    """
    font = find_cjk_font()
    if font is None:
        raise RuntimeError(f"no CJK font for fpdf2: apt-get install -y {CJK_FONT_PACKAGE}")
    return font


def write_pdf(paragraphs: list[str], out: Path, font: Path, *, columns: int = 1,
              running: bool = True, footer_align: str = "C") -> Path:
    """Write paragraphs as an A4 PDF with fpdf2: a running header (a journal's name and
    issue), a page-number footer (``- 3 -``), 10-point text wrapped at any character.

    With ``columns=2`` the first paragraph (the title) spans the page and the rest is
    set in two columns, as journals print papers. ``running=False``: no header, no footer.
    About 0.7 s a five-page paper with the whole font, most of it fpdf2 reading and
    subsetting the font; about 0.25 s with a font of only the characters set (:func:`subset_font`).

    Returns:
        ``out``.

    Raises:
        ValueError: ``columns`` is not 1 or 2, or there is no paragraph.
    """
    from fpdf import FPDF

    if columns not in (1, 2) or not paragraphs:
        raise ValueError(f"write_pdf sets 1 or 2 columns of at least one paragraph, not {columns} of "
                         f"{len(paragraphs)}")

    class Paper(FPDF):
        def header(self) -> None:
            if running:
                self.set_font("zh", size=8)
                self.cell(0, 6, RUNNING_HEAD, align="C")
                self.ln(8)

        def footer(self) -> None:
            if running:
                self.set_y(-12)
                self.set_font("zh", size=8)
                self.cell(0, 6, f"- {self.page_no()} -", align=footer_align)

    pdf = Paper()
    pdf.add_font("zh", "", str(font))
    pdf.add_page()
    pdf.set_font("zh", size=10)
    if columns == 1:
        for para in paragraphs:
            pdf.multi_cell(0, 6, para, align="L", wrapmode="CHAR",
                           new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.multi_cell(0, 8, paragraphs[0], align="C", new_x="LMARGIN", new_y="NEXT")
        with pdf.text_columns(ncols=2, gutter=12, text_align="L", wrapmode="CHAR") as cols:
            for para in paragraphs[1:]:
                cols.write(para)
                cols.ln()
    pdf.output(str(out))
    return out


def write_docx(lines: list[str], out: Path, table_at: int = 3) -> list[str]:
    """Write lines as a DOCX: the first as its title, heading-shaped lines
    (:func:`extract.ingest.is_heading`) as Heading 1 (``一、…``) or 2, the rest as
    paragraphs, each followed by an empty one, and :data:`DOCX_TABLE` before line
    ``table_at``.

    Returns:
        The lines the reader should give back, the table's rows tab-joined.
    """
    import docx

    document = docx.Document()
    expected: list[str] = []
    for i, line in enumerate(lines):
        if i == table_at:
            table = document.add_table(rows=len(DOCX_TABLE), cols=len(DOCX_TABLE[0]))
            for r, row in enumerate(DOCX_TABLE):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
            expected.extend("\t".join(row) for row in DOCX_TABLE)
        if i == 0:
            document.add_heading(line, level=0)  # style "Title"
        elif is_heading(line):
            document.add_heading(line, level=1 if "、" in line[:4] else 2)
        else:
            document.add_paragraph(line)
        document.add_paragraph("")  # empty paragraphs are dropped
        expected.append(line)
    document.save(str(out))
    return expected


def html_page(lines: list[str]) -> str:
    """A journal site's page of a paper: a header, a navigation menu, the paper as an
    ``<article>`` (the first line as ``h1``, headings as ``h2``, the rest as ``p``), a
    sidebar of links and a footer — what the HTML reader must leave out around it."""
    body = []
    for i, line in enumerate(lines):
        tag = "h1" if i == 0 else "h2" if is_heading(line) else "p"
        body.append(f"<{tag}>{html.escape(line)}</{tag}>")
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<title>{html.escape(lines[0] if lines else '')}</title></head><body>"
        "<header><div class='logo'>中国知识资源总库</div></header>"
        "<nav><ul><li><a href='/'>首页</a></li><li><a href='/j'>期刊导航</a></li>"
        "<li><a href='/login'>登录注册</a></li></ul></nav>"
        "<main><article>" + "\n".join(body) + "</article></main>"
        "<aside><h3>相关推荐</h3><ul><li><a href='/x'>热门文章推荐列表</a></li></ul></aside>"
        "<footer><p>版权所有 © 2024 某某网站 京ICP备00000000号</p></footer>"
        "</body></html>"
    )


#: The formats :func:`convert_corpus` writes, by suffix.
FORMATS = ("pdf", "docx", "html")

#: Goes into each converted file's record (:func:`convert_corpus`): a change to the
#: writers that changes their files must change it, so that converted corpora are made again.
WRITERS_VERSION = "2"


def write_as(fmt: str, text: str, out: Path, font: Path | None = None) -> Path:
    """Write a paper's text (lines ``\\n``-separated; blank lines dropped) to ``out`` as
    ``fmt``, one of :data:`FORMATS`. Returns ``out``.

    Raises:
        ValueError: an unknown format, a PDF without ``font``, or a text with no line.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        raise ValueError(f"{out}: no text to write")
    if fmt == "pdf":
        if font is None:
            raise ValueError("a PDF needs a CJK font (find_cjk_font)")
        return write_pdf(lines, out, font)
    if fmt == "docx":
        write_docx(lines, out)
    else:
        out.write_text(html_page(lines), encoding="utf-8")
    return out


def write_paper(fmt: str, text: str, target: Path, font: Path | None = None) -> Path:
    """:func:`write_as` into ``target`` through ``TARGET.part``, renamed when whole: a stopped
    run leaves no half file to be taken for a converted paper. Returns ``target``.

    Raises:
        ValueError: as :func:`write_as`.
    """
    partial = target.with_name(target.name + ".part")
    write_as(fmt, text, partial, font)  # fpdf2 and python-docx write to a path
    partial.replace(target)
    return target


def record_path(out: Path) -> Path:
    """Where :func:`convert_corpus` keeps the record of the converted folder ``out``:
    ``OUT.sources.json`` beside it (file name → ``WRITERS_VERSION:sha256 of the source``)."""
    return out.with_name(out.name + ".sources.json")


def read_record(out: Path) -> dict[str, str]:
    """The record of the converted folder ``out`` (:func:`record_path`); ``{}`` when it is
    missing or unreadable, so that every file is written again."""
    try:
        return json.loads(record_path(out).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_record(out: Path, record: dict[str, str]) -> None:
    """Replace the record of the converted folder ``out`` (atomically)."""
    from graph.atomic import write_text

    write_text(record_path(out), json.dumps(record, indent=0, sort_keys=True) + "\n", sync=False)


def _convert_one(args: tuple[str, str, str, str | None]) -> str:
    fmt, source, target, font = args
    from extract.ingest import read_document

    text = read_document(Path(source)).text
    write_paper(fmt, text, Path(target), Path(font) if font else None)
    return target


def convert_corpus(papers: Path, out: Path, fmt: str, jobs: int = 1,
                   progress: bool = False) -> list[Path]:
    """Write every ``.txt`` paper of ``papers`` into ``out`` as ``fmt``: the same name, the
    format's suffix, the text as :func:`extract.ingest.read_document` reads it (the PDF
    line breaks of the source mended, so each paragraph is one of the new file's).

    A file already in ``out`` is kept when its source's bytes and :data:`WRITERS_VERSION`
    are those it was written from (a record beside the folder, ``OUT.sources.json``: a PDF
    takes about 0.25 s to write, so a benchmark converts its corpus once); any other file of
    the format in ``out`` (a paper no longer in ``papers``, a ``.part`` of a stopped run)
    and a temporary file of :mod:`graph.atomic` are removed, so that ``out`` holds the
    converted corpus and nothing else. ``jobs`` processes write the files (``1``: this
    process); PDFs are set with one font of the characters written (:func:`subset_font`).

    Args:
        progress: print ``FMT: K of N written`` to stderr every 100 files.

    Returns:
        The converted files, in the order of the sources' names.

    Raises:
        ValueError: ``fmt`` is not one of :data:`FORMATS`, or ``papers`` holds no ``.txt`` file.
        RuntimeError: ``fmt`` is ``pdf`` and no CJK font is installed (says which package).
        extract.errors.IngestError: a source cannot be read.
    """
    from graph.atomic import remove_unfinished

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    sources = sorted(papers.glob("*.txt"))
    if not sources:
        raise ValueError(f"no .txt paper in {papers}: write a corpus first (benchmarks/scale_corpus.py)")
    font_file = require_cjk_font() if fmt == "pdf" else None
    out.mkdir(parents=True, exist_ok=True)
    record = read_record(out)
    targets = [out / f"{p.stem}.{fmt}" for p in sources]
    wanted = {t.name for t in targets}
    for stale in out.iterdir():
        if stale.name not in wanted and (stale.suffix in (f".{fmt}", ".part")):
            stale.unlink()
    remove_unfinished(out)  # graph.atomic's temporary files, of a stopped benchmarks.formats.rebuild_one
    signs = {t.name: f"{WRITERS_VERSION}:{hashlib.sha256(s.read_bytes()).hexdigest()}"
             for s, t in zip(sources, targets)}
    todo = [(s, t) for s, t in zip(sources, targets)
            if not (t.exists() and record.get(t.name) == signs[t.name])]
    with tempfile.TemporaryDirectory(prefix="minekg-font-") as tmp:
        font = None
        if fmt == "pdf" and todo:
            from extract.ingest import read_document

            # One font of the characters to be set, not the whole font read for every paper
            # (0.8 s of CPU to read 1,000 papers again). A paper's PDF bytes thus depend on
            # the papers written with it (the glyphs' numbers), its text does not.
            chars: set[str] = set()
            for source, _ in todo:
                chars.update(read_document(source).text)
            font = str(subset_font(font_file, chars, Path(tmp) / "cjk-subset.ttf"))
        jobs_args = [(fmt, str(s), str(t), font) for s, t in todo]
        done = map(_convert_one, jobs_args)
        pool = None
        if jobs > 1 and len(todo) > 1:
            from concurrent.futures import ProcessPoolExecutor

            pool = ProcessPoolExecutor(max_workers=jobs)
            done = pool.map(_convert_one, jobs_args, chunksize=8)
        try:
            for k, target in enumerate(done, 1):
                record[Path(target).name] = signs[Path(target).name]
                if progress and (k % 100 == 0 or k == len(todo)):
                    print(f"  {fmt}: {k} of {len(todo)} written", file=sys.stderr)
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)
            write_record(out, {name: sign for name, sign in record.items() if name in wanted})
    return targets
