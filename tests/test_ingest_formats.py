"""Ingest reads every real input format, and refuses bad input with a clear reason.

Every test builds its input files in ``tmp_path`` from the bundled papers'
(``data/papers/*.txt``) plain-text read, writes them in another format or encoding,
and checks that reading them back gives the same text (or the same sentences).

The files are written by :mod:`benchmarks.paper_files`, as the format benchmark writes
them. The PDF tests need a CJK TrueType font for fpdf2: the Debian package
``fonts-wqy-microhei`` (``/usr/share/fonts/truetype/wqy/wqy-microhei.ttc``), which
the CI script installs. Without it they fail and say what to install (no skip).
"""
from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import opencc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.paper_files import html_page, require_cjk_font, write_docx, write_pdf
from extract import ingest
from extract.errors import IngestError
from extract.ingest import SUPPORTED_SUFFIXES, is_heading, read_document

from .conftest import held_to_permissions

ROOT = Path(__file__).resolve().parent.parent
PAPERS = sorted((ROOT / "data" / "papers").glob("*.txt"))
PAPER_IDS = [p.stem[:3] for p in PAPERS]

@pytest.fixture(scope="session")
def cjk_font() -> Path:
    # No skip: a machine without the font errs here and says what to install
    # (.ci/run installs it).
    return require_cjk_font()


def plain(paper: Path) -> str:
    """The reference: the plain-text read of a bundled paper."""
    return read_document(paper).text


def squash(text: str) -> str:
    """Text without any whitespace: layout may move spaces and line breaks, not words."""
    return re.sub(r"\s+", "", text)


def sentences(text: str) -> list[str]:
    """Sentences (and paragraphs) of a text, whitespace removed, empty ones dropped."""
    return [s for s in (squash(x) for x in re.split(r"[。！？!?\n]", text)) if s]


# ----------------------------------------------------------------- PDF -----------

@pytest.mark.parametrize("paper", PAPERS[:3], ids=PAPER_IDS[:3])
def test_pdf_reads_back_the_plain_text(paper: Path, tmp_path: Path, cjk_font: Path) -> None:
    expected = plain(paper)
    pdf = write_pdf(expected.split("\n"), tmp_path / "paper.pdf", cjk_font)
    doc = read_document(pdf)
    assert doc.format == "pdf"
    # Same characters in the same order: nothing lost, duplicated or reordered.
    assert squash(doc.text) == squash(expected)
    # Running header and page numbers are gone.
    assert "煤炭经济研究" not in doc.text
    assert not re.search(r"^-\s*\d+\s*-$", doc.text, re.M)
    # Wrapped lines are joined back: paragraphs of the plain read are not broken over
    # lines (the PDF read may join more: where the source .txt has a column jump
    # inside a paragraph, the plain read keeps that break and the PDF read mends it).
    # Not all: a wrapped line that happens to end with "。" or a next line that starts
    # like a section number ("1.29 万吨") is taken for a paragraph end, by design of
    # the plain-text rule the PDF reader shares.
    lines = [squash(x) for x in doc.text.split("\n")]
    body = [squash(x) for x in expected.split("\n") if x.endswith("。")]
    assert sum(any(p in line for line in lines) for p in body) >= 0.75 * len(body)


@pytest.mark.parametrize("footer_align", ["C", "L", "R"])
def test_two_column_pdf_is_read_column_by_column(footer_align: str, tmp_path: Path,
                                                 cjk_font: Path) -> None:
    # A page number in a bottom corner sorts into a column, away from the page's
    # last lines in reading order: it must go all the same.
    expected = plain(PAPERS[0])
    pdf = write_pdf(expected.split("\n"), tmp_path / "two.pdf", cjk_font, columns=2,
                   footer_align=footer_align)
    doc = read_document(pdf)
    assert squash(doc.text) == squash(expected)
    assert "煤炭经济研究" not in doc.text
    # The abstract, broken over many narrow column lines, is one paragraph again.
    abstract = next(x for x in expected.split("\n") if x.startswith("【摘"))
    assert squash(abstract) in {squash(x) for x in doc.text.split("\n")}


def test_pdf_without_running_lines_keeps_everything(tmp_path: Path, cjk_font: Path) -> None:
    expected = plain(PAPERS[1])
    pdf = write_pdf(expected.split("\n"), tmp_path / "bare.pdf", cjk_font, running=False)
    assert squash(read_document(pdf).text) == squash(expected)


def test_pdf_keeps_its_own_spaces_and_drops_the_gaps_of_spaced_chinese(tmp_path: Path, cjk_font: Path) -> None:
    # An affiliation line holds space characters between its parts (the paper 001's, as
    # its text gives it); a line set with character spacing holds gaps that pdfminer reads
    # as spaces, which Chinese does not write; a justified paragraph stretches its spaces,
    # which pdfminer reads as two.
    from fpdf import FPDF

    from extract.formats.pdf import read_pdf

    affiliation = "河南神火煤电股份有限公司新庄煤矿 河南 永城 476600"
    spaced = "党建引领安全生产，筑牢安全防线。"
    justified = " ".join([affiliation, "党建引领 安全生产 筑牢防线"] * 3)
    pdf = FPDF()
    pdf.add_font("zh", "", str(cjk_font))
    pdf.add_page()
    pdf.set_font("zh", size=10)
    pdf.cell(0, 6, affiliation, new_x="LMARGIN", new_y="NEXT")
    pdf.set_char_spacing(4)  # 4 pt between characters: past pdfminer's word margin (1 pt)
    pdf.cell(0, 6, spaced, new_x="LMARGIN", new_y="NEXT")
    pdf.set_char_spacing(0)
    pdf.multi_cell(120, 6, justified, align="J")  # four lines, the first three stretched
    path = tmp_path / "spaces.pdf"
    pdf.output(str(path))
    lines = read_pdf(path.read_bytes(), path).split("\n")
    assert lines[:2] == [affiliation, spaced]
    assert len(lines) == 6 and " ".join(lines[2:]) == justified


def test_strip_running_lines_keeps_body_lines() -> None:
    from extract.formats.pdf import strip_running_lines

    pages = [["煤炭学报 第 1 期", "正文第一行", "正文", "12"],
             ["煤炭学报 第 1 期", "正文第二行", "结尾", "13"],
             ["煤炭学报 第 1 期", "正文第三行", "第 14 页"]]
    assert strip_running_lines(pages) == [["正文第一行", "正文"], ["正文第二行", "结尾"],
                                          ["正文第三行"]]
    # In the middle of the reading order, a line counts as page edge only in a margin.
    pages = [["甲一", "乙一", "丙一", "7", "丁一", "戊一", "己一"],
             ["甲二", "乙二", "丙二", "8", "丁二", "戊二", "己二"]]
    assert strip_running_lines(pages) == pages
    assert strip_running_lines(pages, [{3}, {3}]) == [
        [x for x in page if not x.isdigit()] for page in pages]


# ----------------------------------------------------------------- DOCX ----------

@pytest.mark.parametrize("paper", PAPERS, ids=PAPER_IDS)
def test_docx_paragraphs_headings_and_table(paper: Path, tmp_path: Path) -> None:
    lines = plain(paper).split("\n")
    expected = write_docx(lines, tmp_path / "paper.docx")
    doc = read_document(tmp_path / "paper.docx")
    assert doc.format == "docx"
    assert doc.text.split("\n") == expected
    assert "安全生产天数\t365\t365" in doc.text.split("\n")
    for heading in (x for x in lines if is_heading(x)):
        assert heading in doc.text.split("\n")  # a heading keeps its own line


def test_docx_merged_cells_and_soft_breaks(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("一、党建引领安全生产", level=1)
    p = document.add_paragraph("坚持党建引领，")
    p.add_run().add_break()  # a soft line break inside one paragraph
    p.add_run("筑牢安全防线。")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "合并单元格"
    table.cell(0, 2).text = "说明"
    table.cell(1, 0).text = "甲"
    table.cell(1, 1).text = "乙"
    table.cell(1, 2).text = "丙"
    document.save(str(tmp_path / "m.docx"))
    assert read_document(tmp_path / "m.docx").text.split("\n") == [
        "一、党建引领安全生产", "坚持党建引领，筑牢安全防线。", "合并单元格\t说明", "甲\t乙\t丙"]


# ----------------------------------------------------------------- HTML ----------

@pytest.mark.parametrize("paper", PAPERS, ids=PAPER_IDS)
@pytest.mark.parametrize("suffix,encoding", [(".html", "utf-8"), (".htm", "gb18030")])
def test_html_article_body_without_navigation(paper: Path, suffix: str, encoding: str,
                                              tmp_path: Path) -> None:
    expected = plain(paper)
    html = html_page(expected.split("\n"))
    if encoding != "utf-8":
        html = html.replace("charset='utf-8'", f"charset='{encoding}'")
    path = tmp_path / f"paper{suffix}"
    path.write_bytes(html.encode(encoding))
    doc = read_document(path)
    assert doc.format == "html"
    for junk in ("期刊导航", "登录注册", "版权所有", "京ICP备", "中国知识资源总库"):
        assert junk not in doc.text
    got = set(sentences(doc.text))
    want = sentences(expected)
    missing = [s for s in want if s not in got]
    assert not missing, missing[:5]


# ----------------------------------------------------------- encodings -----------

@pytest.mark.parametrize("paper", PAPERS, ids=PAPER_IDS)
@pytest.mark.parametrize("codec,label", [("utf-8-sig", "utf_8"), ("gb18030", "gb18030"),
                                         ("gbk", "gb18030")])
def test_encodings_of_simplified_text(paper: Path, codec: str, label: str,
                                      tmp_path: Path) -> None:
    raw = paper.read_text(encoding="utf-8")
    if codec == "gbk":
        raw = raw.replace("\xa0", " ")  # GBK has no NBSP (GB18030 has)
    path = tmp_path / paper.name
    path.write_bytes(raw.encode(codec))
    doc = read_document(path)
    assert doc.text == plain(paper)
    assert doc.encoding == label
    assert not doc.converted and doc.original == ""


@pytest.mark.parametrize("paper", PAPERS, ids=PAPER_IDS)
@pytest.mark.parametrize("codec", ["utf-8", "big5"])
def test_traditional_text_is_converted_and_kept(paper: Path, codec: str,
                                                tmp_path: Path) -> None:
    raw = paper.read_text(encoding="utf-8").replace("\xa0", " ")  # Big5 has no NBSP
    # UTF-8 gets OpenCC-standard forms (爲 着 羣 衆); Big5 can only encode the Taiwan
    # forms (為 著 群 眾), which ingest converts back with tw2s.
    traditional = opencc.OpenCC("s2t" if codec == "utf-8" else "s2tw").convert(raw)
    assert traditional != raw
    path = tmp_path / paper.name
    path.write_bytes(traditional.encode(codec))
    doc = read_document(path)
    assert doc.encoding == ("utf_8" if codec == "utf-8" else "big5")
    assert doc.converted
    assert any("OpenCC" in n for n in doc.notes)
    # The decoded traditional text is kept for evidence quotes.
    assert squash(doc.original) == squash(
        ingest.strip_markdown(traditional) if doc.format == "markdown" else traditional)
    assert sentences(doc.text) == sentences(plain(paper))


def test_markdown_in_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "paper.md"
    path.write_bytes("# 一、党建引领\n\n**坚持**党建引领，筑牢[安全](http://x)防线。\n"
                     .encode("gb18030"))
    doc = read_document(path)
    assert doc.format == "markdown"
    assert doc.text == "一、党建引领\n坚持党建引领，筑牢安全防线。"


def test_fifty_megabyte_text_file_reads(tmp_path: Path) -> None:
    raw = PAPERS[0].read_bytes()
    path = tmp_path / "big.txt"
    path.write_bytes(raw * (50 * 2**20 // len(raw) + 1))
    assert path.stat().st_size > 50 * 2**20
    assert path.stat().st_size <= ingest.MAX_FILE_BYTES
    doc = read_document(path)
    assert doc.text.startswith(plain(PAPERS[0]).split("\n")[0])


def test_supported_suffixes() -> None:
    for suffix in (".txt", ".md", ".pdf", ".docx", ".html", ".htm"):
        assert suffix in SUPPORTED_SUFFIXES


# ---------------------------------------------------------- bad input -------------

def _truncated_pdf(font: Path, tmp: Path) -> bytes:
    data = write_pdf(["煤矿党建。" * 200], tmp / "whole.pdf", font).read_bytes()
    return data[: len(data) // 2]


def _scanned_pdf(font: Path, tmp: Path) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a picture of a page, no text layer
    return bytes(pdf.output())


def _damaged_docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not an Office package")
    return buf.getvalue()


BAD_FILES = [
    # (file name, bytes, reason the IngestError must give)
    ("empty.txt", b"", "the file is empty"),
    ("blank.md", b" \n\r\n\t\n", "the file is empty"),
    ("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
     "binary content"),
    ("controls.txt", bytes(range(1, 9)) * 500 + "煤矿".encode(), "binary content"),
    ("latin1.txt", "Ångström café, naïve façade; Übung für Öl.".encode("latin-1") * 20,
     "unknown text encoding"),
    ("zero.docx", b"", "the file is empty (0 bytes)"),
    ("text.docx", "这不是文档".encode(), "not a DOCX file"),
    ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, ".doc renamed"),
    ("broken.docx", _damaged_docx(), "damaged DOCX"),
    ("notpdf.pdf", "煤矿党建".encode(), "not a PDF"),
    ("zero.pdf", b"", "not a PDF"),
    ("script.html", b"<html><body><script>var a = 1;</script></body></html>",
     "the HTML page has no text"),
    ("empty.html", b"", "the file is empty"),
    ("paper.doc", b"anything", "unsupported file type .doc (save it as .docx)"),
    ("paper.rtf", b"{\\rtf1}", "unsupported file type .rtf"),
]


@pytest.mark.parametrize("name,data,reason", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_raise_ingest_error(name: str, data: bytes, reason: str,
                                      tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError) as info:
        read_document(path)
    assert reason in info.value.reason
    assert str(path) in str(info.value)  # the message names the file


@pytest.mark.parametrize("make,reason", [
    (_truncated_pdf, "truncated PDF"),
    (_scanned_pdf, "no text layer"),
], ids=["truncated", "scanned"])
def test_bad_pdfs_raise_ingest_error(make, reason: str, tmp_path: Path,
                                     cjk_font: Path) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(make(cjk_font, tmp_path))
    with pytest.raises(IngestError, match=re.escape(reason)):
        read_document(path)


def test_damaged_pdf_body_raises_ingest_error(tmp_path: Path, cjk_font: Path) -> None:
    data = write_pdf(["煤矿党建。" * 50], tmp_path / "ok.pdf", cjk_font).read_bytes()
    # Keep the header and the %%EOF trailer, garble everything in between.
    path = tmp_path / "garbled.pdf"
    path.write_bytes(data[:16] + b"\x00garbage" * 200 + data[-64:])
    with pytest.raises(IngestError, match="PDF"):
        read_document(path)


# Unreadable paths: a directory with a text suffix, a broken symbolic link, a FIFO, and
# a chmod 000 file read in a process held to the permission bits even as root.

def test_directory_with_text_suffix(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(IngestError, match="is a directory"):
        read_document(tmp_path / "folder.txt")


def test_broken_symlink(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    with pytest.raises(IngestError, match="broken symbolic link"):
        read_document(link)


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    outcome: list[BaseException | object] = []

    def read() -> None:
        try:
            outcome.append(read_document(fifo))
        except BaseException as exc:  # handed to the test thread
            outcome.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=20)
    if reader.is_alive():
        # Blocked in open() or read(), waiting for a writer: give it one that writes
        # nothing, so the thread ends, then fail.
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(timeout=20)
        pytest.fail("reading a FIFO blocked until a writer came")
    (exc,) = outcome
    assert isinstance(exc, IngestError) and "not a regular file" in exc.reason


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        read_document(tmp_path / "nowhere.pdf")


#: Reads the file ``sys.argv[1]``; prints the IngestError's reason, or ``read``.
READ_ONE = """
import sys
from extract.errors import IngestError
from extract.ingest import read_document
try:
    read_document(sys.argv[1])
except IngestError as exc:
    print(exc.reason)
else:
    print("read")
"""


def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("煤矿党建。", encoding="utf-8")
    path.chmod(0)
    result = subprocess.run([*held_to_permissions(), sys.executable, "-c", READ_ONE, str(path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("permission denied; make the file readable")


def test_too_large_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes("煤矿党建。".encode() * 1000)
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 1024)
    with pytest.raises(IngestError, match="file too large"):
        read_document(path)


# ---------------------------------------------------------- property --------------

@settings(max_examples=300, deadline=None, database=None,  # no .hypothesis/ in the tree
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text())
def test_any_unicode_text_reads_or_raises_ingest_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "any.txt"
    path.write_bytes(text.encode("utf-8"))
    try:
        doc = read_document(path)
    except IngestError:
        return
    assert "\r" not in doc.text
    assert doc.text.strip()


def test_line_break_inside_a_number_is_joined() -> None:
    """A converter's line break after a decimal point (``86.|3%``) or between two digits
    (``20|24年``) is inside one number: the lines join with nothing between; a full stop
    ``。`` still ends its paragraph (blind4's journal paper showed both breaks)."""
    width = "依托安全固本工程，矿井隐患整改按期完成率由2020年的86."
    text = "\n".join([
        "题目",
        "摘要：本文以一座煤矿为例，研究党建工作模式对安全生产的作用。",
        width,
        "3%提高到2024年的99.1%，全年实现连续安全生产1000天，20",
        "24年矿井在集团技能大赛中获得团体第一名，职工满意度达到",
        "96分。矿井通过国家一级安全生产标准化管理体系复审验收。",
        "新的段落从这里开始，安全生产形势持续稳定向好发展。",
    ])
    out = ingest.repair_line_breaks(text, hard_wrapped=True)
    assert "86.3%提高到" in out
    assert "2024年矿井" in out and "20 24" not in out
    assert "\n新的段落" in out  # 。 still ends a paragraph


def test_page_furniture_between_two_lines_of_a_sentence_goes() -> None:
    """A converter's page number (``· 63 ·``) and a journal's running head (``第43卷第3期
    煤炭经济研究 2025年3月``) left between two lines of one sentence are removed, and the
    sentence joins up (blind4's journal paper had both inside a sentence)."""
    body = [
        "摘要：本文研究了一座煤矿的党建工作模式，并分析了它的实施效果。",
        "矿党委投入专项资金建成“智慧安监”识别系统，在井下各重点区域布设摄像",
        "头，对违规行为自动识别、实时推送。“智慧安监”识别系统正式上线",
        "· 41 ·",
        "第12卷第4期　　　　　　　煤矿党建研究　　　　　　　2024年4月",
        "后，井下人员不安全行为发生率较上年降低了三成，效果明显提升。",
    ]
    out = ingest.repair_line_breaks("\n".join(body), hard_wrapped=True)
    assert "正式上线后，井下人员" in out
    assert "· 41 ·" not in out and "第12卷第4期" not in out


def test_a_body_line_that_names_an_issue_is_kept() -> None:
    """Only a running head goes (an issue with its date or layout gaps): a wrapped body line
    that names 第3期培训班 without a comma stays."""
    body = ["摘要：本文研究党建工作模式对安全生产的作用和意义及其实施路径。",
            "矿党委先后举办了第3期青年干部培训班和第4期党员发展对象培训班并组织",
            "学员到井下一线开展实践锻炼，效果良好，受到了职工群众的好评和认可。"]
    out = ingest.repair_line_breaks("\n".join(body), hard_wrapped=True)
    assert "第4期党员发展对象培训班并组织学员到井下一线" in out


def test_a_line_ending_in_a_closing_quote_mid_sentence_continues() -> None:
    """A quote or a bracket closing a name at the end of a line that fills the column does
    not end the sentence (…生产班组中“无党员班” | 由19个减少为0); one after 。 does, and so
    does a shorter line (a figure's caption …（作者自绘）); an affiliation line in brackets
    stays apart from the abstract below it."""
    body = [
        "煤矿党建与安全生产融合研究",
        "（1.某某煤矿；2.某某集团党校）",
        "摘　要：本文以某煤矿为例，分析了党支部建在",
        "班组上的做法及其成效，提出了若干建议意见。",
        "通过这一调整，石峡矿生产班组中“无党员班”",
        "由2020年的19个减少为0，各班组均有党员。",
        "图1 党建安全融合模式框架（作者自绘）",
        "由图1可见，该模式由三个部分组成，互相支撑。",
        "受访者说：“班里有了党员，心里就踏实多了。”",
        "新的段落从这里开始，安全生产形势持续稳定。",
    ]
    out = ingest.repair_line_breaks("\n".join(body), hard_wrapped=True)
    assert "“无党员班”由2020年的19个减少为0" in out
    assert "党校）\n摘" in out
    assert "（作者自绘）\n由图1可见" in out
    assert "踏实多了。”\n新的段落" in out


def test_a_number_cut_by_the_line_break_is_one_number() -> None:
    """下降4 | 2.6%: a wrapped line that ends in a digit goes on with the digits below, and
    2.6% is no numbered heading (2.加强…, 3.2.1联责 are); blind11's report cut figures so."""
    body = ["该模式运行以来，全矿的“三违”行为同比下降4",
            "2.6%，隐患整改平均用时由2.5天缩短至0.8天，效果良好。",
            "3.2.1联责：把安全责任写进党建考核的各项内容",
            "集团党委推行党建与安全同述同考机制，成效明显。"]
    out = ingest.repair_line_breaks("\n".join(body), hard_wrapped=True)
    assert "同比下降42.6%，隐患整改" in out
    assert "\n3.2.1联责" in out
    assert ingest.is_heading("3.2.1联责：把安全责任写进党建考核") and not ingest.is_heading("2.6%，隐患整改平均用时")


def test_a_bullet_that_fills_the_line_goes_on_below() -> None:
    """■/◆ items and 案例： labels are headings when short, but an item that fills the column
    goes on on the next line (■矿党委推行“党员网格”管理，把井下划分为三 | 十七个网格…), and a
    numbered heading below a line ending in a digit is no part of its number (见表1 | 2 党建…)."""
    w = "本文研究了某煤矿党建工作的实践，提出了建议。"
    out = ingest.repair_line_breaks("\n".join([w, "■矿党委推行“党员网格”管理，把井下划分为三",
                                               "十七个网格，全年查处隐患1200条，效果很好。",
                                               "◆东坡矿：党员网格管得好", "本文研究了煤矿党建工作的实践，具体数据见表1",
                                               "2 党建引领安全生产的主要做法", "矿党委推行了党员包保制度，全年未发生事故。"]),
                                    hard_wrapped=True)
    assert "划分为三十七个网格" in out
    assert "\n◆东坡矿：党员网格管得好\n" in out
    assert "见表1\n2 党建引领" in out


def test_a_spaced_keywords_label_that_fills_the_line_goes_on_below() -> None:
    """关 键 词： spaced to the column's width, as a PDF holds it, is a label like 关键词：."""
    w = "本文研究了某煤矿党建工作的实践，提出了几点建议。"
    out = ingest.repair_line_breaks("\n".join([w, "关 键 词：党建引领；安全生产；“三线四联”工作法；基层党", "组建设",
                                               "矿党委推行了党员包保制度，全年未发生事故。"]), hard_wrapped=True)
    assert "\n关 键 词：党建引领；安全生产；“三线四联”工作法；基层党组建设\n" in out


def test_ocr_spaced_characters_are_joined_and_full_width_headings_are_headings():
    """OCR of a scan spaces out the characters of a run (blind14's pattern, our own text here):
    they are one text again; the spaced columns of a flattened table and the words of a
    slide stay as they are; 1．5 with a full-width point numbers a heading."""
    from extract.ingest import is_heading, normalise_text

    assert normalise_text("矿 工 会 与 团 委 在 井 口 设 立 “ 亲 情 寄 语 ” 墙") == "矿工会与团委在井口设立“亲情寄语”墙"
    assert normalise_text("矿井已连续安 全 生 产 １ ２ ０ ０ 天 。") == "矿井已连续安全生产１２００天。"
    assert normalise_text("瓦斯超限（次） 11 9 6 4 2 1") == "瓦斯超限（次） 11 9 6 4 2 1"
    assert normalise_text("● 原煤产量162.4万吨 完成计划104.8%") == "● 原煤产量162.4万吨 完成计划104.8%"
    assert is_heading("１．５ 数字智安：用数据说话") and not is_heading("2.5天缩短了工期")
    # a paper's labels spaced to a column's width, as a PDF holds them (引 言, 关 键 词)
    assert all(is_heading(x) for x in ("引 言", "结 语", "参 考 文 献", "关 键 词：党建引领；安全生产"))
