"""The benchmark's named queries with the parameters under which they list the most
(``benchmarks/bench.py`` ``query_cases``, ``time_query_cases``), on the bundled papers' build."""
from __future__ import annotations

import csv
import io
from collections import Counter

from rdflib import Graph, Namespace
from rdflib.namespace import SKOS

import graph.query as gq
from benchmarks.bench import query_cases, time_query_cases
from graph.query import bind_params, named_queries, query_text
from graph.store import open_graph

SOSA = Namespace("http://www.w3.org/ns/sosa/")


def test_org_outcomes_is_asked_for_the_name_with_the_most_outcomes(built):
    ttl = Graph().parse(built / "graph.ttl")
    outcomes = Counter(str(name) for _, org in ttl.subject_objects(SOSA.hasFeatureOfInterest)
                       for name in ttl.objects(org, SKOS.prefLabel))
    (top, n), (_, second) = outcomes.most_common(2)
    assert n > second  # one name has the most, or the case would be a tie's pick

    cases = query_cases(open_graph(built / "store"))

    assert cases["org_outcomes"] == {"org": top}
    queries = named_queries()
    assert {name for name, q in queries.items() if "limit" in q.params} >= {"mechanisms", "practice_chain"}
    for name, q in queries.items():
        expected = {k: v for k, v in (("limit", "0"), ("min", "1")) if k in q.params}
        if name != "org_outcomes":
            assert cases.get(name, {}) == expected, name
    assert cases["shared_practices"] == {"min": "1"}


def test_each_case_counts_the_rows_minekg_query_writes(built):
    store = open_graph(built / "store")
    cases = query_cases(store)

    timed = time_query_cases(store, cases, repeat=1)

    queries = named_queries()
    assert set(timed) == set(cases)
    for name, v in timed.items():
        written = query_text(store, bind_params(queries[name], cases[name]), "csv")
        records = list(csv.reader(io.StringIO(written)))
        assert v["rows"] == len(records) - 1 > 0, name  # less the header
        assert v["params"] == cases[name] and v["seconds"] > 0


def test_a_graph_without_outcomes_gets_no_org_outcomes_case():
    cases = query_cases(Graph())

    assert "org_outcomes" not in cases
    assert cases["mechanisms"] == {"limit": "0"}


def test_a_query_that_needs_a_value_gets_no_case_and_a_failing_one_says_why(built, tmp_path, monkeypatch):
    (tmp_path / "needs.rq").write_text(
        "# needs: one practice's rows.\n# Parameters:\n#   practice  its name\n#   limit  rows; default 10\n"
        "SELECT ?s WHERE { ?s ?p ?param_practice } LIMIT ?param_limit\n", encoding="utf-8")
    (tmp_path / "broken.rq").write_text(
        "# broken: no SPARQL.\n# Parameters:\n#   limit  rows; default 10\nSELECT WHERE ?param_limit\n",
        encoding="utf-8")
    monkeypatch.setattr(gq, "QUERY_DIR", tmp_path)

    store = open_graph(built / "store")

    cases = query_cases(store)
    timed = time_query_cases(store, cases, repeat=1)

    assert cases == {"broken": {"limit": "0"}}
    assert timed["broken"]["seconds"] is None and "the query failed" in timed["broken"]["error"]
