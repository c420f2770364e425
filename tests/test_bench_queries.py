"""The benchmark's named queries with the parameters under which they list the most
(``benchmarks/bench.py`` ``query_cases``, ``time_query_cases``), on the bundled papers' build."""
from __future__ import annotations

from collections import Counter

from rdflib import Graph, Namespace
from rdflib.namespace import SKOS

from benchmarks.bench import query_cases, time_query_cases
from graph.query import bind_params, named_queries, select_rows
from graph.store import open_graph

SOSA = Namespace("http://www.w3.org/ns/sosa/")


def test_org_outcomes_is_asked_for_the_organisation_with_the_most_outcomes(built):
    ttl = Graph().parse(built / "graph.ttl")
    outcomes = Counter(str(name) for _, org in ttl.subject_objects(SOSA.hasFeatureOfInterest)
                       for name in ttl.objects(org, SKOS.prefLabel))
    (top, n), (_, second) = outcomes.most_common(2)
    assert n > second  # one organisation has the most, or the case would be a tie's pick

    cases = query_cases(open_graph(built / "store"))

    assert cases["org_outcomes"] == {"org": top}
    with_limit = {name for name, q in named_queries().items() if "limit" in q.params}
    assert with_limit >= {"mechanisms", "practice_chain"}
    assert {name for name, p in cases.items() if p == {"limit": "0"}} == with_limit


def test_each_case_counts_every_row_the_query_lists(built):
    store = open_graph(built / "store")
    cases = query_cases(store)

    timed = time_query_cases(store, cases, repeat=1)

    queries = named_queries()
    assert set(timed) == set(cases)
    for name, v in timed.items():
        rows = select_rows(store, bind_params(queries[name], cases[name]))[1]
        assert v["rows"] == len(rows) > 0, name
        assert v["params"] == cases[name] and v["seconds"] > 0
