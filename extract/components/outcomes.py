"""``minekg_outcomes``: results an organisation or a practice reports.

Rules (issue 3 «Outcomes», GUIDELINES.md «Outcome»):

- *measured*: a clause with a number and a unit (%, 万吨, 条, 项, 名 …) and a change verb
  of ``cues.tsv``, in one of the orders Chinese reports write them:
  indicator + verb (+至/到) + number + unit (``设备故障率降低23%``);
  verb + indicator + number + unit (``累计排查整改隐患572条``);
  verb + number + unit + indicator (``形成12项具体举措``);
  number + unit + verb + indicator (``2940人获得…资格证书``);
  indicator + 占 + … + number + % (``技能人才占…的75%``).
  Counts of effort (``培训8445人次``, ``召开党委会45次``) are inputs, not results.
- *qualitative*: fixed result phrases (实现全年安全生产, 零事故, 荣获…, 通过…验收) and
  subject + adverb + change verb at the end of a clause (``员工的归属感和认同感不断提高``,
  ``安全生产形势持续稳定``), or verb + 了 (``有效保障了企业的安全生产``).
- Targets and wishes (打造, 力争, 确保 …) and recommendations (要, 应 …) are not results; a
  wish runs on into the next clause (``力争实现…，百万吨死亡率继续保持为零``).
- *subject*: a measure that is the subject of a counted or honoured result (``2024年“青安哨”
  发现并整改隐患418条``, ``“三班三问”工作法被集团公司评为…``) stays a practice and the result
  is written after it.
- *category*: the longest head of ``indicators.tsv`` in the indicator; an elliptic
  indicator (``同比下降23.5%``, ``整改率100%``) takes the category of the result before it.

Each outcome span gets ``label_`` (category by ``indicators.tsv``) and
``span._.quantity`` (:class:`~extract.components.common.Quantity`).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from ..ingest import BULLETS, EFFECT_LABEL, NUMBERED_HEADING_RE, heading_rank
from ..lexicon import Lexicons, load_lexicons
from .common import (Intervals, Quantity, Quick, QuickIndex, any_words, char_span, doc_text, ordered_alternation, sentences,
                     span_ext, span_group,
                     starting_in, word_alternation, year_in)
from .tables import table_rows

UNITS = ("万吨", "万元", "亿元", "万米",
         # 原煤产量由361万t提高到418万t: a journal writes the tonne as t (GB 3100)
         "万t",
         # 抽采瓦斯1860万立方米: gas drained, in cubic metres
         "万立方米", "立方米",
         # 精煤回收率提高1.2个百分点: a change of a rate, in points
         "个百分点", "百分点",
         # 发现并整改隐患1.26万条, 查纠不安全行为1.1万余人次: counts in ten thousands (余: about)
         "万余人次", "万人次", "万余条", "万条", "万余人", "万人", "万余次", "万次", "万起", "万个",
         # 跟班下井96个班次: shifts, before 次
         "个班次", "班次", "人次", "分钟", "%", "％", "吨", "条", "项", "名", "人", "次", "个", "分",
         "元", "米", "处", "起", "台", "套", "家", "篇", "件", "倍", "小时", "天")
#: Units of a span of time: a result only with a change verb (缩短至14小时, 安全生产达到2 190天),
#: never a deadline or a duration of work (发现问题24小时内闭环, 连续18天吃住在区队).
TIME_UNITS = ("小时", "天", "分钟")
#: A number, its thousands grouped by a space as GB/T 15835-2011 (the Chinese standard for
#: numbers in publications) sets for numbers of five digits and more: ``3 127条``, ``2 190天``.
GROUP_SEP = r"[ \u2009\u202f\u00a0]"
NUMBER = rf"\d{{1,3}}(?:{GROUP_SEP}\d{{3}})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"
_DIGIT_RE = re.compile(r"\d")  # what every NUMBER holds (OutcomeRecognizer._measured)
#: Chinese numerals: digits, then powers (两千八百六十, 九十八点五).
CN_NUMERALS = "零〇一二两三四五六七八九"
CN_NUMBER = rf"[{CN_NUMERALS}十百千万亿]+(?:点[{CN_NUMERALS}]+)?"
#: What a count in Chinese numerals of two characters or more holds (OutcomeRecognizer._spoken_counts).
_CN_GATE_RE = re.compile(rf"百分之|[{CN_NUMERALS}][十百千万]|[十百千万][{CN_NUMERALS}]")
#: Units that count effort when no change verb makes them a result.
EFFORT_UNITS = ("人次", "次", "万人次", "万次", "班次", "个班次")
EFFORT_VERBS = ("培训", "召开", "审议", "开展", "组织", "学习", "包含", "制定", "签订", "举办", "参加")
#: Verbs that count what was achieved, before the number (形成12项举措, 完成8项项目).
COUNT_VERBS = ("形成", "完成", "获得", "解决", "培养出", "否决", "累计完成", "新增", "建成", "取得")
#: Verbs of a mine's output, before the number: 生产原煤412万吨, 产煤312万吨.
OUTPUT_VERBS = ("生产原煤", "产原煤", "产煤", "生产商品煤",
                # 回采原煤312.6万吨, 采出原煤…: a face's or a team's output
                "回采原煤", "采出原煤",
                # 全年抽采瓦斯1860万立方米: gas drained
                "抽采瓦斯")
#: Verbs that rate the units of a mine (评定五星级支部4个、四星级支部7个, 评出“积分之星”20名).
RATED_VERBS = ("评定", "评出", "评选出")
#: A sentence that opens by placing itself before the measures (2021年以前，…; 过去，…; 此前，…):
#: what it counts is the baseline the measures started from.
BEFORE_OPENER_RE = re.compile(r"\s*(?:(?:(?:19|20)\d{2}\s*年|实施|推行)(?:以前|之前)|过去|此前|以往|在此之前)[，,]")
#: A person's own honour (本人也荣获…, 他已经连续两年被评为…): GUIDELINES.md «Outcome» counts what
#: an organisation or a measure brought, not one person's prize.
PERSON_HONOUR_RE = re.compile(r"(?:本人|他|她)(?:也|还|已经|先后)*[^，,。；;]{0,8}?(?:荣获|获评|被评为|被授予|当选)")
#: Words that name or refer to a measure in a sentence (该, 这一, 通过 …): a credit stands there.
MEANS_WORDS_RE = re.compile(r"这一|这些|该|此|上述|以上|通过")
#: A sentence that judges the state it tells as bad (安全形势不容乐观, 一度承压, 问题较为突出): its
#: figures are the problem the measures met, not their results.
#: (顶板破碎段累计长达260米，…，安全和进尺压力都比较大; …，成为制约矿井安全生产的短板: the
#: difficulties met)
BAD_STATE_RE = re.compile(r"不容乐观|形势严峻|一度承压|较为突出|问题突出|居高不下"
                          r"|压力(?:都|也|较|很|比较|十分|非常|更)*大|成为[^，,。；;]{0,12}短板|困难重重"
                          # 党员年龄结构偏大，35岁以下的党员只有6名，后备力量不足: a weakness told
                          r"|(?:力量|人才|人手|能力|经验)(?:明显|严重|相对)?不足|结构偏[大老]|还不够")
#: A line labelled as a slogan, a motto or a creed (品牌口号：…, 核心理念：…): words to live by,
#: not what was done.
SLOGAN_LINE_RE = re.compile(r"\s*[\u4e00-\u9fff]{0,4}(?:口号|标语|理念|宗旨|愿景|使命|寓意|誓词)\s*[：:]")
#: A count of harm right before its figure (“三违”行为27人次, 一般隐患数量) and a comparison right
#: after it (，比2021年下降64%, ，同比下降28.6%).
HARM_COUNT_RE = re.compile(r"(?:三违|违章|隐患|事故|超限)[”\"]?(?:行为|数量|总数|起数|人次)?\s*(?:共|为|有)?\s*$")
COMPARED_AFTER_RE = re.compile(r"\s*[，,]\s*(?:同比|环比|较|比)[^，,。；;]{0,10}?(?:下降|减少|降低|上升|增加|增长)")
#: Warnings a watch gave and unsafe acts it stopped (累计发出顶板来压预警136次, 制止违章47次):
#: counted in times, a result of the watch, not effort.
WARNED_RE = re.compile(r"发出[^，,。；;]{0,8}?(?:预警|报警)|(?:制止|纠正)[^，,。；;]{0,6}?(?:违章|不安全行为|三违)")
#: Verbs of a system or a watch catching unsafe acts: a result only of violations (识别违章, not
#: 识别风险点).
CAUGHT_VERBS = ("识别", "抓拍")
#: The workers themselves right before a verb (职工提出…建议): their suggestions are a result.
WORKERS_BEFORE_RE = re.compile(r"(?:职工|员工|群众|青工|党员)[^，,]{0,4}$")
#: A count fallen to a figure (降至, 减少为, 下降到).
FALL_TO = r"(?:降|减|下降|减少)(?:为|至|到)"
#: Words of a body's size, not of a result (党员人数, 职工总数, 党支部数量).
SIZE_WORDS = "人数|总数|数量|规模"
#: The size of a change, named as such (降幅58.8%).
CHANGE_SIZE = "降幅|减幅|增幅|涨幅"
#: Verbs whose object counted is what was achieved (排查整改隐患1326条, 查处“三违”312人次,
#: 制止违章行为36起): the safety work of a mine reports its results this way.
ACHIEVE_VERBS = ("排查整改", "排查治理", "督促整改", "排查", "整改", "查处", "治理", "制止", "发现", "消除",
                 "上报", "新增", "取得", "培养",
                 # 查纠隐患213条, 化解苗头性问题23件, 纠正违章42起: problems caught and resolved
                 "查纠", "化解", "纠正",
                 # 党员安全哨累计叫停违章作业2300余次: unsafe work stopped on the spot
                 "叫停",
                 # 职工主动报告隐患1132条: hazards reported by the workers themselves
                 # (“随手拍”活动共上传隐患线索2 417条: reported through an app)
                 "报告", "上传",
                 # 查出各类隐患1156条: hazards found, what a check reports as its result
                 "查出",
                 # 收集合理化建议57条，采纳实施21条: suggestions taken up, not only collected
                 "采纳实施", "采纳",
                 # 共查改各类隐患1126条, 创造经济效益160万元
                 "查改", "创造",
                 # 年创效益218万元, 节约材料费用8万元: value made or saved in a year
                 "创效益", "年创效益", "创效",
                 # 提前处置瓦斯异常43次, 成功预警并处置井下出水点7处: hazards dealt with
                 "处置",
                 # 自查隐患312条, 处理设备疑难故障63项, 共督办整改问题136个
                 "自查", "处理", "督办整改", "督办",
                 # 平台共识别并推送违章行为3760起, 抓拍不安全行为412次: unsafe acts caught by a system
                 *CAUGHT_VERBS,
                 # 职工提出安全合理化建议1320条: suggestions made (only of suggestions: OutcomeRecognizer._measured)
                 "提出",
                 # 收集意见建议103条，已办结98条: requests dealt with to the end
                 "办结",
                 # 累计拦下酒后和身体不适人员27人次: people unfit for the shift kept out of the mine
                 "拦下", "拦截",
                 # 问责5人, 移交问题线索2条, 给予党纪处分2人, 诫勉谈话3人, 收回违规发放的补贴12.6万元:
                 # what discipline inspection reports as its results (GUIDELINES.md «integrity»)
                 "问责", "移交", "党纪处分", "政务处分", "诫勉谈话", "收回", "追缴", "挽回",
                 # 按期销号2044条: hazards closed off the register; 提拔35岁以下科级干部6名: cadres raised
                 "销号", "提拔",
                 # 提前劝离…不宜下井人员9人次 (as 拦下); 修复巷道1180米; 增创效益2160万元
                 "劝离", "劝退", "修复", "增创")
#: Head nouns of practice names (a subset of practice_types.tsv used to tell a formed
#: practice from a formed result).
PRACTICE_HEADS = ("模式", "机制", "制度", "体系", "格局", "平台", "品牌", "工作法")
#: What else a text says it formed that is a way of working, not a result (形成了一套…的做法).
FORMED_WAYS = ("做法", "经验", "思路", "办法", "方法", "路径")
#: People who all gained a certificate (128名青工全部拿到了特种作业操作证): a training's result,
#: the people between the count and the verb.
CERTIFIED_RE = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:全部|都|均|先后)(拿到|取得|获得|考取)了?"
                          r"(?P<ind>[^，,。；;]{0,14}(?:证|证书|资格|职称))(?!后方可|后才|才能|方能)")
#: A mine's natural or designed attributes before their figure (开采深度超过650米, 煤层平均厚度3.2米).
ATTRIBUTE_RE = re.compile(r"(?:开采深度|埋深|埋藏深度|厚度|倾角|储量|井田面积|生产能力|设计能力|服务年限|落差)"
                          r"(?:超过|达到?|约|为|平均)?\s*$")
#: A record set (创矿井纪录, 创下集团最好水平).
RECORD_RE = re.compile(r"创(?:造|下)?了?[\u4e00-\u9fff]{0,6}(?:纪录|记录|最好水平|最高水平)")
#: A list item's bullet and the label of its effect, before what the item says.
ITEM_LABEL_RE = re.compile(rf"\s*(?:[{BULLETS}]\s*)?(?:{EFFECT_LABEL}\s*)?")
#: A questionnaire's return rate (有效率, 回收率): how a survey was done, not a result.
SURVEY_RATE_RE = re.compile(r"(?:有效率|回收率|应答率|有效回收率)\s*$")
#: The share of a kind of people in a sample or a body (有效样本中党员占, 35岁以下职工占):
#: the make-up of the people, not a result of a measure.
COMPOSITION_RE = re.compile(r"(?:样本|受访者|受访职工|被调查者|\d+岁以下[\u4e00-\u9fff]{0,4}|\d+岁以上[\u4e00-\u9fff]{0,4})(?:中[\u4e00-\u9fff]{1,6})?(?:仅)?占\s*$"
                            # 党员占职工总数的17.3%: the share of a kind of people in the whole
                            r"|(?:党员|团员|青工|女工|青年职工|干部)(?:仅)?占(?:到)?[\u4e00-\u9fff]{0,6}总(?:数|人数)的\s*$"
                            # 其中一线党员占62%: the share of a kind of people in a body
                            r"|(?:^|其中)\s*[\u4e00-\u9fff]{0,4}(?:党员|团员|青工|女工|职工|干部)(?:仅)?占\s*$"
                            # 其中一线党员占比约58%: the share of a kind of people, stated as it is
                            r"|(?:党员|团员|青工|女工|青年职工)(?:占比|比例)(?:约|为|达)?\s*$"
                            # 有效样本中党员占31.2%，一线职工占72.5%: the sample's make-up goes on
                            r"|^(?:一线职工|管理人员|技术人员|专业技术人员|女职工|党员|团员)(?:仅)?占\s*$"
                            # 382名党员在三类岗位上履职，占在岗党员的91.2%: a share of the people of a body
                            r"|^\s*占(?:到)?[\u4e00-\u9fff]{0,6}(?:党员|职工|员工|人员|青工)(?:总数|总人数)?的\s*$")
#: Verbs of a body's make-up before a count (下设3个党小组, 现有党员31名): structure, not a result.
STRUCTURE_RE = re.compile(r"(?:下设|设有|现有|下辖|拥有)[^，,。；;]*$")
HEADING_RE = re.compile(r"^[（(]?[一二三四五六七八九十\d]{1,2}[）)、.．]")
#: A numbered heading that opens with an action of the section (（四）加强人才培养，…).
ACTION_HEAD_RE = re.compile(HEADING_RE.pattern + r"\s*(?:加强|强化|深化|推进|坚持|聚焦|突出|狠抓|夯实|筑牢|抓实|做实|持续|压实|严格|创新|完善)")
CLAUSE_RE = re.compile(r"[^，,；;。！？!?\n]+")
#: A list item of a slide or an outline: a bullet, then statements with no punctuation
#: between them (``● 原煤产量162.4万吨 完成计划104.8%``).
ITEM_LINE_RE = re.compile(rf"\s*[{BULLETS}]")
#: A list item of targets or plans: its first words name them (● 2024年目标 …, ● 力争 …, ● 下一步计划 …).
ITEM_TARGET_RE = re.compile(rf"\s*[{BULLETS}]\s*(?:(?:19|20)\d{{2}}\s*年(?:度)?)?[^\s，,。；;]{{0,4}}?"
                            r"(?:目标|力争|争取|计划|打算|下一步|预计)")
#: Where such an item's statements part: a space before words, not before a number
#: (``平均分 78.5分`` is one statement, ``2 190天`` one number).
ITEM_SPACE_RE = re.compile(r"(?<=\S)[ \u3000\t]+(?=[^\s\d])")


class _Piece:
    """A clause cut out of a sentence, read like a ``re.Match`` of :data:`CLAUSE_RE`."""

    __slots__ = ("_text", "_start", "_end")

    def __init__(self, text: str, start: int, end: int):
        self._text, self._start, self._end = text, start, end

    def start(self, *_) -> int:
        return self._start

    def end(self, *_) -> int:
        return self._end

    def group(self, *_) -> str:
        return self._text[self._start:self._end]


def _clauses(sentence: str, item_line: bool | None = None) -> list:
    """The clauses of ``sentence`` (:data:`CLAUSE_RE`); in a list item without
    punctuation (a slide's ``● 职工上报隐患1268条 隐患整改率100%``), the statements the
    spaces part are clauses too: a slide writes one statement after another with a space
    between them where a sentence would put a comma. ``item_line``: whether
    :data:`ITEM_LINE_RE` matches the sentence, when known already."""
    found = list(CLAUSE_RE.finditer(sentence))
    if item_line is None:
        item_line = ITEM_LINE_RE.match(sentence) is not None
    if not item_line or re.search(r"[，,；;。]", sentence) or not ITEM_SPACE_RE.search(sentence.strip()):
        return found
    out = []
    for m in found:
        a = m.start()
        lead = len(m.group(0)) - len(m.group(0).lstrip())
        for sm in ITEM_SPACE_RE.finditer(sentence, a + lead + 1, m.end()):
            # ● 设备故障率 下降23%, ● 职工满意度 由82%提高到95%: an indicator, then its change
            if not _HAS_COUNT_RE.search(sentence, a, sm.start()) and CHANGE_OPENER_RE.match(sentence, sm.end()):
                continue
            out.append(_Piece(sentence, a, sm.start()))
            a = sm.end()
        out.append(_Piece(sentence, a, m.end()))
    return out


#: What opens the second half of one statement: its change or the comparison it is made in.
CHANGE_OPENER_RE = re.compile(r"下降|降低|减少|增加|增长|提高|提升|上升|由|从|同比|环比|较|比|为|达")
#: A count in a piece of a slide's line: digits or a Chinese numeral of two characters.
_HAS_COUNT_RE = re.compile(r"\d|[零〇一二两三四五六七八九][十百千万]")
#: Target words whose wish runs on into the next clause (力争实现…，…保持为零); 打造 and
#: 目标 name one aim of their own clause.
CARRIED_TARGETS = ("力争", "争取", "计划新增", "计划建成", "预计")
_CARRIED_RE = re.compile(ordered_alternation(CARRIED_TARGETS))  # one scan of a clause, not one a word
#: What may stand in a result before the measure that is its subject: a time, the unit
#: that applies it (采煤三队党员安全监督员共发现…), a relative clause (总结提炼的“X”工作法
#: 被…评为…), or nothing.
SUBJECT_LEAD_RE = re.compile(r"\s*(?:(?:19|20)\d{2}\s*年(?:\d{1,2}月)?(?:底|以来)?|全年|今年|去年|上半年|下半年"
                             r"|[一二三四五六七八九十两\d]+年(?:多)?来)?[，,]?\s*"
                             # 通过“金蓝领”培育计划晋升高级工的青年职工达97人: the means, then the result.
                             r"(?:通过|经过|依托|借助)?"
                             r"(?:[\u4e00-\u9fff\d]{1,8}?(?:队|区|矿|科|厂|车间|班组|支部|党委|工会|团委))?"
                             r"(?:[\u4e00-\u9fff]{1,8}的)?"
                             # 各“党员安全哨”共制止不安全行为412起: every post of the measure, together
                             r"(?:各|每个|所有)?")
#: The verbs of an honour received (被评为, 获评, 荣获, 被命名为), and the title it names in quotes
#: with its closing word (“五星级党支部”称号).
HONOUR_VERB_RE = re.compile(r"被?(?:评为|授予|表彰为|命名为|认定为)|获评|荣获|当选为?")
HONOUR_INDICATORS = ("评为", "授予", "表彰为", "命名为", "认定为", "获评", "荣获", "当选", "当选为")
#: A prize won by a work or a body (“X”项目获…科技进步三等奖, 获…党建创新成果二等奖): an honour
#: too; not a count of prizes (获得一等奖2个: the skills of people) nor money (奖金, 奖励).
AWARD_RE = re.compile(r"获得?了?[^，,。；;]{0,28}?[一二三]?等?奖(?![金励\d一二三四五六七八九十])")
#: Titles that grade the safety of the unit honoured (安全生产标准化一级矿井, 本质安全型区队, 安全星级班组).
SAFETY_GRADE_RE = re.compile(r"标准化|本质安全|安全星级")
HONOUR_TITLE_RE = re.compile(r"[“\"][^”\"]{2,20}[”\"](?:荣誉称号|称号|荣誉)?")
#: Words that open a clause of condition or means, not of result.
CONDITION_OPENERS = ("随着", "通过", "依托", "借助", "经过")
#: What stands between a measure that is a result's subject and the result: its being put
#: to work and a causative verb (“安全家访”活动的开展使职工家属满意度达到98%).
CAUSE_LEAD_RE = re.compile(r"的(?:[\u4e00-\u9fff]{0,2}(?:实施|开展|推行|落实|运行|推进|推广|建立))?[，,]?(?:使|让|令|促使)?")
#: What closes a contest or campaign named as the arena of a result: 在“X”中, 在“X”赛项中.
ARENA_AFTER_RE = re.compile(r"(?:赛项|竞赛|活动|比武|评比|比赛)?中[，,]?")
#: How long a state held (连续12个月, 连续3年): no count of the work of a measure.
DURATION_RE = re.compile(r"连续\d+(?:个月|年|天)")
#: A measure honoured: “三班三问”工作法被集团公司评为…, X入选…优秀案例.
HONOURED_RE = re.compile(r"(?:还|也|先后)?(?:被|获评|荣获|获得|入选)")
#: An indicator that goes on about the result before it: a change against a year (同比, 较2023年)
#: or a short rate of the thing just counted (整改率, 销号率).
ELLIPTIC_RE = re.compile(rf"^(?:同比|环比|较|比上年|比去年|比前年|比(?:19|20)\d{{2}}\s*年|{CHANGE_SIZE}|已全部|全部|均已|完成计划|完成年计划|是)"
                         r"|^(?:下降|降低|减少|增长|提高|提升|上升)$|^[\u4e00-\u9fff]{0,4}率$|幅度$")
#: What a result holds at zero (零事故, 零“三违”, 零超限): harm, unsafe acts and exceedances.
ZERO_HARM = r"(?:事故|伤亡|伤害|死亡|隐患|轻伤|重伤|超限|超标|违章|三违|“三违”)"
#: Results that an instruction or a plan words the same way (要求全部整改到位, 计划…比上年多5名,
#: 计划组织30人考取证书): marked where QUAL_FIXED lists them, they stand only without an
#: instruction or a plan before them (OutcomeRecognizer.instruction_re).
GUARDED: set[re.Pattern] = set()


def _guarded(pattern: str) -> re.Pattern:
    """``re.compile(pattern)``, remembered in :data:`GUARDED`."""
    rx = re.compile(pattern)
    GUARDED.add(rx)
    return rx


#: Results that credit their sentence's subject (为…提供了有力保障): they stand only where the
#: sentence names a measure or refers to one (“三环四链”党建工作法的深入实施，为…); a year's
#: work credited in a summary's preamble (坚持以…为指导，扎实推进…，为公司高质量发展提供了坚强保证)
#: is its formula, not a result.
NEEDS_MEANS: set[re.Pattern] = set()


def _needs_means(pattern: str) -> re.Pattern:
    """``re.compile(pattern)``, remembered in :data:`NEEDS_MEANS`."""
    rx = re.compile(pattern)
    NEEDS_MEANS.add(rx)
    return rx


QUAL_FIXED = [
    re.compile(rf"实现(?:了)?(?:全年|连续)?安全生产(?:(?:{NUMBER})天)?" r"(?:[“\"]零[^”\"]{1,12}[”\"]|零" + ZERO_HARM + ")?"),
    re.compile(r"(?:已|实现)?连续(?:安全生产|\d+天无[^，,。；;]{0,10}事故)" rf"(?:(?:达到|达)?(?:{NUMBER})(?:余|多)?天)?"),
    # 矿井连续三个雨季未发生水害事故: no event over a run of periods, with the body that kept it.
    re.compile(r"[^，,。；;]{0,8}?连续[^，,。；;]{1,8}?未发生[^，,。；;]{0,14}(?:事故|案件|事件|超限|超标)"),
    # 全矿14个党支部所在单位均未发生轻伤及以上事故: every one of the units named kept it (均/都
    # spreads the result over them: they belong to its words).
    re.compile(r"[^，,。；;]{2,20}?(?:均|都)未发生[^，,。；;]{0,14}(?:事故|案件|事件|超限|超标)"),
    # 全年未发生一般及以上事故: no event of a kind, the commonest safety result.
    # …未发生瓦斯超限: an exceedance is the gas-safety event coal mines count.
    # 2021年以来集团未发生死亡事故: since when, and the body that kept it.
    re.compile(r"(?:(?:19|20)\d{2}\s*年(?:以来|至今)?)?(?:全年|全矿|公司|全公司|集团|全集团|该矿|该公司|该集团)?"
               r"未(?:再)?发生[^，,。；;]{0,14}(?:事故|案件|事件|超限|超标|险情|安全问题)"),
    # 全年未发生一起因分配问题引发的投诉: no complaint, what a fair measure reports.
    re.compile(r"(?:全年|全矿|全队|全区)?未发生[^，,。；;]{0,16}(?:投诉|上访|纠纷)"),
    # 我们队已连续420天没有发生‘三违’: the spoken form of 未发生.
    re.compile(r"[^，,。；;“”\"]{0,12}(?<!有)没有?(?:发生|出现)(?:过)?(?:一次|一起)?[^，,。；;]{0,8}?(?:事故|违章|三违|‘三违’|“三违”|超限|漏检|假检|空班)"),
    # 回访中未发现重复违章, 检查中未发现重大隐患: nothing found where it was looked for.
    _guarded(r"[^，,。；;“”\"]{0,6}?未(?:发现|出现)(?:一起|一例|一次)?[^，,。；;]{0,8}?(?:事故|违章|三违|“三违”|超限|伤亡|重大隐患)(?:行为|现象)?"),
    # 避免了一起可能发生的提升事故: an accident prevented.
    re.compile(r"避免了(?:一起|一次|多起)?[^，,。；;]{0,14}?(?:事故|伤亡|损失|停产|停工)(?:[^，,。；;]{0,6}?\d+天)?"),
    # 这条规矩让综放二队没有因交接班漏项发生过一起事故: no event of a cause, said of its cause.
    re.compile(r"[^，,。；;]{0,10}没有因[^，,。；;]{1,10}?发生(?:过)?(?:一起|一次)?[^，,。；;]{0,4}?(?:事故|伤亡|违章)"),
    # 帮助11户困难职工解决了子女上学…等实际问题: people helped out of their difficulties.
    re.compile(r"帮助\d+(?:户|名|人)[^，,。；;]{0,10}?解决(?:了)?[^，,。；;]{0,24}?(?:问题|困难)"),
    # 连续五年瓦斯零超限: a count held at zero over years.
    re.compile(r"连续[一二三四五六七八九十\d]+年(?:(?!实现)[\u4e00-\u9fff]){0,4}零" + ZERO_HARM),
    # 重大隐患实现“零存在”, 重大灾害实现“零超限、零突水”: a count held at zero, quoted.
    re.compile(r"[^，,。；;]{0,10}(?:实现|保持)(?:了)?[^，,。；;“”\"]{0,8}?[“\"]零[^”\"]{1,12}[”\"]"),
    # 先行岗党员全年零违章: a year with no unsafe act, said of the people who kept it.
    re.compile(r"[^，,。；;“”\"]{0,10}?全年零" + ZERO_HARM + r"(?![、\u4e00-\u9fff])"),
    # 安全生产标准化管理体系连续三年保持一级: a grade held.
    # (全部保持国家一级安全生产标准化等级: the grade's name after it)
    re.compile(r"[^，,。；;]{2,20}?(?:连续[一二三四五六七八九十\d]+(?:年|个月))?保持(?:国家)?[一二三]级"
               r"(?:[^，,。；;]{0,12}(?:等级|矿井|标准|水平))?"),
    # 连续三年保持安全生产标准化管理体系一级矿井: the grade named after what is graded.
    re.compile(r"(?:连续[一二三四五六七八九十\d]+(?:年|个月))?保持[^，,。；;]{2,16}?[一二三]级(?:矿井|标准|水平)?"),
    # 改变了以往各单位自行其是、标准不一的状况: a state of things ended (了: done).
    re.compile(r"改变了[^，,。；;]{2,30}?(?:状况|局面|现象|状态|做法)"),
    # 矿井连续安全度过5个雨季: seasons of danger passed without harm.
    re.compile(r"[^，,。；;]{0,6}连续安全度过[^，,。；;]{1,8}?(?:雨季|汛期|冬季|防汛期)"),
    # 未发生因情绪问题引发的违章作业, 被包保的74名职工无一人发生违章: no unsafe act at all.
    # (未发生一起因疲劳、情绪导致的不安全行为: an unsafe act, named so)
    re.compile(r"(?:全年|全矿|全区)?未发生[^，,。；;“\"]{2,14}?(?:违章(?:作业|行为|现象)?|不安全行为)"),
    # 顶板、机电事故全年“零发生”: a harm whose count of events stayed at zero.
    re.compile(r"[^，,。；;“”\"]{0,10}?(?:事故|伤亡|违章|三违|超限|险情|灾害|隐患)[^，,。；;“”\"]{0,4}?[“\"]?零发生[”\"]?"),
    # 被帮教职工全年无一人重复违章: nobody again, the same as nobody at all.
    # (上半年无一人主动离职, 无一人掉队: nobody lost, what a team's cohesion reports)
    re.compile(r"[^，,。；;“”\"]{0,16}无一人(?:(?:主动)?(?:离职|辞职|流失)|掉队|上访)(?=[，,。；;]|$)"),
    re.compile(r"[^，,。；;“”\"]{0,16}无一人(?:发生|出现|违章|重复|再次|再)[^，,。；;]{0,8}?(?:违章|事故|三违|伤亡)?(?:作业|行为)?(?=[，,。；;]|$)"),
    # 杜绝了重大事故, 有效遏制了“三违”多发势头: harm ruled out or checked.
    re.compile(r"(?:有效|彻底|坚决)?(?:杜绝|遏制|遏止)(?:了|住了?)?[^，,。；;]{0,14}?(?:事故|违章|三违|“三违”|超限|势头|现象)"
               r"(?:[^，,。；;]{0,6}(?:势头|现象|行为))?"),
    # 全年示范岗无违章, 全队实现无“三违”: no unsafe act, stated as a state reached.
    # (4个示范岗所在班组上半年均无“三违”记录: no record of one, the same)
    re.compile(r"[^，,。；;“\"]{0,14}?无(?:轻伤|重伤|人身伤害)?(?:违章|“三违”|三违|事故)(?:作业|行为|现象|记录)?(?=[，,。；;]|$)"),
    # 成为全矿首个“无违章区队”, 成为全矿安全周期最长的区队: a first or a best attained.
    re.compile(r"[^，,。；;]{0,6}成为[^，,。；;]{0,8}(?:首个|首家|第一个|唯一|最[\u4e00-\u9fff])[^，,。；;]{1,16}"),
    # 示范区内未发生一起“三违”行为: no violation, the count of unsafe acts at zero.
    re.compile(r"(?:(?:19|20)\d{2}年)?[^，,。；;\d]{0,8}未发生(?:一起|一例|一次)?[“\"]?(?:三违|违规违纪|违章|违纪|违规)[”\"]?(?:行为|现象|问题)?"),
    # 百万吨死亡率连续三年为零, 空班漏检为零: a count or rate held at zero.
    # (通防工区2021年至2024年瓦斯超限次数为零: the unit and the years before the count)
    re.compile(r"(?:[\u4e00-\u9fff]{0,8}?(?:19|20)\d{2}年(?:(?:至|到|—|-)(?:19|20)\d{2}年)?)?"
               r"[\u4e00-\u9fff“”]{2,14}?(?:连续[一二三四五六七八九十\d]+年|继续|始终)?(?:保持)?(?<!化整)为(?:零|0)(?!\.?\d)"),
    re.compile(r"[^，,。；;]{0,8}安全(?:生产)?形势(?:实现了?|得到|发生了?)?(?:持续|保持|总体|逐年|明显|根本(?:性)?)?(?:稳定|平稳|向好|好转)(?:向好)?"),
    # 重大隐患动态清零: a count brought to zero.
    # (创办“隐患清零夜校”: a name that holds the words, not a result)
    re.compile(r"(?<![“\"])[^，,。；;“”\"]{2,10}清零(?![”\"][\u4e00-\u9fff])"),
    _needs_means(r"为[^，,。；;]{2,16}提供了(?:有力|坚强|重要|坚实)?(?:保障|支撑|保证)"),
    # 3名青年职工获得集团“技术能手”称号: a title won, said of the people counted
    re.compile(r"[^，,。；;]{0,12}?(?:获得|获)(?:了)?[^，,。；;“”\"]{0,12}?[“\"][^”\"]{2,16}[”\"](?:荣誉)?称号"),
    # 石门峪煤矿通风队党支部等12个党支部获此荣誉: the honour just named, given to the bodies before
    re.compile(r"[^，,。；;]{2,24}?获此(?:殊荣|荣誉)"),
    # 3名青工在集团青工技能大赛中获奖: a prize won in a contest
    re.compile(r"[^，,。；;]{0,20}?(?:中|上)(?:获奖|获得奖项|取得名次)"),
    # 党员安全责任由“挂名”变为“落地”: a state changed, from one quoted word to another
    re.compile(r"[^，,。；;使让]{0,14}?由[“\"][^”\"]{1,8}[”\"](?:转)?变(?:为|成)(?:了)?[“\"][^”\"]{1,8}[”\"]"),
    # 隐患总量和“三违”人次连续三年下降: a fall held over years
    re.compile(r"[^，,。；;]{2,16}?(?:连续[一二三四五六七八九十两\d]+年|逐年|连年)(?:持续)?(?:下降|减少|降低)(?![至到了\d])"),
    # 年内有9户困难职工家庭实现脱困: households out of hardship
    re.compile(r"[^，,。；;]{0,16}?(?:实现|全部)?(?:脱困|脱贫)"),
    # 营造了全员关注安全的良好氛围: a climate made (了: done, not aimed at)
    re.compile(r"营造了[^，,。；;]{2,20}?氛围"),
    # 新工人全年零违章、零伤害: a list of counts held at zero.
    re.compile(r"[^，,。；;“”\"]{0,10}?(?<![“\"])零" + ZERO_HARM + r"(?:、零" + ZERO_HARM + r")+(?![”\"])"),
    # 集团连续四年保持安全生产零死亡: a count of harm held at zero, with the body that holds it.
    re.compile(r"[^，,。；;]{0,10}?(?:连续[一二三四五六七八九十\d]+年)?保持[\u4e00-\u9fff]{0,6}?零" + ZERO_HARM),
    # 实现瓦斯零超限, 全年实现零轻伤: a count of harm held at zero.
    re.compile(r"(?:全年)?实现(?:了)?[\u4e00-\u9fff]{0,4}?零" + ZERO_HARM + r"(?!工作面)"),
    # 这次险情全班零伤亡: a whole team or year without harm.
    re.compile(r"[^，,。；;“”\"]{0,8}?(?:全班|全队|全区|全矿|全年|期间)零" + ZERO_HARM),
    # ● 瓦斯“零超限” 水害“零事故”: a slide's statement, a harm of a kind held at zero.
    # (矿井瓦斯“零超限”、顶板“零事故”: the first of a list of them)
    re.compile(r"(?<![\u4e00-\u9fff“”\"])[\u4e00-\u9fff]{1,6}[“\"]零" + ZERO_HARM + r"[”\"](?=$|、)"),
    re.compile(r"(?:实现)?零(?:事故|伤亡|死亡|隐患)(?!工作面)"),
    # 全年没有发生一次冲击地压显现, 经帮教人员没有再发生重复违章: the spoken form of 未发生.
    re.compile(r"[^，,。；;]{0,8}(?<!有)没有(?:再)?发生(?:过)?(?:一次|一起|一例)?[^，,。；;]{0,6}(?:事故|伤亡|违章|三违|超限|显现|险情|漏报|误报|返工)"),
    # 没有一人因思想问题违章作业, 没有一起演变为事故, 没有一名骨干职工调离: none of them, said so.
    re.compile(r"[^，,。；;]{0,8}没有一(?:人|名)[^，,。；;]{0,12}?(?:违章(?:作业|行为)?|调离|流失|离职)"),
    re.compile(r"没有一起(?:演变为|酿成|造成|发展为)[^，,。；;]{0,4}事故"),
    # 区队全年安全生产365天: a year's run of safe production, stated without a verb.
    re.compile(r"[^，,。；;]{0,6}(?:全年|连续)安全生产\d+天"),
    # 公司全年瓦斯零超限: a year with a harm held at zero, the harm's kind between.
    re.compile(r"[^，,。；;“”\"]{0,8}?全年[\u4e00-\u9fff]{1,4}零" + ZERO_HARM),
    # 职工主动上报隐患数量翻了一番: a count doubled.
    re.compile(r"[^，,。；;]{2,16}翻了?(?:一番|两番|一倍)"),
    # 重大安全风险全部得到有效管控: risks brought under control.
    re.compile(r"[^，,。；;]{2,16}?(?:全部|均|都)?得到(?:了)?有效(?:管控|控制|治理|化解|发挥)"),
    # 全矿党员本人“三违”由2021年的21人次降为2023年的零: a count brought to zero, said in words.
    re.compile(r"[^，,。；;]{2,24}?由[^，,。；;]{2,16}?(?:降为|降至|降到|减少为|减少到)(?:(?:19|20)\d{2}\s*年的)?零(?![\u4e00-\u9fff])"),
    # 矿井安全生产标准化管理体系顺利通过国家一级复审: a review passed, with what passed it.
    re.compile(r"[^，,。；;]{2,20}?(?:顺利)?通过(?:了)?[^，,。；;]{0,12}?(?:复审|复评|达标验收)"),
    # 南坪煤矿由二级晋升为一级: a grade raised.
    re.compile(r"[^，,。；;]{0,10}由[一二三]级(?:晋升|提升|升级|上升)为[一二三]级"),
    # 区队职工队伍保持稳定: a workforce kept steady.
    re.compile(r"[^，,。；;]{0,8}队伍(?:保持|总体|持续)(?:稳定|和谐)"),
    # 我们班没出过一起违章: the spoken form again
    re.compile(r"[^，,。；;]{0,8}没(?:有)?出过(?:一次|一起)?(?:违章|事故|“三违”|三违|差错)"),
    # 顶板事故再没有发生过: the spoken form of 未发生, said of a harm.
    re.compile(r"[^，,。；;]{0,8}(?:事故|伤亡|三违|违章|超限|险情)(?:就|也)?再(?:也)?没(?:有)?(?:发生|出现)过?"),
    # 全年没有因为情绪问题出过一次差错: the spoken form of no error at all.
    re.compile(r"[^，,。；;]{0,10}没有[^，,。；;]{0,12}出过(?:一次|一起)?(?:差错|事故|问题|纰漏)"),
    # 帮助14名青年职工通过瓦斯检查工技能鉴定: people helped through a qualification.
    re.compile(r"帮助\d+名[^，,。；;]{0,8}通过[^，,。；;]{0,14}(?:鉴定|考核|考试)"),
    # 事故起数和死亡人数实现“双下降”: two counts down at once, quoted.
    re.compile(r"[^，,。；;]{0,16}实现(?:了)?[“\"]双(?:下降|降低|提升|零)[”\"]"),
    # 2023年自查隐患312条，全部按期整改。: all fixed in time, the clause ending there.
    # (全部在当班整改: the shift or the day it was fixed in)
    _guarded(r"[^，,。；;]{0,10}(?:全部|均)(?:按期|按时|及时|在?当班|在?当日|在?当天)(?:整改|处理)(?:完毕|到位)?(?=[，,。；;]|$)"),
    # 隐患全部按期整改销号: every problem found was fixed, what a check reports as its result.
    _guarded(r"[^，,。；;]{0,10}(?:全部|均|已)(?:按期|按时|及时|当班|当日)?(?:整改|处理)?(?:销号|到位|完毕|闭环|闭合){1,2}"),
    # 管理体系等级顺利通过复审: an inspection passed, with what passed it.
    re.compile(r"[^，,。；;]{2,30}?(?:顺利|一次性)通过(?:了)?(?:验收|复审|评审|认证|考核)"),
    # 主动叫停不安全作业的多了, “抢时间”的少了: the spoken form of a change in behaviour.
    _guarded(r"[^，,。；;]{2,20}的(?:多了|少了)(?=[，,。；;]|$)"),
    # 目前五星级党支部已占到总数的四成: a share stated in tenths.
    # (其中青工占了四成 is how a body is made up, not what it reached.)
    re.compile(r"[^，,。；;]{2,16}?(?:已经?|目前)占到?(?!职工|员工|全体)[^，,。；;]{0,6}?的?[一二三四五六七八九]成(?![\u4e00-\u9fff])"),
    # 年内有7名徒弟独立顶岗, 有8人走上了班组长岗位: people who took on a post.
    re.compile(r"[^，,。；;\d]{0,14}?\d+(?:名|人)[^，,。；;\d]{0,8}?(?:独立顶岗|独立上岗|走上(?:了)?[^，,。；;]{0,10}?岗位)"),
    re.compile(r"通过[^，,。；;]{2,24}(?:验收|复审|评审|认证)"),
    # 27名新工人全部通过了上岗考核: all of a group passed, what a training reports as its result.
    re.compile(r"[^，,。；;]{0,16}(?:全部|均|全员|一次性)通过(?:了)?[^，,。；;]{0,14}(?:考核|考试|鉴定|验收|评审)"),
    # 创造了单月进尺526米的矿井纪录: a record set.
    re.compile(r"[^，,。；;]{0,16}创(?:造|下)(?:了)?[^，,。；;]{0,20}(?:纪录|最好水平|最高水平|最好成绩)"),
    # 大巷比计划提前23天贯通: a work done ahead of plan.
    re.compile(rf"[^，,。；;]{{0,10}}?提前(?:{NUMBER}|[一二三四五六七八九十两]+)(?:天|个月|小时)(?:完成|贯通|投产|竣工|到位|结束|恢复)[^，,。；;]{{0,8}}"),
    # 比计划多掘812米: more than the plan, by how much.
    _guarded(rf"比(?:计划|目标|上年|去年)(?:多|超)[\u4e00-\u9fff]{{0,2}}(?:{NUMBER})(?:米|吨|万吨|个百分点|%|人|名|条|项|个)"),
    # 超计划12万吨, 比计划工期提前6天: beyond the plan, or ahead of it.
    re.compile(rf"超(?:计划|目标)(?:{NUMBER})(?:万吨|吨|米|%)"),
    re.compile(rf"比(?:原)?计划(?:工期)?提前(?:{NUMBER}|[一二三四五六七八九十两]+)(?:天|个月)"),
    # 三座矿井全部保持安全生产标准化一级达标: a grade of the national safety standard held.
    re.compile(r"[^，,。；;]{0,12}?(?:保持|实现|通过)[^，,。；;]{0,10}?标准化[^，,。；;]{0,6}?达标"),
    # 采掘工作面全部达到安全生产标准化二级以上: a grade reached by all.
    re.compile(r"[^，,。；;]{0,12}(?:全部|均)达到[^，,。；;]{2,16}?[一二三]级(?:以上)?"),
    # 矿党委在集团党建工作考核中连续三年排名第一: a rank held.
    # (位列集团第二: the pool ranked in between)
    re.compile(r"[^，,。；;对按]{0,24}?(?:排名|位列|名列)[^，,。；;\d]{0,6}?(?:第[一二三123]|首位|前列)(?![的者])"),
    # 安全通过断层带, 实现安全过断层: a geological hazard passed without harm, what a mining team reports.
    # (工作面用27天顺利通过落差4.5米的断层: passed without harm, said of the time it took)
    re.compile(r"(?:实现)?(?:安全|顺利)(?:通过|穿过|揭过|揭露|过)(?:了)?[^，,。；;]{0,10}?(?:断层|陷落柱|破碎带|老空区|采空区|冲击地压区)[带区]?"),
    # 解决了党员作用“说起来重要、看起来模糊”的问题: a problem solved (了: done).
    re.compile(r"解决了[^，,。；;]{2,30}?(?:问题|难题|瓶颈)"),
    # 队里的“三违”一年比一年少: the spoken form of a count falling year on year.
    re.compile(r"[^，,。；;]{0,12}?一年比一年(?:少|低|好|强|稳)"),
    # 带过9个徒弟，至今没有一人出过安全问题: nobody of them in trouble.
    re.compile(r"(?:至今|从未|始终)?没有一(?:人|个)(?:出过|发生过?)[^，,。；;]{0,8}?(?:问题|事故|违章|差错)"),
    # 采煤二区党支部、机运区党支部晋升为五星级党支部: units raised to a grade of rating.
    re.compile(r"[^，,。；;]{2,24}?(?:晋升|晋级|升级)为[^，,。；;]{0,6}?星级[^，,。；;]{0,6}"),
    # 36名职工通过“金锤子”技能大赛晋升技术等级: people raised a grade of skill.
    re.compile(r"\d+名[^，,。；;\d]{0,20}?晋升(?:了)?(?:技术|技能)?(?:等级|职称)"),
    # 党员的带头作用得到职工普遍认可: a recognition received.
    re.compile(r"[^，,。；;]{2,20}?得到(?:了)?[^，,。；;]{0,6}?(?:普遍|广泛|一致|充分|高度)(?:认可|好评|肯定|赞誉)"),
    # 超额完成年度计划: a plan surpassed.
    re.compile(r"超额完成(?:了)?[^，,。；;]{0,12}(?:计划|任务|指标)"),
    # 在集团技能大赛中获得团体第一名: a place or prize won in a contest.
    re.compile(r"[^，,。；;]{0,24}?(?:获得|夺得|摘得|取得)(?:了)?[^，,。；;]{0,12}?(?:第[一二三123]名|冠军|亚军|季军|[一二三]等奖|金奖|银奖|铜奖)"),
    # 先后有42名职工晋升为技师: people promoted to a grade of skill or a post.
    re.compile(r"\d+(?:名|人)[^，,。；;\d]{0,8}?(?:晋升|晋级|提拔|成长)为[^，,。；;]{1,10}"),
    # 2名攻关队员取得了高级技师资格: people who gained a qualification.
    # (9名青工取得电工证, 取得特种作业操作证: a trade's certificate)
    _guarded(r"\d+(?:名|人)[^，,。；;]{0,8}?(?:取得|获得|考取|拿到)(?:了)?[^，,。；;]{0,12}?(?:资格证书|资格证|资格|证书|职称"
             r"|操作证|上岗证|工证|师证)(?!后)"),  # (取得操作证后方可上岗: a condition)
    re.compile(r"完成[^，,。；;]{2,16}验收"),
    # 通过国家一级安全生产标准化管理体系考核定级: a grade awarded after review.
    re.compile(r"通过(?:了)?[^，,。；;]{2,24}?(?:考核定级|达标定级)"),
    # 矿井保持了安全生产的良好态势: a good course held (了: done, not a wish).
    re.compile(r"(?:保持|延续|呈现)了[^，,。；;]{0,10}?(?:良好|稳定|平稳|向好)的?(?:态势|势头|局面)"),
    # 主要安全指标逐年向好: indicators better year on year.
    re.compile(r"[^，,。；;（(]{2,12}?(?:逐年|持续|稳步|明显)(?:向好|好转)"),
    # 48小时内完成排水管路改造，确保了汛期安全: safety kept through a danger (了: done).
    re.compile(r"(?:确保|保证)了[^，,。；;]{0,12}?安全(?:回采|生产|掘进)?"),
    # 1名党员当选所在市劳动模范: a person elected to an honour.
    re.compile(r"\d+名[^，,。；;\d]{0,6}当选(?:为)?[^，,。；;]{2,16}?(?:劳动模范|劳模|先进|标兵|能手|代表)"),
    # (矿井在集团2024年度“安康杯”竞赛中获评优胜单位: the contest it was won in, with who won it)
    re.compile(r"(?:[^，,。；;在]{0,8}在[^，,。；;]{2,24}?中)?(?:荣获|获评)[^，,。；;]{2,24}"),
    # “1+3+N”模式入选集团2023年党建创新优秀案例: chosen as a model for others.
    re.compile(r"[^，,。；;]{0,16}入选[^，,。；;]{2,24}(?:案例|名单|典型|成果|品牌)"),
    # 2名职工获集团公司“劳动模范”称号: an honour received, with who received it.
    re.compile(r"(?:\d+(?:名|项|个|人))?[^，,。；;\d]{0,6}获[^，,。；;得]{2,20}(?:称号|荣誉|奖)"),
    # 拉近了党组织与职工家庭的距离: a relation made closer.
    re.compile(r"拉近了[^，,。；;]{2,20}距离"),
    # 矿党委被集团公司党委表彰为“先进基层党组织”: an honour, with the body honoured.
    re.compile(r"[^，,。；;被]{0,16}被[^，,。；;]{0,16}?(?:评为|授予|表彰为|命名为|认定为)[^，,。；;]{2,24}"),
    # 在生产经营方面取得显著成效: the field belongs to the result, so it comes first.
    re.compile(r"在[^，,。；;]{2,20}(?:实现突破|取得(?:了)?(?:显著|明显|良好|积极|新的)成效)"),
    re.compile(r"取得(?:了)?(?:显著|明显|良好|积极|新的)成效"),
    re.compile(r"[^，,。；;]{2,12}成效显著"),
    # 为企业创造了良好的经济效益 / 创造经济效益3000万元 is measured elsewhere.
    re.compile(r"创造了[^，,。；;]{0,8}(?:效益|价值)"),
    # 安全生产标准化保持较高水平: an attained level that holds.
    re.compile(r"[^，,。；;]{2,14}保持(?:在)?(?:较高|高|领先|一流|稳定)水平"),
    # 涌现出一批先进典型: what a measure brought forth.
    re.compile(r"涌现出(?:了)?(?!的)[^，,。；;]{2,20}"),
    # 充分发挥了党支部的战斗堡垒作用: an achieved effect (了 marks completion).
    re.compile(r"充分发挥了[^，,。；;]{2,30}作用"),
    # 实现了以高质量党建引领企业高质量发展: 实现 + 了 + what was achieved.
    re.compile(r"实现了[^，,。；;]{4,30}"),
    # 职工从“要我学”转变为“我要学”: a change of attitude between two quoted stances.
    re.compile(r"[^，,。；;从]{0,10}从[“\"][^”\"]{1,12}[”\"](?:(?:转变|转化|变)为|变成了?|转变成了?)[“\"][^”\"]{1,12}[”\"]"),
    # 2023年安全考核连续获得满分: a top score attained.
    re.compile(r"[^，,。；;]{0,14}?(?:连续|均|全部)?(?:获得|取得|保持)满分"),
    re.compile(r"[^，,。；;]{2,14}超(?:额|计划)完成"),
    re.compile(r"[^，,。；;]{2,14}(?:均有所|有所|大幅)(?:降低|下降|提高|提升|增盈|增长)"),
]
#: Words of an instruction or a deadline beside the cue lexicon's targets and recommendations.
INSTRUCTION_WORDS = ("要求", "督促", "务必", "之前", "月底前", "年底前",
                     # 如果检查中未发现违章, 往往未发现违章: a condition or a fault, not a result
                     "如果", "若是", "一旦", "往往")
QUAL_END_RE = re.compile(
    r"^(?P<ind>[^，,。；;]{2,20}?)(?P<adv>不断|持续|显著|明显|进一步|大幅|有效|逐年|逐步|得到(?:了)?(?:显著|明显|有效|充分|进一步)?|"
    r"明显|全面|稳步)(?P<verb>提高|提升|增强|改善|降低|下降|减少|激发|落实|稳定|加强|增长|遏制|控制|扭转)$")
QUAL_LE_RE = re.compile(
    r"(?:^|(?<=[^，,。；;]{2}))(?:有效|显著|进一步|大大)?(?P<verb>保障|增强|提升|提高|形成|降低|激发|调动)了(?P<ind>[^，,。；;]{2,20})$")
#: A nominal result after 推动了/促进了/带动了: ``推动了公司安全环保工作水平的显著提高``.
QUAL_NOMINAL_RE = re.compile(
    r"(?:推动|促进|带动)了(?P<ind>[^，,。；;]{2,24}?)的(?:显著|明显|大幅|全面|持续)?(?P<verb>提高|提升|增强|改善|下降|降低)$")
#: A quality noun + a bare change verb, without adverb: ``风险防控能力增强``.
QUAL_BARE_RE = re.compile(
    r"^(?P<ind>[^，,。；;]{2,16}?(?:能力|水平|意识|素养|素质|凝聚力|向心力|战斗力|积极性|主动性|效率|质量))"
    r"(?P<verb>增强|提高|提升|改善)$")
#: Desirable qualities: a decline of one is a problem the text describes, not a result
#: (``党组织的凝聚力和战斗力有所下降``).
GOOD_QUALITY_END = ("力", "性", "感", "意识", "水平", "素质", "素养")


@Language.factory("minekg_outcomes", default_config={"lexicon_dir": ""},
                  requires=["token.is_sent_start"], assigns=["doc.spans"])
def make_outcome_recognizer(nlp: Language, name: str, lexicon_dir: str):
    """Factory of :class:`OutcomeRecognizer`."""
    return OutcomeRecognizer(load_lexicons(lexicon_dir or None))


class OutcomeRecognizer:
    """Finds results; writes ``doc.spans["outcome"]``."""

    def __init__(self, lex: Lexicons):
        self.lex = lex
        self.direction = {}
        for kind in ("decrease", "increase", "level"):
            for w in lex.cue_words(kind):
                self.direction.setdefault(w, kind)
        verbs = sorted(self.direction, key=len, reverse=True)
        self.verbs = verbs
        extra = ["培养出", "解决", "否决", "形成", "获得", *ACHIEVE_VERBS, *OUTPUT_VERBS, *RATED_VERBS]
        # (longest first, as a trie: common.word_alternation)
        self.verb_alt = word_alternation(verbs + extra)
        # Compiled once: _measured reads them for every count.
        self.verb_re = re.compile(self.verb_alt)
        self.verb_after_re = re.compile(rf"\s*({self.verb_alt})(?P<ind>[^，,。；;]{{2,20}})")
        self.targets = lex.cue_words("target")
        self.recommend = lex.cue_words("recommend")
        # What opens a wish (_is_wish), made once, not a tuple a sentence.
        self.wish_openers = self.recommend + ("为了", "旨在", "下一步", "今后", "未来")
        # A modal right before the verb (要达到, 应确保): a target set, not a result.
        self.modal_words = tuple(w for w in self.recommend if len(w) <= 2) + ("需", "务必")
        # The cue lexicon's targets and recommendations and the words of an instruction; 计划 and
        # 目标 as a plan, not in 比计划/超目标 (a plan beaten).
        words = sorted({*self.targets, *self.recommend, *INSTRUCTION_WORDS} - {"目标"}, key=len, reverse=True)
        self.instruction_re = re.compile(word_alternation(words) + r"|(?<![比超原])(?:计划|目标)")
        unit_alt = ordered_alternation(UNITS)  # as a trie where that keeps the order
        # A count and the 、 of a list right before a verb: the verb opens the list's next item.
        self.listed_count_re = re.compile(rf"(?:{NUMBER})\s*(?:余|多)?(?:{unit_alt})\s*、\s*$")
        # 2024年降至4起: the level a trend of the clause before reached (_trend_to_level)
        self.level_after_re = re.compile(
            rf"\s*(?P<year>(?:19|20)\d{{2}}\s*年)?(?:已|则)?(?P<verb>{FALL_TO}|(?:增|增加|提高|提升|上升)(?:至|到)|达到)"
            rf"\s*(?P<num>{NUMBER})\s*(?:余|多)?(?P<unit>{unit_alt})")
        # 20余条, 1000多天: an approximate count keeps its number (GUIDELINES.md: value).
        self.qty_re = re.compile(rf"(?P<num>{NUMBER})\s*(?:余|多)?(?P<unit>{unit_alt})")
        # 两千八百六十万吨, 一百四十七人次, 百分之九十四: counts said in Chinese numerals
        self.cn_qty_re = re.compile(rf"百分之(?P<pct>{CN_NUMBER}|{NUMBER})"
                                    rf"|(?<![{CN_NUMERALS}十百千万亿])(?P<cn>[{CN_NUMERALS}十百千万亿]+?(?:点[{CN_NUMERALS}]+)?)\s*(?:余|多)?(?P<unit>{unit_alt})")
        self.zero_re = re.compile(rf"由[^，,；;]{{0,12}}?(?:{NUMBER})\s*(?P<unit>{unit_alt})"
                                  rf"{FALL_TO}(?:0|零)(?![\d.%％])")
        # 平均分 78.5分→88.2分: a change written with an arrow, as slides and tables write it
        self.arrow_re = re.compile(rf"(?P<a>{NUMBER})\s*(?P<ua>{unit_alt})?\s*(?:→|->|—>|⟶)\s*"
                                   rf"(?P<b>{NUMBER})\s*(?P<ub>{unit_alt})?")
        # Tried only on clauses that hold one of their words (common.Quick, common.QuickIndex).
        self.qual_fixed = QuickIndex(Quick(rx) for rx in QUAL_FIXED)
        self.qual_end, self.qual_bare, self.qual_le, self.qual_nominal, self.rate_re = map(
            Quick, (QUAL_END_RE, QUAL_BARE_RE, QUAL_LE_RE, QUAL_NOMINAL_RE, RATE_RE))
        # The words of the fixed phrases and of the four open forms, found in one scan of a
        # clause (_qualitative): the open forms' own words were tried one by one with in.
        self.qual_open = (self.qual_end, self.qual_bare, self.qual_le, self.qual_nominal)
        self.qual_index = QuickIndex([*self.qual_fixed.patterns, *self.qual_open])
        # Its words found once a sentence (QuickIndex.places), not once a clause: exact since
        # no word holds a character that parts clauses (CLAUSE_RE, a space of ITEM_SPACE_RE,
        # what strip() takes off).
        self.qual_places = not any(ch.isspace() or ch in "，,；;。！？!?\n" for w in self.qual_index.words for ch in w)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        spans, taken = [], Intervals()
        # Token start and character bounds of the organisations and practices, read once:
        # a span group makes a new Span object for every item on every iteration.
        all_orgs = sorted((o.start, o.start_char) for o in span_group(doc, "org"))
        all_practices = sorted((p.start, p.end_char) for p in span_group(doc, "practice"))
        org_starts, practice_starts = [t for t, _ in all_orgs], [t for t, _ in all_practices]
        # 瓦斯超限（次） 11 9 6 4 2 1: a row of a flattened table of results, one outcome.
        for row in table_rows(text) if "\n" in text else ():
            span = char_span(doc, row.start, row.end)
            if span is None or taken.overlaps(row.start, row.end):
                continue
            span.label_ = self.lex.category_of(row.indicator)
            ext = span._
            ext.quantity = Quantity(row.indicator, row.value, row.unit, row.direction, row.year)
            ext.canonical = text[row.start:row.end]
            ext.chars = (row.start, row.end)
            taken.add(row.start, row.end)
            spans.append(span)
        problems = _problem_ranges(text) if _mentions_problems(text) else []
        for sent in sentences(doc):
            if problems and any(a <= sent.start_char < b for a, b in problems):
                continue  # （一）存在问题。…2023年全矿发生轻伤事故2起: a problem found, not a result
            orgs = starting_in(all_orgs, org_starts, sent.start, sent.end)
            practices = starting_in(all_practices, practice_starts, sent.start, sent.end)
            s0 = sent.start_char
            s_text = text[s0:sent.end_char]
            # (an item of targets is an item: ITEM_TARGET_RE opens as ITEM_LINE_RE, read once)
            item_line = ITEM_LINE_RE.match(s_text) is not None
            if self._is_wish(s_text) or (item_line and ITEM_TARGET_RE.match(s_text)):
                continue  # (● 2024年目标 原煤产量300万吨 隐患整改率100%: a slide's line of targets)
            if SLOGAN_LINE_RE.match(text, text.rfind("\n", 0, s0) + 1):
                continue  # 品牌口号：红哨一响，隐患清零: a slogan's words, no result
            if _may_hold(_BAD_STATE_GATE, s_text) and BAD_STATE_RE.search(s_text):
                continue  # 2021年全矿共查处“三违”286人次，…，安全形势不容乐观: the state the measures met
            if BEFORE_OPENER_RE.match(s_text):
                continue  # 2021年以前，…2020年发生轻伤事故4起，全年查处“三违”643人次: the state before, a baseline

            gates = _SentenceGates.of(s_text)
            year = year_in(s_text) if gates.digits else None  # (a year is written in digits: YEAR_RE)
            prev_category = ""
            clauses = _clauses(s_text, item_line)
            # （二）夯实基层基础，支部建设水平稳步提升: a section heading (a short numbered line
            # with no full stop) names the topic of its section in words of results, not one.
            head_line = s_text.strip()
            heading = gates.headed and HEADING_RE.match(head_line) is not None and len(head_line) <= 40 and "\n" not in head_line \
                and (not head_line.endswith(("。", "；", ";", "！"))
                     # （四）加强人才培养，队伍素质稳步提升。: a heading of action and outcome, full stop and all
                     or (len(head_line) <= 26 and ACTION_HEAD_RE.match(head_line) is not None))
            if self.qual_places and not heading:  # (_qualitative reads them: not in a heading)
                gates.places = self.qual_index.places(s_text)
            in_target = False
            # (read only by the results that credit a measure: NEEDS_MEANS)
            means = bool(practices) or "为" not in s_text or MEANS_WORDS_RE.search(s_text) is not None
            first_new = len(spans)
            for k, cm in enumerate(clauses):
                c0, clause = s0 + cm.start(), cm.group(0)
                # 力争实现连续安全生产2400天，百万吨死亡率继续保持为零: the clause after a
                # target goes on with it, up to a new time or a semicolon.
                continues = in_target and not re.match(r"\s*(?:19|20)\d{2}\s*年", clause) \
                    and s_text[cm.start() - 1:cm.start()] in "，,"
                in_target = continues or (gates.carried and _CARRIED_RE.search(clause) is not None)  # any of CARRIED_TARGETS
                if continues:
                    continue
                found = (self._measured(clause, year, s_text[cm.end():cm.end() + 12], gates)
                         if gates.digits or gates.spoken else [])
                found = found or (self._rates(clause, year) if gates.digits else [])
                # (none of the words of the result phrases and open forms in the clause, nor an
                # honour's verb in the sentence: _qualitative finds nothing, it is not called)
                if not heading and (gates.honoured or self._qualified(gates, cm.start(), cm.end())):
                    found = found + self._qualitative(clause, year, means, gates, cm.start())
                if gates.trend and k + 1 < len(clauses) and s_text[cm.end():cm.end() + 1] in "，,":
                    nxt = clauses[k + 1]
                    found = self._trend_to_level(clause, nxt.group(0), nxt.start() - cm.start(), year) + found
                # Results close a chain (up to ；): a verb-first clause followed by an
                # action (提高公开竞聘率，优化干部队伍结构) is one more step of the measure.
                if not found and k > 0 and self._reported(orgs, practices, text, sent.start, c0):
                    # The end of the ；item, looked for only here: from every clause it read
                    # the rest of a long chain (8 % of this component, pyinstrument).
                    item_end = min((i for i in (s_text.find("；", cm.end()), s_text.find(";", cm.end())) if i >= 0),
                                   default=len(s_text))
                    if all(VERB_FIRST_RE.match(c.group(0).strip()) for c in clauses[k + 1:] if c.start() < item_end):
                        found = self._verb_first(clause, year)
                for start, end, q in found:
                    a, b = c0 + start, c0 + end
                    if taken.overlaps(a, b):
                        continue
                    span = char_span(doc, a, b)
                    if span is None:
                        continue
                    # An honour received is social whatever its title names (GUIDELINES.md «Outcome»;
                    # 68 of the 78 honours of the gold sets), the second of two honours too (its
                    # indicator is the verb), but for a grade of safety standardisation, intrinsic
                    # safety or a safety star, which is the safety of the unit measured.
                    honour = ((q.indicator in HONOUR_INDICATORS and q.value is None)
                              or HONOUR_VERB_RE.search(text, a, b) is not None
                              or AWARD_RE.search(text, a, b) is not None) \
                        and SAFETY_GRADE_RE.search(text, a, b) is None
                    span.label_ = "social" if honour else self.lex.category_of(q.indicator + " " + text[a:b])
                    # 查处“三违”312人次，同比下降23.5%; 排查隐患1326条，整改率100%: an
                    # elliptic indicator goes on about the result before it.
                    # (更换隐患托辊1140个、滚筒轴承26套: the next item of one verb's list is of its kind)
                    if span.label_ == "other" and prev_category and text[a - 1:a] == "、" and spans \
                            and span_ext(spans[-1], "chars")[1] < a and not text[span_ext(spans[-1], "chars")[1]:a - 1].strip():
                        span.label_ = prev_category
                    if span.label_ == "other" and ELLIPTIC_RE.match(q.indicator):
                        # (瓦斯超限6次，较上年减少9次: the count before is no result, its clause names the head)
                        span.label_ = prev_category or (self.lex.category_of(clauses[k - 1].group(0)) if k else "other")
                    prev_category = span.label_
                    ext = span._  # spaCy makes an Underscore object on every ``span._``
                    ext.quantity = q
                    ext.canonical = text[a:b]
                    ext.chars = (a, b)
                    taken.add(a, b)
                    spans.append(span)
            # 日常记实占40%，年终查验占60%: shares that make up a whole are its make-up or its
            # weights, not results.
            shares = [sp for sp in spans[first_new:] if span_ext(sp, "quantity").unit == "%"
                      and "占" in span_ext(sp, "canonical")]
            if len(shares) >= 2 and abs(sum(span_ext(sp, "quantity").value or 0 for sp in shares) - 100) < 0.6:
                spans[first_new:] = [sp for sp in spans[first_new:] if sp not in shares]
        spans.sort(key=lambda s: s.start)
        doc.spans["outcome"] = spans
        # A name inside a result is part of its wording (被评为“先进基层党组织”, 从“要我安全”
        # 变成了“我要安全”, 通过安全生产标准化验收), not a measure of its own.
        bounds = sorted(span_ext(s, "chars") for s in spans)  # results do not overlap
        bound_starts = [a for a, _ in bounds]

        def inside(p) -> bool:
            k = bisect_right(bound_starts, p.start_char)
            if not (k > 0 and p.end_char <= bounds[k - 1][1]):
                return False
            # The measure as the subject of a counted result (2024年“青安哨”发现并整改隐患
            # 418条) is a measure: it opens the result, after a time or its unit at most.
            # A state named by the measure (安全生产标准化保持较高水平) is not its work.
            a, b = bounds[k - 1]
            # (连续12个月 is how long the state held, not a count of the measure's work.)
            if text[p.start_char - 1:p.start_char] == "在" and ARENA_AFTER_RE.match(text, p.end_char):
                return False  # 掘进一区在“单进比武”中创下…纪录: the contest the result was won in
            # (全年党员责任区内未发生轻伤及以上事故: the measure's ground kept free of harm)
            return not (SUBJECT_LEAD_RE.fullmatch(text[a:p.start_char])
                        and (re.search(r"\d", DURATION_RE.sub("", text[p.end_char:b])) or HONOURED_RE.match(text, p.end_char)
                             or NO_HARM_AFTER_RE.match(text, p.end_char)))

        kept = [p for p in span_group(doc, "practice") if not inside(p)]
        spans = self._after_subjects(doc, text, spans, kept)
        doc.spans["outcome"] = spans
        # A name met again (practices._again) stands only if it was found as a measure once.
        # Each read once, without an Underscore object (common.span_ext).
        names, rules = [span_ext(p, "canonical") for p in kept], [span_ext(p, "rule") for p in kept]
        first = {name for name, rule in zip(names, rules) if rule != "again"}
        doc.spans["practice"] = [p for p, name, rule in zip(kept, names, rules) if rule != "again" or name in first]
        return doc

    @staticmethod
    def _after_subjects(doc: Doc, text: str, spans: list, practices: list) -> list:
        """A result whose subject is a measure (``2024年“青安哨”发现并整改隐患418条``)
        is written after it (``发现并整改隐患418条``): the measure is the practice of the
        link, not a word of the result (GUIDELINES.md «Outcome»: the indicator is the
        measured quantity)."""
        bounds = sorted((p.start_char, p.end_char) for p in practices)
        starts = [a for a, _ in bounds]
        out = []
        for span in spans:
            a, b = span._.chars
            # The practices left inside a result are its subjects (see ``inside`` above);
            # found by bisection, not by a scan of every practice per result.
            inner = [pb for pb in bounds[bisect_left(starts, a):bisect_left(starts, b)] if pb[1] < b]
            subject = max(inner, key=lambda pb: pb[1], default=None)
            if subject is not None and NO_HARM_AFTER_RE.match(text, subject[1]):
                subject = None  # 全年党员责任区内未发生…事故: the ground kept free of harm stays the result's
            new = char_span(doc, subject[1], b) if subject is not None else None
            if new is None:
                out.append(span)
                continue
            cut = subject[1]
            lead = CAUSE_LEAD_RE.match(text, cut, b)
            if lead is None or lead.end() <= cut + 1:
                lead = ARENA_AFTER_RE.match(text, cut, b)  # 在“单进比武”中创下…: 中 closes the arena
                lead = lead if lead is not None and lead.end() > cut else None
            if lead is not None and b - lead.end() >= 4:
                cut = lead.end()
                new = char_span(doc, cut, b)
                if new is None:
                    out.append(span)
                    continue
            q = span._.quantity
            new.label_ = span.label_
            new._.quantity = replace(q, indicator=q.indicator.rsplit(text[subject[0]:cut], 1)[-1]
                                     .lstrip() or q.indicator) if q else q
            new._.canonical = text[cut:b]
            new._.chars = (cut, b)
            out.append(new)
        return out

    @staticmethod
    def _reported(orgs: list[tuple[int, int]], practices: list[tuple[int, int]], text: str,
                  sent_start: int, offset: int) -> bool:
        """A named organisation stands before ``offset`` in the sentence, and a practice
        in the same ``；`` item: a semicolon opens the next measure of a chain, so a
        verb-first clause after it (``…技术比武;增强工会维权服务实效``) states a new aim,
        not the result of the measure before.

        Args:
            orgs: ``(token start, start character)`` of every organisation span of the sentence.
            practices: ``(token start, end character)`` of every practice span of the sentence.
            text: ``doc.text`` (spaCy rebuilds it from every token on each access).
            sent_start: the sentence's first token; ``offset``: a character offset in it.
        """
        if not any(sent_start <= t and c < offset for t, c in orgs):
            return False
        return any(sent_start <= t and end <= offset and not any(ch in text[end:offset] for ch in "；;")
                   for t, end in practices)

    def _verb_first(self, clause: str, year: int | None):
        """A chain's closing clause of change verb + object, after a reported measure
        (``引进…钻机,…,降低作业人员劳动强度,提高现场操作安全性``)."""
        stripped = clause.strip()
        m = VERB_FIRST_RE.match(stripped)
        if not m:
            return []
        lead = len(clause) - len(clause.lstrip())
        verb = m["verb"]
        direction = "decrease" if verb in ("降低", "减少", "下降") else "increase"
        return [(lead, lead + len(stripped), Quantity(_trim(m["ind"]), None, None, direction, year))]

    def _trend_to_level(self, clause: str, following: str, offset: int, year: int | None):
        """A trend, then the level it reached in the next clause, one result (rule
        *measured*): ``…引发的违章行为逐年减少，2024年降至4起`` — the second clause has no
        indicator of its own. ``offset``: where ``following`` starts, from ``clause``'s start.
        Returns ``[(start, end, Quantity)]`` (``end`` inside ``following``) or ``[]``."""
        trend = TREND_RE.search(clause)
        level = self.level_after_re.match(following) if trend else None
        if level is None:
            return []
        start = _clause_start(clause)
        indicator = _trim(clause[start:trend.start("adv")])
        if not indicator or any(t in clause for t in self.targets) or re.search(rf"(?:{SIZE_WORDS})$", indicator):
            return []  # (党员人数逐年增加，2024年达到620名: a body's size)
        verb = level["verb"]
        direction = self.direction.get(verb) or ("decrease" if verb[0] in "降减下" else "increase")
        when = int(level["year"][:4]) if level["year"] else year
        return [(start, offset + level.end(), Quantity(indicator, _number(level["num"]),
                                                      level["unit"].replace("％", "%"), direction, when))]

    def _qualified(self, gates: "_SentenceGates", start: int, end: int) -> bool:
        """False when :meth:`_qualitative` can find nothing in the clause at ``[start, end)``
        of the sentence for want of words: no word of a result phrase or an open form
        starts there (``gates.places``; a word holds no space, so the clause's stripped text
        has the same words) and every pattern has words. True when not known."""
        places = gates.places
        if places is False or places is None or self.qual_index.without_words:
            return True
        starts = places[0]
        return bisect_left(starts, start) != bisect_left(starts, end)

    def _is_wish(self, sentence: str) -> bool:
        head = sentence[:12]
        # (全年的目标是：原煤产量4200万吨，百万吨死亡率为零: the figures a target sets)
        return head.lstrip("，, ").startswith(self.wish_openers) \
            or TARGET_LEAD_RE.match(sentence) is not None

    def _measured(self, clause: str, year: int | None, following: str = "", gates: "_SentenceGates | None" = None):
        """Rule *measured*: the counts of ``clause`` that are results, ``[(start, end, Quantity)]``.
        ``gates``: those of the clause's sentence (``None``: every rule is tried)."""
        out = []
        if "→" in clause or "->" in clause or "⟶" in clause:
            arrow = self._arrow(clause, year)
            if arrow:
                return arrow
        # 瓦斯超限次数由2022年的9次降为0: brought to zero, the zero written without its unit.
        for zm in self.zero_re.finditer(clause) if "0" in clause or "零" in clause else ():
            start = _clause_start(clause)
            indicator = _trim(clause[start:zm.start()])
            if indicator:
                out.append((start, zm.end(), Quantity(indicator, 0.0, zm["unit"].replace("％", "%"), "decrease", year)))
        # A count opens with a digit (NUMBER), and 19 clauses in 20 hold none: re would
        # try the number at every character of each (tests/test_fast_paths.py holds
        # NUMBER to its digit).
        counts = [_Count(m.start(), m.end(), _number(m["num"]), m["unit"])
                  for m in (self.qty_re.finditer(clause) if (gates is None or gates.digits) and _DIGIT_RE.search(clause)
                            else ())]
        if (gates is None or gates.spoken) and _CN_GATE_RE.search(clause):
            counts = sorted(counts + self._spoken_counts(clause), key=lambda c: c.start())
        for qm in counts:
            num, unit = qm.num, qm.unit.replace("％", "%").replace("余", "")
            before, after = clause[:qm.start()], clause[qm.end():]
            if YEAR_OR_MONTH_AFTER_RE.match(after[:2]) and unit in ("个",):  # 连续9个月: a duration
                continue
            if YEAR_AFTER_RE.match(clause[qm.end():qm.end() + 1]):
                continue
            if any(t in before for t in self.targets):
                continue  # 确保“三违”人次再下降10%: a target
            if STRUCTURE_RE.search(before):
                continue  # 下设提升、运输、供电3个党小组: how a body is made up
            if KEPT_BEFORE_RE.search(before) and (unit in ("名", "人") or "至少" in before[-4:]):
                continue  # 每个班组保持至少1名党员跟班: a staffing rule, not a result
            if MINIMUM_BEFORE_RE.search(before) \
                    and "实现" not in before:
                continue  # 每名党员每月至少查处1条, 培养积极分子不少于20名: a minimum set, not a result
                # (实现每个生产班至少有1名党员: a state reached)
            if SIZE_HELD_BEFORE_RE.search(before) or (
                    STEADY_AT_BEFORE_RE.search(before) and unit in ("人", "名", "个")):
                continue  # 党员人数稳定在620名, 党支部稳定在15个: a body's size, not a result
            if RULE_CONDITION_AFTER_RE.match(after):
                continue  # 隐患整改率低于95%的，另扣3分: the condition of a rule, not a result
            if ATTRIBUTE_RE.search(before):
                continue  # 开采深度超过650米, 遇到落差达4.5米的断层: what the mine is like, not what a measure did
            if after.startswith("的") and re.match(r"的(?:权重|比例|比重|分值)", after):
                continue  # 按30%的权重纳入述职评议: the weight of a criterion, not a result
            if (unit == "分" and before.rstrip().endswith("计")) or (
                    unit in ("分", "元") and before.rstrip().endswith(("积", "记", "加", "扣", "奖励", "奖", "罚款", "罚"))
                    and "每" in clause):
                continue  # 每发现一条隐患计1分, 每查出一起违章奖励50元: the rule of a points or reward system
            if unit in ("%", "分") and re.search(r"[（(]$", before.rstrip()):
                continue  # 事故案例研讨（61.2%）: a figure in brackets beside an item, not a result
            if SURVEY_RATE_RE.search(before) or (unit == "分" and re.search(r"维度|平均得分", clause)
                                                 and not re.search(r"由|提高|提升|增加|下降|降低", clause)):
                continue  # 有效率47.5%: a questionnaire's return; 四个维度平均得分4.21分: a survey's score
            if unit == "%" and SHARE_ONLY_RE.fullmatch(before):
                continue  # 其中生产一线职工9名，占比81.8%: the share of the count before, a make-up
            if unit == "%" and COMPOSITION_RE.search(before):
                continue  # 有效样本中党员占31.2%, 35岁以下职工占29.8%: who the people are
            if FROM_BEFORE_RE.search(before) and CHANGE_AFTER_RE.match(after):
                continue  # 由58人次降至21人次, 较上年的19人次下降84.2%: 58 and 19 are where it started
            fall = FALL_BY_RE.search(before) if unit == "%" else None
            if fall:
                # 由1862人次降至768人次，降幅58.8%: the size of the change, a result of its own
                out.append((fall.start("ind"), qm.end(), Quantity(fall["ind"], num, unit,
                                                                  "decrease" if fall["ind"][0] in "降减" else "increase", year)))
                continue
            vm = None
            for m in self.verb_re.finditer(before):
                if m.group(0) == "超" and before[m.end():m.end() + 1] in ("限", "标", "员", "前"):
                    continue  # 瓦斯超限6次: a harm counted (超限, 超标), not 超 (beyond a plan)
                vm = m  # the last verb before the number
            start = _clause_start(clause)
            if vm is not None and before[:vm.start()].rstrip().endswith(self.modal_words):
                continue  # 年底前联建覆盖率要达到100%: a target set, not a result
            # (先后完成11个综采工作面的安装回撤任务: the noun after may hold a 的)
            noun_after = NOUN_AFTER_RE.match(after)
            if vm is not None and before[vm.end():].strip(" 至到了") == "" and noun_after \
                    and vm.group(0) in COUNT_VERBS:
                # verb + number + unit + noun: 形成12项具体举措
                indicator, verb = noun_after.group(0), vm.group(0)
                start, end = vm.start(), qm.end() + noun_after.end()
                if year is not None and re.search(r"(?:19|20)\d{2}\s*年\s*$", before[:vm.start()]):
                    start = re.search(r"(?:19|20)\d{2}\s*年\s*$", before[:vm.start()]).start()
            elif vm is not None and YEAR_OF_RE.fullmatch(before[vm.end():].strip(" 至到了")):
                # indicator + verb + number: 设备故障率降低23%; 人次由2022年的58人次降至2023年的21人次
                indicator = _trim(re.sub(r"由[^，,；;]*$", "", before[start:vm.start()]))
                verb = vm.group(0)
                end = qm.end()
            elif vm is not None:
                # verb + indicator + number (累计排查整改隐患572条) or verb + … + number + noun
                between = before[vm.end():]
                verb = vm.group(0)
                noun = re.match(r"[\u4e00-\u9fff“”]{1,10}", after)
                item = re.search(rf"{NUMBER}\s*[^\d、，,]{{0,3}}、(?P<ind>[^、]+)$", between)
                if item:
                    # 新增高级技师7名、技师19名: the verb counts every item of the list
                    start = qm.start() - len(item["ind"])
                    indicator, end = _trim(item["ind"]), qm.end()
                elif re.search(r"通过|利用|依靠|借助|运用|依托|凭借|靠着", before[start:vm.start()]):
                    # …通过“X”管理共排查整改隐患1326条: the means stays out of the result
                    indicator, end = _trim(between), qm.end()
                    start = re.search(r"(?:共计|共|累计|全年)?$", before[:vm.start()]).start()
                elif _trim(between) and not between.strip().endswith("等"):
                    indicator = _trim(between)
                    end = qm.end()
                    if self.listed_count_re.search(before, 0, vm.start()):
                        start = vm.start()  # 查处隐患287条、纠正不安全行为64人次: the item's own verb
                    if verb in RATED_VERBS:
                        start = vm.start()  # 15个党支部中评定五星级支部4个: the pool stays out
                elif noun:
                    indicator = noun.group(0)
                    end = qm.end() + noun.end()
                else:
                    continue
            else:
                # number + unit + verb + indicator: 2940人获得…证书; indicator 占 … %
                vm2 = self.verb_after_re.match(after) \
                    or (CERTIFIED_RE.match(after) if unit in ("名", "人") else None)
                if vm2:
                    verb, indicator, end = vm2.group(1), vm2["ind"], qm.end() + vm2.end()
                elif "占" in before and unit == "%" and not before[:before.index("占")].rstrip("”\"").endswith(
                        ("指标", "权重", "比重")):
                    verb, indicator, end = "占", _trim(before[start:before.index("占")]), qm.end()
                elif (only := re.search(r"(?:仅|只有|仅有)(?:发生)?\s*$", before)) and _trim(before[start:only.start()]) \
                        and _trim(before[start:only.start()]) not in ("党员", "职工", "团员", "青工", "女工", "党员干部"):
                    # (我们班18个人，党员只有5个: who the people are, not a result)
                    # 其中党员“三违”仅2人次: a count stated as small
                    verb, indicator, end = "仅", _trim(before[start:only.start()]), qm.end()
                elif OUTPUT_HEAD_RE.search(before) and unit in ("万吨", "吨", "米", "万米", "万元", "亿元", "元") \
                        and not after.startswith("的") and not DESIGNED_OUTPUT_RE.search(before) \
                        and not self.instruction_re.search(before):
                    # (创下月进尺612米的纪录: the record is the result; 核定产量300万吨, 计划原煤产量
                    # 400万吨, 设计进尺: a capacity, a plan or a design, not a result)
                    # 2024年，矿井原煤产量420.6万吨: an output stated at its level, no verb
                    verb, indicator, start, end = "达", _trim(before[start:]), start, qm.end()
                elif unit in ("人次", "起", "条", "次", "个", "项") and HARM_COUNT_RE.search(before) \
                        and COMPARED_AFTER_RE.match(following):
                    # 2024年综掘三队“三违”行为27人次，比2021年下降64%: a count of harm stated with
                    # its change against an earlier year, a result at its level
                    verb, indicator, end = "达", _trim(before[start:]), qm.end()
                elif (best := re.search(r"(?:最高|最多|最快)(?:达|达到)?\s*$", before)) and RECORD_RE.match(re.sub(r"^[\s，,]+", "", clause[qm.end():] + following)) \
                        and _trim(before[start:best.start()]):
                    # 月进尺最高412米，创矿井纪录: a best figure that set a record
                    verb, indicator, end = "达", _trim(before[start:best.start()]), qm.end()
                elif unit == "分" and re.search(r"(?:考核|考评|测评|评价|检查)得分\s*(?:为)?\s*$", before) \
                        and not self.instruction_re.search(before):
                    # 二季度安全生产标准化动态考核得分94.2分: a score attained in a review
                    verb, indicator, end = "达", _trim(before[start:]), qm.end()
                elif unit == "倍" and re.search(r"(?:是|为|达到?|相当于)[^，,；;。]{0,8}的\s*$", before):
                    # …上报隐患1146条，是前年的2.6倍: a figure stated against an earlier one
                    verb, indicator, end = "达", _trim(before[start:]), qm.end()
                elif unit == "%" and RATE_END_RE.search(before):
                    # 整改率100%, 办结率98.2%: a rate stated as attained
                    rate = RATE_END_RE.search(before)
                    verb, indicator, start, end = "达", rate["ind"], rate.start("ind"), qm.end()
                else:
                    continue
            if re.search(r"(?:权重|分值|比重)(?:由[^，,。；;]{0,8}?)?\s*$", before[:vm.start()] if vm is not None else before):
                continue  # 把安全生产权重提高到40%, 权重由15%提高到40%: the weight of a criterion, not a result
            if verb == "占" and re.search(r"(?:指标|权重|比重|分值)[”\"]?\s*$", before[:before.rfind("占")]):
                continue  # “X”指标占考核的30%: the weight of a criterion, not a result
            if unit in ("米", "万米") and "钻孔" in clause[start:qm.start()] \
                    and self.direction.get(verb) not in ("decrease", "increase"):
                continue  # 完成钻孔进尺14.6万米, 探放水钻孔1.2万米: drilling done, effort (blind18, blind21)
            if unit in EFFORT_UNITS and verb not in (*ACHIEVE_VERBS, "仅") and \
                    self.direction.get(verb) not in ("decrease", "increase") \
                    and not WARNED_RE.search(clause, start, qm.start()) \
                    and not (verb == "达" and HARM_COUNT_RE.search(before)):
                continue  # 培训3200人次: effort; 查处“三违”412人次, 降至196人次, 发出预警136次, “三违”27人次: a result
            if any(v in clause[start:qm.start()] for v in EFFORT_VERBS) and verb in ("累计", "完成", "达") \
                    and unit in EFFORT_UNITS:
                continue
            if unit in TIME_UNITS and (self.direction.get(verb) not in ("decrease", "increase", "level")
                                       or (re.match(r"\s*(?:内|以内|之内)", after) and self.direction.get(verb) != "decrease")):
                continue  # 发现问题24小时内闭环: a deadline, not a result (缩短到12分钟以内 is one)
            if not indicator and verb in OUTPUT_VERBS:
                indicator = verb  # 全年生产原煤412万吨: the verb names what was produced
            if not indicator and unit == "%" and self.direction.get(verb) in ("decrease", "increase") \
                    and vm is not None and not before[:vm.start()].strip():
                # …降到去年的147人次，下降了43.7%: the size of the change the clause before told
                indicator, start = verb, vm.start()
            if not indicator and verb in ACHIEVE_VERBS and len(verb) >= 2 and start < qm.start():
                # 收集建议57条，采纳实施21条: the object is the previous clause's, the act is counted
                indicator, start = verb, vm.start()
            if not indicator or ((verb == "提出" or indicator.endswith(("建议", "意见"))) and "合理化" not in indicator
                                 and not (vm is not None and WORKERS_BEFORE_RE.search(before, 0, vm.start()))):
                continue  # 提出整改意见: a demand, not a result; 提出合理化建议N条: the workers' own
            if verb in CAUGHT_VERBS and not re.search(r"违章|违规|不安全行为|三违", indicator):
                continue  # 识别岗位风险点1200余个: risks listed, the effort of an assessment
            if verb in ACHIEVE_VERBS and not indicator.startswith(verb):
                indicator = verb + indicator  # 排查整改隐患: the indicator is the act counted
            direction = self.direction.get(verb, "level" if verb in ("达", "占", "仅", *ACHIEVE_VERBS) else None)
            if verb in ("提升", "提高") and clause[qm.start() - 1:qm.start()] in ("至", "到"):
                direction = "increase"
            out.append((start, end, Quantity(indicator, num, unit, direction, year)))
        return out

    def _spoken_counts(self, clause: str) -> list["_Count"]:
        """Counts written in Chinese numerals, as a speech or its transcript says them
        (``两千八百六十万吨``, ``二百六十一人次``, ``百分之九十八点五``): their values by cn2an
        (a maintained converter of Chinese numerals). A numeral of one character (一名, 六期)
        counts no result: it is how a text says one act, not a figure it reports."""
        out = []
        for m in self.cn_qty_re.finditer(clause):
            if m["pct"] is not None:
                value = _spoken_number(m["pct"])
                if value is not None:
                    out.append(_Count(m.start(), m.end(), value, "%"))
                continue
            run = m["cn"]
            if len(run) < 2 and run not in "十百千":
                continue
            value = _spoken_number(run)
            if value is not None:
                out.append(_Count(m.start("cn"), m.end(), value, m["unit"]))
        return out

    def _arrow(self, clause: str, year: int | None):
        """Rule *measured*, arrow form: indicator + number → number (``职工安全知识抽考平均分
        78.5分→88.2分``, ``“三违”人次 88→57``): the level reached, up or down from the first."""
        m = self.arrow_re.search(clause)
        if m is None or re.match(r"\s*[年月日.]", clause[m.end():]) or "年" in m.group(0) \
                or re.fullmatch(r"(?:19|20)\d{2}(?:\.\d+)?", m["a"]):
            return []  # 2022.3→2022.12, 2022年46→2023年19: dates, or a year's figure without its unit
        start = _clause_start(clause)
        indicator = _trim(clause[start:m.start()])
        if not indicator or any(t in clause[:m.start()] for t in self.targets):
            return []
        a, b = _number(m["a"]), _number(m["b"])
        unit = (m["ub"] or m["ua"] or "").replace("％", "%") or None
        direction = "increase" if b > a else "decrease" if b < a else "level"
        return [(start, m.end(), Quantity(indicator, b, unit, direction, year))]

    def _rates(self, clause: str, year: int | None):
        """A rate written without a unit (rule *measured*, rate form): indicator ending
        in 率 + change verb or 为/控制在 + (至/到) + number, the number not followed by
        a unit (``百万吨死亡率下降至0.02``: the death rate per million tonnes, which
        Chinese coal statistics give as a bare number)."""
        out = []
        for m in self.rate_re.finditer(clause):
            if any(t in clause[:m.start()] for t in self.targets):
                continue  # 力争…率控制在…: a target
            verb = m["verb"]
            direction = self.direction.get(verb) or ("level" if verb in ("为", "控制在", "保持在") else None)
            start = m.start("ind") - len(m["year"] or "")
            out.append((start, m.end(), Quantity(_trim(m["ind"]), float(m["num"]), None, direction, year)))
        return out

    @staticmethod
    def _honours(clause: str) -> list[tuple[int, int]]:
        """Two honours or more given at once, joined by 和/及 (先后被评为集团“五星级党支部”和
        2024年度“安全生产标杆区队”, 获评A“X”和B“Y”): one result each, as each title is its own
        (GUIDELINES.md «Outcome»: one outcome a result). The first runs from the verb (and 被)
        to its title's close, each next one from after the conjunction. ``[]`` for one title or
        none, and for a 、-list that a closing word gathers (A“X”、B“Y”等荣誉称号: one result)."""
        verb = HONOUR_VERB_RE.search(clause)
        if verb is None or not any(q in clause for q in "“\""):
            return []
        titles = list(HONOUR_TITLE_RE.finditer(clause, verb.end()))
        if len(titles) < 2:
            return []
        out, start = [], verb.start()
        for k, t in enumerate(titles):
            if k and not re.fullmatch(r"[^，,。；;“”\"]{0,16}", clause[titles[k - 1].end():t.start()]):
                break  # a title that a clause of its own introduces
            # (…、矿工会“安康杯”竞赛优胜班组: the title's words after its quote, to the clause's end)
            rest = re.match(r"[^，,。；;、“”\"和及与]{0,10}(?=$|[，,。；;])", clause[t.end():])
            out.append((start, t.end() + (rest.end() if rest and k else 0)))
            # 先后被评为矿“安全生产标杆班组”、矿工会“安康杯”竞赛优胜班组: a 、 joins them too
            # (not one that 等…称号 gathers: below)
            joint = re.match(r"(?:和|及|以及|与|、)", clause[t.end():])
            if joint is None:
                break
            start = t.end() + joint.end()
        # (先后荣获A“X”、B“Y”等荣誉称号, 荣获A“X”、B“Y”称号: a list that one closing word gathers is
        # one result)
        if len(out) < 2 or re.match(r"(?:[、，,]|等|称号|荣誉)", clause[titles[len(out) - 1].end():]) or (
                "、" in clause and re.match(r"[”\"]?(?:等|称号|荣誉)", clause[clause.rfind("”") :].lstrip("”"))):
            return []
        return out

    def _qualitative(self, clause: str, year: int | None, means: bool = True, gates: "_SentenceGates | None" = None,
                     at: int = 0):
        """Rule *qualitative*: the result ``clause`` states in words, ``[(start, end, Quantity)]``.
        ``gates``: those of the clause's sentence (``None``: every pattern is tried); ``at``:
        where the clause starts in the sentence, for the words found there (``gates.places``)."""
        out = []
        stripped = clause.strip()
        lead = len(clause) - len(clause.lstrip())
        if (gates is None or gates.headed) and HEADING_RE.match(stripped):
            return out  # （二）安全环保水平提高: a section heading names a topic, not a result
        verb = HONOUR_VERB_RE.search(stripped) if gates is None or gates.honoured else None
        if verb is not None and PERSON_HONOUR_RE.search(stripped):
            return out  # 贺宝山本人也荣获省五一劳动奖章, 他已经连续两年被评为…: a person's honour, no body's result
        honours = self._honours(stripped) if verb is not None else []
        if honours:
            # (the honour's verb is the indicator of each: an honour, whatever its title names)
            indicator = verb.group(0).lstrip("被")
            return [(lead + a, lead + b, Quantity(indicator, None, None, "level", year)) for a, b in honours]
        if gates is not None and gates.places is not False:  # (the words of the sentence, found once)
            fixed = self.qual_index.candidates_in(gates.places, at + lead, at + lead + len(stripped))
        else:
            fixed = self.qual_index.candidates(stripped)  # the open forms last, in qual_open's order
        if not fixed:
            return out  # (4 clauses in 5: no word of a result phrase nor of an open form, none can match)
        k = len(fixed)
        while k and fixed[k - 1] in self.qual_open:
            k -= 1
        fixed, present = fixed[:k], fixed[k:]  # (the open forms whose words the clause holds)
        for rx in fixed:
            # (a word of it is in the clause: Quick.search's test; and one of each other set it needs)
            m = rx.pattern.search(stripped) if not rx.rest or rx.holds_rest(stripped) else None
            # 为矿井实现安全生产目标: a purpose or a target, not a result.
            # 为…创造了效益 is done (了), 为…实现安全生产 a purpose.
            purpose = stripped.startswith("为") and "了" not in m.group(0) if m else False
            if m and ((TARGET_AFTER_RE.match(stripped, m.end()) and not DONE_RE.search(stripped)) or purpose):
                continue  # 全力实现“零死亡、零重伤”目标: the zeros are a target
            if m and FALL_END_RE.search(m.group(0)) and \
                    FALL_END_ADVERB_RE.sub("", m.group(0)).endswith(GOOD_QUALITY_END):
                continue  # 凝聚力和战斗力有所下降: a problem, not a result
            if m and REWARD_END_RE.search(stripped):
                continue  # 获评讲堂所在党支部在季度考核中加分: the reward a rule gives, not a result
            if m and CONDITION_OF_RULE_RE.match(stripped, m.end()):
                continue  # 党员违章“清零”的支部在考核中加分: the condition of a rule, not a result
            if m and not means and rx.pattern in NEEDS_MEANS:
                continue  # …扎实推进党的建设各项工作，为公司高质量发展提供了坚强保证: a preamble's formula
            if m and rx.pattern in GUARDED and self.instruction_re.search(stripped[:m.end()]):
                continue  # 要求全部整改到位, 计划…比上年多5名: an instruction or a plan, not a result
            # 力争…继续保持为零: a target word before the result or inside it.
            # (确保了汛期安全: 确保 with 了 is done, not aimed at)
            if m and not any(t in stripped[:m.end()].replace(t + "了", "") for t in self.targets):
                # ● 结果：提前26天贯通: the item's bullet and label are not the result's words
                a = ITEM_LABEL_RE.match(stripped, m.start()).end()
                a = _quote_open_before(stripped, a, m.end())
                # 该区工作面2023年实现安全回采零伤亡: the clause's subject and time before the verb
                # are the result's (whose it is, when)
                if a == m.start() and VERB_FIRST_RESULT_RE.match(stripped, a):
                    subject = SUBJECT_TIME_RE.fullmatch(stripped, 0, a)
                    if subject is not None and not SUBJECT_NOT_RE.search(subject.group(0)):
                        a = subject.start("s")
                ind = RESULT_VERB_LEAD_RE.sub("", stripped[a:m.end()])
                out.append((lead + a, lead + m.end(),
                            Quantity(ind, None, None, "level", year)))
                return out
        # 随着“一岗双责”的全面落实，…: a condition or a means, the result comes after it.
        # (Quick.match and Quick.search of each open form, its words found by the scan above)
        end, bare, le, nominal = self.qual_open
        m = None if stripped.startswith(CONDITION_OPENERS) else (
            (end.pattern.match(stripped) if end in present else None)
            or (bare.pattern.match(stripped) if bare in present else None))
        start_at = None
        if m is None:
            m = (le.pattern.search(stripped) if le in present else None) \
                or (nominal.pattern.search(stripped) if nominal in present else None)
            if m is not None:
                start_at = m.start()
                if m.re is QUAL_NOMINAL_RE:
                    start_at = m.start("ind")
        if m and m["verb"] == "调动" and not re.search(r"(?:积极性|主动性|创造性|热情|干劲)$", m["ind"]):
            m = None  # 调动了12名技术骨干充实到一线: people moved, not a result
        if m and m["verb"] == "形成" and (re.search(r"[“\"]", m["ind"]) or m["ind"].endswith(PRACTICE_HEADS + FORMED_WAYS)):
            m = None  # 形成了“三心三基”工作模式, 形成了一套…的做法: a practice formed, not a result
        if m and m["verb"] in ("下降", "降低", "减少") and _trim(m["ind"]).endswith(GOOD_QUALITY_END):
            m = None  # 凝聚力有所下降: a problem, not a result
        if m and not any(stripped.startswith(t) for t in self.targets + self.recommend):
            verb = m["verb"]
            direction = "decrease" if verb in ("降低", "下降", "减少") else (
                "level" if verb in ("稳定", "形成", "保障", "落实") else "increase")
            start = lead + (_clause_start(stripped) if start_at is None else start_at)
            out.append((start, lead + len(stripped), Quantity(_trim(m["ind"]), None, None, direction, year)))
        return out


#: A share with no indicator of its own (其中生产一线职工9名，占比81.8%).
SHARE_ONLY_RE = re.compile(r"\s*占比?(?:约|为|达)?\s*")
#: A measure's ground kept free of harm, right after its name (党员责任区内未发生…, …区域内零事故).
NO_HARM_AFTER_RE = re.compile(r"\s*(?:内|中|里)?(?:全年)?(?:未(?:再)?发生|没有发生|零(?:事故|伤亡|违章|三违)|无(?:事故|违章|“三违”|三违))")
#: A sentence that opens by announcing targets (全年的目标是：…, 主要目标：…).
TARGET_LEAD_RE = re.compile(r"\s*[^，,。；;：:]{0,10}目标(?:任务)?(?:是|为)?\s*[：:]")
#: A result that opens with its verb (实现…, 保持…, 未发生…): its subject may stand before it.
VERB_FIRST_RESULT_RE = re.compile(r"实现|保持|未(?:再)?发生|没有(?:再)?发生")
#: A clause's subject and time before such a verb: a unit, a place of work, years (该区工作面2023年,
#: 通防工区2021年至2024年, 全矿上半年), no verb or preposition of its own.
SUBJECT_TIME_RE = re.compile(r"\s*(?P<s>[\u4e00-\u9fff\d年月至—\-]{2,16})")
SUBJECT_NOT_RE = re.compile(r"通过|开展|推行|实施|以来|后|使|让|推动|促进|带动|确保|力争|[把将对在为从由以和与及的了]")


def _quote_open_before(text: str, start: int, end: int) -> int:
    """``start``, or the opening quote before it when ``text[start:end]`` begins inside a
    quotation (its first quote mark closes one): a result names what it is about whole
    (“胶带机智能纠偏装置”获…科技进步三等奖, not 纠偏装置”获…)."""
    close = text.find("”", start, end)
    opening = text.find("“", start, end)
    if close < 0 or 0 <= opening < close:
        return start
    at = text.rfind("“", 0, start)
    return start if at < 0 else at


#: The end of a rule's reward or penalty (…在季度考核中加分, …扣分, …与评先选优挂钩).
REWARD_END_RE = re.compile(r"(?:加分|扣分|减分|挂钩)\s*$")
#: A result that qualifies who a rule rewards (…“清零”的支部加分, 实现零违章的班组): a condition.
CONDITION_OF_RULE_RE = re.compile(r"[”\"]?的(?:支部|党支部|班组|区队|单位|个人|党员|职工|矿井)")
# What OutcomeRecognizer._measured reads around each count, compiled once (given to re as
# strings they were looked up in re's cache on every count).
#: 年 or 月 right after a count of 个 (连续9个月: a duration); 年 right after a count.
YEAR_OR_MONTH_AFTER_RE = re.compile(r"\s*(?:年|月)")
YEAR_AFTER_RE = re.compile(r"\s*年")
#: 保持 (at least) right before a count: a staffing rule.
KEPT_BEFORE_RE = re.compile(r"保持(?:至少|不少于)?\s*$")
#: A minimum or a maximum right before a count: a rule set, not a result.
MINIMUM_BEFORE_RE = re.compile(r"(?:至少|不少于|不低于|最少|不超过|不高于)[\u4e00-\u9fff]{0,4}$")
#: A body's size held right before a count (党员人数稳定在620名).
SIZE_HELD_BEFORE_RE = re.compile(rf"(?:{SIZE_WORDS})(?:稳定在|保持在|稳定|保持)\s*$")
STEADY_AT_BEFORE_RE = re.compile(r"稳定在\s*$")
#: 的 and a separator right after a count: the condition of a rule (低于95%的，另扣3分).
RULE_CONDITION_AFTER_RE = re.compile(r"(?:以上|以下)?的\s*(?:[，,；;]|$)")
#: Where a change starts, before a count, and the change after it (由58人次降至…).
FROM_BEFORE_RE = re.compile(r"(?:由|较|比)[^，,；;]{0,12}$")
CHANGE_AFTER_RE = re.compile(r"\s*(?:降|升|增|减|提高|提升|下降|缩短)")
#: A noun right after a count, up to the clause's end (形成12项具体举措).
NOUN_AFTER_RE = re.compile(r"[\u4e00-\u9fff]{2,16}(?=$|[，,；;。])")
# What OutcomeRecognizer._qualitative reads around a fixed result phrase.
#: A target or task right after the phrase (全力实现“零死亡、零重伤”目标), and words of a target met.
TARGET_AFTER_RE = re.compile(r"[^”\"，,。；;]{0,16}[”\"]?(?:的)?(?:年度|全年)?(?:目标|任务)")
DONE_RE = re.compile(r"实现了|完成了|圆满|如期")
#: A fall at the phrase's end, and the adverbs before it (凝聚力和战斗力有所下降).
FALL_END_RE = re.compile(r"(?:有所|大幅)?(?:降低|下降)$")
FALL_END_ADVERB_RE = re.compile(r"(?:均有所|有所|大幅)(?:降低|下降)$")
#: The verb a result's words open with, not part of its indicator.
RESULT_VERB_LEAD_RE = re.compile(r"^(实现了?|通过|完成|荣获|取得了?)")
#: The size of a change after it, a result of its own (降幅58.8%, 同比增幅12%).
FALL_BY_RE = re.compile(rf"(?P<ind>{CHANGE_SIZE}|(?:下降|降低|减少|增长|提高|提升)幅度)(?:为|达到?|约)?\s*$")
#: What makes an output figure a capacity, a design or a plan (核定产量, 设计进尺, 年产量).
DESIGNED_OUTPUT_RE = re.compile(r"(?:核定|设计|计划|预计|目标|生产能力|(?<![\d全当今去上本该])年)(?:原煤|商品煤)?(?:产量|进尺)\s*$")
#: An output or income right before its figure, with no verb (原煤产量420.6万吨, 营业收入32亿元).
OUTPUT_HEAD_RE = re.compile(r"(?:产量|进尺|营业收入|销售收入|利润|利润总额)(?:是|为)?\s*$")
#: A trend at a clause's end (违章行为逐年减少, 故障次数持续下降): the level it reached may
#: follow in the next clause (OutcomeRecognizer._trend_to_level).
TREND_RE = re.compile(r"(?P<adv>逐年|逐步|持续|不断|连年|逐月|逐季)(?:减少|下降|降低|增加|上升|提高|提升|增长)\s*$")
#: The adverbs every :data:`TREND_RE` holds (common.any_words): a sentence without one has no trend.
_TREND_GATE = any_words([Quick(TREND_RE)])
#: The words of :data:`HONOUR_VERB_RE` and of :data:`_CN_GATE_RE` (common.any_words): one scan
#: of a sentence from the characters that start one (a charset prefix), where those patterns,
#: opening with an optional part or a class, are tried at every character.
_HONOUR_WORDS = any_words([Quick(HONOUR_VERB_RE)])
_CN_WORDS = any_words([Quick(_CN_GATE_RE)])
#: The marks one of which closes the number of every :data:`HEADING_RE` (common.any_words).
_HEADING_GATE = any_words([Quick(HEADING_RE)])
#: The words one of which every :data:`BAD_STATE_RE` holds: tried first, in one scan with a
#: charset prefix (BAD_STATE_RE has none: an alternation opening with a group).
_BAD_STATE_GATE = any_words([Quick(BAD_STATE_RE)])


class _SentenceGates:
    """What the clause rules of :class:`OutcomeRecognizer` can find in one sentence, tried
    once on the sentence instead of on each of its clauses (3.4 a sentence): a clause is a
    piece of its sentence's text, so a pattern with no anchor nor lookaround that finds
    nothing in the sentence finds nothing in any of its clauses.

    Attributes:
        digits: the sentence holds a digit (:data:`_DIGIT_RE`), which every count, arrow,
            zero and rate of rule *measured* holds (their ``NUMBER``).
        spoken: :data:`_CN_GATE_RE` finds a count said in Chinese numerals.
        carried: a target word whose wish runs on (:data:`_CARRIED_RE`).
        honoured: a word of an honour's verb (:data:`HONOUR_VERB_RE`'s words: 被?评为 holds 评为).
        trend: an adverb of :data:`TREND_RE`.
        headed: a closing mark of a heading's number (:data:`HEADING_RE`: ``）)、.．``).
    """

    __slots__ = ("digits", "spoken", "carried", "honoured", "trend", "headed", "places")

    def __init__(self, digits: bool, spoken: bool, carried: bool, honoured: bool, trend: bool, headed: bool):
        self.digits, self.spoken, self.carried, self.honoured, self.trend = digits, spoken, carried, honoured, trend
        self.headed = headed
        # (QuickIndex.places of the recognizer's result phrases in the sentence, when found;
        # False: not found, each clause is scanned)
        self.places: tuple[list[int], list[str]] | None | bool = False

    @classmethod
    def of(cls, sentence: str) -> "_SentenceGates":
        """The gates of ``sentence`` (its text)."""
        return cls(_DIGIT_RE.search(sentence) is not None,
                   _may_hold(_CN_WORDS, sentence) and _CN_GATE_RE.search(sentence) is not None,
                   _CARRIED_RE.search(sentence) is not None, _may_hold(_HONOUR_WORDS, sentence),
                   _may_hold(_TREND_GATE, sentence), _may_hold(_HEADING_GATE, sentence))


def _may_hold(words: re.Pattern | None, text: str) -> bool:
    """Whether ``text`` may match the patterns whose words ``words`` finds
    (:func:`common.any_words`): not when it finds none of them; always when the patterns
    offer no words (``None``)."""
    return words is None or words.search(text) is not None


#: What may stand between a change verb and its number: nothing, or the year of it
#: (降至2023年的21人次).
YEAR_OF_RE = re.compile(r"(?:(?:19|20)\d{2}\s*年(?:底|末)?的?)?")
#: A rate right before its percentage, with no verb: 整改率100%.
RATE_END_RE = re.compile(r"(?P<ind>[\u4e00-\u9fff]{1,8}(?:率|满意度(?:测评|调查)?))(?:是|为)?\s*$")
RATE_RE = re.compile(
    r"(?P<year>(?:19|20)\d{2}年)?(?P<ind>[\u4e00-\u9fff]{1,12}率)(?P<verb>降低|下降|减少|提升|提高|控制在|保持在|为|达到|达)"
    r"(?:至|到)?(?P<num>\d+(?:\.\d+)?)(?![\d.%％\u4e00-\u9fff])")
VERB_FIRST_RE = re.compile(r"^(?:切实|有效|进一步|大大|显著|明显)?(?P<verb>降低|提高|提升|减少|增强)"
                           r"(?P<ind>[^，,。；;]{2,16})$")
_LEAD_RE = re.compile(r"^(?:[\s]*(?:其中|同时|此外|并|且|从而|进而|使|让|将|把|带动|推动|促进|助力|"
                      # ▶ 成效：…: an item's bullet and the label of its effect
                      rf"[{BULLETS}]\s*|{EFFECT_LABEL}|"
                      r"切实|共计|合计|全年|该区|该矿|公司"
                      # 该模式实施后矿井“三违”人次下降了41.2%: the measure's time, then the result
                      r"|(?:该|这一|此)[\u4e00-\u9fff]{1,4}(?:实施|推行|运行|开展|推广)(?:以来|后))+)")


#: A section or a paragraph labelled as the problems found (存在问题, 存在的不足, 问题与不足)
#: or as questions to discuss (思考题).
#: (its branches, each also searched alone: _mentions_problems)
PROBLEM_WORDS = (r"存在的?(?:主要)?(?:问题|不足)", r"(?:问题|不足)(?:与|和)(?:不足|差距|短板)", r"不足之处", r"短板弱项",
                 # a teaching case's questions for discussion: a figure there is asked about
                 r"思考题", r"讨论题", r"思考与讨论",
                 # the plans of the time to come (三、下半年工作安排, 四、2025年工作打算): what
                 # is counted there is aimed at, not done
                 r"(?:(?:19|20)\d{2}\s*年|下半年|明年|来年|下一步|下一阶段)(?:的)?(?:主要)?(?:工作)?"
                 r"(?:安排|打算|计划|思路|重点|举措)",
                 # a case's background (【背景】, 一、背景): the state before the measure, a baseline
                 r"(?:案例|项目)?背景(?:情况|介绍)?(?=[】\]。：:\s]|$)")
PROBLEM_WORDS_RE = re.compile("|".join(PROBLEM_WORDS))
#: PROBLEM_WORDS_RE's branches alone, each tried only on a text that holds its words (Quick):
#: re tried the seven branches' first characters at every character of every article.
_PROBLEM_BRANCHES = tuple(Quick(re.compile(branch)) for branch in PROBLEM_WORDS)


def _mentions_problems(text: str) -> bool:
    """``PROBLEM_WORDS_RE.search(text) is not None``, a branch at a time."""
    return any(branch.search(text) is not None for branch in _PROBLEM_BRANCHES)


#: A label in square brackets opening a line (【背景】, 【做法】, 【成效】): the parts of a case.
BRACKET_LABEL_RE = re.compile(r"^\s*[【\[](?P<label>[^】\]\n]{1,8})[】\]]", re.M)
#: A numbered heading's text that labels the problems or plans (_problem_ranges), and what
#: after the label makes it about what was done about them (（二）存在问题的整改情况).
PROBLEM_LABEL_RE = re.compile(rf"(?:{PROBLEM_WORDS_RE.pattern})\s*(?P<sep>[。：:]?)")
PROBLEMS_DEALT_RE = re.compile(r"的|整改|及|和")


def _problem_ranges(text: str) -> list[tuple[int, int]]:
    """Where ``text`` tells the problems found (a work report's 存在问题, a slide's 存在不足,
    an inspection's （一）存在问题。…) or the plans of the time to come (下半年工作安排,
    2025年工作打算) or the background of a case (【背景】, 一、背景): the paragraph a numbered
    label opens with text after it, or the section a numbered heading of them alone opens,
    up to the next numbered heading (a bracketed label's: up to the next bracketed label).
    Character ranges ``(start, end)``; what is counted there is what went wrong, what is
    aimed at, or the state before the measures (b8, b22 cases: no result there)."""
    heads = list(NUMBERED_HEADING_RE.finditer(text))
    rank = [heading_rank(m) for m in heads]
    out = []
    # 【背景】…【做法】…【成效】: a case's labelled parts; the label's own line, or up to the next label
    labels = list(BRACKET_LABEL_RE.finditer(text))
    for k, m in enumerate(labels):
        if not re.fullmatch(PROBLEM_WORDS_RE, m["label"]):
            continue
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        if text[m.end():line_end].strip():
            out.append((m.start(), line_end))
        else:
            out.append((m.start(), labels[k + 1].start() if k + 1 < len(labels) else len(text)))
    for k, m in enumerate(heads):
        label = PROBLEM_LABEL_RE.match(m["rest"])
        if label is None or PROBLEMS_DEALT_RE.match(m["rest"], label.end()):
            continue  # （二）存在问题的整改情况: what was done about them
        if label.end() < len(m["rest"].rstrip()):
            out.append((m.start(), m.end()))  # （一）存在问题。…: this paragraph
        else:
            # up to the next heading of its rank or an outer one (its own 1. 2. 3. stay inside)
            end = next((h.start() for h, r in zip(heads[k + 1:], rank[k + 1:]) if r <= rank[k]), len(text))
            out.append((m.start(), end))
    return out


class _Count:
    """A number and its unit found in a clause (characters ``start``–``end``)."""

    __slots__ = ("_start", "_end", "num", "unit")

    def __init__(self, start: int, end: int, num: float, unit: str):
        self._start, self._end, self.num, self.unit = start, end, num, unit

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def _spoken_number(text: str) -> float | None:
    """The value of a Chinese numeral (``两千八百六十`` → 2860.0), or ``None`` when it is
    not one (``一线`` and the like are refused)."""
    import cn2an

    if text == "百":
        return 100.0  # 百分之百
    try:
        return float(cn2an.cn2an(text, "normal"))  # normal: 两 as well as 二 (两千八百六十)
    except (ValueError, KeyError):
        return None


def _number(text: str) -> float:
    """The value of a :data:`NUMBER` match (``2 190`` → 2190.0)."""
    return float(GROUP_SEP_RE.sub("", text))


def _clause_start(clause: str) -> int:
    m = _LEAD_RE.match(clause)
    return m.end() if m else len(clause) - len(clause.lstrip())


def _trim(indicator: str) -> str:
    s = TRIM_LEAD_RE.sub("", indicator)
    return TRIM_TAIL_RE.sub("", s.strip(" 的了至到"))  # 已办结98条: 已 is no indicator


GROUP_SEP_RE = re.compile(GROUP_SEP)
#: What _trim drops before an indicator (a year, 其中, 共 …) and after it (已 …).
TRIM_LEAD_RE = re.compile(r"^\s*(?:(?:19|20)\d{2}\s*年[度]?|其中|同时|全年|共|累计|使|将|把|带动)+")
TRIM_TAIL_RE = re.compile(r"(?:已经|已|均)$")
