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


#: The held-out sets whose errors were read (data/heldout/README.md), rounded down by 0.01:
#: a rule that helps the bundled papers and breaks these is fitted to one text. ``blind3``
#: is measured only and has no floor here.
HELDOUT_FLOORS = {
    "dev": {"organisations": 0.85, "practices": 0.85, "outcomes": 0.99, "links": 0.92,
            "safety_links": 0.90, "safety_practices": 0.91},
    "blind": {"organisations": 0.83, "practices": 0.76, "outcomes": 0.91, "links": 0.80,
              "safety_links": 0.84, "safety_practices": 0.86},
    "blind2": {"organisations": 0.91, "practices": 0.85, "outcomes": 0.90, "links": 0.79,
               "safety_links": 0.62, "safety_practices": 0.71},
}


@pytest.fixture(scope="module")
def heldout_figures(nlp, tmp_path_factory):
    from extract.corpus import extract_corpus
    from extract.evaluate import evaluate

    figures = {}
    for name in HELDOUT_FLOORS:
        base = ROOT / "data" / "heldout" / name
        res = extract_corpus([str(base / "papers")], nlp=nlp)
        out = tmp_path_factory.mktemp(name) / "extractions.jsonl"
        out.write_text("".join(r.to_json() + "\n" for r in res.records), encoding="utf-8")
        figures[name] = evaluate(base / "gold", out).figures()
    return figures


@pytest.mark.parametrize("name,unit", [(n, u) for n, floors in HELDOUT_FLOORS.items() for u in sorted(floors)])
def test_heldout_f1_floor(heldout_figures, name, unit):
    assert heldout_figures[name][unit]["f1"] >= HELDOUT_FLOORS[name][unit], json.dumps(heldout_figures[name][unit])
