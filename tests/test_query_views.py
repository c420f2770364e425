"""Named queries that read what the build derived (graph/summaries.py and the summaries of
graph/triples.py) answer the rows that the aggregation over the statements answers.

The reference queries are the named queries as they were before they read the derived
counts (issue 6: every named query under 200 ms at 10,000 papers);
benchmarks/compare_queries.py compares the same on larger builds."""
from __future__ import annotations

import pytest

from graph.query import bind_params, named_queries, select_rows
from graph.store import open_graph

PREFIXES = """PREFIX mkg: <https://w3id.org/minekg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX sosa: <http://www.w3.org/ns/sosa/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

# Every adoption read and counted: the text of shared_practices before mkg:adopterCount.
SHARED_PRACTICES = PREFIXES + """
SELECT ?practice (COUNT(DISTINCT ?org) AS ?organisations)
       (GROUP_CONCAT(DISTINCT ?orgName; separator=" | ") AS ?names)
WHERE { ?org mkg:adopts ?p . ?p skos:prefLabel ?practice . ?org skos:prefLabel ?orgName . }
GROUP BY ?practice
ORDER BY DESC(?organisations) ?practice
"""

# orgs_by_practices before mkg:adoptedPracticeCount, grouped by organisation node (it
# grouped by name: two organisations of one name, a generic 矿党委 per paper, were pooled).
ORGS_BY_PRACTICES = PREFIXES + """
SELECT ?organisation ?type (COUNT(DISTINCT ?p) AS ?practices)
WHERE {
  ?org mkg:adopts ?p ; skos:prefLabel ?organisation ; a ?t .
  FILTER(STRSTARTS(STR(?t), STR(mkg:)))
  BIND(REPLACE(STR(?t), "^.*#", "") AS ?type)
}
GROUP BY ?org ?organisation ?type
ORDER BY DESC(?practices) ?organisation ?type
"""

# Every outcome read and grouped: the text of indicators_by_year before mkg:IndicatorSummary.
INDICATORS_BY_YEAR = PREFIXES + """
SELECT ?indicator ?category ?year (COUNT(DISTINCT ?o) AS ?outcomes)
       (REPLACE(REPLACE(GROUP_CONCAT(DISTINCT ?shown; separator=" | "), "^ \\\\| | \\\\| $", ""),
                " \\\\|  \\\\| ", " | ") AS ?values)
WHERE {
  ?o a mkg:Outcome ; sosa:observedProperty ?ind ; mkg:category ?cat .
  ?ind skos:prefLabel ?indicator .
  ?cat skos:notation ?category .
  OPTIONAL { ?o mkg:year ?y }
  BIND(COALESCE(STR(?y), "") AS ?year)
  OPTIONAL { ?o mkg:value ?v }
  OPTIONAL { ?o mkg:unit ?u . ?u rdfs:label ?unitLabel }
  BIND(IF(BOUND(?v), CONCAT(STR(?v), COALESCE(STR(?unitLabel), "")), "") AS ?shown)
}
GROUP BY ?indicator ?category ?year
ORDER BY ?category ?indicator ?year
"""


# Every finding of a category joined row by row: the text of mechanisms before its limit
# (issue 6), sorted as the named query sorts (the newest first, then by node).
MECHANISMS = PREFIXES + """PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?practice ?organisation ?outcome ?indicator ?value ?unit ?year ?source ?sentence
WHERE {
  ?cat skos:notation "%s" . ?o mkg:category ?cat . ?finding mkg:outcome ?o ; a mkg:Finding ;
    mkg:practice ?p ; prov:wasDerivedFrom ?s ; prov:hadPrimarySource ?doc .
  ?p skos:prefLabel ?practice . ?s mkg:text ?sentence . ?doc dcterms:identifier ?source .
  ?o mkg:text ?outcome ; sosa:observedProperty ?ind . ?ind skos:prefLabel ?indicator .
  OPTIONAL { ?finding mkg:organisation ?org . ?org skos:prefLabel ?organisation }
  OPTIONAL { ?o mkg:value ?value }
  OPTIONAL { ?o mkg:unit ?u . ?u rdfs:label ?unitLabel }
  BIND(COALESCE(STR(?unitLabel), "") AS ?unit)
  OPTIONAL { ?o mkg:year ?year }
}
ORDER BY DESC(?year) STR(?finding)
"""

# Every adoption and finding of the practices a name matches, joined row by row: the text
# of practice_chain before its limit.
PRACTICE_CHAIN = PREFIXES + """PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?practice ?link ?organisation ?outcome ?category ?value ?unit ?year ?source ?sentence
WHERE {
  ?p a mkg:Practice ; skos:prefLabel|skos:altLabel ?name ; skos:prefLabel ?practice .
  FILTER(CONTAINS(STR(?name), "%s"))
  ?a mkg:practice ?p ; prov:wasDerivedFrom ?s . ?s mkg:text ?sentence ; prov:hadPrimarySource ?doc .
  ?doc dcterms:identifier ?source .
  OPTIONAL { ?a mkg:organisation ?org . ?org skos:prefLabel ?organisation }
  { ?a a mkg:Adoption . BIND("adopts" AS ?link) }
  UNION
  { ?a a mkg:Finding ; mkg:outcome ?o . ?o mkg:text ?outcome ; mkg:category ?cat . ?cat skos:notation ?category .
    OPTIONAL { ?o mkg:value ?value } OPTIONAL { ?o mkg:unit ?u . ?u rdfs:label ?unitLabel }
    OPTIONAL { ?o mkg:year ?year } BIND("contributesTo" AS ?link) }
  BIND(COALESCE(STR(?unitLabel), "") AS ?unit)
}
"""


def _sorted_names(rows: list[list[str]], col: int) -> list[list[str]]:
    """Rows with the joined names of column ``col`` in code-point order (SPARQL leaves
    the order of a GROUP_CONCAT open)."""
    return [r[:col] + [" | ".join(sorted(r[col].split(" | ")))] + r[col + 1:] for r in rows]


@pytest.fixture(scope="module")
def graph(built):
    return open_graph(built / "store")


def test_shared_practices_reads_the_counts_of_every_adoption(graph):
    named = select_rows(graph, bind_params(named_queries()["shared_practices"], {"min": "1"}))
    cols, counted = select_rows(graph, SHARED_PRACTICES)
    assert named[0] == cols
    assert len(counted) > 100  # the bundled papers: 223 adopted practices
    assert sorted(named[1]) == sorted(_sorted_names(counted, 2))


def test_orgs_by_practices_reads_the_counts_of_every_adoption(graph):
    named = select_rows(graph, bind_params(named_queries()["orgs_by_practices"], {"limit": "10000"}))
    assert named == select_rows(graph, ORGS_BY_PRACTICES)
    assert named[1][0][:3] == ["内蒙古利民煤焦有限责任公司", "Company", "57"]


def test_a_practice_adopted_by_one_organisation_is_not_shared(graph):
    cols, rows = select_rows(graph, bind_params(named_queries()["shared_practices"], {}))
    assert rows and all(int(r[cols.index("organisations")]) >= 2 for r in rows)


def test_indicators_by_year_reads_the_counts_of_every_outcome(graph):
    named = select_rows(graph, bind_params(named_queries()["indicators_by_year"], {}))
    cols, counted = select_rows(graph, INDICATORS_BY_YEAR)
    assert named[0] == cols
    assert len(counted) > 40 and any(r[4] for r in counted)  # 52 rows, some with values
    assert named[1] == _sorted_names(counted, 4)


@pytest.mark.parametrize("category", ["safety", "production"])
def test_indicators_by_year_of_one_category(graph, category):
    cols, rows = select_rows(graph, bind_params(named_queries()["indicators_by_year"], {"category": category}))
    _, every = select_rows(graph, bind_params(named_queries()["indicators_by_year"], {}))
    assert rows and rows == [r for r in every if r[cols.index("category")] == category]


@pytest.mark.parametrize("lexical, shown", [("572", "572"), ("100.0", "100"), ("0.50", "0.5"), ("0.00001", "0.00001"),
                                            ("-3.20", "-3.2"), ("0.0", "0")])
def test_values_are_shown_as_oxigraph_shows_a_stored_decimal(lexical, shown):
    import pyoxigraph as ox

    from graph.summaries import canonical_decimal

    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://x"), ox.NamedNode("http://v"),
                      ox.Literal(lexical, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))))
    stored = next(iter(store.query("SELECT (STR(?v) AS ?s) WHERE { ?x ?p ?v }")))[0].value
    assert canonical_decimal(lexical) == stored == shown


@pytest.mark.parametrize("limit", [1, 2, 3, 5, 8, 13, 20])
def test_orgs_by_practices_keeps_the_first_rows_at_any_limit(graph, limit):
    # The query reads the names of the organisations whose count reaches the limit-th
    # highest only: the rows kept must be the first of the full ranking, ties included.
    named = select_rows(graph, bind_params(named_queries()["orgs_by_practices"], {"limit": str(limit)}))
    assert named == select_rows(graph, ORGS_BY_PRACTICES + f"LIMIT {limit}")
    assert len(named[1]) == limit


def _table_by_prefixes(cols: list[str], rows: list[list[str]]) -> str:
    """format_table as it was: every growing prefix measured again (the reference)."""
    from rich.cells import cell_len

    widths = [min(max([cell_len(c)] + [cell_len(r[i]) for r in rows]), 60) for i, c in enumerate(cols)]

    def cut(s: str, w: int) -> str:
        out = ""
        for ch in s.replace("\n", " "):
            if cell_len(out + ch) > w:
                return out[:-1] + "…" if out else ""
            out += ch
        return out + " " * (w - cell_len(out))

    lines = ["  ".join(cut(c, w) for c, w in zip(cols, widths)).rstrip(), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(cut(v, w) for v, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("value", [
    "综采一队党支部" * 10,              # CJK, two columns each, past 60
    "a" + "煤" * 40,                  # the character that overflows is wide
    "2024年累计排查整改隐患572条\n" * 4,  # line breaks
    "👨\u200d👩\u200d👧 家庭" * 12,       # joiners: widths depend on neighbours
    "♥\ufe0f" * 70,                   # variation selectors
    "",
])
def test_a_table_cuts_values_as_measuring_every_prefix_did(value):
    from graph.query import format_table

    rows = [[value, "短"], ["x" * 59 + "矿", value[:30]]]
    assert format_table(["列", "b"], rows) == _table_by_prefixes(["列", "b"], rows)


@pytest.mark.parametrize("category", ["safety", "other", "talent", "cohesion", "environment"])
def test_mechanisms_lists_every_finding_with_limit_0(graph, category):
    named = select_rows(graph, bind_params(named_queries()["mechanisms"], {"category": category, "limit": "0"}))
    assert named == select_rows(graph, MECHANISMS % category)
    assert len(named[1]) >= {"safety": 16, "other": 10, "talent": 6, "cohesion": 3, "environment": 0}[category]


@pytest.mark.parametrize("limit", [1, 2, 3, 5, 8, 13, 100])
def test_mechanisms_lists_the_newest_findings_first(graph, limit):
    # Findings are chosen by the counts of the indicator summaries before any value is
    # read: at any limit they must be the first of the whole list, the years with no
    # finding and the findings without a year included.
    named = select_rows(graph, bind_params(named_queries()["mechanisms"], {"limit": str(limit)}))
    every = select_rows(graph, MECHANISMS % "safety")
    assert named == (every[0], every[1][:limit])
    years = [r[named[0].index("year")] for r in every[1]]
    assert years[0] and not years[-1]  # dated ones first, then those without a year


@pytest.mark.parametrize("practice", ["三会一课", "安全", "隐患", "党"])
def test_practice_chain_lists_every_statement_with_limit_0(graph, practice):
    query = named_queries()["practice_chain"]
    cols, rows = select_rows(graph, bind_params(query, {"practice": practice, "limit": "0"}))
    ref_cols, ref = select_rows(graph, PRACTICE_CHAIN % practice)
    assert cols == ref_cols and rows and sorted(rows) == sorted(ref)
    # Findings first, those of safety outcomes first; then adoptions.
    links = [r[cols.index("link")] for r in rows]
    assert links == sorted(links, key=lambda link: link != "contributesTo")
    categories = [r[cols.index("category")] for r in rows if r[cols.index("link")] == "contributesTo"]
    assert categories == sorted(categories, key=lambda c: (c != "safety", c))


@pytest.mark.parametrize("practice, limit", [("安全", 3), ("安全", 10), ("党", 20), ("三会一课", 2)])
def test_practice_chain_limit_keeps_the_findings_first(graph, practice, limit):
    query = named_queries()["practice_chain"]
    cols, rows = select_rows(graph, bind_params(query, {"practice": practice, "limit": str(limit)}))
    _, every = select_rows(graph, bind_params(query, {"practice": practice, "limit": "0"}))
    assert len(rows) == min(limit, len(every))
    findings = [r for r in every if r[cols.index("link")] == "contributesTo"]
    # The findings are sorted among all of them; adoptions are the first the store gives.
    assert rows[:len(findings)] == findings[:limit]
    assert all(r in every for r in rows)
