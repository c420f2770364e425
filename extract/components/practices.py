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
- *model parts*: a sentence that opens by building a system or model
  (``矿党委构建“三位一体”支持体系技术上设立“党员创新工作室”…``) lists its parts after
  it: the practices that follow in that sentence are part of it.

Each practice span gets ``label_`` (domain), ``span._.canonical`` (name), ``span._.rule``,
``span._.modality`` (``recommended`` after 要/应/需要 … in its clause) and
``span._.part_of`` (``X`` in ``“X”…其中“Y”``, or the model a ``“…到支部”`` part belongs to).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..ingest import normalise_name
from ..lexicon import Lexicons, load_lexicons
from .common import char_span, clause_bounds

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
PUNCT = set("，,。；;：:！？!?（）()、“”\"《》\n")
#: Words after a quote that make it a value, principle or problem, not a measure.
NOT_MEASURE_AFTER = ("理念", "精神", "作用", "意识", "问题", "现象", "思维", "叠加", "转变", "的惯性",
                     "的决定性", "的现象", "的问题", "的理念", "的企业精神", "式", "难题", "指标",
                     "的教育效果", "部署",
                     # “两个维护”目标: an aim set from outside
                     "目标", "任务")
NOT_MEASURE_BEFORE = ("树立", "提炼出", "弘扬", "坚定", "增强", "做到", "捍卫", "守牢", "反对",
                      "避免", "破解", "摒弃", "秉持", "转变为", "从", "围绕", "包含", "的“")
GENERIC_PREFIX = ("相关", "各项", "各类", "各种", "有关", "这一", "该", "此", "一系列", "多种",
                  "传统", "现有", "有效", "良好", "新的", "一套", "一种", "各级")
LIST_HEADS = ("活动", "形式", "方式", "措施", "载体", "举措", "多种形式")
#: A list whose last item carries a place suffix that distributes over all items.
DISTRIB_RE = re.compile(r"(?:是|包括|即|涵盖)(?P<items>[\u4e00-\u9fff]{2,8}(?:、[\u4e00-\u9fff]{2,8})+)"
                        r"(?P<suffix>(?:到|进)(?:支部|班组|区队|岗位|一线|基层|车间))")
#: 逢会必讲, 逢查必考: a four-character rule formula (逢 + occasion + 必 + duty).
IDIOM_RE = re.compile(r"逢[\u4e00-\u9fff]必[\u4e00-\u9fff]")
#: Verbs that build a system or model whose parts the sentence then lists.
MODEL_BUILD = ("构建", "建立", "打造", "形成", "搭建")
MODEL_HEADS = ("体系", "模式", "格局", "矩阵")


@Language.factory("minekg_practices", default_config={"lexicon_dir": ""},
                  requires=["token.is_sent_start"], assigns=["doc.spans"])
def make_practice_recognizer(nlp: Language, name: str, lexicon_dir: str):
    """Factory of :class:`PracticeRecognizer`."""
    return PracticeRecognizer(load_lexicons(lexicon_dir or None))


class PracticeRecognizer:
    """Finds practice names; writes ``doc.spans["practice"]``."""

    def __init__(self, lex: Lexicons):
        self.lex = lex
        self.types = [t for t, _ in lex.practice_types]
        self.type_domain = dict(lex.practice_types)
        self.adopt = lex.cue_words("adopt")
        self.recommend = lex.cue_words("recommend")
        names = sorted({n for e in lex.practices for n in (e.name, *e.aliases)}, key=len, reverse=True)
        self.lexicon_re = re.compile("|".join(map(re.escape, names))) if names else None
        type_alt = "|".join(map(re.escape, self.types))
        # A typed name: 2–16 characters without punctuation, then a type word.
        self.typed_re = re.compile(rf"[^，,。；;：:！？!?（）()、“”\"《》\n]{{1,16}}?(?:{type_alt})")
        adopt_alt = "|".join(map(re.escape, self.adopt))
        self.adopt_re = re.compile(adopt_alt)
        self.list_re = re.compile(
            rf"(?:{adopt_alt})(?P<items>[^，,。；;：:！？!?\n]{{2,80}}?)等(?:[^，,。；;\n]{{0,12}}?(?:{'|'.join(LIST_HEADS)})|(?=[，,。；;]))")

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        cands: list[tuple[int, int, str, str]] = []  # start, end, rule, type word
        cands += self._quoted(text)
        cands += self._lexicon(text)
        cands += self._typed(text)
        cands += self._lists(text)
        cands += [(m.start(), m.end(), "idiom", "") for m in IDIOM_RE.finditer(text)]
        cands += self._counted(text)
        spans, taken = [], []
        # Quoted names first (the text delimits them), then the longest.
        order = {"quoted": 0, "lexicon": 1, "idiom": 1, "typed": 2, "counted": 2, "list": 3}
        for start, end, rule, typ in sorted(cands, key=lambda c: (order[c[2]], -(c[1] - c[0]), c[0])):
            if any(s < end and start < e for s, e in taken):
                continue
            name = text[start:end].strip()
            if len(normalise_name(name)) < 2:
                continue
            # No clause glued on (copula), no name that opens with 的 (…的工作格局).
            if rule != "lexicon" and (COPULA_RE.search(name) or name.startswith("的")):
                continue
            span = char_span(doc, start, end)
            if span is None:
                continue
            span.label_ = self.lex.domain_of(name, self.type_domain.get(typ, "organisational"))
            span._.canonical = name
            span._.chars = (start + (len(text[start:end]) - len(text[start:end].lstrip())), start + len(text[start:end].rstrip()))
            span._.rule = rule
            span._.modality = self._modality(text, start)
            taken.append((start, end))
            spans.append(span)
        spans += self._distributive(doc, taken)
        spans.sort(key=lambda s: s.start)
        self._part_of(text, spans)
        doc.spans["practice"] = spans
        return doc

    # -- rules -------------------------------------------------------------------
    def _quoted(self, text: str):
        out = []
        for m in QUOTE_RUN_RE.finditer(text):
            out.append((m.start(), m.end(), "quoted", ""))
        for m in QUOTE_RE.finditer(text):
            inner = m.group(1).strip()
            start, end = m.start(), m.end()
            if SCHEDULE_BEFORE_RE.search(text[max(0, start - 5):start]) and not self._type_after(text, end):
                continue
            after, before = text[end:end + 8], text[max(0, start - 4):start]
            if inner in self.lex.slogans or normalise_name(inner) in self.lex.slogans:
                continue
            # “双碳”要求，: a requirement (noun) set from outside; but “X”要求各支部… is
            # the measure X acting as subject of the verb 要求.
            if re.match(r"要求(?:[，,。；;]|$)", after):
                continue
            if after.startswith(NOT_MEASURE_AFTER) or before.endswith(NOT_MEASURE_BEFORE):
                continue
            if re.match(r"\s*等\s*[\d一二三四五六七八九十]+", after):
                continue  # “X”等8项: an example of what is counted
            typ = ""
            ext = self._type_after(text, end)
            if ext:
                end, typ = ext
            elif re.fullmatch(r"[\d一二三四五六七八九十]", inner):
                continue  # “4”是…: the label of a part of a model
            elif inner.count("、") >= 1 and not typ:
                continue  # “勤劳、朴实、厚道”: a list of values
            elif after[:1] == "的":
                continue
            out.append((start, end, "quoted", typ))
        return out

    def _type_after(self, text: str, pos: int) -> tuple[int, str] | None:
        """A type word within 12 characters after a closing quote, without punctuation
        (``“369”精准人才培养工作``); ``的`` may stand first (``”的工作模式``)."""
        window = text[pos:pos + 14]
        cut = next((i for i, ch in enumerate(window) if ch in PUNCT), len(window))
        window = window[:cut]
        best = None
        # 管理 types a quoted name too: “网格化”管理, “三通道”序列管理.
        for typ in self.types + ["工作", "建设", "品牌", "项目", "管理"]:
            i = window.find(typ)
            if i < 0:
                continue
            head = window[:i]
            if any(v in head for v in ("和", "与", "及", "中", "上", "为")) or "的" in head[1:]:
                continue
            if head and head[0] == "的" and len(head) > 4:
                continue
            end = pos + i + len(typ)
            if best is None or end > best[0]:
                best = (end, typ)
        # A measure noun ends at the first type word that closes the run (no verbs after).
        return best

    def _lexicon(self, text: str):
        if self.lexicon_re is None:
            return []
        return [(m.start(), m.end(), "lexicon", "") for m in self.lexicon_re.finditer(text)]

    def _typed(self, text: str):
        out = []
        for m in self.adopt_re.finditer(text):
            pos = m.end()
            while pos < len(text):
                tm = self.typed_re.match(text, pos)
                if not tm:
                    break
                name = tm.group(0)
                # Skip a second verb (建立健全 → 建立 + 健全) and generic heads.
                inner = self.adopt_re.match(name)
                if inner and inner.end() < len(name):
                    pos += inner.end()
                    continue
                if name.startswith(GENERIC_PREFIX) or len(name) < 3:
                    break
                typ = next(t for t in self.types if name.endswith(t))
                if len(name) - len(typ) < 2:
                    break
                out.append((pos, tm.end(), "typed", typ))
                # 、 continues a list of names after the same verb.
                if tm.end() < len(text) and text[tm.end()] == "、":
                    pos = tm.end() + 1
                    continue
                break
        return out

    def _distributive(self, doc: Doc, taken: list[tuple[int, int]]):
        """Items of a list sharing a place suffix (rule *distributive*); each span covers
        the item as written, its name is item + suffix (the quoted form when the text
        quotes it elsewhere), and it is part of the closest model quoted before it."""
        text, out = doc.text, []
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
                if any(a < e and s < b for a, b in taken):
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
                taken.append((s, e))
                out.append(span)
        return out

    def _counted(self, text: str):
        """``，井下维修课堂28人``: a typed name that opens a clause and is directly followed
        by a participant count."""
        type_alt = "|".join(map(re.escape, self.types))
        rx = re.compile(rf"(?:^|(?<=[，,；;、\n]))([\u4e00-\u9fff]{{2,10}}?(?:{type_alt}))(?=\d+(?:人次|人|期|场))")
        out = []
        for m in rx.finditer(text):
            name = m.group(1)
            if self.adopt_re.match(name) or name.startswith(GENERIC_PREFIX):
                continue
            typ = next(t for t in self.types if name.endswith(t))
            if len(name) - len(typ) >= 2:
                out.append((m.start(1), m.end(1), "counted", typ))
        return out

    def _lists(self, text: str):
        out = []
        for m in self.list_re.finditer(text):
            if re.match(r"等\s*[^，,。；;]{0,4}(?:形式|方式|类型)的", text[m.end("items"):]):
                continue  # 集中、自主等多种形式的培训: forms of one measure, not measures
            items_start = m.start("items")
            pos = items_start
            for item in m.group("items").split("、"):
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
                if 2 <= len(name) <= 12 and not name.startswith(GENERIC_PREFIX):
                    out.append((s, e, "list", ""))
        return out

    # -- attributes --------------------------------------------------------------
    def _modality(self, text: str, start: int) -> str:
        cs, _ = clause_bounds(text, start, start)
        # Look back to the sentence start for a recommendation cue.
        s = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
        # 要 inside 要求/重要/主要/需要性… is not the modal 要: “X”要求各支部… reports a
        # rule an organisation set.
        window = re.sub(r"要求|重要|主要|要素|纪要|要点|必要性", "", text[s:start])
        return "recommended" if any(w in window for w in self.recommend) else "reported"

    def _part_of(self, text: str, spans) -> None:
        """Parts of models, as the text places them.

        - ``其中“Y”`` right after a model ``“X”…模式/体系`` of the same paragraph, and a
          ``“…到支部”`` part anywhere after the model, are parts of that model.
        - A practice that a sentence introduces after naming a model part
          (``在“素质提升到支部”实践中,通风区党支部构建“党员导师制”``) is part of that
          model part: the sentence's topic.
        """
        model = None
        for span in spans:
            name = span._.canonical
            para_start = text.rfind("\n", 0, span.start_char) + 1
            if name.endswith(("模式", "体系")) and name.startswith("“"):
                model = (span, para_start)
                continue
            before = text[max(0, span.start_char - 3):span.start_char]
            if model is None:
                continue
            if name.strip("“”").endswith("到支部") or ("其中" in before and model[1] == para_start):
                span._.part_of = model[0]._.canonical
        # A sentence that opens by building a system lists its parts after it.
        for span in spans:
            name = span._.canonical
            if not name.endswith(MODEL_HEADS):
                continue
            sent = span.sent
            lead = text[sent.start_char:span.start_char]
            if not any(v in lead[-6:] for v in MODEL_BUILD):
                continue
            if any(p.start < span.start and sent.start <= p.start for p in spans):
                continue  # not the sentence's first measure
            for other in spans:
                if other.start > span.start and other.start < sent.end and not other._.part_of \
                        and other._.canonical != name:  # the system named again is not its part
                    other._.part_of = name
        for span in spans:
            if span._.part_of:
                continue
            sent = span.sent
            topic = next((p for p in spans if sent.start <= p.start < span.start and p._.part_of
                          and p._.part_of != span._.canonical), None)
            if topic is not None and topic._.canonical != span._.canonical:
                span._.part_of = topic._.canonical
        _break_cycles(spans)


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
            if span._.part_of:
                parent.setdefault(span._.canonical, span._.part_of)
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
