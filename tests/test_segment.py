"""extract.segment cuts every text into jieba's words (accurate mode, HMM off), with jieba-rs.

jieba's own ``Tokenizer.cut`` stays the reference: the pipeline's segmenter must give its
words on every bundled and held-out paper."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.segment import TOTAL_PAD, Segmenter

ROOT = Path(__file__).resolve().parent.parent
#: Every bundled and held-out paper: the texts the rules are measured on.
PAPERS = sorted(p for folder in ("data/papers", "data/heldout") for p in (ROOT / folder).rglob("*.txt"))


@pytest.fixture(scope="module")
def jieba_tokenizer(nlp):
    """The pipeline's own jieba dictionary, with the lexicon words added."""
    return nlp.tokenizer.jieba


@pytest.fixture(scope="module")
def segmenter(nlp):
    """The segmenter the pipeline cuts with: jieba-rs's copy of jieba's dictionary and the
    lexicon words."""
    return nlp.tokenizer.segmenter


@pytest.fixture(scope="module")
def copied(jieba_tokenizer):
    """A segmenter given every word of the pipeline's dictionary, not told what was added."""
    return Segmenter(_tokenizer(jieba_tokenizer.FREQ, jieba_tokenizer.total))


def _tokenizer(freq: dict[str, int], total: int):
    """A ``jieba.Tokenizer`` with the dictionary ``freq`` (prefixes included, at 0) and ``total``."""
    import jieba

    tk = jieba.Tokenizer()
    tk.FREQ, tk.total, tk.initialized = dict(freq), total, True
    return tk


@pytest.mark.parametrize("text", [
    "",
    "山西西山煤电股份有限公司西铭矿党委深入开展“三会一课”。",
    "设备故障率降低23%，2024年累计排查整改隐患572条",
    "ABC党建+5G智慧矿山 a1b2 x y\r\n\n\t综采一队",  # ASCII runs glued, whitespace kept
    "C++与c#和AT&T，1.5%的3.14，e-mail_x",  # the other characters of jieba's text blocks
    "矿矿矿矿矿矿矿矿",  # a run that no dictionary word covers twice
    "（一）强化政治引领；“党建+安全”模式!?……",
    "\u3000全角空格与 emoji 🙂 与繁體字",
    "a\x1cb\x1d\x85c\u00a0d\u2028e\u200bf\ufeffg\r\rh",  # whitespace by one definition or another
    "㐀㐁鿖鿿豈𠀀𠀁中国",  # Han characters outside jieba's block pattern (U+4E00–U+9FD5)
    f"党建{TOTAL_PAD}工作{TOTAL_PAD}{TOTAL_PAD}",  # the word that pads the total: a character alone
])
def test_same_words_as_jieba(jieba_tokenizer, segmenter, text):
    assert segmenter.cut(text) == list(jieba_tokenizer.cut(text, HMM=False))


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.name)
def test_same_words_as_jieba_on_papers(jieba_tokenizer, segmenter, copied, path):
    text = path.read_text(encoding="utf-8")
    words = segmenter.cut(text)
    assert words == list(jieba_tokenizer.cut(text, HMM=False)) == copied.cut(text)
    assert "".join(words) == text


def test_jieba_rs_carries_jiebas_dictionary():
    """The copy of ``dict.txt`` that jieba-rs starts from is jieba's: the same words, and
    the same frequencies — ``suggest_freq`` of a word is about its frequency when it cuts
    as one word, and from its parts' frequencies and the total otherwise — as jieba-rs
    given every word of jieba's dictionary."""
    from extract.articles import jieba_dictionary

    own = jieba_dictionary()
    carried = Segmenter(own)._jieba
    given = Segmenter(_tokenizer(own.FREQ, own.total))._jieba
    words = [w for w, f in own.FREQ.items() if f]
    assert all(map(carried.has_word, words))
    assert not any(carried.has_word(w) for w, f in own.FREQ.items() if not f)
    assert list(map(carried.suggest_freq, words)) == list(map(given.suggest_freq, words))


def test_the_lexicon_words_count(jieba_tokenizer, segmenter):
    """Words added to the tokenizer before the Segmenter is made are in its dictionary: a
    practice name of the lexicon is one word, and not one in jieba's own dictionary."""
    from extract.articles import jieba_dictionary

    text = "深入开展“三会一课”"
    assert "三会一课" in segmenter.cut(text) == list(jieba_tokenizer.cut(text, HMM=False))
    assert "三会一课" not in Segmenter(jieba_dictionary()).cut(text)


def test_the_total_is_jiebas():
    """jieba's total, not the sum of the frequencies, decides between a long word and two
    short ones: one word scores ``log(c) - log(total)``, two ``log(a) + log(b) - 2 log(total)``.
    With a total above the sum (as jieba's own ``add_word`` makes it) the word wins."""
    freq = {"具": 0, "具体": 100, "具体实": 0, "具体实施": 10, "实": 0, "实施": 100}
    text = "具体实施"
    padded, summed = _tokenizer(freq, 100_000), _tokenizer(freq, 210)
    assert list(padded.cut(text, HMM=False)) == ["具体实施"]
    assert list(summed.cut(text, HMM=False)) == ["具体", "实施"]
    assert Segmenter(padded).cut(text) == ["具体实施"]
    assert Segmenter(summed).cut(text) == ["具体", "实施"]


def test_a_total_below_the_frequencies_is_refused():
    with pytest.raises(ValueError, match="below the sum"):
        Segmenter(_tokenizer({"甲乙": 7, "甲": 5}, 10))


def test_equal_scores_take_the_longer_word():
    """Two routes of the same score: jieba's max() over (score, end) takes the later end,
    甲乙|丙 rather than 甲|乙丙 (the sums are the same two numbers in either order)."""
    tk = _tokenizer({"甲": 5, "丙": 5, "甲乙": 7, "乙": 0, "乙丙": 7}, 100)
    expected = list(tk.cut("甲乙丙", HMM=False))
    assert expected == ["甲乙", "丙"]
    assert Segmenter(tk).cut("甲乙丙") == expected


def test_the_segmenter_is_part_of_the_extractor_version():
    """Another jieba-rs or jieba dictionary could cut other words: another extractor, so
    the extraction cache (keyed by the extractor version) does not serve its entries."""
    from importlib.metadata import version

    from extract.version import extractor_version

    assert extractor_version().endswith(f".rjieba.{version('rjieba')}.jieba.{version('jieba')}")


_CACHED_RUN = """
import json, sys
import extract.articles as articles
from extract.pipeline import create_nlp
nlp = create_nlp()
text = open(sys.argv[1], encoding="utf-8").read()
words = nlp.tokenizer.segmenter.cut(text)
scores = [articles.join_score(text[:k], text[k:]) for k in range(1, min(len(text), 3000), 7)]
print(json.dumps({"words": words, "scores": scores, "loaded": articles._JIEBA is not None}))
"""


def test_what_is_kept_of_jiebas_dictionary_cuts_as_the_dictionary(tmp_path):
    """A process that finds what the extraction takes of jieba's dictionary in the cache
    (extract/segment.py) does not load the dictionary, and cuts and scores paragraph
    breaks as the process that loaded it and kept it; another key makes it again."""
    import json
    import os
    import subprocess
    import sys

    from extract.segment import cached

    env = dict(os.environ, MINEKG_JIEBA_CACHE=str(tmp_path / "jieba"), PYTHONPATH=str(ROOT))
    paper = str(PAPERS[0])
    runs = [json.loads(subprocess.run([sys.executable, "-c", _CACHED_RUN, paper], capture_output=True, text=True,
                                      check=True, env=env, cwd=ROOT).stdout) for _ in range(2)]
    assert runs[0]["loaded"] and not runs[1]["loaded"]
    assert runs[0]["words"] == runs[1]["words"] and runs[0]["scores"] == runs[1]["scores"]
    assert any(runs[0]["scores"])
    os.environ["MINEKG_JIEBA_CACHE"], saved = str(tmp_path / "own"), os.environ.get("MINEKG_JIEBA_CACHE")
    try:
        assert cached("t", "a", lambda: 1) == 1 and cached("t", "a", lambda: 2) == 1
        assert cached("t", "b", lambda: 3) == 3
    finally:
        if saved is None:
            del os.environ["MINEKG_JIEBA_CACHE"]
        else:
            os.environ["MINEKG_JIEBA_CACHE"] = saved


def test_without_a_home_folder_nothing_is_kept_and_the_value_is_made(monkeypatch):
    """No $MINEKG_JIEBA_CACHE, no $XDG_CACHE_HOME and no home folder to find: the value
    is made each time, not an error."""
    from pathlib import Path

    from extract import segment

    def homeless():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("MINEKG_JIEBA_CACHE", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(homeless))
    assert segment.cache_dir() is None
    made = []
    assert segment.cached("t", "k", lambda: made.append(1) or 7) == 7
    assert segment.cached("t", "k", lambda: made.append(1) or 7) == 7
    assert made == [1, 1]


def test_the_kept_frequencies_read_as_jiebas_dictionary(tmp_path, monkeypatch):
    """What the article splitter reads of a word's frequency from the kept dictionary
    (extract/segment.py's Frequencies, a bisection over the sorted words) is jieba's
    ``FREQ``: for every listed word, a prefix entry's 0, and words not listed."""
    from extract.articles import jieba_dictionary
    from extract.segment import Frequencies, dictionary_facts

    monkeypatch.setenv("MINEKG_JIEBA_CACHE", str(tmp_path))
    tk = jieba_dictionary()
    freqs = Frequencies(dictionary_facts(lambda: tk))
    assert [w for w, f in tk.FREQ.items() if freqs.get(w, 0) != f] == []
    assert any(f == 0 for f in tk.FREQ.values())
    for word in ("", "\uffff", "煤矿党建工作创新实践", "安全生产标准化管理体系建设"):
        assert freqs.get(word, 0) == tk.FREQ.get(word, 0) == 0
