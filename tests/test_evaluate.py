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
