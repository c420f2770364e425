"""graph.analysis (paths, rank) and their commands, on the bundled papers."""
from __future__ import annotations

import json

from click.testing import CliRunner

import cli
from graph.analysis import DIRECT, VIA_MODEL, VIA_PART, paths, rank


def _find(items, practice: str, outcome: str):
    return [p for p in items if practice in p.practice_label and outcome in p.outcome_label]


def test_sanzhi_reaches_572_hazards_directly(projected) -> None:
    found = _find(paths(projected, "safety"), "三三制隐患排查法", "572")
    assert len(found) == 1
    p = found[0]
    assert p.via == DIRECT and p.rels == ["contributesTo"] and p.category == "safety"
    assert (p.value, p.unit, p.year) == ("572", "条", "2024")
    assert any("三三制隐患排查法" in e.sentence and "572" in e.sentence for e in p.evidence)
    assert all(e.source.endswith(".txt") for e in p.evidence)


def test_model_is_credited_with_its_parts_result(projected) -> None:
    p = _find(paths(projected, "safety"), "“462”党建工作模式", "572")[0]
    assert p.via == VIA_PART
    assert p.rels == ["hasPart", "contributesTo"]
    assert "安全宣教到支部" in p.labels[1]
    # ...and every hasPart hop is a partOf edge of the projection, read backwards.
    assert projected.has_edge(p.nodes[1], p.nodes[0], key="partOf")


def test_part_shares_its_models_result(projected) -> None:
    p = _find(paths(projected, "safety"), "事故案例复盘会", "572")[0]
    assert p.via == VIA_MODEL and p.rels == ["partOf", "contributesTo"]
    assert projected.has_edge(p.nodes[0], p.nodes[1], key="partOf")


def test_paths_are_ranked_and_of_the_category(projected) -> None:
    found = paths(projected, "safety")
    assert found and all(p.category == "safety" for p in found)
    assert [p.score for p in found] == sorted((p.score for p in found), reverse=True)
    direct = [p for p in found if p.via == DIRECT]
    # Indirect routes never outrank the direct route to the same outcome they pass through.
    assert max(p.score for p in found if p.via != DIRECT) <= max(p.score for p in direct)
    assert len({(p.practice, p.outcome) for p in found}) == len(found)


def test_rank_mechanisms(projected) -> None:
    rows = rank(projected)
    keys = [(-r.outcomes, -r.organisations, -r.betweenness) for r in rows]
    assert keys == sorted(keys)
    model = next(r for r in rows if "462" in r.label)
    assert model.outcomes >= 2 and "safety" in model.categories
    assert model.organisations >= 2 and model.recurring
    sanzhi = next(r for r in rows if "三三制隐患排查法" in r.label)
    assert sanzhi.outcomes == 2 and sanzhi.degree == projected.degree(sanzhi.practice)
    assert any(r.recurring for r in rows)
    assert all(projected.nodes[r.practice]["kind"] == "practice" for r in rows)


def test_cli_paths_and_rank(built) -> None:
    run = CliRunner().invoke
    store = str(built / "store")
    res = run(cli.main, ["paths", "--outcome", "safety", "--store", store])
    assert res.exit_code == 0, res.output
    assert "三三制隐患排查法" in res.output and "572" in res.output
    res = run(cli.main, ["paths", "--outcome", "safety", "--store", store, "--format", "json", "--limit", "3"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert len(rows) == 3 and {"practice_label", "outcome_label", "via", "evidence", "score"} <= set(rows[0])
    res = run(cli.main, ["rank", "--store", store, "--format", "json"])
    assert res.exit_code == 0 and any("462" in r["label"] for r in json.loads(res.output))
    res = run(cli.main, ["rank", "--store", store, "--limit", "5"])
    assert res.exit_code == 0 and len(res.output.strip().splitlines()) == 7
    res = run(cli.main, ["rank", "--store", str(built / "missing")])
    assert res.exit_code == 1 and "Error" in res.output
