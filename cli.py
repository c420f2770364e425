"""``minekg``: the command line, a thin shell over the library.

Each command parses its options, calls one library function and formats the result.
Library errors (:class:`extract.errors.MinekgError`) become one line and exit status 1;
bad usage exits 2 (click).
"""
from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

from typing import TYPE_CHECKING

import click

from extract.errors import MinekgError

if TYPE_CHECKING:  # imported where used: `minekg -h` must not load the pipeline
    from extract.corpus import CorpusResult

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
DEFAULT_OUT = "build"


def _fail_cleanly(fn):
    """Turn a library error into one line on stderr and exit status 1."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except MinekgError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


def output_options(fn):
    """The shared ``--format`` option of every listing command."""
    from graph.query import OutputFormat

    return click.option("--format", "fmt", type=click.Choice([f.value for f in OutputFormat]),
                        default="table", show_default=True,
                        help="table, csv, tsv, or json (SPARQL 1.1 Query Results JSON).")(fn)


def store_options(fn):
    """``--store`` (the built store) and ``--endpoint`` (a remote SPARQL 1.1 endpoint)."""
    fn = click.option("--infer", is_flag=True,
                      help="Query with the RDFS/OWL-RL entailments of the ontology (embedded store only).")(fn)
    fn = click.option("--endpoint", metavar="URL", default=None,
                      help="Query this SPARQL 1.1 endpoint instead of the embedded store.")(fn)
    fn = click.option("--store", "store_dir", type=click.Path(file_okay=False), default=f"{DEFAULT_OUT}/store",
                      show_default=True, help="The Oxigraph store written by `minekg build`.")(fn)
    return fn


def _graph(store_dir, endpoint, infer):
    """The graph to query: ``None`` for an endpoint, else the store (with entailments)."""
    from graph.store import open_graph

    if endpoint:
        if infer:
            raise click.BadParameter("--infer works on the embedded store; a server reasons by itself or not",
                                     param_hint="--infer")
        return None
    g = open_graph(store_dir)
    if infer:
        from graph.reason import inferred_copy

        return inferred_copy(g)
    return g


def _run_named(name, values, store_dir, endpoint, infer, fmt):
    """Bind a named query's parameters, run it on the store or endpoint, print the result."""
    from graph.query import bind_params, named_queries, query_text

    text = bind_params(named_queries()[name], values)
    click.echo(query_text(_graph(store_dir, endpoint, infer), text, fmt, endpoint), nl=False)


def _categories():
    from graph.vocab import Category

    return [c.value for c in Category]


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="minekg")
@click.pass_context
def main(ctx):
    """minekg: a knowledge graph of party-building practices in coal mining.

    Reads Chinese papers, extracts organisation → practice → outcome chains with the
    sentence behind each, and answers «which mechanisms link to safety results — in
    which mines, by how much, says which text?».

    Ctrl-C, kill (SIGTERM) and a closed terminal (SIGHUP) stop every command the same
    way: what it had begun to write is removed.

    \b
    Example:
        minekg build data/papers --out build
        minekg mechanisms --outcome safety
    """
    from extract.signals import stop_on_signals

    # By default SIGTERM and SIGHUP end Python at once, skipping every clean-up: a killed
    # build left its staged outputs behind (2.0 GB at 10,000 papers)
    ctx.with_resource(stop_on_signals())


def _suffixes_in_help(fn):
    """Put the reader's list of file suffixes (:data:`extract.ingest.SUPPORTED_SUFFIXES`)
    into the help where it says ``{suffixes}``, so the help cannot fall behind the code."""
    from extract.ingest import SUPPORTED_SUFFIXES

    fn.__doc__ = fn.__doc__.replace("{suffixes}", ", ".join(SUPPORTED_SUFFIXES))
    return fn


@main.command(context_settings=CONTEXT_SETTINGS)
@_suffixes_in_help
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--out", type=click.Path(file_okay=False), default=DEFAULT_OUT, show_default=True,
              help="Output folder: extractions.jsonl, graph.ttl, store/, graph.html, report.json.")
@click.option("--quiet", is_flag=True, help="No progress bar or summary table.")
@click.option("--no-cache", is_flag=True,
              help="Extract every file again instead of reusing OUT/cache (unchanged files are reused by default).")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Extraction processes  [default: one per CPU].")
@click.option("--infer", is_flag=True, help="Add the RDFS/OWL-RL entailments of the ontology to the graph.")
@click.option("--strict", is_flag=True,
              help="A skipped file fails the build: exit status 1 and nothing written (the previous outputs "
                   "stay), instead of exit status 3 and outputs built from the other files.")
@_fail_cleanly
def build(inputs, out, quiet, no_cache, jobs, infer, strict):
    """Build the graph from paper files or folders ({suffixes}; text in UTF-8,
    GB18030 or Big5; other files in a folder are listed as skipped).

    Files that cannot be read are listed with the reason and skipped; the rest is
    built. The same paper under two names (the same text after decoding) is one
    document with both sources, and a line says so. A build that fails, is stopped
    (Ctrl-C, kill, a closed terminal) or is killed leaves the previous outputs as they
    were; a stopped one removes what it had begun to write, and the papers it had
    extracted stay in the cache. Exit status: 0 when every file was read (merged
    duplicates included: nothing of them is missing), 3 when some files were skipped, 1
    when the build failed and wrote nothing (no paper could be built, or a file was
    skipped under --strict) or was stopped (the message says whether its outputs were
    in place already).

    \b
    Example:
        minekg build data/papers --out build
    """
    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table

    from extract.corpus import find_inputs
    from extract.signals import Stopped
    from graph.project import BuildRefused, build_project

    console = Console(stderr=True, quiet=quiet)
    files, _ = find_inputs(inputs)
    try:
        with Progress(console=console, transient=True, disable=quiet) as bar:
            task = bar.add_task("extracting", total=len(files))
            summary, corpus = build_project(inputs, out, progress=lambda p: bar.advance(task),
                                            cache=not no_cache, jobs=jobs, infer=infer, strict=strict,
                                            steps=_BarSteps(bar, task))
    except BuildRefused as exc:
        _file_lines(exc.corpus)  # which files, and why, before the error line
        raise
    except Stopped as stop:
        raise click.ClickException(_stopped_build(stop, out, cache=not no_cache)) from None
    _file_lines(corpus)
    if not quiet:
        table = Table(title=f"minekg build → {out}")
        columns = ("files", "skipped", *(("duplicates",) if summary.duplicates else ()), "articles",
                   "organisations", "practices", "outcomes", "links", "triples")
        for col in columns:
            table.add_column(col, justify="right")
        table.add_row(*(str(getattr(summary, c)) for c in columns))
        Console().print(table)
        console.print(f"{corpus.extracted} files extracted, {corpus.cached} taken from {out}/cache"
                      if not no_cache else f"{corpus.extracted} files extracted (cache off)")
    if summary.skipped:
        sys.exit(3)


def _stopped_build(stop, out, cache: bool) -> str:
    """What a stopped build tells the user: which outputs ``out`` holds, what is kept."""
    if stop.written:
        return (f"{stop} once this build's outputs were in place: {out} holds them; the cache "
                "was not tidied (the next build tidies it)")
    kept = (f"; the papers extracted before the stop are kept in {out}/cache and are not "
            "extracted again by the next build") if cache else ""
    return f"{stop}: nothing written, the outputs in {out} are the previous build's{kept}"


class _BarSteps:
    """The build's steps after extraction (:class:`graph.steps.Steps`) as lines of its
    progress bar, under the extraction's: each line full once the next step begins."""

    def __init__(self, bar, task):
        self.bar, self.task = bar, task

    def begin(self, label: str, total: int | None = None) -> None:
        done = next(t for t in self.bar.tasks if t.id == self.task)
        self.bar.update(self.task, total=max(done.completed, 1), completed=max(done.completed, 1))
        self.task = self.bar.add_task(label, total=total)

    def advance(self, n: int = 1) -> None:
        self.bar.advance(self.task, n)


def _file_lines(corpus: CorpusResult) -> None:
    """One line on stderr per input file that was skipped or merged, with the reason."""
    for f in corpus.skipped:
        click.echo(f"skipped {f.path}: {f.reason}", err=True)
    for f in corpus.duplicates:
        click.echo(f"{f.path} is the same paper as {f.same_as}: merged", err=True)


@main.command(context_settings=CONTEXT_SETTINGS)
@click.argument("query")
@store_options
@output_options
@_fail_cleanly
def sparql(query, store_dir, endpoint, infer, fmt):
    """Run a SPARQL 1.1 query (text, or a .rq file) and print the result.

    \b
    Example:
        minekg sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
        minekg sparql graph/queries/mechanisms.rq --format csv
    """
    from graph.query import query_text

    text = Path(query).read_text(encoding="utf-8") if query.endswith(".rq") and Path(query).is_file() else query
    if "?param_" in text:
        raise click.BadParameter("this query has ?param_ placeholders: run it with `minekg query NAME --param k=v`")
    graph = _graph(store_dir, endpoint, infer)
    click.echo(query_text(graph, text, fmt, endpoint), nl=False)


@main.command(context_settings=CONTEXT_SETTINGS)
@click.argument("name", required=False)
@click.option("--list", "list_", is_flag=True, help="List the named queries and their parameters.")
@click.option("--param", "params", multiple=True, metavar="K=V", help="A query parameter (repeatable).")
@store_options
@output_options
@_fail_cleanly
def query(name, list_, params, store_dir, endpoint, infer, fmt):
    """Run a named query of the library (graph/queries/*.rq).

    A query that lists statements (mechanisms, practice_chain) lists the first 100, the
    most useful first (newest, safety first); --param limit=0 lists every row (the
    export: --format csv or json).

    \b
    Example:
        minekg query --list
        minekg query mechanisms --param category=safety
        minekg query mechanisms --param limit=0 --format csv
    """
    from graph.query import named_queries

    queries = named_queries()
    if list_ or not name:
        for q in queries.values():
            click.echo(f"{q.name}: {q.summary}")
            for p, (meaning, default) in q.params.items():
                click.echo(f"    --param {p}=…  {meaning}" + (f" (default {default})" if default else ""))
        return
    if name not in queries:
        raise click.BadParameter(f"no query named {name}; `minekg query --list` shows them", param_hint="NAME")
    values = {}
    for p in params:
        if "=" not in p:
            raise click.BadParameter(f"{p!r}: write K=V", param_hint="--param")
        k, v = p.split("=", 1)
        values[k] = v
    _run_named(name, values, store_dir, endpoint, infer, fmt)


@main.command(context_settings=CONTEXT_SETTINGS)
@click.option("--outcome", "category", type=click.Choice(_categories()), default="safety", show_default=True,
              help="The outcome category.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="How many practices to rank.")
@click.option("--all", "every", is_flag=True,
              help="Every finding instead, one row each: practice, organisation, outcome (indicator, "
                   "value, unit, year), source paper and evidence sentence; the newest first "
                   "(the named query mechanisms with limit=0).")
@store_options
@output_options
@_fail_cleanly
def mechanisms(category, limit, every, store_dir, endpoint, infer, fmt):
    """Which practices link to outcomes of a category, ranked by the papers, organisations
    and findings behind them, each with one example finding (outcome, organisation, paper,
    sentence). --all lists every finding with its evidence, the newest first (the named
    query mechanisms with limit=0: `minekg query mechanisms` lists the first 100).

    \b
    Example:
        minekg mechanisms --outcome safety
        minekg mechanisms --outcome safety --all --format csv
        minekg mechanisms --outcome production --limit 5 --format json
    """
    if every:
        _run_named("mechanisms", {"category": category, "limit": "0"}, store_dir, endpoint, infer, fmt)
    else:
        _run_named("mechanism_ranking", {"category": category, "limit": str(limit)}, store_dir, endpoint,
                   infer, fmt)


@main.command(context_settings=CONTEXT_SETTINGS)
@click.option("--focus", "category", type=click.Choice(_categories()), default=None,
              help="Only the neighbourhood of outcomes of this category.")
@click.option("--focus-org", default=None, help="Only the neighbourhood of organisations whose name contains this.")
@click.option("--focus-practice", default=None, help="Only the neighbourhood of practices whose name contains this.")
@click.option("--depth", type=click.IntRange(1, 6), default=2, show_default=True, help="Hops around the focus.")
@click.option("--out", type=click.Path(dir_okay=False), default=f"{DEFAULT_OUT}/graph.html", show_default=True,
              help="The HTML file to write.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False), default=f"{DEFAULT_OUT}/store",
              show_default=True, help="The Oxigraph store written by `minekg build`.")
@_fail_cleanly
def viz(category, focus_org, focus_practice, depth, out, store_dir):
    """Write the interactive graph page (self-contained, works offline).

    \b
    Example:
        minekg viz --focus safety --out safety.html
        minekg viz --focus-org 西铭矿 --depth 2 --out ximing.html
    """
    from graph.network import focus, project
    from graph.store import open_graph
    from graph.viz import write_html

    g = focus(project(open_graph(store_dir)), category, focus_org, focus_practice, depth)
    path = write_html(g, out, heading="minekg · " + (category or focus_org or focus_practice or "全部"))
    click.echo(f"wrote {path} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)")


def analysis_options(fn):
    """``--store``, ``--format`` (table or json) and ``--limit`` of the analysis commands."""
    fn = click.option("--limit", type=click.IntRange(0), default=0, show_default=True,
                      help="Print at most this many rows (0: all).")(fn)
    fn = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
                      show_default=True, help="table, or json (a list of objects).")(fn)
    fn = click.option("--store", "store_dir", type=click.Path(file_okay=False), default=f"{DEFAULT_OUT}/store",
                      show_default=True, help="The Oxigraph store written by `minekg build`.")(fn)
    return fn


def _print_rows(items, fmt, limit, cols, row):
    """Print analysis results as a table (``row`` makes the cells) or as JSON."""
    from graph.query import format_table

    items = items[:limit] if limit else items
    if fmt == "json":
        click.echo(json.dumps([i.to_dict() for i in items], ensure_ascii=False, indent=2))
    else:
        click.echo(format_table(cols, [row(i) for i in items]), nl=False)


@main.command(context_settings=CONTEXT_SETTINGS)
@click.option("--outcome", "category", type=click.Choice(_categories()), default="safety", show_default=True,
              help="The outcome category.")
@analysis_options
@_fail_cleanly
def paths(category, store_dir, fmt, limit):
    """Practice → outcome paths to outcomes of a category, ranked, with evidence; models
    are credited with their parts' results and parts share their model's (partOf).

    \b
    Example:
        minekg paths --outcome safety
        minekg paths --outcome talent --format json --limit 5
    """
    from graph.analysis import paths as find_paths
    from graph.network import project
    from graph.store import open_graph

    found = find_paths(project(open_graph(store_dir)), category)
    _print_rows(found, fmt, limit, ["score", "via", "path", "value", "unit", "year", "source", "evidence"],
                lambda p: [f"{p.score:g}", p.via, " → ".join(p.labels), p.value, p.unit, p.year,
                           p.evidence[0].source if p.evidence else "",
                           p.evidence[0].sentence if p.evidence else ""])


@main.command(context_settings=CONTEXT_SETTINGS)
@analysis_options
@_fail_cleanly
def rank(store_dir, fmt, limit):
    """Rank mechanisms: practices by the outcomes and organisations they reach (degree,
    betweenness), and practices that recur across organisations.

    \b
    Example:
        minekg rank --limit 20
        minekg rank --format json
    """
    from graph.analysis import rank as rank_practices
    from graph.network import project
    from graph.store import open_graph

    rows = rank_practices(project(open_graph(store_dir)))
    _print_rows(rows, fmt, limit, ["practice", "domain", "outcomes", "categories", "organisations", "degree",
                                   "betweenness", "recurring"],
                lambda r: [r.label, r.domain, str(r.outcomes), ",".join(r.categories), str(r.organisations),
                           str(r.degree), f"{r.betweenness:.6f}", "yes" if r.recurring else ""])


@main.command(context_settings=CONTEXT_SETTINGS)
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("extractions", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--errors", is_flag=True, help="Also list, per paper, the misses and the false finds, each with its sentence "
                   "(tab-separated: unit, misses|false, paper, item, sentence).")
@_fail_cleanly
def evaluate(gold_dir, extractions, as_json, errors):
    """Score extractions against gold annotations (GUIDELINES.md matching rules):
    precision, recall and F1 per unit.

    \b
    Example:
        minekg evaluate data/gold build/extractions.jsonl
        minekg evaluate data/gold build/extractions.jsonl --errors
    """
    from extract.evaluate import evaluate as run

    ev = run(gold_dir, extractions)
    if as_json:
        click.echo(ev.to_json(with_errors=errors))
        return
    from graph.query import format_table

    rows = [[u, f"{f['precision']:.3f}", f"{f['recall']:.3f}", f"{f['f1']:.3f}", str(f["tp"]), str(f["gold"]),
             str(f["found"])] for u, f in ev.figures().items()]
    click.echo(format_table(["unit", "precision", "recall", "f1", "tp", "gold", "found"], rows), nl=False)
    if errors:
        for unit, errs in ev.errors().items():
            for kind in ("misses", "false"):
                for doc, item, sentence in errs[kind]:
                    click.echo(f"{unit}\t{kind}\t{doc}\t{item}\t{sentence}")


@main.command(context_settings=CONTEXT_SETTINGS)
@click.argument("practice")
@click.option("--extractions", type=click.Path(exists=True, dir_okay=False),
              default=f"{DEFAULT_OUT}/extractions.jsonl", show_default=True,
              help="The extractions.jsonl written by `minekg build`.")
@_fail_cleanly
def explain(practice, extractions):
    """Show, for one practice, the sentences where it was found, the rule that fired and
    the links made, with the rule of each.

    \b
    Example:
        minekg explain '“三三制隐患排查法”'
        minekg explain 三会一课 --extractions build/extractions.jsonl
    """
    from extract.explain import explain as run

    found = run(practice, [extractions])
    if not found:
        raise click.ClickException(f"no practice matching {practice!r} in {extractions}")
    for item in found:
        click.echo(item.to_text())
        click.echo("")


@main.command(context_settings=CONTEXT_SETTINGS)
@click.option("--store", "store_dir", type=click.Path(file_okay=False), default=f"{DEFAULT_OUT}/store",
              show_default=True, help="The Oxigraph store written by `minekg build`.")
@_fail_cleanly
def validate(store_dir):
    """Check the graph against the SHACL shapes (ontology/shapes.ttl); print each
    violation (node, property, what is wrong). Exit status 1 if any.

    \b
    Example:
        minekg validate --store build/store
    """
    from graph.store import open_graph
    from graph.validate import validate as run

    report = run(open_graph(store_dir))
    for v in report.violations:
        click.echo(str(v))
    if not report.conforms:
        raise click.ClickException(f"{len(report.violations)} violation(s) of the shapes")
    click.echo("the graph conforms to the shapes")


@main.command(context_settings=CONTEXT_SETTINGS)
@click.option("--format", "fmt", type=click.Choice(["ttl", "jsonld", "nt", "graphml", "gexf", "csv"]),
              required=True, help="RDF (ttl, jsonld, nt) or the network projection (graphml, gexf, csv).")
@click.option("--out", type=click.Path(), required=True,
              help="The file to write; for csv a folder (nodes.csv, edges.csv).")
@click.option("--store", "store_dir", type=click.Path(file_okay=False), default=f"{DEFAULT_OUT}/store",
              show_default=True, help="The Oxigraph store written by `minekg build`.")
@click.option("--infer", is_flag=True, help="Include the RDFS/OWL-RL entailments of the ontology.")
@_fail_cleanly
def export(fmt, out, store_dir, infer):
    """Export the graph as RDF or as a network for Gephi, Cytoscape or a spreadsheet.

    \b
    Example:
        minekg export --format gexf --out build/graph.gexf
        minekg export --format csv --out build/csv
    """
    from graph.export import ExportFormat, export_graph

    for path in export_graph(_graph(store_dir, None, infer), ExportFormat(fmt), out):
        click.echo(f"wrote {path}")


@main.command(context_settings=CONTEXT_SETTINGS)
@click.option("--store", "store_dir", type=click.Path(file_okay=False), default=f"{DEFAULT_OUT}/store",
              show_default=True, help="The Oxigraph store written by `minekg build`.")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True, help="Port on 127.0.0.1.")
@click.option("--writable", is_flag=True,
              help="Accept updates. Holds the store's folder (the build's output folder) as a build "
                   "does: no build into it meanwhile.")
@_fail_cleanly
def serve(store_dir, port, writable):
    """Serve the store as a SPARQL 1.1 endpoint (Oxigraph server) until Ctrl-C or kill.

    A read-only server follows the builds: when `minekg build` puts a new store in place
    it restarts on it (queries sent in that fraction of a second are refused).

    \b
    Example:
        minekg serve --port 7878
        minekg query mechanisms --endpoint http://127.0.0.1:7878/query
    """
    from extract.signals import exit_on_signals
    from graph.server import serve_until_stopped

    def started(server, again):
        mode = "read-write" if writable else "read-only"
        if again:
            click.echo(f"{store_dir} changed (a build put a new store in place); serving it")
        else:
            click.echo(f"SPARQL endpoint {server.query_url} ({mode}); Graph Store {server.store_url}; "
                       "Ctrl-C stops it")

    def failed(error):
        click.echo(f"{store_dir}: cannot serve it ({error}); trying again each second", err=True)

    with exit_on_signals():  # kill (SIGTERM …) stops the oxigraph server too
        serve_until_stopped(store_dir, port=port, writable=writable, started=started, failed=failed)


@main.command(context_settings=CONTEXT_SETTINGS)
@click.option("--endpoint", metavar="URL", required=True,
              help="The Graph Store Protocol endpoint (Oxigraph: http://HOST:PORT/store).")
@click.option("--graph", "graph_iri", metavar="IRI", default=None, help="Named graph to write (default graph if not given).")
@click.option("--ttl", type=click.Path(dir_okay=False), default=f"{DEFAULT_OUT}/graph.ttl", show_default=True,
              help="The Turtle file to load.")
@click.option("--append", is_flag=True, help="Add to the graph (POST) instead of replacing it (PUT).")
@_fail_cleanly
def push(endpoint, graph_iri, ttl, append):
    """Load graph.ttl into a SPARQL 1.1 server (Graph Store HTTP Protocol).

    \b
    Example:
        minekg serve --writable --port 7878 &
        minekg push --endpoint http://127.0.0.1:7878/store
    """
    from graph.server import push as run

    run(ttl, endpoint, graph=graph_iri, replace=not append)
    click.echo(f"pushed {ttl} to {endpoint}" + (f" graph {graph_iri}" if graph_iri else ""))


if __name__ == "__main__":  # pragma: no cover
    main()
