"""The shortcuts of extract.components.common answer what the slow ways answer: Quick and
literal what re finds, the token and sentence helpers what spaCy's Doc says."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract.components import outcomes
from extract.components.common import (CLAUSE_SEP, Quick, QuickIndex, any_words, char_span, leading_words, literal,
                                       required_words, sent_of,
                                       sentence_at, sentences, token_ends, token_starts, token_texts)

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("pattern, words", [
    (r"实现(?:了)?(?:全年|连续)?安全生产", ("安全生产",)),      # the longest mandatory run
    (r"(?:已|实现)?连续", ("连续",)),                          # an optional part offers nothing
    (r"(?:荣获|获评)[^，]{2,24}", ("荣获", "获评")),            # every branch together
    (r"(?:荣获|获\w)", ("荣获", "获")),
    (r"(?:荣获|\w)", None),                                     # a branch without a word
    (r"[^，,。；;]{2,10}清零", ("清零",)),
    (r"(?:安全)+", ("安全",)),                                  # repeated at least once
    (r"(?:安全)*形", ("形",)),
    (r"(?=安全)\w+", None),                                     # a lookahead offers nothing
    (r"ab", ("ab",)),
    (r"[^，]{2,14}?为(?:零|0)(?![\d.])", ("为零", "为0")),           # a class spelt out with the run
    (r"[^，]{0,16}(?:全部|均)通过(?:了)?[^，]{0,14}(?:考核|验收)", ("全部通过", "均通过")),
    (r"创(?:造|下)(?:了)?纪录", ("纪录",)),                           # as long, and one word
    (r"[^，]{0,9}创(?:造|下)了", ("创造了", "创下了")),
    (r"(?:甲|乙)(?:丙|丁)(?:戊|己)(?:庚|辛)", ("甲丙戊", "甲丙己", "甲丁戊", "甲丁己", "乙丙戊", "乙丙己",
                                             "乙丁戊", "乙丁己")),  # eight strings at most
    (r"第[一二三四五六七八九十]名", ("第",)),                         # a class of more than eight
    (r"(?:安全|)生产", ("安全生产", "生产")),                          # an empty branch
])
def test_required_words(pattern, words):
    assert required_words(re.compile(pattern)) == words


def test_case_insensitive_patterns_offer_nothing():
    assert required_words(re.compile("ab", re.I)) is None


def _clauses() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for folder in ("data/papers", "data/heldout")
             for p in sorted((ROOT / folder).rglob("*.txt"))]
    return [c.strip() for t in texts for c in re.split(f"[{re.escape(CLAUSE_SEP)}]", t) if c.strip()]


PATTERNS = [*outcomes.QUAL_FIXED, outcomes.QUAL_END_RE, outcomes.QUAL_BARE_RE, outcomes.QUAL_LE_RE,
            outcomes.QUAL_NOMINAL_RE, outcomes.RATE_RE]


@pytest.mark.parametrize("rx", PATTERNS, ids=lambda rx: rx.pattern[:24])
def test_quick_finds_what_the_pattern_finds(rx):
    """On every clause of the bundled and held-out papers (some match, most do not)."""
    quick = Quick(rx)
    for clause in _clauses():
        expected = rx.search(clause)
        got = quick.search(clause)
        assert (got and got.span()) == (expected and expected.span())
        assert [m.span() for m in quick.finditer(clause)] == [m.span() for m in rx.finditer(clause)]
        m1, m2 = quick.match(clause), rx.match(clause)
        assert (m1 and m1.span()) == (m2 and m2.span())


def test_every_count_opens_with_a_digit(nlp):
    """OutcomeRecognizer._measured tries its count pattern only on a clause with a digit.
    No character but a digit opens a count (a numeral 三, 约, a full stop …: every
    character of the Basic Multilingual Plane tried before digits and before a unit), and
    on every clause of the papers the counts are those found without the check."""
    import sys

    qty = nlp.get_pipe("minekg_outcomes").qty_re
    for code in range(0x10000):
        ch = chr(code)
        if not re.match(r"\d", ch) and not 0xD800 <= code < 0xE000:
            assert qty.match(ch + "000人") is None and qty.match(ch + "人") is None, (ch, qty.pattern)
    outcomes_module = sys.modules[type(nlp.get_pipe("minekg_outcomes")).__module__]
    counted = 0
    for clause in _clauses():
        spans = [m.span() for m in qty.finditer(clause)]
        assert spans == [] or outcomes_module._DIGIT_RE.search(clause)
        counted += len(spans)
    assert counted > 50


def test_the_clauses_hold_matches():
    """The check above saw matches, not only misses: most patterns match some clause."""
    clauses = _clauses()
    assert sum(any(rx.search(c) for c in clauses) for rx in PATTERNS) >= len(PATTERNS) // 2


def test_any_words_skips_only_what_no_pattern_matches():
    quick = [Quick(rx) for rx in outcomes.QUAL_FIXED]
    words = any_words(quick)
    for clause in _clauses():
        if words.search(clause) is None:
            assert not any(rx.search(clause) for rx in outcomes.QUAL_FIXED)
    assert any_words([Quick(re.compile(r"\w+")), *quick]) is None


def test_quick_index_offers_the_patterns_whose_words_the_text_holds():
    """Exactly the patterns a loop asking each for its words would try, in their order,
    overlapping words and words inside others included."""
    quick = [Quick(rx) for rx in outcomes.QUAL_FIXED] + [Quick(re.compile(r"\w+安全")), Quick(re.compile(r"\w+"))]
    index = QuickIndex(quick)
    texts = _clauses() + ["实现了安全生产", "安全生产安全", "全年零事故零伤亡", "为零为0", ""]
    for text in texts:
        expected = [q for q in quick if not q.words or any(w in text for w in q.words)]
        assert index.candidates(text) == expected, text
    small = QuickIndex([Quick(re.compile("安全生产")), Quick(re.compile("安全")), Quick(re.compile("全生"))])
    assert small.candidates("安全生产") == small.patterns
    assert small.candidates("全生") == small.patterns[2:]
    assert QuickIndex([]).candidates("安全") == []


@pytest.mark.parametrize("words, text", [("ab", "abababab"), ("aa", "aaaaa"), ("矿党委", "矿党委矿党委x矿党委"),
                                         ("", "abc"), ("x", ""), ("a.b", "a.bxaxb")])
def test_literal_finds_what_re_finds(words, text):
    expected = [(m.start(), m.end(), m.group()) for m in re.finditer(re.escape(words), text)]
    assert [(m.start(), m.end(), m.group()) for m in literal(words).finditer(text)] == expected


@pytest.fixture(scope="module")
def processed(nlp):
    """Every article of the bundled and held-out papers through the whole pipeline."""
    from extract.articles import split_articles
    from extract.ingest import read_document
    from extract.pipeline import process_article

    papers = [p for folder in ("data/papers", "data/heldout") for p in sorted((ROOT / folder).rglob("*.txt"))]
    return [process_article(nlp, a) for p in papers for a in split_articles(read_document(p))[0]]


def test_token_helpers_read_what_the_doc_holds(processed):
    for doc in processed:
        assert token_texts(doc) == [t.text for t in doc]
        assert token_starts(doc) == [t.idx for t in doc]
        assert token_ends(doc) == {t.idx + len(t) for t in doc}


def test_token_ends_by_bisection_are_the_set(processed, nlp):
    from extract.components.common import TokenEnds
    from spacy.tokens import Doc

    spaced = Doc(nlp.vocab, words=["党委", "书记", "x"], spaces=[True, False, True])
    for doc in [*processed, nlp.make_doc(""), nlp.make_doc("矿"), spaced]:
        ends, fast = token_ends(doc), TokenEnds(doc)
        n = len(doc.text)
        assert [p for p in range(-2, n + 3) if p in fast] == sorted(p for p in ends)
        assert all((p in fast) == (p in ends) for p in range(-2, n + 3))


def test_sentences_by_bisection_are_spacys(processed):
    spans = 0
    for doc in processed:
        # the sentences made once per document (common.sentences) are doc.sents
        assert [(s.start, s.end) for s in sentences(doc)] == [(s.start, s.end) for s in doc.sents]
        for i in range(len(doc)):
            s = sentence_at(doc, i)
            assert (s.start, s.end) == (doc[i].sent.start, doc[i].sent.end)
        for group in ("org", "practice", "outcome"):
            for span in doc.spans.get(group, []):
                assert (sent_of(span).start, sent_of(span).end) == (span.sent.start, span.sent.end)
                spans += 1
    assert spans > 100


def _spacy_char_span(doc, start, end, label=""):
    """common.char_span as it was: spaCy's char_span in each alignment mode in turn."""
    if end <= start:
        return None
    for mode in ("strict", "contract", "expand"):
        span = doc.char_span(start, end, label=label, alignment_mode=mode)
        if span is not None and len(span) > 0:
            return span
    return None


def test_char_span_is_spacys(processed):
    """The aligned ranges made straight from the token starts are the spans spaCy makes:
    every range of up to 12 characters around the first 600 of each article, and
    ranges that run past either end of the text."""
    aligned = 0
    for doc in processed:
        n = len(doc.text)
        for start in [*range(-2, min(n, 600)), n - 3, n - 1, n]:
            for end in range(start - 1, start + 13):
                if end > n + 1:
                    break
                label = "X" if end % 2 else ""
                ours, theirs = char_span(doc, start, end, label), _spacy_char_span(doc, start, end, label)
                assert (ours is None) == (theirs is None), (start, end)
                if ours is not None:
                    assert (ours.start, ours.end, ours.label_) == (theirs.start, theirs.end, theirs.label_)
                    aligned += start in token_starts(doc)
    assert aligned > 1000


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for folder in ("data/papers", "data/heldout")
            for p in sorted((ROOT / folder).rglob("*.txt"))]


FILLER = "党建工作取得成效。" * 200  # long enough that the words are rare: starts near them only


@pytest.mark.parametrize("pattern, text", [
    (r"[\u4e00-\u9fff]{2,24}?(?:股份有限公司|有限责任公司|有限公司)",
     FILLER + "山西西山煤电股份有限公司" + FILLER + "长城五号矿业有限公司和利民有限责任公司" + FILLER),
    (r"[\u4e00-\u9fff]{2,24}?(?:股份有限公司|有限责任公司|有限公司)",  # 24 characters before the suffix
     "有限公司" + "一二三四五六七八九十" * 3 + "有限公司" + FILLER + "甲乙有限公司有限公司"),
    (r"(?<=[，。])[\u4e00-\u9fff]{1,6}清零", FILLER + "，重大隐患动态清零，清零" + FILLER),
    (r"^矿党委[\u4e00-\u9fff]{0,4}", "矿党委组织学习" + FILLER + "\n矿党委再学"),
])
def test_quick_finditer_near_its_words_finds_what_re_finds(pattern, text):
    rx = re.compile(pattern)
    quick = Quick(rx)
    expected = [m.span() for m in rx.finditer(text)]
    assert expected
    assert [m.span() for m in quick.finditer(text)] == expected
    assert not isinstance(quick.finditer(text), type(rx.finditer(text)))  # the near path ran


def test_quick_finditer_on_the_papers():
    from extract.components.orgs import LEGAL_RE, MINE_SUBJECT_RE
    from extract.components.practices import LINES_OF_RE, LISTED_POST_RE

    for rx in (LEGAL_RE, MINE_SUBJECT_RE, outcomes.RATE_RE, LISTED_POST_RE, LINES_OF_RE):
        quick = Quick(rx)
        for text in _texts():
            assert [m.span() for m in quick.finditer(text)] == [m.span() for m in rx.finditer(text)]



@pytest.mark.parametrize("pattern, words", [
    (r"ab", ("ab",)),
    (r"ab\w+", ("ab",)),                                        # the literal run that opens it
    (r"(?:综采|掘进){1,2}队", ("综采", "掘进")),                   # a repetition of at least one
    (r"(?:综采|综掘)队", ("综",)),                                # re's parser takes out the prefix
    (r"(?P<n>(?:能源|煤业)(?:集团|公司)|矿务局)", ("能源", "煤业", "矿务局")),
    (r"(?:^|(?<=[，,]))党委", ("党委",)),                         # zero-width anchors passed over
    (r"\b(?=x)ab", ("ab",)),
    (r"(?:^|(?<=[，,])|党)委", None),                             # a branch that consumes
    (r"(?:安全)?生产", None),                                     # an optional part first
    (r"(?:安全)*生产", None),
    (r"(?:综采|)队", None),                                       # an empty branch
    (r"[综掘]采", None),                                          # a class first
    (r"(?i)ab", None),
    (r"(?i:ab)c", None),
])
def test_leading_words(pattern, words):
    assert leading_words(re.compile(pattern)) == words


@pytest.mark.parametrize("pattern, text", [
    # words that overlap (通防 / 防治水): the match that starts inside the first is found
    (r"(?:通防|防治水|综采){1,2}队", "通防治水队，综采综采队综采，防治水队队" + FILLER + "通防队"),
    (r"(?:aa|ab)b?", "aaabababb aab"),
    (r"(?:^|(?<=[，,]))党委(?:书记)?", "党委书记，党委，x党委" + FILLER + "，党委书记"),
    (r"(?<=采)(?:综采)+", "综采综采综采采综采"),
])
def test_quick_finditer_from_its_leading_words_finds_what_re_finds(pattern, text):
    rx = re.compile(pattern, re.M)
    quick = Quick(rx)
    expected = [m.span() for m in rx.finditer(text)]
    assert expected
    assert [m.span() for m in quick.finditer(text)] == expected
    assert quick.lead is not None  # the leading-word path ran


def test_organisation_scans_on_the_papers(nlp):
    """The whole-text patterns of the organisation rules, as they run them (Quick)."""
    recognizer = nlp.get_pipe("minekg_orgs")
    found = 0
    for rx, quick in recognizer.scans.items():
        for text in _texts():
            expected = [m.span() for m in rx.finditer(text)]
            assert [m.span() for m in quick.finditer(text)] == expected
            found += len(expected)
    assert recognizer.scans[recognizer.unit_re].lead is not None and found > 50


@pytest.mark.parametrize("text", [
    "", "。", "。。好", "好", "好。", "好。”", "好。”“好”好！？x", "\n\n好\n", "好！！……好",
    "（一）强化。（二）", "a.b。c", "“好。”", "。”好。",
])
def test_fast_sentencizer_starts_sentences_as_spacys(nlp, text):
    from spacy.attrs import SENT_START
    from spacy.pipeline import Sentencizer

    from extract.pipeline import SENT_PUNCT

    spacys, ours = nlp.make_doc(text), nlp.make_doc(text)
    Sentencizer(punct_chars=SENT_PUNCT)(spacys)
    nlp.get_pipe("sentencizer")(ours)
    assert ours.to_array([SENT_START]).tolist() == spacys.to_array([SENT_START]).tolist()


def test_fast_sentencizer_on_the_papers(nlp):
    from spacy.attrs import SENT_START
    from spacy.pipeline import Sentencizer

    from extract.pipeline import SENT_PUNCT

    spacy_sentencizer, ours = Sentencizer(punct_chars=SENT_PUNCT), nlp.get_pipe("sentencizer")
    sentences = 0
    for text in _texts():
        a, b = nlp.make_doc(text), nlp.make_doc(text)
        spacy_sentencizer(a)
        ours(b)
        assert b.to_array([SENT_START]).tolist() == a.to_array([SENT_START]).tolist()
        sentences += len(list(a.sents))
    assert sentences > 1000


@pytest.mark.parametrize("punct_chars", [None, ["。", "\n"], ["。”", "。", "!"]],
                         ids=["spacy-default", "two", "a mark of two characters"])
def test_fast_sentencizer_with_other_marks_and_spaces(nlp, punct_chars):
    """Other settings, and documents with spaces after tokens (not made by our tokenizer):
    the starts found from the text's marks (one character each), or from the token
    columns, are spaCy's."""
    from spacy.attrs import SENT_START
    from spacy.pipeline import Sentencizer
    from spacy.tokens import Doc

    from extract.components.sentences import FastSentencizer

    spacy_sentencizer, ours = Sentencizer(punct_chars=punct_chars), FastSentencizer(punct_chars=punct_chars)
    assert (ours._punct_re is None) == (punct_chars is not None and any(len(c) > 1 for c in punct_chars))
    words = ["好", "。", "”", "x", "!", "!", "y", "。”", "z", "\n", "。", "\n", "w", ".", "v", "。"]
    for k in range(len(words) + 1):
        docs = [Doc(nlp.vocab, words=words[k:] + words[:k], spaces=[i % 3 == 0 for i in range(len(words))]),
                nlp.make_doc("".join(words[k:] + words[:k]))]
        for doc in docs:
            a, b = Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc]), doc
            spacy_sentencizer(a)
            ours(b)
            assert b.to_array([SENT_START]).tolist() == a.to_array([SENT_START]).tolist(), (k, words)


def test_span_ext_reads_and_writes_what_span_underscore_does(processed):
    from extract.components.common import _SPAN_DEFAULTS, set_span_ext, span_ext

    reads = 0
    for doc in processed:
        for group in ("org", "practice", "outcome"):
            for span in doc.spans.get(group, []):
                for name in _SPAN_DEFAULTS:
                    assert span_ext(span, name) == getattr(span._, name)
                    reads += 1
    assert reads > 1000
    doc = processed[0]
    span = doc.spans["practice"][0]
    before = span._.org
    set_span_ext(span, org="某矿")
    assert span._.org == "某矿" and doc[span.start:span.end]._.org == "某矿"
    span._.org = before
    assert span_ext(span, "org") == before
    with pytest.raises(AttributeError):
        set_span_ext(span, no_such_extension=1)


@pytest.mark.parametrize("pattern, text, pos, endpos", [
    (r"[\u4e00-\u9fff]{1,4}等?[（(](?:19|20)\d{2}[）)]提出", "甲。王某（2020）提出乙。", 2, 12),
    (r"[\u4e00-\u9fff]{1,4}等?[（(](?:19|20)\d{2}[）)]提出", "甲。王某（2020）提出乙。", 3, 12),  # 某（2020）提出
    (r"[\u4e00-\u9fff]{1,4}等?[（(](?:19|20)\d{2}[）)]提出", "甲。王某（2020）提出乙。", 2, 10),  # cut before 提出
    (r"[\u4e00-\u9fff]{1,4}等?[（(](?:19|20)\d{2}[）)]提出", "甲。王某（2020）提出乙。", 0, None),
    (r"(?<=。)王某", "甲。王某", 2, None),  # a lookbehind sees the text before pos
    (r"^王某", "甲。王某", 2, None),  # ^ does not hold at pos
])
def test_quick_search_between_pos_and_endpos(pattern, text, pos, endpos):
    rx = re.compile(pattern)
    expected = rx.search(text, pos, len(text) if endpos is None else endpos)
    found = Quick(rx).search(text, pos, endpos)
    assert (found and found.span()) == (expected and expected.span())


def test_literature_pattern_on_the_sentences_of_the_papers(nlp, processed):
    """What practices.cites asks of each sentence: the Quick form finds what the pattern
    finds (two sentences that cite in its form are added; blind9's review paper cites too)."""
    from extract.components.common import doc_text
    from extract.components.practices import _LITERATURE, LITERATURE_RE

    cited = nlp("已有研究表明，“三会一课”制度有效。王某等（2019）提出“党建+安全”模式。")
    sentences = hits = 0
    for doc in [*processed, cited]:
        text = doc_text(doc)
        for sent in doc.sents:
            expected = LITERATURE_RE.search(text, sent.start_char, sent.end_char)
            found = _LITERATURE.search(text, sent.start_char, sent.end_char)
            assert (found and found.span()) == (expected and expected.span())
            sentences += 1
            hits += expected is not None and doc is cited
    assert sentences > 1000 and hits == 2


def test_tokenizer_makes_the_doc_of_its_words(nlp):
    """The tokenizer builds its Doc by ORTH (pipeline.JiebaTokenizer._orths): the same
    tokens and lexemes as ``Doc(vocab, words=…)``, for words met before and new ones."""
    from spacy.attrs import IS_PUNCT, IS_SPACE, LIKE_NUM, ORTH
    from spacy.tokens import Doc

    attrs = [ORTH, IS_PUNCT, IS_SPACE, LIKE_NUM]
    for text in [*_texts(), "从未见过的词语：鼋鼍𠀋ABC123，。\n", ""]:
        words = nlp.tokenizer.segmenter.cut(text)
        ours = nlp.make_doc(text)
        theirs = Doc(nlp.vocab, words=words, spaces=[False] * len(words))
        assert ours.text == theirs.text == text
        assert ours.to_array(attrs).tolist() == theirs.to_array(attrs).tolist()
        assert [t.idx for t in ours] == [t.idx for t in theirs]


@pytest.mark.parametrize("pattern, text", [
    (r"(?:^|(?<=[，,；]))([\u4e00-\u9fff]{2,10}?(?:课堂|队))(?=\d+(?:人次|人))",
     "，井下维修课堂28人，突击队队12人次；安全课堂课堂3人" + FILLER + "，班前课堂1234人"),
    (r"(?:^|(?<=[，,；]))([\u4e00-\u9fff]{2,10}?(?:课堂|队))(?=\d+(?:人次|人))", "维修课堂28人。" + FILLER),  # at 0
    (r"[\u4e00-\u9fff]{2,4}?队(?=\d+人)", "突击队队12人，一二三四五队3人"),  # overlapping candidates
])
def test_finditer_ending_at_finds_what_re_finds(pattern, text):
    from extract.components.common import finditer_ending_at

    rx = re.compile(pattern)
    ends = [m.start() for m in re.finditer(r"(?=\d+(?:人次|人))", text)]
    expected = [(m.span(), m.groups()) for m in rx.finditer(text)]
    assert expected
    assert [(m.span(), m.groups()) for m in finditer_ending_at(rx, text, ends)] == expected


def test_counted_names_on_the_papers(nlp):
    """practices._counted tries its pattern only before a count (the digits of a run of
    digits before its unit): the same matches."""
    from extract.components.common import finditer_ending_at
    from extract.components.practices import _count_ends

    rec = nlp.get_pipe("minekg_practices")
    found = 0
    for text in (*_texts(), "参训12人次，3期，１２场，x5人、 7人", "人12人"):
        ends = _count_ends(text)
        # (the digits of the runs before a unit are where the count's lookahead holds)
        assert ends == [m.start() for m in re.finditer(r"(?=\d+(?:人次|人|期|场))", text)]
        expected = [(m.span(), m.groups()) for m in rec.counted_re.finditer(text)]
        assert [(m.span(), m.groups()) for m in finditer_ending_at(rec.counted_re, text, ends)] == expected
        found += len(expected)
    assert found > 0


def test_type_of_is_the_first_type_word_in_the_lexicons_order(nlp):
    """PracticeRecognizer._type_of looks up a name's tails; what it finds is the first type
    word of the lexicon's order that ends the name (several may: 党建工作模式, 工作模式)."""
    recognizer = nlp.get_pipe("minekg_practices")
    types = recognizer.types
    names = [lead + t for t in types for lead in ("", "党员", "安全工作", "模式", "“三联”")]
    names += [t[k:] for t in types for k in range(1, len(t))]  # tails of type words: some none
    checked = missing = 0
    for name in names:
        expected = next((t for t in types if name.endswith(t)), None)
        if expected is None:
            with pytest.raises(ValueError):
                recognizer._type_of(name)
            missing += 1
        else:
            assert recognizer._type_of(name) == expected, name
            checked += 1
    assert checked > 500 and missing > 10


def test_bare_body_patterns_find_what_they_found_without_their_lookahead():
    """orgs.BARE_BODY_RES: the lookahead put first changes no match (every text of the
    bundled and held-out papers, and a few made to hold the bodies in their places)."""
    from extract.components import orgs

    texts = [p.read_text(encoding="utf-8") for folder in ("data/papers", "data/heldout")
             for p in sorted((ROOT / folder).rglob("*.txt"))]
    texts += ["工会深入开展…\n  矿工会和女工委每季度…，公司党委联合公司工会在…；一是公司工会…、 团委在…",
              "纪委\n\n 工区工会 会同区队团支部，共青团"]
    for word, _ in orgs.BARE_BODIES:
        before = re.compile(rf"(?:^|(?<=[。；;，,、\n])|(?<=[一二三四五六七八九十]是)|(?<=工会和)|(?<=团委和)|(?<=党委和)"
                            rf"|(?<=联合)|(?<=会同))\s*(?:矿|公司|工区|区队)?{word}", re.M)
        for text in texts:
            assert [m.span() for m in orgs.BARE_BODY_RES[word].finditer(text)] == \
                [m.span() for m in before.finditer(text)], (word, text[:40])


def test_word_alternation_matches_what_the_flat_alternation_matches(nlp):
    """common.word_alternation (a trie of words) finds what the words joined longest first
    find, alone and inside a larger pattern that backtracks into it: on random strings of
    nested words, and with the lexicon's names and the verbs of results on the papers."""
    import random

    from extract.components.common import word_alternation

    def flat(words):
        return "|".join(map(re.escape, sorted(set(words), key=lambda w: (-len(w), w))))

    rng = random.Random(7)
    words = ["a", "ab", "abc", "b", "bd", "xyz", "x", "xy"]
    for _ in range(3000):
        text = "".join(rng.choice("abcdxyz") for _ in range(rng.randint(0, 14)))
        for after in ("", "d", r"\w\w", "c$", "(?=b)"):
            assert ([m.span() for m in re.finditer(f"(?:{word_alternation(words)}){after}", text)]
                    == [m.span() for m in re.finditer(f"(?:{flat(words)}){after}", text)])
    names = [n for e in nlp.get_pipe("minekg_practices").lex.practices for n in (e.name, *e.aliases)]
    verbs = nlp.get_pipe("minekg_outcomes").verbs
    found = 0
    for ws in (names, verbs):
        trie, plain = re.compile(word_alternation(ws)), re.compile(flat(ws))
        grown = re.compile(f"(?:{word_alternation(ws)})[\u4e00-\u9fff]{{2}}")
        grown_flat = re.compile(f"(?:{flat(ws)})[\u4e00-\u9fff]{{2}}")
        for text in _texts():
            expected = [(m.span(), m.group()) for m in plain.finditer(text)]
            assert [(m.span(), m.group()) for m in trie.finditer(text)] == expected
            assert [m.span() for m in grown.finditer(text)] == [m.span() for m in grown_flat.finditer(text)]
            found += len(expected)
    assert found > 100
    with pytest.raises(ValueError):
        word_alternation(["a", ""])


def test_quote_types_in_a_window_by_one_scan(nlp):
    """PracticeRecognizer._quote_types_in finds the quote types a window holds, as trying
    each with ``in`` does, on the 14 characters after every closing quote of the papers."""
    recognizer = nlp.get_pipe("minekg_practices")
    windows = 0
    for text in _texts():
        for at in (i + 1 for i, ch in enumerate(text) if ch in "”\""):
            window = text[at:at + 14]
            expected = list(dict.fromkeys(t for t in recognizer.quote_types if t in window))
            assert recognizer._quote_types_in(window) == expected
            windows += bool(expected)
    assert windows > 100


@pytest.mark.parametrize("word,suffix,text", [
    ("矿", "党委", "矿党委矿党委党委矿矿党委"), ("aa", "a", "aaaaaaa"), ("a", "", "aaa"), ("", "ab", "abab"),
    ("公司", "工会", "公司公司工会，公司工会工会"),
])
def test_suffixes_after_a_name_found_from_its_places(word, suffix, text):
    """orgs._followed_by (a name's places found once, each suffix tried after them) finds
    what a search for the name and the suffix together finds."""
    from extract.components.common import occurrences as _occurrences
    from extract.components.orgs import _followed_by

    expected = [(m.start(), m.end()) for m in literal(word + suffix).finditer(text)]
    assert [(m.start(), m.end()) for m in _followed_by(text, _occurrences(text, word), word, suffix)] == expected
    assert [m.group() for m in _followed_by(text, _occurrences(text, word), word, suffix)] == [word + suffix] * len(expected)


def test_ordered_alternation_keeps_the_order_of_the_words(nlp):
    """common.ordered_alternation matches what the words joined in their order match: a
    trie when no word comes after a prefix of it (the types and adoption verbs of the
    lexicon, on the papers, alone and repeated), the words joined otherwise."""
    from extract.components.common import ordered_alternation, word_alternation

    assert ordered_alternation(["开展", "开展了"]) == "开展|开展了"  # the shorter first decides
    assert ordered_alternation(["开展了", "开展", "推行"]) == word_alternation(["开展了", "开展", "推行"])
    recognizer = nlp.get_pipe("minekg_practices")
    found = 0
    for ws in (recognizer.types, recognizer.adopt):
        flat = "|".join(map(re.escape, ws))
        assert ordered_alternation(ws) != flat  # (a trie: the test below compares two forms)
        for form in ("(?:%s)", "(?:%s)+", "(?:%s)[\u4e00-\u9fff]{1,3}?的"):
            trie, plain = re.compile(form % ordered_alternation(ws)), re.compile(form % flat)
            for text in _texts():
                expected = [m.span() for m in plain.finditer(text)]
                assert [m.span() for m in trie.finditer(text)] == expected
                found += len(expected)
    assert found > 1000


def test_table_line_pre_test_keeps_the_patterns_answer():
    """ingest.is_table_line's test of a row's last character gives the answer of
    TABLE_LINE_RE on every line of the papers and on rows that end in spaces and bars."""
    from extract.ingest import TABLE_LINE_RE, is_table_line

    lines = {line for text in _texts() for line in text.split("\n")}
    lines |= {"指标 1 2 3", "指标 1 2 3 |", "指标 1 2 3\u3000", "指标 1 2 3%", "指标 1 2 ３", "指标 1 2 3 ｜ ",
              "指标 1 2 3\n", "指标 1 2 3。", "|", ""}
    rows = 0
    for line in lines:
        assert is_table_line.__wrapped__(line) == (TABLE_LINE_RE.match(line) is not None), line
        rows += is_table_line.__wrapped__(line)
    assert rows > 20


@pytest.mark.parametrize("text", ["矿 工 会 与 团 委", "矿 工 会 与", "矿 工 会", "a 矿 工 会 b", "矿 工\n会 与", ""])
def test_spaced_runs_hold_what_the_gate_finds(text):
    """ingest reads a text for characters spaced out by OCR only when _SPACED_GATE_RE
    finds a piece of such a run in it: every run holds one."""
    from extract.ingest import _SPACED_GATE_RE, _SPACED_RUN_RE

    for t in (text, *(_texts() if not text else ())):
        assert _SPACED_GATE_RE.search(t) is not None or _SPACED_RUN_RE.search(t) is None
    assert (_SPACED_RUN_RE.search(text) is not None) == (text in ("矿 工 会 与 团 委", "矿 工 会 与"))


def test_problem_words_a_branch_at_a_time():
    """outcomes._mentions_problems (PROBLEM_WORDS_RE's branches one by one, each near its
    words) says what the whole pattern's search says, of the papers, their lines, and
    texts made for each branch."""
    texts = [t for text in _texts() for t in (text, *text.split("\n"))]
    texts += ["存在问题", "问题与不足", "思考与讨论", "2025 年工作打算", "下一步的主要工作安排", "【背景】", "案例背景",
              "背景。", "背景是", "计划", "不足之", ""]
    hits = 0
    for text in texts:
        expected = outcomes.PROBLEM_WORDS_RE.search(text) is not None
        assert outcomes._mentions_problems(text) == expected, text
        hits += expected
    assert "|".join(outcomes.PROBLEM_WORDS) == outcomes.PROBLEM_WORDS_RE.pattern and hits > 20


def test_ordinal_items_tried_where_they_can_open():
    """practices' ordinal items (第一项是X) tried only at a 第 and the spaces before it
    (common.finditer_starting_at) are those ORDINAL_ITEM_RE finds in the papers and in
    texts made for its line starts and spaces."""
    from extract.components.common import finditer_starting_at
    from extract.components.practices import ORDINAL_ITEM_RE, _starts_before

    texts = [*_texts(), "第一项是安全教育，第二项是岗位练兵。", "\n  第一项是安全教育。\n\n 第二项：岗位练兵\n",
             "。 第一条为班前讲评，", "x第一项是安全教育，"]
    found = 0
    for text in texts:
        expected = [(m.span(), m.groupdict()) for m in ORDINAL_ITEM_RE.finditer(text)]
        got = finditer_starting_at(ORDINAL_ITEM_RE, text, _starts_before(text, "第"))
        assert [(m.span(), m.groupdict()) for m in got] == expected
        found += len(expected)
    assert found >= 4
    with pytest.raises(ValueError):
        list(finditer_starting_at(re.compile("a*"), "b", [0]))


def test_sentence_gates_skip_only_what_finds_nothing(nlp, processed):
    """OutcomeRecognizer tries some clause rules only when the clause's sentence passes
    their gate (outcomes._SentenceGates): on every clause of the papers, a closed gate
    means the pattern finds nothing in the clause, and the rules given the gates return
    what they return without them."""
    from extract.components.common import doc_text, year_in

    rec = nlp.get_pipe("minekg_outcomes")
    assert rec.qual_places  # (no result phrase's word holds a separator of clauses)
    closed = skipped = 0
    for doc in processed:
        text = doc_text(doc)
        for sent in sentences(doc):
            s_text = text[sent.start_char:sent.end_char]
            gates = outcomes._SentenceGates.of(s_text)
            year = year_in(s_text)
            places = rec.qual_index.places(s_text)
            clauses = outcomes._clauses(s_text)
            assert [(c.start(), c.end()) for c in outcomes._clauses(s_text, outcomes.ITEM_LINE_RE.match(s_text) is not None)] \
                == [(c.start(), c.end()) for c in clauses]
            for cm in clauses:
                clause, following = cm.group(0), s_text[cm.end():cm.end() + 12]
                for gate, rx in ((gates.digits, outcomes._DIGIT_RE), (gates.spoken, outcomes._CN_GATE_RE),
                                 (gates.carried, outcomes._CARRIED_RE), (gates.honoured, outcomes.HONOUR_VERB_RE),
                                 (gates.trend, outcomes.TREND_RE), (gates.headed, outcomes.HEADING_RE)):
                    if not gate:
                        closed += 1
                        assert rx.search(clause) is None and rx.search(clause.strip()) is None, (rx.pattern, clause)
                measured = rec._measured(clause, year, following)
                assert repr(rec._measured(clause, year, following, gates)) == repr(measured)
                if not (gates.digits or gates.spoken):
                    assert measured == []
                if not gates.digits:
                    assert rec._rates(clause, year) == []
                assert repr(rec._qualitative(clause, year, True, gates)) == repr(rec._qualitative(clause, year))
                # (the result phrases' words found once in the sentence: QuickIndex.places)
                lead = len(clause) - len(clause.lstrip())
                stripped = clause.strip()
                assert rec.qual_index.candidates_in(places, cm.start() + lead, cm.start() + lead + len(stripped)) \
                    == rec.qual_index.candidates(stripped)
                gates.places = places
                assert repr(rec._qualitative(clause, year, True, gates, cm.start())) == repr(rec._qualitative(clause, year))
                if not gates.honoured and not rec._qualified(gates, cm.start(), cm.end()):
                    skipped += 1  # (OutcomeRecognizer.__call__ does not call _qualitative)
                    assert rec._qualitative(clause, year) == [] and rec._qualitative(clause, year, False) == []
                gates.places = False
            if not gates.headed:
                assert outcomes.HEADING_RE.match(s_text.strip()) is None
            if outcomes._BAD_STATE_GATE.search(s_text) is None:
                assert outcomes.BAD_STATE_RE.search(s_text) is None
    assert closed > 1000 and skipped > 1000


def test_quick_rest_skips_only_what_the_pattern_does_not_match():
    """OutcomeRecognizer._qualitative tries a result phrase only on a clause that holds a
    word of each of its other word sets too (Quick.holds_rest): on every clause of the
    papers, a clause it turns away is one the pattern does not match."""
    quick = [Quick(rx) for rx in PATTERNS]
    assert sum(bool(q.rest) for q in quick) > len(quick) // 2
    turned = 0
    for clause in _clauses():
        for q in quick:
            if not q.holds_rest(clause):
                turned += 1
                assert q.pattern.search(clause) is None, (q.pattern.pattern, clause)
    assert turned > 1000
    assert Quick(re.compile(r"通过[^，]{0,12}(?:复审|复评)")).rest == (("复审", "复评"),)
    assert not Quick(re.compile(r"通过[^，]{0,12}复审")).holds_rest("通过了验收")
    assert Quick(re.compile(r"\w+")).rest == ()


def test_span_group_reads_what_the_group_holds(nlp, processed):
    """common.span_group: the spans of the group, in its order, the same list for each read
    of one group and a new one once the group is set anew."""
    from extract.components.common import span_group

    for doc in processed:
        for name in ("org", "practice", "outcome"):
            spans = span_group(doc, name)
            assert spans == list(doc.spans.get(name, []))
            assert [(s.start, s.end, s.label_) for s in spans] == [(s.start, s.end, s.label_) for s in doc.spans.get(name, [])]
            assert span_group(doc, name) is spans
    doc = nlp(processed[0].text)  # (not the fixture's own: the group is set anew below)
    assert len(span_group(doc, "practice")) > 1
    kept = span_group(doc, "practice")[:-1]
    doc.spans["practice"] = kept
    assert span_group(doc, "practice") == kept
    assert span_group(doc, "no such group") == []


def test_is_start_is_membership_of_the_token_starts(processed):
    """common.in_sorted (practices._again's test of a token's start): by bisection, as
    ``in set(token_starts(doc))``."""
    from extract.components.common import in_sorted as _is_start

    for doc in processed[:20]:
        starts = token_starts(doc)
        members = set(starts)
        for at in range(-1, len(doc.text) + 2):
            assert _is_start(starts, at) == (at in members)


def test_clause_head_is_the_clause_bounds_start():
    from extract.components.common import clause_bounds
    from extract.components.practices import _clause_head

    for text in _texts():
        for pos in range(0, len(text) + 1, 3):
            assert _clause_head(text, pos) == text[clause_bounds(text, pos, pos)[0]:pos]


def test_join_scores_kept_per_process_are_the_scores_made_anew():
    from extract import articles

    for text in _texts()[:6]:
        for k in range(1, min(len(text), 2000), 5):
            assert articles.join_score(text[:k], text[k:]) == articles._join_score.__wrapped__(text[:k][-4:], text[k:][:4])


def test_the_linker_changes_no_name_part_or_rule_it_reads(nlp, processed):
    """Links.__call__ finds a sentence's main measure only when a later sentence refers
    back to it: exact because the Linker writes no name, part or rule of a practice."""
    from extract.components.common import span_ext

    linker = nlp.get_pipe("minekg_links")
    keys = ("canonical", "part_of", "rule")
    for doc in processed[:40]:
        before = [(p.start, p.end, *(span_ext(p, k) for k in keys)) for p in doc.spans.get("practice", [])]
        linker(doc)
        assert [(p.start, p.end, *(span_ext(p, k) for k in keys)) for p in doc.spans.get("practice", [])] == before
