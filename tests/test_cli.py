"""The command line: exit codes, output, help and README coverage of every command."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

import cli

from .conftest import GOLD, ROOT


@pytest.fixture()
def runner():
    return CliRunner()


def test_every_command_has_help_with_an_example_and_a_readme_mention(runner):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in cli.main.commands.items():
        result = runner.invoke(cli.main, [name, "-h"])
        assert result.exit_code == 0, name
        assert "Example" in result.output, name
        assert f"minekg {name}" in readme, name


def test_build_help_and_readme_list_every_supported_suffix(runner):
    from extract.ingest import SUPPORTED_SUFFIXES

    help_text = " ".join(runner.invoke(cli.main, ["build", "-h"]).output.split())  # unwrapped
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for suffix in SUPPORTED_SUFFIXES:
        # \b: ".htm" must be there on its own, not only inside ".html".
        assert re.search(re.escape(suffix) + r"\b", help_text), suffix
        assert f"`{suffix}`" in readme, suffix


def test_missing_path_is_one_clear_line(runner, tmp_path):
    result = runner.invoke(cli.main, ["build", str(tmp_path / "nope"), "--out", str(tmp_path / "o"), "--quiet"])
    assert result.exit_code == 1
    assert "no such file or folder" in result.output


def test_empty_folder(runner, tmp_path):
    (tmp_path / "in").mkdir()
    result = runner.invoke(cli.main, ["build", str(tmp_path / "in"), "--out", str(tmp_path / "o"), "--quiet"])
    assert result.exit_code == 1 and "no paper to read" in result.output


def test_undecodable_file_is_skipped_and_named(runner, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("矿党委推行“三会一课”制度，2024年累计排查整改隐患100条。\n", encoding="utf-8")
    (src / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    result = runner.invoke(cli.main, ["build", str(src), "--out", str(tmp_path / "o"), "--quiet"])
    assert result.exit_code == 3
    assert "bad.txt" in result.output and "binary" in result.output
    assert (tmp_path / "o" / "graph.ttl").exists()


def test_strict_makes_a_skip_an_error(runner, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("矿党委推行“三会一课”制度。\n", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    result = runner.invoke(cli.main, ["build", str(src), "--out", str(tmp_path / "o"), "--quiet", "--strict"])
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "--strict" in result.output


def test_a_build_that_builds_nothing_writes_nothing(runner, tmp_path):
    good, bad, out = tmp_path / "good", tmp_path / "bad", tmp_path / "o"
    good.mkdir()
    bad.mkdir()
    (good / "good.txt").write_text("矿党委推行“三会一课”制度。\n", encoding="utf-8")
    (bad / "empty.txt").write_bytes(b"")
    assert runner.invoke(cli.main, ["build", str(good), "--out", str(out), "--quiet"]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    result = runner.invoke(cli.main, ["build", str(bad), "--out", str(out), "--quiet"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"skipped {bad / 'empty.txt'}: the file is empty",
        "Error: nothing could be built: no article in any readable file (see the skipped lines); "
        "nothing written"]
    # The previous build's outputs, not an empty graph.
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_mechanisms_json_is_sparql_results(runner, built):
    result = runner.invoke(cli.main, ["mechanisms", "--outcome", "safety", "--store", str(built / "store"),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert "practice" in data["head"]["vars"] and data["results"]["bindings"]


def test_mechanisms_ranks_practices_and_all_lists_every_finding(runner, built):
    import csv
    import io
    from collections import Counter

    opts = ["mechanisms", "--outcome", "safety", "--store", str(built / "store"), "--format", "csv"]
    ranked = runner.invoke(cli.main, [*opts, "--limit", "3"])
    every = runner.invoke(cli.main, [*opts, "--all"])
    assert ranked.exit_code == 0 and every.exit_code == 0, ranked.output + every.output
    rows = list(csv.DictReader(io.StringIO(ranked.output)))
    findings = list(csv.DictReader(io.StringIO(every.output)))
    assert len(rows) == 3
    keys = [(int(r["papers"]), int(r["findings"])) for r in rows]
    assert keys == sorted(keys, reverse=True)
    # The ranking counts the findings --all lists, and its example is one of them.
    per_practice = Counter(f["practice"] for f in findings)
    for r in rows:
        assert int(r["findings"]) == per_practice[r["practice"]]
        assert any(f["practice"] == r["practice"] and f["outcome"] == r["outcome"] and f["source"] == r["source"]
                   for f in findings)


def test_sparql_csv(runner, built):
    result = runner.invoke(cli.main, ["sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                                      "--store", str(built / "store"), "--format", "csv"])
    assert result.exit_code == 0 and result.output.startswith("n\n")


def test_bad_category_is_usage_error(runner, built):
    result = runner.invoke(cli.main, ["mechanisms", "--outcome", "luck", "--store", str(built / "store")])
    assert result.exit_code == 2


def test_missing_store_says_what_to_do(runner, tmp_path):
    result = runner.invoke(cli.main, ["mechanisms", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1 and "minekg build" in result.output


def test_viz_focus_writes_a_smaller_page(runner, built, tmp_path):
    out = tmp_path / "safety.html"
    result = runner.invoke(cli.main, ["viz", "--focus", "safety", "--store", str(built / "store"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size < (built / "graph.html").stat().st_size + 1


def test_evaluate_prints_figures_and_json(runner, built):
    result = runner.invoke(cli.main, ["evaluate", str(GOLD), str(built / "extractions.jsonl"), "--json"])
    figures = json.loads(result.output)["figures"]
    assert set(figures) == {"organisations", "practices", "outcomes", "links", "safety_links", "safety_practices"}
    # The first bar of issue 2.
    assert figures["practices"]["f1"] >= 0.5 and figures["outcomes"]["f1"] >= 0.5
    assert figures["safety_practices"]["recall"] >= 0.5


@pytest.mark.parametrize("content,reason", [
    ('{"doc": ', "not a readable JSON file"),
    ('[1, 2]', "schema error at «the top level»: Input should be a valid dictionary"),
    ('{"doc": "x.txt", "organisations": [], "practices": {}, "outcomes": [], "links": []}',
     "schema error at «practices»: Input should be a valid list"),
    ('{"doc": "x.txt", "organisations": [], "practices": [{"nam": "x"}], "outcomes": [], "links": []}',
     "schema error at «practices[0].name»: Field required"),
    ('{"doc": "x.txt", "organisations": [], "practices": [], "outcomes": [], "links": [{"practice": "x"}]}',
     "schema error at «links[0].outcome»: Field required"),
], ids=["json", "top", "list", "name", "link"])
def test_a_broken_gold_file_among_good_ones_is_one_clear_line(runner, built, tmp_path, content, reason):
    import shutil

    gold = tmp_path / "gold"
    shutil.copytree(GOLD, gold)
    (gold / "zz_broken.json").write_text(content, encoding="utf-8")
    result = runner.invoke(cli.main, ["evaluate", str(gold), str(built / "extractions.jsonl")])
    # Evaluation stops: figures over part of the gold would pass for the whole.
    assert result.exit_code == 1
    (line,) = result.output.splitlines()
    assert line.startswith(f"Error: {gold / 'zz_broken.json'}: ")
    assert reason in line
