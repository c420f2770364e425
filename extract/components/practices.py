"""``minekg_practices``: names of practices (mechanisms, institutions, activities).

Rules (issue 3 «Practice names», GUIDELINES.md «Practice»):

- *quoted*: ``“X”`` with an optional type word after it (``“第一议题”制度``,
  ``“462”党建工作模式``, ``“党建引领、工会搭台、职工参与”的工作模式``); not a slogan of
  ``slogans.tsv``, not a value or principle (followed by 理念/精神/作用 …, preceded by
  树立/弘扬 …), not an example of a count (``“掘进机截齿优化”等8项``).
- *lexicon*: curated institutions of ``practices.tsv`` (三会一课, 主题党日 …).
- *typed*: an unquoted name that follows an adoption verb (建立, 完善, 搭建 … in
  ``cues.tsv``) or a list comma and ends in a type word of ``practice_types.tsv``
  (``建立健全组织协同机制`` → ``组织协同机制``).
- *list*: the items of ``A、B、C等活动`` after an adoption verb (``开展职工技能培训、岗位
  练兵、技能比武等活动``); not when the list names the forms of one measure
  (``利用集中、自主、专题等多种形式的培训模式``: the items are attributes of 培训模式).
- *idiom*: the four-character rule formula ``逢X必Y`` (``逢会必讲``, ``逢查必考``, ``逢岗必学``)
  names a standing rule of work.
- *counted*: a name ending in a type word directly followed by a count of participants
  (``井下维修课堂28人``, ``青工夜校120人次``) is a measure whose effort is reported.
- *distributive*: a list whose last item carries a place suffix shares it with every
  item (``“6”是政治引领、风气建设…、凝聚群众到支部`` → ``政治引领到支部`` …;
  ``包括安全培训、技术攻关进班组``), each part of the model named before it.
- *vehicle*: ``以X为载体`` (抓手, 平台, 依托 …) makes a typed name X the measure through
  which the work is done (``以干部包队活动为载体``; not ``以安全生产为抓手``).
- *numbered label*: a quoted label that opens with a numeral (``“三关”``, ``“十不准”``)
  names a measure only together with its topic noun written before it
  (``严把发展党员“三关”`` → ``发展党员“三关”``; ``纪检监察干部“十不准”``).
- *components*: a quote that joins named facilities or institutions with ``+``
  (``“矿井党校+矿井大讲堂+…教育基地”…的党建教育工作矩阵``) names each of them, part of
  the typed head written after the quote.
- *components*, definition form: ``“三环”即学习环、责任环、监督环``, ``“五联五促”…模式，
  即A、B、C、D和E``: the items are the parts of the model, when their count is a numeral of
  the label (三环: 3; 一哨一队一站: 3) or the label has none.
- *topic before a bare quote*: an adoption verb and a short topic before a quote without a
  type word belong to the name (``推行党员设备“包机制”`` → ``党员设备“包机制”``).
- *again*: a name found once is a mention of the same measure wherever it is written again,
  so that a result stated with it (``2024年“青安哨”发现并整改隐患418条``) can be linked.
  So is a type word alone after a name ending with it (``突击队成立以来``), a bare label
  after or before its typed name (a title's ``“双巡一查”``), and a short name defined in
  brackets (``（以下简称“联保”）``).
- *not here*: no measure in a keywords line, a sentence reporting the literature
  (``王强（2020）提出…``), an entry of a reference list, a heading that only gives a direction
  (``4.1 完善安全考评机制``), a graded standard, a figure of speech after a copula
  (``是全矿公认的“硬骨头”``), or the jargon of a result in quotes (``“三违”``).
- *model parts*: a sentence that opens by building a system or model
  (``矿党委构建“三位一体”支持体系技术上设立“党员创新工作室”…``) lists its parts after
  it: the practices that follow in that sentence are part of it.

Each practice span gets ``label_`` (domain), ``span._.canonical`` (name), ``span._.rule``,
``span._.modality`` (``recommended`` after 要/应/需要 … in its clause) and
``span._.part_of`` (``X`` in ``“X”…其中“Y”``, or the model a ``“…到支部”`` part belongs to).
"""
from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Container

from spacy.language import Language
from spacy.tokens import Doc

from ..ingest import BULLETS, normalise_name
from ..lexicon import Lexicons, load_lexicons
from .common import (CLAUSE_SEP, Intervals, Quick, char_span, doc_text, finditer_ending_at, finditer_starting_at,
                     in_order, in_sorted, literal, occurrences, ordered_alternation, sent_of, set_span_ext, span_ext, starting_in,
                     TokenEnds, token_starts, word_alternation)

QUOTE_RE = re.compile(r"[“\"]([^“”\"\n]{1,30})[”\"]")
#: Adjacent quotes that name one measure together with the noun after them:
#: ``“立体式”“体验式”“下沉式”学习``, ``“一岗双责”“一票否决”制度``.
QUOTE_RUN_RE = re.compile(r"(?:[“\"][^“”\"\n]{1,12}[”\"]){2,}\s*(?:学习|培训|教育|管理)")
#: A frequency before a bare quote makes it one act of a schedule, not a named measure:
#: ``月度一“复盘”、季度一通报、半年“回头看”``; 进行“复盘”: an act, not a name.
SCHEDULE_BEFORE_RE = re.compile(r"(?:月度一|季度一|年度一|每月|每季|每周|半年|进行|开展了?一次)\s*$")
#: A copula inside a candidate means a clause was glued on: ``“2”是党建工作``,
#: ``党风廉政建设是一项系统工程``.
COPULA_RE = re.compile(r"是(?:一项|一种|一个|通过|以|要|指|党建|[\u4e00-\u9fff]{0,4}工作)")
PUNCT = set("，,。；;：:！？!?（）()、“”\"《》\n·•|｜")
#: Words after a quote that make it a value, principle or problem, not a measure.
#: 以A、B为主要内容的“X”…: the contents of a model, then its quoted name.
CONTENTS_RE = re.compile(r"以(?P<items>[\u4e00-\u9fff、]{5,60}?)为(?:主要|核心|重点|基本)?内容的(?P<quote>[“\"][^”\"]{1,16}[”\"])")
#: A quoted model that takes its parts as its lines of work: “五心护航”以铸心、明心、守心、暖心、匠心为
#: 主线 (the count of the items is the label's numeral).
LINES_OF_RE = re.compile(r"(?P<quote>[“\"][^”\"]{1,16}[”\"])[\u4e00-\u9fff]{0,8}?以(?P<items>[\u4e00-\u9fff]{2,8}(?:、[\u4e00-\u9fff]{2,8})+)"
                         r"为(?:主线|主轴|核心|抓手|支撑|重点|主要内容)")
#: Words that type a quoted name and no other (``“网格化”管理``, ``“三个一”安全教育``,
#: ``党员“身边无违章”承诺``, ``“一人一档”履职档案``, ``“掌上党校”App``; 配件档案, 移动互联网和
#: APP are no names).
QUOTED_ONLY_TYPES = ["工作", "建设", "品牌", "项目", "管理", "教育", "承诺", "档案", "App", "APP", "小程序",
                     # 提出“短掘短支、锚网索联合支护”方案: a plan named by its quoted content
                     "方案",
                     # “一对一”师徒帮带 (not 服务: “党建+工会”服务本色 is a quality), “一对一”带班
                     "帮带", "带班",
                     # “青安哨兵”监督队, “贤内助”家属安全协管队: a team named by its quoted motto
                     # (unquoted, 综采队 is a work unit)
                     "队",
                     # “一人一句安全话”征集, “小改小革”评比, “一帮一”结对共建, “安全党课”师资研修班:
                     # an activity named by its quoted theme and the noun of the act
                     # (每月开展一次“红哨标兵”评选: a title awarded, the act of choosing)
                     "征集", "评比", "评选", "竞赛", "比武", "结对共建", "结对", "研修班", "培训班", "轮训班",
                     # 党员“一带一”帮扶, “五型班组”创建
                     "帮扶", "创建",
                     # 开展“亮身份、当标杆”主题党日: the institution held under its quoted theme
                     "主题党日",
                     # 实行“一帮五”安全包保, 对隐患实行“红黄蓝”三色挂牌督办: a way of holding people
                     # to account named by its quoted motto and the noun of the act
                     "包保", "督办", "帮教",
                     # 推行“红袖标”安全巡查, 开展“夜鹰”巡查: a patrol named by its quoted motto
                     "巡查",
                     # 开展“反三违”查纠, 由一名党员“一对一”盯岗: checks and watches named by their motto
                     "查纠", "盯岗",
                     # 举办“安全青语”短视频大赛: a contest named by its theme
                     "大赛"]
#: Quoted-only type words that are also verbs: they name the measure only a few words
#: after the quote (“一帮五”安全包保; not “三违”重点人员结成包保对子, where they are the verb's).
VERB_TYPES = ("包保", "督办", "帮教", "查纠", "盯岗", "巡查")
#: Words between a quote and a verb type that make the quote the object's qualifier.
VERB_TYPE_HEAD_RE = re.compile(r"开展|进行|实行|实施|组织|职工|人员|隐患|问题")
#: “X”（type word）即A、B、C: a model defined by its parts, the way policy writing spells out
#: a numbered label (“三环”即学习环、责任环、监督环; “五联五促”党建工作模式，即组织联建促融合、…;
#: “三链”分别是A、B、C; …模式，包括A、B和C三个部分; “三联”指A、B、C, as a thesis defines its terms).
DEFINITION_RE = re.compile(r"(?P<quote>[“\"][^“”\"\n]{1,16}[”\"])(?P<tail>[^，,。；;：:“”\"\n（(]{0,10}?)"
                           # …安全融合机制（以下简称“三联三保”），即…: the short name between
                           r"(?:[（(](?:以下|下文)?简称[^）)\n]{1,16}[）)])?"
                           # …模式由五个相互支撑的部分构成，分别是A、B…: what it is made of, then the parts.
                           # …工程，该工程包括A、B和C: the model named again before its parts.
                           r"(?:[，,](?:该|这一|此)[\u4e00-\u9fff]{1,4})?"
                           r"(?:由[^，,。；;：:“”\"\n]{1,14}?(?:构成|组成)[，,]?)?[，,]?"
                           # 即从A、B、C、D四个维度协同发力: the items of a model's dimensions after 从
                           r"(?:即|分别是|分别为|包括|涵盖|是指|指)从?"
                           r"(?P<items>(?:[\u4e00-\u9fff]|“[\u4e00-\u9fff]{1,12}”){2,16}?"
                           r"(?:(?:、|和|及|与)(?:[\u4e00-\u9fff]|“[\u4e00-\u9fff]{1,12}”){2,16}?)+)"
                           # …和保障链三个部分: the count of the parts closes the list.
                           # (…文化润安四个维度协同发力: what the dimensions do, after their count)
                           r"(?:等?[一二三四五六七八九十两\d]+(?:个|项|大)?(?:部分|方面|环节|板块|模块|内容|维度|层面)"
                           r"[^，,。；;：:\n“”\"]{0,8})?(?=[，,。；;：:\n]|$)")
CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
#: A count with its measure word, between an adoption verb and the name it governs.
COUNT_BEFORE_RE = re.compile(r"[\d一二三四五六七八九十两]+\s*(?:个|支|处|项|类|条|家|块|座|间|套)")
NOT_MEASURE_AFTER = ("理念", "精神", "作用", "意识", "问题", "现象", "思维", "叠加", "转变", "的惯性",
                     "的决定性", "的现象", "的问题", "的理念", "的企业精神", "式", "难题", "指标",
                     "的教育效果", "部署",
                     # 6月“安全生产月”期间: a time (“先锋”类: KIND_AFTER_RE)
                     "期间",
                     # “老好人”思想: a way of thinking, a fault
                     "思想",
                     # “两个维护”目标: an aim set from outside
                     "目标", "任务",
                     # “劳动模范”称号, “标杆党支部”荣誉: an honour received, not a measure
                     "称号", "荣誉", "殊荣",
                     # “党建强、安全稳、效益增”工作主线: a line of work, an approach
                     "主线", "思路", "方针", "总基调", "定位",
                     # 让职工“有事找党员”成为习惯: a habit formed, a state reached
                     "成为习惯", "成为常态", "成为自觉", "蔚然成风")
NOT_MEASURE_BEFORE = ("树立", "树牢", "提炼出", "弘扬", "坚定", "增强", "做到", "捍卫", "守牢", "反对",
                      "避免", "破解", "摒弃", "秉持", "转变为", "从", "围绕", "包含", "的“",
                      # 不能“自拉自唱”, 防止“两张皮”: a fault to avoid; 既“亮身份”又“亮实绩”: paired catchwords
                      "不能", "不要", "不搞", "防止", "既", "又",
                      # 有什么“秘诀”: the object of a question, not a name
                      "什么", "哪些")
GENERIC_PREFIX = ("相应", "相关", "各项", "各类", "各种", "有关", "这一", "该", "此", "一系列", "多种",
                  "传统", "现有", "有效", "良好", "新的", "一套", "一种", "各级",
                  # (推广行之有效的工作机制: a quality, no name)
                  "行之有效", "切实可行", "务实管用")
#: The first words of a typed phrase that names no measure of its own (运行机制, 长效机制,
#: 工作机制, 管理制度: every organisation has them).
GENERIC_STEMS = ("运行", "长效", "工作", "管理", "相关", "配套")
#: An abstract noun joined to the name (构建思路和运行机制, 目标与评价体系): the way a paper
#: describes a model, not a measure's name.
ABSTRACT_AND_RE = re.compile(r"^(?:思路|理念|目标|原则|方法|路径|内涵|逻辑)[和与及]")
LIST_HEADS = ("活动", "形式", "方式", "措施", "载体", "举措", "多种形式", "机制", "制度", "规定", "平台",
              "阵地")
#: Heads of a list of facilities and channels; such a list names practices after any verb
#: that puts them to use (``通过井口文化长廊、党员示范岗等载体``, ``用好纪检简报等平台``).
CARRIER_HEADS = ("载体", "平台", "阵地")
CARRIER_VERBS = ("通过", "发挥", "用好", "依托", "利用", "借助")
#: What follows a quote (after a run of quotes, adjacent or joined by 、/和) when the quotes
#: name problems, fields, honours or nicknames, not measures: ``“高瓦斯区域抽采效率低”等技术难题
#: 5项``, ``“党建+数字化”“党建+绿色发展”等领域``, ``“工人先锋号”等荣誉称号``, ``素有“咽喉”和
#: “血脉”之称``.
NOT_MEASURE_LIST_RE = re.compile(r"(?:\s*[、和与及]?\s*[“\"][^“”\"\n]{1,30}[”\"])*\s*(?:等?[\u4e00-\u9fff]{0,4}(?:难题|问题|领域)"
                                 r"|等[\u4e00-\u9fff]{0,4}(?:荣誉|称号|殊荣)|[\u4e00-\u9fff]{0,2}(?:之称|美誉))")
#: A typed candidate that is a phrase, not a name: an orientation (以职工为中心), a range
#: (从学习到行动), a prepositional object (对领导干部的考核), a property (具有…的…,
#: 适应新时代要求的…新模式), or a generic reference (党政相关制度).
#: A harm held at zero (零事故, 零超限, 零“三违”): a result's words, not a measure's name.
ZERO_HARM_RE = re.compile(r"零(?:事故|伤亡|伤害|死亡|隐患|轻伤|重伤|超限|超标|违章|违纪|三违|“三违”|\"三违\")")
NOT_A_NAME_RE = re.compile(r"(?:领导|工作)小组$|^党建(?:品牌|工作|阵地|体系|格局)$|^(?:(?:这|那)[本个套项份种些]|[\u4e00-\u9fff]{0,4}(?:现有|原有|已有)|以.{1,8}为|从.{1,8}到|对.{1,10}的|具有|(?:适应|适合|符合|满足).{1,12}的)|(?:相关|有关|相应)的?[^的]{0,2}$")
#: (成立安全生产领导小组, 工作小组: a body that runs the work, not a measure of it)
#: One item of a 、-list: up to 16 characters without punctuation.
# (· and • join the headlines of a news list: 推进会召开·一线党员讲安全)
ITEM_RE = re.compile(r"[^，,。；;：:！？!?（）()、“”\"《》\n·•]{1,24}")
#: Inside a list item, what ends the list or makes it a description (等, 的).
LIST_CLOSE_RE = re.compile(r"[等的]")
#: A list item that is a line of work (政治建设), not a delimited measure (GUIDELINES.md:
#: «Not a practice: a bare direction»).
DIRECTION_END = ("建设",)
#: A list whose last item carries a place suffix that distributes over all items.
DISTRIB_RE = re.compile(r"(?:是|包括|即|涵盖)(?P<items>[\u4e00-\u9fff]{2,8}(?:、[\u4e00-\u9fff]{2,8})+)"
                        r"(?P<suffix>(?:到|进)(?:支部|班组|区队|岗位|一线|基层|车间))")
#: 逢会必讲, 逢查必考: a four-character rule formula (逢 + occasion + 必 + duty).
IDIOM_RE = re.compile(r"逢[\u4e00-\u9fff]必[\u4e00-\u9fff]")
#: Words for people that end like an organisation (干部 ends in 部).
PEOPLE = ("干部", "党员", "职工", "员工", "群众", "团员")
#: 以X为载体: X is the vehicle of the work.
VEHICLE_RE = re.compile(r"以(?P<x>[^，,。；;：:！？!?、“”\"\n]{2,14}?)为(?:重要|主要|有效)?(?:载体|抓手|平台|依托|牵引|切入点|突破口)")
#: A quoted label that opens with a numeral: “三关”, “十不准”, “两个一以贯之”.
NUMBERED_RE = re.compile(r"[一二三四五六七八九十两百千万\d]")
#: Verbs that stand between a numbered label's topic and what comes before it
#: (严把发展党员“三关”), beside the adoption verbs.
LABEL_VERBS = ("严把", "把好", "把牢", "把住", "守住", "守好", "严守", "执行")
#: Prepositions and linking verbs that may stand before a quote: 通过“三会一课”.
LABEL_PREPOSITIONS = ("为了让", "为了", "让", "使", "通过", "依托", "借助", "结合", "围绕", "按照", "根据", "利用", "运用", "在", "以", "把",
                      "将", "用", "对", "与", "和", "及", "依靠", "凭借", "靠着", "有了", "经过")
#: The effect of a measure named after it (借助“违章曝光台”的警示作用, 在“师徒帖”的约束下,
#: 在“双述双评”的推动下): the quote is the measure that acts, not a modifier of a phrase.
EFFECT_AFTER_RE = re.compile(r"的(?:持续|有力|有效)?(?:[\u4e00-\u9fff]{2}作用|作用|带动|推动|引领|约束|激励|促进|助推|影响)(?:下|[，,。；;]|$)"
                             # “党员安全包保”的深入实施，使…: the measure put to work.
                             r"|的(?:深入|全面|持续|有效|扎实)?(?:实施|推行|开展|落实|运行|推进|推广)")
#: The ways a survey or an inspection gathers its facts (调研报告: 采取座谈交流、个别访谈、查阅
#: 台账、实地查看等方式, 召开座谈会11场): the method of the text's authors, not a measure.
INQUIRY_RE = re.compile(r"座谈|访谈|问卷|查阅|调研|查看|察看|走访|听取汇报")
#: The list of a survey's methods closes with 等方式 (采取座谈交流、查阅台账等方式).
METHODS_AFTER_RE = re.compile(r"[^。；;]{0,40}?等(?:多种)?方式")
#: A person as the agent right before a quote that ends the clause (由一名党员师傅“认领”，):
#: the quote is what the person does. Not after an adoption verb (推行党员“安全包保”: a measure).
PERSON_BEFORE_RE = re.compile(r"(?:(?:由|被|让|请)[^，,。；;“”\"]{0,6}|[一每]名[^，,。；;“”\"]{0,4})"
                              r"(?:党员|职工|员工|师傅|书记|队长|班长|工人|群众|家属)$")
#: A person who owns what the quote names (师傅的“规矩”, 他的“土办法”): a person's words or
#: habits, not an organisation's measure.
OWNER_BEFORE_RE = re.compile(r"(?:师傅|书记|班长|队长|主任|老师|父亲|母亲|妻子|丈夫|家人|家属|工友|大家|他|她|他们|我们|自己)的$")
#: A top-level heading line (一、…): a section of a report, whose sub-headings ((一), 1.)
#: stay inside it.
TOP_HEADING_RE = re.compile(r"^\s*[一二三四五六七八九十]+、[^\n]*", re.M)
#: What a heading of plans for the year to come says (三、2025年工作打算, 四、下一步工作思路).
PLAN_WORDS_RE = re.compile(r"工作打算|工作计划|工作思路|下一步|努力方向|重点任务|工作安排|工作设想")
#: A verb of becoming before a second quote: 把“大道理”讲成“身边事” — both are figures.
BECOME_RE = re.compile(r"[变讲说写做当]不?成")
BECOME_QUOTE_RE = re.compile(BECOME_RE.pattern + r"了?[^，,。；;“”\"\n]{0,6}?[“\"]")  # 从“被人管”变成了现在的“主动查”
#: The parts of a model a copula may name (核心是“党员安全包保责任制”): then a quoted name
#: with its type word is the measure, not a figure of speech (党建工作是“一把手工程”).
PART_COPULA_RE = re.compile(r"(?:核心|关键|重点|内容|载体|抓手|基础|主线)(?:做法|举措|内容)?(?:就)?是[^，,。；;“”\"]{0,4}$")
#: What a topic noun before a label cannot hold: a particle, a pronoun, a locative or a
#: verb's complement (坚持不懈的“微党课”, 这要归功于“四必到”, 在支部里张罗起“…”), or an organisation
#: followed by its verb (依托集团党校开设“安全党课”…), or a count of times (开展一次“安全家访”):
#: the words before are a clause, not a topic.
#: (以党员为“一线”: what the words before 为 are made, a role; no topic of the label)
NOT_A_TOPIC_RE = re.compile(r"^[一二三四五六七八九十两\d]+[次轮期场回遍]$|印成|制成|做成|编成|开设|^案例|[的这那其于里起了着过们每由]|为$|(?:党校|党委|支部|工会|团委|集团|公司|煤矿)[\u4e00-\u9fff]")
#: A preposition of means right before a quote (靠着“…”, 依靠“…”, 通过“…”).
MEANS_BEFORE_RE = re.compile(r"(?:靠着|依靠|凭借|通过|依托|借助)$")
#: A short name defined in brackets right after a name: （以下简称“联保”）, （简称：双述）.
ABBREVIATION_RE = re.compile(r"\s*[（(]\s*(?:以下|下文)?简称[：:]?\s*[“\"]?(?P<alias>[^）)“”\"，,、]{2,10}?)[”\"]?\s*[）)]")
#: A sentence that reports the literature: an author and year (王强（2020）提出, 李明等(2021)
#: 认为) or scholars and studies as the subject (有学者指出, 已有研究表明).
LITERATURE_RE = re.compile(r"[\u4e00-\u9fff]{1,4}(?:等人?)?\s*[（(](?:19|20)\d{2}[）)]\s*(?:提出|指出|认为|研究|发现|总结|构建)|"
                           r"(?:有学者|学者们?|已有研究|现有研究|有研究|相关研究|国内外研究|既有文献|已有文献)"
                           r"[^。！？]{0,6}(?:提出|指出|认为|表明|发现|总结)")
#: LITERATURE_RE tried only on a sentence with one of its words (common.Quick): searching every
#: sentence of a practice was 0.18 s per 300 benchmark papers, 0.03 s so.
_LITERATURE = Quick(LITERATURE_RE)
#: An entry of a reference list (GB/T 7714-2015: [n] authors. title[J]. journal, year…): the
#: titles of other works, not measures of this text.
REFERENCE_ENTRY_RE = re.compile(r"\s*[\[［]\d{1,3}[\]］][^\n]*\[(?:J|M|D|N|C|R|S|P|EB/OL|Z)\]")
#: A heading that gives a direction before a name: 4.1 完善, （二）健全, 三、加强.
DIRECTION_HEADING_RE = re.compile(r"\s*(?:\d+(?:\.\d+)*|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、)\s*"
                                  r"(?:进一步)?(?:完善|健全|加强|强化|优化|深化|规范|注重|提升)")
#: A graded standard around a name (国家一级安全生产标准化管理体系, 标准化示范矿井).
STANDARD_BEFORE_RE = re.compile(r"[一二三]级$|级的$")
STANDARD_AFTER_RE = re.compile(r"(?:管理体系|示范矿井|矿井|达标|等级)")
#: The object of a verb that a name ends with (党员包保职工): people or units, not a name.
PERSON_OBJECT_RE = re.compile(r"(?:职工|员工|班组|区队|岗位|新工人|群众|对象)")
#: The keywords line of a journal paper, up to a position on it.
KEYWORDS_LINE_RE = re.compile(r"^\s*[【\[]?\s*(?:关\s*键\s*[词字]|Key\s*words)", re.I)
#: A quote that is the predicate of a copula or a verb of becoming, with at most a modifier
#: and 的 between: a figure of speech (是全矿公认的“硬骨头”, 变为保安全的“硬支撑”, 让亲情成为安全的
#: “第二道防线”, 被职工誉为“安全管家”), not the name of a measure. 是 after a counted item
#: (一是, 另一条是, 第二项是) introduces the item, not a predicate.
FIGURATIVE_BEFORE_RE = re.compile(r"(?:(?<![一二三四五六七八九十还也就])(?<![一二三四五六七八九十另][条项个])是(?!指)|成为|成了|变为|" + BECOME_RE.pattern + r"|化为|誉为|称为|称作|(?<!做法)(?<!办法)叫作|(?<!做法)(?<!办法)叫做|比作|喻为|视为|当作"
                                  r"|(?<![以把将])作为|当好|争当|争做|甘当|(?:不能|不要|不做|不当|不再)当|转向|转为|转变为)[^，,。；;“”\"\n]{0,10}$")
#: Verbs that govern a list of items without adopting a measure (统筹A、B、C, 压实A、B).
GOVERN_VERBS = ("统筹", "压实", "抓实", "夯实", "织密", "拧紧", "压紧", "促进", "推动")  # (推进 adopts: cues.tsv)
#: A counted label in quotes (“三线”, “两卡”): a numeral and the noun that each item of the
#: list right before it ends with (党组织责任线、行政管理责任线、岗位操作责任线“三线”融合).
ENUM_LABEL_RE = re.compile(r"[“\"](?P<n>[两二三四五六七八九十])(?P<noun>[\u4e00-\u9fff])[”\"]")
#: The items of a quoted model named with their count and type word (“铸魂、强基、护安”三大工程):
#: each item with the type word is the name of a part (铸魂工程), as the text writes it again.
QUOTED_PARTS_RE = re.compile(r"[“\"](?P<items>[\u4e00-\u9fff]{2,6}(?:、[\u4e00-\u9fff]{2,6}){1,8})[”\"]"
                             r"(?P<n>[两二三四五六七八九十])(?:大|项|个)?")
#: A list item that opens with a short name and a dash or a colon (▶ 思想护航——把…, 1.组织护航：…).
PART_ITEM_RE = re.compile(rf"\s*(?:[{BULLETS}]|\d+[.、．]|[（(]?[一二三四五六七八九十][）)、])\s*"
                          r"(?P<name>[\u4e00-\u9fff]{2,8})\s*(?:——|—|：|:|－)")
#: Words before or after a quote that make it a fault to avoid or met (防止积分“空转”, 出现了…
#: “挂牌不履职”等情况, 由“挂名”变为“落地”: the state left behind).
PROBLEM_BEFORE_RE = re.compile(r"(?:防止|避免|杜绝|克服|防范|出现了?|存在)[^，,。；;“”\"]{0,8}$")
PROBLEM_AFTER_RE = re.compile(r"等?(?:情况|问题|现象|倾向)|(?:的)?(?:问题|现象)|变为|变成|转变为|转为")
#: A post named as an item of a list (一是党员网格长岗，由…担任): 岗, 哨 and a station close the
#: name; no modal verb inside (二是支部书记要往前站: a clause).
LISTED_POST_RE = re.compile(r"(?<=[一二三四五六七八九十]是)(?P<name>(?:(?![要会才得应能])[\u4e00-\u9fff]){2,8}"
                            r"(?:岗|哨|(?:服务|工作|监督|宣讲)站))(?=[，,；;])")
#: 类 after a quote, or after the quotes that follow it (“先锋”“堡垒”类名称): examples of a kind.
KIND_AFTER_RE = re.compile(r"(?:[、和]?[“\"][^“”\"\n]{1,16}[”\"])*类")
#: Idioms of official writing that look like typed names (列为“一把手”工程: the top leader's own
#: charge; 民心工程: a work for the people's sake).
FIXED_FIGURES = frozenset({"一把手工程", "民心工程", "德政工程", "形象工程", "面子工程", "一号工程"})
#: Adverbs of manner written in quotes (由党员“一对一”开展帮教): how something is done.
MANNER_QUOTES = frozenset({"一对一", "一帮一", "面对面", "手把手", "点对点", "一对多", "多对一", "心贴心", "肩并肩"})
#: The end of a title given to bodies or people (先锋党支部, 先进基层党组织, 标兵), and what
#: follows a title given (进行了授牌, 称号, 荣誉).
HONOUR_BODY_END_RE = re.compile(r"(?:党支部|党组织|党委|班组|区队|集体|标兵|能手|先进个人)$")
HONOUR_AFTER_RE = re.compile(r"(?:进行了?)?授牌|称号|荣誉|牌匾|表彰")
#: The verb that gives a title, right before it (评为“…党支部”).
HONOUR_VERB_BEFORE_RE = re.compile(r"(?:评为|授予|获评|命名为)$")
#: What a person grew up to be, before a quote (是从掘进工一步步干起来的“老掘进”).
GROWN_UP_BEFORE_RE = re.compile(r"是[^，,。；;“”\"]{0,20}(?:起来|出来|出身)的$")
#: 以X为 right before a quote: the role it makes of X (以党员为“一线”).
ROLE_FRAME_BEFORE_RE = re.compile(r"以[^，,。；;“”\"]{1,8}为$")
#: How many times, opening a label's topic (开展一次入井前“亲情叮嘱”).
SESSIONS_RE = re.compile(r"[一二三四五六七八九十两\d]+[次轮期场回遍]")
#: A verb with a potential complement (看得见, 管得住, 留得下来): what can be done, never a name.
POTENTIAL_RE = re.compile(r"[\u4e00-\u9fff]{1,2}得[见着住到上下动了起来去懂会好]{1,2}")
#: The end of an engineering project's or a device's name (小改小革, 攻关课题): a piece of work
#: done or a thing made, not a way of working (“胶带机智能纠偏装置”获…科技进步奖).
TECHNICAL_END_RE = re.compile(r"(?:优化|改造|改进|研制|工艺|装置)$")
#: Verbs that report what people said or think, before their words in quotes.
SPEECH_VERBS = "认为|表示|觉得|反映|称赞|说|坦言|感慨|谈到|提到|叮嘱|嘱咐|提醒|一句|一声"
#: Inside the brackets of a short name (（以下简称“华垣能源”或“集团”）): quotes name the body.
SHORT_NAME_BEFORE_RE = re.compile(r"[（(]\s*(?:以下|下文)?简称[^）)]*$")
#: A number of a compound label defining the quoted items right after it, which end where a
#: span starts (“4”是指“岗位认领”“隐患随手拍”…: the “4” of “1+4”先锋工作体系).
NUMBER_ITEMS_RE = re.compile(r"[“\"](?P<n>\d{1,2}|[一二三四五六七八九十N])[”\"](?:即|是指|指)(?:[“\"][^“”\"\n]{1,16}[”\"][、，,]?)*$")
#: A numbered label defined by one name: “1”即各级党委安全生产履职清单, “1”指一张…清单.
SINGLE_PART_RE = re.compile(r"[“\"][\d一二三四五六七八九十][”\"](?:即|指|是指)(?:一[张个项套条份])?(?:各级)?"
                            r"(?P<item>[\u4e00-\u9fff]{4,16})(?=[，,；;。])")
#: An item of a counted set named by its ordinal (第一项是“班前三问”。第二项是党员联保，…): the
#: set is named before it with the same classifier (“3”项安全机制, 三项制度).
ORDINAL_ITEM_RE = re.compile(r"(?:^|(?<=[\n。；;！？，,]))\s*第(?P<n>[一二三四五六七八九十]|\d{1,2})(?P<cls>[项个条种招])"
                             r"(?:是|为|叫|：|:)\s*(?P<name>[“\"]?[\u4e00-\u9fff]{2,8}[”\"]?)(?=[，,。；;：:\n])", re.M)
#: The first words of an act, not a name (第二条是加强学习, 第一项是要…).
ACT_START_RE = re.compile(r"加强|强化|做好|抓好|落实|严格|提高|提升|坚持|注重|突出|要|把|以|在|对|让")
#: What right after a lexicon name makes it a place or an indicator, not the institution.
LEXICON_NOT_AFTER_RE = re.compile(r"馆|展馆|展厅|(?:动态)?(?:考核)?得分|(?:动态)?考核得分|等级|达标|[一二三]级|验收|/分")
#: A rule issued as a document: a verb of issuing, then its title in book-title marks ending
#: with the kind of rule (制定《党支部安全联责考核办法》).
TITLED_RULE_RE = re.compile(r"(?:制定|出台|印发|修订|下发|颁布|制订|完善|编制|建立)(?:了|完善)?\s*"
                            r"(?P<title>《[^《》\n]{2,30}?(?:办法|规定|细则|制度|条例|规则|标准|方案|指引|实施意见|意见|清单|机制|手册|指南)》)")
#: A generation named by its decade (“00后”, “90后”).
GENERATION_RE = re.compile(r"[\d０-９]{2}后")
#: An adverb or a verb between a quote and a type word: a clause, no name (…还各自认领一块…).
#: (“红色检修日”从主运输系统延伸到…: a preposition, the clause goes on)
CLAUSE_IN_HEAD_RE = re.compile(r"[还也都又将已从把]|各自|认领|负责|担任|带领")
#: A photo caption's opening (图为…, 图：…, ▲…): the scene it shows names no measure.
CAPTION_RE = re.compile(r"\s*(?:图为|图\s*[：:]|（图|\(图|▲)")
#: A way of working named by the quote before it: “支部建在区队、小组建在班上”的做法, “三不放过”的
#:工作机制 (GUIDELINES.md: the name is the quote; the generic noun after 的 is not part of it).
WAY_AFTER_RE = re.compile(r"的(?:做法|工作法|工作机制|工作模式|管理模式|经验做法|办法)")
#: A count changed from one figure to another right after a quote (“无党员班”由2020年的19个
#: 减少为0, “三违”从58起降至21起): the quote names what is counted (「从2021年开始推行」 has no change;
#: “党员示范岗”由12个增加到48个: a measure spread, counted).
CHANGED_FROM_RE = re.compile(r"\s*[由从]\s*\d[^，,。；;]{0,16}?(?:降|减|缩短|下降)")
#: Nouns after a quoted figure or slogan that make it the name of a measure (“领头雁”培训,
#: “最后一公里”服务, “排头兵”党支部创建).
MEASURE_NOUNS = ("培训", "服务", "党支部", "班组", "创建", "示范", "行动", "计划")
#: Last words of a quoted invention or tool (“胶带机智能纠偏装置”, “截割头快速更换工装”): the
#: fruit of an innovation measure, not a measure.
DEVICE_ENDS = ("装置", "工装", "工具", "仪", "装备")
#: Components of a quote joined by +: “A+B+C”.
COMPONENTS_RE = re.compile(r"[“\"]([^“”\"\n]{3,80}?[+＋][^“”\"\n]{2,80}?)[”\"]")
#: Verbs that build a system or model whose parts the sentence then lists.
MODEL_BUILD = ("构建", "建立", "打造", "形成", "搭建")
MODEL_HEADS = ("体系", "模式", "格局", "矩阵")


@Language.factory("minekg_practices", default_config={"lexicon_dir": ""},
                  requires=["token.is_sent_start"], assigns=["doc.spans"])
def make_practice_recognizer(nlp: Language, name: str, lexicon_dir: str):
    """Factory of :class:`PracticeRecognizer`."""
    return PracticeRecognizer(load_lexicons(lexicon_dir or None))


#: 要 inside 要求/重要/主要/需要性… is not the modal 要: “X”要求各支部… reports a rule an
#: organisation set; 这要归功于“X”: credit given, not a proposal; 应急, 相应, 模拟, 表明年…:
#: the cue's characters inside other words. Masked before the cues are looked for
#: (:meth:`PracticeRecognizer._modality`).
_MODAL_MASK_RE = re.compile(r"要求|重要|主要|要素|纪要|要点|必要性|要(?=归功|归因|得益|感谢)"
                            r"|应急|应用|相应|适应|供应|反应|响应|对应|模拟|虚拟|比拟|表明|说明|证明")

# What PracticeRecognizer._quoted reads around a quote, compiled once (a pattern given to
# re.match as a string is looked up in re's cache on every call: 30,000 calls per 100 papers).
#: 要求 right after a quote, as a noun (“双碳”要求，).
REQUIREMENT_AFTER_RE = re.compile(r"要求(?:[，,。；;]|$)")
#: A count after a quote that is an example of what is counted (“X”等8项).
EXAMPLE_COUNT_AFTER_RE = re.compile(r"\s*等\s*[\d一二三四五六七八九十]+")
#: What is counted, or people, after a quote (查处“三违”312人次, 对“三违”人员).
COUNTED_AFTER_RE = re.compile(r"\s*(?:(?:仅|只有|仅有|共|达)?\s*\d|人次|行为|次数|起数|人员|指标|占)")
#: Punctuation inside a quote: words said, not a name.
SAID_PUNCT_RE = re.compile(r"[，,。！？!?]")
#: A maxim's copula inside a quote (“抓党建就是抓安全”).
MAXIM_RE = re.compile(r"就是|即是|才是")
#: A survey's scale before a quote (1分为“很不同意”) or a fault (存在“温差”).
SCALE_BEFORE_RE = re.compile(r"\d\s*分(?:为|是)$|存在$|出现$")
#: A survey's item after a quote (“党员示范效果”维度).
SURVEY_ITEM_AFTER_RE = re.compile(r"\s*(?:维度|得分|题)")
#: A state reached right before a quote (实现教育规划“一张图”).
REACHED_BEFORE_RE = re.compile(r"实现[\u4e00-\u9fff]{0,6}$")
#: A verb of speech or opinion in the clause before a quote (87.4%的职工认为党员“作用明显”).
OPINION_BEFORE_RE = re.compile(rf"(?:{SPEECH_VERBS})[^，,。；;“”\"]{{0,14}}$")
#: A clause that closes right after a quote.
CLAUSE_CLOSE_AFTER_RE = re.compile(r"\s*(?:[，,。；;！？!?）)]|$)")
#: 做到 before a quote: the standard a measure meets (做到目标、内容、考核“三明确”).
STANDARD_MET_BEFORE_RE = re.compile(r"做到[^，,。；;“”\"]{0,12}$")
#: 对 + an object before a quote (对习惯性违章“找茬挑刺”).
OBJECT_BEFORE_RE = re.compile(r"对[^，,。；;“”\"]{1,8}$")
#: A separator right after a quote.
SEPARATOR_AFTER_RE = re.compile(r"[，,。；;]")
#: A quote of one digit or numeral: the label of a part of a model (“4”是…).
ONE_NUMERAL_RE = re.compile(r"[\d一二三四五六七八九十]")
#: A phrase of 的 after a quote that the quote qualifies (“卡脖子”技术攻关人才的培养).
QUALIFIED_AFTER_RE = re.compile(r"(?!方面)(?![^的]*(?:是|怎么|如何))[\u4e00-\u9fff]{2,10}的")
#: A run of Chinese characters only.
HAN_RE = re.compile(r"[\u4e00-\u9fff]+")
#: What joins the parts of “A+B+C” (PracticeRecognizer._parts).
PLUS_SPLIT_RE = re.compile(r"\s*[+＋]\s*")
#: Who makes up a typed name's body, before its name (由28名党员组成的党员突击队).
MADE_OF_RE = re.compile(r"由[^，,。；;“”\"]{1,14}?(?:组成|构成)的")
#: What a typed name centres on, before its name (以安全生产…为核心的…体系).
CENTRED_ON_RE = re.compile(r"以[^，,。；;“”\"]{1,16}?为(?:核心|重点|主体|导向|基础|主线|抓手)的")
#: Forms of one measure after a list (集中、自主等多种形式的培训).
FORMS_AFTER_LIST_RE = re.compile(r"等\s*[^，,。；;]{0,4}(?:形式|方式|类型)的")
#: The run of Chinese characters that ends a clause's head (PracticeRecognizer._topic_before).
TOPIC_RUN_RE = re.compile(r"[\u4e00-\u9fff]{1,16}\s?$")
#: Members of a body as the agent before a name (由1至2名党员包保, 每名党员包保…).
AGENT_BEFORE_RE = re.compile(r"[\d一二三四五六七八九十两每]名$|每位$|由[\u4e00-\u9fff]{0,3}$")
#: The text inside the first quotes of a name (_inner_mentions).
QUOTE_INNER_RE = re.compile(r"[“\"]([^“”\"]+)[”\"]")


class PracticeRecognizer:
    """Finds practice names; writes ``doc.spans["practice"]``."""

    def __init__(self, lex: Lexicons):
        self.lex = lex
        self.org_suffix_set = {suffix for suffix, _ in lex.org_suffixes} | {"党支部", "区队", "党小组"}
        self.types = [t for t, _ in lex.practice_types]
        self.type_domain = dict(lex.practice_types)
        self.type_set = frozenset(self.types)
        self.quote_types = self.types + QUOTED_ONLY_TYPES  # what types a quoted name (_type_after)
        # The quote types a window holds, found in one scan (_type_after tried ~180 words with
        # ``in`` after each quote): where the scan finds a type, the types that are its
        # prefixes are there too (it reports the longest one starting at a character).
        self.quote_type_re = re.compile(word_alternation(self.quote_types))
        self.quote_type_prefixes = {t: [p for p in dict.fromkeys(self.quote_types) if t.startswith(p)]
                                    for t in self.quote_types}
        self.quote_type_rank = {t: k for k, t in reversed(list(enumerate(self.quote_types)))}
        self.type_lengths = sorted({len(t) for t in self.types})  # tails looked up, not every type tried
        self.type_rank = {t: k for k, t in reversed(list(enumerate(self.types)))}  # _type_of
        # What results count (三违, 隐患): quoted alone, the jargon of a result, not a measure.
        self.indicator_heads = frozenset(h for h, _ in lex.indicators)
        self.adopt = lex.cue_words("adopt")
        self.adopt_ends = frozenset(w[-1] for w in self.adopt)  # _tail_mentions: 构建|协同体系
        # Type words that close a name inside its quotes (“…责任制”); one character (网格
        # has two) would make any quoted word a name.
        self.type_tuple = tuple(t for t in self.types if len(t) >= 2)
        self.recommend = lex.cue_words("recommend")
        self.recommend_re = re.compile(ordered_alternation(self.recommend)) if self.recommend else None
        names = sorted({n for e in lex.practices for n in (e.name, *e.aliases)}, key=len, reverse=True)
        self.known = {normalise_name(n) for n in names}
        # An alias of the lexicon that is the institution's name with a word after it is that
        # name (主题党日活动 → 主题党日, 谈心谈话制度 → 谈心谈话): one measure. Other aliases keep
        # their words (师带徒 for 导师制度, 突击队 the kind a named team is of): that is how the
        # text calls the measure.
        self.lexicon_name = {a: e.name for e in lex.practices for a in e.aliases if a.startswith(e.name)}
        self.lexicon_re = re.compile(word_alternation(names)) if names else None  # longest first
        # (the types, the adoption verbs: alternations of words as a trie where that keeps their order,
        # common.ordered_alternation)
        type_alt = ordered_alternation(self.types)
        # A counted set of measures (“3”项安全机制, 三项制度), whose items _ordinal_items finds.
        self.counted_set_re = re.compile(rf"(?<!第)[“\"]?(?:[一二三四五六七八九十两]|\d{{1,2}})[”\"]?(?P<cls>[项个条种招])"
                                         rf"[\u4e00-\u9fff]{{0,6}}?(?:{type_alt})")
        # A typed name: 2–16 characters without punctuation, then a type word.
        self.type_run_re = re.compile(rf"(?:{type_alt})+")
        self.type_word_re = re.compile(type_alt)
        adopt_alt = ordered_alternation(self.adopt)
        self.adopt_re = re.compile(adopt_alt)
        count = r"\d+(?:人次|人|期|场)"
        self.counted_re = re.compile(rf"(?:^|(?<=[，,；;、\n]))([\u4e00-\u9fff]{{2,10}}?(?:{type_alt}))(?={count})")
        # 集A、B等功能于一体: the items are functions of one measure (于 excluded).
        list_tail = r"(?P<items>[^，,。；;：:！？!?\n]{2,80}?)等(?:[^，,。；;于\n]{0,12}?(?P<head>%s)|(?=[，,。；;]))"
        self.list_re = re.compile(rf"(?:{adopt_alt})" + list_tail % "|".join(LIST_HEADS))
        self.carrier_re = re.compile(rf"(?:{'|'.join(CARRIER_VERBS)})" + list_tail % "|".join(CARRIER_HEADS))
        # Whole-text patterns tried only near their words (common.Quick).
        self.listed_post, self.lines_of = Quick(LISTED_POST_RE), Quick(LINES_OF_RE)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        cands: list[tuple[int, int, str, str]] = []  # start, end, rule, type word
        ends = TokenEnds(doc)  # `end in ends` by bisection, not a set of every end
        # The quotes of the text, found once: the quoted names and the counted models of a
        # list (_listed_parts, which looked for them again line by line) read them.
        quotes = list(QUOTE_RE.finditer(text))
        cands += self._quoted(text, ends, quotes)
        cands += self._lexicon(text)
        cands += self._typed(text, ends)
        cands += self._lists(text)
        cands += [(m.start(), m.end(), "idiom", "") for m in IDIOM_RE.finditer(text)]
        cands += self._vehicles(text)
        cands += self._titled_rules(text)
        # 一是党员网格长岗，由…担任；二是隐患盯守岗，…: posts named as the items of a list
        cands += [(m.start("name"), m.end("name"), "typed", "") for m in self.listed_post.finditer(text)
                  if not ACT_START_RE.match(m["name"])] if "是" in text else []
        cands += self._single_parts(text)
        components, heads = self._components(text)
        cands += components
        ordinal, ordinal_heads = self._ordinal_items(text)
        cands += ordinal
        heads.update(ordinal_heads)
        lines_of, lines_heads = self._lines_of(text)
        cands += lines_of
        heads.update(lines_heads)
        contents, content_heads = self._contents(text)
        cands += contents
        heads.update(content_heads)
        parts, part_heads = self._definitions(text, ends)
        cands += parts
        heads.update(part_heads)
        cands += self._counted(text)
        enumerated, labels = self._enumerated(text)
        cands += enumerated
        named_parts, part_heads2 = self._named_parts(text)
        cands += named_parts
        heads.update(part_heads2)
        if "\n" in text:
            listed_parts, part_heads3 = self._listed_parts(text, quotes)
            cands += listed_parts
            heads.update(part_heads3)
        # A modifier before a known institution narrows it: 线上主题党日, 党支部周二政治
        # 理论学习制度. The list item or typed name that ends with it is the name written.
        first_start: dict[int, int] = {}  # end → the first start of a typed or list name
        for s, e, rule, _ in cands:
            if rule in ("typed", "list"):
                first_start[e] = min(s, first_start.get(e, s))

        def inside_longer(start: int, end: int) -> bool:
            # Ends the longer name where the lexicon name ends, or a type word later.
            ends = [end] + [end + n for n in self.type_lengths if text[end:end + n] in self.type_set]
            return any(first_start.get(e, end) < start for e in ends)

        cands = [c for c in cands if c[2] != "lexicon" or not inside_longer(c[0], c[1])]
        spans, taken = [], Intervals()
        # Quoted names first (the text delimits them), then the longest.
        order = {"quoted": 0, "component": 0, "lexicon": 1, "idiom": 1, "typed": 2, "counted": 2,
                 "vehicle": 2, "list": 3}
        for start, end, rule, typ in sorted(cands, key=lambda c: (order[c[2]], -(c[1] - c[0]), c[0])):
            if taken.overlaps(start, end):
                continue
            name = text[start:end].strip()
            if len(normalise_name(name)) < 2:
                continue
            # No clause glued on (copula), no name that opens with 的 (…的工作格局).
            if rule != "lexicon" and (COPULA_RE.search(name) or name.startswith("的")):
                continue
            if rule in ("typed", "list", "counted") and (
                    NOT_A_NAME_RE.search(name) or text[end:end + 1] == "化"):
                continue  # 推进运行系统化: 系统化 is a manner, not a 系统
            if rule in ("typed", "list") and INQUIRY_RE.search(name) and METHODS_AFTER_RE.match(text, end):
                continue  # 采取座谈交流、查阅台账等方式: how a survey gathered its facts
            span = char_span(doc, start, end)
            if span is None:
                continue
            span.label_ = self.lex.domain_of(name, self.type_domain.get(typ, "organisational"))
            # span._.… = …, without the Underscore object spaCy makes on every span._
            set_span_ext(span, canonical=name,
                         chars=(start + (len(text[start:end]) - len(text[start:end].lstrip())),
                                start + len(text[start:end].rstrip())),
                         rule=rule, modality=self._modality(text, start), part_of=heads.get(start))
            taken.add(start, end)
            spans.append(span)
        spans += self._distributive(doc, taken)
        spans += self._again(doc, text, spans, taken, ends)
        spans.sort(key=lambda s: s.start)
        self._type_word_mentions(spans)
        _bare_quote_mentions(spans, (*self.types, *QUOTED_ONLY_TYPES))
        _short_quote_mentions(spans, text)
        _tail_mentions(spans, text, self.adopt_ends)
        _stem_mentions(spans, (*self.type_tuple, *QUOTED_ONLY_TYPES))
        _inner_mentions(spans)
        spans = self._abbreviated(doc, text, spans, taken, ends)
        # 关键词：党建引领；煤矿安全；“三线四联”: a paper's keywords are its topics.
        spans = [p for p in spans if not KEYWORDS_LINE_RE.search(text, _line_start(text, p.start_char), p.start_char)]
        # 王某（2020）提出“X”模式: a measure of the literature, neither adopted here nor proposed.
        literature: dict[int, bool] = {}  # sentence start → it reports the literature

        def cites(p) -> bool:
            sent = sent_of(p)  # span.sent, by bisection; each sentence searched once
            hit = literature.get(sent.start)
            if hit is None:
                hit = literature[sent.start] = _LITERATURE.search(text, sent.start_char, sent.end_char) is not None
            return hit

        spans = [p for p in spans if not cites(p)
                 and not REFERENCE_ENTRY_RE.match(text, _line_start(text, p.start_char))
                 and not _not_a_measure_here(text, p)]
        _same_measure(spans)
        # An alias of the lexicon still standing for itself (not a mention of a longer measure
        # resolved above, 主题党日活动 after “反违章·保平安”主题党日活动) is the institution.
        for p in spans:
            if span_ext(p, "rule") == "lexicon":
                name = span_ext(p, "canonical")
                if name in self.lexicon_name:
                    p._.canonical = self.lexicon_name[name]
        self._part_of(text, spans)
        _label_models(spans, labels)
        doc.spans["practice"] = spans
        return doc

    def _again(self, doc: Doc, text: str, spans: list, taken: Intervals, ends: Container[int]) -> list:
        """Rule *again*: a measure found once is the same measure wherever its name is
        written again (``设立“青安哨”42个…2024年“青安哨”发现并整改隐患418条``), so that a
        result stated with the name again is linked to it (GUIDELINES.md «Link»: "the
        practice named again"). Names of three characters or more (quotes not counted);
        an unquoted name must start and end on token boundaries."""
        starts = token_starts(doc)  # sorted: a token's start by bisection (in_sorted), no set made a call
        found = {}
        for span in spans:
            name = text[slice(*(span_ext(span, "chars") or (span.start_char, span.end_char)))].strip()
            if len(normalise_name(name)) >= 3:
                found.setdefault(name, span)
        # A name that is one quote of four characters or more is written again without its
        # quotes too (组建“党员先锋掘进组”…当月，党员先锋掘进组创造了…): the quotes marked it
        # as a name the first time.
        for name, first in list(found.items()):
            inner = name[1:-1]
            if name[0] in "“\"" and name[-1] in "”\"" and len(inner) >= 4 and HAN_RE.fullmatch(inner):
                found.setdefault(inner, first)
        out = []
        for name, first in sorted(found.items(), key=lambda kv: -len(kv[0])):
            quoted = name[0] in "“\"" and name[-1] in "”\""
            at = text.find(name)
            while at >= 0:
                end = at + len(name)
                if not taken.overlaps(at, end) and (quoted or (in_sorted(starts, at) and end in ends)):
                    span = self._mention_again(doc, text, first, at, end)
                    if span is not None:
                        taken.add(at, end)
                        out.append(span)
                at = text.find(name, end)
        return out

    def _mention_again(self, doc: Doc, text: str, first, a: int, b: int):
        """A span at characters ``a``–``b`` naming the measure of span ``first`` again
        (rule *again*), or ``None`` when the characters are not on token boundaries."""
        span = char_span(doc, a, b)
        if span is not None:
            _name_again(span, first)
            span._.chars = (a, b)
            span._.modality = self._modality(text, a)
        return span

    def _type_word_mentions(self, spans: list) -> None:
        """Rule *again*, by type word: a name that is a type word alone (``突击队成立以来``,
        ``先锋队队员``) after a measure whose name ends with it (``组建“瓦斯哨兵”突击队``) is
        that measure named again, the way Chinese prose shortens a name to its head noun.
        ``spans`` sorted by start; changed in place."""
        last: dict[str, object] = {}  # type word → the last fuller name ending with it
        for span in spans:
            name = span_ext(span, "canonical").replace("“", "").replace("”", "").replace('"', "")
            if name in self.type_set and name in last:
                _name_again(span, last[name])
                continue
            for n in self.type_lengths:
                if n >= len(name):
                    break
                if name[-n:] in self.type_set:
                    last[name[-n:]] = span

    def _abbreviated(self, doc: Doc, text: str, spans: list, taken: Intervals, ends: Container[int]) -> list:
        """Rule *again*, by abbreviation: a measure followed by ``（以下简称“X”）`` or
        ``（简称X）`` is named X from there on (``“党员安全联保”机制（以下简称“联保”）…联保
        对子共制止违章46起``), the way policy writing defines a short name once. The short name
        in brackets is no measure of its own; each later X (quoted, or on token boundaries)
        is the measure again. ``spans`` sorted by start; returns them, sorted."""
        if "简称" not in text:
            return spans
        starts = set(token_starts(doc))  # not a Token object per token
        out = list(spans)
        for p in spans:
            m = ABBREVIATION_RE.match(text, p.end_char)
            if m is None or p._.rule == "again":
                continue
            alias = m["alias"]
            out = [q for q in out if not (m.start() <= q.start_char < m.end())]
            for am in re.finditer(rf"[“\"]?{re.escape(alias)}[”\"]?", text[m.end():]):
                a, b = m.end() + am.start(), m.end() + am.end()
                quoted = am.group(0)[0] in "“\"" and am.group(0)[-1] in "”\""
                same = next((q for q in out if q.start_char == a and q.end_char == b), None)
                if same is not None:
                    _name_again(same, p)
                    continue
                if taken.overlaps(a, b) or not (quoted or (a in starts and b in ends)):
                    continue
                span = self._mention_again(doc, text, p, a, b)
                if span is not None:
                    taken.add(a, b)
                    out.append(span)
        out.sort(key=lambda s: s.start)
        return out

    # -- rules -------------------------------------------------------------------
    def _quoted(self, text: str, ends: Container[int] | None = None, quotes: list[re.Match] | None = None):
        """Rule *quoted*: the names the text quotes; ``quotes``: ``QUOTE_RE``'s matches
        in ``text``, when found already."""
        out = []
        # (a run of quotes holds a closing quote right before an opening one)
        for m in QUOTE_RUN_RE.finditer(text) if "”“" in text or '"' in text else ():
            out.append((m.start(), m.end(), "quoted", ""))
        for m in QUOTE_RE.finditer(text) if quotes is None else quotes:
            inner = m.group(1).strip()
            start, end = m.start(), m.end()
            sched = SCHEDULE_BEFORE_RE.search(text[max(0, start - 5):start])
            # (进行“安全述职评议”, 每季度开展一次“安全家访”: a named activity of four characters or
            # more after the light verb)
            if sched and not (sched.group(0).startswith(("进行", "开展")) and len(inner) >= 4) \
                    and not self._type_after(text, end):
                continue
            after, before = text[end:end + 8], text[max(0, start - 4):start]
            ext = self._type_after(text, end, ends)  # the type word that names it, read once
            if ext is not None and ext[1] == "主题党日" and not text.startswith("主题党日", end):
                ext = None  # 结合“两学一做”开展主题党日: the institution its own measure, after a verb
            bare = ext is None
            # A slogan alone is a motto; with a type word after it (“红色引擎”工程) it names a measure.
            if (inner in self.lex.slogans or normalise_name(inner) in self.lex.slogans) \
                    and bare and not text.startswith(MEASURE_NOUNS, end):
                continue  # (“领头雁”培训, “排头兵”党支部创建: the noun after it makes it a measure)
            # “双碳”要求，: a requirement (noun) set from outside; but “X”要求各支部… is
            # the measure X acting as subject of the verb 要求.
            if REQUIREMENT_AFTER_RE.match(after):
                continue
            if after.startswith(NOT_MEASURE_AFTER) or before.endswith(NOT_MEASURE_BEFORE):
                continue
            if KIND_AFTER_RE.match(text, end):
                continue  # “先锋”“堡垒”类名称: examples of a kind of name, the last quote before 类
            if SHORT_NAME_BEFORE_RE.search(text, max(0, start - 16), start):
                continue  # （以下简称“华垣能源”或“集团”）: a short name of a body, not a measure
            if EXAMPLE_COUNT_AFTER_RE.match(after):
                continue  # “X”等8项: an example of what is counted
            if COUNTED_AFTER_RE.match(after) \
                    and not self._sessions_held(text, start, end):
                continue  # 查处“三违”312人次, 党员“三违”仅2人次, 对“三违”人员: what is counted, or people
            if len(inner) >= 6 and TECHNICAL_END_RE.search(inner) and (bare or ext[1] == "项目"):
                continue  # “综掘机外喷雾装置改造”使…, “…超前支护优化”项目获…奖: an engineering project
            if bare and CHANGED_FROM_RE.match(text, end):
                continue  # 生产班组“无党员班”由2020年的19个减少为0: the thing counted, changed
            if SAID_PUNCT_RE.search(inner) or (not ext and inner[-1:] in "了吗呢吧啦"):
                continue  # “顶板离层仪读数正常，支架初撑力达标。”, “一下子就长大了”: words said, not a name
            if bare and ((inner.endswith("账") and re.search(r"算[^，,。；;“”\"]{0,6}$", text[max(0, start - 8):start]))
                         or (inner.endswith("后") and GENERATION_RE.fullmatch(inner))):
                continue  # 算好家庭“安全账”: a figure of speech (逐人“亮账”: a measure); “00后”: a generation
            if bare and (MAXIM_RE.search(inner) or (
                    inner.startswith("零") and len(inner) <= 4
                    and (re.search(r"(?:实现|保持|打造)(?:了)?[^，,。；;“”\"]{0,6}$", _clause_head(text, start))
                         # 瓦斯“零超限”, 水害“零事故”: a harm counted at zero, with no type word
                         or ZERO_HARM_RE.fullmatch(inner)))):
                continue  # “抓党建就是抓安全”: a maxim; 实现“零发生”: a count held at zero, a result or an aim
            if bare and "—" in inner and sum(self._is_org(part) for part in re.split(r"—+", inner)) >= 2:
                continue  # “矿党委—党支部—党小组—网格员”: a chain of bodies, not a name
            if SCALE_BEFORE_RE.search(before) or SURVEY_ITEM_AFTER_RE.match(after):
                continue  # 1分为“很不同意”, “党员示范效果”维度: a survey's scale and items; 存在“温差”: a fault
            if " " in inner and not re.search(r"[\u4e00-\u9fff]", inner):
                continue  # "red sentinel": a phrase of an English abstract, not a Chinese name
            if inner.endswith(DEVICE_ENDS) and bare and not self.adopt_re.search(text, max(0, start - 4), start):
                continue  # 其中“胶带机智能纠偏装置”获奖: an invention, the fruit of a measure
            if NOT_MEASURE_LIST_RE.match(text, end):
                continue
            head = _clause_head(text, start)  # (read by the tests below: found once)
            if REACHED_BEFORE_RE.search(head):
                continue  # 实现教育规划“一张图”: a state reached, not a measure
            typ = ""
            # 核心是“党员安全包保责任制”: a quote that ends with a type word is a name after a
            # copula too (a figure of speech after 当好, 讲成 … stays one: 当好“安全监督员”).
            named = not ext and inner.endswith(self.type_tuple)
            figure = FIGURATIVE_BEFORE_RE.search(head)
            # (品牌核心是“一面旗、三个有”：一面旗，就是…: the name of what the colon then spells out;
            # 第一件事，是建起“迎头党小组”: the copula before the act that adopts it)
            defined = PART_COPULA_RE.search(head) and (text[end:end + 1] in "：:" or text.startswith(("，即", ",即"), end))
            adopted = figure and self.adopt_re.search(figure.group(0)) is not None and figure.group(0).startswith("是")
            if not ext and ((figure and not ((named or defined) and PART_COPULA_RE.search(head)) and not adopted)
                            or BECOME_QUOTE_RE.match(text, end)):
                continue  # 是全矿公认的“硬骨头”, 把“大道理”讲成“身边事”: figures of speech
            if not ext and OPINION_BEFORE_RE.search(head) and CLAUSE_CLOSE_AFTER_RE.match(after):
                continue  # 87.4%的职工认为党员“作用明显”: an opinion quoted, not a name
            if bare and len(inner) >= 8 and re.match(r"\s*(?:[。！？!?]|$)", after) \
                    and not self.adopt_re.search(text, max(0, start - 4), start) and re.search(
                    rf"(?:{SPEECH_VERBS})[^。！？!?]{{0,30}}$", text[max(0, start - 40):start]):
                continue  # 受访者认为，班里有了党员，“遇到险情时心里有底”。: words said, closing the sentence
            if bare and (PROBLEM_BEFORE_RE.search(head) or PROBLEM_AFTER_RE.match(text, end)):
                continue  # 防止积分“空转”, 党员“挂牌不履职”等情况: a fault named, not a measure
            if not ext and GROWN_UP_BEFORE_RE.search(head):
                continue  # 是从掘进工一步步干起来的“老掘进”: what a person is, a figure
            if ext and inner + ext[1] in FIXED_FIGURES:
                continue  # 列为“一把手”工程: an idiom of official writing, not a measure
            if not ext and ROLE_FRAME_BEFORE_RE.search(head):
                continue  # 即以党员为“一线”: the role that 以…为 makes of something, not a measure
            if bare and inner in MANNER_QUOTES:
                continue  # 由党员干部“一对一”开展帮教: how the act is done, not a measure
            if bare and HONOUR_BODY_END_RE.search(inner) and (
                    HONOUR_AFTER_RE.match(text, end) or HONOUR_VERB_BEFORE_RE.search(text, max(0, start - 4), start)):
                continue  # 对…“安全生产先锋党支部”进行了授牌: a title given to bodies, an honour
            if not ext and POTENTIAL_RE.fullmatch(inner):
                continue  # 让党员身份在井下“看得见”: a verb with its potential complement, a state
            if bare and CAPTION_RE.match(text, _line_start(text, start)):
                continue  # 图为职工家属为入井职工送上“平安寄语”: a photo's scene, not a measure
            if not ext and NUMBERED_RE.match(inner) and STANDARD_MET_BEFORE_RE.search(head):
                continue  # 做到目标、内容、考核“三明确”: the standard a measure meets, not a measure
            if not ext and not named and OBJECT_BEFORE_RE.search(head) and SEPARATOR_AFTER_RE.match(after) \
                    and not self.adopt_re.search(head[head.rfind("对"):]):
                continue  # 对习惯性违章“找茬挑刺”，: what is done to the object, a verb in quotes
            if not ext and not NUMBERED_RE.match(inner) and PERSON_BEFORE_RE.search(text, max(0, start - 12), start) \
                    and re.match(r"[了着过]?(?:[，,。；;]|$)", after):
                continue  # 由一名党员师傅“认领”，: the act of a person, a verb in quotes
            if not ext and not named and (OWNER_BEFORE_RE.search(text, max(0, start - 6), start)
                            or (text.startswith("下", end) and re.search(r"的[\u4e00-\u9fff]{0,2}$", before))):
                continue  # 师傅的“规矩”: a person's words; 在攻关队的持续“诊治”下: the act of a body
            if ext:
                end, typ = ext
                if text[end:end + 8].lstrip("的").startswith(NOT_MEASURE_AFTER):
                    continue  # “零隐患”工作理念: the type word belongs to a value
            elif inner in self.indicator_heads:
                continue  # 全矿“三违”总数, 严重“三违”由38起: what is counted, not a measure
            elif ONE_NUMERAL_RE.fullmatch(inner):
                continue  # “4”是…: the label of a part of a model
            elif WAY_AFTER_RE.match(text, end) and self.adopt_re.search(text, max(0, start - 6), start):
                pass  # 推行“支部建在区队、小组建在班上”的做法: the quote names the way of working
            elif inner.count("、") >= 1 and not typ and not all(
                    NUMBERED_RE.match(item) for item in inner.split("、")) and not (
                    # 靠着“挂牌督办、双签销号”，…: acts relied on as the means of a result (after 坚持/实行
                    # such a quote is a slogan or a routine: 坚持“党建抓安全、安全促党建”, 实行“日巡、周检、月评”)
                    MEANS_BEFORE_RE.search(text, max(0, start - 4), start)
                    # 推行“支部联点、干部包面”, 实行“党员跟班、全程盯守”: a scheme of who does what, in
                    # four-character items, put in force (not the two-character acts of a routine)
                    # (全面落实“党政同责、一岗双责、齐抓共管、失职追责”: responsibilities put in force)
                    or (re.search(r"(?:推行|实行|实施|落实)\s*$", text[max(0, start - 3):start])
                        and all(re.fullmatch(r"[\u4e00-\u9fff]{4}", item) for item in inner.split("、")))):
                continue  # “勤劳、朴实、厚道”: a list of values (“一井一哨、一面一岗”: counted posts, a measure)
            elif (after[:1] == "的" or QUALIFIED_AFTER_RE.match(after)) \
                    and not EFFECT_AFTER_RE.match(text, end):
                continue  # “卡脖子”技术攻关人才的培养: the quote qualifies a longer phrase
            if self._parts(inner):
                continue  # “矿井党校+矿井大讲堂”: named one by one in _components
            if not typ and normalise_name(inner) not in self.known and (
                    NUMBERED_RE.match(inner) or self._adopted_topic(text, start)):
                # 严把发展党员“三关”, 推行党员设备“包机制”: the topic names which one.
                at = self._topic_before(text, start)
                start = at if at is not None else start
            out.append((start, end, "quoted", typ))
        return out

    def _sessions_held(self, text: str, start: int, end: int) -> bool:
        """True when the quote at ``start``–``end`` is held a number of times by the verb
        before it (``组织“井口微宣讲”62场次``, ``举办“安全大讲堂”12期``): an activity with its
        count of sessions, not a thing counted (``查处“三违”312人次``); or set up a number of
        times by the verb before it (``设立“青安岗”28个``, ``组建“党员突击队”6支``): posts or
        teams of one measure."""
        before = text[max(0, start - 4):start]
        if re.match(r"\s*\d+\s*(?:个|处|支|座)", text[end:end + 6]) is not None:
            return re.search(r"(?:设立|设置|建立|组建|创建|成立|建成)(?:了)?\s*$", before) is not None
        return re.match(r"\s*\d+\s*(?:场次|场|期|次|轮)(?![\u4e00-\u9fff]*(?:人|起))", text[end:end + 8]) is not None \
            and re.search(r"(?:组织|开展|举办|举行|召开|宣讲)(?:了)?\s*$", before) is not None

    def _adopted_topic(self, text: str, start: int) -> bool:
        """True when an adoption verb governs a short topic right before the quote at
        ``start`` (``推行党员设备“包机制”``, ``开展包保履职“回头看”``): the bare quote is
        then the last word of the measure's name, as with a numbered label."""
        head = _clause_head(text, start)
        for verb in self.adopt:
            at = head.rfind(verb)
            topic = head[at + len(verb):] if at >= 0 else ""
            if 2 <= len(topic) <= 6 and re.fullmatch(r"[\u4e00-\u9fff]+", topic) \
                    and not self._is_org(topic) and not topic.startswith(GENERIC_PREFIX) \
                    and not NOT_A_TOPIC_RE.search(topic):
                return True
        return False

    def _topic_before(self, text: str, start: int) -> int | None:
        """Where the topic noun of a numbered label begins (rule *numbered label*): the
        characters between the last verb or separator and the quote at ``start``, 2–8 of
        them, not an organisation; ``None`` when there is no such topic."""
        head = _clause_head(text, start)
        run = TOPIC_RUN_RE.search(head)
        if run is None:
            return None
        topic, at = run.group(0), start - len(run.group(0))
        # 另一条是党建工作“一月一督导”: the copula introduces the item, the topic follows it.
        # (对清单落实情况进行一次“回头看”: the act's verb, the topic is what it is done to)
        cut = max((topic.rfind(v) + len(v) for v in (*self.adopt, *LABEL_VERBS, *LABEL_PREPOSITIONS, "是", "进行一次", "进行")
                   if v in topic), default=0)
        topic, at = topic[cut:], at + cut
        # 每月开展一次入井前“亲情叮嘱”: how often, then when; neither is the label's topic
        count = SESSIONS_RE.match(topic)
        if count is not None:
            topic, at = topic[count.end():], at + count.end()
            if topic.endswith(("前", "后", "时")):
                return None
        if cut == 0 and len(head) > len(run.group(0)):
            return None  # no verb and not the clause's start: no way to tell where it begins
        if not 2 <= len(topic.strip()) <= 8 or self._is_org(topic.strip()) or topic.startswith(GENERIC_PREFIX) \
                or NOT_A_TOPIC_RE.search(topic):
            return None
        return at

    def _single_parts(self, text: str):
        """Rule *definition*, one part: ``“1”即各级党委安全生产履职清单``, ``“1”指一张矿党委安全
        生产责任清单`` — a numbered model's label defined by one typed name (the other labels
        by lists of their own). The name, without a count or 各级 before it, is a measure."""
        out = []
        for m in SINGLE_PART_RE.finditer(text) if "”" in text else ():
            item = m["item"]
            if COUNT_BEFORE_RE.match(item):
                continue  # “2”即两个机制: a count, the parts are named elsewhere
            tm = None
            for tm in self.type_word_re.finditer(item):
                pass  # the last type word ends the name
            if tm is None or tm.end() != len(item) or len(item[:tm.start()]) < 2:
                continue
            out.append((m.start("item"), m.end("item"), "typed", ""))
        return out

    def _vehicles(self, text: str):
        out = []
        for m in VEHICLE_RE.finditer(text):
            x = m["x"]
            # 以安全生产为抓手: a line of work, not a measure; a vehicle is a typed name.
            if not x.endswith(tuple(self.types)) or x.startswith(GENERIC_PREFIX) or NOT_A_NAME_RE.search(x):
                continue
            out.append((m.start("x"), m.end("x"), "vehicle", ""))
        return out

    def _parts(self, inner: str) -> list[str] | None:
        """The ``+``-joined parts of a quote's text when each is a typed name (3+
        characters ending in a type word), else ``None`` (``党建+安全`` is one name)."""
        parts = PLUS_SPLIT_RE.split(inner.strip())
        if len(parts) >= 2 and all(len(p) >= 3 and p.endswith(tuple(self.types)) for p in parts):
            return parts
        return None

    def _components(self, text: str):
        """Rule *components*: the parts of ``“A+B+C”`` when every part ends in a type
        word. Returns the candidates and ``{part start: model name}`` for the typed head
        after the quote (the words after its last 的), when there is one."""
        out, heads = [], {}
        for m in COMPONENTS_RE.finditer(text):
            if not self._parts(m.group(1)):
                continue
            tail = ITEM_RE.match(text, m.end())
            model = None
            if tail:
                words = tail.group(0).rsplit("的", 1)[-1]
                tm = self.type_word_re.search(words)
                if tm and len(words[:tm.start()]) >= 2:
                    more = self.type_run_re.match(words, tm.end())
                    model = words[:more.end() if more else tm.end()]
                    start = m.end() + len(tail.group(0)) - len(words)
                    out.append((start, start + len(model), "typed", ""))
            pos = m.start(1)
            for part in re.split(r"([+＋]\s*)", m.group(1)):
                if part and part[0] not in "+＋":
                    s = pos + len(part) - len(part.lstrip())
                    out.append((s, pos + len(part.rstrip()), "component", ""))
                    heads[s] = model
                pos += len(part)
        return out, heads

    def _enumerated(self, text: str):
        """Rule *components*, counted form: ``将A线、B线、C线“三线”融合`` names the items of the
        list right before a counted label when there are as many items as the numeral says
        and each ends with the label's noun. Returns the candidates and ``{item start: the
        label's words}`` (``三线``), which :func:`_label_models` turns into the model that
        the sentence names with them (``“三线融合”安全责任体系``)."""
        out, labels = [], {}
        for m in ENUM_LABEL_RE.finditer(text) if "“" in text or '"' in text else ():
            n, noun = CN_DIGITS[m["n"]], m["noun"]
            head = _clause_head(text, m.start())
            items = head.split("、")
            if len(items) != n:
                continue
            # The first item starts after the verb or preposition that governs the list.
            first = items[0]
            cut = max((first.rfind(ch) + 1 for ch in "将把对以由从使让在与和" if ch in first), default=0)
            # 深入推进党建责任线、…“三线”融合, 统筹党建责任线: the last verb governs the list.
            verbs = [vm.end() for vm in self.adopt_re.finditer(first, cut)] + [
                first.rfind(v) + len(v) for v in GOVERN_VERBS if first.rfind(v) >= cut]
            items[0] = first[max([cut, *verbs]):]
            if not all(3 <= len(i) <= 10 and i.endswith(noun) and not self._is_org(i) for i in items):
                continue
            pos = m.start() - len(head) + (len(first) - len(items[0]))
            for item in items:
                out.append((pos, pos + len(item), "component", ""))
                labels[pos] = m["n"] + noun
                pos += len(item) + 1
        return out, labels

    def _named_parts(self, text: str):
        """Rule *components*, named form: the parts of ``“铸魂、强基、护安”三大工程`` are
        铸魂工程, 强基工程, 护安工程 where the text writes them so (an item joined to the
        model's type word). Returns the candidates and ``{part start: model name}``."""
        out, heads = [], {}
        for m in QUOTED_PARTS_RE.finditer(text) if "、" in text else ():
            items = m["items"].split("、")
            if len(items) != CN_DIGITS.get(m["n"], 0):
                continue
            typed = self._type_after(text, m.end("items") + 1)
            if typed is None:
                continue
            end, typ = typed
            model = text[m.start():end]
            for item in items:
                for hit in literal(item + typ).finditer(text):
                    if m.start() <= hit.start() < end:
                        continue
                    out.append((hit.start(), hit.end(), "component", ""))
                    heads[hit.start()] = model
        return out, heads

    def _listed_parts(self, text: str, quotes: list[re.Match] | None = None):
        """Rule *components*, listed form: a line that names a counted model (``二、“四维护航”
        党建工作体系``) followed by as many list items as its numeral says, each opening
        with a short name and a dash or colon (``▶ 思想护航——把安全理念讲进心里``): the
        names are the model's parts, as a slide or an outline lists them. Returns the
        candidates and ``{part start: model name}``. ``quotes``: ``QUOTE_RE``'s matches in
        ``text``, when found already (a quote never spans a line: the same as line by line)."""
        out, heads = [], {}
        lines = [(m.start(), m.group(0)) for m in re.finditer(r"[^\n]+", text)]
        line_starts = [at for at, _ in lines]
        for q in QUOTE_RE.finditer(text) if quotes is None else quotes:
            first = q.group(1).strip()[:1]
            n = CN_DIGITS.get(first) or (2 if first == "双" else None)  # “双线护安”: two lines
            if not n or n < 2:
                continue
            k = bisect_right(line_starts, q.start()) - 1  # the quote's line
            at, line = lines[k]
            qs, qe = q.start(), q.end()
            typed = self._type_after(text, qe)
            model = text[qs:typed[0] if typed else qe]
            # The model named alone on its line, as a heading or a slide's title names it
            # (not “四个一”活动开展情况, “三查”行动主要成效, “三零”目标).
            if text[qs + len(model):at + len(line)].strip(" ：:") or not typed:
                continue
            items = [(a, PART_ITEM_RE.match(item)) for a, item in lines[k + 1:k + 1 + n]]
            if len(items) != n or not all(m is not None for _, m in items):
                continue
            # names of parts, not field labels (时间：, 第一季度：) nor figures (违章指挥：由12起…)
            if any(len(m["name"]) < 3 or m["name"].startswith("第") or re.search(r"\d", item)
                   for (a, m), (_, item) in zip(items, lines[k + 1:k + 1 + n])):
                continue
            after = lines[k + 1 + n][1] if k + 1 + n < len(lines) else ""
            if PART_ITEM_RE.match(after):
                continue  # more items than the numeral: a list of something else
            for a, m in items:
                out.append((a + m.start("name"), a + m.end("name"), "component", ""))
                heads[a + m.start("name")] = model
        return out, heads

    def _ordinal_items(self, text: str):
        """Rule *components*, ordinal form: after a counted set of measures (``“3”项安全机制``,
        ``三项制度``), ``第一项是X`` / ``第二项是X，…`` open the paragraphs of its items and name
        them (an exchange of experience or a report walks through its model so). The item
        is a short name alone before the punctuation, not an act (``第二条是加强学习``).
        Returns the candidates and ``{item start: the set's name}``."""
        out, heads = [], {}
        # (tried only where an item can open: at a 第 or the spaces right before it)
        for m in finditer_starting_at(ORDINAL_ITEM_RE, text, _starts_before(text, "第")) if "第" in text else ():
            name = m["name"].strip("“”\"")
            if name.startswith(GENERIC_PREFIX) or self.adopt_re.match(name) or name.startswith(GOVERN_VERBS) \
                    or ACT_START_RE.match(name):
                continue
            # the last counted set before it with the same classifier (项, 个, 条 …)
            named = [c.group(0) for c in self.counted_set_re.finditer(text, 0, m.start()) if c["cls"] == m["cls"]]
            if not named:
                continue
            s = m.start("name")
            out.append((s, m.end("name"), "component", ""))
            heads[s] = named[-1]
        return out, heads

    def _lines_of(self, text: str):
        """Rule *components*, lines-of-work form: ``“五心护航”以铸心、明心、守心、暖心、匠心为主线``
        names the parts of the model the quote labels, when there are as many items as its
        numeral says. Returns the candidates and ``{item start: the quote}``."""
        out, heads = [], {}
        for m in self.lines_of.finditer(text) if "为" in text else ():
            items = m["items"].split("、")
            n = next((CN_DIGITS[ch] for ch in m["quote"] if ch in CN_DIGITS), None)
            if n != len(items) or any(i.startswith(GENERIC_PREFIX) for i in items):
                continue
            pos = m.start("items")
            for item in items:
                out.append((pos, pos + len(item), "component", ""))
                heads[pos] = m["quote"]
                pos += len(item) + 1
        return out, heads

    def _titled_rules(self, text: str):
        """Rule *document titles*: a rule issued as a document, its title in book-title marks
        after the verb that issues it (``矿党委制定《党支部安全联责考核办法》``, ``出台《基层党建
        品牌培育命名办法》``): the title ends with the kind of rule (办法, 规定, 细则, 制度 …), as
        Chinese official documents are named (GB/T 9704: 公文标题). The name keeps its marks."""
        out = []
        for m in TITLED_RULE_RE.finditer(text) if "《" in text else ():
            inner = QUOTE_RE.search(m["title"])
            if inner is not None and m["title"].startswith(self.type_tuple, inner.end()):
                continue  # 编制《“四心”工作法操作手册》: the handbook of a measure named inside, no new one
            out.append((m.start("title"), m.end("title"), "quoted", ""))
        return out

    def _contents(self, text: str):
        """Rule *components*, content form: ``以A、B、C和D为主要内容的“X”工作法`` names the
        parts of the model X (policy writing defines a model by its contents this way).
        Returns the candidates (the items, 2–8 characters each, at least two) and
        ``{item start: model name}``."""
        out, heads = [], {}
        for m in CONTENTS_RE.finditer(text):
            typed = self._type_after(text, m.end("quote"))
            if typed is None:
                continue
            model = text[m.start("quote"):typed[0]]
            items = list(re.finditer(r"[^、和及与]+", m["items"]))
            if len(items) < 2 or not all(2 <= len(i.group(0)) <= 8 for i in items):
                continue
            if any(i.group(0).startswith(GENERIC_PREFIX) for i in items):
                continue
            for i in items:
                s = m.start("items") + i.start()
                out.append((s, s + len(i.group(0)), "component", ""))
                heads[s] = model
        return out, heads

    def _definitions(self, text: str, ends: Container[int]):
        """Rule *components*, definition form: ``“三环”即学习环、责任环、监督环`` or
        ``“五联五促”党建工作模式，即A、B、C、D、E`` spells out the parts of a model. The
        items (2–16 characters, a whole quote allowed inside, at least two) are parts when their count is a numeral of
        the label (三环: 3 items), or when the label has no Chinese numeral. Returns the
        candidates and ``{item start: model name}``."""
        out, heads = [], {}
        for m in DEFINITION_RE.finditer(text):
            label = m["quote"][1:-1]
            if label in self.lex.slogans or label in self.indicator_heads:
                continue  # “三违”指违章指挥…, “四个意识”即…: a term or a formula defined, no model
            model_end = m.end("quote")
            if m["tail"]:
                typed = self._type_after(text, m.end("quote"), ends)
                if typed is None or typed[0] != m.end("tail"):
                    continue  # words other than a type word between the name and 即
                model_end = typed[0]
            counts = {CN_DIGITS[ch] for ch in m["quote"] if ch in CN_DIGITS}
            if label.isdigit() and len(label) == 1:
                counts.add(int(label))  # 所谓“1”，是指A、B的责任链条: one thing, no parts
            if re.fullmatch(r"[“\"](?:一[^一“”\"]){2,}[”\"]", m["quote"]):
                counts.add(m["quote"].count("一"))  # “一哨一队一站”: three parts
            # The last item may follow 和/及/与 (A、B和C); within an item they are words.
            head, _, last = m["items"].rpartition("、")
            at = m.end("items") - len(last)
            # 和 of 和谐 is no conjunction: the word must stand alone (jieba's tokens).
            cut = next((i for i, ch in enumerate(last) if ch in "和及与" and 2 <= i <= len(last) - 3
                        and at + i in ends and at + i + 1 in ends), None)
            tail = [last[:cut], last[cut + 1:]] if cut is not None else [last]
            items = (head.split("、") if head else []) + tail
            if counts and len(items) not in counts and cut is not None and len(items) - 1 in counts \
                    and head and all(last[cut] in i for i in head.split("、")):
                # “三联”指党建与安全联责、…、党员与职工联户: 与 inside the last item, as in every other
                tail, items = [last], items[:-2] + [last]
            if not head and len(tail) < 2:
                continue
            if counts and len(items) not in counts:
                continue
            if "的" in items[-1] and not any("的" in i for i in items[:-1]):
                continue  # 所谓“2”，是指党委抓总、支部抓点的责任格局: one thing its modifiers describe
            if any(i.startswith(GENERIC_PREFIX) or i.endswith(DIRECTION_END) for i in items):
                continue
            # “三个一”即每名青年每月找出一处隐患、提出一条建议…: what each member does, not named
            # parts; “2”即党支部与区队…: a body alone, not a part.
            # “五必谈”即职工受到处罚必谈、家庭遇到困难必谈…: the occasions of one act that must be
            # done, each holding the label's words (必谈), not named parts (“三联”即…联责: one
            # character is no act)
            act = re.sub(r"[一二三四五六七八九十两\d“”\"]", "", m["quote"])
            if len(act) >= 2 and act.startswith("必") and all(act in i for i in items):
                continue  # (“五到位”指思想教育到位…: states to reach, named parts)
            if any(re.search(r"每[名位个]", i) or i in self.org_suffix_set for i in items):
                continue
            pos = m.start("items")
            for item in items:
                pos = text.index(item, pos)
                out.append((pos, pos + len(item), "component", ""))
                heads[pos] = text[m.start("quote"):model_end]
                pos += len(item)
        return out, heads

    def _quote_types_in(self, window: str) -> list[str]:
        """``[t for t in self.quote_types if t in window]`` (each type once), by one scan."""
        search, prefixes = self.quote_type_re.search, self.quote_type_prefixes
        found: set[str] = set()
        m = search(window)
        while m is not None:  # every place a type starts, overlapping types included
            found.update(prefixes[m.group()])
            m = search(window, m.start() + 1)
        return sorted(found, key=self.quote_type_rank.__getitem__)

    def _type_after(self, text: str, pos: int, ends: Container[int] | None = None) -> tuple[int, str] | None:
        """A type word within 12 characters after a closing quote, without punctuation
        (``“369”精准人才培养工作``); ``的`` may stand first (``”的工作模式``)."""
        window = text[pos:pos + 14]
        cut = next((i for i, ch in enumerate(window) if ch in PUNCT), len(window))
        window = window[:cut]
        best = None
        # QUOTED_ONLY_TYPES type a quoted name too. The first type word ends the name (“一线三员”安全监督模式让…管理: no verb and object glued on), with
        # the type words right after it (“X”安全管理体系).
        for typ in self._quote_types_in(window):
            i = window.find(typ)
            if i < 0:
                continue
            head = window[:i]
            # 等 closes a list: “十不准”等规定 names the class of the items, not the item.
            # (“四联”即支部联区队: 即 opens the definition, its words are no type)
            if any(v in head for v in ("和", "与", "及", "中", "上", "为", "等", "是", "即", "指")) or "的" in head[1:]:
                continue
            # (每名“红哨员”还各自认领一块党员责任区: an adverb or a verb between, a clause, no type)
            if head and CLAUSE_IN_HEAD_RE.search(head):
                continue
            if head and head[0] == "的" and len(head) > 4 or (typ in VERB_TYPES and (
                    len(head) > 4 or VERB_TYPE_HEAD_RE.search(head) or head.startswith("的")
                    # “三员”的巡查记录: the act's record, a noun of its own
                    or re.match(r"记录|情况|结果|数据|台账|工作", window[i + len(typ):]))):
                continue  # (“三违”职工开展帮教, “一通三防”隐患挂牌督办: the verb's object, not a motto's measure)
            end = pos + i + len(typ)
            if ends is not None and end not in ends:
                continue  # “零隐患”工作面: 工作 is inside the word 工作面
            if best is None or (i, -len(typ)) < best[2]:
                best = (end, typ, (i, -len(typ)))
        if best is not None:
            more = self.type_run_re.match(text, best[0])
            end = more.end() if more and (ends is None or more.end() in ends) else best[0]
            return end, best[1]
        # A measure noun ends at the first type word that closes the run (no verbs after).
        return best

    def _lexicon(self, text: str):
        if self.lexicon_re is None:
            return []
        # 发挥…突击队作用: the role of a body, not the institution.
        # 到警示教育馆参观: a place named after the institution; 安全生产标准化动态考核得分: a
        # grade measured, the indicator of a result.
        return [(m.start(), m.end(), "lexicon", "") for m in self.lexicon_re.finditer(text)
                if not text.startswith("作用", m.end()) and not LEXICON_NOT_AFTER_RE.match(text, m.end())]

    def _typed_at(self, text: str, pos: int, ends: Container[int]) -> int | None:
        """The end of a typed name that starts at ``pos``: the first type word within
        the item (no punctuation) that ends on a token boundary (``党委中心组学习``
        is one word, so its ``中心`` is not a type word), extended over a type word
        right after it (``活动平台``, ``品牌矩阵``); ``None`` when there is none."""
        item = ITEM_RE.match(text, pos, min(len(text), pos + 24))
        if item is None:
            return None
        # Overlapping type words are tried too: 包保制 ends inside 包保|制度, whose 制度 does not.
        search, at = self.type_word_re.search, pos + 1
        while (tm := search(text, at, item.end())) is not None:
            if tm.start() - pos > 16:
                break
            more = self.type_run_re.match(text, tm.end())
            end = more.end() if more else tm.end()
            if end in ends:
                return end
            at = tm.start() + 1
        return None

    def _typed(self, text: str, ends: Container[int]):
        out = []
        for m in self.adopt_re.finditer(text):
            pos, passed = m.end(), False
            # 划分为42个党员安全网格, 设立12个党员先锋岗: a count between verb and name.
            if text.startswith("了", pos):
                pos += 1  # 建立了X台账: the aspect particle is the verb's
            count = COUNT_BEFORE_RE.match(text, pos)
            if count:
                pos = count.end()
            while pos < len(text):
                tm = self._typed_at(text, pos, ends)
                if not tm:
                    # The verb governs a list (严格落实党委中心组学习、党支部周二政治理论
                    # 学习制度): an item without a type word is passed over.
                    item = ITEM_RE.match(text, pos)
                    # 年中、年终考核: a one- or two-character item shares the head of the
                    # next (an ellipsis), so the items are not separate names.
                    if (item and len(item.group(0)) > 2 and text[item.end():item.end() + 1] == "、"
                            and not LIST_CLOSE_RE.search(item.group(0))):
                        pos, passed = item.end() + 1, True
                        continue
                    break
                end = tm
                name = text[pos:end]
                # 组建由28名党员组成的党员突击队: who makes it up describes the team, the name follows.
                made_of = MADE_OF_RE.match(name)
                if made_of and len(name) - made_of.end() >= 3:
                    pos += made_of.end()
                    name = text[pos:end]
                # 建立以安全生产和经营指标为核心的品牌成效量化评价体系: what it centres on describes
                # it, the name follows
                centred = CENTRED_ON_RE.match(text[pos:pos + 26])
                if centred:
                    pos += centred.end()
                    continue
                if passed and LIST_CLOSE_RE.search(name):
                    break  # 开展主题教育、理论学习等活动: 活动 names the class of the list
                # Skip a second verb (建立健全 → 建立 + 健全) and generic heads.
                inner = self.adopt_re.match(name)
                if inner and inner.end() < len(name):
                    pos += inner.end()
                    continue
                if name.startswith(GENERIC_PREFIX) or len(name) < 3:
                    break
                if name.startswith("以") and text.startswith("为", end):
                    break  # 形成了以集团主品牌为引领、…的格局: what a frame takes as its lead, no name
                typ = self._type_of(name)
                if len(name) - len(typ) < 2:
                    break
                stem = name[:-len(typ)]
                if ABSTRACT_AND_RE.match(stem) or (stem in GENERIC_STEMS and typ in ("机制", "制度", "体系")):
                    break  # 构建思路和运行机制, 长效机制: a generic noun, not a name
                out.append((pos, end, "typed", typ))
                # 、 continues a list of names after the same verb.
                if end < len(text) and text[end] == "、":
                    pos = end + 1
                    continue
                break
        return out

    def _type_of(self, name: str) -> str:
        """The first type word, in the lexicon's order, that ``name`` ends with: what
        ``next(t for t in self.types if name.endswith(t))`` finds, by looking up the
        name's tails of each type length rather than trying 112 type words.

        Raises:
            ValueError: ``name`` ends with no type word.
        """
        rank = self.type_rank
        return self.types[min(rank[name[-n:]] for n in self.type_lengths if n <= len(name) and name[-n:] in rank)]

    def _distributive(self, doc: Doc, taken: Intervals):
        """Items of a list sharing a place suffix (rule *distributive*); each span covers
        the item as written, its name is item + suffix (the quoted form when the text
        quotes it elsewhere), and it is part of the closest model quoted before it."""
        text, out = doc_text(doc), []
        for m in DISTRIB_RE.finditer(text):
            suffix = m["suffix"]
            para = text.rfind("\n", 0, m.start()) + 1
            model = None
            for q in QUOTE_RE.finditer(text, para, m.start()):
                ext = self._type_after(text, q.end())
                if ext and ext[1].endswith(("模式", "体系")):
                    model = text[q.start():ext[0]]
            pos = m.start("items")
            for item in m["items"].split("、"):
                s, e = pos, pos + len(item)
                pos = e + 1
                if item.endswith(suffix):
                    item, e = item[: -len(suffix)], e - len(suffix)
                if taken.overlaps(s, e):
                    continue
                span = char_span(doc, s, e)
                if span is None:
                    continue
                quoted = f"“{item}{suffix}”"
                span._.canonical = quoted if quoted in text else item + suffix
                span.label_ = self.lex.domain_of(item, "organisational")
                span._.rule = "distributive"
                span._.modality = self._modality(text, s)
                span._.part_of = model
                taken.add(s, e)
                out.append(span)
        return out

    def _counted(self, text: str):
        """``，井下维修课堂28人``: a typed name that opens a clause and is directly followed
        by a participant count."""
        out = []
        # Tried only before a count (common.finditer_ending_at): at every character of
        # the text the pattern tried ten lengths of name against every type word.
        ends = _count_ends(text)
        for m in finditer_ending_at(self.counted_re, text, ends):  # made once, not per article
            name = m.group(1)
            if self.adopt_re.search(name) or name.startswith(GENERIC_PREFIX):
                continue
            typ = self._type_of(name)
            if len(name) - len(typ) >= 2:
                out.append((m.start(1), m.end(1), "counted", typ))
        return out

    def _lists(self, text: str):
        out = []
        matches = [*self.list_re.finditer(text), *(m for m in self.carrier_re.finditer(text) if m["head"])]
        for m in matches:
            if FORMS_AFTER_LIST_RE.match(text, m.end("items")):  # (not a copy of the rest of the text)
                continue  # 集中、自主等多种形式的培训: forms of one measure, not measures
            items_start = m.start("items")
            pos = items_start
            items = m.group("items").split("、")
            # 深化A、加强B、完善C等措施: each item carries its own verb, so the list is of
            # actions; an item names a measure only with a type word (完善考核机制).
            acts = any(self.adopt_re.match(item) for item in items[1:])
            # 利用道路道旗、宣传牌板等阵地: channels; a carrier is a measure when it is a
            # named facility or platform (职工创新工作室、职工实训基地等阵地).
            typed_only = acts or m["head"] in CARRIER_HEADS
            for item in items:
                s, e = pos, pos + len(item)
                pos = e + 1
                # Cut a leading verb or 与/和 (将理论学习与主题演讲 → 主题演讲).
                for sep in ("与", "和", "及"):
                    k = text.rfind(sep, s, e)
                    if k >= 0 and s == items_start:
                        s = k + 1
                vm = self.adopt_re.match(text, s)
                if vm:
                    s = vm.end()
                name = text[s:e]
                if not 2 <= len(name) <= 12 or name.startswith(GENERIC_PREFIX):
                    continue
                if name.endswith(DIRECTION_END) or self._is_org(name):
                    continue  # 政治建设: a line of work; 安全监管党支部: a body
                if typed_only and not name.endswith(tuple(self.types)):
                    continue
                out.append((s, e, "list", ""))
        return out

    def _is_org(self, name: str) -> bool:
        """Ends in an organisation suffix (党支部, 公司, 部 …) and not in a word for
        people (纪检监察干部: 部 here is part of 干部)."""
        return (name.endswith(tuple(suffix for suffix, _ in self.lex.org_suffixes))
                and not name.endswith(PEOPLE))

    # -- attributes --------------------------------------------------------------
    def _modality(self, text: str, start: int) -> str:
        # Under a heading of plans (三、2025年工作打算 and its sub-headings): proposed, not done.
        starts, plans = _top_sections(text)
        k = bisect_right(starts, start) - 1
        if k >= 0 and plans[k]:
            return "recommended"
        # Look back to the sentence start for a recommendation cue.
        s = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
        # 要求, 重要, 应急, 表明…: the cue's characters inside other words (_MODAL_MASK_RE).
        window = _MODAL_MASK_RE.sub("", text[s:start])
        # Any cue in the window: one alternation of the cues (made once), not a scan per cue.
        return "recommended" if self.recommend_re is not None and self.recommend_re.search(window) else "reported"

    def _part_of(self, text: str, spans) -> None:
        """Parts of models, as the text places them.

        - ``其中“Y”`` right after a model ``“X”…模式/体系`` of the same paragraph, and a
          ``“…到支部”`` part anywhere after the model, are parts of that model.
        - A practice that a sentence introduces after naming a model part
          (``在“素质提升到支部”实践中,通风区党支部构建“党员导师制”``) is part of that
          model part: the sentence's topic.
        """
        model = None
        starts = [p.start for p in spans]  # spans are sorted by start
        # Read once: spaCy makes an Underscore object on every span._ (the reads of
        # canonical were a third of this method's time); no rule here renames a span.
        names = [span_ext(p, "canonical") for p in spans]  # common.span_ext: not even one
        for span, name in zip(spans, names):
            para_start = text.rfind("\n", 0, span.start_char) + 1
            if name.endswith(("模式", "体系")) and name.startswith("“"):
                model = (span, para_start)
                continue
            before = text[max(0, span.start_char - 3):span.start_char]
            if model is None:
                continue
            if name.strip("“”").endswith("到支部") or ("其中" in before and model[1] == para_start):
                span._.part_of = model[0]._.canonical
        # “4”是指“A”“B”“C”“D”: the items that a number of a compound label (“1+4”先锋工作体系)
        # stands for are parts of the model of that label.
        for span, name in zip(spans, names):
            if not name.startswith("“"):
                continue
            label = NUMBER_ITEMS_RE.search(text, max(0, span.start_char - 60), span.start_char)
            if label is None:
                continue
            n = label["n"]
            model = next((m for m, mn in zip(reversed(spans), reversed(names)) if m.start < span.start
                          and (lab := re.match(r"“([^“”]+)”", mn)) and n in re.split(r"[+＋]", lab[1])
                          and ("+" in lab[1] or "＋" in lab[1])), None)
            if model is not None:
                span._.part_of = span_ext(model, "canonical")
        # A sentence that opens by building a system lists its parts after it.
        for span, name in zip(spans, names):
            if not name.endswith(MODEL_HEADS):
                continue
            sent = sent_of(span)  # span.sent, by bisection
            lead = text[sent.start_char:span.start_char]
            if not any(v in lead[-6:] for v in MODEL_BUILD):
                continue
            if starting_in(spans, starts, sent.start, span.start):
                continue  # not the sentence's first measure
            for other in starting_in(spans, starts, span.start + 1, sent.end):
                if not other._.part_of and other._.canonical != name:  # the system named again is not its part
                    other._.part_of = name
        # Read once and kept current: reading p._.part_of of every measure before each one
        # in its sentence was most of this method's time (pyinstrument, 200 papers).
        part = [span_ext(p, "part_of") for p in spans]
        for i, (span, name) in enumerate(zip(spans, names)):
            if part[i]:
                continue
            sent = sent_of(span)  # span.sent, by bisection
            lo, hi = bisect_left(starts, sent.start), bisect_left(starts, span.start)  # common.starting_in
            topic = next((k for k in range(lo, hi) if part[k] and part[k] != name), None)
            if topic is not None and names[topic] != name:
                span._.part_of = part[i] = names[topic]
        _break_cycles(spans)


def _name_again(span, first) -> None:
    """Make ``span`` a mention of the measure of ``first`` (rule *again*): its name,
    domain and model."""
    span.label_ = first.label_
    # span._.… = first._.…, without an Underscore object per read and write (common.span_ext)
    set_span_ext(span, canonical=span_ext(first, "canonical"), rule="again", part_of=span_ext(first, "part_of"))


def _not_a_measure_here(text: str, span) -> bool:
    """A name written where it is not a measure: a heading that only gives a direction
    (``4.1 完善安全考评机制``: GUIDELINES.md «Not a practice: a bare direction»); a standard
    attained (``国家一级安全生产标准化管理体系``, ``标准化示范矿井``); members doing the act a
    name says (``由1至2名党员包保``, ``党员包保职工``)."""
    a, b = span_ext(span, "chars") or (span.start_char, span.end_char)  # span._.chars, common.span_ext
    quoted = text[a:a + 1] in "“\""
    # (fullmatch between pos and endpos: the pattern has no lookbehind nor anchor, so it
    # reads the line's start as it reads its slice, without copying the line)
    if not quoted and DIRECTION_HEADING_RE.fullmatch(text, _line_start(text, a), a):
        line_end = text.find("\n", b)  # (the rest of the line read only after a heading)
        if not text[b:len(text) if line_end < 0 else line_end].strip("。 "):
            return True
    if STANDARD_BEFORE_RE.search(text, max(0, a - 4), a) or STANDARD_AFTER_RE.match(text, b):
        return True
    if "标准化" in text[a:b] and re.match(r"[一二三]级", text[b:b + 2]):
        return True  # 达到安全生产标准化二级以上: a grade (建立…三级网格 is a structure of the measure)
    # 由1至2名党员包保, 每名党员包保2至3台设备, 由普通党员包保: the members as the agent of the act.
    # (the cheap tests first: few names start with 党员)
    return text.startswith("党员", a, b) and not quoted and span_ext(span, "rule") == "lexicon" \
        and bool(AGENT_BEFORE_RE.search(text[max(0, a - 5):a]) or PERSON_OBJECT_RE.match(text, b))


#: The first characters of the units of a counted name's count (PracticeRecognizer.counted_re).
_COUNT_UNIT_START_RE = re.compile("[人期场]")


def _count_ends(text: str) -> list[int]:
    """Where a counted name can end, in order: the places where ``(?=\\d+(?:人次|人|期|场))``
    holds, every digit of a run of digits right before 人, 期 or 场 — found from those
    characters back (the lookahead, and ``\\d`` at every character, read the whole text)."""
    out = []
    for m in _COUNT_UNIT_START_RE.finditer(text):
        k = at = m.start()
        while k > 0 and text[k - 1].isdecimal():  # (str.isdecimal: what \d matches)
            k -= 1
        out.extend(range(k, at))
    return out


def _starts_before(text: str, word: str) -> list[int]:
    """The places a match that opens with spaces (``\\s*``) and then ``word`` can start:
    each place of ``word`` and of the spaces right before it, in order."""
    out = []
    for j in occurrences(text, word):
        i = j
        while i > 0 and text[i - 1].isspace():  # (str.isspace: what \s matches)
            i -= 1
        out.extend(range(i, j + 1))
    return out


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


#: A short topic and a bare quote (安全“三必谈”, 党员“三包”): the quote's measure, said of a topic.
_TOPIC_QUOTE_RE = re.compile(r"[\u4e00-\u9fff]{1,4}([“\"][^“”\"]+[”\"])")


def _bare_quote_mentions(spans, types) -> None:
    """Rule *again*, by label: a bare quote (``“三线四联”``, a title's ``党员“双巡一查”守牢…``)
    whose label is written elsewhere in the text with a type word (``“三线四联”安全党建模式``)
    is that measure, named by its label alone — as Chinese headlines and abstracts do.
    The longer name is a quote and a short typed tail (up to 8 characters, ending in a type
    word of ``types``). ``spans`` sorted by start; changed in place."""
    full: dict[str, object] = {}
    types = tuple(types)  # once, not per span
    for p in spans:
        name = span_ext(p, "canonical")  # p._.canonical, without an Underscore object (common.span_ext)
        m = _CORE_RE.match(name)
        tail = name[m.end():] if m else ""
        if m and 0 < len(tail) <= 8 and tail.endswith(types) and span_ext(p, "rule") != "again":
            full.setdefault(m.group(1), p)
    for p in spans:
        label = span_ext(p, "canonical").strip()
        # 安全“三必谈” after “三必谈”工作法: a topic before the bare quote (推广…安全“三必谈”做法)
        # names the same measure.
        topic = _TOPIC_QUOTE_RE.fullmatch(label)
        if topic is not None:
            label = topic.group(1)
        if label[:1] in "“\"" and label[-1:] in "”\"" and label.count("“") <= 1:
            first = full.get(label.strip("“”\""))
            if first is not None:
                _name_again(p, first)


#: What may stand right before a tail named again: a preposition, a conjunction or the end of
#: a verb (把警示教育延伸到…, 开展警示教育; and the last character of every adoption verb of
#: cues.tsv, PracticeRecognizer.adopt_ends); another character is a modifier that makes it
#: another kind (廉政警示教育 after “事故说法”警示教育).
TAIL_MAY_FOLLOW = frozenset("把将以对在和与及的展行施抓化强进是用过了")


def _tail_mentions(spans, text: str, verb_ends: frozenset[str] = frozenset()) -> None:
    """Rule *again*, by the words after the quote: an unquoted name of four characters or
    more that is the whole tail of a quoted name before it (``警示教育`` after ``“案例说安全”
    警示教育``, ``安全包保`` after ``“一帮五”安全包保``) is that measure named again without
    its motto, as a text goes on about the measure it has introduced. The first such name
    wins; a name found before the quoted one stays itself. ``spans`` sorted by start;
    changed in place."""
    tails: dict[str, object] = {}
    may_follow = TAIL_MAY_FOLLOW | verb_ends
    for p in spans:
        name = span_ext(p, "canonical").strip()
        m = _CORE_RE.match(name)
        if m is not None:
            tail = name[m.end():]
            if len(tail) >= 4 and span_ext(p, "rule") != "again":
                tails.setdefault(tail, p)
        elif len(name) >= 4 and (first := tails.get(name)) is not None and first.start < p.start \
                and not ("\u4e00" <= text[p.start_char - 1:p.start_char] <= "\u9fff"
                         and text[p.start_char - 1] not in may_follow):
            _name_again(p, first)  # (廉政警示教育: another kind of it, not the measure named again)


@functools.lru_cache(maxsize=4)
def _stem_type_run(types: tuple[str, ...]) -> re.Pattern:
    """``化?`` and a run of the type words ``types``, compiled once per set of type words."""
    return re.compile("化?(?:%s)+" % word_alternation(types))  # longest first


def _stem_mentions(spans, types: tuple[str, ...]) -> None:
    """Rule *again*, by the stem: a name of four characters or more that a name before it
    continues with type words only, quotes aside (``安全“三必谈”`` after ``安全“三必谈”工作法``,
    ``党员安全网格`` after ``“党员安全网格化”管理``, 化 making the manner), is that measure
    named without its type word, as a text does when it sums up (推广党员安全网格和安全
    “三必谈”做法). ``spans`` sorted by start; changed in place."""
    stems: dict[str, list[tuple[str, object]]] = {}  # the first four characters → the names before
    type_run = _stem_type_run(types)
    for p in spans:
        if span_ext(p, "rule") == "again":
            continue
        name = normalise_name(span_ext(p, "canonical"))
        # (党建品牌 beside 党建品牌矩阵: a name with a type word of its own, which the longer one
        # continues with another, is another measure; 党员安全网格 in 党员安全网格化管理 is its manner)
        typed = name.endswith(types)
        first = None if len(name) < 4 else next(
            (q for qname, q in stems.get(name[:4], ()) if len(qname) > len(name) and qname.startswith(name)
             and type_run.fullmatch(qname, len(name)) and not (typed and qname[len(name)] != "化")), None)
        if first is not None:
            _name_again(p, first)
        else:
            stems.setdefault(name[:4], []).append((name, p))


def _inner_mentions(spans) -> None:
    """Rule *again*, by the words inside the quote: an institution of the lexicon written
    unquoted after a quoted name of the same sentence that holds it (``执行“隐患排查党员包保
    销号”制度，全年党员包保隐患2046条``) is that measure's act, said with its own words: the
    measure named again. ``spans`` sorted by start; changed in place."""
    for k, p in enumerate(spans):
        if span_ext(p, "rule") != "lexicon":
            continue
        name = normalise_name(span_ext(p, "canonical"))
        sent = sent_of(p)
        for j in range(k - 1, -1, -1):  # the spans before it, nearest first (no copy of them)
            q = spans[j]
            if q.start < sent.start:
                break
            if span_ext(q, "rule") != "quoted":
                continue
            qname = span_ext(q, "canonical")
            inner = QUOTE_INNER_RE.search(qname)
            # (主题党日“下井日”, then 主题党日: the institution that hosts the theme, itself;
            # “主题党日+安全”活动 joins the institution to a theme, which stays itself)
            if inner is not None and name in normalise_name(inner.group(1)) \
                    and not re.search(r"[+＋]", inner.group(1)) \
                    and len(name) < len(normalise_name(qname)):
                _name_again(p, q)
                break


#: A quoted name with a tail of two characters or more (“红袖标”巡查).
_QUOTE_TAIL_RE = re.compile(r"(?P<quote>[“\"][^“”\"]+[”\"])(?P<tail>[\u4e00-\u9fff]{2,})")


def _short_quote_mentions(spans, text: str) -> None:
    """Rule *again*, by a shorter quote: a bare quote (no type word) whose words are the
    end of a longer quoted name of the text (``“责任田”`` for ``“三色责任田”``,
    ``“微党课”`` for ``“班前五分钟微党课”``), or its start and end with the characters
    between in order (``“班前微党课”``), is that measure named short, as Chinese prose
    names a long measure again. Three characters at least; the longest such name wins.
    A quote that the text continues into the longer name (``“三线”融合`` for ``“三线融合”``)
    is that name too, however short. ``spans`` sorted by start; changed in place."""
    # Each name read once (p._.canonical, without an Underscore object: common.span_ext).
    names = [span_ext(p, "canonical").strip() for p in spans]
    first_names = [(name, p) for name, p in zip(names, spans) if span_ext(p, "rule") != "again"]
    # Quoted names with or without a tail (“三线融合”安全责任体系), for the continued form;
    # the bare ones of four characters or more, for the shorter quotes.
    cores = [(m.group(1), p, m.end() == len(name)) for name, p in first_names if (m := _CORE_RE.match(name))]
    if not cores:
        return
    full = sorted(((core, p) for core, p, bare in cores if bare and len(core) >= 4), key=lambda kv: -len(kv[0]))
    unquoted = {normalise_name(name): p for name, p in first_names if "“" not in name and '"' not in name}
    for p, name in zip(spans, names):
        # “红袖标”巡查 after “红袖标”安全巡查: the same quote with the head of the tail only.
        tm = _QUOTE_TAIL_RE.fullmatch(name)
        if tm is not None and span_ext(p, "rule") != "again":
            longer = next((first for fname, first in first_names if first is not p and first.start < p.start
                           and len(fname) > len(name) and fname.startswith(tm["quote"])
                           and fname.endswith(tm["tail"])), None)
            if longer is not None:
                _name_again(p, longer)
                continue
        m = _CORE_RE.fullmatch(name)
        if not m:
            continue
        short = m.group(1)
        # 记者：“护安工程”具体是怎么落地的？: a quote of a name the text writes unquoted.
        plain = unquoted.get(normalise_name(short))
        if plain is not None and plain is not p:
            _name_again(p, plain)
            continue
        cont = next((first for inner, first, _ in cores if first is not p and inner.startswith(short)
                     and len(inner) > len(short) and text.startswith(inner[len(short):], p.end_char)), None)
        if cont is not None:
            _name_again(p, cont)
            continue
        if len(short) < 3:
            continue
        for inner, first in full:
            if first is p or inner == short or len(inner) <= len(short):
                continue
            if inner.endswith(short) or (inner[:2] == short[:2] and inner[-2:] == short[-2:]
                                         and in_order(short, inner)):
                _name_again(p, first)
                break


def _label_models(spans, labels: dict[int, str]) -> None:
    """The model of the items of a counted label (rule *components*, counted form): the
    measure of the same sentence whose quoted name starts with the label's words
    (``“三线融合”安全责任体系`` for the items of ``“三线”``). ``labels``: ``{item start:
    label words}``; ``spans`` changed in place."""
    if not labels:
        return
    for p in spans:
        label = labels.get(p.start_char)
        if label is None or span_ext(p, "part_of"):
            continue
        sent = sent_of(p)
        for other in spans:
            name = span_ext(other, "canonical")
            if other is not p and sent.start <= other.start < sent.end and name.startswith(("“" + label, '"' + label)) \
                    and len(name.strip("“”\"")) > len(label):
                p._.part_of = name
                break


@functools.lru_cache(maxsize=4)
def _top_sections(text: str) -> tuple[list[int], list[bool]]:
    """The starts of the top-level headings of ``text`` (一、…) and whether each announces
    plans (PLAN_WORDS_RE): found once per article, not once per name (``_modality``)."""
    sections = [(m.start(), bool(PLAN_WORDS_RE.search(m.group(0)))) for m in TOP_HEADING_RE.finditer(text)]
    return [a for a, _ in sections], [p for _, p in sections]


def _clause_head(text: str, pos: int) -> str:
    """The clause before ``pos`` (from the last clause separator, not 、): ``text[s:pos]``
    with ``s`` the start :func:`common.clause_bounds` finds, by its walk back alone (its
    walk forward to the clause's end, character by character in Python, was never read)."""
    s = pos
    while s > 0 and text[s - 1] not in CLAUSE_SEP:
        s -= 1
    return text[s:pos]


#: The quoted core of a name: “金蓝领” in “金蓝领”技能人才培育工程.
_CORE_RE = re.compile(r"^[“\"]([^”\"]+)[”\"]")


#: Nouns of a measure's making or carrying out after its quoted label (“一区一品”创建,
#: “双述双评”工作, “党员安全哨”项目): the measure named before with the same label (typed or bare).
PROCESS_TAILS = ("创建", "建设", "工作", "创建工作", "建设工作", "推行", "实施",
                 # 该矿“党员安全哨”项目还获评…一等奖: the measure entered for a prize as a project
                 "项目")


def _same_measure(spans) -> None:
    """A measure named again in a shorter or longer form is the same measure: a quoted
    name whose quote and last type word (two characters: 模式, 工程, 机制 …) are those of
    a name before it takes that name (``“金蓝领”培育工程`` after ``“金蓝领”技能人才培育
    工程``; ``“462”党建模式`` after ``“462”党建工作模式``)."""
    first: dict[tuple[str, str], str] = {}
    by_core: dict[str, str] = {}
    for span in spans:
        name = span_ext(span, "canonical")  # span._.canonical, without an Underscore object (common.span_ext)
        core = _CORE_RE.match(name)
        tail = name[core.end():] if core else ""
        if not core or not tail:
            # a bare quote (“党员安全哨”) or a name unquoted (即党员安全哨、党员攻坚队…)
            by_core.setdefault(normalise_name(core.group(1) if core else name), name)
        if not core or len(tail) < 2:
            continue
        label = normalise_name(core.group(1))
        if tail in PROCESS_TAILS and label in by_core:
            # 在“一区一品”创建中 after “一区一品”安全党建品牌: the measure's making, the measure
            span._.canonical = by_core[label]
            continue
        by_core.setdefault(label, name)
        span._.canonical = first.setdefault((label, tail[-2:]), name)



def _break_cycles(spans) -> None:
    """No practice is part of itself, directly or through others.

    A name may occur several times with different ``part_of``; the chains follow the
    first ``part_of`` of each name (as :func:`extract.records.record_from_doc` keeps it).
    Where a chain comes back to where it started, the ``part_of`` of the first name in
    the cycle (in text order) is dropped, until no cycle is left.
    """
    while True:
        parent: dict[str, str] = {}
        for span in spans:
            part = span_ext(span, "part_of")  # span._.part_of, without an Underscore object (common.span_ext)
            if part:
                parent.setdefault(span_ext(span, "canonical"), part)
        cyclic = next((name for name in parent if _in_cycle(name, parent)), None)
        if cyclic is None:
            return
        for span in spans:
            if span._.canonical == cyclic:
                span._.part_of = None


def _in_cycle(name: str, parent: dict[str, str]) -> bool:
    seen, node = set(), parent.get(name)
    while node is not None and node not in seen:
        if node == name:
            return True
        seen.add(node)
        node = parent.get(node)
    return False
