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


def _figures(nlp, papers: Path, gold: Path, folder: Path) -> dict:
    """``minekg evaluate`` figures of the extraction of ``papers`` against ``gold``."""
    from extract.corpus import extract_corpus
    from extract.evaluate import evaluate

    res = extract_corpus([str(papers)], nlp=nlp)
    out = folder / "extractions.jsonl"
    out.write_text("".join(r.to_json() + "\n" for r in res.records), encoding="utf-8")
    return evaluate(gold, out).figures()


@pytest.fixture(scope="module")
def figures(nlp, tmp_path_factory):
    return _figures(nlp, ROOT / "data" / "papers", ROOT / "data" / "gold", tmp_path_factory.mktemp("floor"))


@pytest.mark.parametrize("unit", sorted(FLOORS))
def test_f1_floor(figures, unit):
    assert figures[unit]["f1"] >= FLOORS[unit], json.dumps(figures[unit])


#: The held-out sets whose errors were read (data/heldout/README.md), rounded down by 0.01:
#: a rule that helps the bundled papers and breaks these is fitted to one text. The newest set
#: (``blind22`` at the end of session 10) is measured only and has no floor here. (``blind``'s
#: organisations went down once on purpose, in session 7: an office named after a space in an affiliation is now named with its company,
#: 北峪沟煤业有限责任公司党委工作部, where that annotator wrote 党委工作部 and blind6's the full name.
#: ``blind6``'s went down once on purpose, in session 8: a provincial body that gives an honour
#: (被省煤炭工业协会评为…) is an organisation, as the annotators of blind, blind5, blind8 and
#: blind11 write it and blind6's does not. ``blind7``'s went down once on purpose, in session 9:
#: a mine named after a comma, the topic of its clause (…，东坪煤矿连采队…), is found, and on
#: blind7's newspaper page the splitter gives that paragraph to the neighbouring article, so the
#: find counts once right and once false; and again in session 10: 矿党委 after another mine
#: named in its paragraph is that mine's committee (a news story about two mines), and the
#: splitter's misplaced paragraph names 东坪煤矿 before 矿党委副书记. ``blind3``'s practices went
#: down once on purpose, in session 10: a pledge signed (签订不违章承诺书) and a rule issued under
#: its document title (出台《党员安全积分管理办法》) are measures, as blind16's and blind18's
#: annotators write them and blind3's does not.)
HELDOUT_FLOORS = {
    "dev": {"organisations": 0.95, "practices": 0.87, "outcomes": 0.99, "links": 0.93,
            "safety_links": 0.90, "safety_practices": 0.91},
    "blind": {"organisations": 0.89, "practices": 0.82, "outcomes": 0.96, "links": 0.86,
              "safety_links": 0.89, "safety_practices": 0.89},
    "blind2": {"organisations": 0.94, "practices": 0.89, "outcomes": 0.98, "links": 0.88,
               "safety_links": 0.78, "safety_practices": 0.83},
    "blind3": {"organisations": 0.89, "practices": 0.92, "outcomes": 0.94, "links": 0.93,
               "safety_links": 0.87, "safety_practices": 0.91},
    "blind4": {"organisations": 0.94, "practices": 0.92, "outcomes": 0.94, "links": 0.94,
               "safety_links": 0.92, "safety_practices": 0.95},
    "blind5": {"organisations": 0.90, "practices": 0.93, "outcomes": 0.94, "links": 0.89,
               "safety_links": 0.84, "safety_practices": 0.89},
    "blind6": {"organisations": 0.95, "practices": 0.92, "outcomes": 0.97, "links": 0.94,
               "safety_links": 0.91, "safety_practices": 0.92},
    "blind7": {"organisations": 0.88, "practices": 0.85, "outcomes": 0.96, "links": 0.95,
               "safety_links": 0.89, "safety_practices": 0.94},
    "blind8": {"organisations": 0.90, "practices": 0.82, "outcomes": 0.90, "links": 0.84,
               "safety_links": 0.80, "safety_practices": 0.84},
    "blind9": {"organisations": 0.86, "practices": 0.83, "outcomes": 0.95, "links": 0.90,
               "safety_links": 0.80, "safety_practices": 0.80},
    "blind10": {"organisations": 0.89, "practices": 0.92, "outcomes": 0.93, "links": 0.92,
                "safety_links": 0.82, "safety_practices": 0.88},
    "blind11": {"organisations": 0.96, "practices": 0.87, "outcomes": 0.94, "links": 0.92,
                "safety_links": 0.96, "safety_practices": 0.96},
    "blind12": {"organisations": 0.87, "practices": 0.81, "outcomes": 0.95, "links": 0.96,
                "safety_links": 0.96, "safety_practices": 0.96},
    "blind13": {"organisations": 0.96, "practices": 0.79, "outcomes": 0.92, "links": 0.89,
                "safety_links": 0.88, "safety_practices": 0.92},
    "blind14": {"organisations": 0.82, "practices": 0.87, "outcomes": 0.97, "links": 0.92,
                "safety_links": 0.81, "safety_practices": 0.80},
    "blind15": {"organisations": 0.97, "practices": 0.90, "outcomes": 0.96, "links": 0.91,
                "safety_links": 0.92, "safety_practices": 0.92},
    "blind16": {"organisations": 0.90, "practices": 0.89, "outcomes": 0.91, "links": 0.88,
                "safety_links": 0.82, "safety_practices": 0.85},
    "blind17": {"organisations": 0.94, "practices": 0.86, "outcomes": 0.94, "links": 0.91,
                "safety_links": 0.91, "safety_practices": 0.93},
    "blind18": {"organisations": 0.87, "practices": 0.86, "outcomes": 0.97, "links": 0.88,
                "safety_links": 0.81, "safety_practices": 0.82},
    "blind19": {"organisations": 0.90, "practices": 0.75, "outcomes": 0.90, "links": 0.77,
                "safety_links": 0.67, "safety_practices": 0.81},
    "blind20": {"organisations": 0.89, "practices": 0.93, "outcomes": 0.97, "links": 0.89,
                "safety_links": 0.87, "safety_practices": 0.89},
    "blind21": {"organisations": 0.82, "practices": 0.78, "outcomes": 0.92, "links": 0.87,
                "safety_links": 0.81, "safety_practices": 0.80},
    # session 11: each read while the next was written (blind22 with blind23, blind23 with blind24,
    # blind24 with blind25, blind25 with blind26, blind26 with blind27)
    "blind22": {"organisations": 0.89, "practices": 0.87, "outcomes": 0.96, "links": 0.94,
                "safety_links": 0.85, "safety_practices": 0.86},
    "blind23": {"organisations": 0.95, "practices": 0.85, "outcomes": 0.94, "links": 0.86,
                "safety_links": 0.87, "safety_practices": 0.90},
    "blind24": {"organisations": 0.93, "practices": 0.85, "outcomes": 0.98, "links": 0.93,
                "safety_links": 0.86, "safety_practices": 0.87},
    "blind25": {"organisations": 0.93, "practices": 0.91, "outcomes": 0.92, "links": 0.75,
                "safety_links": 0.75, "safety_practices": 0.80},
    "blind26": {"organisations": 0.92, "practices": 0.85, "outcomes": 0.93, "links": 0.85,
                "safety_links": 0.80, "safety_practices": 0.83},
}


@pytest.fixture(scope="module")
def heldout_figures(nlp, tmp_path_factory):
    base = ROOT / "data" / "heldout"
    return {name: _figures(nlp, base / name / "papers", base / name / "gold", tmp_path_factory.mktemp(name))
            for name in HELDOUT_FLOORS}


@pytest.mark.parametrize("name,unit", [(n, u) for n, floors in HELDOUT_FLOORS.items() for u in sorted(floors)])
def test_heldout_f1_floor(heldout_figures, name, unit):
    assert heldout_figures[name][unit]["f1"] >= HELDOUT_FLOORS[name][unit], json.dumps(heldout_figures[name][unit])
