"""The build end to end: outputs, determinism, store, queries, page."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from rdflib import Graph

from graph.query import bind_params, named_queries, result_rows, run_sparql
from graph.store import open_graph

from .conftest import PAPERS, ROOT


def test_outputs_exist(built):
    for name in ("extractions.jsonl", "graph.ttl", "graph.html", "report.json"):
        assert (built / name).stat().st_size > 0
    assert (built / "store").is_dir()
    report = json.loads((built / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["articles"] == 8
    page = next(f for f in report["files"] if f["path"].endswith("004_6c190a23e66049b4.txt"))
    assert any("注销公告" in s for s in page["skipped_parts"])


def test_rebuild_is_byte_identical_across_processes(built, tmp_path):
    env = dict(os.environ, PYTHONHASHSEED="12345")
    subprocess.run([sys.executable, "-c", "import cli; cli.main()", "build", str(PAPERS), "--out",
                    str(tmp_path), "--quiet"], check=True, cwd=ROOT, env=env)
    for name in ("graph.ttl", "extractions.jsonl"):
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes(), name


def test_graph_ttl_parses_and_matches_store(built):
    g = Graph().parse(built / "graph.ttl", format="turtle")
    store = open_graph(built / "store")
    (n,) = result_rows(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))[1][0]
    assert int(n) == len(g)


def test_mechanisms_safety_answers_with_evidence(built):
    text = bind_params(named_queries()["mechanisms"], {"category": "safety"})
    cols, rows = result_rows(run_sparql(open_graph(built / "store"), text))
    rows = [dict(zip(cols, r)) for r in rows]
    hit = next(r for r in rows if r["practice"] == "“三三制隐患排查法”" and r["value"] == "572")
    assert hit["unit"] == "条" and hit["year"] == "2024" and hit["source"].startswith("004_")
    assert "2024年累计排查整改隐患572条" in hit["sentence"]


def test_practice_summaries_count_the_findings(built):
    # mkg:PracticeSummary (graph.triples.summary_triples) says what the findings say.
    g = open_graph(built / "store")
    prefixes = """PREFIX mkg: <https://w3id.org/minekg/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>"""
    summaries = result_rows(g.query(prefixes + """
        SELECT ?p ?c ?n ?d ?o ?ex WHERE { ?s a mkg:PracticeSummary ; mkg:practice ?p ;
          mkg:outcomeCategory ?c ; mkg:findingCount ?n ; mkg:documentCount ?d ;
          mkg:organisationCount ?o ; mkg:exampleFinding ?ex }"""))[1]
    counted = result_rows(g.query(prefixes + """
        SELECT ?p ?c (COUNT(DISTINCT ?f) AS ?n) (COUNT(DISTINCT ?doc) AS ?d)
               (COUNT(DISTINCT ?org) AS ?o) (MIN(STR(?f)) AS ?ex)
        WHERE { ?f a mkg:Finding ; mkg:practice ?p ; mkg:outcome ?out ; prov:hadPrimarySource ?doc .
                ?out mkg:category ?c OPTIONAL { ?f mkg:organisation ?org } }
        GROUP BY ?p ?c"""))[1]
    assert summaries and sorted(summaries) == sorted(counted)


def test_one_node_for_limin_company(built):
    g = open_graph(built / "store")
    rows = result_rows(g.query("""
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?o WHERE { ?o skos:prefLabel|skos:altLabel ?l .
          FILTER(STR(?l) IN ("利民公司", "内蒙古利民煤焦有限责任公司")) }"""))[1]
    assert len(rows) == 1


def test_page_is_offline(built):
    html = (built / "graph.html").read_text(encoding="utf-8")
    import re

    # No external script, stylesheet or image: everything the page needs is inlined.
    assert re.findall(r"<(?:script|link|img)\b[^>]*\b(?:src|href)\s*=", html) == []
    assert "default-src 'none'" in html
    assert "vis.Network" in html and "“三三制隐患排查法”" in html


def test_a_generic_name_stays_inside_its_document(built):
    # 矿党委 in the report that names no mine (003) is not 西铭矿's committee (004).
    g = open_graph(built / "store")
    rows = result_rows(g.query("""
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?o (COUNT(DISTINCT ?doc) AS ?docs) WHERE {
          ?o skos:prefLabel|skos:altLabel ?l . FILTER(STR(?l) = "矿党委")
          ?o dcterms:source ?art . ?art dcterms:isPartOf ?doc } GROUP BY ?o"""))[1]
    assert len(rows) >= 2
    assert all(int(n) == 1 for _, n in rows)
