"""Article splitting on the real papers, and the layout rules on small pages."""
from __future__ import annotations

import pytest

from extract.articles import join_score, split_articles
from extract.ingest import Document, read_document

from .conftest import PAPERS


def _doc(text: str) -> Document:
    return Document(source="t.txt", path="t.txt", text=text, encoding="utf_8", sha256="")


def test_newspaper_page_gives_four_articles_and_skips_the_notice():
    arts, skipped = split_articles(read_document(PAPERS / "004_6c190a23e66049b4.txt"))
    assert [a.title for a in arts][:2] == ["国有企业“党建+工会”工作创新路径的探索", "党建引领基层管理创新的实践路径"]
    assert len(arts) == 4
    assert [s.title for s in skipped] == ["注销公告"]
    assert arts[0].affiliation == "霍州煤电集团汾州焦煤公司三交河矿"
    assert arts[1].authors == ["李林"]


def test_column_jumps_are_joined_in_reading_order():
    arts, _ = split_articles(read_document(PAPERS / "004_6c190a23e66049b4.txt"))
    ximing = arts[1].text
    assert "创建“三三制隐患排查法”(班组日查、区队周查、支部月查),2024年累计排查整改隐患572条" in ximing
    assert "“5”即落实“管理建在制度上" in ximing
    assert "在党组织的领导下" in arts[0].text
    assert "注销" not in "".join(a.text for a in arts)


def test_segments_map_article_offsets_back_to_the_page():
    doc = read_document(PAPERS / "004_6c190a23e66049b4.txt")
    art = split_articles(doc)[0][1]
    i = art.text.index("572条")
    assert doc.text[art.to_doc_offset(i):art.to_doc_offset(i) + 4] == "572条"


@pytest.mark.parametrize("name,title,authors,affiliation", [
    ("000_13c21559a60e3618.txt", "煤矿企业党建工作创新实践与探索", ["李川"], "内蒙古利民煤焦有限责任公司"),
    ("001_fbb41627e9a508e9.txt", "论煤矿如何加强基层组织建设实现党政融合", ["芦冰"], "河南神火煤电股份有限公司新庄煤矿 河南 永城"),
    ("002_1767a40248d6e48f.txt", "基层党建政工工作的新思路", ["侯会龙"], "鄂托克前旗长城五号矿业有限公司"),
])
def test_journal_header(name, title, authors, affiliation):
    (art,), _ = split_articles(read_document(PAPERS / name))
    assert (art.title, art.authors, art.affiliation) == (title, authors, affiliation)


def test_journal_header_with_subtitle_footnote_marks_and_numbered_units():
    # CNKI layout: a dashed subtitle line, authors with superscript marks, affiliations
    # in brackets numbered per author, each with its place and postcode.
    text = ("党建引领煤矿安全生产的路径研究\n——以汾河能源集团东岭煤矿为例\n\n张文¹，李敏²\n\n"
            "（1.汾河能源集团东岭煤矿党委工作部，山西 太原 030000；2.汾河能源集团党校，山西 太原 030001）\n\n"
            "摘  要：本文总结东岭煤矿党委的做法。\n\n一、引言\n东岭煤矿党委推行“三联”机制。\n")
    (art,), _ = split_articles(_doc(text))
    assert art.title == "党建引领煤矿安全生产的路径研究——以汾河能源集团东岭煤矿为例"
    assert art.authors == ["张文", "李敏"]
    assert art.affiliation == "汾河能源集团东岭煤矿党委工作部"


@pytest.mark.parametrize("tail,head,joins", [
    ("平台,在党组", "织的领导下", True),
    ("危险性极高的行", "业，安全生产", True),
    ("工作体", "系。一是", True),
    ("“5”即落", "织的领导下", False),
    ("“5”即落", "键环节,加大", False),
])
def test_join_score_reads_a_word_across_the_break(tail, head, joins):
    assert (join_score(tail, head) > 0) is joins


def test_a_page_without_title_gets_an_inferred_one():
    arts, _ = split_articles(_doc("坚持党的领导，是国有企业的光荣传统。矿党委推行“三会一课”制度。"))
    assert arts[0].title_inferred and arts[0].title.startswith("[")


def test_a_part_without_topic_words_is_skipped():
    arts, skipped = split_articles(_doc("标题一\n□ 张三\n矿党委推行“三会一课”制度，效果明显。\n(作者单位:某煤矿)\n"
                                        "出售二手车一辆，价格面议，联系电话12345678。"))
    assert len(arts) == 1 and skipped and "no party-building" in skipped[0].reason


def test_report_title_and_issuing_unit_are_not_a_broken_paragraph():
    """A survey report opens with its title and, on the next line, the unit that issues it
    (blind4's 调研报告 layout): the title is the article's title, the unit its affiliation, and
    neither is glued to the body as a paragraph the page broke."""
    text = ("关于下属矿井班组安全建设情况的调研报告\n"
            "青川煤业集团党委组织部\n"
            "为掌握班组安全建设情况，集团党委组织部于2024年5月深入4座煤矿开展调研。\n"
            "调研发现，各矿班组安全建设取得明显成效。")
    (art,), _ = split_articles(_doc(text))
    assert art.title == "关于下属矿井班组安全建设情况的调研报告"
    assert art.affiliation == "青川煤业集团党委组织部"
    assert art.text.startswith("为掌握班组安全建设情况")


def test_spaced_two_character_author_and_co_authors_units():
    """``常　斌``: a two-character name spaced to line up with three-character names is one
    author, so the affiliation line under it is read; its second numbered unit (a
    co-author's) is kept beside the first (blind4's journal paper)."""
    text = ("煤矿党建工作模式的构建与实践\n"
            "——以青石煤矿为例\n"
            "王志远¹，李　明²\n"
            "（1.青川能源集团青石煤矿，山西 阳泉 045000；2.青川能源集团党校，山西 太原 030006）\n"
            "摘要：本文以青石煤矿为例，研究党建工作模式。\n"
            "青石煤矿党委推行“双述双评”，全年实现安全生产。")
    (art,), _ = split_articles(_doc(text))
    assert art.authors == ["王志远", "李明"]
    assert art.affiliation == "青川能源集团青石煤矿"
    assert art.co_units == ("青川能源集团党校",)


def test_bulletin_masthead_title_issue_and_issuing_unit():
    """A work bulletin opens with its name, the issue line and the issuing unit with a date
    (党建工作简报 | 第6期 | 青川能源集团党委组织部 2024年7月10日): the head, not a paragraph."""
    text = ("党建工作简报\n第6期\n青川能源集团党委组织部 2024年7月10日\n"
            "今年以来，东岭煤矿党委在全矿推行“安全积分超市”，“三违”人次同比下降33%。\n"
            "西坡煤矿机电区党支部实行党员“双包”，设备故障率同比下降21%。")
    (art,), _ = split_articles(_doc(text))
    assert art.title == "党建工作简报"
    assert art.affiliation == "青川能源集团党委组织部"
    assert art.text.startswith("今年以来")


def test_web_page_title_and_line_of_facts():
    """A portal's page: the title, then its line of facts (来源/发布时间/浏览次数) — the head,
    not a paragraph the page broke; the source is a body the page names, not its subject."""
    text = ("青岭煤矿：“红色引擎”驱动安全发展\n"
            "来源：青川煤业公司新闻中心　　发布时间：2024-08-15　　浏览次数：1352\n"
            "今年以来，青岭煤矿党委以“红色引擎”工程为抓手，推动党建与安全深度融合。\n"
            "上半年，全矿“三违”人次同比下降31.5%。")
    (art,), _ = split_articles(_doc(text))
    assert art.title == "青岭煤矿：“红色引擎”驱动安全发展"
    assert art.affiliation is None and art.co_units == ("青川煤业公司新闻中心",)
    assert art.text.startswith("今年以来")


def test_feature_title_with_its_subtitle():
    """A portrait's title and its dash subtitle (——记…党支部) are the title together; the
    subtitle is not taken for an issuing unit."""
    text = ("打造过硬战斗堡垒\n——记红岩煤矿综采一队党支部\n"
            "红岩煤矿综采一队党支部现有党员32名。\n支部推行“三亮”活动，全年实现零事故。")
    (art,), _ = split_articles(_doc(text))
    assert art.title == "打造过硬战斗堡垒——记红岩煤矿综采一队党支部"
    assert art.affiliation is None
    assert art.text.startswith("红岩煤矿综采一队党支部现有党员")


def test_a_byline_of_several_people_spaced_to_align():
    """A newspaper byline naming a correspondent's role and two people (□ 本报通讯员　王立新　赵　敏,
    blind7's page) opens the article with the title before it, as a one-name byline does."""
    page = ("青石煤矿：“班前十分钟”讲出安全好习惯\n\n□ 本报通讯员　王立新　赵　敏\n\n"
            "今年以来，青石煤矿党委要求各党支部把党课搬进班前会，全矿“三违”人次同比下降28%。\n")
    arts, _ = split_articles(_doc(page))
    assert [a.title for a in arts] == ["青石煤矿：“班前十分钟”讲出安全好习惯"]
    assert arts[0].authors == ["本报通讯员王立新赵敏"]


def test_a_newspapers_masthead_is_the_pages_not_the_titles():
    """A story exported with its paper's masthead (东川能源报　2024年5月9日　第2版　基层党建) over a
    two-part headline and a dash subtitle (blind22's news, words of our own): the headline is the
    title, the subtitle not an author's unit, the masthead no title."""
    text = ("东川能源报　2024年5月9日　第2版　基层党建\n\n三个班组　一条红线\n"
            "——北塬煤矿综采二队、机电队党支部把安全责任落到岗位\n\n"
            "本报讯（记者　王蕾）今年以来，北塬煤矿党委推行“双述双评”，“三违”人次同比下降21%。")
    (art,), _ = split_articles(_doc(text))
    assert art.title == "三个班组　一条红线——北塬煤矿综采二队、机电队党支部把安全责任落到岗位"
    assert art.affiliation is None
    assert art.text.startswith("本报讯")


def test_a_headline_over_the_papers_dateline_is_the_title():
    """A headline right over a paragraph that opens with 本报讯 (a masthead above it): the
    story's title, not the start of its text (blind3, blind20: the title was the opening words)."""
    text = ("北方煤矿报 2025年3月14日 第3版 党建周刊\n\n西岭煤矿：党员“红哨”守住井下安全关\n\n"
            "本报讯（通讯员 李华）西岭煤矿党委推行“红哨”制度，隐患整改率达到100%。")
    (art,), _ = split_articles(_doc(text))
    assert art.title == "西岭煤矿：党员“红哨”守住井下安全关"
    assert art.text.startswith("本报讯")


def test_authors_marked_by_plain_digits_and_a_labelled_unit_line():
    """A PDF flattens the superscripts of the units to plain digits (韩志远 1 ，刘晓梅 2) and a
    journal may label the unit line (作者单位：1.X…；2.Y…): the authors and both units are read
    (blind22, blind15's journal papers; names of our own)."""
    text = ("党员先锋工程与煤矿安全的融合路径\n——以北塬煤矿为例\n韩立新 1 ，周婷 2\n"
            "作者单位：1.东川能源有限公司北塬煤矿，陕西 榆林 719000；2.榆阳职业技术学院 马克思主义学院，陕西 榆林 719000\n"
            "摘要：北塬煤矿党委推行“双述双评”。\n北塬煤矿党委推行“双述双评”，全年实现安全生产。")
    (art,), _ = split_articles(_doc(text))
    assert art.authors == ["韩立新", "周婷"]
    assert art.affiliation == "东川能源有限公司北塬煤矿"
    assert art.co_units == ("榆阳职业技术学院 马克思主义学院",)


def test_a_bracketed_unit_line_the_page_broke_and_the_abstract_under_it():
    """（1. X，河南 洛阳 471000； | 2. Y，…） | 摘　要：…: the units' line broken in two is one line,
    and the labelled abstract under it a paragraph of its own (blind26's journal, names of our own)."""
    text = ("煤炭企业党建品牌矩阵建设的实践\n——以青岭煤业集团为例\n周晓 1，韩立 2\n"
            "（1. 青岭煤业集团有限公司党委组织部，河南 洛阳 471000； \n"
            "2. 青岭煤业集团有限公司东沟煤矿，河南 汝阳 471200）\n"
            "摘　要：党建品牌是基层党组织的重要抓手。本文以青岭煤业集团有限公司为研究对象。\n"
            "东沟煤矿党委推行“双述双评”，全年实现安全生产。")
    (art,), _ = split_articles(_doc(text))
    assert art.affiliation == "青岭煤业集团有限公司党委组织部"
    assert art.co_units == ("青岭煤业集团有限公司东沟煤矿",)
    assert art.text.startswith("摘")


def test_a_wechat_posts_head_and_credits():
    """A WeChat post saved from a browser: the title, the account's line with the time posted
    (…党建之窗　2024-11-08 18:30　发表于河南), its reads, and the credits at the end are the
    page's; the account's mine is the publisher (blind26's post, names of our own)."""
    text = ("党小组就是班组的“安全哨”\n\n东山煤矿党建之窗　2024-11-08 18:30　发表于河南\n\n阅读 2863\n\n"
            "北翼运输巷顶板破碎，三班党小组推行“身边哨”，全年没有发生一起顶板事故。\n\n"
            "文字：张旭东　图片：赵一鸣\n编辑：王蕾\n审核：邓志国")
    (art,), _ = split_articles(_doc(text))
    assert art.title == "党小组就是班组的“安全哨”"
    assert art.co_units == ("东山煤矿",)
    assert art.text.startswith("北翼") and art.text.endswith("顶板事故。")


def test_a_web_pages_menu_breadcrumb_buttons_and_related_links_are_chrome():
    """A portal's page as a browser saves it (blind23's web item, words of our own): the site's
    menu and the breadcrumb over the title, the print and close buttons and the list of related
    pages under the text are the page's, not the article's."""
    text = ("首页 | 协会概况 | 行业动态 | 党建工作 | 联系我们\n当前位置：首页 > 党建工作 > 基层动态\n"
            "青峰能源集团召开党建引领安全生产推进会\n"
            "来源：青峰能源集团党委宣传部    发布时间：2024-09-20 10:36\n"
            "9月18日，青峰能源集团在东岭煤矿召开推进会，东岭煤矿党委介绍了“党员包片”工作法。\n"
            "【打印本页】  【关闭窗口】\n相关新闻：\n· 省煤炭工业协会召开安全形势分析会\n"
            "· 青峰能源集团开展“安全生产月”系列宣传活动\n版权所有：某省煤炭工业协会")
    (art,), _ = split_articles(_doc(text))
    assert art.title == "青峰能源集团召开党建引领安全生产推进会"
    assert art.text.startswith("9月18日") and art.text.endswith("工作法。")
