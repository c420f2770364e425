"""``minekg_links``: practice → outcome attributions, and who applies each practice.

Rules (issue 3 «Links», GUIDELINES.md «Link»):

- *same-sentence*: an outcome is attributed to the nearest practice before it in its
  sentence (Chinese reports name the measure, then what it achieved).
- *part-of*: the link also holds for the models that practice is part of, when the
  same sentence names them (``“安全宣教到支部”…创建“三三制隐患排查法”…572条``).
- *same-enumeration*: a ``；`` item that enumerates measures each with its count
  (``安全专题培训8445人次,逢查必考11200人次,…,切实增强安全意识``) ends with a result that
  sums them up: every counted measure of the item gets it.
- *vehicle*: a measure named first in its sentence as the vehicle or means of the work
  (``以X为载体，…``, ``依托X，…``, ``以X创建为抓手``) gets the sentence's results too.
- *cause after*: a result followed by its cause (``…下降30%，这得益于X``, ``…，与X密不可分``)
  is linked to that measure.
- *refers-back by kind*: a sentence with outcomes but no practice, opening with 这一/该 + a
  type word (``通过这一模式``, ``该制度实施后``), takes the last practice of that kind.
- *period of a kind*: a sentence with outcomes but no practice, opening with a type word
  and a time of its running (``活动期间``, ``机制运行以来``), takes the last practice of
  that kind.
- *short form as subject*: a clause opening with a team or post word (``攻关组全年解决…``,
  ``攻坚队采用…``) whose characters stand in order in a measure named before.
- *short form*: a sentence with outcomes but no practice, whose first clause names a
  practice before it in the paragraph in a shorter form and says since when
  (``联保以来`` after ``党员安全联保机制``, ``党小组建在班组上以后``), takes that practice:
  GUIDELINES.md «Link», "the practice named again".
- *framing*: a paragraph that opens with a practice named before and 上/方面
  (``责任环上，…``, ``（二）在安全链上，…``) reports what that practice (a part of a
  model, as a rule) brought: every result linked in the paragraph is linked to it too
  (issue 3: "a result … is also a result of the model part it belongs to, when the text
  places it there").
- *list-item*: in a slide's or an outline's list, a sub-item with results and no measure
  (``● “隐患随手拍”小程序`` | ``▶ 职工上报隐患1268条``) reports on the measure of the item
  it hangs from; a line labelled 成效：/结果： on the part its heading names (``2.1 思想护航``),
  else on the measure of the item of its own level before it; the items right after a
  heading ``“X”成效`` are X's results; and under a heading that is a model's part alone
  (``2.3 监督护航``), a result linked in the section is the part's too (*framing*).
- *refers-back*: a sentence with outcomes but no practice, opening with a reference
  (这种做法, 该, 此, 这一, 通过上述举措 …), takes the practices linked in the sentence
  before it, within one paragraph.

The organisation of a practice (``span._.org``) is the nearest organisation named
before it in its sentence, else the one of the sentence before in the paragraph, else
the article's subject; an outcome's organisation is its practice's, else found the same
way.
"""
from __future__ import annotations

import functools
import re
from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..ingest import BULLETS, EFFECT_LABEL, NUMBERED_HEADING_RE
from ..lexicon import Lexicons, load_lexicons
from .common import Link, doc_text, in_order, sentences, set_span_ext, span_ext, span_group, starting_in

#: The verb that makes an institution the occasion a named measure uses (利用主题党日组织…).
OCCASION_BEFORE_RE = re.compile(r"(?:利用|借助|依托|结合)$")
#: Connectives that hold 此 or 这 and refer to no measure (与此同时, 因此, 此外, 这样一来 is not one).
CONNECTIVE_RE = re.compile(r"^(?:与此同时|因此|为此|由此|对此|此外|除此之外|除此以外|在此基础上|就此)[，,]?")
REFER_OPENERS = ("这种", "这一", "该", "此", "上述", "以上", "通过这", "这些")
#: A preposition of means or cause before the reference (通过上述举措, 经过以上努力,
#: 得益于这些做法): the sentence still opens with a reference.
MEANS_PREPOSITIONS = ("通过", "经过", "借助", "依托", "凭借", "依靠", "得益于", "随着", "在")
#: A paragraph's opening frame: an optional heading number, 在, a name, 上/方面, a comma.
FRAME_RE = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十\d]+[、.．])?\s*"
                      r"(?:在|从)?(?P<name>[^，,。；;：:\s]{2,20}?)(?:上|方面)[，,：:]")
#: A sentence's opening frame of a course of action: 在X中, 在X过程中, 在推进X中, a comma.
FRAME_IN_RE = re.compile(r"^\s*(?:(?:19|20)\d{2}\s*年[，,]?)?在(?P<name>[^，,。；;：:\s]{2,24}?)(?:的)?(?:过程|实践)?中[，,]")
#: A line or sentence labelled as the effect of what was just told: 成效：…, 主要成效：…, 效果：….
EFFECT_LABEL_RE = re.compile(rf"\s*(?:[{BULLETS}·\-]\s*)?{EFFECT_LABEL}")
#: A plural reference to the measures just told: 通过上述举措, 以上做法, 这些措施.
PLURAL_REF_RE = re.compile(r"\s*(?:(?:通过|经过|依靠|凭借|得益于)?(?:上述|以上|这些|这一系列|一系列"
                           # 通过这两项措施: the measures of the sentence before, counted (the last two)
                           r"|(?:这|上述|以上)(?P<n>[两二三四五])(?:项|条|个|种))(?:举措|措施|做法|工作|机制|制度))")
#: How a sentence says since when a measure runs: 期间, (实施/开展/运行…)以来, 运行两年来,
#: …以后/之后/后.
SINCE_RE = (r"(?:(?:实施|实行|施行|推行|推广|开展|运行|建立|落地|启动|试行|试点|创建|投用|应用|设立|成立|组建|开通|上线|挂牌)?"
            # (运行3 a来: a journal writes the year as a, GB 3100's symbol of the annum)
            r"(?:以来|以后|之后|[一二三四五六七八九十两半\d]+(?:年|个月|周)(?:多)?来|\d+\s*a\s*来)"
            r"|(?:实施|实行|施行|推行|推广|开展|运行|建立|落地|启动|试行|试点|创建|投用|应用|设立|成立|组建|开通|上线|挂牌)后|期间"
            # 微党课开了两年: the spoken form of how long a measure has run
            r"|(?:开|办|搞|坚持|推行|运行)了[一二三四五六七八九十两半\d]+(?:年|个月)(?:多|半)?)")
#: A first clause that names a measure short as the means: 通过夜查, 有了积分超市.
MEANS_FORM_RE = re.compile(r"(?:通过|经过|依靠|借助|凭借|靠着|有了)[“\"]?(?P<form>[\u4e00-\u9fff]{2,8})[”\"]?")
#: A first clause that is a measure's name or short form, then a time of its running (联保以来,
#: 自积分超市运行以来): Linker._short_form_back.
SHORT_FORM_SINCE_RE = re.compile(rf"(?:自|自从)?(?:这个|这项|这一|这套)?(?:实行|推行|实施|开展)?[“\"]?"
                                 rf"(?P<form>[\u4e00-\u9fff\w“”\"+]{{2,24}}?)[”\"]?{SINCE_RE}")
#: A first clause that names a measure short after its adoption and time: 实行积分后.
ADOPTED_FORM_RE = re.compile(r"(?:实行|推行|实施|试行|启用|投用|采用)[“\"]?(?P<form>[\u4e00-\u9fff]{2,8}?)[”\"]?(?:后|以后|以来)")
#: A sentence that opens with the time of running alone (试点期间，…, 实施以来，…): it goes on
#: about the measure of the sentence before.
RUNNING_OPENER_RE = re.compile(r"\s*(?:试点|试行|实施|实行|推行|运行|开展)(?:期间|以来|之后|后)[，,]")


@Language.factory("minekg_links", default_config={"lexicon_dir": ""},
                  requires=["doc.spans"], assigns=["doc._.links"])
def make_linker(nlp: Language, name: str, lexicon_dir: str):
    """Factory of :class:`Linker`."""
    return Linker(load_lexicons(lexicon_dir or None))


class Linker:
    """Links practices to outcomes; writes ``doc._.links`` (list of
    :class:`~extract.components.common.Link`) and ``span._.org`` on practices and outcomes."""

    def __init__(self, lex: Lexicons):
        self.lex = lex
        self.adopt = lex.cue_words("adopt")
        kinds = sorted({t for t, _ in lex.practice_types if len(t) >= 2} | {"做法", "举措"}, key=len, reverse=True)
        # 各/每个 + type word: the units of the measure report their results
        # (…划分为68个党员安全责任区。2023年，各责任区党员累计排查隐患1126条).
        self.kind_ref_re = re.compile(
            rf"(?:这一|这项|这种|这套|这个|这本|这份|该|此|各|每个|每一)(?P<kind>{'|'.join(map(re.escape, kinds))})")
        # 活动期间, 机制运行以来: a type word opening the sentence with a time of running.
        self.kinds = kinds
        self.kind_period_re = re.compile(rf"(?:自|自从)?(?P<kind>{'|'.join(map(re.escape, kinds))}){SINCE_RE}")
        # 攻关组全年解决…: a team or post word opening a clause, then its act (not 的, not 和).
        teams = [k for k in kinds if len(k) >= 3 and k not in ("工作法", "排查法", "确认法", "操作法")]
        self.kind_start_re = re.compile(rf"(?P<kind>{'|'.join(map(re.escape, teams))})(?![的和与及、])")
        # 平台/小程序/App alone (通过平台上报…); 系统 only after 该/这一 (通过系统排查 is "systematically")
        self.means_re = re.compile(rf"(?:通过|依托|借助|利用)(?:(?:该|这一|此|这个)(?P<kind>{'|'.join(MEANS_KINDS)})"
                                   rf"|(?P<bare>{'|'.join(k for k in MEANS_KINDS if k != '系统')}))")

    def _named_back(self, sentence: str, practices: list[Span], before: int) -> Span | None:
        """Rule *refers-back by kind*: a sentence that opens (after a year or a time) with
        这一/该/此/这种/这项 + a type word (``通过这一模式``, ``该制度实施后``), or 各/每个 + a
        type word (``各责任区党员累计排查隐患…``), refers to the last practice before it whose
        name ends in that type word; ``None`` otherwise."""
        head = _first_clause(sentence)
        m = self.kind_ref_re.search(head[:12]) or self.kind_period_re.match(head)
        if m is None:
            return None
        return _last_of_kind(practices, m["kind"], before)

    def _means_of(self, text: str, sent_start: int, outcome: Span, practices: list[Span], before: int) -> Span | None:
        """Rule *refers-back by kind*, inside a result's clause: ``通过平台上报隐患5310条``,
        ``依托该系统识别违章…`` name the means of the result by its kind alone — a thing one
        uses (平台, 系统, 小程序, App); the last practice of that kind before token offset
        ``before``, else ``None``."""
        start = max(text.rfind(ch, sent_start, outcome.start_char) for ch in "，,；;")
        m = self.means_re.search(text, max(start + 1, sent_start), outcome.end_char)
        if m is None:
            return None
        return _last_of_kind(practices, m["kind"] or m["bare"], before)

    @staticmethod
    def _frame(sentence: str, by_plain: dict[str, Span], before: int) -> Span | None:
        """Rule *framing*: the practice a paragraph's first sentence opens with as its
        frame (``责任环上，``, ``（二）在安全链上，``), when that name was found as a
        practice before the paragraph; ``None`` otherwise."""
        m = FRAME_RE.match(sentence)
        if m is None:
            return None
        p = by_plain.get(_plain(m["name"]))
        return p if p is not None and p.start < before else None

    def _short_form_back(self, sentence: str, practices: list[Span], since: int, before: int) -> Span | None:
        """Rule *short form*: the first clause of ``sentence`` is a practice's name, or a
        shorter form of it, followed by a time of running (``联保以来``, ``党小组建在班组上
        以后``, ``自积分超市运行以来``); the last practice between token offsets ``since``
        and ``before`` whose name holds that form (its characters in order, at least two,
        at least a third of the name without its type word) is returned, else ``None``."""
        head = _first_clause(sentence)
        # (这个“一问三答”坚持了一年多: the demonstrative is no word of the form; 实行积分后: nor the verb)
        m = SHORT_FORM_SINCE_RE.fullmatch(head) or MEANS_FORM_RE.fullmatch(head) or ADOPTED_FORM_RE.fullmatch(head)
        if m is None:
            return None
        form = _plain(m["form"])
        if len(form) < 2 or form.startswith(("这", "该", "此", "上述", "以上")):
            return None
        # 通过夜查, 有了积分超市: the form is written in the name as it stands (通过对比 is "by comparing")
        whole = m.re is MEANS_FORM_RE or m.re is ADOPTED_FORM_RE
        for p in reversed(practices):
            if not since <= p.start < before:
                continue
            name = _plain(span_ext(p, "canonical"))
            # A short form drops the type word (党员安全联保机制 → 联保).
            stem = next((name[:-len(k)] for k in self.kinds if name.endswith(k) and len(name) > len(k)), name)
            if len(form) * 3 >= len(stem) and in_order(form, name) and (not whole or form in name):
                return p
        return None

    def _subject_kind(self, sentence: str, practices: list[Span], before: int) -> Span | None:
        """Rule *short form*, as a subject: a clause of ``sentence`` opens with a type word
        of three characters or more — a team, post or point (``攻关组全年解决…``, ``攻坚队
        采用…``) — whose characters are, in order, in the name of a measure before token
        offset ``before`` that ends like it (``瓦斯治理党员攻关组``, ``“破顶攻坚”党员先锋队``):
        that measure, the last such one; ``None`` otherwise."""
        for clause in CLAUSE_SPLIT_RE.split(sentence):
            clause = SUBJECT_TIME_RE.sub("", clause)
            # 通过攻关队一年的努力: the team as the means; 各青监岗累计查处…: each post of it
            clause = SUBJECT_MEANS_RE.sub("", clause)
            # 截至2024年底，平台上线微课312节，…: a thing one uses, named by its kind alone as the subject
            bare = next((k for k in BARE_SUBJECT_KINDS if clause.startswith(k)
                         and not clause[len(k):len(k) + 1] in ("的", "和", "与", "建", "化")), None)
            if bare is not None and (used := _last_of_kind(practices, bare, before)) is not None:
                return used
            m = self.kind_start_re.match(clause)
            if m is not None:
                kind = m["kind"]
                for p in reversed(practices):
                    name = _plain(span_ext(p, "canonical"))
                    if p.start < before and name != kind and name.endswith(kind[-1]) and in_order(kind, name):
                        return p
            # 青监岗 for 青年安全监督岗: an abbreviation keeps the first and the last character
            # of the name and others in order (three characters, ending like a post or team).
            short = clause[:3]
            if len(short) == 3 and short[-1] in ABBREVIATED_ENDS and clause[3:4] != "伍" \
                    and short not in COMMON_THREE:  # 党员队伍, 党小组: words, not abbreviations
                for p in reversed(practices):
                    name = _plain(span_ext(p, "canonical"))
                    if p.start < before and len(name) >= 5 and name[0] == short[0] \
                            and name.endswith(short[-1]) and in_order(short, name):
                        return p
        return None

    @staticmethod
    def _people_of(sentence: str, practices: list[Span], since: int, before: int) -> Span | None:
        """Rule *short form*, by its people: a sentence that opens (after a time) with 各(级)
        + a short form + 人员/党员/干部/成员 (``各级包保人员累计排查隐患…`` after ``“三级包保”
        责任制``) reports what the people of that measure did: the first practice of the
        paragraph (token offsets ``since``–``before``) whose name holds the form in order —
        the measure the paragraph introduced, not one of its routines (包保履职“回头看”)."""
        m = PEOPLE_OF_RE.match(_first_clause(sentence))
        if m is None or m["form"] in GENERIC_PEOPLE:
            return None  # 各级党员干部, 各级管理人员: people in general, not a measure's
        for p in practices:
            if since <= p.start < before and m["form"] in _plain(span_ext(p, "canonical")):
                return p
        return None

    @staticmethod
    def _tail_mention(sentence: str, tails: dict[str, list[Span]], before: int) -> Span | None:
        """Rule *short form*, by the head noun: a clause of ``sentence`` opens (after a
        time, 在 or 该) with the last three characters of the name of a measure before token
        offset ``before`` — the head noun a text keeps when it names a long measure again
        (``攻关队先后完成…`` after ``“支架医生”党员攻关队``, ``在谈心会的带动下`` after
        ``“班后十分钟谈心会”``); the last such measure, else ``None``. ``tails``: head noun →
        the measures ending with it, in text order (:func:`_head_nouns`, once per document)."""
        if not tails:
            return None
        for clause in CLAUSE_SPLIT_RE.split(sentence):
            clause = TIME_OPENER_RE.sub("", clause.lstrip())
            clause = TAIL_LEAD_RE.sub("", clause)  # 实行互保对子以来, 通过师徒帮带
            p = next((q for q in reversed(tails.get(clause[:5], ())) if q.start < before), None) \
                or next((q for q in reversed(tails.get(clause[:4], ())) if q.start < before), None) \
                or next((q for q in reversed(tails.get(clause[:3], ())) if q.start < before), None)
            # 工作法/党建…: a head that ends a name is common alone (工作法实施以来 is fine, but
            # 党建工作 opens many clauses); a head followed by 、/和 is one of a list of kinds.
            if p is not None and not clause.startswith(("工作", "党建")) and clause[3:4] not in ("、", "和", "与"):
                return p
        return None

    def __call__(self, doc: Doc) -> Doc:
        # Sorted by start, so that a sentence's spans are a slice (common.starting_in).
        orgs = sorted(span_group(doc, "org"), key=lambda s: s.start)
        practices = sorted(span_group(doc, "practice"), key=lambda s: s.start)
        outcomes = sorted(span_group(doc, "outcome"), key=lambda s: s.start)
        org_at, practice_at = [o.start for o in orgs], [p.start for p in practices]
        outcome_at = [o.start for o in outcomes]
        text = doc_text(doc)
        subject = doc._.subject or ""
        sent_org: dict[int, str] = {}
        last_org = subject
        para_of = _paragraph_index(doc)
        prev_para = -1
        for sent in sentences(doc):
            if para_of(sent.start_char) != prev_para:
                last_org, prev_para = subject, para_of(sent.start_char)
            # (被省总工会评为…: the body that gave an honour applies no measure of the text)
            in_sent = [o for o in starting_in(orgs, org_at, sent.start, sent.end)
                       if span_ext(o, "rule") != "awarding-body"]
            sent_org[sent.start] = span_ext(in_sent[0], "canonical") if in_sent else last_org
            for span in (starting_in(practices, practice_at, sent.start, sent.end)
                         + starting_in(outcomes, outcome_at, sent.start, sent.end)):
                # 在矿党委的领导下，支部推行…: the body that leads is not the one that acts.
                before = [o for o in in_sent if o.start < span.start
                          and not GUIDANCE_AFTER_RE.match(text, o.end_char)]
                set_span_ext(span, org=span_ext(before[-1], "canonical") if before else last_org)
            if in_sent:
                last_org = span_ext(in_sent[-1], "canonical")

        # span_ext(p, …): p._.…, without an Underscore object per read (common.span_ext).
        by_name = {span_ext(p, "canonical"): p for p in practices}
        by_plain: dict[str, Span] = {}
        for p in practices:  # the first mention: a frame names a measure met before
            by_plain.setdefault(_plain(span_ext(p, "canonical")), p)
        frame: Span | None = None
        tails = _head_nouns(practices)
        outline = Outline(text, practices) if "\n" in text else None
        links: list[Link] = []
        prev_linked: list[Span] = []
        main_of = None  # (practices, names) of the sentence before whose main measure is prev_linked, unread
        prev_all: list[Span] = []  # every measure of the sentence before, for 上述举措
        prev_sent_para = -1
        para_start = 0
        for sent in sentences(doc):
            sent_practices = starting_in(practices, practice_at, sent.start, sent.end)
            sent_outcomes = starting_in(outcomes, outcome_at, sent.start, sent.end)
            para = para_of(sent.start_char)
            sentence = text[sent.start_char:sent.end_char]  # once: every rule below reads it
            if para != prev_sent_para:
                para_start = sent.start
                frame = self._frame(sentence, by_plain, sent.start)
            linked_here: list[Span] = []
            names_in_sent = {span_ext(p, "canonical") for p in sent_practices}
            # Read once a sentence, not once a result: the measure the sentence opens by referring
            # to (依托该平台，…) and the part it frames itself by (在“X”中的“Y”方面，…).
            opening_ref = self._named_back(sentence, practices, sent.start) if sent_outcomes else None
            if opening_ref is None and sent_outcomes and prev_all and para == prev_sent_para \
                    and self.kind_ref_re.match(TIME_OPENER_RE.sub("", _first_clause(sentence))[:6]):
                # 矿党委建立“安全情绪晴雨表”：…。该制度运行一年，…: a measure of no type word, named
                # back by the kind the text gives it — the named measure of the sentence before.
                opening_ref = next((p for p in prev_all if "“" in span_ext(p, "canonical")), None)
            # 督导队还负责对新职工进行“一对一”带班，…: the team named short as the subject of
            # the measure it carries out shares its results.
            opening_subject = None
            if sent_outcomes and sent_practices:
                first = _first_clause(sentence)
                if not MEMBERS_RE.search(first[:8]):  # 督导队成员所在的综采一队: a modifier
                    opening_subject = (self._subject_kind(first, practices, sent.start)
                                       or self._tail_mention(first, tails, sent.start))
            inner = _sentence_frame(sentence, sent.start_char, sent_practices) if sent_outcomes else None
            for outcome in sent_outcomes:
                # A measure inside its result is its subject (outcomes.SUBJECT_LEAD_RE).
                before = [p for p in sent_practices if p.end <= outcome.start
                          or outcome.start <= p.start and p.end <= outcome.end]
                after = None if before else _cause_after(text, sent_practices, outcome)
                if before:
                    head = before[-1]
                    chosen = [(head, "same-sentence")]
                    # 以X为载体，…设立Y…，结果 / 依托X，…: the vehicle is the measure the
                    # sentence reports on; the means named after it are its acts.
                    vehicle = _vehicle(text, sent, sent_practices)
                    if vehicle is not None and vehicle is not head and vehicle.end <= outcome.start:
                        chosen.append((vehicle, "vehicle"))
                    # 开展A、B等活动，结果: every item of the list shares the result.
                    k = sent_practices.index(head)
                    while k > 0 and _listed_together(text, sent_practices[k - 1], sent_practices[k], self.adopt):
                        k -= 1
                        chosen.append((sent_practices[k], "same-list"))
                    # A；item enumerating measures with their counts (安全专题培训8445人次,
                    # 逢查必考11200人次, …, 切实增强安全意识): the closing result sums them up.
                    if _counted(text, head):
                        for p in sent_practices:
                            if p is not head and p.end <= outcome.start and _counted(text, p) \
                                    and not _semicolon_between(text, p.end_char, outcome.start_char):
                                chosen.append((p, "same-enumeration"))
                    # 支部实行“一违一谈”，由党员与其谈心谈话，…，结果: an institution every
                    # paper names is the means of the named measure the sentence adopted.
                    if head._.rule == "lexicon":
                        named = _adopted_before(text, sent_practices, head, self.adopt)
                        if named is not None:
                            chosen.append((named, "same-sentence"))
                            # 开设了“通风课堂”，利用主题党日组织…: the institution only the
                            # occasion the named measure uses, not a measure reported on
                            if OCCASION_BEFORE_RE.search(text, max(0, head.start_char - 2), head.start_char):
                                chosen = chosen[1:]
                    # 主题党日开展“安全隐患大家找”，结果: the institution that carries the theme
                    # shares its result.
                    host = sent_practices[k - 1] if k > 0 else None
                    if host is not None and HOST_BETWEEN_RE.fullmatch(text, host.end_char, head.start_char):
                        chosen.append((host, "same-sentence"))
                    # 依托该平台，…实行“X”，结果: the measure the sentence opens by referring to.
                    if opening_ref is not None and opening_ref not in sent_practices:
                        chosen.append((opening_ref, "refers-back"))
                    if opening_subject is not None and opening_subject not in sent_practices \
                            and all(p is not opening_subject for p, _ in chosen):
                        chosen.append((opening_subject, "refers-back"))
                    parent, seen = head._.part_of, {head._.canonical}
                    while parent and parent in names_in_sent and parent in by_name and parent not in seen:
                        seen.add(parent)  # a chain of parts is never a loop
                        chosen.append((by_name[parent], "part-of"))
                        parent = by_name[parent]._.part_of
                elif after is not None:
                    # …下降30%，得益于X: the cause written after its result.
                    chosen = [(after, "cause-after")]
                elif EFFECT_LABEL_RE.match(sentence) and (
                        labelled := (outline.effect_of(para) if outline is not None else None) or prev_all):
                    # ▶ 推行“X”… | ▶ 成效：全年查处隐患…: a line labelled as the effect of the
                    # part its heading names, else of the measures of the item before it.
                    chosen = [(p, "refers-back") for p in labelled]
                elif outline is not None and (parent := outline.parent.get(para)):
                    # ● “隐患随手拍”小程序 | ▶ 职工上报隐患1268条: the measure the item hangs from
                    chosen = [(p, "list-item") for p in parent]
                elif prev_all and para == prev_sent_para and (head := _two_character_head(sentence, prev_all)) is not None:
                    # 办起“掘进技术夜校”… | 夜校全年参训职工1020人次: the measure of the sentence
                    # before, named by the last two characters of its name
                    chosen = [(head, "refers-back")]
                elif prev_all and para == prev_sent_para and (plural := PLURAL_REF_RE.match(sentence)):
                    # 通过上述举措, 以上做法: every measure of the sentence before; 这两项措施:
                    # its last two.
                    n = plural["n"] and {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5}[plural["n"]]
                    chosen = [(p, "refers-back") for p in (prev_all[-n:] if n else prev_all)]
                elif opening_ref is not None:
                    # 通过这一模式, 该制度实施后: the last measure of that kind before.
                    chosen = [(opening_ref, "refers-back")]
                elif (short := self._short_form_back(sentence, practices,
                                                     para_start, sent.start)
                       or self._subject_kind(sentence, practices, sent.start)
                       or self._people_of(sentence, practices, para_start, sent.start)
                       or self._tail_mention(sentence, tails, sent.start)) is not None:
                    # 联保以来: the measure of the paragraph named again, shorter.
                    chosen = [(short, "refers-back")]
                elif (prev_linked or main_of) and para == prev_sent_para and (
                        _refers_back(sentence)
                        or self.kind_period_re.match(_first_clause(sentence))):
                    # 活动期间 with no measure named 活动 before: the measure of the sentence before.
                    # The sentence goes on about the measure of the sentence before.
                    if main_of is not None:
                        prev_linked = _with_models([_main_practice(main_of[0])], main_of[1], by_name)
                        main_of = None
                    chosen = [(p, "refers-back") for p in prev_linked]
                else:
                    chosen = []
                if chosen and frame is not None and all(p is not frame for p, _ in chosen):
                    chosen.append((frame, "framing"))
                if outline is not None:
                    # 三、“四维护航”成效 | ● 杜绝轻伤及以上事故: the items under X's results are X's;
                    # 2.3 监督护航 | …: a result linked under a part's heading is the part's too.
                    framed = outline.results_of.get(para) or (outline.frame.get(para) if chosen else None)
                    if framed is not None and all(p is not framed for p, _ in chosen):
                        chosen.append((framed, "framing"))
                # 2023年通过平台上报隐患5310条: the means of the result, named by its kind.
                means = self._means_of(text, sent.start_char, outcome, practices, sent.start)
                if means is not None and all(p is not means for p, _ in chosen):
                    chosen.append((means, "refers-back"))
                # 在“五到位”中的“技能培训到位”方面，…结果: the measure the sentence frames itself by.
                if chosen and inner is not None and all(p is not inner for p, _ in chosen):
                    chosen.append((inner, "framing"))
                for practice, rule in chosen:
                    org = span_ext(practice, "org") or subject
                    prior = span_ext(outcome, "org")
                    set_span_ext(outcome, org=prior if prior and rule == "refers-back" else org)
                    links.append(Link(practice, outcome, org, sent, rule))
                    if practice not in linked_here:
                        linked_here.append(practice)
            if linked_here or sent_practices:
                parts_of = {span_ext(q, "part_of") for q in sent_practices}  # once, not once per practice
                prev_all = [p for p in sent_practices if span_ext(p, "canonical") not in parts_of] or linked_here
                if linked_here:  # (prev_all may be this very list: its models added now, as it was)
                    prev_linked, main_of = _with_models(linked_here, names_in_sent, by_name), None
                else:
                    # The sentence's main measure is found only when a sentence after it refers
                    # back (rare): no rule of the Linker changes the names and parts it reads.
                    prev_linked, main_of = [], (sent_practices, names_in_sent)
            prev_sent_para = para
        doc._.links = links
        return doc


#: A heading that announces the results of a measure: “四维护航”成效, X取得的主要成效.
RESULTS_HEADING_RE = re.compile(r"(?P<name>.+?)(?:的|取得的|实施)?(?:主要)?(?:成效|效果|成果|成绩)$")
#: The marks of a list's items: bullets, and a dash that opens a sub-item (— 党员跟班不断档).
ITEM_MARKS = BULLETS + "—－-·"
#: The marks of sub-items: arrows, hollow marks and dashes (the filled ● ■ ◆ ★ ▲ open items).
SUB_MARKS = "▶►▷○◇□☆△•—－-·"


class Outline:
    """The list structure of a text's lines (rule *list-item*): items by their marks and
    levels, under numbered headings. Built once per document from its lines (a paragraph
    is a line, :func:`_paragraph_index`) and the practices found.

    Attributes:
        parent: line → the measures of the item a sub-item hangs from (only lines whose
            parent item names measures).
        frame: line → the model's part that its section's heading names alone.
        results_of: line → the measure whose results the heading above announces
            (``三、“四维护航”成效``), for the items right after it.
    """

    def __init__(self, text: str, practices: list[Span]):
        by_line: dict[int, list[Span]] = {}
        # A practice's line: the line breaks before it, by bisection (counting them from the
        # text's start for each practice made long texts quadratic).
        breaks = [m.start() for m in re.finditer("\n", text)]
        for p in practices:
            by_line.setdefault(bisect_left(breaks, p.start_char), []).append(p)
        self.parent: dict[int, list[Span]] = {}
        self.frame: dict[int, Span] = {}
        self.results_of: dict[int, Span] = {}
        self._same_level_before: dict[int, list[Span]] = {}
        stack: list[tuple[str, int]] = []  # (mark, line) of the open items, outermost first
        measures_at: dict[str, list[Span]] = {}  # mark → the measures of its last item that names some
        section_part: Span | None = None
        results: Span | None = None
        offset = 0
        for k, line in enumerate(text.split("\n")):
            start, offset = offset, offset + len(line) + 1
            heading = NUMBERED_HEADING_RE.match(line)
            mark = _item_mark(line)
            if heading and heading["rest"] and not mark:
                stack, results, measures_at = [], None, {}
                here = [p for p in by_line.get(k, ()) if p.start_char >= start + heading.start("rest")]
                # (the span's characters: spaCy's Span.text joins a Token object per token)
                alone = [p for p in here if _plain(text[p.start_char:p.end_char]) == _plain(heading["rest"])]
                section_part = alone[0] if alone and span_ext(alone[0], "part_of") else None
                m = RESULTS_HEADING_RE.fullmatch(heading["rest"])
                named = [p for p in here if m and _plain(text[p.start_char:p.end_char]) == _plain(m["name"])]
                results = named[0] if named else None
                continue
            if not mark:
                if line.strip():
                    stack, results, measures_at = [], None, {}  # a caption or a paragraph ends the list
                continue
            while stack and stack[-1][0] != mark and mark in (m for m, _ in stack):
                stack.pop()
                measures_at = {m: v for m, v in measures_at.items() if m in (n for n, _ in stack) or m == mark}
            if stack and stack[-1][0] == mark:
                self._same_level_before[k] = measures_at.get(mark, [])
                stack[-1] = (mark, k)
            else:
                stack.append((mark, k))
            # A sub-item's mark is a lesser one (▶ — ○ under ● ■ ◆): two top marks one after the
            # other are two lists, not a list and its sub-items.
            if len(stack) >= 2 and by_line.get(stack[-2][1]) and mark in SUB_MARKS:
                self.parent[k] = by_line[stack[-2][1]]
            if by_line.get(k):
                measures_at[mark] = by_line[k]
            if section_part is not None:
                self.frame[k] = section_part
            if results is not None and len(stack) == 1:
                self.results_of[k] = results

    def effect_of(self, line: int) -> list[Span]:
        """The measures a line labelled 成效：/结果： reports on: the part its section's
        heading names, else those of the last item of its own level before it that names
        measures."""
        part = self.frame.get(line)
        return [part] if part is not None else self._same_level_before.get(line, [])


def _item_mark(line: str) -> str:
    """The mark that opens a list item (● ▶ — …), or ``""``; a dash of a subtitle
    (——某矿党委汇报) is none."""
    s = line.lstrip()
    if not s or s[0] not in ITEM_MARKS or s.startswith(("——", "--")):
        return ""
    return s[0]


#: What stands between an institution and the theme it carries: 主题党日开展“X”, 三会一课中组织“X”.
HOST_BETWEEN_RE = re.compile(r"(?:中|上)?(?:开展|组织|举办|举行)了?")
#: The last characters of a post, team or point that a text abbreviates (青监岗, 攻关队).
ABBREVIATED_ENDS = "岗队组站哨点室"
#: Three-character words that end like an abbreviation of a team or post and are none.
COMMON_THREE = frozenset({"党小组", "工作组", "领导组", "青年队", "党员队", "专家组", "检查组", "督导组", "调研组"})
#: Things one uses that a clause names by their kind alone as its subject (平台上线微课312节).
BARE_SUBJECT_KINDS = ("平台", "小程序", "App", "APP")
#: Kinds of measure that are things one uses, named alone as the means of a result (通过平台…).
MEANS_KINDS = ("平台", "系统", "小程序", "App", "APP")


def _last_of_kind(practices: list[Span], kind: str, before: int) -> Span | None:
    """The last practice before token offset ``before`` whose name ends in the type word
    ``kind`` (a closing quote aside), else ``None``."""
    return next((p for p in reversed(practices) if p.start < before
                 and span_ext(p, "canonical").rstrip("”\"》").endswith(kind)), None)  # (《…办法》: 此办法)


def _sentence_frame(sentence: str, offset: int, practices: list[Span]) -> Span | None:
    """Rule *framing*, inside one sentence: a sentence that opens with 在…方面/上 around a
    part of a model (``在“五到位”中的“技能培训到位”方面，集团党委实施…``) reports what that
    part brought; the last practice inside the frame if it is a part, else ``None``. ``offset``: the sentence's
    first character in the text."""
    m = FRAME_RE.match(sentence)
    if m is None:
        # 在“一区一品”创建中，机运工区党支部推出…: the sentence tells what was done in the
        # course of a measure, which a result of it is a result of too (the seed's
        # 在“素质提升到支部”…中); a measure, not only a part.
        m = FRAME_IN_RE.match(sentence)
        if m is None:
            return None
        a, b = offset + m.start("name"), offset + m.end("name")
        inside = [p for p in practices if a <= p.start_char and p.end_char <= b]
        return inside[-1] if inside else None
    a, b = offset + m.start("name"), offset + m.end("name")
    inside = [p for p in practices if a <= p.start_char and p.end_char <= b]
    # Only a part of a model (paper 004's 在“党员先锋岗”创建工程深度落地方面 frames a list of
    # acts, the parts' results are the model's own: issue 3, part_of).
    return inside[-1] if inside and span_ext(inside[-1], "part_of") else None


#: A time that opens a sentence before its subject: 2024年，, 今年一季度，, 上半年，.
TIME_OPENER_RE = re.compile(r"^(?:(?:19|20)\d{2}\s*年[^，,]{0,6}|今年[^，,]{0,5}|去年[^，,]{0,5}|上半年|下半年|"
                            r"近年来|近两年|[一二三四五六七八九十\d]+月(?:份|上旬|中旬|下旬|以来)?)[，,]?")
#: 在矿党委的领导下, 在集团公司党委的指导下: the body named in a frame of guidance.
GUIDANCE_AFTER_RE = re.compile(r"的?(?:坚强|正确|精心|大力)?(?:领导|指导|带领|关心|支持|部署|统一部署)下")
#: 各级包保人员, 各示范岗党员: the people of a measure, named by a short form of it.
PEOPLE_OF_RE = re.compile(r"\s*各级?(?P<form>[\u4e00-\u9fff]{2,4}?)(?:人员|党员|干部|成员)")
#: Forms of PEOPLE_OF_RE that name people in general (各级党员干部, 各级管理人员).
GENERIC_PEOPLE = ("党员", "管理", "领导", "技术", "安全", "一线", "干部", "职工", "班组", "支部", "基层")
#: Words that give the cause of the result before them: …下降30%，得益于X; …，离不开X.
CAUSE_VERBS = ("得益于", "归功于", "归因于", "离不开", "源于", "得力于")
CAUSE_AFTER_RE = re.compile(rf"(?:这|这些|此)?(?:主要)?(?:{'|'.join(CAUSE_VERBS)})$")
#: The same verbs anywhere between a result and the measure after it (…，这要归功于X).
CAUSE_VERB_RE = re.compile("|".join(CAUSE_VERBS))
#: What closes a cause named after 与: …与X密不可分, …和X分不开.
CLOSE_CAUSE_RE = re.compile(r"(?:的(?:实施|推行|开展|落实|运行))?(?:密不可分|分不开|息息相关)")
#: A measure named with 以…为载体 / 依托 / 借助 / 依靠 at the start of its sentence.
VEHICLE_BEFORE_RE = re.compile(r"(?:^|[，,])\s*(?:(?:19|20)\d{2}\s*年[，,]?)?[^，,。；;]{0,12}?(?:以|依托|借助|依靠)$")
VEHICLE_AFTER_RE = re.compile(r"(?:创建|建设|活动|工作)?为(?:重要|主要|有效)?(?:载体|抓手|平台|依托|牵引)|[，,]")
#: What parts the clauses of a sentence for the rules of this module (no full stop inside one).
CLAUSE_SPLIT_RE = re.compile(r"[，,；;]")
#: A run of Chinese characters (the head nouns of :func:`_head_nouns`, compared on slices of a known length).
HAN_RUN_RE = re.compile(r"[\u4e00-\u9fff]+")


def _adopted_before(text: str, practices: list[Span], head: Span, verbs: tuple[str, ...]) -> Span | None:
    """The quoted measure an adoption verb introduces before ``head`` in its sentence, in the
    same ``；`` item (``实行“一违一谈”，由…谈心谈话``), else ``None``."""
    for p in practices:
        if p.end > head.start:
            break
        if p._.canonical.startswith(("“", "\"")) and not _semicolon_between(text, p.end_char, head.start_char) \
                and any(text.endswith(v, 0, p.start_char - (text[p.start_char - 1:p.start_char] == "了"))
                        for v in verbs):  # 开设了“通风课堂”: the verb's aspect mark between
            return p
    return None


def _vehicle(text: str, sent: Span, practices: list[Span]) -> Span | None:
    """The measure a sentence names as its vehicle or means in its first clause
    (``矿纪委以“清风井巷”廉洁文化行动为载体，…``, ``依托“金蓝领”技能提升计划，…``), else ``None``."""
    first_end = sent.start_char + len(CLAUSE_SPLIT_RE.split(text[sent.start_char:sent.end_char], maxsplit=1)[0])
    for p in practices:
        if p.end_char > first_end + 8:
            break
        lead = text[sent.start_char:p.start_char]
        if VEHICLE_BEFORE_RE.search(lead) and VEHICLE_AFTER_RE.match(text, p.end_char):
            return p
    return None


def _cause_after(text: str, practices: list[Span], outcome: Span) -> Span | None:
    """Rule *cause after*: the first measure after ``outcome`` in its sentence when the words
    between end with 得益于/归功于/离不开… (``“三违”人次下降30%，这得益于X``); else ``None``."""
    for p in practices:
        if p.start >= outcome.end:
            between = text[outcome.end_char:p.start_char]
            if len(between) <= 16 and CAUSE_AFTER_RE.search(re.sub(r"[，,\s]", "", between)):
                return p
            # …下降68%，连续两年实现零轻伤，这要归功于X; …，得益于某党支部牵头组建的X: every
            # result of the sentence before the cause, and the doer of the measure between.
            cause = CAUSE_VERB_RE.search(between)
            if cause and len(between) <= 40 and not any(ch in "；;" for ch in between) \
                    and len(between) - cause.end() <= 20 and not re.search(r"[，,]", between[cause.end():]):
                return p
            # …下降30%，这与X密不可分: the cause named between 与 and 密不可分.
            # …，这与坚持不懈的X密不可分: a modifier may stand between 与 and the name.
            if len(between) <= 16 and re.search(r"(?:与|和|同)[\u4e00-\u9fff]{0,6}的?$", between) and \
                    CLOSE_CAUSE_RE.match(text, p.end_char):
                return p
            return None
    return None


COUNT_RE = re.compile(r"\d+(?:\.\d+)?\s*(?:人次|人|次|期|场|项)")


def _counted(text: str, span: Span) -> bool:
    """True when a count follows the practice name directly (``逢查必考11200人次``)."""
    return COUNT_RE.match(text, span.end_char) is not None


def _semicolon_between(text: str, a: int, b: int) -> bool:
    """True when a ；closes one item of a chain between offsets ``a`` and ``b``."""
    return any(ch in "；;" for ch in text[a:b])


def _listed_together(text: str, a: Span, b: Span, verbs) -> bool:
    """True when ``a`` and ``b`` are neighbours in one list: only 、 and a verb between."""
    between = text[a.end_char:b.start_char]
    if between in ("和", "与", "及", "以及"):
        return True  # 开展“X”和“Y”，结果: a pair joined by a conjunction
    if not between.startswith("、"):
        return False
    rest = between[1:]
    return rest == "" or rest in verbs


def _refers_back(sentence: str) -> bool:
    """True when a sentence refers to the one before: it opens with 这种/该/此 …, or its
    first clause (after a year) holds 该/此/这 (``2024年,该区培养出…``)."""
    # 与此同时，…, 因此, 为此, 此外: connectives of discourse whose 此 points to no measure
    s = CONNECTIVE_RE.sub("", sentence.lstrip(), count=1)
    if s.startswith(REFER_OPENERS) or RUNNING_OPENER_RE.match(s):
        return True
    if s.startswith(MEANS_PREPOSITIONS):
        rest = s[next(len(p) for p in MEANS_PREPOSITIONS if s.startswith(p)):]
        if rest.startswith(REFER_OPENERS):
            return True
    head = CLAUSE_SPLIT_RE.split(TIME_OPENER_RE.sub("", s), maxsplit=1)[0]
    return any(w in head[:6] for w in ("该", "此", "这"))


#: The first words of a field of work, not of a measure's head noun (安全管理, 党建工作).
FIELD_STARTS = ("安全", "党建", "生产", "管理", "工作")


def _head_nouns(practices: list[Span]) -> dict[str, list[Span]]:
    """The last three characters of each measure's name (five characters or more, Chinese
    only), the last four of a bare quoted name of six or more (“党员风险地图” → 风险地图) and the
    four words after a quote (“一对一”师徒帮带 → 师徒帮带) →
    the measures that end with them (and the last five of a name of seven or more), in text order: the head noun a text keeps when it names a
    long measure again (rule *short form*, :meth:`Linker._tail_mention`)."""
    out: dict[str, list[Span]] = {}
    for p in practices:
        raw = span_ext(p, "canonical").strip()  # p._.canonical, without an Underscore (common.span_ext)
        name = _plain(raw)
        if len(name) >= 5 and HAN_RUN_RE.fullmatch(name[-3:]):  # (three characters: len(name) >= 5)
            out.setdefault(name[-3:], []).append(p)
        # Five, of a name of seven or more (“党员安全网格化”管理 → 网格化管理推行以来…).
        if len(name) >= 7 and HAN_RUN_RE.fullmatch(name[-5:]):
            out.setdefault(name[-5:], []).append(p)
        # Four characters, a compound of two words, are distinctive enough only inside quotes
        # and when they are no field of work (安全管理水平… names no measure).
        if len(name) >= 6 and raw[:1] in "“\"" and raw[-1:] in "”\"" and HAN_RUN_RE.fullmatch(name[-4:]) \
                and not name[-4:].startswith(FIELD_STARTS):
            out.setdefault(name[-4:], []).append(p)
        # The four words after a quote (“一对一”师徒帮带 → 师徒帮带): the measure without its motto.
        tail = QUOTE_THEN_FOUR_RE.fullmatch(raw)
        if tail and not tail.group(1).startswith(FIELD_STARTS):
            out.setdefault(tail.group(1), []).append(p)
    return out


#: Two last characters of a name that many names end with: no head of one measure.
COMMON_HEADS = ("工作", "党建", "安全", "管理", "活动", "制度", "机制", "模式", "建设", "体系", "平台", "品牌",
                "工程", "行动", "教育", "学习", "培训", "考核", "监督", "服务", "生产", "作用", "党员", "职工")


def _two_character_head(sentence: str, before: list[Span]) -> Span | None:
    """Rule *short form*, by two characters: the first clause of ``sentence`` opens with the
    last two characters of a quoted name of the sentence before (``夜校全年参训…`` after
    ``办起“掘进技术夜校”``), unless they are common to many names (工作, 活动 …); the last such
    measure of ``before``, else ``None``. Only right after the sentence that names it."""
    head = DEMONSTRATIVE_LEAD_RE.sub("", _first_clause(sentence))
    for p in reversed(before):
        raw = span_ext(p, "canonical").strip()
        name = _plain(raw)
        if "“" in raw and len(name) >= 4 and HAN_RUN_RE.fullmatch(name[-2:]) \
                and name[-2:] not in COMMON_HEADS and head.startswith(name[-2:]) and not head.startswith(name[-3:]):
            return p
    return None


@functools.lru_cache(maxsize=256)
def _first_clause(sentence: str) -> str:
    """The first clause of a sentence after an opening time (``2024年，``, ``2024年1至10月，``):
    where a reference to the measure before stands (``该模式运行三年来``, ``联保以来``).
    Remembered: several rules ask it of the same sentence."""
    rest = FIRST_TIME_RE.sub("", sentence)
    # 实践表明，该模式实施后…: what the evidence shows opens the sentence, then the reference.
    rest = EVIDENCE_LEAD_RE.sub("", rest)
    # 矿党委书记王立新告诉记者，积分办法实施以来，…: who tells it opens the sentence, then the reference.
    rest = SPEAKER_LEAD_RE.sub("", rest)
    return CLAUSE_SPLIT_RE.split(rest, maxsplit=1)[0]


@functools.lru_cache(maxsize=4096)
def _plain(name: str) -> str:
    """A name without quotes, brackets and spaces, for comparing a short form with it.
    Remembered: the rules compare the names of a document's measures sentence after sentence."""
    return PLAIN_DROP_RE.sub("", name)


#: What _first_clause drops before the first clause: an opening time, what the evidence
#: shows, who tells it.
FIRST_TIME_RE = re.compile(r"^\s*(?:(?:19|20)\d{2}\s*年[^，,]{0,8}[，,])?")
EVIDENCE_LEAD_RE = re.compile(r"^(?:实践|结果|研究|数据|统计|调查|事实)(?:表明|显示|证明)[，,：:]?")
SPEAKER_LEAD_RE = re.compile(r"^[^，,。；;“”\"]{2,16}?(?:告诉记者|介绍说?|表示|说|坦言|指出)[，,：:]")
#: What _plain drops of a name.
PLAIN_DROP_RE = re.compile(r"[“”\"'‘’《》〈〉（）()\s]")
#: What _subject_kind drops before a clause's subject: a time, then a means or 各.
SUBJECT_TIME_RE = re.compile(r"^\s*(?:(?:19|20)\d{2}\s*年|今年|去年|全年|上半年|下半年|此后|随后|其间)?")
SUBJECT_MEANS_RE = re.compile(r"^\s*(?:通过|经过|依靠|各)")
#: What Linker._tail_mention drops before a head noun (在, 该, an adoption verb, a means).
TAIL_LEAD_RE = re.compile(r"^(?:在|该|这个|此|实行|推行|开展|实施|推广|通过|经过|依靠)")
#: What _two_character_head drops before a head noun.
DEMONSTRATIVE_LEAD_RE = re.compile(r"^(?:在|该|这个|此)")
#: Words that make a first clause's opening a modifier (督导队成员所在的…), not a subject.
MEMBERS_RE = re.compile(r"成员|队员|所在|的")
#: A quote and four characters after it (“一对一”师徒帮带): _head_nouns.
QUOTE_THEN_FOUR_RE = re.compile(r"[“\"][^”\"]+[”\"]([\u4e00-\u9fff]{4})")


#: 即 or 称为/简称 before the name that sums up the sentence (…，即“三色责任田”。).
NAMED_AS_RE = re.compile(r"(?:[，,]即|称为|称之为|简称为?)$")


def _with_models(linked: list[Span], names_in_sent: set[str], by_name: dict[str, Span]) -> list[Span]:
    """``linked`` with the models of the same sentence that its measures are parts of
    (their models' models too), appended to it in place; returns it."""
    for p in list(linked):
        parent = span_ext(p, "part_of")
        while parent and parent in names_in_sent and parent in by_name \
                and by_name[parent] not in linked:
            linked.append(by_name[parent])
            parent = by_name[parent]._.part_of
    return linked


def _main_practice(practices: list[Span]) -> Span:
    """The measure a sentence introduces: the model its components spell out, else its
    first practice that is not the topic (the model part other practices of the sentence
    belong to)."""
    # …划分为31块党员责任区，…，即“三色责任田”: the name given at the end to all that was told.
    text = doc_text(practices[0].doc)
    named = next((p for p in reversed(practices) if NAMED_AS_RE.search(text, max(0, p.start_char - 3), p.start_char)
                  and re.match(r"\s*[。；;]?\s*$", text[p.end_char:p.end_char + 1] or "")), None)
    if named is not None:
        return named
    # A model spelled out by its components (“三个一”安全教育，即A、B、C) is the measure
    # the sentence introduces; its components are what it is made of.
    # span_ext(p, …): p._.…, without an Underscore object per read (common.span_ext).
    parts = [span_ext(p, "part_of") for p in practices]
    spelled = {part for p, part in zip(practices, parts) if part and span_ext(p, "rule") == "component"}
    names = [span_ext(p, "canonical") for p in practices]
    model = next((p for p, name in zip(practices, names) if name in spelled), None)
    if model is not None:
        return model
    topics = {part for part in parts if part}
    return next((p for p, name in zip(practices, names) if name not in topics), practices[-1])


def _paragraph_index(doc: Doc):
    """A function from a character offset to the index of its paragraph (``\\n`` split)."""
    import bisect

    breaks = [m.start() for m in re.finditer("\n", doc_text(doc))]  # not a loop over every character
    return lambda offset: bisect.bisect_right(breaks, offset)
