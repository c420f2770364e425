"""extract.segment cuts every text into jieba's words (accurate mode, HMM off)."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.segment import Segmenter

ROOT = Path(__file__).resolve().parent.parent
#: Every bundled and held-out paper: the texts the rules are measured on.
PAPERS = sorted(p for folder in ("data/papers", "data/heldout") for p in (ROOT / folder).rglob("*.txt"))


@pytest.fixture(scope="module")
def jieba_tokenizer(nlp):
    """The pipeline's own jieba dictionary, with the lexicon words added."""
    return nlp.tokenizer.jieba


@pytest.mark.parametrize("text", [
    "",
    "山西西山煤电股份有限公司西铭矿党委深入开展“三会一课”。",
    "设备故障率降低23%，2024年累计排查整改隐患572条",
    "ABC党建+5G智慧矿山 a1b2 x y\r\n\n\t综采一队",  # ASCII runs glued, whitespace kept
    "矿矿矿矿矿矿矿矿",  # a run that no dictionary word covers twice
    "（一）强化政治引领；“党建+安全”模式!?……",
    "\u3000全角空格与 emoji 🙂 与繁體字",
])
def test_same_words_as_jieba(jieba_tokenizer, text):
    assert Segmenter(jieba_tokenizer).cut(text) == list(jieba_tokenizer.cut(text, HMM=False))


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.name)
def test_same_words_as_jieba_on_papers(jieba_tokenizer, path):
    text = path.read_text(encoding="utf-8")
    words = Segmenter(jieba_tokenizer).cut(text)
    assert words == list(jieba_tokenizer.cut(text, HMM=False))
    assert "".join(words) == text


def test_words_added_later_count(jieba_tokenizer):
    """The dictionary is read on each cut: a word added after the Segmenter was made is
    cut as jieba cuts it."""
    import jieba

    tk = jieba.Tokenizer()
    tk.FREQ, tk.total, tk.initialized = dict(jieba_tokenizer.FREQ), jieba_tokenizer.total, True
    seg = Segmenter(tk)
    text = "推行井口安全确认制度"
    before = seg.cut(text)
    tk.add_word("井口安全确认", freq=50000)
    assert seg.cut(text) == list(tk.cut(text, HMM=False)) != before


def test_equal_scores_take_the_longer_word():
    """Two routes of the same score: jieba's max() over (score, end) takes the later end,
    甲乙|丙 rather than 甲|乙丙 (the sums are the same two numbers in either order)."""
    import jieba

    tk = jieba.Tokenizer()
    tk.FREQ = {"甲": 5, "丙": 5, "甲乙": 7, "乙": 0, "乙丙": 7}
    tk.total, tk.initialized = 100, True
    expected = list(tk.cut("甲乙丙", HMM=False))
    assert expected == ["甲乙", "丙"]
    assert Segmenter(tk).cut("甲乙丙") == expected
