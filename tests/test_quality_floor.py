"""Quality floor: the F1 figures reached on the bundled papers (issue 3), rounded down by
0.01. A change that lowers one of them fails here; raise the floors when you improve."""
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

FLOORS = {
    "organisations": 0.91,
    "practices": 0.86,
    "outcomes": 0.97,
    "links": 0.89,
    "safety_links": 0.75,
    "safety_practices": 0.87,
}


@pytest.fixture(scope="module")
def figures(nlp, tmp_path_factory):
    from extract.corpus import extract_corpus
    from extract.evaluate import evaluate

    res = extract_corpus([str(ROOT / "data" / "papers")], nlp=nlp)
    out = tmp_path_factory.mktemp("floor") / "extractions.jsonl"
    out.write_text("".join(r.to_json() + "\n" for r in res.records), encoding="utf-8")
    return evaluate(ROOT / "data" / "gold", out).figures()


@pytest.mark.parametrize("unit", sorted(FLOORS))
def test_f1_floor(figures, unit):
    assert figures[unit]["f1"] >= FLOORS[unit], json.dumps(figures[unit])
