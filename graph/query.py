"""SPARQL 1.1 over the built store or a remote endpoint, and the named queries.

Named queries live in ``graph/queries/*.rq``; each starts with a comment header that
says what it answers and its parameters (``# name: what it answers`` then
``#   param  meaning; default X``). A parameter ``p`` is written ``?param_p`` in the query
and replaced by a literal before the query runs, so the same text runs on Oxigraph and
on any SPARQL 1.1 endpoint.

How the queries are written for the embedded store (Oxigraph 0.5 plans by the shape
of the patterns, not by counts; read a plan with ``oxigraph query --explain --stats`` on a
copy of the store):

* the selective part first and alone — a category's outcomes, the organisations whose
  name matches (the name filter inside its own group: rdflib applies a group's filters
  after its OPTIONALs);
* every further value an ``OPTIONAL`` of one or two patterns (nested where one needs
  the other), with a ``FILTER(BOUND(...))`` that makes the required ones required: the
  rows are those of plain joins, and Oxigraph looks each value up per row — written as
  one long join or with an ``OPTIONAL`` after many patterns, it hashed every finding,
  adoption or outcome of the graph;
* no sub-SELECT joined with another sub-SELECT: rdflib's engine (``--infer``) joins
  them by nested loops;
* a ranking or count over many statements reads what the build derived for it
  (``mkg:PracticeSummary``, :func:`graph.triples.summary_triples`; the adoption counts
  and ``mkg:IndicatorSummary`` of :mod:`graph.summaries`), not the statements;
* a ranking cut at ``limit`` finds its threshold on numbers first and reads names only
  for the rows that reach it (``orgs_by_practices``): comparing names reads them from
  the store;
* a list of statements (``mechanisms``, ``practice_chain``) takes a ``limit`` (``0``:
  every row, :data:`NO_LIMIT`) and chooses its rows in a sub-select before reading
  their values: a sub-select with a LIMIT is what Oxigraph 0.5 joins to what follows
  row by row (without one it hashed every finding's values); its groups of plain
  patterns start where the parameter is (the practice's name, the category's
  summaries) — a pattern joined after a group was read whole;
* an ORDER BY on a node or a stored string reads it from the store at every
  comparison: sort by a string made of it (``STRAFTER(STR(?node), …)``), read once.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.query import Result

from extract.errors import MinekgError

QUERY_DIR = Path(__file__).parent / "queries"
#: What ``limit=0`` ("every row") becomes in a query: a LIMIT no answer reaches, the
#: largest 32-bit integer, which SPARQL engines accept. Written as a LIMIT rather than
#: dropped, so the query keeps its shape: Oxigraph 0.5 reads what follows a sub-select
#: with a LIMIT row by row, and without one it hashed whole predicates (``mechanisms``
#: at 10,000 papers: 26 s instead of 4.5 s).
NO_LIMIT = 2**31 - 1


class QueryError(MinekgError):
    """A query is malformed, unknown, or misses a parameter."""


class OutputFormat(str, Enum):
    """How a listing command prints its rows."""

    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


@dataclass(frozen=True)
class NamedQuery:
    """A query of the library.

    Attributes:
        name: file stem (``mechanisms``).
        summary: the first header line: what the query answers.
        params: parameter name → (meaning, default or ``None``).
        text: the SPARQL text.
    """

    name: str
    summary: str
    params: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    text: str = ""


_PARAM_RE = re.compile(r"^#\s{2,}(\w+)\s+(.*?)(?:;\s*default\s+(\S+))?\s*$")


def named_queries() -> dict[str, NamedQuery]:
    """All queries of ``graph/queries``, by name."""
    out = {}
    for path in sorted(QUERY_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        lines = [ln for ln in text.splitlines() if ln.startswith("#")]
        summary = lines[0].lstrip("# ").split(":", 1)[-1].strip() if lines else ""
        params: dict[str, tuple[str, str | None]] = {}
        last = None
        for ln in lines[1:]:
            m = _PARAM_RE.match(ln)
            if m and m.group(1) != "Parameters":
                last = m.group(1)
                params[last] = (m.group(2), m.group(3))
            elif last and ln.startswith("#" + " " * 5):
                meaning, default = params[last]
                extra = ln.lstrip("# ").strip()
                dm = re.search(r";\s*default\s+(\S+)", extra)
                params[last] = (meaning + " " + re.sub(r";\s*default\s+\S+", "", extra).strip(),
                                dm.group(1) if dm else default)
        out[path.stem] = NamedQuery(path.stem, summary, params, text)
    return out


def bind_params(query: NamedQuery, values: dict[str, str]) -> str:
    """The query text with ``?param_x`` replaced by literals.

    A ``limit`` of 0 means every row (:data:`NO_LIMIT`).

    Raises:
        QueryError: an unknown parameter, or a parameter with no value and no default.
    """
    unknown = set(values) - set(query.params)
    if unknown:
        raise QueryError(f"query {query.name} has no parameter {', '.join(sorted(unknown))}; "
                         f"its parameters: {', '.join(query.params) or 'none'}")
    text = query.text
    for name, (_, default) in query.params.items():
        value = values.get(name, default)
        if value is None:
            raise QueryError(f"query {query.name} needs --param {name}=VALUE")
        if re.fullmatch(r"-?\d+", value) and name in ("year", "limit", "min"):
            # A bare integer: LIMIT accepts no typed literal ("20"^^xsd:integer).
            term = str(NO_LIMIT if name == "limit" and int(value) == 0 else int(value))
        else:
            term = Literal(value).n3()
        text = text.replace(f"?param_{name}", term)
    return text


def run_sparql(graph: Graph | None, query: str, endpoint: str | None = None) -> Result:
    """Run a SPARQL 1.1 query on a graph (the embedded store) or a remote endpoint.

    Raises:
        QueryError: the query does not parse, or the endpoint answers with an error.
    """
    try:
        if endpoint:
            from rdflib.plugins.stores.sparqlstore import SPARQLStore

            remote = Graph(store=SPARQLStore(endpoint, returnFormat="json"))
            return remote.query(query)
        return graph.query(query)
    except Exception as exc:  # rdflib and pyoxigraph raise various parse errors
        raise QueryError(f"the query failed: {exc}") from exc


def result_rows(result: Result) -> tuple[list[str], list[list[str]]]:
    """Column names and rows of a SELECT result, values as strings (``""`` if unbound)."""
    if result.type == "ASK":
        return ["ask"], [[str(result.askAnswer).lower()]]
    if result.type == "CONSTRUCT":
        return ["subject", "predicate", "object"], [[str(t) for t in triple] for triple in result.graph]
    cols = [str(v) for v in result.vars]
    rows = [["" if row[v] is None else str(row[v]) for v in result.vars] for row in result]
    return cols, rows


def select_rows(graph: Graph, query: str) -> tuple[list[str], list[list[str]]]:
    """Like ``result_rows(graph.query(query))`` for a SELECT, faster on the embedded store.

    On a graph opened by :func:`graph.store.open_graph` the query runs on pyoxigraph
    directly and values become strings without an rdflib term each (half the time of a
    large result); on any other graph it goes through rdflib.
    """
    solutions = _oxigraph_select(graph, query)
    if solutions is not None:
        cols = [v.value for v in solutions.variables]
        return cols, [["" if v is None else v.value for v in row] for row in solutions]
    return result_rows(graph.query(query))


def query_text(graph: Graph | None, query: str, fmt: OutputFormat | str, endpoint: str | None = None) -> str:
    """Run a query (:func:`run_sparql`) and format its result (:func:`format_result`).

    ``table``, ``csv`` and ``tsv`` from the embedded store read the values through
    :func:`select_rows`, without an rdflib term each: 30,766 rows of ``mechanisms`` at
    10,000 papers took 20 s longer through rdflib terms. ``json`` of a SELECT on the
    embedded store is written by pyoxigraph's own SPARQL 1.1 Query Results JSON
    serializer, for the same reason (the export of every finding).

    Raises:
        QueryError: as :func:`run_sparql`.
    """
    fmt = OutputFormat(fmt)
    if not endpoint and graph is not None:
        if fmt is not OutputFormat.json:
            return format_rows(*select_rows(graph, query), fmt)
        solutions = _oxigraph_select(graph, query)
        if solutions is not None:
            import pyoxigraph as ox

            return solutions.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8")
    return format_result(run_sparql(graph, query, endpoint), fmt)


def _oxigraph_select(graph: Graph, query: str):
    """The ``pyoxigraph.QuerySolutions`` of a SELECT on a graph opened by
    :func:`graph.store.open_graph` (its default graph), else ``None`` (another store, or
    not a SELECT: rdflib runs it).

    Raises:
        QueryError: the query does not parse.
    """
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    inner = getattr(getattr(graph, "store", None), "_inner", None)  # oxrdflib's pyoxigraph Store
    if inner is None or graph.identifier != DATASET_DEFAULT_GRAPH_ID:
        return None
    import pyoxigraph as ox

    try:
        result = inner.query(query, prefixes={p: str(ns) for p, ns in graph.namespaces()})
    except SyntaxError as exc:
        raise QueryError(f"the query failed: {exc}") from exc
    return result if isinstance(result, ox.QuerySolutions) else None


def format_result(result: Result, fmt: OutputFormat | str) -> str:
    """Format a result as ``table`` (plain text), ``csv``, ``tsv`` or ``json``.

    ``json`` is the SPARQL 1.1 Query Results JSON Format (W3C Recommendation).
    """
    fmt = OutputFormat(fmt)
    if fmt is OutputFormat.json:
        return result.serialize(format="json").decode("utf-8")
    return format_rows(*result_rows(result), fmt)


def format_rows(cols: list[str], rows: list[list[str]], fmt: OutputFormat | str) -> str:
    """Format column names and rows of strings as ``table``, ``csv`` or ``tsv``."""
    fmt = OutputFormat(fmt)
    if fmt in (OutputFormat.csv, OutputFormat.tsv):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt is OutputFormat.csv else "\t", lineterminator="\n")
        writer.writerow(cols)
        writer.writerows(rows)
        return buf.getvalue()
    return format_table(cols, rows)


def format_table(cols: list[str], rows: list[list[str]]) -> str:
    """A plain-text table; width counts CJK characters as two columns."""
    from rich.cells import cell_len

    widths = [max([cell_len(c)] + [cell_len(r[i]) for r in rows]) for i, c in enumerate(cols)]
    widths = [min(w, 60) for w in widths]

    def cut(s: str, w: int) -> str:
        # The value padded to w columns, or, when wider, its longest prefix that fits
        # less one character, then "…". Widths are added up character by character:
        # measuring each growing prefix again took 5 s for the 30,776 rows of
        # `mechanisms --all` at 10,000 papers. A joiner or variation selector makes a
        # character's width depend on its neighbours: such a value is measured whole.
        s = s.replace("\n", " ")
        n = cell_len(s)
        if n <= w:
            return s + " " * (w - n)
        if "\u200d" in s or "\ufe0f" in s:
            for i in range(1, len(s) + 1):
                if cell_len(s[:i]) > w:
                    return s[:i - 2] + "…" if i > 1 else ""
        used = 0
        for i, ch in enumerate(s):
            used += cell_len(ch)
            if used > w:
                return s[:i - 1] + "…" if i else ""
        return s  # not reached: the widths of the characters add up to n > w

    lines = ["  ".join(cut(c, w) for c, w in zip(cols, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(cut(v, w) for v, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines) + "\n"

