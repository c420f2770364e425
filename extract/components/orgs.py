"""``minekg_orgs``: organisations, their aliases and their hierarchy.

Rules (issue 3 «Organisations»), each a pattern of how Chinese papers name bodies:

- *Affiliation*: the author's unit (``河南神火煤电股份有限公司新庄煤矿``) is a chain of
  names each closed by a suffix of ``org_suffixes.tsv`` or a name of
  ``known_orgs.tsv``; each link is an organisation whose parent is the link before.
- *Legal names* in the text (``…有限责任公司``) split the same way.
- *Trade names*: a group or company named without its legal form, by a brand and an
  industry word (``秦峰能源集团``, ``西川煤业公司``), and a mine named right after it
  (``秦峰能源集团青杨沟煤矿``: the mine, whose parent is the group).
- *以下简称*: ``X（以下简称Y）`` makes Y an alias of X.
- *Sub-bodies*: a known name followed by 党委/党支部/工会/团委 (``利民公司党委``).
- *Mine units*: a work area of ``mine_units.tsv`` with an optional number and
  队/区/部/科, optionally followed by 党支部 (``综采二队党支部``, ``通风区党支部``).
- *Anaphora*: ``矿党委``, ``党委``, ``公司``, ``该矿`` name the article's subject
  organisation or its party committee.
"""
from __future__ import annotations

import functools
import re

from spacy.language import Language
from spacy.tokens import Doc

from ..articles import NOTICE_WORDS
from ..lexicon import Lexicons, load_lexicons
from .common import (Found, Intervals, OrgInfo, Quick, char_span, doc_text, literal, occurrences, ordered_alternation,
                     set_span_ext, word_alternation)

#: A mine's name at the start of a line or sentence (after a year and comma too), before
#: its party body, a copula, a colon or a comma.
MINE_SUBJECT_RE = re.compile(
    r"(?:^|(?<=[\n。！？；])|(?<=年[，,]))(?P<name>[\u4e00-\u9fff]{2,5}?(?:煤矿|矿))"
    # 黑山湾煤矿的做法…: the mine as the sentence's topic, before 的
    # 塔拉沟煤矿2015年建成投产: the mine, then a date its sentence tells
    r"(?=党委|党总支|党支部|是|：|:|[，,]|坚持|深入|通过|的|(?:19|20)\d{2}\s*年)", re.M)
#: Mines listed with 、 (分析金岭煤矿、柳湾煤矿、青石沟煤矿等单位, 对东岗煤矿、马鞍岭煤矿、红柳滩煤矿三个单位):
#: each item a proper name of 2–4 characters and 煤矿, the list closed by 等 or a count or punctuation.
MINE_LIST_RE = re.compile(r"(?:[\u4e00-\u9fff]{2,4}煤矿、)+[\u4e00-\u9fff]{2,4}煤矿(?=等|[一二三四五六七八九十两\d]+[个座对家]|[，,。；;]|和|及)")
#: A 煤矿 right after a comma, the topic of its clause (…天还没亮透，石门梁煤矿的职工澡堂…).
MINE_AFTER_COMMA_RE = re.compile(r"(?<=[，,])(?:而|但|且|又|在|从|与|和|对|把|让)?(?P<name>[\u4e00-\u9fff]{2,4}?煤矿)"
                                 # …，东峪沟煤矿矿长刘海波同志: the mine before the post of one of its people
                                 r"(?=的|党委|党支部|矿长|副矿长|总工程师|党委书记)")
#: A mine's name before one of its party or mass bodies, after any punctuation
#: (``…领导下，鹿鸣山煤矿党委坚持…``, ``来源：石门坡煤矿党委宣传部``): the body names its mine.
MINE_BODY_RE = re.compile(
    r"(?:^|(?<=[\n。！？；，,：:]))(?P<name>[\u4e00-\u9fff]{2,5}?(?:煤矿|矿))(?=党委|党总支|党支部|纪委|工会|团委)", re.M)
#: A mine's proper name right before one of its work units, at a line's or clause's start.
MINE_BEFORE_UNIT_RE = re.compile(r"(?:^|(?<=[\n。！？；，,：:—\s（(]))(?P<name>[\u4e00-\u9fff]{2,5}?煤矿|[\u4e00-\u9fff]{3,4}?(?<![全该本各此])矿)$", re.M)
#: A 煤矿 named by its brand after a preposition or a verb of belonging, before one of its
#: bodies (该支部隶属于红岩煤矿党委, 调研组深入到北坡煤矿工会): the brand starts right after it.
MINE_AFTER_LEAD_RE = re.compile(r"(?<=[以在对为是由将从把被向于和与及到任])(?P<name>[\u4e00-\u9fff]{2,4}?煤矿)"
                                r"(?=党委|党总支|党支部|纪委|工会|团委)")
#: The formal name of a party committee, 中共 + body + 委员会 (中国共产党章程: a committee is
#: named by the body it leads): ``中共鹿鸣山煤矿委员会`` is 鹿鸣山煤矿党委.
CPC_COMMITTEE_RE = re.compile(r"中共(?P<name>[\u4e00-\u9fff]{2,20}?(?:煤矿|矿|公司|集团|煤业|矿业))委员会")
#: First characters of a phrase that is not a mine's name (该矿, 全矿, 各煤矿, 部分煤矿).
NOT_A_MINE_START = ("该", "全", "各", "本", "我", "这", "此", "其", "部分", "一些", "多数", "煤矿", "矿",
                    # 国有煤矿, 兄弟煤矿, 先进煤矿: a kind of mine, not a mine's name
                    "国有", "兄弟", "先进", "不少", "地方", "全国", "全省", "重点", "所属", "相关", "其他",
                    "周边", "同类", "大型", "中小", "有关", "高瓦斯", "井工", "露天",
                    # 上半年矿党委会开展…: a time before the mine's committee, not a mine's name
                    "上半年", "下半年", "全年", "今年", "去年", "年初", "年底", "年末", "一季度", "二季度",
                    "三季度", "四季度", "当月", "本月",
                    "下属", "很多", "许多", "所有", "每个", "每座", "整个",
                    # 支部还协调矿工会, 明年矿党委将…: a clause's subject or time before the mine's body
                    "支部", "党委", "明年", "下一步", "我们",
                    # 智能化煤矿的建设, 民营煤矿的党建: kinds of mine before 的
                    "智能", "民营", "乡镇", "新建", "小煤", "资源", "高产", "现代化", "国营", "私营", "对面", "老矿",
                    "试点", "示范", "标杆", "样板", "前者", "后者", "两者", "二者",
                    # 带领矿党委一班人, 协助矿党委: a verb before the article's own committee
                    "带领", "担任", "协助", "配合", "督促", "指导", "会同", "联合")
SUB_BODIES = (("党委", "PartyCommittee"), ("党总支", "PartyBranch"), ("党支部", "PartyBranch"),
              ("工会", "Union"), ("团委", "YouthLeague"), ("纪委", "Department"),
              # offices that sign papers and news: 党委工作部, 新闻中心 (来源：X公司新闻中心)
              ("党委工作部", "Department"), ("党群工作部", "Department"), ("宣传部", "Department"),
              # 黑河湾煤业集团党委组织部编: the committee's office that edits a bulletin
              ("党委组织部", "Department"), ("党委宣传部", "Department"),
              # 红崖沟煤矿党委办公室 2024年4月12日: the office that signs a committee's papers
              ("党委办公室", "Department"),
              ("新闻中心", "Department"),
              # 岚峪能源集团党校: the group's party school, a teaching case's author
              ("党校", "Other"),
              # the union's women workers' committee (女职工委员会), named 女工委员会 in mines
              ("女工委员会", "Union"), ("女职工委员会", "Union"))
#: A provincial or national body that gives an honour, named before the honour: after 被/获评/
#: 荣获/由 and before 评为/授予/命名/表彰 or the quoted honour (被省国资委评为, 获评省总工会“工人先锋号”).
_AWARDING_NAME = (r"(?P<name>(?:省|市|自治区|全国|国家|中华全国)[\u4e00-\u9fff]{0,8}?"
                  r"(?:总工会|煤炭工会|协会|国资委党委|国资委|团委|妇联|应急管理厅|能源局|煤矿安全监察局|"
                  r"矿山安全监察局|煤炭工业管理局党委|煤炭工业管理局))")
AWARDING_BODY_RE = re.compile(
    # 被/由 X 评为…; 获评/荣获/获得 X 评为… or X“…”
    rf"(?:(?<=被)|(?<=由)){_AWARDING_NAME}(?=评为|授予|命名|表彰|颁发)"
    rf"|(?:(?<=获评)|(?<=荣获)|(?<=获得)){_AWARDING_NAME.replace('?P<name>', '?P<won>')}(?=评为|授予|命名|表彰|颁发|[“\"])")
#: The type of an awarding body by the end of its name (GUIDELINES.md types; Other for the rest).
AWARDING_TYPES = (("党委", "PartyCommittee"), ("工会", "Union"), ("团委", "YouthLeague"))
#: A centre of a mine or company (信息中心, 调度指挥中心) named with its party or mass body,
#: after punctuation or a preposition: 由信息中心党支部具体实施.
CENTRE_BODY_RE = re.compile(r"(?:^|(?<=[\n。！？；，,：:、由在和与及]))[\u4e00-\u9fff]{2,4}中心(?P<body>党总支|党支部|分工会|团支部)", re.M)
#: The offices of a party committee, written after it (集团党委办公室, 矿党委组织部).
COMMITTEE_OFFICE_RE = re.compile(r"(?:办公室|党建工作部|工作部|组织部|宣传部|宣传科|组织科)(?!署)")  # 组织部署: a verb
SUB_BODY_TYPE = dict(SUB_BODIES)
ALIAS_RE = re.compile(r"[（(]\s*(?:以下简称|下称|简称)\s*[“\"]?(?P<alias>[^）)”\"]{2,12})[”\"]?\s*[）)]")
#: Industry words that, with 集团/公司 after them, make a company's trade name (秦峰能源集团).
INDUSTRY_WORDS = ("能源", "煤业", "煤电", "矿业", "煤炭", "电力", "化工", "投资", "控股", "实业")
#: A group or company by its trade name: an industry word, 集团 or 公司 (the brand, 2–4
#: characters, is read back from it); then, optionally, the name of one of its mines.
TRADE_NAME_RE = re.compile(
    # 矿务局: a state mining bureau, the older form of a coal group (西山矿务局).
    r"(?P<name>(?:" + "|".join(INDUSTRY_WORDS) + r")(?P<form>集团公司|集团|公司)|矿务局)"
    r"(?P<mine>[\u4e00-\u9fff]{2,4}?(?:煤矿|矿(?![井区工业山务用])))?")
LEGAL_RE = re.compile(r"[\u4e00-\u9fff]{2,24}?(?:股份有限公司|有限责任公司|有限公司)")
# Characters that cannot begin a legal name: prepositions and verbs that precede one.
_NAME_START_STOP = set("以在对为是由将从把被向于和与及的、")
#: Words that precede a name and are not part of it: 本文以X为例, 获评X…, 隶属于X.
LEAD_WORDS = ("本文以", "本文", "获评", "荣获", "评为", "入选", "授予", "中共", "隶属于", "隶属", "所属", "属于", "来源",
              # 为认真贯彻北原能源集团党委…部署, 按照X公司要求: verbs of carrying out before a name
              "贯彻", "落实", "按照", "根据",
              # 欢迎参加晟原能源集团…发布会, 来到X集团: verbs of attending or visiting
              "参加", "出席", "来到", "走进",
              # 今年以来陇煤能源集团党委…: a time's "since" before the subject, no comma between
              "以来")
#: The label of a form's field before its value (单位名称：, 申报单位：).
FIELD_LABEL_RE = re.compile(r"^(?:作者单位|单位名称|申报单位|推荐单位|所在单位|单位|来源|稿件来源|信息来源|供稿|供稿单位)\s*[：:]\s*")
#: Discourse words that open a clause before a name and are not part of it: the examples of
#: a text about several mines (比如红柳沟煤矿是…, 例如东山矿党委…).
DISCOURSE_LEADS = ("比如", "例如", "譬如", "再如", "又如", "诸如")
NUM = "一二三四五六七八九十0123456789"
#: A post held, before the body it is held in (曾任红岭沟煤矿党委书记): not the name's.
POST_LEADS = ("曾任", "现任", "时任", "担任", "兼任")
#: The field of a form that names the unit submitting it (报送单位：…, 申报单位：…).
UNIT_FIELD_RE = re.compile(r"(?:报送|申报|推荐|供稿|填报)单位\s*[：:]\s*(?P<unit>[^\n]{2,40})")
#: Legal forms of a company name, longest first (《公司法》: 有限责任公司, 股份有限公司).
LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司")
#: Characters after 队/区 that make the match a common noun, not a body: 队伍 (ranks),
#: 队组 (teams in general), 队长/队员 (a person): ``提升队伍的综合能力``.
UNIT_NOT_AFTER = "伍组长员位理置室域于署门"  # 提升站位, 综合处理: 站/处 begin another word
#: Mass organisations a text names bare, as the subject of a clause, when it is about
#: one enterprise (``工会深入开展技术比武``, ``共青团严格贯彻…``), with their type.
BARE_BODIES = (("工会", "Union"), ("共青团", "YouthLeague"), ("团委", "YouthLeague"), ("团支部", "YouthLeague"),
               ("女职工委员会", "Union"), ("女工委员会", "Union"), ("女工委", "Union"),
               # 公司纪委围绕…开展…: the subject's commission for discipline inspection
               ("纪委", "Department"))


def _bare_body_re(word: str) -> re.Pattern:
    """A bare body word of :data:`BARE_BODIES` as a clause's subject, after the start of a
    clause or a line, an item's 是, a body and 和, or 联合/会同, with 矿, 公司 … before it.

    The lookahead first is what the rest of the pattern starts with anyway (a space, the
    first character of 矿, 公司, 工区, 区队 or of the word): it finds no other match, but
    fails at once at the other characters, where each lookbehind was tried in turn (a
    scan of the article for every body word it holds: 2 % of the extraction).
    """
    return re.compile(rf"(?=[\s矿公工区{re.escape(word[0])}])"
                      rf"(?:^|(?<=[。；;，,、\n])|(?<=[一二三四五六七八九十]是)|(?<=工会和)|(?<=团委和)|(?<=党委和)"
                      # 公司党委联合公司工会在…: the body a committee works with
                      rf"|(?<=联合)|(?<=会同))"
                      rf"\s*(?:矿|公司|工区|区队)?{word}", re.M)


#: Each bare body word → its pattern (:func:`_bare_body_re`), compiled once.
BARE_BODY_RES = {word: _bare_body_re(word) for word, _ in BARE_BODIES}
#: What may follow a bare body word for it to be the clause's subject: an adverb or verb,
#: not a noun compound (工会干部, 工会工作, 工会组织).
BARE_NOT_AFTER = ("干部", "工作", "组织", "会员", "主席", "书记", "经费", "委员", "小组", "+", "＋", "”",
                  # a role or a duty, not a reported act: 工会作为…, 工会要…, 工会应…
                  "作为", "要", "应", "需", "可", "是", "必须")


#: The end of a body's name (所, 部, 党委, 公司 …): what a place name after a comma does not end with.
ORG_END_RE = re.compile(r"(?:公司|集团|煤矿|矿|党委|党支部|工会|团委|部|科|处|室|所|院|校|局|厅|委|会|中心|队|区)$")


def clean_affiliation(text: str) -> str:
    """An affiliation's chain of names alone: without a form's field label (单位名称：), and
    without the place names and the postcode after a space (``汇川矿业有限公司 党委工作部，陕西
    榆林 719000`` → ``汇川矿业有限公司党委工作部``: a space before an office of the body is inside
    the chain)."""
    text = re.sub(r"\s+(?=(?:" + "|".join(name for name, _ in SUB_BODIES) + r"))", "", text.strip())
    text = FIELD_LABEL_RE.sub("", text)
    text = re.sub(r"^\d{1,2}\s*[.．、]\s*", "", text)  # 作者单位：1.X…: the first unit's number
    text = re.sub(r"[\s\d]+.*$", "", text)
    # (宏晟能源集团有限公司党委组织部，山东 济宁 272100: the province after a comma; 一矿党委，二矿
    # 党委: a second body)
    tail = re.search(r"[，,](?P<place>[^，,]{0,8})$", text)
    return text[:tail.start()] if tail is not None and not ORG_END_RE.search(tail["place"]) else text


#: A body or a verb of working with another inside what looks like a mine's name (工会还联合矿党委).
BODY_OR_JOINT_RE = re.compile(r"工会|团委|党委|支部|联合|会同|配合")
#: A preposition before the article's own committee (让我们在矿党委, 由矿党委).
PREPOSITION_RE = re.compile(r"[由在对向]")
#: The brand before a trade name's industry word (秦峰|能源集团).
BRAND_BEFORE_RE = re.compile(r"[\u4e00-\u9fff]{2,4}$")
#: A mine a title names after the preposition or the dash that opens its subtitle (——在X煤矿…会议上,
#: ——记X煤矿…); not at the title's start (党建引领煤矿安全…: a kind of mine).
TITLE_MINE_RE = re.compile(r"(?:(?:——|—)(?:在|记|访|以)?|在|记|访|以)(?P<name>(?![在记访以])[\u4e00-\u9fff]{2,4}煤矿)")
#: A school's or an institute's name (中国矿业大学, 晋西能源职业学院): one body, not a company and
#: a school after it.
EDU_NAME_RE = re.compile(r"(?:(?!公司|集团)[\u4e00-\u9fff]){2,14}?(?:大学|学院|研究院)"
                         # 西川理工大学马克思主义学院: the school of a university, written on, one unit
                         r"(?:[\u4e00-\u9fff]{2,10}?(?:学院|研究所|研究中心|系)(?![\u4e00-\u9fff]))?")


def split_chain(text: str, lex: Lexicons) -> list[tuple[str, str]]:
    """Split an affiliation into its chain of organisations.

    Args:
        text: ``山西西山煤电股份有限公司西铭矿党政办`` (a postcode or place may follow).
        lex: the lexicons (suffixes, known names).

    Returns:
        ``[(name, type), …]`` outermost first, e.g. ``[("山西西山煤电股份有限公司",
        "Company"), ("西铭矿", "Mine"), ("西铭矿党政办", "Department")]``: a unit whose
        name is only a suffix (党政办, 党委) takes the name of the body before it.
    """
    text = clean_affiliation(text)
    chain: list[tuple[str, str]] = []
    pos = 0
    suffixes = lex.org_suffixes
    suffix_names = {s for s, _ in suffixes}  # once, not per link of the chain
    known = sorted(lex.known_orgs, key=len, reverse=True)
    while pos < len(text):
        if chain:
            # 青崖煤业隶属于山西晋昊能源集团有限公司: a verb of belonging between two names.
            word = next((w for w in LEAD_WORDS if text.startswith(w, pos)), None)
            if word is not None:
                pos += len(word)
                continue
        hit = None
        for name in known:
            if text.startswith(name, pos):
                end = pos + len(name)
                # 霍州煤电集团: a known name may carry a group suffix of its own.
                for suf, _ in suffixes:
                    if text.startswith(suf, end) and suf in ("集团", "集团公司", "公司"):
                        end += len(suf)
                        break
                hit = (end, lex.known_orgs[name][0])
                break
        if hit is None:
            # 中国矿业大学, 晋西能源职业学院: a school's name holds industry words of its own
            edu = EDU_NAME_RE.match(text, pos)
            hit = (edu.end(), "Other") if edu else _next_suffix(text, pos, suffixes)
        if hit is None:
            break
        end, typ = hit
        # 晋昊能源集团, 西川煤业公司: an industry word before 集团/公司 is part of the name.
        group = next(((suf, t) for suf, t in suffixes if suf in ("集团公司", "集团", "公司") and text.startswith(suf, end)), None)
        if group is not None and typ == "Company" and text[pos:end].endswith(INDUSTRY_WORDS):
            end, typ = end + len(group[0]), group[1]
        # 长城五号矿业有限公司: a legal form (有限公司 …) never names a body alone; it
        # closes the name before it, which is then one company.
        legal = next((suf for suf in LEGAL_FORMS if text.startswith(suf, end)), None)
        if legal is not None:
            end, typ = end + len(legal), "Company"
        name = text[pos:end]
        if chain and (name in suffix_names or (typ == "Department" and len(name) <= 5)):
            name = chain[-1][0] + name  # 党政办 → 西铭矿党政办; …公司党委 + 组织部: an office of the body
        chain.append((name, typ))
        pos = end
    return chain


def _legal_of(orgs: dict, name: str, form: str) -> str | None:
    """The legal name found of the company or group ``name`` is the trade name of (瑞丰煤业公司 of
    瑞丰煤业有限责任公司, 鹤川煤业集团 of 鹤川煤业集团有限责任公司), else ``None``; ``form`` is the
    trade name's 公司, 集团 or 集团公司."""
    return next((o.name for o in orgs.values() if o.name.endswith(LEGAL_FORMS) and o.name != name and (
        o.name.startswith(name[:-2]) if form == "公司" else o.name[len(name):] in LEGAL_FORMS
        and o.name.startswith(name))), None)


def _brand_start(text: str, m: re.Match, floor: int = 0) -> int | None:
    """Where the brand of the trade name ``m`` of :data:`TRADE_NAME_RE` begins: the 2–4
    characters before its industry word, not before ``floor``, after a preposition or verb
    (本文以秦峰能源集团, 被西川煤业公司: :func:`_name_start`); ``None`` when fewer than two are left."""
    brand = BRAND_BEFORE_RE.search(text, max(0, m.start() - 4, floor), m.start())
    if brand is None:
        return None
    start = _name_start(text, brand.start(), m.start())
    return start if m.start() - start >= 2 else None


def _title_bodies(title: str, orgs: dict, add) -> None:
    """Add the groups, companies and mines that only the title names (``——在嵩岭能源集团2025年…
    会议上的讲话``, ``——记龙脊山能源红崖煤矿…``, ``——在龙泉沟煤矿第六届职工代表大会…上的工会工作
    报告``) to ``orgs`` through ``add``: bodies of the text too, and the one a speech at its meeting
    is of. A name the text gives already (陇东宏川煤业集团有限公司 for the title's 宏川煤业集团) is
    that body; the title's words make no mentions (the title is not the Doc's text)."""
    last_end = 0  # 燕山能源集团青峰岭煤业公司: the second brand begins after the first name
    for m in TRADE_NAME_RE.finditer(title) if any(w in title for w in INDUSTRY_WORDS) else ():
        start, last_end = _brand_start(title, m, last_end), m.end("name")
        if start is None:
            continue
        name = title[start:m.end("name")]
        known = next((o.name for o in orgs.values() if any(name in f or (len(f) >= 4 and name.endswith(f))
                                                           for f in (o.name, *o.aliases))), None)
        if known is not None:
            group = known
        else:
            legal = _legal_of(orgs, name, m["form"])
            group = add(legal, "Company", alias=name) if legal else \
                add(name, "Company" if m["form"] == "公司" else "Group")
        if m["mine"] and not m["mine"].startswith(NOT_A_MINE_START):
            add(m["mine"], "Mine", parent=group)
    for m in TITLE_MINE_RE.finditer(title) if "煤矿" in title else ():
        if not m["name"].startswith(NOT_A_MINE_START) and not any(m["name"] in o.name for o in orgs.values()):
            add(m["name"], "Mine")


def _name_start(text: str, start: int, end: int) -> int:
    """Where a name found at ``start`` really begins: after a preposition, verb or lead
    word that the match took in (``本文以``, ``获评``, ``被``), before ``end``."""
    # ——访陇原煤业集团党委书记…, ——记…: the verb of an interview's or a portrait's
    # subtitle, not the name's first character.
    if start < end and text[start] in "访记" and text[start - 1:start] in ("—", "－", "-"):
        start += 1
    while start < end:
        word = next((w for w in (*LEAD_WORDS, *DISCOURSE_LEADS) if text.startswith(w, start)), None)
        if word is not None:
            start += len(word)
        elif text[start] in _NAME_START_STOP:
            start += 1
        else:
            break
    # 3名党员获评X有限公司, 品牌先后获评X有限公司: a lead verb inside the match, the name after it.
    # (…情况的报告恒源煤业集团公司党委：: a report's title before its addressee, on one line)
    inner = max((at + len(w) for w in (*LEAD_WORDS, "报告", "请示", "汇报") if len(w) >= 2 and end - 2 > start
                 and (at := text.rfind(w, start, end - 2)) >= 0), default=start)
    if inner > start:
        return inner
    # A preposition inside the first characters: 文以X, 委被X.
    cut = max((i + 1 for i in range(start, min(end, start + 4)) if text[i] in "以被由将把是在于向对获" or (text[i] in "进到" and text[i - 1:i] in ("走", "来", "入"))), default=start)
    return cut if end - cut >= 2 else start


def _mine_before_unit(text: str, unit_start: int) -> tuple[int, int] | None:
    """The proper name of a 煤矿 written right before a work unit that starts at
    ``unit_start`` (``红石岭煤矿综采工区党支部``, a title's ``——记鹰嘴崖煤矿开拓区…``): its
    ``(start, end)`` without a subtitle's verb (记/访/据) or a preposition before it, else
    ``None`` (a kind of mine, 该矿, a name shorter than a brand and 煤矿)."""
    mine = MINE_BEFORE_UNIT_RE.search(text, max(0, unit_start - 8), unit_start)
    if mine is None:
        return None
    start = mine.start("name")
    if text[start] in _NAME_START_STOP or text[start] in "记访据":
        start += 1
    name = text[start:mine.end("name")]
    if len(name) < 4 or name.startswith(NOT_A_MINE_START) or mine["name"].startswith(NOT_A_MINE_START):
        return None
    return start, mine.end("name")


def _followed_by(text: str, starts: list[int], word: str, suffix: str):
    """``literal(word + suffix).finditer(text)`` from the places ``word`` starts
    (:func:`common.occurrences`): those followed by ``suffix``, none overlapping the one before."""
    n, end = len(word), -1
    for i in starts:
        if i >= end and text.startswith(suffix, i + n):
            end = i + n + len(suffix)
            yield Found(i, end, word + suffix)


def _next_suffix(text: str, pos: int, suffixes) -> tuple[int, str] | None:
    """The first suffix end after ``pos`` that no longer suffix runs across."""
    for end in range(pos + 1, len(text) + 1):
        for suf, typ in suffixes:
            if text.endswith(suf, pos, end) and end - len(suf) >= pos:
                # 矿 in 矿业, 公司 in 公司党委: a longer suffix continues past this end.
                if any(text.startswith(s2, end - len(suf)) and len(s2) > len(suf)
                       for s2, _ in suffixes):
                    continue
                if suf == "矿" and text[end:end + 1] in ("山", "用", "区", "工", "物", "产"):
                    continue  # 矿山机电设备有限公司, 矿用: 矿 begins a word, it closes no mine
                return end, typ
    return None


@Language.factory("minekg_orgs", default_config={"lexicon_dir": ""},
                  assigns=["doc.spans", "doc._.orgs", "doc._.subject"])
def make_org_recognizer(nlp: Language, name: str, lexicon_dir: str):
    """Factory of :class:`OrganisationRecognizer`."""
    return OrganisationRecognizer(load_lexicons(lexicon_dir or None))


class OrganisationRecognizer:
    """Finds organisations; writes ``doc.spans["org"]`` (label: type, ``span._.canonical``:
    preferred name), ``doc._.orgs`` (name → :class:`OrgInfo`) and ``doc._.subject``."""

    def __init__(self, lex: Lexicons):
        self.lex = lex
        # split_chain of a name, remembered: a paper's affiliation is split again for each
        # of its articles, and the same legal names come back (110 µs a split).
        self.split_chain = functools.lru_cache(maxsize=4096)(lambda name: tuple(split_chain(name, lex)))
        self.legal_re = Quick(LEGAL_RE)
        # Verbs of the cue lexicon (推动, 促进, 推行 …): a clause that opens with one before
        # 矿党委 names the article's own committee, not a mine (推动矿党委…作用充分发挥).
        self.verbs = tuple(sorted({w for kind in ("result", "adopt", "increase", "decrease", "level")
                                   for w in lex.cue_words(kind) if len(w) >= 2}, key=len, reverse=True))
        # 其中，白鹭山煤矿推行…: a 煤矿 opening a clause as the subject of an adoption verb.
        adopt = word_alternation(w for w in lex.cue_words("adopt") if len(w) >= 2)
        self.mine_act_re = re.compile(
            rf"(?:^|(?<=[\n。！？；，,：:]))(?P<name>[\u4e00-\u9fff]{{2,5}}?煤矿)(?=(?:还|也|先后|率先|大力|积极|持续|全面)?(?:{adopt}))", re.M)
        units = ordered_alternation(lex.mine_units)  # as a trie where that keeps the order
        self.unit_re = re.compile(
            # 机电运输区, 综采准备队: two work areas make one unit; 安监处, 安监站: offices.
            # 选煤厂党支部, 洗煤厂工会: a plant, and the union or league branch of a unit.
            rf"(?:{units}){{1,2}}(?:[{NUM}]?(?:工区|队|区|部|科|处|站|厂|车间|班))?(?:党总支|党支部|分工会|工会|团支部)"
            rf"|(?:{units}){{1,2}}[{NUM}]?(?:工区|区队|队|区|部|科|处|站|厂|车间|班)"
            # 矿调度室, 安监科、调度室: an office of the mine named by its work and 室, after the
            # mine or after another office in a list (走进调度室, 浴室、调度室: 室 is also a room)
            rf"|(?:(?<=矿)|(?<=[科部队区办]、))(?:{units})室")
        # The patterns run over the whole text, tried only where a match can start
        # (common.Quick): re started each one again at every character of an article.
        self.scans = {rx: Quick(rx) for rx in (self.unit_re, TRADE_NAME_RE, MINE_SUBJECT_RE, MINE_BODY_RE, MINE_AFTER_COMMA_RE,
                                                MINE_AFTER_LEAD_RE, self.mine_act_re, AWARDING_BODY_RE, CENTRE_BODY_RE)}

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        orgs: dict[str, OrgInfo] = {}
        alias_of: dict[str, str] = {}
        mentions: list[tuple[int, int, str, str]] = []  # start, end, canonical, rule

        def add(name: str, typ: str, parent: str | None = None, alias: str | None = None) -> str:
            canon = alias_of.get(name, name)
            info = orgs.get(canon)
            if info is None:
                info = orgs[canon] = OrgInfo(canon, typ, [], parent)
                alias_of[canon] = canon
            if parent and not info.parent and parent != canon:
                info.parent = parent
            if alias and alias != canon and alias not in info.aliases:
                info.aliases.append(alias)
                alias_of[alias] = canon
            return canon

        def add_chain(chain: tuple[tuple[str, str], ...], full: str | None = None) -> str | None:
            parent = None
            for name, typ in chain:
                parent = add(name, typ, parent)
            if parent and full and full != parent:
                add(parent, orgs[parent].type, alias=full)
            return parent

        # Affiliation: the author's unit and the bodies above it.
        aff_chain = self.split_chain(doc._.affiliation) if doc._.affiliation else ()
        add_chain(aff_chain, clean_affiliation(doc._.affiliation) or None)
        # The co-authors' units of the same line (2.秦峰能源集团党校): bodies the paper names.
        for unit in doc._.co_units:
            add_chain(self.split_chain(unit))

        # Legal names in the text, and their 以下简称 aliases.
        legal = []
        for m in self.legal_re.finditer(text):  # LEGAL_RE's, only near its words
            start = m.start()
            # 槐树湾煤矿是鸿泰能源集团有限公司: the name begins after the copula.
            start = max(start, text.rfind("是", start, m.end()) + 1)
            start = _name_start(text, start, m.end())
            # 招聘启事晋原…有限公司: a notice's title glued before the name is not part of it
            # (a report's title before its addressee: _name_start).
            start += max((text.rfind(w, start, m.end()) + len(w) - start for w in NOTICE_WORDS
                          if text.rfind(w, start, m.end()) >= 0), default=0)
            legal.append((m, start))
        # 本章数据范围覆盖华垣能源集团有限公司 beside a line that opens with 华垣能源集团有限公司: the name
        # written alone elsewhere ends the longer match, whose first words are the sentence's.
        alone = {text[start:m.end()] for m, start in legal}
        for m, start in legal:
            full = text[start:m.end()]
            shorter = max((n for n in alone if len(n) >= 6 and len(n) < len(full) and full.endswith(n)), key=len, default=None)
            if shorter is not None:
                start = m.end() - len(shorter)
            full = text[start:m.end()]
            chain = self.split_chain(full)
            if not chain:
                continue
            canon = add_chain(chain)
            mentions.append((start, m.end(), canon, "legal-name"))
            am = ALIAS_RE.match(text, m.end())
            if am:
                add(canon, orgs[canon].type, alias=am["alias"])
        # Trade names of groups and companies, and a mine named right after one.
        for m in self.scans[TRADE_NAME_RE].finditer(text):
            start = _brand_start(text, m)
            # (a trade name's words inside a legal name found are that name's)
            if start is None or any(s <= start < e or s <= m.start() < e for s, e, _, _ in mentions):
                continue
            name = text[start:m.end("name")]
            # 瑞丰煤业公司 beside 瑞丰煤业有限责任公司: the trade name of the legal one.
            # 鹤川煤业集团 beside 鹤川煤业集团有限责任公司: the group under its legal form.
            legal = _legal_of(orgs, name, m["form"])
            group = add(legal, "Company", alias=name) if legal else add(name, "Company" if m["form"] == "公司" else "Group")
            mentions.append((start, m.end("name"), group, "trade-name"))
            if m["mine"] and not m["mine"].startswith(NOT_A_MINE_START):
                mine = add(m["mine"], "Mine", parent=group)
                mentions.append((m.start("mine"), m.end("mine"), mine, "trade-name"))
        # Known enterprise names without a legal suffix.
        for known, (typ, aliases) in self.lex.known_orgs.items():
            for form in sorted((known, *aliases), key=len, reverse=True):
                for m in literal(form).finditer(text):
                    if any(s <= m.start() < e for s, e, _, _ in mentions):
                        continue
                    canon = add(form if form == known else known, typ)
                    mentions.append((m.start(), m.end(), canon, "known-name"))
        # Mine units and their branches.
        for m in self.scans[self.unit_re].finditer(text):
            name = m.group(0)
            # (掘进一区党支部组建…: after a party branch a character of UNIT_NOT_AFTER begins a verb)
            if text[m.end():m.end() + 1] and text[m.end()] in UNIT_NOT_AFTER \
                    and not name.endswith(("党支部", "党总支", "团支部")):
                continue
            if text[m.start() - 1:m.start()] in ("的", "个") and not re.search(rf"[{NUM}]|党", name):
                continue  # 人数最多的掘进区队, 3个综采队: the kind of unit, not a body
            typ = "PartyBranch" if name.endswith(("党支部", "党总支")) else (
                "Department" if name.endswith(("部", "科")) else "Team")
            mentions.append((m.start(), m.end(), add(name, typ), "mine-unit"))
            # 红石岭煤矿综采工区党支部, a line opening with 红石岭煤矿综采工区: the unit names its
            # mine before it, a proper name of 煤矿 that needs no lexicon there.
            mine = _mine_before_unit(text, m.start())
            if mine and not any(s <= mine[0] < e for s, e, _, _ in mentions):
                canon = add(text[mine[0]:m.start()], "Mine")
                orgs[alias_of.get(name, name)].parent = orgs[alias_of.get(name, name)].parent or canon
                mentions.append((mine[0], m.start(), canon, "mine-unit"))

        # 由信息中心党支部具体实施: a centre of the mine (信息中心, 调度中心) and its branch.
        for m in self.scans[CENTRE_BODY_RE].finditer(text) if "中心" in text else ():  # (near its words, Quick)
            if any(s <= m.start() < e for s, e, _, _ in mentions) or m.group(0).startswith(("这", "该", "各", "本", "每", "那")):
                continue  # 这个中心党支部: a reference, not a name
            typ = SUB_BODY_TYPE.get(m["body"], "PartyBranch") if m["body"] != "团支部" else "YouthLeague"
            start = _name_start(text, m.start(), m.start("body") - 2)  # 由信息中心: 由 is not the name's
            mentions.append((start, m.end(), add(text[start:m.end()], typ), "mine-unit"))
        # A mine named as the subject at the start of a line or sentence (槐树湾煤矿党委
        # 2024年度…总结, 白杨岭矿：…, 2024年，东山矿党委…): a proper name needs no lexicon there.
        scans = self.scans
        for m in (*scans[MINE_SUBJECT_RE].finditer(text), *scans[MINE_BODY_RE].finditer(text),
                  *scans[MINE_AFTER_COMMA_RE].finditer(text),
                  *scans[MINE_AFTER_LEAD_RE].finditer(text), *scans[self.mine_act_re].finditer(text)):
            name, start = m["name"], m.start("name")
            # 比如红柳沟煤矿是…, 从青石岭煤矿的实践看: the example's discourse word or 从 is not
            # the name's (向阳煤矿, 和平煤矿 keep their first character).
            # (在红柳沟煤矿，…: the place where the paragraph goes on)
            lead = next((w for w in (*DISCOURSE_LEADS, "从", "在", *POST_LEADS) if name.startswith(w)), "")
            if lead:
                name, start = name[len(lead):], start + len(lead)
                if len(name) < 3:
                    continue
            # 从青石岭煤矿的实践看, 课题组与三矿党委: a preposition or conjunction before the brand.
            cut = max((i + 1 for i, ch in enumerate(name[:-1]) if ch in "从与和及在对由向"), default=0)
            if re.fullmatch(r"[一二三四五六七八九十两\d]+(?:煤)?矿", name[cut:]):
                continue  # 三矿党委负责人: the three mines, not a mine's name
            if BODY_OR_JOINT_RE.search(name, 0, len(name) - 1):
                continue  # 工会还联合矿党委开展…: a body and its verb before the article's own committee
            if len(name) - cut < 3 and PREPOSITION_RE.search(name, 0, cut):
                continue  # 专项行动由矿党委书记任组长, 让我们在矿党委的领导下: a preposition and the article's own committee, no name
            # 该矿被评为先进煤矿党委: a verb of the lead words (评为, 获评 …) begins no name.
            if name.startswith(NOT_A_MINE_START) or name.startswith(LEAD_WORDS) \
                    or any(s <= m.start("name") < e for s, e, _, _ in mentions):
                continue
            if m.re in (MINE_BODY_RE, self.mine_act_re) and (name[0] in _NAME_START_STOP or name[0] in "即并经"
                                         or name.startswith(self.verbs)):
                continue  # …，即由矿党委统一部署, 推动矿党委…: a preposition or a verb, then the article's own committee
            if re.search(r"[该本全各此这]矿$", name):
                continue  # 梳理该矿党委: a verb and the article's own mine, not a name
            if re.match(r"(?:党委|党支部|工会|团委)?\s*\d+\s*个", text[m.end("name"):m.end("name") + 8]):
                continue  # 走访矿党委3个、基层党支部17个: bodies counted, a kind, no name
            if m.re is MINE_BODY_RE and re.search(rf"简称[“\"]?{re.escape(name)}", text):
                continue  # …东坪煤矿（以下简称东坪矿）: a short name, joined to its mine below
            mentions.append((start, m.end("name"), add(name, "Mine"), "mine-subject"))
        # 分析金岭煤矿、柳湾煤矿、青石沟煤矿等单位: each mine of a list of mines.
        for m in MINE_LIST_RE.finditer(text) if "煤矿、" in text else ():
            pos = m.start()
            for item in m.group(0).split("、"):
                # the first item begins after the verb or preposition that governs the list
                name = item if pos > m.start() else re.sub(r"^.*?(?:分析|对|在|从|与|和|以|包括|涵盖|选取|走访|深入)", "", item)
                at = pos + len(item) - len(name)
                if len(name) >= 4 and not name.startswith(NOT_A_MINE_START) \
                        and not any(s0 <= at < e0 for s0, e0, _, _ in mentions):
                    mentions.append((at, at + len(name), add(name, "Mine"), "mine-list"))
                pos += len(item) + 1
        # 中共X委员会: X and its party committee.
        for m in CPC_COMMITTEE_RE.finditer(text) if "委员会" in text else ():
            name = m["name"]
            if name.startswith(NOT_A_MINE_START) or any(s <= m.start() < e for s, e, _, _ in mentions):
                continue
            chain = self.split_chain(name)
            # 中共龙泽能源集团凤鸣岭煤矿委员会: the mine of the group leads the committee.
            # Only the body itself is new here: the bodies above it are named elsewhere
            # (a trade name splits into brand and industry word otherwise: 龙泽能源|集团).
            known = [n for n, _ in chain[:-1] if n in alias_of]
            body = add(chain[-1][0], chain[-1][1], parent=known[-1] if known else None) if chain else add(
                name, "Mine" if name.endswith("矿") else "Company")
            committee = add(body + "党委", "PartyCommittee", parent=body, alias=m.group(0))
            # 中共X委员会党建工作部编: an office of the committee, named as written.
            office = COMMITTEE_OFFICE_RE.match(text, m.end())
            if office is not None:
                sub = add(m.group(0) + office.group(0), "Department", parent=committee)
                mentions.append((m.start(), office.end(), sub, "cpc-committee"))
                continue
            mentions.append((m.start(), m.end(), committee, "cpc-committee"))

        # 被省国资委评为“标杆党支部”, 获评省总工会“工人先锋号”: the body that gave an honour.
        # (tried only where the body's name can begin: 省, 市, 全国…, common.Quick)
        for m in self.scans[AWARDING_BODY_RE].finditer(text) if "省" in text or "全国" in text or "市" in text else ():
            if any(s <= m.start() < e for s, e, _, _ in mentions):
                continue
            name = m["name"] or m["won"]
            typ = next((t for suffix, t in AWARDING_TYPES if name.endswith(suffix)), "Other")
            at = m.start("name") if m["name"] else m.start("won")
            mentions.append((at, at + len(name), add(name, typ), "awarding-body"))
        title = doc._.title or ""
        _title_bodies(title, orgs, add)
        subject = self._subject(orgs, aff_chain, text, title)
        # 综掘二队党支部书记2024年度述职报告, …——黑石岭煤矿综采一队党支部先进事迹材料: a
        # unit's own report or portrait names it in the title; it speaks for the text, under
        # the mine or the committee the text names.
        unit = self.unit_re.search(doc._.title) if doc._.title else None
        title_unit = None
        if unit is not None and doc._.title[unit.end():unit.end() + 1] not in tuple(UNIT_NOT_AFTER) \
                and unit.group(0).endswith(("党支部", "党总支")):
            name = unit.group(0)
            title_unit = add(name, "PartyBranch")
            # 柏树坪煤矿综掘四区党支部书记…述职报告, ——记鹰嘴崖煤矿开拓区党支部…: the title
            # names the unit's mine first (a subtitle's verb 记 is not the name's).
            mine = _mine_before_unit(doc._.title, unit.start())
            title_mine = add(doc._.title[mine[0]:unit.start()], "Mine") if mine else None
            if title_mine is not None:
                # The branch answers to its mine's committee (矿党委 in the text), else the mine.
                parent = add(title_mine + "党委", "PartyCommittee", parent=title_mine, alias="矿党委") \
                    if "矿党委" in text else title_mine
                # (…——红崖沟煤矿采煤二区党支部经验交流材料, given at a meeting of the group the
                # text names most: the title's mine, not a body counted in the text)
                if subject is None or orgs[subject].type not in ("Mine", "Company", "Group") \
                        or (not aff_chain and subject not in doc._.title):
                    subject = title_mine
            else:
                parent = subject if subject is not None and orgs[subject].type == "Mine" else next(
                    (add(form, "PartyCommittee") for form in ("矿党委", "公司党委") if form in text), None)
            if parent and parent != title_unit:
                orgs[title_unit].parent = orgs[title_unit].parent or parent
            if subject is None:
                subject = title_unit
        if subject is None:
            # A report with no named unit (paper 003): its party committee speaks.
            for form in ("矿党委", "公司党委", "党委"):
                if form in text:
                    subject = add(form, "PartyCommittee")
                    break
            # 矿党委 of a report that never names its mine implies the mine itself,
            # which the text calls 矿井 / 全矿 (``结合矿井实际``).
            if subject == "矿党委" and "矿井" in text:
                mine = add("矿井", "Mine", alias="全矿")
                orgs[subject].parent = mine
        # X矿 short names of mines seen in the affiliation or legal names.
        for info in list(orgs.values()):
            if info.type == "Mine":
                short = re.sub(r"^.*(?:公司|集团|煤电|煤业|矿业)", "", info.name)
                if short and short != info.name and len(short) >= 2:
                    add(info.name, "Mine", alias=short)
        # Sub-bodies of every name or alias seen: 利民公司党委, 西铭矿党委.
        for form, canon in sorted(alias_of.items(), key=lambda kv: -len(kv[0])):
            # The name's places found once, each suffix looked for right after them: a search of
            # the whole text for each of the 13 suffixes of every name took 2 % of the extraction.
            at = occurrences(text, form)
            for suffix, typ in SUB_BODIES:
                for m in _followed_by(text, at, form, suffix) if at else ():
                    if form.startswith(("全", "该", "本", "各")) and form != canon:
                        continue  # 全矿党委员…: a generic alias (全矿) makes no body of its own
                    if suffix == "党校" and form in ("矿井", "矿", "公司", "集团"):
                        continue  # 打造“矿井党校＋矿井大讲堂…”: a place of learning, the measure's words
                    if len(form) <= 3 and form != canon and any(st < m.start() < e for st, e, _, _ in mentions):
                        continue  # 矿党委宣传部 inside 石门坡煤矿党委宣传部: a short alias inside a longer name
                    # as written (西铭矿党委); a trade name's body is the legal name's (瑞丰煤业公司党委
                    # is 瑞丰煤业有限责任公司党委 when both name one company)
                    legal_alias = form != canon and canon.endswith(LEGAL_FORMS) and form.endswith(("公司", "集团"))
                    sub = add(canon + suffix, typ, parent=canon, alias=form + suffix) if legal_alias \
                        else add(form + suffix, typ, parent=canon)
                    mentions.append((m.start(), m.end(), sub, "sub-body"))
        # Anaphora for the subject: 矿党委 / 党委 / 公司 / 该矿 …
        if subject:
            self._anaphora(text, subject, orgs, alias_of, mentions, add)
        if title_unit and title_unit != subject:
            self._anaphora(text, title_unit, orgs, alias_of, mentions, add)  # 支部, 该支部
            subject = title_unit  # the unit of the title speaks for the text
        # Bare mass organisations as clause subjects (issue 3 «anaphora»).
        if subject:
            for word, typ in BARE_BODIES:
                # Not in the text, not found: the pattern is tried at every character.
                # (一是公司工会深入开展…: an item of a list opens with its subject too)
                # (矿工会和女工委每季度…: a second body joined to the first by 和)
                for m in () if word not in text else BARE_BODY_RES[word].finditer(text):
                    if text[m.end():m.end() + 2].startswith(BARE_NOT_AFTER):
                        continue
                    # 矿工会、团委在…: a list of bodies; 党建引领、工会搭台: a slogan's words.
                    if text[m.start() - 1:m.start()] == "、" and not re.search(
                            r"(?:^|[，,。；;：:\n、])[\u4e00-\u9fff]{0,3}(?:工会|团委|党委|党支部|党总支|纪委|共青团)$",
                            text[max(0, m.start() - 10):m.start() - 1]):
                        continue
                    if any(s <= m.start() < e for s, e, _, _ in mentions):
                        continue
                    # 公司工会 in the report of 石岭煤业有限责任公司工会: the subject's own body, named
                    # in full elsewhere, not a second one.
                    form = m.group(0).strip()
                    # (矿团委组建…。团委还组织…: the bare word names the subject's body named before)
                    owns = [o.name for o in orgs.values() if o.name.endswith(form) and o.parent == subject
                            and o.name != form]
                    own = owns[0] if owns and (form != word or len(owns) == 1) else None
                    body = own if own is not None else add(word, typ, parent=subject)
                    if form != word:
                        add(body, typ, alias=form)
                    mentions.append((m.end() - len(form), m.end(), body, "bare-body"))
        # Other names alone.
        for form, canon in sorted(alias_of.items(), key=lambda kv: -len(kv[0])):
            for m in literal(form).finditer(text):
                mentions.append((m.start(), m.end(), canon, "name"))

        doc._.orgs = orgs
        doc._.subject = subject or ""
        spans, taken = [], Intervals()
        for start, end, canon, rule in sorted(mentions, key=lambda x: (x[0], -(x[1] - x[0]))):
            if taken.overlaps(start, end):
                continue
            span = char_span(doc, start, end, label=orgs[canon].type)
            if span is None:
                continue
            set_span_ext(span, canonical=canon, rule=rule)  # span._.…, without an Underscore object
            taken.add(start, end)
            spans.append(span)
        doc.spans["org"] = spans
        return doc

    def _subject(self, orgs: dict[str, OrgInfo], aff_chain, text: str, title: str = "") -> str | None:
        """The organisation an article is about: the deepest mine or company of the
        affiliation, else the deepest one its title names (——晋峰煤业公司在…会上的发言: a
        speech of the company about its mines, which the body names more often), else the
        most mentioned mine or company, else ``None``."""
        for name, typ in reversed(aff_chain):
            if typ in ("Mine", "Company"):
                # A paper written from a department is still about its mine.
                return name
        depth = {"Mine": 0, "Company": 1, "Group": 2}
        # 报送单位：中共东坪煤业有限责任公司委员会: the unit that submits a case or an application
        # names whose it is (a compilation's title names the group that compiles it).
        field = UNIT_FIELD_RE.search(text)
        if field is not None:
            named = [(depth[info.type], info.name) for info in orgs.values()
                     if info.type in depth and info.name in field["unit"]]
            if named:
                return min(named)[1]
        named = [(depth[info.type], title.find(info.name), info.name) for info in orgs.values()
                 if info.type in depth and title and info.name in title]
        if named:
            return min(named)[2]
        best, count = None, 0
        for info in orgs.values():
            if info.type in ("Mine", "Company", "Group"):
                n = sum(text.count(f) for f in (info.name, *info.aliases))
                if n > count:
                    best, count = info.name, n
        return best

    def _anaphora(self, text, subject, orgs, alias_of, mentions, add):
        subj = orgs[subject]
        committee = subject if subj.type == "PartyCommittee" else next(
            (o.name for o in orgs.values() if o.parent == subject and o.type == "PartyCommittee"), None)
        # 集团党委 in a text about one of the group's mines or about the group: the party
        # committee of the group it names (龙泉煤业集团 → 龙泉煤业集团党委), not the subject's.
        # (a group named by its legal form, X集团有限公司, is typed Company)
        group = next((o.name for o in orgs.values() if o.type == "Group"), None) or next(
            (o.name for o in orgs.values() if o.type == "Company" and "集团" in o.name), None)
        if group is not None:
            # 集团团委, 集团工会 too: the group's own mass bodies; 集团党委办公室: an office of
            # its committee (the office is written as the text writes it).
            for form, body, typ in (("集团公司党委", "党委", "PartyCommittee"), ("集团党委", "党委", "PartyCommittee"),
                                    ("集团团委", "团委", "YouthLeague"), ("集团工会", "工会", "Union"),
                                    ("集团纪委", "纪委", "Department"), ("集团党校", "党校", "Other")):
                for m in literal(form).finditer(text):
                    if text[m.start() - 1:m.start()] in ("该", "各", "本") or \
                            any(st <= m.start() < e for st, e, _, _ in mentions):
                        continue
                    own = add(group + body, typ, parent=group, alias=form)
                    office = COMMITTEE_OFFICE_RE.match(text, m.end()) if body == "党委" else None
                    if office is not None:
                        sub = add(form + office.group(0), "Department", parent=own)
                        mentions.append((m.start(), office.end(), sub, "anaphora"))
                    else:
                        mentions.append((m.start(), m.end(), own, "anaphora"))
        # (a news story about two mines, under the first one's name: 马鞍梁煤矿工会也没闲着。矿工会组织…
        # is the second one's union)
        if subj.type in ("Group", "Company") or sum(o.type == "Mine" for o in orgs.values()) >= 2:
            self._mine_bodies(text, orgs, mentions, add)
        forms = []
        if subj.type == "Mine":
            forms += [("矿党委", "PartyCommittee"), ("该矿", None), ("全矿", None)]
            # 矿纪委, 矿工会, 矿团委: the mine's own bodies, named with the mine's short form.
            short = min((subject, *subj.aliases), key=len)
            for body, typ in (("纪委", "Department"), ("工会", "Union"), ("团委", "YouthLeague")):
                for m in literal("矿" + body).finditer(text):
                    if text[m.start() - 1:m.start()] in ("煤", "该", "全", "各") or \
                            any(st <= m.start() < e for st, e, _, _ in mentions):
                        continue
                    sub = add(short + body, typ, parent=subject, alias="矿" + body)
                    mentions.append((m.start(), m.end(), sub, "anaphora"))
        if subj.type in ("Company", "Group"):
            forms += [("公司党委", "PartyCommittee"), ("该公司", None)]
        if subj.type not in ("PartyBranch", "Team"):
            forms += [("党委", "PartyCommittee")]  # a branch or team has no 党委 of its own
        if subj.type == "PartyBranch":
            forms += [("该支部", None), ("党支部", None), ("支部", None)]  # the branch's own report
        for form, typ in forms:
            for m in literal(form).finditer(text):
                if any(s <= m.start() < e for s, e, _, _ in mentions):
                    continue
                if typ == "PartyCommittee":
                    if committee is None:
                        # The committee takes the body's shortest name (新庄煤矿党委).
                        short = min((subject, *subj.aliases), key=len)
                        committee = add(short + "党委", "PartyCommittee", parent=subject)
                    add(committee, "PartyCommittee", alias=form)
                    mentions.append((m.start(), m.end(), committee, "anaphora"))
                else:
                    add(subject, subj.type, alias=form)
                    mentions.append((m.start(), m.end(), subject, "anaphora"))

    def _mine_bodies(self, text, orgs, mentions, add):
        """矿党委, 矿工会, 矿团委, 该矿 in a text about a group or company that names several
        of its mines (an interview, a survey, a bulletin): the bodies of the mine named last
        before them in the same paragraph (``比如红柳沟煤矿是…，矿党委就…``), not of the
        text's subject. Where no mine is named before them, the subject's rules apply."""
        mines = sorted((s, e, canon) for s, e, canon, _ in mentions if orgs[canon].type == "Mine")
        if not mines:
            return
        # (所属矿党委, 基层矿党委: the group's mines in general, none of them)
        for m in re.finditer(r"(?<![煤全各本属层级])矿(党委|工会|团委|纪委)|该矿", text):
            if any(st <= m.start() < e for st, e, _, _ in mentions):
                continue
            para = text.rfind("\n", 0, m.start()) + 1
            mine = next((canon for s, e, canon in reversed(mines) if para <= s and e <= m.start()), None)
            if mine is None:
                continue
            if m.group(1) is None:
                mentions.append((m.start(), m.end(), mine, "anaphora"))
                continue
            typ = SUB_BODY_TYPE[m.group(1)]
            body = add(mine + m.group(1), typ, parent=mine, alias="矿" + m.group(1))  # as the text calls it
            mentions.append((m.start(), m.end(), body, "anaphora"))
