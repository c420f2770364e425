"""Split a document into articles: one per paper, several per newspaper page.

Stage 2 of DESIGN.md. A journal paper is one article with a header (title, author line,
affiliation line). A newspaper page (paper 004 of the bundled corpus) carries several
articles whose columns interleave: an article stops mid-sentence where its column ends
and goes on further down the page, a byline (``□ 作者``) opens an article, an
affiliation trailer ``(作者单位:…)`` closes one, and parts that are not about party
building or management (a legal notice, an advert) are skipped and reported.

How a column jump is found (the layout rules, none tied to one page):

1. A paragraph that does not end a sentence is an *open end*.
2. A later paragraph continues an open end when the characters on both sides of the
   break form one dictionary word (``在党组`` + ``织的领导下`` → ``党组织``), jieba's
   dictionary without its HMM guesser, so no word is invented.
3. A paragraph that starts inside a bracket (``日查、区队周查、支部月查),2024年…``)
   starts mid-sentence; it waits for an open end of its own article.
4. Otherwise an open end continues on the next paragraph when nothing else claims it
   (a plain PDF break, ``…的行`` / ``业，…``).
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field

from .ingest import ISSUE_RE, Document, ends_sentence, is_heading, is_table_line

#: A newspaper byline after its mark: □ 张三, ■ 本报通讯员　王立新　赵　敏 (several people,
#: names spaced to align).
BYLINE_RE = re.compile(r"^\s*[□■◎●]\s*(?P<name>[\u4e00-\u9fff·\s]{2,12}|(?=[^\n]*(?:本报|通讯员|记者))[\u4e00-\u9fff·\s]{2,24})\s*$")
TRAILER_RE = re.compile(r"^\s*[(（]\s*作者单位\s*[:：]\s*(?P<aff>[^)）]+)[)）]\s*$")
#: Words that end a notice's title (注销公告, 招聘启事): a part about no party building.
NOTICE_WORDS = ("公告", "声明", "启事", "广告", "讣告", "通告")
NOTICE_TITLE_RE = re.compile("(" + "|".join(NOTICE_WORDS) + ")$")
POSTCODE_RE = re.compile(r"\s*\d{6}\s*$")
AUTHOR_LINE_RE = re.compile(r"^[\u4e00-\u9fff·]{2,4}(?:[\s,，、;；]+[\u4e00-\u9fff·]{2,4})*\s*\d?$")
#: The label before an affiliation line's units (作者单位：1.X，…；2.Y).
AFFILIATION_LABEL_RE = re.compile(r"^\s*(?:作者)?单位\s*[：:]\s*")
#: A subtitle line under a journal title: ``——以X煤矿为例``.
SUBTITLE_RE = re.compile(r"^\s*[—－-]{1,2}")
#: Footnote marks after authors' names: superscript digits, asterisks.
FOOTNOTE_MARK_RE = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰*∗†]")
#: The line under a WeChat article's title: the account, the time it was posted, where from.
WECHAT_META_RE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?:\s|$)|发表于")
#: A web page's heading of links to other pages, and an item of such a list (· 标题).
RELATED_RE = re.compile(r"^\s*(?:相关阅读|相关新闻|相关链接|推荐阅读|热点新闻)\s*[：:]?\s*$")
LINK_ITEM_RE = re.compile(r"^\s*[·•▪◆◇>》\-]\s*\S")
#: A web page's line of facts under the title: source, time, author, editor, views.
#: A web page's navigation line: the titles of the pages before and after it, print and close
#: buttons, a list of related links (上一篇：集团公司召开…分析会).
#: (a site's menu, 首页 | 协会概况 | 行业动态 | …, and the breadcrumb, 当前位置：首页 > 党建工作: the
#: page's chrome over its title)
NAV_LINE_RE = re.compile(r"^\s*(?:上一篇|下一篇|上一条|下一条|相关阅读|相关新闻|相关链接|推荐阅读)\s*(?:[：:]|$)|^\s*(?:[【\[]?(?:打印本页|关闭窗口|返回顶部|打印|关闭|收藏)[】\]]?\s*)+$"
                         r"|^\s*(?:当前位置|您的位置|您现在的位置|所在位置)\s*[：:]"
                         r"|^\s*(?:版权所有|Copyright|©|主办单位\s*[：:]|备案号)"
                         # 阅读 2863; 文字：…　图片：…, 编辑：…, 审核：…: a post's reads and its credits
                         r"|^\s*阅读\s*\d+\s*$|^\s*(?:文字|图片|摄影|编辑|审核|责编|校对)\s*[：:][^。]*$"
                         r"|^\s*(?:[\u4e00-\u9fff]{2,6}\s*[|｜]\s*){2,}[\u4e00-\u9fff]{2,6}\s*$")
META_LINE_RE = re.compile(r"^(?:来源|稿件来源|信息来源|发布时间|发布日期|发布|作者|编辑|责任编辑|时间|日期)\s*[：:]")
META_SOURCE_RE = re.compile(r"来源\s*[：:]\s*(?P<unit>[^\s　|｜]+)")
#: A newspaper's masthead over its page: the paper's name, the date, the page and its column
#: (中国煤炭报　2025年11月25日　第3版　基层党建): the page's, not an article's title.
MASTHEAD_RE = re.compile(r"^\s*\S{2,12}报\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[^。；！？\n]*?第\s*[\d一二三四五六七八九十]+\s*版")
#: The opening of a news story's first paragraph: the paper's dateline or the reporters' credit.
NEWS_LEAD_RE = re.compile(r"^\s*(?:本报讯|本报[^\n，。]{0,12}(?:电|讯)|[(（【]?\s*(?:本报)?(?:记者|通讯员)\s*[\u4e00-\u9fff])")
#: A date closing a masthead's unit line (青川能源集团党委组织部 2024年7月10日).
DATE_TAIL_RE = re.compile(r"\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
#: A line that is the name of a unit: it ends with the suffix of a body.
UNIT_LINE_RE = re.compile(r"(?:公司|集团|煤矿|矿业|煤业|矿|党委|党总支|党支部|工会|团委|部|科|室|中心|局)$")
#: 党校 is an organisation in an affiliation line (秦峰能源集团党校) and a measure in running text
#: (矿井党校, practice_types.tsv): the head of a paper names bodies only.
ORG_SUFFIX_RE = re.compile(r"(公司|集团|煤矿|矿业|煤业|矿|大学|学院|研究院|研究所|党委|党校|局|中心)")

#: Words whose presence marks a text as about party building or enterprise management
#: (the scope of GUIDELINES.md); a part with none of them is skipped.
TOPIC_WORDS = ("党建", "党委", "党支部", "党组织", "党员", "党小组", "工会", "团委", "思想政治", "廉政",
               "管理", "安全生产", "企业")


@dataclass(frozen=True)
class Segment:
    """A run of article text taken from one place of the document.

    Attributes:
        start: character offset in the article text.
        end: character offset in the article text (exclusive).
        doc_start: character offset of the same run in the document text.
    """

    start: int
    end: int
    doc_start: int


@dataclass
class Article:
    """One article of a document.

    Attributes:
        source: the document's file name.
        index: 1-based position of the article on its page (reading order of heads).
        title: the title as written; when the page lost it, ``[…]`` around the opening
            words, and ``title_inferred`` is ``True``.
        authors: author names as written (spaces inside a name removed).
        affiliation: the author's organisation line, or ``None``.
        co_units: the other numbered units of the affiliation line (co-authors' units).
        text: the article's text, paragraphs separated by ``\\n``.
        segments: where each run of ``text`` stands in the document text.
        notes: what the splitter did (joined column jumps, missing head), for the report.
    """

    source: str
    index: int
    title: str = ""
    authors: list[str] = field(default_factory=list)
    affiliation: str | None = None
    co_units: tuple[str, ...] = ()
    text: str = ""
    segments: list[Segment] = field(default_factory=list)
    title_inferred: bool = False
    notes: list[str] = field(default_factory=list)

    def to_doc_offset(self, offset: int) -> int:
        """Map a character offset in ``text`` to the document text (``-1`` if outside)."""
        for seg in self.segments:
            if seg.start <= offset <= seg.end:
                return seg.doc_start + offset - seg.start
        return -1


@dataclass(frozen=True)
class SkippedPart:
    """A part of a page that is not an article about party building or management.

    Attributes:
        title: its title (or opening words).
        reason: why it was skipped.
    """

    title: str
    reason: str


@dataclass
class _Para:
    text: str
    start: int  # offset in the document text

    @functools.cached_property
    def open_end(self) -> bool:
        """The paragraph stops mid-sentence. Worked out once: each later paragraph asks
        it of every piece the paragraph ends (:func:`_best_continuation`), and
        ``TABLE_LINE_RE`` reads a long paragraph to its end."""
        text = self.text
        # (a row of a flattened table ends without punctuation, and is no column jump)
        return not ends_sentence(text) and not is_heading(text) and not is_table_line(text)


@dataclass
class _Piece:
    """Consecutive paragraphs that read on without a column jump."""

    paras: list[_Para]
    article: int
    open_start: bool = False
    next: "_Piece | None" = None
    prev: "_Piece | None" = None

    @property
    def open_end(self) -> bool:
        """The piece's last paragraph stops mid-sentence (:attr:`_Para.open_end`)."""
        return self.paras[-1].open_end


@dataclass
class _Head:
    title: str
    authors: list[str]
    affiliation: str | None = None
    inferred: bool = False
    co_units: tuple[str, ...] = ()
    closed: bool = False
    notice: bool = False
    start: int = 0


def split_articles(doc: Document) -> tuple[list[Article], list[SkippedPart]]:
    """Split a document into its articles.

    Args:
        doc: the cleaned document.

    Returns:
        ``(articles, skipped)``: the articles about party building or management in
        page order of their heads, and the parts skipped with the reason.
    """
    paras = _paragraphs(doc.text)
    heads: list[_Head] = []
    pieces: list[_Piece] = []
    current: int | None = None
    i = top = 0
    last_piece: _Piece | None = None
    while i < len(paras):
        text = paras[i].text
        nxt = paras[i + 1].text if i + 1 < len(paras) else ""
        # A title followed by a byline opens an article (newspaper layout).
        if BYLINE_RE.match(nxt) and _title_like(text):
            heads.append(_Head(title=text.strip(), authors=[_name(BYLINE_RE.match(nxt)["name"])],
                               start=paras[i].start))
            current, last_piece = len(heads) - 1, None
            i += 2
            continue
        # A short notice title (注销公告) opens a part of its own.
        if NOTICE_TITLE_RE.search(text) and _title_like(text) and (current is None or heads[current].closed):
            heads.append(_Head(title=text.strip(), authors=[], notice=True, start=paras[i].start))
            current, last_piece = len(heads) - 1, None
            i += 1
            continue
        # A newspaper's masthead, a web page's menu and breadcrumb: the page's lines, no
        # article's; the head is under them.
        if i == top and (MASTHEAD_RE.match(text) or NAV_LINE_RE.match(text)):
            top = i = i + 1
            continue
        # The first lines of a journal paper: title, author line, affiliation line.
        if i == top and _title_like(text):
            head, used = _journal_head(paras[top:])
            if head is None:
                head, used = _report_head(paras[top:])
            if head is None:
                head, used = _web_head(paras[top:])
            if head is None:
                head, used = _feature_head(paras[top:])
            if head is None:
                head, used = _news_head(paras[top:])
            if head is None:
                head, used = _wechat_head(paras[top:])
            if head is not None:
                heads.append(head)
                current, last_piece = 0, None
                i += used
                continue
        trailer = TRAILER_RE.match(text)
        if trailer:
            if current is None:
                heads.append(_Head(title="", authors=[], inferred=True, start=paras[i].start))
                current = len(heads) - 1
            heads[current].affiliation = trailer["aff"].strip()
            heads[current].closed = True
            current = _latest_open(heads)
            last_piece = None
            i += 1
            continue
        # 上一篇：…, 下一篇：…, 【打印本页】: a web page's links to other pages, no text of its own.
        if NAV_LINE_RE.match(text):
            i += 1
            # 相关新闻： then · 省煤炭工业协会召开…: the titles of other pages, a list of links
            if RELATED_RE.match(text):
                while i < len(paras) and LINK_ITEM_RE.match(paras[i].text):
                    i += 1
            continue
        # A body paragraph: continuation of an open end, or new text of the current article.
        para = paras[i]
        target = _best_continuation(pieces, para.text)
        if target is not None:
            piece = _Piece([para], target.article, prev=target)
            target.next = piece
            current = target.article
        else:
            if current is None:
                heads.append(_Head(title="", authors=[], inferred=True, start=para.start))
                current = len(heads) - 1
            if _starts_inside_bracket(para.text):
                piece = _Piece([para], current, open_start=True)
            elif last_piece is not None and last_piece.open_end and last_piece.next is None \
                    and last_piece.article == current and not is_heading(para.text) \
                    and not is_table_line(para.text):
                piece = _Piece([para], current, prev=last_piece)
                last_piece.next = piece
            elif last_piece is not None and last_piece.article == current and not last_piece.open_end:
                last_piece.paras.append(para)
                i += 1
                continue
            else:
                piece = _Piece([para], current)
        pieces.append(piece)
        last_piece = piece
        i += 1

    # Rule 3: a piece that starts mid-sentence takes an open end left in its article.
    for piece in pieces:
        if piece.open_start and piece.prev is None:
            for other in pieces:
                if other is not piece and other.article == piece.article and other.open_end \
                        and other.next is None and not _reaches(piece, other):
                    other.next, piece.prev = piece, other
                    break

    articles: list[Article] = []
    skipped: list[SkippedPart] = []
    for k, head in enumerate(heads):
        chains = [p for p in pieces if p.article == k and p.prev is None]
        art = _assemble(doc, k, head, chains)
        if not art.text.strip():
            continue
        reason = _skip_reason(head, art)
        if reason:
            skipped.append(SkippedPart(title=art.title, reason=reason))
            continue
        art.index = len(articles) + 1
        articles.append(art)
    return articles, skipped


def _paragraphs(text: str) -> list[_Para]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append(_Para(line, pos))
        pos += len(line) + 1
    return out


def _title_like(text: str) -> bool:
    t = text.strip()
    return 2 <= len(t) <= 40 and not any(ch in t for ch in "。；！？;!?") and not is_heading(t)


def _name(raw: str) -> str:
    return re.sub(r"\s+", "", raw)


def _journal_head(paras: list[_Para]) -> tuple[_Head | None, int]:
    """Title (and a subtitle line opening with a dash), then an author line (names with
    footnote marks: ``王志远¹，刘晓敏²``), then an optional affiliation line, bare or in
    brackets, with numbered units (``（1.X煤矿党委工作部，陕西 榆林 719300；2.…）``: the
    first author's unit is kept) — the layout of Chinese journals (CNKI)."""
    if len(paras) < 3:
        return None, 0
    title = paras[0].text.strip()
    at = 1
    if SUBTITLE_RE.match(paras[1].text) and len(paras) > 3:
        title, at = title + paras[1].text.strip(), 2
    authors_line = FOOTNOTE_MARK_RE.sub("", paras[at].text.strip())
    # 韩志远 1 ，刘晓梅 2: the marks of the units as plain digits after the names (a PDF's
    # superscripts flattened), 1,2 for two
    authors_line = re.sub(r"(?<=[\u4e00-\u9fff])\s*\d{1,2}(?:\s*[,，]\s*\d{1,2})*\s*(?=[,，、;；\s]|$)", " ",
                          authors_line).strip()
    # 常　斌: a two-character name set with a space between its characters, to line up with
    # three-character names (a habit of Chinese typesetting), is one name.
    authors_line = re.sub(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff])[ \u3000]+([\u4e00-\u9fff])(?![\u4e00-\u9fff])",
                          r"\1\2", authors_line)
    # (案例十二, 第三章: a compilation's or a book's numbering, no names)
    if not AUTHOR_LINE_RE.match(authors_line) or re.match(r"(?:案例|第)[一二三四五六七八九十百\d]+", authors_line):
        return None, 0
    authors = [a for a in re.split(r"[\s,，、;；]+", re.sub(r"\d", "", authors_line)) if a]
    used, affiliation, co_units = at + 1, None, ()
    line = paras[used].text.strip() if used < len(paras) else ""
    extra = 0
    # （1. X，河南 洛阳 471000； | 2. Y，…）: a bracketed line of units the page broke in two
    while line[:1] in "（(" and not re.search(r"[）)]\s*$", line) and used + extra + 1 < len(paras) and extra < 2:
        extra += 1
        line += paras[used + extra].text.strip()
    if used < len(paras):
        cand = _first_unit(line)
        # (案例名称：“五心护航”党建品牌筑牢矿井安全防线: a labelled field of a form, not a unit)
        labelled = re.match(r"[\u4e00-\u9fff]{2,6}[：:]", cand) and not re.match(r"(?:作者)?单位[：:]", cand)
        # (——红崖湾煤矿综采四队…把党建优势转化为安全优势: a subtitle under a two-part headline)
        if ORG_SUFFIX_RE.search(cand) and not ends_sentence(cand) and len(cand) <= 60 and not labelled \
                and not SUBTITLE_RE.match(cand):
            affiliation = POSTCODE_RE.sub("", cand).strip()
            co_units = tuple(u for u in _other_units(line) if ORG_SUFFIX_RE.search(u))
            used += 1 + extra
    return _Head(title=title, authors=authors, affiliation=affiliation, start=paras[0].start,
                 co_units=co_units), used


def _report_head(paras: list[_Para]) -> tuple[_Head | None, int]:
    """Title, then the line of the unit that issues the text (``关于…的调研报告`` /
    ``龙泉煤业集团党委组织部``), then the body — the layout of survey and work reports.
    Neither line is the start of a paragraph broken by the page."""
    if len(paras) < 3:
        return None, 0
    if SUBTITLE_RE.match(paras[1].text):
        return None, 0  # ——记红岩煤矿综采一队党支部: a subtitle, part of the title (see _feature_head)
    at = 1
    if ISSUE_RE.fullmatch(paras[1].text.strip()) and len(paras) > 3:
        at = 2  # 党建工作简报 | 第6期 | 青川能源集团党委组织部 2024年7月10日: a bulletin's masthead
    unit = DATE_TAIL_RE.sub("", paras[at].text.strip())
    if not (_title_like(unit) and len(unit) <= 30 and UNIT_LINE_RE.search(unit)):
        return None, 0
    return _Head(title=paras[0].text.strip(), authors=[], affiliation=unit, start=paras[0].start), at + 1


def _feature_head(paras: list[_Para]) -> tuple[_Head | None, int]:
    """Title and a subtitle opening with a dash (``党旗在一线高高飘扬`` / ``——记红岩煤矿综采一队
    党支部``), then the body: a feature's or a portrait's head; the subtitle is part of the
    title (it names the unit the text is about)."""
    if len(paras) < 3 or not SUBTITLE_RE.match(paras[1].text) or not _title_like(paras[1].text):
        return None, 0
    return _Head(title=paras[0].text.strip() + paras[1].text.strip(), authors=[], start=paras[0].start), 2


def _news_head(paras: list[_Para]) -> tuple[_Head | None, int]:
    """A headline over a news story's first paragraph, which opens with the paper's dateline
    or the reporters' credit (``沙柳河煤矿：党员“红哨”守住井下安全关`` / ``本报讯（记者 …）…``):
    the head of a newspaper's story (a masthead over it is dropped before)."""
    if len(paras) < 2 or not NEWS_LEAD_RE.match(paras[1].text):
        return None, 0
    return _Head(title=paras[0].text.strip(), authors=[], start=paras[0].start), 1


def _wechat_head(paras: list[_Para]) -> tuple[_Head | None, int]:
    """A WeChat article's head as a browser saves it: the title, then the account's line with the
    time it was posted (``凤鸣山煤矿党建之窗　2024-11-08 18:30　发表于河南``), then its reads (``阅读
    2863``, dropped as the page's chrome). The account, when it names a body, is the publisher."""
    if len(paras) < 3 or not WECHAT_META_RE.search(paras[1].text):
        return None, 0
    account = re.split(r"\s|\d{4}", paras[1].text.strip(), maxsplit=1)[0]
    unit = re.match(r".*?(?:煤矿|公司|集团|矿|党委)", account)
    return _Head(title=paras[0].text.strip(), authors=[], start=paras[0].start,
                 co_units=(unit.group(0),) if unit else ()), 2


def _web_head(paras: list[_Para]) -> tuple[_Head | None, int]:
    """Title, then a web page's line of facts about it (``来源：西川煤业公司新闻中心　发布时间：
    2024-08-15　浏览次数：1352``): the head. The source, when it names a body, is a body the
    page names (its publisher), not the unit the article is about."""
    if len(paras) < 3:
        return None, 0
    meta = paras[1].text.strip()
    if not META_LINE_RE.match(meta):
        return None, 0
    source = META_SOURCE_RE.search(meta)
    unit = source["unit"].strip() if source and UNIT_LINE_RE.search(source["unit"].strip()) else None
    return _Head(title=paras[0].text.strip(), authors=[], start=paras[0].start,
                 co_units=(unit,) if unit else ()), 2


def _other_units(line: str) -> list[str]:
    """The units after the first of a numbered affiliation line (``（1.X，陕西 榆林 719300；
    2.Y党校，陕西 西安 710061）`` → ``["Y党校"]``): the co-authors' organisations."""
    m = re.fullmatch(r"[(（](?P<inner>.*)[)）]", line)
    parts = re.split(r"[；;]", AFFILIATION_LABEL_RE.sub("", m["inner"] if m else line))
    out = []
    for part in parts[1:]:
        unit = re.split(r"[，,]", re.sub(r"^\s*\d+\s*[.．、]\s*", "", part), maxsplit=1)[0].strip()
        if unit:
            out.append(POSTCODE_RE.sub("", unit).strip())
    return out


def _first_unit(line: str) -> str:
    """The first unit of an affiliation line: brackets, numbering and the place after a
    comma removed (``（1.X部，陕西 榆林 719300；2.Y）`` → ``X部``)."""
    m = re.fullmatch(r"[(（](?P<inner>.*)[)）]", line)
    if m:
        line = m["inner"]
    line = AFFILIATION_LABEL_RE.sub("", line)  # 作者单位：1.X，…；2.Y
    first = re.split(r"[；;]", line, maxsplit=1)[0]
    if first != line or re.match(r"\s*\d+\s*[.．、]", first):
        first = re.sub(r"^\s*\d+\s*[.．、]\s*", "", first)
        first = re.split(r"[，,]", first, maxsplit=1)[0]
    return first.strip()


def _latest_open(heads: list[_Head]) -> int | None:
    for k in range(len(heads) - 1, -1, -1):
        if not heads[k].closed and not heads[k].notice:
            return k
    return None


_JIEBA = None


def jieba_dictionary():
    """jieba's default dictionary (a ``jieba.Tokenizer``), loaded once per process; not
    to be changed (the pipeline's tokenizer copies it before adding words)."""
    global _JIEBA
    if _JIEBA is None:
        import logging

        import jieba

        jieba.setLogLevel(logging.ERROR)
        _JIEBA = jieba.Tokenizer()
        _JIEBA.initialize()
    return _JIEBA


def join_score(tail: str, head: str) -> float:
    """How strongly the text across a break reads as one word.

    Args:
        tail: the end of the paragraph before the break.
        head: the start of the paragraph after it.

    Returns:
        ``0.0`` when no dictionary word spans the break; otherwise the log frequency of
        the word that does, in jieba's dictionary (words only, HMM off).
    """
    return _join_score(tail[-4:], head[:4])


@functools.lru_cache(maxsize=1 << 14)
def _join_score(a: str, b: str) -> float:
    """:func:`join_score` of the last four characters ``a`` and the first four ``b``: it
    reads no more, so it is kept per process (a paper's open paragraphs are scored
    against each new one, and papers end their paragraphs alike: 1,640 scores of 100
    papers were 135 pairs; jieba-rs cuts eight characters in some 20 µs)."""
    pos = 0
    for tok in _segmenter().cut(a + b):  # jieba_dictionary().lcut(a + b, HMM=False), faster
        if pos < len(a) < pos + len(tok) and len(tok) >= 2:
            return math.log(1 + _frequencies().get(tok, 0) or 1)
        pos += len(tok)
    return 0.0


@functools.lru_cache(maxsize=1)
def _dictionary_facts() -> dict:
    """What the splitter takes of :func:`jieba_dictionary`, kept between processes
    (:func:`extract.segment.dictionary_facts`: loading the dictionary took 0.65–1.1 s)."""
    from .segment import dictionary_facts

    return dictionary_facts(jieba_dictionary)


@functools.lru_cache(maxsize=1)
def _frequencies():
    """``jieba_dictionary().FREQ`` for the words of a frequency above 0, read by ``get``
    (:class:`extract.segment.Frequencies`)."""
    from .segment import Frequencies

    return Frequencies(_dictionary_facts())


@functools.lru_cache(maxsize=1)
def _segmenter():
    """A :class:`~extract.segment.Segmenter` over :func:`jieba_dictionary`: jieba's own
    words, none added (``Segmenter(jieba_dictionary(), added=())``)."""
    from .segment import Segmenter

    facts = _dictionary_facts()
    return Segmenter.of_frequencies({}, facts["total"], facts["sum"])


def _best_continuation(pieces: list[_Piece], text: str) -> _Piece | None:
    if is_heading(text) or is_table_line(text):
        return None  # a heading or a table's row begins a paragraph of its own
    best, best_score = None, 0.0
    for piece in pieces:
        if piece.next is None and piece.open_end:
            score = join_score(piece.paras[-1].text, text)
            if score > best_score or (score == best_score and score > 0):
                best, best_score = piece, score
    return best


def _starts_inside_bracket(text: str) -> bool:
    """True when a closing bracket comes before any opening one in the first clause."""
    for ch in text[:40]:
        if ch in "(（【[“":
            return False
        if ch in ")）】]":
            return True
        if ch in "。；！？":
            return False
    return False


def _reaches(start: _Piece, target: _Piece) -> bool:
    node = start
    while node is not None:
        if node is target:
            return True
        node = node.next
    return False


def _assemble(doc: Document, k: int, head: _Head, chains: list[_Piece]) -> Article:
    art = Article(source=doc.source, index=k + 1, title=head.title, authors=head.authors,
                  affiliation=head.affiliation, co_units=head.co_units, title_inferred=head.inferred)
    parts: list[str] = []
    pos = 0
    for c, first in enumerate(chains):
        node, joined_prev = first, False
        while node is not None:
            for j, para in enumerate(node.paras):
                sep = "" if (j == 0 and joined_prev) else ("\n" if parts else "")
                if sep:
                    parts.append(sep)
                    pos += len(sep)
                art.segments.append(Segment(pos, pos + len(para.text), para.start))
                parts.append(para.text)
                pos += len(para.text)
            if node.next is not None and node.next.article == k:
                art.notes.append(f"column jump joined at «{node.paras[-1].text[-6:]}|"
                                 f"{node.next.paras[0].text[:6]}»")
            joined_prev = True
            node = node.next
        if first.open_start:
            art.notes.append("a part starts mid-sentence: its beginning is not on this page")
    art.text = "".join(parts)
    if not art.title:
        opening = re.split(r"[,，。；;]", art.text, maxsplit=1)[0][:30]
        art.title = f"[{opening}…]"
        art.title_inferred = True
        art.notes.append("title missing on the page; opening words used")
    return art


def _skip_reason(head: _Head, art: Article) -> str | None:
    if head.notice:
        return f"{art.title}: a notice ({NOTICE_TITLE_RE.search(head.title)[0]}), not about party building or management"
    if not any(w in art.text for w in TOPIC_WORDS):
        return f"{art.title}: no party-building or management terms"
    return None
