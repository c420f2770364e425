"""The matching rules of GUIDELINES.md «Scoring»."""
from __future__ import annotations

import json

import pytest

from extract.errors import GoldError
from extract.evaluate import load_gold, names_match, outcomes_match


@pytest.mark.parametrize("a,b,match", [
    ("“三三制隐患排查法”", "三三制隐患排查法", True),        # quotes removed
    ("“党建 + 安全生产” 模式", "“党建+安全生产”模式", True),   # spaces removed
    ("三会一课制度", "三会一课", True),                      # contained, at least half
    ("三三制", "“三三制隐患排查法”", False),                  # contained, less than half
    ("党员先锋岗", "党员示范岗", False),
])
def test_names(a, b, match):
    assert names_match(a, b) is match


def test_outcome_by_indicator_and_value():
    assert outcomes_match({"text": "x", "indicator": "设备故障率", "value": 23},
                          {"text": "将设备故障率降低23%", "indicator": "设备故障率", "value": 23.0})


def test_gold_schema_error_names_file_and_key(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"doc": "a.txt", "practices": []}), encoding="utf-8")
    with pytest.raises(GoldError, match=r"a\.json.*organisations"):
        load_gold(tmp_path)


def test_errors_name_the_sentence_of_each_item(built):
    """`evaluate --errors` lists every miss and false find with the sentence it stands
    in, so a rule can be written from the pattern (issue 3 «Tools»)."""
    from pathlib import Path

    from extract.evaluate import evaluate
    from extract.records import read_jsonl

    root = Path(__file__).resolve().parent.parent
    texts: dict[str, str] = {}
    for rec in read_jsonl(built / "extractions.jsonl"):
        texts[rec.doc] = texts.get(rec.doc, "") + rec.text
    errors = evaluate(root / "data" / "gold", built / "extractions.jsonl").errors()
    practice_items = errors["practices"]["misses"] + errors["practices"]["false"]
    assert practice_items, "the bundled papers leave some practice errors to show"
    for unit, kinds in errors.items():
        for kind, items in kinds.items():
            for doc, item, sentence in items:
                # An organisation may be composed (affiliation + 党委), so not written.
                if unit != "organisations" and (kind == "false" or unit == "practices"):
                    assert sentence, (unit, kind, doc, item)
                if sentence and unit != "links" and unit != "safety_links":
                    assert sentence in texts[doc], (unit, doc, item, sentence)
    for doc, name, sentence in practice_items:
        assert name.strip("“”").split("“")[0].strip() in sentence, (name, sentence)


def test_a_links_practice_end_matches_by_the_gold_entrys_aliases(tmp_path):
    """A link's practice end matches as a practice does: by the gold entry's name or one of
    its aliases (``“青苗计划”``, alias ``“青苗计划”年轻干部培养工程``), not by the name alone."""
    from extract.evaluate import evaluate

    gold = {"doc": "a.txt", "article": "a", "skipped": [], "organisations": [],
            "practices": [{"name": "“青苗计划”", "aliases": ["“青苗计划”年轻干部培养工程"], "modality": "reported",
                           "adopted_by": [], "part_of": None, "domain": "talent"}],
            "outcomes": [{"text": "提拔35岁以下科级干部6名", "indicator": "提拔35岁以下科级干部", "value": 6,
                          "unit": "名", "direction": "level", "year": 2024, "category": "talent", "org": ""}],
            "links": [{"practice": "“青苗计划”", "outcome": "提拔35岁以下科级干部6名", "org": "", "evidence": ""}]}
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "a.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    found = {"doc": "a.txt", "article": "a", "skipped": [], "organisations": [],
             "practices": [{"name": "“青苗计划”年轻干部培养工程", "aliases": [], "modality": "reported",
                            "adopted_by": [], "part_of": None, "domain": "talent",
                            "source": "a.txt", "sentence": "", "start": 0, "end": 0}],
             "outcomes": [{"text": "2024年提拔35岁以下科级干部6名", "indicator": "提拔35岁以下科级干部", "value": 6.0,
                           "unit": "名", "direction": "level", "year": 2024, "category": "talent", "org": "",
                           "source": "a.txt", "sentence": "", "start": 0, "end": 0}],
             "links": [{"practice": "“青苗计划”年轻干部培养工程", "outcome": "2024年提拔35岁以下科级干部6名", "org": "",
                        "evidence": "", "source": "a.txt", "sentence": "", "start": 0, "end": 0}],
             "text": "", "source": "a.txt"}
    (tmp_path / "x.jsonl").write_text(json.dumps(found, ensure_ascii=False) + "\n", encoding="utf-8")
    figures = evaluate(tmp_path / "gold", tmp_path / "x.jsonl").figures()
    assert figures["practices"]["tp"] == 1
    assert figures["links"]["tp"] == 1
